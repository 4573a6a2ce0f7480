"""An organisation's invitations (an e-mail address) are kept only while they matter."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.retention import register_rule

from .models import RepresentativeInvitation


def representative_invitations_purge(days: int) -> int:
    """Delete invitations accepted, revoked or expired more than ``days`` ago."""
    cutoff = timezone.now() - timedelta(days=days)
    ended = RepresentativeInvitation.objects.filter(
        Q(accepted_at__lt=cutoff)
        | Q(revoked_at__lt=cutoff)
        | Q(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lt=cutoff)
    )
    # The audit entries are on the organisation and hold no address: nothing there to redact.
    return ended.delete()[1].get(RepresentativeInvitation._meta.label, 0)


register_rule(
    "participation.invitations",
    kind=_("Einladungen in Organisationen"),
    models=["participation.RepresentativeInvitation"],
    setting="REPRESENTATIVE_INVITATION_RETENTION_DAYS",
    outcome=_(
        "Angenommene, zurückgezogene und abgelaufene Einladungen werden nach der eingestellten Frist "
        "gelöscht. Das Protokoll der Organisation bleibt, es enthält keine Adressen."
    ),
    purge=representative_invitations_purge,
)
