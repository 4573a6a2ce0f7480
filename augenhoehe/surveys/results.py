"""A survey's results, counted in the database: per question n, missing and the figures its kind
calls for; cross tables by a profile attribute copied on the response (``crossing.py``).

Only submitted responses count. ``n`` is the number of respondents who answered a question;
``missing`` those to whom it was shown (submitted after the question was added, and its condition
held) who did not; the page notes an n above that (a condition changed after answers). Choice percentages are of
``n``, so the options of a multiple-choice question add up to more than 100 %. Percentages are
rounded half up to one decimal (``Decimal``), so templates print them in the reader's locale.

The number of queries does not grow with questions or answers, and the answers table is read
once: one GROUP BY (question, option, number) over all the survey's answers gives every option's
count, every number's frequency and each question's n (the rows marked ``is_first``, one per
respondent's answer, so no ``COUNT(DISTINCT)``); the conditions' counts and the texts read only
their own rows through the (question, option) index (``survey_results`` makes at most seven
queries). A question with fewer
than ``MINIMUM`` respondents (texts excepted: the staff read them whatever their number), or any
question of a survey with fewer than ``MINIMUM`` responses, is ``suppressed``: its n is shown,
nothing else.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from augenhoehe.core.models import Network

from .choices import QuestionKind
from .models import Survey, SurveyAnswer, SurveyOption, SurveyQuestion, SurveyResponse
from .suppression import MINIMUM

# How many texts a page lists per question; the export has them all.
TEXT_LIMIT = 200
TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)
ONE_DECIMAL = Decimal("0.1")


def percent(count: int, n: int) -> Decimal | None:
    """``count`` of ``n`` in per cent, rounded half up to one decimal; None without a base."""
    if not n:
        return None
    return (Decimal(count * 100) / Decimal(n)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Share:
    count: int
    percent: Decimal | None


@dataclass(frozen=True)
class OptionResult:
    option: SurveyOption
    share: Share


@dataclass(frozen=True)
class NumberSummary:
    mean: Decimal
    median: Decimal
    minimum: Decimal
    maximum: Decimal


@dataclass
class QuestionResult:
    question: SurveyQuestion
    shown: int  # submitted responses to which the question was shown
    n: int
    suppressed: bool = False
    options: list[OptionResult] = field(default_factory=list)
    agreement: Share | None = None  # Likert: the agreeing options together
    others: list[str] = field(default_factory=list)  # "other, namely" texts
    texts: list[str] = field(default_factory=list)
    text_count: int = 0
    numbers: NumberSummary | None = None

    @property
    def missing(self) -> int:
        # Never below zero, even if answers of a question whose condition no longer holds remain.
        return max(self.shown - self.n, 0)


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    questions: list[QuestionResult]

    @property
    def suppressed(self) -> bool:
        return self.responses < MINIMUM


def survey_get_for_results(*, user, network: Network | None, pk: int) -> Survey:
    """Fetch and authorise in one step: 403 off the active network's staff, 404 for another
    network's survey (the scope does not find it)."""
    if network is None or not user.has_perm("surveys.view_results", network):
        raise PermissionDenied
    survey = Survey.objects.filter(pk=pk, network=network).first()
    if survey is None:
        raise Http404
    return survey


def submitted_answers(survey: Survey) -> QuerySet[SurveyAnswer]:
    """The answers of the survey's submitted responses, unordered (for GROUP BY)."""
    return SurveyAnswer.objects.filter(
        response__survey=survey, response__submitted_at__isnull=False
    ).order_by()


def survey_questions(survey: Survey) -> list[SurveyQuestion]:
    """The questions in the questionnaire's order with their options and conditions (three queries)."""
    return list(
        SurveyQuestion.objects.filter(survey=survey)
        .select_related("section")
        .prefetch_related("options", "condition_options")
        .order_by("section__position", "section_id", "position", "pk")
    )


def survey_results(*, survey: Survey) -> SurveyResults:
    """Every question's figures over the submitted responses, in a fixed number of queries."""
    questions = survey_questions(survey)
    responses, shown = _responses(survey, questions)
    answers = submitted_answers(survey)
    counts, numbers, respondents = _counts(answers)
    shown |= _shown(answers, [q for q in questions if q.condition_question_id])
    texts = _texts(answers, questions)
    results = []
    for question in questions:
        by_option = counts.get(question.pk, {})
        n = respondents.get(question.pk, 0)
        result = QuestionResult(question=question, shown=shown[question.pk], n=n)
        # Texts are listed for the staff whatever their number; counts need a large enough base.
        small = n < MINIMUM and question.kind not in TEXT_KINDS
        result.suppressed = responses < MINIMUM or small
        if not result.suppressed:
            _fill(result, by_option, numbers.get(question.pk, {}), texts.get(question.pk, []))
        results.append(result)
    return SurveyResults(survey=survey, responses=responses, questions=results)


