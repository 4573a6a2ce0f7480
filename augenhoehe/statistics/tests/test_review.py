"""The reviewer's probes (footnotes, limits, thousands dots, aggregates, series, negative figures,
population year, approximate totals), each pinned to the behaviour docs/statistics.md describes."""

import io
import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from augenhoehe.statistics import computing, geodata, parsing, printing, services
from augenhoehe.statistics.computing import Column, Interval, Rank, Row, Sheet
from augenhoehe.statistics.models import StatisticsColumn, StatisticsRow, StatisticsValue
from augenhoehe.statistics.parsing import COUNT, parse_figure

D = Decimal


def exact(value) -> Interval:
    return Interval(D(value), D(value))


def refused(content: bytes, filename: str = "a.csv") -> list[str]:
    with pytest.raises(ValidationError) as error:
        services.sheet_read(content=content, filename=filename)
    return error.value.messages


def workbook(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet(rows, columns, lands=None) -> Sheet:
    lands = lands or {}
    return Sheet(
        region_heading="Land",
        columns=[Column(label=label, year=parsing.column_year(label), kind=COUNT) for label in columns],
        rows=[
            Row(
                label=label,
                land=lands.get(label),
                is_total=parsing.is_total(label),
                figures=tuple(parse_figure(value) for value in values),
            )
            for label, values in rows
        ],
    )


# 1. footnotes -----------------------------------------------------------------------------------


def test_up_to_five_footnote_marks_are_kept_more_are_refused():
    assert parse_figure("750*****").footnote == "*****"
    with pytest.raises(parsing.FigureError, match="Fußnotenzeichen"):
        parse_figure("750" + "*" * 11)


@pytest.mark.django_db
@pytest.mark.usefixtures("regions", "unscoped")
def test_a_long_footnote_is_a_cell_message_and_five_marks_are_saved(network, users):
    messages = refused(("Land;Anzahl 2016\nBayern;750" + "*" * 11 + "\n").encode())
    assert any("Zeile 2" in m and "Fußnotenzeichen" in m for m in messages), messages
    services.table_import(
        network=network,
        actor=users["coordinator"],
        content="Land;Anzahl 2016\nBayern;750†‡¹²³\n".encode(),
        filename="a.csv",
        title="T",
    )
    assert StatisticsValue.objects.get().footnote == "†‡¹²³"


# 2. limits --------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("regions")
def test_more_rows_than_a_statistics_table_has_are_refused_clearly():
    content = ("Region;Anzahl 2016\n" + "".join(f"R{i};{i}\n" for i in range(services.MAX_ROWS + 1))).encode()
    messages = refused(content)
    assert messages == [
        f"Die Tabelle hat {services.MAX_ROWS + 1} Zeilen; eine Statistiktabelle darf höchstens "
        f"{services.MAX_ROWS} haben."
    ]


@pytest.mark.django_db
@pytest.mark.usefixtures("regions")
def test_more_columns_than_a_statistics_table_has_are_refused_clearly():
    heading = ";".join(f"Anzahl {i}" for i in range(services.MAX_COLUMNS + 1))
    messages = refused(f"Land;{heading}\nBayern;{';'.join(['1'] * (services.MAX_COLUMNS + 1))}\n".encode())
    assert "höchstens 60" in messages[0]


def test_positions_hold_more_than_a_small_integer():
    for model in (StatisticsRow, StatisticsColumn):
        assert model._meta.get_field("position").get_internal_type() == "PositiveIntegerField"


@pytest.mark.django_db
@pytest.mark.usefixtures("regions", "unscoped")
def test_the_largest_table_allowed_is_saved(network, users):
    content = ("Region;Anzahl 2016\n" + "".join(f"R{i};{i}\n" for i in range(services.MAX_ROWS))).encode()
    table = services.table_import(
        network=network, actor=users["coordinator"], content=content, filename="a.csv", title="T"
    )
    assert (
        StatisticsRow.objects.filter(table=table).order_by("position").last().position
        == services.MAX_ROWS - 1
    )


# 3. ranks in O(n log n), the same as counting every pair -----------------------------------------


def naive_ranks(values):
    missing = sum(1 for v in values if v is None)
    result = []
    for index, value in enumerate(values):
        if value is None:
            result.append(None)
            continue
        others = [o for p, o in enumerate(values) if p != index and o is not None]
        result.append(
            Rank(
                best=1 + sum(1 for o in others if o.low > value.high),
                worst=1 + sum(1 for o in others if o.high > value.low) + missing,
                tied=value.exact and any(o.exact and o.low == value.low for o in others),
            )
        )
    return result


def test_ranks_agree_with_counting_every_pair():
    generator = random.Random(13)
    for _ in range(200):
        values = []
        for _ in range(generator.randint(1, 12)):
            low = generator.randint(0, 8)
            kind = generator.random()
            values.append(
                None
                if kind < 0.1
                else exact(low)
                if kind < 0.6
                else Interval(D(low), D(low + generator.randint(1, 4)))
            )
        assert computing.ranks(values) == naive_ranks(values), values


# 4. thousands dots and spreadsheet number cells ---------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("0.125", D("0.125")),
        ("0.125,5", None),
        ("123.456", D(123456)),
        ("1.234,5", D("1234.5")),
        ("2.152", D(2152)),
    ],
)
def test_a_leading_zero_is_never_followed_by_a_thousands_dot(raw, value):
    if value is None:
        with pytest.raises(parsing.FigureError):
            parse_figure(raw)
    else:
        assert parse_figure(raw).low == value


