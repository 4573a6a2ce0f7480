"""The surveys' vocabularies: a survey's state and the kinds of question."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    # Open: invitations can be sent and answers are taken until ``closes_at``.
    OPEN = "open", pgettext_lazy("survey", "Läuft")
    CLOSED = "closed", pgettext_lazy("survey", "Abgeschlossen")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Eine Antwort")
    MULTIPLE = "multiple", _("Mehrere Antworten")
    LIKERT = "likert", _("Zustimmung (Skala)")
    NUMBER = "number", _("Zahl")
    SHORT_TEXT = "short_text", _("Kurzer Text")
    LONG_TEXT = "long_text", _("Langer Text")

    @classmethod
    def with_options(cls) -> frozenset[str]:
        return frozenset({cls.SINGLE, cls.MULTIPLE, cls.LIKERT})
