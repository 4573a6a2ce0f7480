"""An organisation answering its survey through its personal link: one response per organisation,
saved section by section as it goes, submitted (and corrected until the closing date).

Decisions:
- The response is created on the first save, not on opening the link (a mail client's link
  scanner would otherwise "start" every survey); ``response_open`` gets or creates it under the
  unique constraint, so two devices saving at once still share one response.
- A save replaces the answers to the questions of one section under a lock on the response (an
  autosave and a click at the same moment would otherwise both insert); afterwards every answer to
  a question whose condition no longer holds is deleted (``conditions.visible_questions``), so the
  results never count hidden answers.
- A submitted response whose required answers a later save empties is no longer submitted: the
  organisation is asked to send it again, so the results never count an incomplete one.
- Required questions (and the text of a chosen "other, namely") are checked on submitting;
  ``missing`` gives them, and the page shows them as a warning on "Weiter".
- Submitting copies the profile attributes the results are crossed by; submitting again updates them.
- Every writer of answers marks each answer's first row (``mark_first``), as the results count
  respondents by it.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.services import log_action

from .choices import QuestionKind
from .conditions import Condition, visible_questions
from .models import (
    SurveyAnswer,
    SurveyInvitation,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
)


@dataclass(frozen=True)
class AnswerValue:
    """One answer row as a form gives it: a chosen option (with the "other" text), a number or a text."""

    option: int | None = None
    number: Decimal | None = None
    text: str = ""


@dataclass
class Questionnaire:
    """A survey's sections and questions in order, with options and conditions (loaded in 4 queries)."""

    sections: list[SurveySection]
    questions: list[SurveyQuestion] = field(default_factory=list)

    def section_questions(self, section: SurveySection) -> list[SurveyQuestion]:
        return [q for q in self.questions if q.section_id == section.pk]

    def conditions(self) -> list[Condition]:
        return [
            Condition(
                question=q.pk,
                on=q.condition_question_id,
                options=frozenset(o.pk for o in q.condition_options.all()),
            )
            for q in self.questions
        ]

    def visible(self, answers: dict[int, list[AnswerValue]]) -> set[int]:
        chosen = {value.option for values in answers.values() for value in values if value.option}
        return visible_questions(self.conditions(), chosen)


def questionnaire_load(*, survey) -> Questionnaire:
    """The questionnaire of ``survey`` in the order it is answered."""
    sections = list(SurveySection.objects.filter(survey=survey).order_by("position", "pk"))
    questions = list(
        SurveyQuestion.objects.filter(survey=survey)
        .order_by("section__position", "section_id", "position", "pk")
        .prefetch_related(
            Prefetch("options", queryset=SurveyOption.objects.order_by("position", "pk")),
            Prefetch("condition_options", queryset=SurveyOption.objects.only("pk")),
        )
    )
    return Questionnaire(sections=sections, questions=questions)


def response_find(*, invitation: SurveyInvitation) -> SurveyResponse | None:
    """The organisation's response to the survey, if it saved anything yet."""
    return SurveyResponse.objects.filter(
        survey_id=invitation.survey_id, organisation_id=invitation.organisation_id
    ).first()


def response_open(*, invitation: SurveyInvitation) -> SurveyResponse:
    """The organisation's response to the survey, created on its first save (race-safe)."""
    fields = {"survey_id": invitation.survey_id, "organisation_id": invitation.organisation_id}
    response = SurveyResponse.objects.filter(**fields).first()
    if response is not None:
        return response
    try:
        with transaction.atomic():
            return SurveyResponse.objects.create(
                **fields,
                network_id=invitation.network_id,
                invitation=invitation,
                language=invitation.language,
            )
    except IntegrityError:
        # Another device opened the link in the same moment.
        return SurveyResponse.objects.get(**fields)


def answers_of(*, response: SurveyResponse) -> dict[int, list[AnswerValue]]:
    """The stored answers by question id (none for a response not saved yet)."""
    answers: dict[int, list[AnswerValue]] = {}
    if response.pk is None:
        return answers
    for row in SurveyAnswer.objects.filter(response=response).order_by("pk"):
        answers.setdefault(row.question_id, []).append(
            AnswerValue(option=row.option_id, number=row.number, text=row.text)
        )
    return answers


