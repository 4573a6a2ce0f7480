"""Totals, shares, ranks and change between years, on hand-made figures."""

from decimal import Decimal

import pytest

from augenhoehe.statistics import computing
from augenhoehe.statistics.computing import Column, Interval, Rank, Row, Sheet
from augenhoehe.statistics.parsing import COUNT, parse_figure

D = Decimal


def exact(value) -> Interval:
    return Interval(D(value), D(value))


def sheet(rows: dict[str, list[str]], columns=(("Anzahl 2010", 2010),)) -> Sheet:
    return Sheet(
        region_heading="Land",
        columns=[Column(label=label, year=year, kind=COUNT) for label, year in columns],
        rows=[
            Row(
                label=label,
                land=None,
                is_total=label == "Gesamt",
                figures=tuple(parse_figure(v) for v in values),
            )
            for label, values in rows.items()
        ],
    )


def test_the_total_of_exact_figures_is_exact_and_agrees_with_the_print():
    report = computing.column_report(sheet({"A": ["1.000"], "B": ["300"], "Gesamt": ["1.300"]}), 0)
    assert report.total == exact(1300)
    assert report.agreement == computing.AGREES


def test_a_total_that_does_not_add_up_is_said_to_differ():
    report = computing.column_report(sheet({"A": ["1.000"], "B": ["300"], "Gesamt": ["1.301"]}), 0)
    assert report.agreement == computing.DIFFERS


def test_a_range_makes_the_total_a_range_compared_honestly():
    rows = {"A": ["100"], "B": ["150–750*"], "Gesamt": ["300–800"]}
    report = computing.column_report(sheet(rows), 0)
    assert report.total == Interval(D(250), D(850))
    assert report.agreement == computing.CONSISTENT
    rows["Gesamt"] = ["900–1.000"]
    assert computing.column_report(sheet(rows), 0).agreement == computing.DIFFERS


def test_without_a_printed_total_there_is_nothing_to_compare():
    assert computing.column_report(sheet({"A": ["1"]}), 0).agreement == computing.NOT_PRINTED


def test_a_missing_figure_leaves_total_and_shares_open():
    report = computing.column_report(sheet({"A": ["1"], "B": ["–"], "Gesamt": ["3"]}), 0)
    assert report.total is None
    assert report.missing == 1
    assert report.agreement == computing.INCOMPLETE
    assert all(region.share is None for region in report.regions)


def test_shares_of_exact_figures_are_exact():
    shares = computing.shares([exact(1), exact(3)])
    assert shares == [exact(25), exact(75)]


def test_shares_with_a_range_have_exact_bounds():
    # A is 100, B somewhere from 100 to 300: A's share is from 100/400 to 100/200.
    shares = computing.shares([exact(100), Interval(D(100), D(300))])
    assert shares[0] == Interval(D(25), D(50))
    assert shares[1] == Interval(D(50), D(75))


def test_a_share_of_nothing_is_none():
    assert computing.shares([exact(0), exact(0)]) == [None, None]


def test_competition_ranking_shares_the_best_rank_and_skips_the_next():
    ranks = computing.ranks([exact(10), exact(5), exact(5), exact(1)])
    assert ranks == [
        Rank(1, 1, tied=False),
        Rank(2, 2, tied=True),
        Rank(2, 2, tied=True),
        Rank(4, 4, tied=False),
    ]


def test_a_range_that_overlaps_others_gets_a_rank_range():
    ranks = computing.ranks([exact(1000), Interval(D(100), D(500)), exact(300), exact(50)])
    assert ranks[0] == Rank(1, 1, tied=False)
    assert ranks[1] == Rank(2, 3, tied=False)
    assert ranks[2] == Rank(2, 3, tied=False)
    assert ranks[3] == Rank(4, 4, tied=False)


def test_a_missing_figure_is_not_ranked_and_widens_the_others_worst_rank():
    # the missing region could be larger than any: the rank is a range up to one more
    assert computing.ranks([exact(1), None]) == [Rank(1, 2, tied=False), None]
    assert computing.ranks([exact(100), None, exact(50)]) == [Rank(1, 2, False), None, Rank(2, 3, False)]


def test_change_between_years_carries_ranges_through():
    earlier, later = exact(100), Interval(D(150), D(250))
    assert computing.difference(earlier, later) == Interval(D(50), D(150))
    assert computing.change_percent(earlier, later) == Interval(D(50), D(150))
    assert computing.difference(Interval(D(0), D(150)), exact(100)) == Interval(D(-50), D(100))


def test_change_in_percent_of_a_figure_that_can_be_zero_is_none():
    assert computing.change_percent(Interval(D(0), D(150)), exact(5)) is None
    assert computing.change_percent(exact(0), exact(5)) is None


def test_changes_pair_count_columns_by_year_not_by_print_order():
    rows = {"A": ["300", "100", "200"]}
    columns = (("Anzahl 2019", 2019), ("Anzahl 2001", 2001), ("Anzahl 2016", 2016))
    changes = computing.changes(sheet(rows, columns))
    assert [(c.earlier.year, c.later.year) for c in changes] == [(2001, 2016), (2016, 2019)]
    assert changes[0].rows[0][1] == exact(100)
    assert changes[1].rows[0][2] == exact(50)


@pytest.mark.parametrize(
    ("value", "population", "expected"),
    [(exact(5078), 18_000_000, D("28.2111")), (Interval(D(750), D(2500)), 10_000_000, None)],
)
def test_figures_per_100000_inhabitants(value, population, expected):
    per = computing.per_inhabitants(value, population)
    if expected is None:
        assert per == Interval(D("7.5"), D(25))
    else:
        assert per.exact
        assert round(per.low, 4) == expected
