"""Surveys of a network's organisations (issue 13, points 1–3).

A ``Survey`` has ``SurveySection``s holding ``SurveyQuestion``s; a choice or Likert question has
``SurveyOption``s (a Likert item's options are its scale points, in order, those that count as
agreement marked). A question may be shown only if an earlier question's answer is one of some
options (``condition_question``, ``condition_options``).

Every text a respondent reads is written in German and may be translated: ``translations`` holds
``{language code: {field: text}}`` for the row's translatable fields (``TRANSLATABLE``), and
``translated(field, language)`` gives the text with the language it is really in, German being the
fallback (the page marks it with ``lang``).

An organisation is invited once per survey (``SurveyInvitation``, a personal link, no account) and
answers once (``SurveyResponse``, saved as it goes, ``submitted_at`` once sent). A response copies
the profile attributes the results are crossed by (Kreis, kind, self-understanding, staffing) when
it is submitted, so the results do not move when a profile changes later. ``SurveyAnswer`` holds
one row per chosen option (single, multiple, Likert; with ``text`` for "other, namely"), or one
row with ``number`` or ``text``; ``is_first`` marks one row of each answer, so that the results
count respondents without ``COUNT(DISTINCT)``.

Every row belongs to one network and is read in its scope.
"""

import uuid
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from augenhoehe.core.languages import Language
from augenhoehe.core.models import BASE_LANGUAGE, Kreis, Network, Translated
from augenhoehe.directory import choices as directory_choices
from augenhoehe.directory.models import Organisation

from .choices import QuestionKind, SurveyStatus

if TYPE_CHECKING:
    from augenhoehe.core.typing import NetworkScopedManager


