"""Mails as the outbox backend kept them, so that a demo's newcomer (or a test) can read them.

An outbox mail belongs to the installation, not to one network: the mail system does not know
which network a mail is for. Who may read it follows from its recipients (``selectors``).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMail(models.Model):
    """One message as it was sent: subject, both parts, its language and when."""

    subject = models.CharField(_("Betreff"), max_length=998)
    from_email = models.CharField(_("Absender"), max_length=320)
    body = models.TextField(_("Text"))
    html = models.TextField(_("HTML-Teil"), blank=True)
    language = models.CharField(_("Sprache"), max_length=10, blank=True)
    sent_at = models.DateTimeField(_("Gesendet am"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("Mail im Postausgang")
        verbose_name_plural = _("Mails im Postausgang")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class OutboxRecipient(models.Model):
    """One address a mail went to (to, cc or bcc), lower-cased so that access can match it."""

    class Kind(models.TextChoices):
        TO = "to", _("An")
        CC = "cc", _("Kopie")
        BCC = "bcc", _("Blindkopie")

    mail = models.ForeignKey(OutboxMail, on_delete=models.CASCADE, related_name="recipients")
    address = models.CharField(_("Adresse"), max_length=320, db_index=True)
    kind = models.CharField(_("Art"), max_length=3, choices=Kind.choices, default=Kind.TO)

    class Meta:
        verbose_name = _("Empfänger")
        verbose_name_plural = _("Empfänger")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.address
