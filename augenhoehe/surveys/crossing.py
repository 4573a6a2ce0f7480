"""Cross tables: each choice or Likert question by a profile attribute copied on the response.

Rows are the attribute's values (with "ohne Angabe" for responses without one), columns the
options; a cell is the percentage within its row, of the row's n. Small groups and cells are
kept out as ``suppression`` describes. One GROUP BY query for all questions together (and one
for the Kreise's names), whatever the number of answers: a row's n is its answers' first rows
(``SurveyAnswer.is_first``), counted beside the options.

Tables of the same respondents are protected together (see ``suppression``): "ohne Angabe" is
always merged, and a conditional question covers (hides n and cells of) the groups whose count of
its condition the condition question's table does not show (hidden, merged or itself covered), as
its n in a group is that count.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q
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
    covered: bool = False  # n and cells hidden


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
    respondents: dict[int, dict[object, int]] = defaultdict(lambda: defaultdict(int))
    rows = answers.values_list("question_id", "option_id", F(f"response__{field}")).annotate(
        count=Count("pk"), first=Count("pk", filter=Q(is_first=True))
    )
    for question_id, option_id, group, count, first in rows:
        counts[question_id][group or ""][option_id] = count
        respondents[question_id][group or ""] += first
    labels = _labels(attribute, {group for by_group in counts.values() for group in by_group})
    protected: dict[int, tuple[ProtectedTable, list[int]]] = {}
    tables = []
    for result in questions:
        question = result.question
        covered = _unshown_groups(protected.get(question.condition_question_id or 0), question)
        options = [option_result.option.pk for option_result in result.options]
        groups = [
            (group, respondents[question.pk][group], [by_option.get(option, 0) for option in options])
            for group, by_option in counts[question.pk].items()
        ]
        table = protect(groups, always_merged=frozenset({""}), covered=covered)
        protected[question.pk] = (table, options)
        tables.append(_table(result, table, labels))
    return tables


def _unshown_groups(condition: tuple[ProtectedTable, list[int]] | None, question) -> frozenset:
    """The groups whose count of ``question``'s condition options the condition's table hides."""
    if condition is None:
        return frozenset()
    table, options = condition
    columns = {
        options.index(option.pk) for option in question.condition_options.all() if option.pk in options
    }
    return frozenset(
        key
        for index, row in enumerate(table.rows)
        if row.merged or row.covered or any(table.is_hidden(index, column) for column in columns)
        for key in row.keys
    )


def _table(result: QuestionResult, protected: ProtectedTable, labels: dict) -> CrossTable:
    rows = []
    for index, row in enumerate(protected.rows):
        cells = [
            CrossCell(None if protected.is_hidden(index, column) else Share(count, percent(count, row.n)))
            for column, count in enumerate(row.counts)
        ]
        names = sorted(str(labels[key]) for key in row.keys)
        label = MERGED if row.merged else labels[row.keys[0]]
        rows.append(
            CrossRow(
                label=str(label),
                n=row.n,
                cells=cells,
                merged_from=names if row.merged else [],
                covered=row.covered,
            )
        )
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
