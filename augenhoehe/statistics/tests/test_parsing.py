"""Printed figures and region names, read as documents print them."""

from decimal import Decimal

import pytest

from augenhoehe.statistics import parsing
from augenhoehe.statistics.parsing import FigureError, parse_figure

D = Decimal


@pytest.mark.parametrize(
    ("raw", "low", "high", "footnote"),
    [
        ("4.122", D(4122), D(4122), ""),
        ("17.414", D(17414), D(17414), ""),
        ("1.234.567", D(1234567), D(1234567), ""),
        ("29,2", D("29.2"), D("29.2"), ""),
        ("100,0", D("100.0"), D("100.0"), ""),
        ("1.234,5", D("1234.5"), D("1234.5"), ""),
        ("0", D(0), D(0), ""),
        ("51", D(51), D(51), ""),
        ("750– 2.500*", D(750), D(2500), "*"),
        ("150–750*", D(150), D(750), "*"),
        ("0–150*", D(0), D(150), "*"),
        ("12.400– 14.300*", D(12400), D(14300), "*"),
        ("150 - 750", D(150), D(750), ""),
        ("150—750", D(150), D(750), ""),
        ("1 234", D(1234), D(1234), ""),
        ("1\u00a0234", D(1234), D(1234), ""),
        ("1\u202f234", D(1234), D(1234), ""),
        ("12 345 678", D(12345678), D(12345678), ""),
        ("29.2", D("29.2"), D("29.2"), ""),  # a spreadsheet's number cell
        ("  4.122  ", D(4122), D(4122), ""),
        ("30,4 %", D("30.4"), D("30.4"), ""),
        ("5**", D(5), D(5), "**"),
        ("-3,5", D("-3.5"), D("-3.5"), ""),
        ("−1.200", D(-1200), D(-1200), ""),
        ("7¹", D(7), D(7), "¹"),
    ],
)
def test_a_printed_figure_is_read_as_printed(raw, low, high, footnote):
    figure = parse_figure(raw)
    assert (figure.low, figure.high, figure.footnote) == (low, high, footnote)
    assert figure.raw == raw
    assert figure.is_range == (low != high)
    assert not figure.missing


@pytest.mark.parametrize("raw", ["", " ", "–", "-", "—", ".", "…", "...", "x", "–*"])
def test_empty_dashes_and_dots_are_missing_not_zero(raw):
    figure = parse_figure(raw)
    assert figure.missing
    assert figure.low is None and figure.high is None
    assert not figure.is_range


@pytest.mark.parametrize("raw", ["ca. 50", "ca 50", "etwa 50", "~50", "rund 50"])
def test_an_approximate_figure_is_flagged_and_read_as_printed(raw):
    figure = parse_figure(raw)
    assert figure.approximate
    assert figure.low == figure.high == D(50)


@pytest.mark.parametrize(
    "raw", ["abc", "5 Vereine", "12 34", "1,2,3", "2.500–750", "--5", "50 ca.", "4,122.5", "1.23.4"]
)
def test_anything_else_is_refused_with_the_text_found(raw):
    with pytest.raises(FigureError) as refused:
        parse_figure(raw)
    assert raw.strip() in str(refused.value)


def test_a_range_is_never_replaced_by_a_guess():
    figure = parse_figure("750– 2.500*")
    assert figure.is_range
    assert (figure.low, figure.high) == (D(750), D(2500))


@pytest.mark.parametrize(
    ("label", "year", "kind"),
    [
        ("Anzahl 2019", 2019, parsing.COUNT),
        ("Anzahl 2001", 2001, parsing.COUNT),
        ("2016", 2016, parsing.COUNT),
        ("in %", None, parsing.PERCENT),
        ("Anteil", None, parsing.PERCENT),
        ("Rang", None, parsing.RANK),
        ("Rang 2016", 2016, parsing.RANK),
        ("Pers. mit MH** 2018 (%)", 2018, parsing.PERCENT),
        ("Bemerkung", None, parsing.OTHER),
    ],
)
def test_a_columns_year_and_kind_come_from_its_heading(label, year, kind):
    assert parsing.column_year(label) == year
    assert parsing.column_kind(label) == kind


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("Mecklenburg- Vorpommern", "mecklenburgvorpommern"),
        ("Mecklenburg-Vorpommern", "mecklenburgvorpommern"),
        ("Nordrhein-\nWestfalen", "nordrheinwestfalen"),
        ("  Baden-Württemberg*  ", "badenwuerttemberg"),
        ("Baden-Wuerttemberg", "badenwuerttemberg"),
        ("Thüringen", "thueringen"),
        ("SACHSEN  -  ANHALT", "sachsenanhalt"),
    ],
)
def test_region_names_with_line_break_artefacts_have_one_key(printed, key):
    assert parsing.region_key(printed) == key


def test_a_region_label_loses_its_artefacts_but_keeps_its_spelling():
    assert parsing.region_label("Mecklenburg- Vorpommern") == "Mecklenburg-Vorpommern"
    assert parsing.region_label("Nordrhein-\nWestfalen") == "Nordrhein-Westfalen"
    assert parsing.region_label("Bayern**") == "Bayern"


@pytest.mark.parametrize("printed", ["Gesamt", "Insgesamt", "Deutschland", "Deutschland*", " gesamt "])
def test_the_printed_total_is_recognised(printed):
    assert parsing.is_total(printed)


def test_a_land_is_not_a_total():
    assert not parsing.is_total("Nordrhein-Westfalen")