def _fill(result: QuestionResult, by_option: dict, numbers: dict, texts: list) -> None:
    question, n = result.question, result.n
    options = list(question.options.all())
    result.options = [
        OptionResult(
            option=option, share=Share(by_option.get(option.pk, 0), percent(by_option.get(option.pk, 0), n))
        )
        for option in options
    ]
    if question.kind == QuestionKind.LIKERT and any(option.is_agreement for option in options):
        agreeing = sum(by_option.get(option.pk, 0) for option in options if option.is_agreement)
        result.agreement = Share(agreeing, percent(agreeing, n))
    if question.kind == QuestionKind.NUMBER and numbers:
        result.numbers = number_summary(numbers)
    other_ids = {option.pk for option in options if option.is_other}
    result.others = [text for option_id, text in texts if option_id in other_ids]
    if question.kind in TEXT_KINDS:
        result.texts = [text for _option_id, text in texts]
        result.text_count = by_option.get(None, 0)


def number_summary(values: dict[Decimal, int]) -> NumberSummary:
    """Mean, median, least and greatest of numbers given as {value: how often}."""
    n = sum(values.values())
    ordered = sorted(values.items())
    total = sum((value * count for value, count in ordered), Decimal(0))

    def at(position: int) -> Decimal:  # the value at a 0-based position in the sorted numbers
        seen = 0
        for value, count in ordered:
            seen += count
            if position < seen:
                return value
        raise IndexError(position)

    middle = (at((n - 1) // 2) + at(n // 2)) / Decimal(2)
    return NumberSummary(
        mean=(total / n).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP),
        median=middle.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP),
        minimum=_plain(ordered[0][0]),
        maximum=_plain(ordered[-1][0]),
    )


def _plain(value: Decimal) -> Decimal:
    """A stored number without the places it does not need: 10.00 → 10, 2.50 → 2.5."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _counts(
    answers: QuerySet[SurveyAnswer],
) -> tuple[dict[int, dict[int | None, int]], dict[int, dict[Decimal, int]], dict[int, int]]:
    """One GROUP BY (question, option, number) for every question: {question: {option (None for a
    number or text): answers}}, {question: {number: how often}} and {question: respondents}.
    Choices have a NULL number and numbers a NULL option, so the groups are the options and the
    distinct numbers (few, however many answers)."""
    counts: dict[int, dict[int | None, int]] = defaultdict(lambda: defaultdict(int))
    numbers: dict[int, dict[Decimal, int]] = defaultdict(dict)
    respondents: dict[int, int] = defaultdict(int)
    rows = answers.values_list("question_id", "option_id", "number").annotate(
        count=Count("*"), first=Count("pk", filter=Q(is_first=True))
    )
    for question_id, option_id, number, count, first in rows:
        counts[question_id][option_id] += count
        respondents[question_id] += first
        if number is not None:
            numbers[question_id][number] = count
    return counts, numbers, respondents


def _responses(survey: Survey, questions: list[SurveyQuestion]) -> tuple[int, dict[int, int]]:
    """The submitted responses, and for each question those submitted after it was added (one
    query): a question added later was not shown to the earlier ones."""
    added = {
        f"q{question.pk}": Count("pk", filter=Q(submitted_at__gte=question.created_at))
        for question in questions
    }
    found = SurveyResponse.objects.filter(survey=survey, submitted_at__isnull=False).aggregate(
        all=Count("pk"), **added
    )
    return found["all"], {question.pk: found[f"q{question.pk}"] for question in questions}


def _shown(answers: QuerySet[SurveyAnswer], questions: list[SurveyQuestion]) -> dict[int, int]:
    """Conditional questions: the respondents whose answer met the condition (one query for all,
    reading only the condition options' rows through the (question, option) index)."""
    if not questions:
        return {}
    conditions = {
        question.pk: (
            question.condition_question_id,
            [o.pk for o in question.condition_options.all()],
            question.created_at,
        )
        for question in questions
    }
    counts = {
        f"q{pk}": Count(
            "response_id",
            distinct=True,
            filter=Q(question_id=on, option__in=options, response__submitted_at__gte=added),
        )
        for pk, (on, options, added) in conditions.items()
    }
    found = answers.filter(
        question__in={on for on, _options, _added in conditions.values()},
        option__in={option for _on, options, _added in conditions.values() for option in options},
    ).aggregate(**counts)
    return {pk: found[f"q{pk}"] or 0 for pk in conditions}


def _texts(answers: QuerySet[SurveyAnswer], questions: list[SurveyQuestion]) -> dict[int, list[tuple]]:
    """{question: [(option, text)]}: the first ``TEXT_LIMIT`` texts of each question, in one query
    (a window numbers them per question)."""
    texts_of = [question for question in questions if question.kind in TEXT_KINDS]
    others = [option for question in questions for option in question.options.all() if option.is_other]
    if not texts_of and not others:
        return {}
    # By question and option, so that the index on both finds the rows (not every choice's).
    numbered = (
        answers.filter(Q(question__in=texts_of, option__isnull=True) | Q(option__in=others))
        .exclude(text="")
        .annotate(place=Window(RowNumber(), partition_by=[F("question_id")], order_by=F("id").asc()))
        .filter(place__lte=TEXT_LIMIT)
        .values_list("question_id", "option_id", "text")
    )
    texts: dict[int, list[tuple]] = defaultdict(list)
    for question_id, option_id, text in numbered:
        texts[question_id].append((option_id, text))
    return texts
