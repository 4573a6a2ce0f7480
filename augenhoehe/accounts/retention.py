"""Invitations (an e-mail address) are kept only while they matter: accepted, revoked or expired ones go."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.retention import register_rule
from augenhoehe.core.services import log_redact

from .models import Invitation


def invitations_purge(days: int) -> int:
    """Delete invitations that ended (accepted, revoked or expired) more than ``days`` ago."""
    cutoff = timezone.now() - timedelta(days=days)
    ended = Invitation.objects.filter(
        Q(accepted_at__lt=cutoff)
        | Q(revoked_at__lt=cutoff)
        | Q(accepted_at__isnull=True, expires_at__lt=cutoff)
    )
    count = 0
    for invitation in ended:
        # The audit entries about it stay, without the address.
        log_redact(subject=invitation, actor=None, reason="retention")
        invitation.delete()
        count += 1
    return count


register_rule(
    "accounts.invitations",
    kind=_("Einladungen"),
    models=["accounts.Invitation"],
    setting="INVITATION_RETENTION_DAYS",
    outcome=_(
        "Angenommene, zurückgezogene und abgelaufene Einladungen werden gelöscht; das Protokoll bleibt."
    ),
    purge=invitations_purge,
)
