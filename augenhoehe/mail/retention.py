"""Mails in the outbox are kept 30 days (``OUTBOX_RETENTION_DAYS``), then the daily run deletes them."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.retention import register_rule

from .models import OutboxMail


@transaction.atomic
def outbox_purge(*, days: int) -> int:
    """Delete the outbox mails sent more than ``days`` ago; how many."""
    # Outbox mails belong to no network (models.py), so no scope is needed to reach all of them.
    old = OutboxMail.objects.filter(sent_at__lt=timezone.now() - timedelta(days=days))
    count = old.count()
    old.delete()
    return count


register_rule(
    "mail.outbox",
    kind=_("Mails im Postausgang"),
    models=["mail.OutboxMail", "mail.OutboxRecipient"],
    setting="OUTBOX_RETENTION_DAYS",
    outcome=_("Die Mail wird mit ihren Empfängern gelöscht."),
    purge=lambda days: outbox_purge(days=days),
)