class Survey(Translated):
    """One questionnaire and its round of answers ("Befragung der MSO 2026")."""

    TRANSLATABLE = ("title", "introduction")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("Titel"), max_length=200)
    introduction = models.TextField(
        _("Einleitung"),
        blank=True,
        help_text=_("Wozu die Befragung dient, wie lange sie dauert, was mit den Antworten geschieht."),
    )
    status = models.CharField(
        _("Stand"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    closes_at = models.DateTimeField(_("Antworten möglich bis"), null=True, blank=True)
    # The languages besides German the questionnaire is offered in (codes of ``Language``).
    languages = models.JSONField(_("Sprachen"), default=list, blank=True)
    # The template it was made from ("nrw-2019"), if any.
    template = models.CharField(max_length=50, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Angelegt am"), default=timezone.now)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    objects: ClassVar["NetworkScopedManager[Survey]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[Survey]"]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Befragung")
        verbose_name_plural = _("Befragungen")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", kwargs={"pk": self.pk})

    def is_open_at(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == SurveyStatus.OPEN and (self.closes_at is None or now < self.closes_at)


class SurveySection(Translated):
    """A part of the questionnaire with its own heading ("Tätigkeitsfelder")."""

    TRANSLATABLE = ("title", "description")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("Überschrift"), max_length=200)
    description = models.TextField(_("Erläuterung"), blank=True)

    objects: ClassVar["NetworkScopedManager[SurveySection]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[SurveySection]"]

    class Meta:
        ordering = ["survey", "position", "pk"]
        verbose_name = _("Abschnitt")
        verbose_name_plural = _("Abschnitte")

    def __str__(self) -> str:
        return self.title


class SurveyQuestion(Translated):
    """One question. Its ``code`` names it in exports (``q12``) and stays when the text changes."""

    TRANSLATABLE = ("text", "help_text")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(SurveySection, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    code = models.SlugField(_("Kürzel"), max_length=30)
    kind = models.CharField(_("Art der Frage"), max_length=20, choices=QuestionKind.choices)
    text = models.CharField(_("Frage"), max_length=500)
    help_text = models.TextField(_("Hinweis zur Frage"), blank=True)
    required = models.BooleanField(_("Antwort erforderlich"), default=False)
    # Number questions: the bounds an answer must keep, if any.
    number_min = models.DecimalField(
        _("Kleinste Zahl"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    number_max = models.DecimalField(_("Größte Zahl"), max_digits=12, decimal_places=2, null=True, blank=True)
    # Shown only if the answer to an earlier question is one of ``condition_options``.
    condition_question = models.ForeignKey(
        "self",
        verbose_name=_("Nur zeigen, wenn bei Frage"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependent_questions",
    )
    condition_options: "models.ManyToManyField[SurveyOption, models.Model]" = models.ManyToManyField(
        "SurveyOption",
        verbose_name=_("eine dieser Antworten gewählt wurde"),
        blank=True,
        related_name="+",
    )
    # When the question was added: responses submitted before did not see it (results' "missing").
    created_at = models.DateTimeField(_("angelegt"), default=timezone.now, editable=False)

    objects: ClassVar["NetworkScopedManager[SurveyQuestion]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[SurveyQuestion]"]

    class Meta:
        ordering = ["survey", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["survey", "code"], name="survey_question_code_unique")]
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")

    def __str__(self) -> str:
        return self.text

    @property
    def has_options(self) -> bool:
        return self.kind in QuestionKind.with_options()


class SurveyOption(Translated):
    """An answer to choose: a choice, or a Likert item's scale point (in order, agreement first)."""

    TRANSLATABLE = ("label",)

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveIntegerField(default=0)
    label = models.CharField(_("Antwort"), max_length=200)
    # "Sonstiges, nämlich …": choosing it asks for a text.
    is_other = models.BooleanField(_("mit Textfeld („Sonstiges, nämlich“)"), default=False)
    # Likert: counts as agreement when the scale is collapsed ("trifft voll und ganz zu", "trifft eher zu").
    is_agreement = models.BooleanField(_("zählt als Zustimmung"), default=False)

    objects: ClassVar["NetworkScopedManager[SurveyOption]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[SurveyOption]"]

    class Meta:
        ordering = ["question", "position", "pk"]
        verbose_name = _("Antwortmöglichkeit")
        verbose_name_plural = _("Antwortmöglichkeiten")

    def __str__(self) -> str:
        return self.label


class SurveyInvitation(models.Model):
    """An organisation's personal link to a survey, mailed to its address (no account needed).

    The link is signed over the invitation and its ``key``; a new key (``key_renew``) makes old
    links void. ``email`` is the address it was sent to, for reminders.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    language = models.CharField(
        _("Sprache der Einladung"), max_length=5, choices=Language.choices, default=BASE_LANGUAGE
    )
    invited_at = models.DateTimeField(_("Eingeladen am"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("Zuletzt erinnert am"), null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(_("Erinnerungen"), default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects: ClassVar["NetworkScopedManager[SurveyInvitation]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[SurveyInvitation]"]

    class Meta:
        ordering = ["survey", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "organisation"], name="survey_invitation_organisation_unique"
            )
        ]
        verbose_name = _("Einladung zur Befragung")
        verbose_name_plural = _("Einladungen zur Befragung")

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.organisation_id}"


class SurveyResponse(models.Model):
    """An organisation's answers to a survey: one per organisation, saved as they are given.

    The profile attributes the results are crossed by are copied when the response is submitted.
    When the organisation is deleted, its submitted response stays, without it, for the results.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invitation = models.OneToOneField(
        SurveyInvitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="response"
    )
    language = models.CharField(max_length=5, choices=Language.choices, default=BASE_LANGUAGE)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The profile as it was when the answers were sent (for cross tables).
    kreis = models.ForeignKey(Kreis, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=20, choices=directory_choices.Kind.choices, blank=True)
    self_understanding = models.CharField(
        max_length=20, choices=directory_choices.SelfUnderstanding.choices, blank=True
    )
    staffing = models.CharField(max_length=20, choices=directory_choices.Staffing.choices, blank=True)

    objects: ClassVar["NetworkScopedManager[SurveyResponse]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[SurveyResponse]"]

    class Meta:
        ordering = ["survey", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "organisation"], name="survey_response_organisation_unique"
            )
        ]
        indexes = [models.Index(fields=["survey", "submitted_at"])]
        verbose_name = _("Antwortbogen")
        verbose_name_plural = _("Antwortbögen")

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.organisation_id}"


class SurveyAnswer(models.Model):
    """One answer: a chosen option (with ``text`` for "other, namely"), a number or a text."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(
        SurveyOption, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    # The first row of this response's answer to this question (a number's, a text's and a single
    # choice's only row; the first chosen option of a multiple choice): the results count
    # respondents as these rows in the same GROUP BY as the options, not with COUNT(DISTINCT).
    # Whoever writes answers sets it (``answering.mark_first``); the database allows one per answer.
    is_first = models.BooleanField(default=False)

    objects: ClassVar["NetworkScopedManager[SurveyAnswer]"] = ScopedManager(network="network")
    _default_manager: ClassVar["NetworkScopedManager[SurveyAnswer]"]

    class Meta:
        # By the columns, not by the related models' orderings: those would join three more tables,
        # and PostgreSQL refuses FOR UPDATE on the nullable side of an outer join (erasure locks answers).
        ordering = ["response_id", "question_id", "option_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "option"],
                condition=Q(option__isnull=False),
                name="survey_answer_option_unique",
            ),
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=Q(option__isnull=True),
                name="survey_answer_value_unique",
            ),
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=Q(is_first=True),
                name="survey_answer_first_unique",
            ),
        ]
        indexes = [models.Index(fields=["question", "option"])]
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"