@pytest.mark.django_db
@pytest.mark.usefixtures("regions")
def test_xlsx_number_cells_are_read_as_numbers_and_ambiguous_ones_refused():
    content = workbook(["Land", "Anzahl 2016", "Anteil %"], ["Bayern", 2152, 0.125], ["Hessen", 12, 29.25])
    sheet = services.sheet_read(content=content, filename="x.xlsx")
    assert [[f.low for f in row.figures] for row in sheet.rows] == [[2152, D("0.125")], [12, D("29.25")]]
    messages = refused(workbook(["Land", "Anzahl 2016"], ["Bayern", 2.152], ["Hessen", "4.122"]), "x.xlsx")
    assert len(messages) == 2 and all("mehrdeutig" in m for m in messages), messages
    # the same text in a CSV file is a thousands dot
    assert services.sheet_read(content=b"Land;Anzahl\nBayern;2.152\n").rows[0].figures[0].low == 2152
    # in a workbook, what no number cell can look like is still read as printed
    sheet = services.sheet_read(
        content=workbook(["Land", "Anzahl"], ["Bayern", "1.234.567"], ["Hessen", "750–2.500*"]),
        filename="x.xlsx",
    )
    assert [row.figures[0].high for row in sheet.rows] == [1234567, 2500]


# 5. the error list stops --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("regions")
def test_after_twenty_bad_cells_the_rest_are_counted():
    messages = refused(("Land;Anzahl\n" + "".join(f"R{i};abc\n" for i in range(30))).encode())
    assert len(messages) == 21
    assert messages[-1] == "… und 10 weitere Zellen."


# 6. totals and aggregates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "total", "aggregate"),
    [
        ("Deutschland insgesamt", True, False),
        ("Insgesamt¹", True, False),
        ("Summe der Länder", True, False),
        ("Früheres Bundesgebiet (ohne Berlin)", False, True),
        ("Neue Länder", False, True),
        ("Bayern", False, False),
    ],
)
def test_totals_and_aggregates_are_recognised_by_their_beginning(label, total, aggregate):
    assert (parsing.is_total(label), parsing.is_aggregate(label)) == (total, aggregate)


@pytest.mark.django_db
@pytest.mark.usefixtures("regions")
def test_aggregates_and_unmatched_rows_of_a_laender_table_are_not_counted():
    content = (
        "Land;Anzahl 2016\nBayern;10\nHessen;20\nBerlin;5\nAusland;7\n"
        "Früheres Bundesgebiet;30\nNeue Länder;5\nDeutschland insgesamt;35\n"
    ).encode()
    sheet = services.sheet_read(content=content, filename="a.csv")
    assert [row.label for row in sheet.regions] == ["Bayern", "Hessen", "Berlin"]
    assert [row.label for row in sheet.set_apart] == ["Ausland", "Früheres Bundesgebiet", "Neue Länder"]
    report = computing.count_reports(sheet)[0]
    assert report.total == exact(35)
    assert report.agreement == computing.AGREES
    assert [r.rank.best for r in report.regions] == [2, 1, 3]


# 7. change between years within one series ----------------------------------------------------------


def test_changes_pair_only_columns_of_one_series():
    columns = ["Männer 2016", "Frauen 2016", "Männer 2019", "Frauen 2019"]
    changes = computing.changes(sheet([("A", ["10", "100", "12", "110"])], columns))
    assert [(c.earlier.label, c.later.label, c.rows[0][1]) for c in changes] == [
        ("Männer 2016", "Männer 2019", exact(2)),
        ("Frauen 2016", "Frauen 2019", exact(10)),
    ]


# 9. negative figures ------------------------------------------------------------------------------


def test_negative_figures_have_no_shares_and_no_total():
    assert computing.shares([exact(5), exact(-3)]) == [None, None]
    report = computing.count_reports(sheet([("A", ["5"]), ("B", ["-3"]), ("Gesamt", ["2"])], ["Saldo 2020"]))[
        0
    ]
    assert report.total is None
    assert [r.share for r in report.regions] == [None, None]
    assert report.agreement == computing.NEGATIVE
    assert "negative" in printing.agreement_text(report)


# 10. per 100,000 only near the population's year -----------------------------------------------------


def test_per_inhabitants_only_for_years_near_the_population():
    table = sheet(
        [("Bayern", ["10", "10", "10"])], ["Anzahl 2016", "Anzahl 2022", "Anzahl 2025"], {"Bayern": "09"}
    )
    per = [
        computing.region_per_inhabitants(r, {"09": 100_000}, 2023)[0] for r in computing.count_reports(table)
    ]
    assert per == [None, exact(10), exact(10)]
    assert geodata.population_source().year == 2018


# 11. approximate totals ------------------------------------------------------------------------------


def test_a_total_including_an_approximate_figure_is_approximate():
    reports = computing.count_reports(
        sheet([("A", ["ca. 10", "10"]), ("B", ["5", "5"])], ["Anzahl 2016", "Anzahl 2019"])
    )
    assert [r.approximate for r in reports] == [True, False]
    assert "ca." in printing.column_lines(reports[0])[2]


# 12. a file with only its heading ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("regions")
def test_a_header_only_file_speaks_of_regions():
    assert refused(b"Land;Anzahl 2016\n") == [
        "Die Datei enthält nur die Kopfzeile, keine Zeile mit einer Region."
    ]


# 13. the page says where the population comes from ------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("regions")
def test_the_page_shows_the_populations_year_status_and_licence(client_for):
    client = client_for("coordinator")
    content = b"Land;Anzahl 2016;Anzahl 2023\nBayern;ca. 10;10\nHessen;5;5\n"
    response = client.post(
        reverse("statistics:list"), {"title": "T", "source": "", "file": SimpleUploadedFile("a.csv", content)}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "ungeprüft" not in page
    assert "dl-de/by-2-0" in page
    assert "Je 100.000 Einwohner (2018)" in page
    assert "nicht berechnet, Jahr zu weit von 2018" in page
    assert "ca. 15" in page
