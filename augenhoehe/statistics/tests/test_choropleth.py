"""Colouring a map: quantile classes with exact breaks, ranges only within one class, missing
figures, the legend, and each region's title."""

from decimal import Decimal

from augenhoehe.statistics import formatting
from augenhoehe.statistics.choropleth import CLASSED, MISSING, PALETTE, SPAN, breaks, choropleth, classify
from augenhoehe.statistics.computing import Interval


def exact(value) -> Interval:
    return Interval(Decimal(value), Decimal(value))


def span(low, high) -> Interval:
    return Interval(Decimal(low), Decimal(high))


def test_quantile_breaks_of_ten_figures():
    values = [exact(v) for v in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)]
    assert breaks(values) == [1, 3, 5, 7, 9]
    assert [classify(value, breaks(values))[1] for value in values] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def test_both_ends_of_a_range_set_the_breaks_and_equal_breaks_collapse():
    assert breaks([exact(10), span(750, 2500)]) == [10, 750, 2500]
    assert breaks([exact(4), exact(4), exact(4)]) == [4]
    assert breaks([]) == []


def test_a_range_is_coloured_only_within_one_class():
    lower_bounds = [Decimal(v) for v in (0, 100, 500, 1000, 5000)]
    assert classify(span(150, 400), lower_bounds) == (CLASSED, 2)
    assert classify(span(750, 2500), lower_bounds) == (SPAN, None)
    assert classify(exact(5000), lower_bounds) == (CLASSED, 5)
    assert classify(exact(99), lower_bounds) == (CLASSED, 1)
    assert classify(None, lower_bounds) == (MISSING, None)


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
    # the figures 5, 10, 20, 40: one per class
    assert [(e.number, e.low, e.high, e.last) for e in result.legend] == [
        (1, 5, 10, False),
        (2, 10, 20, False),
        (3, 20, 40, False),
        (4, 40, 40, True),
    ]
    by_key = {region.key: region for region in result.regions}
    assert [region.name for region in result.regions] == [
        "Bremen",
        "Hamburg",
        "Niedersachsen",
        "Schleswig-Holstein",
    ]
    assert (by_key["02"].state, by_key["02"].number, by_key["02"].colour) == (CLASSED, 1, PALETTE[0])
    assert (by_key["01"].state, by_key["01"].number) == (CLASSED, 3)
    assert by_key["03"].state == SPAN and by_key["03"].colour is None
    assert by_key["04"].state == MISSING
    assert result.has_span and result.has_missing
    assert by_key["01"].label == "Schleswig-Holstein: 20 (Klasse 3)"
    assert by_key["03"].label == "Niedersachsen: 10–40 (Spanne über mehrere Klassen)"
    assert by_key["04"].label == "Bremen: keine Angabe"


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
