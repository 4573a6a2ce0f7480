"""Writes of the questionnaire builder: surveys, sections, questions with their options, their
order, their state, their translations.

Decisions:
- Positions are dense (1, 2, 3 … within the survey for sections, within the section for questions
  and within the question for options) and rewritten after every insert, move and delete, so the
  order is never ambiguous and "up"/"down" is a swap with the neighbour.
- A question's place is (section position, question position). A condition may only name an
  earlier question that has options; every write that could break this (a new condition, a move)
  checks the whole survey before it commits, so a survey never holds a condition on a later question.
- Once a survey has a response its structure is frozen (``survey_is_frozen``): no question, section
  or option is deleted, no kind changes, an answered option keeps its place, "Sonstiges, nämlich"
  stays as it is and a scale keeps its number of points, because answers point at these rows and
  read them by place. Texts, translations and the order of questions stay editable. A closed survey
  is finished: its structure and texts no longer change (translations still may).
- Options are matched by label when a question is saved: a line with a stored option's label is
  that option (wherever it now stands); a line whose label is new corrects the option at its place
  if that option's label is gone, else it is a new option. A corrected label loses its
  translations (they translated the old text). So deleting or reordering lines never moves
  answers, translations or conditions onto another option.
- An option a condition names is not removed, and a question others depend on keeps a kind with
  options: a condition never ends up without answers (``survey_open_problems`` reports it anyway).
- Every write that counts positions or codes first locks the survey's row
  (``select_for_update``), so two staff members adding at once get one position each.
- ``code`` (``q1``, ``q2`` …) names a question in exports: assigned once as the next free number,
  never reused, and only changed while the survey is a draft.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from augenhoehe.core.languages import Language
from augenhoehe.core.models import Network
from augenhoehe.core.services import log_action

from .choices import QuestionKind, SurveyStatus
from .models import BASE_LANGUAGE, Survey, SurveyAnswer, SurveyOption, SurveyQuestion, SurveySection

UP, DOWN = "up", "down"
_CODE = re.compile(r"^q(\d+)$")


@dataclass(frozen=True)
class OptionSpec:
    """An option as the question form gives it."""

    label: str
    is_other: bool = False
    is_agreement: bool = False


def survey_is_frozen(*, survey: Survey) -> bool:
    """Whether any organisation has started answering: then nothing that answers point at may go."""
    return survey.responses.exists()


def _refuse_if_frozen(survey: Survey) -> None:
    if survey_is_frozen(survey=survey):
        raise ValidationError(
            _("Es gibt schon Antworten: Fragen, Abschnitte und Antwortmöglichkeiten bleiben jetzt stehen.")
        )


def _lock(survey: Survey) -> None:
    """Take the survey's row lock for this transaction and read its state afresh: writes to one
    survey's structure run one after another."""
    survey.status = Survey.objects.select_for_update().values_list("status", flat=True).get(pk=survey.pk)


def _refuse_if_closed(survey: Survey) -> None:
    if survey.status == SurveyStatus.CLOSED:
        raise ValidationError(_("Die Befragung ist abgeschlossen."))


def _refuse_unless_draft(survey: Survey) -> None:
    if survey.status != SurveyStatus.DRAFT:
        raise ValidationError(_("Das geht nur, solange die Befragung ein Entwurf ist."))


def _languages(languages: Iterable[str]) -> list[str]:
    known = set(Language.values) - {BASE_LANGUAGE}
    chosen = list(dict.fromkeys(languages))
    if any(code not in known for code in chosen):
        raise ValidationError({"languages": _("Diese Sprache gibt es hier nicht.")})
    return chosen


def _check_closes_at(closes_at: datetime | None) -> None:
    if closes_at is not None and closes_at <= timezone.now():
        raise ValidationError({"closes_at": _("Der Termin liegt in der Vergangenheit.")})


def _log(survey: Survey, action: str, actor, **data: Any) -> None:
    log_action(subject=survey, action=action, actor=actor, network=survey.network, data=data or None)


@transaction.atomic
def survey_create(
    *,
    network: Network,
    actor,
    title: str,
    introduction: str = "",
    languages: Iterable[str] = (),
    closes_at: datetime | None = None,
    template: str = "",
) -> Survey:
    """A new draft survey of ``network``."""
    _check_closes_at(closes_at)
    survey = Survey(
        network=network,
        title=title,
        introduction=introduction,
        languages=_languages(languages),
        closes_at=closes_at,
        template=template,
        created_by=actor,
    )
    survey.full_clean()
    survey.save()
    _log(survey, "surveys.survey.created", actor, template=template)
    return survey


