"""Reading messy files into a table, headings into columns, and cells into values.

Every file is built here byte by byte, the way the program that writes it
would: Excel's "CSV UTF-8" with its BOM, German Excel's semicolons in
Windows-1252 with CRLF, tabs, a workbook with typed cells.
"""

import codecs
import io
import zipfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from openpyxl import Workbook

from augenhoehe.imports.columns import IGNORE, POSTAL_CODE_CITY, suggest_mapping
from augenhoehe.imports.reading import UnreadableFile, read_table
from augenhoehe.imports.values import parse_row

BERLIN = ZoneInfo("Europe/Berlin")


def xlsx(*sheets: list[list]) -> bytes:
    """A workbook with one sheet per list of rows, the first called "Liste"."""
    workbook = Workbook()
    workbook.active.title = "Liste"
    for index, rows in enumerate(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet(f"Blatt {index + 1}")
        for row in rows:
            sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def with_truncated_sheet(content: bytes) -> bytes:
    """The workbook with its zip intact but the first sheet's XML cut in half."""
    source, output = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    return output.getvalue()


def zipped(files: dict[str, str]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return output.getvalue()


# --- files --------------------------------------------------------------------------------------


def test_utf8_with_bom_and_commas():
    content = (
        codecs.BOM_UTF8
        + (
            "Vereinsname,PLZ/Ort,E-Mail-Adresse\r\n"
            'Ayşe-Frauentreff,33330 Gütersloh,"a@b.example, c@d.example"\r\n'
            "Çiğdem e. V.,\u00a033415 Verl\u00a0,\r\n"
        ).encode()
    )
    table = read_table(content)
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ",")
    # The BOM is not part of the first heading.
    assert table.headers == ["Vereinsname", "PLZ/Ort", "E-Mail-Adresse"]
    assert table.rows == [
        (2, ["Ayşe-Frauentreff", "33330 Gütersloh", "a@b.example, c@d.example"]),
        (3, ["Çiğdem e. V.", "33415 Verl", ""]),
    ]


def test_german_excel_csv_with_empty_lines_and_a_multi_line_cell():
    content = (
        "Name;Straße;Ort;Beschreibung;Gemeinnützig\r\n"
        "\r\n"
        'Väter- und Mütterverein;Große Straße 5;Gütersloh;"Treffen montags; 18 Uhr\nKochkurs für Väter";ja\r\n'
        "\r\n"
        ";;;;\r\n"
        'Öztürk Spor;;Verl;="0815";x\r\n'
    ).encode("cp1252")
    table = read_table(content)
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert table.headers == ["Name", "Straße", "Ort", "Beschreibung", "Gemeinnützig"]
    # Row numbers as Excel shows them: empty lines count, a cell's line break does not.
    assert table.rows == [
        (3, ["Väter- und Mütterverein", "Große Straße 5", "Gütersloh", "Treffen montags; 18 Uhr\nKochkurs für Väter", "ja"]),
        (6, ["Öztürk Spor", "", "Verl", "0815", "x"]),
    ]  # fmt: skip


def test_tab_separated():
    table = read_table(b"Name\tOrt\tSprachen\nVerein A\tVerl\tar, tr\n\nVerein B\tHalle\t\n")
    assert (table.encoding, table.delimiter) == ("utf-8", "\t")
    assert table.headers == ["Name", "Ort", "Sprachen"]
    assert table.rows == [(2, ["Verein A", "Verl", "ar, tr"]), (4, ["Verein B", "Halle", ""])]


def test_xlsx_cells_become_text_as_a_person_typed_them():
    content = xlsx(
        [
            ["Name", "PLZ", "Gegründet", "Mitglieder", "Bestätigt am", "Gemeinnützig", None],
            ["Sächsischer Kulturverein", 1067, date(1998, 5, 1), 40.0, datetime(2024, 12, 31, 14, 5), True],
            [None, None, None, None, None, None],
            ["Gütersloher Tafel", "33330", datetime(2001, 1, 1), 12.5, datetime(2024, 1, 2), False],
        ],
        [["Andere Liste"], ["wird nicht gelesen"]],
    )
    table = read_table(content, filename="Liste.xlsx")
    assert (table.encoding, table.delimiter) == ("xlsx", "")
    assert table.headers == ["Name", "PLZ", "Gegründet", "Mitglieder", "Bestätigt am", "Gemeinnützig"]
    assert table.rows == [
        # A row ends at its last value or the last heading; the sheet's declared width is not trusted.
        (2, ["Sächsischer Kulturverein", "1067", "1998-05-01", "40", "2024-12-31T14:05", "true"]),
        (4, ["Gütersloher Tafel", "33330", "2001-01-01", "12.5", "2024-01-02", "false"]),
    ]
    assert table.notes == ["Die Mappe hat mehrere Blätter; gelesen wird nur das erste: „Liste“."]


OLD_EXCEL = (
    "Das alte Excel-Format (.xls) können wir nicht lesen. Bitte speichern Sie die Liste als .xlsx oder .csv."
)
BROKEN_EXCEL = "Die Excel-Datei ist beschädigt oder keine .xlsx-Datei."
HEADER_ONLY = "Die Datei enthält nur die Kopfzeile, keine Organisationen."


@pytest.mark.parametrize(
    "content,filename,message",
    [
        (b"", "leer.csv", "Die Datei ist leer."),
        (b" \r\n\r\n\t\n", "leer.csv", "Die Datei ist leer."),
        (codecs.BOM_UTF8 + b";;;\r\n", "leer.csv", "Die Datei enthält keine Zeilen."),
        (b"Name;Ort\r\n\r\n;\r\n", "kopf.csv", HEADER_ONLY),
        (codecs.BOM_UTF8 + b"Name,Ort\r\n,\r\n", "kopf.csv", HEADER_ONLY),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "liste.xls", OLD_EXCEL),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "liste", OLD_EXCEL),
        (b"Name;Ort\r\nA;Verl\r\n", "liste.XLS", OLD_EXCEL),
        (
            bytes(range(128, 256)) * 3,
            "daten.csv",
            "Die Zeichen der Datei können wir nicht lesen. Bitte speichern Sie sie als „CSV UTF-8“ oder als .xlsx.",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "bild.csv",
            "Das ist keine Textdatei. Bitte laden Sie eine CSV- oder XLSX-Datei hoch.",
        ),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00abgebrochen", "liste.xlsx", BROKEN_EXCEL),
        (zipped({"notiz.txt": "kein Excel"}), "liste.xlsx", BROKEN_EXCEL),
        (b'{"format": "augenhoehe.organisations", "version": 1, "organisations": []}', "x.json", HEADER_ONLY),
        (b'{"format": "etwas anderes"}', "x.json", "Diese JSON-Datei ist kein Export von Augenhöhe."),
        (
            b'{"format": "augenhoehe.organisations", "version": 2}',
            "x.json",
            "Diese JSON-Datei hat die Formatversion 2; wir lesen Version 1.",
        ),
    ],
)
def test_unreadable_files_say_why_in_german(content, filename, message):
    with pytest.raises(UnreadableFile) as raised:
        read_table(content, filename=filename)
    assert str(raised.value) == message


