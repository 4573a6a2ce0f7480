"""Colouring a map: quantile classes with exact breaks, ranges only within one class, missing
figures, the legend, and each region's title."""

from collections import Counter
from decimal import Decimal

import pytest

from augenhoehe.statistics import formatting
from augenhoehe.statistics.choropleth import CLASSED, MISSING, PALETTES, SPAN, bounds, choropleth, classify
from augenhoehe.statistics.computing import Interval


def exact(value) -> Interval:
    return Interval(Decimal(value), Decimal(value))


def span(low, high) -> Interval:
    return Interval(Decimal(low), Decimal(high))


def test_quantile_classes_of_ten_figures_hold_two_each():
    values = [exact(v) for v in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)]
    assert bounds(values) == [1, 2, 4, 6, 8, 10]
    assert [classify(value, bounds(values))[1] for value in values] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def test_quantiles_are_taken_over_all_figures_not_the_distinct_ones():
    values = [exact(0)] * 40 + [exact(v) for v in range(1, 13)]
    class_bounds = bounds(values)
    assert class_bounds == [0, 0, 2, 12]
    assert Counter(classify(value, class_bounds)[1] for value in values) == {1: 40, 2: 2, 3: 10}


def test_printed_ranges_set_the_breaks_and_take_their_own_class():
    values = [span(0, 150), span(150, 750), span(750, 2500), exact(231), exact(4122), exact(150)]
    class_bounds = bounds(values)
    assert class_bounds == [0, 150, 750, 2500, 4122]
    assert [classify(value, class_bounds) for value in values] == [
        (CLASSED, 1),
        (CLASSED, 2),
        (CLASSED, 3),
        (CLASSED, 2),
        (CLASSED, 4),
        (CLASSED, 1),  # on a break: the class it ends
    ]


def test_only_a_range_across_a_break_is_a_span():
    class_bounds = [Decimal(v) for v in (0, 150, 750, 2500)]
    assert classify(span(100, 800), class_bounds) == (SPAN, None)
    assert classify(span(200, 700), class_bounds) == (CLASSED, 2)
    assert classify(None, class_bounds) == (MISSING, None)


def test_too_many_range_ends_fall_back_to_quantiles():
    values = [span(0, 10), span(20, 30), span(40, 50), span(60, 70), span(80, 90)]
    assert bounds(values) == [0, 10, 30, 50, 70, 90]
    assert [classify(value, bounds(values)) for value in values] == [(CLASSED, n) for n in range(1, 6)]


def test_equal_figures_make_one_class():
    assert bounds([exact(4), exact(4), exact(4)]) == [4, 4]
    assert bounds([]) == []


def small_map(values, formatter=formatting.interval, places=0):
    shapes = dict.fromkeys(values, "M0 0l1 0 0 1z")
    return choropleth(
        key="k",
        title="T",
        description="D",
        viewbox=[0, 0, 1, 1],
        shapes=shapes,
        names={},
        values=values,
        formatter=formatter,
        places=places,
    )


def test_breaks_are_rounded_as_printed_so_no_two_classes_read_alike():
    figures = ("1.04", "1.06", "1.08", "1.12", "1.14", "5")
    result = small_map(
        {f"0{i}": exact(v) for i, v in enumerate(figures, 1)},
        lambda value: formatting.interval(value, 1),
        places=1,
    )
    assert [entry.text for entry in result.legend] == ["1,0 bis 1,1", "über 1,1 bis 5,0"]
    assert [region.number for region in result.regions] == [1, 1, 1, 1, 1, 2]


def test_the_legend_of_shares_says_percent():
    result = small_map({"01": exact("1.26"), "02": exact("20")}, formatting.percent, places=1)
    assert [entry.text for entry in result.legend] == ["1,3 %", "über 1,3 % bis 20,0 %"]


@pytest.mark.parametrize("count", [2, 3, 4, 5])
def test_the_top_class_is_always_dark_and_the_colours_differ(count):
    result = small_map({f"{v:02d}": exact(v) for v in range(1, count + 1)})
    colours = [entry.colour for entry in result.legend]
    assert len(set(colours)) == len(colours) == count
    assert colours[-1] in ("#3182bd", "#2171b5", "#08519c")
    assert colours == list(PALETTES[count])


def test_a_map_of_a_small_set():
    shapes = {"01": "M0 0l1 0 0 1z", "02": "M2 0l1 0 0 1z", "03": "M4 0l1 0 0 1z", "04": "M6 0l1 0 0 1z"}
    names = {"01": "Schleswig-Holstein", "02": "Hamburg", "03": "Niedersachsen", "04": "Bremen"}
    values = {"01": exact(20), "02": exact(5), "03": span(10, 40), "04": None}
    result = choropleth(
        key="k",
        title="T",
        description="D",
        viewbox=[0, 0, 7, 1],
        shapes=shapes,
        names=names,
        values=values,
        formatter=formatting.interval,
    )
    # the range's ends are the breaks, the lowest figure the start
    assert [(e.number, e.low, e.high, e.text) for e in result.legend] == [
        (1, 5, 10, "5 bis 10"),
        (2, 10, 40, "über 10 bis 40"),
    ]
    by_key = {region.key: region for region in result.regions}
    assert [region.name for region in result.regions] == [
        "Bremen",
        "Hamburg",
        "Niedersachsen",
        "Schleswig-Holstein",
    ]
    assert (by_key["02"].state, by_key["02"].number, by_key["02"].colour) == (CLASSED, 1, PALETTES[2][0])
    assert (by_key["01"].state, by_key["01"].number) == (CLASSED, 2)
    assert (by_key["03"].state, by_key["03"].number) == (CLASSED, 2)
    assert by_key["04"].state == MISSING and by_key["04"].colour is None
    assert result.has_missing and not result.has_span
    assert by_key["01"].label == "Schleswig-Holstein: 20 (Klasse 2)"
    assert by_key["03"].label == "Niedersachsen: 10–40 (Klasse 2)"
    assert by_key["04"].label == "Bremen: keine Angabe"


def test_a_range_across_a_break_is_hatched_and_named():
    result = small_map({"01": exact(0), "02": exact(100), "03": span(50, 150), "04": span(100, 150)})
    by_key = {region.key: region for region in result.regions}
    assert (by_key["03"].state, by_key["03"].colour) == (SPAN, None)
    assert by_key["03"].label == "03: 50–150 (Spanne über mehrere Klassen)"
    assert by_key["04"].state == CLASSED and result.has_span


def test_a_map_without_any_figure_has_no_legend():
    result = choropleth(
        key="k",
        title="T",
        description="D",
        viewbox=[0, 0, 1, 1],
        shapes={"01": "M0 0l1 0z"},
        names={},
        values={},
        formatter=formatting.interval,
    )
    assert result.legend == []
    assert result.regions[0].state == MISSING
    assert result.regions[0].name == "01"
