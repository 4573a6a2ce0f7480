"""What every write of this app checks first."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from augenhoehe.accounts.permissions import is_staff_of
from augenhoehe.core.models import Network


def require_staff(actor, network: Network) -> None:
    if not is_staff_of(actor, network):
        raise ValidationError(_("Nur Mitarbeitende dieses Netzwerks dürfen das."))