@transaction.atomic
def survey_update(
    *, survey: Survey, actor, title: str, introduction: str, languages: Iterable[str], closes_at
) -> Survey:
    """Change the survey's settings; a closing date must lie ahead."""
    _lock(survey)
    if closes_at != survey.closes_at:
        _check_closes_at(closes_at)
    survey.title, survey.introduction = title, introduction
    survey.languages, survey.closes_at = _languages(languages), closes_at
    survey.full_clean()
    survey.save()
    _log(survey, "surveys.survey.changed", actor)
    return survey


def survey_open_problems(*, survey: Survey) -> list[str]:
    """Why the survey cannot be opened yet (empty when it can)."""
    questions = list(survey.questions.all().prefetch_related("options", "condition_options"))
    problems = [] if questions else [_("Die Befragung hat noch keine Frage.")]
    for question in questions:
        if question.has_options and len(question.options.all()) < 2:
            problems.append(
                _("Frage „%(text)s“ braucht mindestens zwei Antwortmöglichkeiten.") % {"text": question.text}
            )
        if question.condition_question_id and not question.condition_options.all():
            problems.append(
                _("Frage „%(text)s“ hat eine Bedingung ohne Antworten: die Bedingung ändern.")
                % {"text": question.text}
            )
    return problems


@transaction.atomic
def survey_open(*, survey: Survey, actor) -> Survey:
    """Draft → open: answers are taken from now on."""
    _lock(survey)
    _refuse_unless_draft(survey)
    if problems := survey_open_problems(survey=survey):
        raise ValidationError(problems)
    _check_closes_at(survey.closes_at)
    survey.status = SurveyStatus.OPEN
    survey.save(update_fields=["status", "updated_at"])
    _log(survey, "surveys.survey.opened", actor)
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, actor) -> Survey:
    """Open → closed: no more answers."""
    _lock(survey)
    if survey.status != SurveyStatus.OPEN:
        raise ValidationError(_("Nur eine laufende Befragung kann abgeschlossen werden."))
    survey.status = SurveyStatus.CLOSED
    survey.save(update_fields=["status", "updated_at"])
    _log(survey, "surveys.survey.closed", actor)
    return survey


@transaction.atomic
def survey_delete(*, survey: Survey, actor) -> None:
    """Delete a draft (with its sections and questions)."""
    _lock(survey)
    _refuse_unless_draft(survey)
    _refuse_if_frozen(survey)
    _log(survey, "surveys.survey.deleted", actor, title=survey.title)
    survey.delete()


def _renumber(rows: Sequence[Model]) -> None:
    for position, row in enumerate(rows, start=1):
        if row.position != position:  # type: ignore[attr-defined]
            row.position = position  # type: ignore[attr-defined]
            row.save(update_fields=["position"])


def _swap(rows: list, row: Model, direction: str) -> None:
    index = rows.index(row)
    other = index - 1 if direction == UP else index + 1
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
    _renumber(rows)


def _check_conditions(survey: Survey) -> None:
    """Every condition names an earlier question (in the order after this write)."""
    order: dict[int | None, tuple[int, int]] = {
        q.pk: (q.section.position, q.position) for q in survey.questions.select_related("section")
    }
    dependent = survey.questions.filter(condition_question__isnull=False)
    for pk, condition, text in dependent.values_list("pk", "condition_question", "text"):
        if order[condition] >= order[pk]:
            raise ValidationError(
                _("„%(text)s“ hängt von einer Frage ab, die danach käme; die Bedingung zuerst ändern.")
                % {"text": text}
            )


@transaction.atomic
def section_create(*, survey: Survey, actor, title: str, description: str = "") -> SurveySection:
    """A new section at the end of the survey."""
    _lock(survey)
    _refuse_if_closed(survey)
    section = SurveySection(
        network=survey.network,
        survey=survey,
        position=survey.sections.count() + 1,
        title=title,
        description=description,
    )
    section.full_clean()
    section.save()
    _log(survey, "surveys.section.added", actor, position=section.position)
    return section


@transaction.atomic
def section_update(*, section: SurveySection, actor, title: str, description: str) -> SurveySection:
    """Correct a section's heading and explanation."""
    _lock(section.survey)
    _refuse_if_closed(section.survey)
    section.title, section.description = title, description
    section.full_clean()
    section.save()
    _log(section.survey, "surveys.section.changed", actor, position=section.position)
    return section


