"""The downloads over HTTP: each format read back, per role, bad queries, query counts."""

import csv
import io
import json
from datetime import datetime

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from augenhoehe.interchange.format import COLUMNS
from augenhoehe.testing.directory import DESCRIPTION

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "mso_member", "coordinator", "network_admin", "other_coordinator"]
STAFF = {"coordinator", "network_admin", "other_coordinator"}
ELTERN = "Türkischer Elternverein Gütersloh"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[dict[str, str]]:
    return parse_csv(body(response))


def parse_csv(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))


def test_csv_is_utf8_with_the_stable_header_and_exact_cells(client, directory):
    response = client.get(reverse("exports:organisations_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="augenhoehe-organisationen-{today}.csv"'
    content = body(response)
    assert not content.startswith(b"\xef\xbb\xbf")  # no BOM
    assert content.split(b"\r\n")[0].decode() == ",".join(COLUMNS)
    rows = {row["name"]: row for row in parse_csv(content)}
    assert list(rows) == ["Bundesverband Türkischer Elternvereine", "Syrischer Kulturverein", ELTERN]
    eltern = rows[ELTERN]
    assert eltern["description"] == DESCRIPTION  # comma, semicolon, quotes and newline survive
    assert eltern["contact_person"] == ""
    assert eltern["email"] == "kontakt@elternverein.example"
    assert eltern["languages"] == "de|tr"
    assert eltern["umbrellas"] == str(directory["umbrella"].pk)
    assert eltern["charitable"] == eltern["is_published"] == eltern["confirmed_at"] == ""


@pytest.mark.parametrize("role", ROLES)
def test_every_role_downloads_what_it_may_see(client_for, directory, role):
    rows = {row["name"]: row for row in csv_rows(client_for(role).get(reverse("exports:organisations_csv")))}
    assert ("Kurdischer Entwurf e. V." in rows) == (role in STAFF)
    assert ("Geheimer Dachverband" in rows) == (role in STAFF)
    editor = role != "anonymous"  # the member represents the Elternverein
    eltern = rows[ELTERN]
    assert eltern["contact_person"] == ("Ayşe Demir" if editor else "")
    assert eltern["criterion_aims"] == ("yes" if editor else "")
    assert eltern["confirmed_at"] == ("2024-12-31T14:05:00+01:00" if editor else "")
    assert eltern["public_fields"] == ("email|phone" if editor else "")
    syrisch = rows["Syrischer Kulturverein"]
    assert syrisch["email"] == ("verborgen@syrisch.example" if role in STAFF else "")


def test_the_query_string_of_the_page_selects_the_rows(client, directory):
    response = client.get(reverse("exports:organisations_csv"), {"q": "Elternverein", "language": "tr"})
    assert [row["name"] for row in csv_rows(response)] == [ELTERN]


def test_excel_variant_is_windows_1252_with_semicolons_and_german_dates(client_for, directory):
    response = client_for("coordinator").get(reverse("exports:organisations_excel_csv"), {"language": "tr"})
    assert response["Content-Type"] == "text/csv; charset=windows-1252"
    assert response["Content-Disposition"].endswith('-excel.csv"')
    text = body(response).decode("cp1252")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(rows) == 1
    row = rows[0]
    assert row["name"] == ELTERN  # ü is in Windows-1252
    assert row["contact_person"] == "Ayse Demir"  # ş is not: the nearest letter
    assert row["confirmed_at"] == "31.12.2024 14:05"
    assert row["phone"] == '="+49 5241 12345"'  # not a formula, not a number
    assert row["kreis_ags"] == '="05754"' and row["land"] == '="05"'  # leading zeros kept
    assert row["charitable"] == "true"
    assert row["description"] == DESCRIPTION


def test_xlsx_reads_back_with_typed_cells(client_for, directory):
    response = client_for("network_admin").get(reverse("exports:organisations_xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(body(response))).active
    assert sheet.title == "organisations"
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert header == list(COLUMNS)
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.column_dimensions["B"].width == 40
    rows = {r[1]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 5
    eltern = rows[ELTERN]
    assert eltern["id"] == directory["eltern"].pk
    assert eltern["postal_code"] == "33330" and eltern["kreis_ags"] == "05754"
    assert eltern["founding_year"] == 1998 and eltern["charitable"] is True
    assert eltern["confirmed_at"] == datetime(2024, 12, 31, 14, 5)  # local time
    assert eltern["languages"] == "de|tr"
    assert eltern["description"] == DESCRIPTION
    assert rows["Syrischer Kulturverein"]["street"] is None


def test_xlsx_keeps_formula_like_text_as_text(client, organisation_factory):
    organisation_factory(name='=HYPERLINK("http://evil.example";"Klick")', description="@SUM(1)\x0b")
    response = client.get(reverse("exports:organisations_xlsx"))
    sheet = load_workbook(io.BytesIO(body(response))).active
    name, description = sheet["B2"], sheet["G2"]
    assert name.data_type == "s" and name.value.startswith("=HYPERLINK")
    assert description.value == "@SUM(1)"


def test_json_document(client, directory):
    response = client.get(reverse("exports:organisations_json"))
    assert response["Content-Type"] == "application/json"
    document = json.loads(body(response))
    assert document["format"] == "augenhoehe.organisations"
    assert document["version"] == 1
    assert datetime.fromisoformat(document["exported_at"]).tzinfo is not None
    assert document["count"] == len(document["organisations"]) == 3
    eltern = next(o for o in document["organisations"] if o["name"] == ELTERN)
    assert list(eltern) == list(COLUMNS)
    assert eltern["languages"] == ["de", "tr"]
    assert eltern["umbrellas"] == [directory["umbrella"].pk]
    assert eltern["street"] is None and eltern["is_published"] is None
    assert eltern["short_name"] == "TEV"


def test_json_of_an_empty_result(client, directory):
    document = json.loads(body(client.get(reverse("exports:organisations_json"), {"language": "uk"})))
    assert document["count"] == 0 and document["organisations"] == []


@pytest.mark.parametrize(
    "name", ["organisations_csv", "organisations_excel_csv", "organisations_xlsx", "organisations_json"]
)
def test_an_unknown_filter_value_exports_nothing(client, directory, name):
    response = client.get(reverse(f"exports:{name}"), {"language": ["tr", "xx"]})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    content = response.content.decode()
    assert "<code>language</code>" in content and "xx" in content
    assert "Es wurde nichts exportiert." in content
    assert ELTERN not in content


def test_the_message_is_in_the_users_language(client, directory):
    response = client.get(reverse("exports:organisations_csv"), {"kind": "xx"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert 'lang="en"' in response.content.decode()


def test_staff_only_filters_are_ignored_for_visitors_as_on_the_page(client, directory):
    response = client.get(reverse("exports:organisations_csv"), {"staffing": "volunteers_only"})
    assert response.status_code == 200
    assert len(csv_rows(response)) == 3


def test_a_page_number_does_not_limit_the_export(client, directory):
    assert len(csv_rows(client.get(reverse("exports:organisations_csv"), {"page": "x"}))) == 3


@pytest.mark.parametrize("name", ["organisations_csv", "organisations_xlsx"])
def test_only_get(client, directory, name):
    assert client.post(reverse(f"exports:{name}")).status_code == 405


@pytest.mark.parametrize(
    "name",
    [
        "organisations_csv",
        "organisations_excel_csv",
        "organisations_json",
        "organisations_xlsx",
        "organisations_people_csv",
        "organisations_people_xlsx",
    ],
)
def test_http_queries_do_not_grow_with_the_result(client_for, organisation_factory, name, django_assert_max_num_queries):  # fmt: skip
    client = client_for("coordinator")
    umbrella = organisation_factory(name="Dachverband", kind="umbrella")

    def add(n: int) -> None:
        for _ in range(n):
            organisation_factory(tags={"language": ["tr"], "field": ["culture"]}, umbrellas=[umbrella])

    add(3)
    # Besides the rows: the download counted in the shared cache (read, write) and audited (the
    # entry), and which profiles' special categories the staff member reads (one query).
    with django_assert_max_num_queries(14) as few:
        body(client.get(reverse(f"exports:{name}"), {"language": "tr"}))
    add(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(f"exports:{name}"), {"language": "tr"})
        body(response)


def test_export_links_carry_the_current_query(rf: RequestFactory):
    request = rf.get("/organisations/", {"q": "Eltern café", "language": ["tr", "ar"]})
    html = (
        engines["django"]
        .from_string('{% include "exports/_export_links.html" %}')
        .render({"request": request})
    )
    query = "?q=Eltern+caf%C3%A9&amp;language=tr&amp;language=ar"
    for path in ("organisations.csv", "organisations-excel.csv", "organisations.xlsx", "organisations.json"):
        assert f'href="/exports/{path}{query}"' in html
