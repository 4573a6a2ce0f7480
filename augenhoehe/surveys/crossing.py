"""Cross tables: each choice or Likert question by a profile attribute copied on the response.

Rows are the attribute's values (with "ohne Angabe" for responses without one), columns the
options; a cell is the percentage within its row, of the row's n. Small groups and cells are
kept out as ``suppression`` describes. Two GROUP BY queries for all questions together (and one
for the Kreise's names), whatever the number of answers.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.models import Kreis
from augenhoehe.directory import choices as directory_choices

from .choices import QuestionKind
from .results import QuestionResult, Share, SurveyResults, percent, submitted_answers
from .suppression import ProtectedTable, protect

# attribute (a field of SurveyResponse) → its label and, for the coded ones, the labels of its codes.
ATTRIBUTES = {
    "kreis": (_("Kreis"), None),
    "kind": (_("Art der Organisation"), directory_choices.Kind),
    "self_understanding": (_("Selbstverständnis"), directory_choices.SelfUnderstanding),
    "staffing": (_("Personal"), directory_choices.Staffing),
}
NO_VALUE = _("ohne Angabe")
MERGED = _("Sonstige (zusammengefasst)")


@dataclass(frozen=True)
class CrossCell:
    share: Share | None  # None: hidden


@dataclass(frozen=True)
class CrossRow:
    label: str
    n: int
    cells: list[CrossCell]
    merged_from: list[str]  # the groups of a merged row


@dataclass(frozen=True)
class CrossTable:
    result: QuestionResult
    rows: list[CrossRow]

    @property
    def hides_cells(self) -> bool:
        return any(cell.share is None for row in self.rows for cell in row.cells)


def cross_tables(*, results: SurveyResults, attribute: str) -> list[CrossTable]:
    """A protected cross table for every choice and Likert question that is not suppressed."""
    questions = [
        result
        for result in results.questions
        if not result.suppressed and result.question.kind in QuestionKind.with_options()
    ]
    if not questions:
        return []
    field = "kreis_id" if attribute == "kreis" else attribute
    answers = submitted_answers(results.survey).filter(question__in=[r.question for r in questions])
    counts: dict[int, dict[object, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for row in answers.values("question_id", "option_id", group=F(f"response__{field}")).annotate(
        count=Count("id")
    ):
        counts[row["question_id"]][row["group"] or ""][row["option_id"]] = row["count"]
    multiple = [r.question for r in questions if r.question.kind == QuestionKind.MULTIPLE]
    respondents: dict[int, dict[object, int]] = defaultdict(dict)
    if multiple:
        per_group = (
            answers.filter(question__in=multiple)
            .values("question_id", group=F(f"response__{field}"))
            .annotate(n=Count("response_id", distinct=True))
            .values_list("question_id", "group", "n")
        )
        for question_id, group, n in per_group:
            respondents[question_id][group or ""] = n
    labels = _labels(attribute, {group for by_group in counts.values() for group in by_group})
    return [
        _table(result, counts[result.question.pk], respondents.get(result.question.pk), labels)
        for result in questions
    ]


def _table(result: QuestionResult, counts: dict, respondents: dict | None, labels: dict) -> CrossTable:
    options = [option_result.option.pk for option_result in result.options]
    groups = [
        (
            group,
            respondents[group] if respondents is not None else sum(by_option.values()),
            [by_option.get(option, 0) for option in options],
        )
        for group, by_option in counts.items()
    ]
    protected: ProtectedTable = protect(groups)
    rows = []
    for index, row in enumerate(protected.rows):
        cells = [
            CrossCell(None if protected.is_hidden(index, column) else Share(count, percent(count, row.n)))
            for column, count in enumerate(row.counts)
        ]
        names = sorted(str(labels[key]) for key in row.keys)
        label = MERGED if row.merged else labels[row.keys[0]]
        rows.append(CrossRow(label=str(label), n=row.n, cells=cells, merged_from=names if row.merged else []))
    return CrossTable(result=result, rows=rows)


def _labels(attribute: str, groups: set) -> dict:
    """{group value: its label}; "" stands for responses without a value."""
    labels: dict = {"": NO_VALUE}
    _label, vocabulary = ATTRIBUTES[attribute]
    if vocabulary is None:
        labels |= dict(Kreis.objects.filter(pk__in=groups - {""}).values_list("pk", "name"))
    else:
        labels |= {
            code: vocabulary(code).label if code in vocabulary.values else code for code in groups - {""}
        }
    return labels