@transaction.atomic
def section_delete(*, section: SurveySection, actor) -> None:
    """Delete a section with its questions (not once there are answers, nor if a later question
    depends on one of them)."""
    survey = section.survey
    _lock(survey)
    _refuse_if_closed(survey)
    _refuse_if_frozen(survey)
    outside = SurveyQuestion.objects.filter(condition_question__section=section).exclude(section=section)
    if outside.exists():
        raise ValidationError(_("Eine Frage in einem anderen Abschnitt hängt von diesem Abschnitt ab."))
    section.delete()
    _renumber(list(survey.sections.order_by("position", "pk")))
    _log(survey, "surveys.section.deleted", actor)


@transaction.atomic
def section_move(*, section: SurveySection, actor, direction: str) -> None:
    """Swap the section with the one before (``UP``) or after (``DOWN``)."""
    survey = section.survey
    _lock(survey)
    _refuse_if_closed(survey)
    _swap(list(survey.sections.order_by("position", "pk")), section, direction)
    _check_conditions(survey)
    _log(survey, "surveys.section.moved", actor, direction=direction)


def _next_code(survey: Survey) -> str:
    numbers = [
        int(m[1]) for code in survey.questions.values_list("code", flat=True) if (m := _CODE.match(code))
    ]
    return f"q{max(numbers, default=0) + 1}"


def _check_condition(question: SurveyQuestion, condition: SurveyQuestion | None, options) -> None:
    if condition is None:
        if options:
            raise ValidationError({"condition_options": _("Erst die Frage wählen, von der es abhängt.")})
        return
    if condition.survey_id != question.survey_id or not condition.has_options:
        raise ValidationError({"condition_question": _("Nur Fragen mit Antwortmöglichkeiten sind möglich.")})
    if not options:
        raise ValidationError(
            {"condition_options": _("Mindestens eine Antwort wählen, die die Frage zeigt.")}
        )
    if any(option.question_id != condition.pk for option in options):
        raise ValidationError({"condition_options": _("Nur Antworten der gewählten Frage sind möglich.")})


def _match_options(stored: list[SurveyOption], specs: Sequence[OptionSpec]) -> list[SurveyOption | None]:
    """For each line the stored option it is (``None``: a new one). Same label first; else the
    option at the line's place, if its label is gone (a correction)."""
    labels = [spec.label for spec in specs]
    if len(set(labels)) < len(labels):
        raise ValidationError({"options": _("Eine Antwortmöglichkeit steht zweimal da.")})
    by_label = {option.label: option for option in reversed(stored)}
    matched: list[SurveyOption | None] = [by_label.get(label) for label in labels]
    used = {option.pk for option in matched if option is not None}
    for index, option in enumerate(matched):
        if option is None and index < len(stored):
            at_place = stored[index]
            if at_place.pk not in used and at_place.label not in labels:
                matched[index] = at_place
                used.add(at_place.pk)
    return matched


def _check_frozen_options(
    question: SurveyQuestion,
    stored: list[SurveyOption],
    matched: list[SurveyOption | None],
    specs: Sequence[OptionSpec],
) -> None:
    """Answers read an option by its row and a scale point by its place: none of that may change."""
    kept = {option.pk for option in matched if option is not None}
    if any(option.pk not in kept for option in stored):
        raise ValidationError({"options": _("Es gibt schon Antworten: Antwortmöglichkeiten bleiben stehen.")})
    if question.kind == QuestionKind.LIKERT and len(specs) != len(stored):
        raise ValidationError({"scale": _("Es gibt schon Antworten: die Zahl der Stufen bleibt.")})
    answered = set(SurveyAnswer.objects.filter(question=question).values_list("option_id", flat=True))
    for position, (option, spec) in enumerate(zip(matched, specs, strict=True), start=1):
        if option is None:
            continue
        if option.is_other != spec.is_other:
            raise ValidationError(
                {"other_last": _("Es gibt schon Antworten: „Sonstiges, nämlich“ bleibt, wie es ist.")}
            )
        if option.pk in answered and option.position != position:
            raise ValidationError(
                {
                    "options": _(
                        "Es gibt schon Antworten: gewählte Antwortmöglichkeiten bleiben an ihrer Stelle."
                    )
                }
            )


