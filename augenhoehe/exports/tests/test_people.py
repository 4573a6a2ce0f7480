"""The layout for people: headings and values in the reader's language, CSV for Excel, XLSX
with a legend; the same rows and the same hidden cells as the machine format, per role."""

import csv
import io
from itertools import takewhile

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from augenhoehe.directory.choices import LegalForm
from augenhoehe.interchange.format import COLUMNS, FORMAT_NAME, FORMAT_VERSION

from .test_views import ROLES, STAFF, body, csv_rows

pytestmark = pytest.mark.django_db

ELTERN = "Türkischer Elternverein Gütersloh"
CSV_URL, XLSX_URL = "exports:organisations_people_csv", "exports:organisations_people_xlsx"

GERMAN_HEADINGS = ["ID in Augenhöhe", "Name", "Kurzname", "Art", "Selbstverständnis", "Typ (SVR 2020)"]
ARABIC_HEADINGS = ["المعرّف في Augenhöhe", "الاسم", "الاسم المختصر", "النوع", "الهوية الذاتية"]
# The Elternverein as the coordinator reads it, German and Arabic (values the fixture sets).
GERMAN_ELTERN = {
    "Art": "Elternverein",
    "Kreis": "Kreis Gütersloh (05754)",
    "Land": "Nordrhein-Westfalen",
    "Rechtsform": "eingetragener Verein (e. V.)",
    "Sprachen": "Deutsch, Türkisch",
    "Communities / Herkunftsländer": "Türkei",
    "Mitglied in Dachverbänden": "Bundesverband Türkischer Elternvereine\nGeheimer Dachverband",
    "Veröffentlicht": "ja",
    "Öffentlich sichtbar": "E-Mail, Telefon",
}
ARABIC_ELTERN = {
    "النوع": "جمعية أولياء الأمور",
    "الشكل القانوني": "جمعية مسجلة (e. V.)",
    "اللغات": "الألمانية، التركية",
    "الجاليات / بلدان المنشأ": "تركيا",
    "منشور": "نعم",
    "معترف بها كمنظمة ذات نفع عام": "نعم",
}
VISIBLE_IF_PUBLIC = (
    "Leer, wenn das Profil diese Angabe nicht öffentlich zeigt und Sie es nicht bearbeiten dürfen."
)


