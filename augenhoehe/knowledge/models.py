"""What communities know about the guide's central questions, in their organisations' words.

An answer is contributed to one network, which reviews it; once published it is public
(communities share it on purpose). Until then only its organisation and that network read it.
"""

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_scopes import ScopedManager

from augenhoehe.core.languages import Language
from augenhoehe.core.models import Network, Translated
from augenhoehe.core.text import fold
from augenhoehe.directory.models import Organisation

from .choices import AnswerStatus, Question

if TYPE_CHECKING:
    from augenhoehe.core.typing import NetworkScopedManager

ANSWER_MAX_LENGTH = 4000


def validate_country(code: str) -> None:
    if code not in countries:
        raise ValidationError(_("Bitte wählen Sie das Herkunftsland."))


class Answer(Translated):
    """An organisation's answer to one central question, for the community of one country of origin.

    Written in ``language``; versions in other languages in ``translations``, the original the fallback.
    """

    TRANSLATABLE = ("text",)

    network = models.ForeignKey(
        Network, verbose_name=_("Netzwerk"), on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("Organisation"), on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    question = models.CharField(_("Frage"), max_length=20, choices=Question.choices)
    # An ISO 3166 code as the directory's country tags keep it; a plain column (not django-countries'
    # field) so that exports and the audit log read a string.
    country = models.CharField(_("Herkunftsland der Community"), max_length=2, validators=[validate_country])
    language = models.CharField(_("Sprache der Antwort"), max_length=3, choices=Language.choices)
    text = models.TextField(_("Antwort"), max_length=ANSWER_MAX_LENGTH)
    # The text folded (umlauts, case) for search; written on every save from ``text``.
    text_folded = models.TextField(editable=False, blank=True)
    status = models.CharField(
        _("Stand"), max_length=20, choices=AnswerStatus.choices, default=AnswerStatus.SUBMITTED
    )
    return_reason = models.TextField(_("Grund der Rückgabe"), blank=True, max_length=2000)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("Geprüft am"), null=True, blank=True)
    created_at = models.DateTimeField(_("Eingereicht am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    objects: ClassVar["NetworkScopedManager[Answer]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Answer]"]

    class Meta:
        ordering = ["question", "-created_at", "-pk"]
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        indexes = [models.Index(fields=["status", "country", "question"])]

    ORIGINAL_LANGUAGE_STATED: ClassVar[bool] = True

    @property
    def base_language(self) -> str:
        return self.language

    def __str__(self) -> str:
        return f"{self.question} {self.country}: {self.text[:40]}"

    def save(self, *args, **kwargs) -> None:
        # The versions in other languages too: a German search finds a Turkish answer by its German version.
        versions = [str(fields.get("text") or "") for fields in (self.translations or {}).values()]
        self.text_folded = fold(" ".join([self.text, *versions]))
        if kwargs.get("update_fields") and {"text", "translations"} & set(kwargs["update_fields"]):
            kwargs["update_fields"] = {*kwargs["update_fields"], "text_folded"}
        super().save(*args, **kwargs)

    @property
    def country_name(self) -> str:
        return str(countries.name(self.country))

    @property
    def is_published(self) -> bool:
        return self.status == AnswerStatus.PUBLISHED
