"""An organisation's invitations (an e-mail address) are kept only while they matter."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.retention import register_rule
from augenhoehe.core.services import log_redact

from .models import RepresentativeInvitation


def representative_invitations_purge(days: int) -> int:
    """Delete invitations accepted, revoked or expired more than ``days`` ago."""
    cutoff = timezone.now() - timedelta(days=days)
    ended = RepresentativeInvitation.objects.filter(
        Q(accepted_at__lt=cutoff)
        | Q(revoked_at__lt=cutoff)
        | Q(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lt=cutoff)
    )
    count = 0
    for invitation in ended:
        # The audit entries about it stay, without the address.
        log_redact(subject=invitation, actor=None, reason="retention")
        invitation.delete()
        count += 1
    return count


register_rule(
    "participation.invitations",
    kind=_("Einladungen in Organisationen"),
    models=["participation.RepresentativeInvitation"],
    setting="REPRESENTATIVE_INVITATION_RETENTION_DAYS",
    outcome=_(
        "Angenommene, zurückgezogene und abgelaufene Einladungen werden nach 30 Tagen gelöscht; das "
        "Protokoll bleibt."
    ),
    purge=representative_invitations_purge,
)