@pytest.fixture(autouse=True)
def _source_language_afterwards():
    """A request leaves its language active in the test's thread; the next test expects German."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def get(client, url_name: str, language: str = "de", **query):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse(url_name), query)
    assert response.status_code == 200
    return response


def people_csv(content: bytes, delimiter: str) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM: Excel opens it as UTF-8
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def workbook_of(response):
    return load_workbook(io.BytesIO(body(response)))


def test_csv_for_people_in_german(client_for, directory):
    response = get(client_for("coordinator"), CSV_URL, "de")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="augenhoehe-organisationen-{today}-tabelle.csv"'
    )
    content = body(response)
    header_line = content.decode("utf-8-sig").split("\r\n")[0]
    assert header_line.split(";")[: len(GERMAN_HEADINGS)] == GERMAN_HEADINGS
    rows = {row["Name"]: row for row in people_csv(content, ";")}
    eltern = rows[ELTERN]
    assert {heading: eltern[heading] for heading in GERMAN_ELTERN} == GERMAN_ELTERN
    assert eltern["Angaben bestätigt am"] == "31.12.2024 14:05"
    assert eltern["Breitengrad"] == ""  # the fixture sets no coordinates
    # Excel would read "+49 …" as a formula and drop a postal code's leading zero: kept text.
    assert eltern["Telefon"] == '="+49 5241 12345"'
    assert eltern["Postleitzahl"] == "33330"
    assert rows["Syrischer Kulturverein"]["Veröffentlicht"] == "ja"


def test_csv_dialect_follows_the_language(client_for, directory):
    """Excel's dialect (quotes doubled, CRLF), with the list separator Excel expects: ";" where
    the decimal separator is a comma (German, Arabic), "," in English."""
    client = client_for("coordinator")
    german = body(get(client, CSV_URL, "de")).decode("utf-8-sig")
    english = body(get(client, CSV_URL, "en")).decode("utf-8-sig")
    assert german.count("\r\n") >= 4 and german.endswith("\r\n")
    assert '"Elterncafé, Hausaufgabenhilfe; ""Kita-Einstieg""\nzweite Zeile"' in german
    assert english.split("\r\n")[0].startswith("ID in Augenhöhe,Name,Short name,")
    english_rows = {row["Name"]: row for row in csv.DictReader(io.StringIO(english, newline=""))}
    assert english_rows[ELTERN]["Languages"] == "German, Turkish"
    assert english_rows[ELTERN]["Details confirmed on"] == "2024-12-31 14:05"
    assert english_rows[ELTERN]["Published"] == "yes"


def test_csv_for_people_in_arabic(client_for, directory):
    content = body(get(client_for("coordinator"), CSV_URL, "ar"))
    assert content.decode("utf-8-sig").split("\r\n")[0].split(";")[: len(ARABIC_HEADINGS)] == ARABIC_HEADINGS
    eltern = next(row for row in people_csv(content, ";") if row["الاسم"] == ELTERN)
    assert {heading: eltern[heading] for heading in ARABIC_ELTERN} == ARABIC_ELTERN


@pytest.mark.parametrize("language,headings", [("de", GERMAN_HEADINGS), ("ar", ARABIC_HEADINGS)])
def test_xlsx_for_people_has_the_organisations_first_and_typed_cells(
    client_for, directory, language, headings
):
    response = get(client_for("coordinator"), XLSX_URL, language)
    assert response["Content-Disposition"].endswith('-tabelle.xlsx"')
    workbook = workbook_of(response)
    sheet, legend = workbook.worksheets
    assert bool(sheet.sheet_view.rightToLeft) == bool(legend.sheet_view.rightToLeft) == (language == "ar")
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0][: len(headings)]) == headings
    assert len(rows[0]) == len(COLUMNS)
    eltern = dict(zip(rows[0], next(row for row in rows if row[1] == ELTERN), strict=True))
    expected = GERMAN_ELTERN if language == "de" else ARABIC_ELTERN
    assert {heading: eltern[heading] for heading in expected} == expected
    assert eltern[headings[0]] == directory["eltern"].pk  # a number cell
    confirmed = eltern["Angaben bestätigt am" if language == "de" else "تاريخ تأكيد البيانات"]
    assert (confirmed.year, confirmed.month, confirmed.day, confirmed.hour, confirmed.minute) == (
        2024,
        12,
        31,
        14,
        5,
    )
    number = next(index for index, row in enumerate(rows, start=1) if row[1] == ELTERN)
    date_cell = sheet.cell(row=number, column=COLUMNS.index("confirmed_at") + 1)
    assert date_cell.number_format == ("DD.MM.YYYY HH:MM" if language == "de" else "YYYY-MM-DD HH:MM")


def test_the_legend_explains_every_column_and_lists_the_codes(client_for, directory):
    legend = workbook_of(get(client_for("coordinator"), XLSX_URL, "de")).worksheets[1]
    assert legend.title == "Legende"
    rows = [tuple(row) for row in legend.iter_rows(values_only=True)]
    assert rows[0][:2] == ("Format", FORMAT_NAME)
    assert rows[1][:2] == ("Version", FORMAT_VERSION)
    assert rows[4] == ("Spalte", "Schlüssel für Programme", "Bedeutung", "Erlaubte Werte", "Code")
    columns = {row[1]: row for row in rows[5:] if row[1]}
    assert list(columns) == list(COLUMNS)
    assert columns["legal_form"][:3] == ("Rechtsform", "legal_form", "Rechtsform. " + VISIBLE_IF_PUBLIC)
    assert columns["languages"][3] == "Werte aus der Liste darunter, getrennt durch „,“"
    assert columns["charitable"][3] == "„ja“ oder „nein“"
    assert columns["is_published"][2].endswith(
        "Nur für Personen, die das Profil bearbeiten dürfen; sonst leer."
    )
    assert all(row[2] for row in columns.values())  # every column has a meaning
    values = {(row[3], row[4]) for row in rows[5:] if not row[0]}
    assert {("eingetragener Verein (e. V.)", "ev"), ("Türkisch", "tr"), ("Türkei", "TR")} <= values
    start = rows.index(columns["legal_form"]) + 1
    legal_forms = list(takewhile(lambda row: not row[0], rows[start:]))
    assert [row[4] for row in legal_forms] == list(LegalForm.values)


def test_the_legend_in_arabic(client_for, directory):
    legend = workbook_of(get(client_for("coordinator"), XLSX_URL, "ar")).worksheets[1]
    assert legend.sheet_view.rightToLeft
    rows = [tuple(row) for row in legend.iter_rows(values_only=True)]
    assert rows[1][1] == FORMAT_VERSION
    assert ("جمعية مسجلة (e. V.)", "ev") in {(row[3], row[4]) for row in rows}
    assert next(row for row in rows if row[1] == "languages")[0] == "اللغات"


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_in_the_layout_for_people_what_it_sees_in_the_machine_format(
    client_for, directory, role
):
    """Same rows, and a cell is filled for people exactly where it is filled for programs."""
    client = client_for(role)
    machine = {row["id"]: row for row in csv_rows(get(client, "exports:organisations_csv"))}
    for_people = {row["ID in Augenhöhe"]: row for row in people_csv(body(get(client, CSV_URL)), ";")}
    assert list(for_people) == list(machine)
    headings = list(next(iter(for_people.values())))
    for pk, row in machine.items():
        filled = [bool(row[column]) for column in COLUMNS]
        assert [bool(for_people[pk][heading]) for heading in headings] == filled, (role, row["name"])
    names = {row["name"] for row in machine.values()}
    assert ("Kurdischer Entwurf e. V." in names) == (role in STAFF)
    eltern = next(row for row in for_people.values() if row["Name"] == ELTERN)
    # An umbrella the reader may not open is not named either.
    expected = "Bundesverband Türkischer Elternvereine" + ("\nGeheimer Dachverband" if role in STAFF else "")
    assert eltern["Mitglied in Dachverbänden"] == expected


def test_anonymous_workbook_hides_what_the_page_hides(client, directory):
    sheet = workbook_of(get(client, XLSX_URL)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    eltern = dict(zip(rows[0], next(row for row in rows if row[1] == ELTERN), strict=True))
    assert eltern["Ansprechperson"] is None
    assert eltern["Veröffentlicht"] is None and eltern["Angaben bestätigt am"] is None
    assert eltern["E-Mail"] == "kontakt@elternverein.example"  # the profile makes it public
    assert "Kurdischer Entwurf e. V." not in [row[1] for row in rows]


def test_the_page_offers_both_layouts(client, directory):
    html = client.get(reverse("directory:search")).content.decode()
    assert "für Menschen (Tabelle zum Lesen)" in html
    assert "für Programme (stabiles Format)" in html
    assert html.index("/exports/organisations-table.xlsx") < html.index("/exports/organisations.xlsx")
