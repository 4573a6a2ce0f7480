"""Small groups and cells in cross tables: merged or hidden, and never computable back from what
is shown (each row's n and the overall count per option), checked by enumerating every table
that agrees with what is shown."""

import random

import pytest

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.surveys.crossing import cross_tables
from augenhoehe.surveys.results import survey_results
from augenhoehe.surveys.suppression import protect
from augenhoehe.surveys.testing import survey_sample
from augenhoehe.testing.factories import NetworkFactory

from .results_answers import answer_all


def possible_values(table) -> dict[tuple[int, int], set[int]]:
    """Every value each hidden cell can take in a table of whole numbers ≥ 0 whose row sums (n, a
    single choice's) and column sums (the overall counts) are those shown."""
    rows = table.rows
    columns = range(len(rows[0].counts))
    column_totals = [sum(row.counts[c] for row in rows) for c in columns]
    hidden = sorted(table.hidden)
    found: dict[tuple[int, int], set[int]] = {cell: set() for cell in hidden}
    by_row: dict[int, list[int]] = {}
    for r, c in hidden:
        by_row.setdefault(r, []).append(c)
    row_rest = {
        r: rows[r].n - sum(rows[r].counts[c] for c in columns if (r, c) not in table.hidden) for r in by_row
    }
    column_rest = [
        column_totals[c] - sum(row.counts[c] for r, row in enumerate(rows) if (r, c) not in table.hidden)
        for c in columns
    ]
    order = sorted(by_row)

    def compositions(total, parts):
        if parts == 1:
            yield (total,)
            return
        for first in range(total + 1):
            for rest in compositions(total - first, parts - 1):
                yield (first, *rest)

    def search(index, rest, chosen):
        if index == len(order):
            if all(value == 0 for value in rest):
                for cell, value in chosen.items():
                    found[cell].add(value)
            return
        r = order[index]
        for values in compositions(row_rest[r], len(by_row[r])):
            after = list(rest)
            for c, value in zip(by_row[r], values, strict=True):
                after[c] -= value
            if min(after) >= 0:
                search(index + 1, after, chosen | {(r, c): v for c, v in zip(by_row[r], values, strict=True)})

    search(0, column_rest, {})
    return found


def single_choice(counts_per_group):
    return [(f"g{i}", sum(counts), counts) for i, counts in enumerate(counts_per_group)]


def test_small_groups_are_merged_until_the_merged_row_is_large_enough():
    table = protect(single_choice([[2, 1, 0], [1, 0, 0], [5, 5, 5], [4, 3, 3]]))
    assert [(row.keys, row.n, row.merged) for row in table.rows] == [
        (["g2"], 15, False),
        (["g0", "g1", "g3"], 14, True),  # 3 + 1 < 5: the next smallest, 10, joins
    ]
    assert table.rows[1].counts == [7, 4, 3]


def test_a_small_cell_is_hidden_with_a_second_one_in_its_row_and_column():
    table = protect(single_choice([[10, 3, 7], [8, 9, 6], [12, 6, 5]]))
    assert (0, 1) in table.hidden
    assert len(table.hidden) >= 4  # a cycle: two rows, two columns
    assert all(len(values) >= 2 for values in possible_values(table).values())


def test_no_hidden_cell_can_be_computed_back_from_the_totals_in_random_tables():
    rng = random.Random(13)
    checked = 0
    for _ in range(150):
        rows, columns = rng.randint(2, 3), rng.randint(2, 3)
        groups = single_choice(
            [[rng.choice([0, 1, 2, 3, 5, 6, 8]) for _c in range(columns)] for _r in range(rows)]
        )
        table = protect(groups)
        if not table.hidden:
            continue
        for cell, values in possible_values(table).items():
            assert len(values) >= 2, (groups, table.hidden, cell, values)
        checked += 1
    assert checked > 50


def test_a_table_without_small_numbers_is_shown_whole():
    table = protect(single_choice([[10, 5, 7], [8, 9, 6]]))
    assert table.hidden == set()
    assert len(table.rows) == 2


