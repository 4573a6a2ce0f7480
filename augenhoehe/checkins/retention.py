"""A partner's check-in contact is kept while the cooperation runs and a while after it ended.

The contact's row goes with the partner (removed from the cooperation) at once, by its key.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.retention import register_rule

from .models import CheckinContact
from .services import CLOSED_STAGES


def contacts_purge(days: int) -> int:
    """Delete the contacts of cooperations that ended (or were evaluated) more than ``days`` ago."""
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _by_model = CheckinContact.objects.filter(
        partner__cooperation__stage__in=CLOSED_STAGES, partner__cooperation__stage_changed_at__lt=cutoff
    ).delete()
    return deleted


register_rule(
    "checkins.contacts",
    kind=_("Ansprechpersonen für Check-ins"),
    models=["checkins.CheckinContact"],
    setting="CHECKIN_CONTACT_RETENTION_DAYS",
    outcome=_("Name und E-Mail der Ansprechperson werden gelöscht; die Bewertungen bleiben."),
    purge=contacts_purge,
)
