"""Needs from which no cooperation was started are deleted after a period: their description may
name a person, and a search nobody followed up needs no keeping. A need that led to a cooperation
stays with it (the cooperation's page shows it)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.retention import register_rule

from .models import Need


def needs_purge(days: int) -> int:
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _by_model = Need.objects.filter(cooperation__isnull=True, created_at__lt=cutoff).delete()
    return deleted


register_rule(
    "matching.needs",
    kind=_("Bedarfe ohne Kooperation"),
    models=["matching.Need"],
    setting="NEED_RETENTION_DAYS",
    outcome=_("Der Bedarf wird gelöscht; Bedarfe, aus denen eine Kooperation begonnen wurde, bleiben."),
    purge=needs_purge,
)