def test_a_workbook_with_only_a_heading_is_unreadable():
    with pytest.raises(UnreadableFile) as raised:
        read_table(xlsx([["Name", "Ort"], [None, None]]))
    assert str(raised.value) == HEADER_ONLY


def test_a_cut_off_workbook_is_unreadable():
    whole = xlsx([["Name", "Ort"], ["Verein A", "Verl"]])
    with pytest.raises(UnreadableFile) as raised:
        read_table(whole[: len(whole) // 2])
    assert str(raised.value) == BROKEN_EXCEL


def test_a_workbook_with_a_broken_sheet_is_unreadable():
    content = with_truncated_sheet(xlsx([["Name", "Ort"], *[[f"Verein {n}", "Verl"] for n in range(50)]]))
    with pytest.raises(UnreadableFile) as raised:
        read_table(content)
    assert str(raised.value) == BROKEN_EXCEL


# --- headings -----------------------------------------------------------------------------------


def test_heading_variants_of_office_lists():
    headers = [
        "Vereinsname", "PLZ/Ort", "E-Mail-Adresse", "Homepage", "Ansprechpartner/in", "Gründungsjahr",
        "Bemerkungen", "Art der Organisation", "Sprachen:", "Anzahl Mitglieder", "Tel.", "Straße",
        "gemeinde_ags", "Land", "Verein",
    ]  # fmt: skip
    assert suggest_mapping(headers) == [
        "name", POSTAL_CODE_CITY, "email", "website", "contact_person", "founding_year",
        IGNORE, "kind", "languages", "member_count", "phone", "street",
        IGNORE, IGNORE,
        IGNORE,  # a second name column is left to the person mapping the file
    ]  # fmt: skip


def test_english_headings_and_the_export_keys():
    assert suggest_mapping(["Organization name", "ZIP code", "City", "Founded", "kreis_ags", "target_groups"]) == [
        "name", "postal_code", "city", "founding_year", "kreis_ags", "target_groups",
    ]  # fmt: skip


# --- cells --------------------------------------------------------------------------------------


def test_cells_as_people_write_them():
    mapping = [
        "name", POSTAL_CODE_CITY, "kind", "languages", "countries", "founding_year",
        "member_count", "charitable", "is_published", "confirmed_at", "website", "email", "public_fields",
    ]  # fmt: skip
    parsed = parse_row(
        [
            "Verein A", "D-1067 Dresden", "Cultural association", "Türkisch; ar,Kurdisch (Kurmancî)|de", "Türkei|SY",
            "31.12.1998", "1.200", "X", "nein", "31.12.2024 14:05", "www.verein.example",
            "mailto:info@verein.example", "E-Mail|phone",
        ],
        mapping,
    )  # fmt: skip
    assert parsed.errors == {}
    assert parsed.values == {
        "name": "Verein A",
        "postal_code": "01067",
        "city": "Dresden",
        "kind": "cultural",
        "languages": ["ar", "de", "ku", "tr"],
        "countries": ["SY", "TR"],
        "founding_year": 1998,
        "member_count": 1200,
        "charitable": True,
        "is_published": False,
        "confirmed_at": datetime(2024, 12, 31, 14, 5, tzinfo=BERLIN),
        "website": "https://www.verein.example",
        "email": "info@verein.example",
        "public_fields": ["email", "phone"],
    }


def test_a_place_without_a_postal_code_and_an_iso_date():
    parsed = parse_row(
        ["Gütersloh", "2024-12-31", "1998"], [POSTAL_CODE_CITY, "confirmed_at", "founding_year"]
    )
    assert parsed.values == {
        "city": "Gütersloh",
        "confirmed_at": datetime(2024, 12, 31, tzinfo=BERLIN),
        "founding_year": 1998,
    }


def test_every_unreadable_cell_is_an_error_at_its_column():
    mapping = ["name", "founding_year", "founding_year", "kind", "languages", "member_count", "postal_code"]
    mapping += ["charitable", IGNORE]
    next_year = timezone.localdate().year + 1
    parsed = parse_row(
        ["Verein", "31.02.2024", "2024-13-01", "Quatsch", "Deutsch|Klingonisch|Vulkanisch", "ca. 50", "123"]
        + ["vielleicht", "wird ignoriert", "", "zu viel"],
        mapping,
    )
    # A postal code of three digits is read as written; the model refuses it at the check.
    assert parsed.values == {"name": "Verein", "postal_code": "123"}
    assert parsed.errors == {
        1: ["„31.02.2024“ ist kein gültiges Datum (so ist es richtig: 31.12.2024)."],
        2: ["„2024-13-01“ ist kein gültiges Datum (so ist es richtig: 31.12.2024)."],
        3: [
            "„Quatsch“ ist kein bekannter Wert. Möglich sind: Kulturverein, Religiöser Verein / "
            "Religionsgemeinschaft, Politischer Verein, Freizeit- und Sportverein, Elternverein, "
            "Dachverband / Netzwerk, Sonstige."
        ],
        4: [
            "Unbekannte Werte: „Klingonisch“, „Vulkanisch“. Bitte Bezeichnungen wie im Verzeichnis "
            "verwenden, getrennt durch „|“ oder Komma."
        ],
        5: ["„ca. 50“ ist keine ganze Zahl."],
        7: ["„vielleicht“: bitte „ja“ oder „nein“."],
        9: ["Die Zeile hat mehr Zellen als die Kopfzeile Spalten. Steht ein Trennzeichen im Text?"],
    }
    # Which years are possible is the model's rule, checked with the row (test_import_rows).
    future = parse_row([str(next_year), "1067"], ["founding_year", "postal_code"])
    assert (future.values, future.errors) == ({"founding_year": next_year, "postal_code": "01067"}, {})


@pytest.mark.django_db
def test_a_kreis_by_key_or_name_and_the_ambiguous_one():
    mapping = ["kreis_ags"]
    for text, ags in [
        ("05754", "05754"),
        ("Kreis Gütersloh", "05754"),
        ("Guetersloh", "05754"),
        ("Halle (Saale)", "15002"),
        ("09184", "09184"),
    ]:
        assert parse_row([text], mapping).values == {"kreis_ags": ags}, text
    assert parse_row(["München"], mapping).errors == {
        0: ["„München“ ist Stadt und Kreis zugleich; bitte den Schlüssel (AGS) angeben."]
    }
    assert parse_row(["Mittelerde"], mapping).errors == {0: ["Einen Kreis „Mittelerde“ kennen wir nicht."]}