def missing(*, questionnaire: Questionnaire, answers: dict[int, list[AnswerValue]]) -> dict[int, str]:
    """Questions shown but not answered as they must be, with what is missing, by question id."""
    visible = questionnaire.visible(answers)
    found: dict[int, str] = {}
    for question in questionnaire.questions:
        if question.pk not in visible:
            continue
        values = answers.get(question.pk, [])
        other = {o.pk for o in question.options.all() if o.is_other}
        if question.required and not values:
            found[question.pk] = str(_("Bitte beantworten Sie diese Frage."))
        elif any(v.option in other and not v.text.strip() for v in values):
            found[question.pk] = str(_("Bitte schreiben Sie, was Sie mit „Sonstiges“ meinen."))
    return found


def mark_first(rows: Iterable[SurveyAnswer]) -> None:
    """Set ``is_first`` on the first row of each (response, question) among ``rows`` and clear it
    on the others; ``rows`` must hold whole answers (all chosen options of a question)."""
    seen: set[tuple[int, int]] = set()
    for row in rows:
        key = (row.response_id, row.question_id)
        row.is_first = key not in seen
        seen.add(key)


def _rows(
    response: SurveyResponse, question: SurveyQuestion, values: list[AnswerValue]
) -> list[SurveyAnswer]:
    keep_text = question.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)
    other = {o.pk for o in question.options.all() if o.is_other}
    rows = []
    for value in values:
        text = value.text if keep_text or value.option in other else ""
        if question.has_options and value.option is None:
            continue
        if not question.has_options and value.number is None and not text.strip():
            continue
        rows.append(
            SurveyAnswer(
                network_id=response.network_id,
                response=response,
                question=question,
                option_id=value.option,
                number=value.number,
                text=text,
            )
        )
    return rows


@transaction.atomic
def section_save(
    *,
    response: SurveyResponse,
    questionnaire: Questionnaire,
    questions: list[SurveyQuestion],
    values: dict[int, list[AnswerValue]],
    language: str,
) -> bool:
    """Replace the answers to ``questions`` with ``values`` (validated by the form), then delete the
    answers to every question now hidden. Whether a submission was withdrawn because required
    answers are now missing."""
    locked = SurveyResponse.objects.select_for_update().get(pk=response.pk)
    response.submitted_at = locked.submitted_at
    ids = [q.pk for q in questions]
    SurveyAnswer.objects.filter(response=response, question_id__in=ids).delete()
    rows = [row for q in questions for row in _rows(response, q, values.get(q.pk, []))]
    for row in rows:
        row.full_clean(exclude=["network", "response", "question", "option"])
    mark_first(rows)
    SurveyAnswer.objects.bulk_create(rows)
    answers = answers_of(response=response)
    visible = questionnaire.visible(answers)
    hidden = [q for q in answers if q not in visible]
    if hidden:
        SurveyAnswer.objects.filter(response=response, question_id__in=hidden).delete()
        answers = {q: values for q, values in answers.items() if q in visible}
    withdrawn = response.submitted_at is not None and bool(
        missing(questionnaire=questionnaire, answers=answers)
    )
    if withdrawn:
        response.submitted_at = None
    response.language = language
    response.save(update_fields=["language", "submitted_at", "updated_at"])
    return withdrawn


@transaction.atomic
def response_submit(*, response: SurveyResponse, questionnaire: Questionnaire) -> SurveyResponse:
    """Send the answers: all required ones given; the organisation's profile is copied for the results."""
    if missing(questionnaire=questionnaire, answers=answers_of(response=response)):
        raise ValidationError(_("Es fehlen noch Antworten."))
    organisation = response.organisation
    if organisation is not None:
        response.kreis_id = organisation.kreis_id
        response.kind = organisation.kind
        response.self_understanding = organisation.self_understanding
        response.staffing = organisation.staffing
    again = response.submitted_at is not None
    response.submitted_at = timezone.now()
    response.save()
    # The link is the actor: no person is known, and the data hold no answer.
    log_action(
        subject=response,
        action="surveys.response.submitted",
        network=response.survey.network,
        data={"again": again},
    )
    return response
