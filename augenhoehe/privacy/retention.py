"""Withdrawn consents are kept as proof for a while, then deleted."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.retention import register_rule

from .models import Consent


def consents_purge(days: int) -> int:
    """Delete consents withdrawn more than ``days`` ago."""
    deleted, _by_model = Consent.objects.filter(
        withdrawn_at__lt=timezone.now() - timedelta(days=days)
    ).delete()
    return deleted


register_rule(
    "privacy.consents",
    kind=_("Widerrufene Einwilligungen"),
    models=["privacy.Consent"],
    setting="CONSENT_RETENTION_DAYS",
    outcome=_("Der Nachweis der widerrufenen Einwilligung wird gelöscht."),
    purge=consents_purge,
)