def _save_options(question: SurveyQuestion, options: Sequence[OptionSpec], frozen: bool) -> None:
    """Match the given options to the stored ones (``_match_options``); add or remove the rest."""
    if not question.has_options:
        options = ()
    stored = list(question.options.order_by("position", "pk"))
    matched = _match_options(stored, options)
    if frozen:
        _check_frozen_options(question, stored, matched, options)
    kept = {option.pk for option in matched if option is not None}
    removed = [option for option in stored if option.pk not in kept]
    if SurveyQuestion.objects.filter(condition_options__in=removed).exists():
        raise ValidationError(
            {"options": _("Eine andere Frage hängt von einer weggefallenen Antwortmöglichkeit ab.")}
        )
    for option in removed:
        option.delete()
    for position, (found, spec) in enumerate(zip(matched, options, strict=True), start=1):
        option = found or SurveyOption(network=question.network, question=question)
        if option.pk and option.label != spec.label:
            option.translations = {}
        option.position, option.label = position, spec.label
        option.is_other, option.is_agreement = spec.is_other, spec.is_agreement
        option.full_clean()
        option.save()


def _question_fields(question: SurveyQuestion, fields: dict[str, Any], frozen: bool) -> None:
    kind = fields.get("kind", question.kind)
    if question.pk and kind != question.kind:
        if frozen:
            raise ValidationError({"kind": _("Es gibt schon Antworten: die Art der Frage bleibt.")})
        if kind not in QuestionKind.with_options() and question.dependent_questions.exists():
            raise ValidationError(
                {
                    "kind": _(
                        "Eine andere Frage hängt von den Antworten dieser Frage ab; erst deren Bedingung ändern."
                    )
                }
            )
    code = fields.pop("code", "") or question.code
    if question.pk and code != question.code and question.survey.status != SurveyStatus.DRAFT:
        raise ValidationError({"code": _("Das Kürzel lässt sich nur im Entwurf ändern.")})
    if code and question.survey.questions.filter(code=code).exclude(pk=question.pk).exists():
        raise ValidationError({"code": _("Dieses Kürzel hat schon eine andere Frage.")})
    for name, value in fields.items():
        setattr(question, name, value)
    question.code = code or _next_code(question.survey)
    if kind != QuestionKind.NUMBER:
        question.number_min = question.number_max = None
    if (
        question.number_min is not None
        and question.number_max is not None
        and question.number_min > question.number_max
    ):
        raise ValidationError(
            {"number_max": _("Die größte Zahl muss mindestens so groß sein wie die kleinste.")}
        )
    question.full_clean(exclude=["condition_options"])


@transaction.atomic
def question_save(
    *,
    section: SurveySection,
    actor,
    question: SurveyQuestion | None = None,
    options: Sequence[OptionSpec] = (),
    condition_question: SurveyQuestion | None = None,
    condition_options: Sequence[SurveyOption] = (),
    **fields: Any,
) -> SurveyQuestion:
    """Create (``question=None``, at the end of ``section``) or change a question with its options
    and condition. ``fields``: kind, text, help_text, required, number_min, number_max, code."""
    survey = section.survey
    _lock(survey)
    _refuse_if_closed(survey)
    frozen = survey_is_frozen(survey=survey)
    created = question is None
    if question is None:
        question = SurveyQuestion(
            network=survey.network, survey=survey, section=section, position=section.questions.count() + 1
        )
    _question_fields(question, fields, frozen)
    question.condition_question = condition_question
    _check_condition(question, condition_question, condition_options)
    question.save()
    _save_options(question, options, frozen)
    question.condition_options.set(condition_options)
    _check_conditions(survey)
    action = "surveys.question.added" if created else "surveys.question.changed"
    _log(survey, action, actor, code=question.code)
    return question


@transaction.atomic
def question_delete(*, question: SurveyQuestion, actor) -> None:
    """Delete a question (not once there are answers, nor while another question depends on it)."""
    survey, section = question.survey, question.section
    _lock(survey)
    _refuse_if_closed(survey)
    _refuse_if_frozen(survey)
    if question.dependent_questions.exists():
        raise ValidationError(_("Eine andere Frage hängt von dieser ab; erst deren Bedingung ändern."))
    code = question.code
    question.delete()
    _renumber(list(section.questions.order_by("position", "pk")))
    _log(survey, "surveys.question.deleted", actor, code=code)


@transaction.atomic
def question_move(*, question: SurveyQuestion, actor, direction: str) -> None:
    """Swap the question with its neighbour in the section; refused where a condition would then
    point forward."""
    _lock(question.survey)
    _refuse_if_closed(question.survey)
    _swap(list(question.section.questions.order_by("position", "pk")), question, direction)
    _check_conditions(question.survey)
    _log(question.survey, "surveys.question.moved", actor, code=question.code, direction=direction)
