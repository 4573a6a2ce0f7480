"""The builder in real Chromium: a coordinator builds a small survey (a section, a Likert item with
edited labels, a multiple choice with "Sonstiges, nämlich", a question shown on a condition),
translates one question into Arabic and opens it; axe-core on every page, a screenshot of each
at 1280 px in $AUGENHOEHE_HOME/shots/."""

import os
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation.tests.test_browser import sign_in
from augenhoehe.surveys.choices import SurveyStatus
from augenhoehe.surveys.models import Survey, SurveyQuestion

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

SHOTS = Path(os.environ.get("AUGENHOEHE_HOME") or tempfile.gettempdir()) / "shots"


@pytest.fixture
def check(page, assert_accessible):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    def run(name: str) -> None:
        assert_accessible(page)
        page.screenshot(path=str(SHOTS / f"builder-{name}.png"), full_page=True)

    return run


def add_question(page, section: str, kind: str, text: str, options: str = "") -> None:
    page.get_by_role("region", name=section).get_by_role("link", name="Frage hinzufügen").click()
    page.get_by_label("Art der Frage").select_option(label=kind)
    page.locator("#id_text").fill(text)  # its label "Frage" is also in "Hinweis zur Frage"
    if options:
        page.get_by_label("Antwortmöglichkeiten, eine je Zeile").fill(options)


def test_a_coordinator_builds_translates_and_opens_a_survey(page, users, network, check):
    sign_in(page)
    page.goto(reverse("surveys:list"))
    check("list-empty")
    page.get_by_role("link", name="Neue Befragung").click()
    page.get_by_label("Titel").fill("Zusammenarbeit 2027")
    page.get_by_label("Arabisch", exact=True).check()
    page.get_by_label("Antworten möglich bis").fill("2099-06-30T18:00")
    check("settings")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zusammenarbeit 2027")

    page.get_by_role("link", name="Abschnitt hinzufügen").click()
    page.get_by_label("Überschrift").fill("Ihre Arbeit")
    check("section")
    page.get_by_role("button", name="Speichern").click()

    add_question(
        page,
        "Ihre Arbeit",
        "Mehrere Antworten",
        "In welchen Feldern sind Sie tätig?",
        "Bildung\nSport\nSonstiges, nämlich",
    )
    page.get_by_label("Die letzte Zeile ist „Sonstiges, nämlich“ mit einem Textfeld").check()
    page.get_by_role("button", name="Frage speichern").click()
    expect(page.locator("#question-q1")).to_contain_text("mit Textfeld")

    add_question(
        page,
        "Ihre Arbeit",
        "Zustimmung (Skala)",
        "Die Stadt nimmt uns ernst.",
        "stimmt genau\nstimmt eher\nstimmt eher nicht\nstimmt nicht",
    )
    # With JavaScript, the form shows only the fields of the chosen kind.
    expect(page.get_by_label("Stufen der Skala")).to_be_visible()
    expect(page.get_by_label("Kleinste Zahl")).to_be_hidden()
    page.get_by_role("button", name="Frage speichern").click()
    expect(page.locator("#question-q2")).to_contain_text("stimmt genau")

    add_question(
        page, "Ihre Arbeit", "Eine Antwort", "Mit welchen Schulen arbeiten Sie?", "Grundschule\nGesamtschule"
    )
    page.get_by_label("Nur zeigen, wenn bei Frage …").select_option(
        label="q1: In welchen Feldern sind Sie tätig?"
    )
    page.get_by_label("… eine dieser Antworten gewählt wurde").select_option(label="Bildung")
    check("question")
    page.get_by_role("button", name="Frage speichern").click()
    expect(page.locator("#question-q3")).to_contain_text("Nur gezeigt, wenn bei q1 „Bildung“ gewählt wurde.")
    check("detail")

    page.get_by_role("link", name="Übersetzen: Arabisch").click()
    expect(page.locator("#missing")).to_contain_text("Noch 14 Texte ohne Übersetzung.")
    check("translate")
    with network_scope(network):
        likert = SurveyQuestion.objects.get(code="q2")
    field = page.locator(f"[name='question-{likert.pk}-text']")
    expect(field).to_have_attribute("dir", "rtl")
    field.fill("المدينة تأخذنا على محمل الجد.")
    page.get_by_role("button", name="Übersetzungen speichern").click()
    expect(page.locator("#missing")).to_contain_text("Noch 13 Texte ohne Übersetzung.")

    page.get_by_role("link", name="Zurück zur Befragung").click()
    page.get_by_role("button", name="Befragung starten").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Läuft")
    check("opened")
    with network_scope(network):
        survey = Survey.objects.get()
        likert.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    assert likert.translated("text", "ar")[1] == "ar"
    page.goto(reverse("surveys:list"))
    check("list")


def test_the_template_reads_right_to_left_for_arabic_staff(page, users, network, check):
    sign_in(page)
    page.goto(reverse("surveys:list"))
    page.get_by_label("Sprache").select_option("ar")
    page.locator(".language-form button").click()
    page.locator("form[action$='/surveys/new/template/'] button").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#question-q22")).to_be_visible()  # the refugee activities, on a condition
    check("template-ar")
    with network_scope(network):
        survey = Survey.objects.get()
    page.goto(reverse("surveys:translate", args=[survey.pk, "tr"]))
    expect(page.locator("#missing")).to_contain_text("0")
    check("translate-tr-ar")
    page.goto(survey.get_absolute_url())
    page.locator("details.confirm summary").click()
    page.locator("details.confirm button").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    with network_scope(network):
        assert not Survey.objects.exists()
