"""The importer on the source document's table, as CSV and as XLSX, and on hostile files."""

import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from openpyxl import Workbook

from augenhoehe.core.models import LogEntry
from augenhoehe.statistics import computing, selectors, services
from augenhoehe.statistics.models import StatisticsRow, StatisticsTable, StatisticsValue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions", "unscoped")]

D = Decimal


def imported(network, actor, content: bytes, filename: str = "tabelle.csv"):
    table = services.table_import(
        network=network, actor=actor, content=content, filename=filename, title="MSO"
    )
    return table, selectors.table_sheet(table=table)


def column(sheet, label: str) -> int:
    return next(index for index, c in enumerate(sheet.columns) if c.label == label)


def region(report, label: str):
    return next(r for r in report.regions if r.row.label == label)


def as_xlsx(content: bytes) -> bytes:
    """The printed table as a workbook whose cells hold the text as printed, except that whole
    numbers with thousands dots ("4.122") are number cells (4122), as one types them in Excel: a
    text cell "4.122" in a workbook is refused as ambiguous."""
    workbook = Workbook()
    sheet = workbook.active
    for line in content.decode().splitlines():
        sheet.append(
            [
                int(cell.replace(".", "")) if re.fullmatch(r"\d{1,3}(\.\d{3})+", cell) else cell
                for cell in line.split("\t")
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture(params=["tsv", "xlsx"])
def source_sheet(request, network, users, printed_table):
    content = printed_table if request.param == "tsv" else as_xlsx(printed_table)
    table, sheet = imported(network, users["coordinator"], content, f"mso.{request.param}")
    return table, sheet


def test_the_2016_column_sums_to_17414_and_matches_the_printed_total(source_sheet):
    _table, sheet = source_sheet
    report = computing.column_report(sheet, column(sheet, "Anzahl 2016"))
    assert report.total == computing.Interval(D(17414), D(17414))
    assert report.agreement == computing.AGREES


def test_nrw_has_29_2_percent_of_2016(source_sheet):
    _table, sheet = source_sheet
    report = computing.column_report(sheet, column(sheet, "Anzahl 2016"))
    share = region(report, "Nordrhein-Westfalen").share
    assert share.exact
    assert round(share.low, 1) == D("29.2")
    assert region(report, "Nordrhein-Westfalen").rank == computing.Rank(1, 1, tied=False)


def test_the_regions_are_matched_to_the_laender_and_the_total_is_kept_apart(source_sheet):
    table, sheet = source_sheet
    assert len(sheet.regions) == 16
    assert all(row.land for row in sheet.regions)
    assert {row.label for row in sheet.regions if row.land == "13"} == {"Mecklenburg-Vorpommern"}
    assert sheet.total_row.label == "Gesamt"
    assert StatisticsRow.objects.filter(table=table, is_total=True, land=None).count() == 1


def test_baden_wuerttemberg_2019_stays_the_printed_range_with_its_footnote(source_sheet):
    table, _sheet = source_sheet
    value = StatisticsValue.objects.get(row__table=table, row__land="08", column__label="Anzahl 2019")
    assert (value.low, value.high, value.footnote) == (D(750), D(2500), "*")
    assert value.raw == "750– 2.500*"


def test_the_2019_total_is_a_range_and_the_printed_range_lies_within_it(source_sheet):
    _table, sheet = source_sheet
    report = computing.column_report(sheet, column(sheet, "Anzahl 2019"))
    # Exact: 4,122 + 1,766 + 732 + 231 = 6,851; three 750–2,500, four 150–750, five 0–150.
    assert report.total == computing.Interval(D(6851 + 2250 + 600), D(6851 + 7500 + 3000 + 750))
    assert report.printed_total.low == D(12400) and report.printed_total.high == D(14300)
    assert report.agreement == computing.CONSISTENT
    assert not region(report, "Berlin").rank.exact  # 6–10: the ranges around it leave it open


def test_the_2001_ranks_reproduce_the_printed_ones_where_they_are_determined(source_sheet):
    """The print ranks 2001 densely ("1223"): Sachsen and Brandenburg (2 each) share 13, then
    Mecklenburg-Vorpommern (1) is 14 and Sachsen-Anhalt (0) 15. Standard competition ranking
    ("1224") agrees up to the tie and then skips: 15 and 16."""
    _table, sheet = source_sheet
    count = column(sheet, "Anzahl 2001")
    printed_rank = count + 2
    report = computing.column_report(sheet, count)
    ours = {r.row.label: r.rank for r in report.regions}
    printed = {row.label: int(row.figures[printed_rank].low) for row in sheet.regions}
    for label, rank in ours.items():
        if printed[label] <= 13:
            assert (rank.best, rank.worst) == (printed[label], printed[label]), label
    assert ours["Sachsen"] == ours["Brandenburg"] == computing.Rank(13, 13, tied=True)
    assert ours["Mecklenburg-Vorpommern"].best == 15 and printed["Mecklenburg-Vorpommern"] == 14
    assert ours["Sachsen-Anhalt"].best == 16 and printed["Sachsen-Anhalt"] == 15


def test_the_percent_and_rank_columns_take_the_year_of_their_count(source_sheet):
    _table, sheet = source_sheet
    assert [(c.kind, c.year) for c in sheet.columns] == [
        ("count", 2019),
        ("count", 2016),
        ("percent", 2016),
        ("rank", 2016),
        ("count", 2001),
        ("percent", 2001),
        ("rank", 2001),
        ("percent", 2018),
    ]


def test_the_import_is_logged_with_counts_only(network, users, printed_table):
    table, _sheet = imported(network, users["coordinator"], printed_table)
    entry = LogEntry.objects.get(action="statistics.table.imported")
    assert entry.network == network and entry.actor == users["coordinator"]
    assert entry.data == {"rows": 17, "columns": 8}
    assert entry.object_id == str(table.pk)


def refused(network, users, content: bytes, filename: str = "x.csv") -> ValidationError:
    with pytest.raises(ValidationError) as error:
        imported(network, users["coordinator"], content, filename)
    assert not StatisticsTable.objects.exists()
    assert not StatisticsValue.objects.exists()
    return error.value


def test_an_empty_file_is_refused(network, users):
    assert "leer" in " ".join(refused(network, users, b"").messages)


def test_a_binary_file_is_refused(network, users):
    refused(network, users, bytes(range(256)) * 20, "bild.png")


def test_a_bad_cell_names_its_row_and_column_and_nothing_is_saved(network, users, printed_table):
    content = printed_table.replace(b"Bayern\t1.766", b"Bayern\tabc")
    messages = refused(network, users, content).messages
    assert any("Zeile 4" in m and "Spalte B" in m and "abc" in m for m in messages), messages


def test_every_bad_cell_is_listed_at_once(network, users):
    content = b"Land\tAnzahl 2019\nBayern\tabc\nHessen\t5 Vereine\n"
    messages = refused(network, users, content).messages
    assert len(messages) == 2


def test_a_land_printed_twice_is_refused(network, users):
    refused(network, users, b"Land;Anzahl\nBayern;1\nBAYERN*;2\n")


def test_a_table_without_figures_is_refused(network, users):
    refused(network, users, b"Land\nBayern\n")


@override_settings(IMPORT_MAX_ROWS=5)
def test_a_huge_sheet_is_stopped_by_the_readers_limits(network, users):
    content = "Land;Anzahl\n" + "".join(f"Region {n};{n}\n" for n in range(50))
    assert "Zeilen" in " ".join(refused(network, users, content.encode()).messages)


def test_an_unknown_region_is_kept_as_printed_without_a_land(network, users):
    content = "Kreis;Anzahl 2020\nKreis Gütersloh;12\nBayern;3\nInsgesamt;15\n".encode()
    _table, sheet = imported(network, users["coordinator"], content)
    assert [(row.label, row.land, row.is_total) for row in sheet.rows] == [
        ("Kreis Gütersloh", None, False),
        ("Bayern", "09", False),
        ("Insgesamt", None, True),
    ]


def test_a_figure_too_large_for_the_table_is_refused(network, users):
    messages = refused(network, users, b"Land;Anzahl\nBayern;1" + b"0" * 20 + b"\n").messages
    assert any("zu groß" in m for m in messages)
