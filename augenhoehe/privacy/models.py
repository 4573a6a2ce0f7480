"""Consents a person gave (what, when, to which text version) and withdrew."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Consent(models.Model):
    """``user`` (or, without an account, ``email``) consented to ``purpose`` in the wording of ``version``.

    The wording itself is kept as proof of what was consented to. A withdrawal
    ends the consent but keeps the record until the retention period is over.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consents",
    )
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    purpose = models.CharField(_("Zweck"), max_length=50)
    version = models.CharField(_("Fassung des Textes"), max_length=20)
    text = models.TextField(_("Wortlaut"))
    language = models.CharField(_("Sprache"), max_length=10)
    given_at = models.DateTimeField(_("Erteilt am"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("Widerrufen am"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-pk"]
        indexes = [models.Index(fields=["user", "purpose"])]
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
        # Not a network's business: the installation's data protection officer holds this capability.
        permissions = [("act_as_dpo", _("Als Datenschutzbeauftragte Person handeln"))]

    def __str__(self) -> str:
        return f"{self.purpose} {self.version}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
