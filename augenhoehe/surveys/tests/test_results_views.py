"""The results page, the raw answers' downloads and the PDF report, per role."""

import csv
import io

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook
from pypdf import PdfReader

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.models import LogEntry
from augenhoehe.surveys.testing import survey_sample

from .results_answers import answer_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(network, users):
    with network_scope(network):
        survey = survey_sample(network=network, title="Befragung 2026")
        answer_all(survey)
    return survey


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("mso_member", 403),
        ("coordinator", 200),
        ("network_admin", 200),
        ("other_coordinator", 404),
    ],
)
@pytest.mark.parametrize("name", ["surveys:results", "surveys:report", "surveys:export"])
def test_only_the_networks_staff_read_the_results(client_for, survey, role, status, name):
    kwargs = {"pk": survey.pk} | ({"format": "csv"} if name == "surveys:export" else {})
    response = client_for(role).get(reverse(name, kwargs=kwargs))
    assert response.status_code == status


def test_the_page_shows_n_percentages_charts_and_tables(client_for, survey):
    response = client_for("coordinator").get(reverse("surveys:results", args=[survey.pk]))
    page = response.content.decode()
    assert "12 abgeschickte Antwortbögen (n = 12)" in page
    assert "63,6 %" in page and "45,5 %" in page  # multiple choice, of respondents
    # Isolated left to right, so that an Arabic page does not read "% 63,6".
    assert '<bdi dir="ltr">63,6 %</bdi>' in page
    assert "Zustimmung zusammengefasst" in page and "66,7 %" in page
    assert "ohne Antwort: 2" in page  # the condition's base: 8 shown, 6 answered
    assert page.count('role="img"') == 4  # fields, form, trust, partners
    assert '<title id="q' in page and "<desc id=" in page
    assert "Anteil der Befragten je Antwort, n = 11: Bildung: 63,6 %; Kultur: 45,5 %" in page
    assert page.count('<table class="results-table">') == 4
    assert "Theater" in page and "Mehr Räume" in page


def test_the_page_takes_the_same_queries_however_many_answers(
    client_for, survey, django_assert_max_num_queries
):
    client = client_for("coordinator")
    url = reverse("surveys:results", args=[survey.pk]) + "?by=kind"
    with django_assert_max_num_queries(20) as first:
        client.get(url)
    with network_scope(survey.network):
        answer_all(survey)
    with django_assert_max_num_queries(20) as second:
        client.get(url)
    assert len(first.captured_queries) == len(second.captured_queries)


def test_a_cross_table_by_kind_and_a_bad_attribute(client_for, survey):
    client = client_for("coordinator")
    page = client.get(reverse("surveys:results", args=[survey.pk]), {"by": "kind"}).content.decode()
    assert "Nach Art der Organisation" in page
    assert "Sonstige (zusammengefasst)" in page
    bad = client.get(reverse("surveys:results", args=[survey.pk]), {"by": "email"})
    assert bad.status_code == 400
    assert 'aria-invalid="true"' in bad.content.decode()
    bad_report = client.get(reverse("surveys:report", args=[survey.pk]), {"by": "email"})
    assert bad_report.status_code == 400
    assert 'aria-invalid="true"' in bad_report.content.decode()


def test_csv_export_has_a_row_per_submitted_response_and_neutralises_formulas(client_for, survey):
    response = client_for("coordinator").get(reverse("surveys:export", args=[survey.pk, "csv"]))
    assert response.streaming
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 12
    first = rows[0]
    assert (first["kind"], first["fields_1"], first["fields_2"], first["fields_3"]) == (
        "cultural",
        "1",
        "1",
        "0",
    )
    assert first["form"] == "eingetragener Verein"
    assert first["trust"] == "trifft voll und ganz zu"
    assert first["staff"] == "0"
    assert rows[3]["fields_4_text"] == "Theater"
    assert rows[4]["wish"] == "'=HYPERLINK(1)"


def test_csv_export_neutralises_a_formula_behind_a_direction_mark(client_for, survey):
    from augenhoehe.surveys.models import SurveyAnswer

    with scopes_disabled():
        SurveyAnswer.objects.filter(text="=HYPERLINK(1)").update(text="\u200f=HYPERLINK(1)")
    response = client_for("coordinator").get(reverse("surveys:export", args=[survey.pk, "csv"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[4]["wish"] == "'\u200f=HYPERLINK(1)"
    with scopes_disabled():
        entry = LogEntry.objects.get(action="surveys.answers.exported")
    assert entry.data == {"format": "csv"}


def test_xlsx_export_and_an_unknown_format(client_for, survey):
    client = client_for("coordinator")
    response = client.get(reverse("surveys:export", args=[survey.pk, "xlsx"]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["organisation", "kreis", "kind"]
    wish = sheet.cell(row=6, column=header.index("wish") + 1)
    assert (wish.value, wish.data_type) == ("=HYPERLINK(1)", "s")
    assert sheet.max_row == 13
    assert (sheet.column_dimensions["A"].width, sheet.column_dimensions["D"].width) == (40, 14)
    assert client.get(reverse("surveys:export", args=[survey.pk, "exe"])).status_code == 404


def test_the_report_is_a_pdf_with_the_percentages(client_for, survey):
    response = client_for("coordinator").get(reverse("surveys:report", args=[survey.pk]), {"by": "kind"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "63,6 %" in text and "66,7 %" in text and "n = 12" in text


def test_the_report_leaves_out_the_free_texts_which_the_page_lists(client_for, survey):
    # A PDF is passed on; free texts can name people.
    client = client_for("coordinator")
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "Mehr Räume" in page and "Theater" in page
    response = client.get(reverse("surveys:report", args=[survey.pk]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Mehr Räume" not in text and "Theater" not in text and "Nähkurs" not in text
    assert "Freitexte stehen nur auf der Ergebnisseite" in " ".join(text.split())


@pytest.mark.parametrize(
    "url", ["/surveys/{}/ergebnisse/", "/surveys/{}/antworten.csv", "/surveys/{}/bericht.pdf"]
)
def test_a_tampered_huge_number_is_not_found(client_for, survey, url):
    assert client_for("coordinator").get(url.format(10**30)).status_code == 404