@pytest.mark.django_db
def test_cross_table_by_kind_merges_and_hides_small_numbers(django_assert_num_queries):
    network = NetworkFactory()
    with network_scope(network):
        survey = survey_sample(network=network)
        answer_all(survey)
        results = survey_results(survey=survey)
        with django_assert_num_queries(1):  # counts and respondents per group in one GROUP BY
            tables = {
                table.result.question.code: table for table in cross_tables(results=results, attribute="kind")
            }
    form = tables["form"]
    # Kulturverein 6 (all e. V.); religious 4 and political 2 (one answered) are merged.
    assert [(row.label, row.n) for row in form.rows] == [
        ("Kulturverein", 6),
        ("Sonstige (zusammengefasst)", 5),
    ]
    assert form.rows[1].merged_from == ["Politischer Verein", "Religiöser Verein / Religionsgemeinschaft"]
    # Merged: 2, 2, 1 — all small; so the Kulturverein row is hidden as well (else 8 − 6 = 2).
    assert all(cell.share is None for row in form.rows for cell in row.cells)
    trust = tables["trust"]
    assert [(row.label, row.n) for row in trust.rows] == [
        ("Kulturverein", 6),
        ("Sonstige (zusammengefasst)", 6),
    ]


def _respond(survey, *, kind: str, choices: list[tuple[str, int]]):
    """A submitted response of an organisation of ``kind`` choosing (question code, option position)."""
    from django.utils import timezone

    from augenhoehe.surveys.answering import mark_first
    from augenhoehe.surveys.models import SurveyAnswer, SurveyOption, SurveyResponse

    response = SurveyResponse.objects.create(
        network=survey.network, survey=survey, kind=kind, submitted_at=timezone.now()
    )
    rows = [
        SurveyAnswer(
            network=survey.network,
            response=response,
            question=option.question,
            option=option,
        )
        for code, position in choices
        for option in [
            SurveyOption.objects.get(question__survey=survey, question__code=code, position=position)
        ]
    ]
    mark_first(rows)
    SurveyAnswer.objects.bulk_create(rows)


@pytest.mark.django_db
def test_a_conditional_question_does_not_give_back_a_hidden_count_of_its_condition():
    # 20 Kulturvereine: 18 e. V. (who then answer "partners"), 2 without legal form (hidden);
    # 17 religious: 10 e. V., 7 "andere". Partners' n by kind would be 18 = the hidden 20 − 2.
    network = NetworkFactory()
    with network_scope(network):
        survey = survey_sample(network=network)
        for _ in range(18):
            _respond(survey, kind="cultural", choices=[("form", 1), ("partners", 1)])
        for _ in range(2):
            _respond(survey, kind="cultural", choices=[("form", 2)])
        for _ in range(10):
            _respond(survey, kind="religious", choices=[("form", 1), ("partners", 2)])
        for _ in range(7):
            _respond(survey, kind="religious", choices=[("form", 3)])
        tables = {
            table.result.question.code: table
            for table in cross_tables(results=survey_results(survey=survey), attribute="kind")
        }
    form = {row.label: row for row in tables["form"].rows}
    assert form["Kulturverein"].n == 20
    assert form["Kulturverein"].cells[1].share is None  # the 2 without legal form
    partners = {row.label: row for row in tables["partners"].rows}
    assert partners["Kulturverein"].covered  # its n (18) would give back 20 − 18 = 2
    assert partners["Religiöser Verein / Religionsgemeinschaft"].covered  # else the overall n does
    assert all(cell.share is None for row in partners.values() for cell in row.cells)


def test_responses_without_a_profile_are_never_a_row_of_their_own():
    # The same respondents ("ohne Angabe") in two tables by different attributes: were they a row
    # in both, each table could hide other cells of it and together give back a hidden one.
    by_kind = protect(
        [("", 19, [2, 7, 10]), ("a", 20, [8, 6, 6]), ("b", 20, [9, 5, 6])], always_merged=frozenset({""})
    )
    assert [row.keys for row in by_kind.rows] == [["a"], ["", "b"]]
    assert by_kind.rows[1].merged
    alone = protect([("", 19, [2, 7, 10]), ("a", 20, [8, 6, 6])], always_merged=frozenset({""}))
    assert [row.keys for row in alone.rows] == [["", "a"]]
