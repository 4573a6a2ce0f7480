"""The whole journey of a survey in real Chromium (issue 13, point 5): a coordinator builds it at
1280 px (two sections, a multiple choice with "Sonstiges, nämlich", a Likert item), translates it
into Arabic and opens it, invites the network's organisations; one of them opens the personal link
from its mail on a 360 px phone, reads the questionnaire in Arabic right to left and answers it;
five others answer through the services; the coordinator reads the exact figures. axe-core on
every page, a screenshot of each in $AUGENHOEHE_HOME/shots/journey-*.png.

The answers, counted by hand (six respondents, so nothing is suppressed):

=======  ================================  =================
who      fields (multiple choice, n = 6)   Likert (n = 5)
=======  ================================  =================
browser  Bildung, Sonstiges (Arabic text)  stimmt eher
B        Bildung, Sport                    stimmt genau
C        Sport                             stimmt eher nicht
D        Bildung                           stimmt genau
E        Kultur                            stimmt nicht
F        Bildung, Sport, Kultur            (no answer)
=======  ================================  =================
"""

import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation.tests.test_browser import sign_in
from augenhoehe.directory.models import Tag
from augenhoehe.surveys.answering import (
    AnswerValue,
    questionnaire_load,
    response_open,
    response_submit,
    section_save,
)
from augenhoehe.surveys.models import Survey, SurveyInvitation, SurveyResponse

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

SHOTS = Path(os.environ.get("AUGENHOEHE_HOME") or tempfile.gettempdir()) / "shots"

FIELDS_DE = "In welchen Feldern sind Sie tätig?"
TRUST_DE = "Die Stadt nimmt uns ernst."
ARABIC = {
    "Zusammenarbeit 2027": "التعاون 2027",
    FIELDS_DE: "في أي مجالات تعملون؟",
    "Bildung": "التعليم",
    "Sport": "الرياضة",
    "Kultur": "الثقافة",
    "Sonstiges, nämlich": "مجال آخر، وهو",
    TRUST_DE: "المدينة تأخذنا على محمل الجد.",
    "stimmt genau": "موافق تماماً",
    "stimmt eher": "موافق إلى حد ما",
    "stimmt eher nicht": "غير موافق إلى حد ما",
    "stimmt nicht": "غير موافق إطلاقاً",
}
# Each in its own section: title, kind, text, options.
QUESTIONS = [
    ("Ihre Arbeit", "Mehrere Antworten", FIELDS_DE, "Bildung\nSport\nKultur\nSonstiges, nämlich"),
    (
        "Zusammenarbeit",
        "Zustimmung (Skala)",
        TRUST_DE,
        "stimmt genau\nstimmt eher\nstimmt eher nicht\nstimmt nicht",
    ),
]
OTHER_TEXT = "دروس اللغة العربية للأطفال"
# The five organisations answering through the services: fields, Likert point (None: skipped).
OTHERS = {
    "Bildungsverein B": (["Bildung", "Sport"], "stimmt genau"),
    "Sportverein C": (["Sport"], "stimmt eher nicht"),
    "Elternverein D": (["Bildung"], "stimmt genau"),
    "Kulturverein E": (["Kultur"], "stimmt nicht"),
    "Verein F": (["Bildung", "Sport", "Kultur"], None),
}


@pytest.fixture
def organisations(organisation_factory):
    """Six organisations of the network with an address (the first works in Arabic), one without
    an address, and one with an address in another network's Kreis."""
    arabic = organisation_factory(
        name="جمعية الجالية العربية",
        city="Verl",
        email="jaliya@example.org",
        tags={Tag.Scheme.LANGUAGE: ["ar"]},
    )
    others = {
        name: organisation_factory(name=name, city="Gütersloh", email=f"verein{i}@example.org")
        for i, name in enumerate(OTHERS)
    }
    organisation_factory(name="Verein ohne Adresse", city="Verl")
    organisation_factory(name="Dortmunder Verein", city="Dortmund", email="dortmund@example.org")
    return arabic, others


@pytest.fixture
def check(page, assert_accessible):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    def run(name: str, on=None) -> None:
        on = on or page
        assert_accessible(on)
        on.screenshot(path=str(SHOTS / f"journey-{name}.png"), full_page=True)

    return run


def build(page, check) -> None:
    """The coordinator builds, translates and opens the survey, all through the pages."""
    page.goto(reverse("surveys:list"))
    check("1-list")
    page.get_by_role("link", name="Neue Befragung").click()
    page.get_by_label("Titel").fill("Zusammenarbeit 2027")
    page.get_by_label("Arabisch", exact=True).check()
    page.get_by_label("Antworten möglich bis").fill("2099-06-30T18:00")
    check("2-settings")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zusammenarbeit 2027")

    for number, (title, kind, text, options) in enumerate(QUESTIONS, start=1):
        page.get_by_role("link", name="Abschnitt hinzufügen").click()
        page.get_by_label("Überschrift").fill(title)
        check(f"3-section-{number}")
        page.get_by_role("button", name="Speichern").click()
        page.get_by_role("region", name=title).get_by_role("link", name="Frage hinzufügen").click()
        page.get_by_label("Art der Frage").select_option(label=kind)
        page.locator("#id_text").fill(text)
        page.get_by_label("Antwortmöglichkeiten, eine je Zeile").fill(options)
        if kind == "Mehrere Antworten":
            page.get_by_label("Die letzte Zeile ist „Sonstiges, nämlich“ mit einem Textfeld").check()
        else:
            expect(page.get_by_label("So viele der ersten Stufen zählen als Zustimmung")).to_have_value("2")
        check(f"4-question-{number}")
        page.get_by_role("button", name="Frage speichern").click()
    expect(page.locator("#question-q1")).to_contain_text("mit Textfeld")
    expect(page.locator("#question-q2")).to_contain_text("stimmt eher nicht")
    check("5-detail")

    page.get_by_role("link", name="Übersetzen: Arabisch").click()
    # Title, two section titles, two questions, four options, four scale points.
    expect(page.locator("#missing")).to_contain_text("Noch 13 Texte ohne Übersetzung.")
    for german, arabic in ARABIC.items():
        row = page.locator(".profile__section").filter(
            has=page.locator("p[lang=de]").get_by_text(german, exact=True)
        )
        field = row.locator("input, textarea")
        expect(field).to_have_attribute("dir", "rtl")
        field.fill(arabic)
    check("6-translate")
    page.get_by_role("button", name="Übersetzungen speichern").click()
    # The section titles stay German: the organisations read them in German.
    expect(page.locator("#missing")).to_contain_text("Noch 2 Texte ohne Übersetzung.")

    page.get_by_role("link", name="Zurück zur Befragung").click()
    page.get_by_role("button", name="Befragung starten").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Läuft")
    check("7-opened")


def invite(page, check) -> None:
    page.get_by_role("link", name="Organisationen einladen").click()
    expect(page.get_by_text("7 Organisationen gefunden")).to_be_visible()
    expect(page.get_by_text("1 nicht einladbar (keine E-Mail-Adresse)")).to_be_visible()
    expect(page.get_by_text("Dortmunder Verein")).to_have_count(0)
    check("8-invite")
    page.get_by_role("button", name="6 Organisationen einladen").click()
    expect(page.get_by_text("6 Organisationen eingeladen.")).to_be_visible()
    check("9-invitations")


def link_from_mail(mailoutbox, address: str) -> str:
    """The path of the personal link in the invitation mailed to ``address``."""
    (mail,) = [m for m in mailoutbox if m.to == [address]]
    assert mail.extra_headers["Content-Language"] == "ar"
    (link,) = re.findall(r"https?://\S+/surveys/answer/\S+/", mail.body)
    assert link in mail.alternatives[0][0]
    return urlsplit(link).path


def answer_in_arabic_on_a_phone(browser, live_server, assert_accessible, path: str) -> None:
    context = browser.new_context(
        base_url=live_server.url, locale="ar", viewport={"width": 360, "height": 740}
    )
    phone = context.new_page()
    errors: list[str] = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    host = urlsplit(live_server.url).netloc
    phone.on("request", lambda r: errors.append(r.url) if urlsplit(r.url).netloc not in {host, ""} else None)
    with translation.override("ar"):
        saved = translation.gettext("gespeichert")

    def look(name: str) -> None:
        expect(phone.locator("html")).to_have_attribute("dir", "rtl")
        expect(phone.locator("html")).to_have_attribute("lang", "ar")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        assert_accessible(phone)
        phone.screenshot(path=str(SHOTS / f"journey-phone-{name}.png"), full_page=True)

    phone.goto(path)
    expect(phone.get_by_role("heading", level=1)).to_have_text(ARABIC["Zusammenarbeit 2027"])
    question = phone.locator("legend span").first
    expect(question).to_have_text(ARABIC[FIELDS_DE])
    expect(question).to_have_attribute("lang", "ar")
    expect(question).to_have_attribute("dir", "rtl")
    # The untranslated section title is read in German, marked as such.
    expect(phone.locator("h2 span[lang=de][dir=ltr]")).to_have_text("Ihre Arbeit")
    look("1-section-1")
    phone.get_by_role("checkbox", name=ARABIC["Bildung"], exact=True).check()
    phone.get_by_role("checkbox", name=ARABIC["Sonstiges, nämlich"], exact=True).check()
    phone.locator("input[name$='_other']").fill(OTHER_TEXT)
    expect(phone.locator("#save-status")).to_have_text(saved)
    look("2-answered-1")
    phone.locator("button[value=next]").click()

    expect(phone.get_by_text("Zusammenarbeit", exact=True)).to_have_attribute("lang", "de")
    likert = phone.locator("legend span").first
    expect(likert).to_have_text(ARABIC[TRUST_DE])
    expect(likert).to_have_attribute("lang", "ar")
    phone.get_by_role("radio", name=ARABIC["stimmt eher"], exact=True).check()
    expect(phone.locator("#save-status")).to_have_text(saved)
    look("3-section-2")
    phone.locator("button[value=submit]").click()
    expect(phone).to_have_url(re.compile("/thanks/"))
    look("4-thanks")
    context.close()
    assert not errors


def answer_through_the_services(survey, others: dict) -> None:
    questionnaire = questionnaire_load(survey=survey)
    fields, trust = questionnaire.questions

    def option(question, label: str) -> AnswerValue:
        return AnswerValue(option=next(o.pk for o in question.options.all() if o.label == label))

    for organisation in others.values():
        chosen, point = OTHERS[organisation.name]
        invitation = SurveyInvitation.objects.get(survey=survey, organisation=organisation)
        response = response_open(invitation=invitation)
        values = {fields.pk: [option(fields, label) for label in chosen]}
        if point:
            values[trust.pk] = [option(trust, point)]
        section_save(
            response=response,
            questionnaire=questionnaire,
            questions=questionnaire.questions,
            values=values,
            language="de",
        )
        response_submit(response=response, questionnaire=questionnaire)


def expect_rows(section, rows: dict[str, list[str]]) -> None:
    """Each option's row of the question's table: its count and its percentage."""
    for label, cells in rows.items():
        header = section.page.get_by_role("rowheader", name=label, exact=True)  # inside the row
        expect(section.locator("tbody tr").filter(has=header).locator("td")).to_have_text(cells)


def test_build_answer_in_arabic_on_a_phone_and_read_the_results(
    page, browser, live_server, users, network, organisations, mailoutbox, check, assert_accessible
):
    arabic, others = organisations
    sign_in(page)
    build(page, check)
    invite(page, check)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([arabic.email, *(o.email for o in others.values())])

    with network_scope(network):
        survey = Survey.objects.get()
        answer_through_the_services(survey, others)
    answer_in_arabic_on_a_phone(
        browser, live_server, assert_accessible, link_from_mail(mailoutbox, arabic.email)
    )
    with scopes_disabled():
        response = SurveyResponse.objects.get(organisation=arabic)
    assert response.submitted_at is not None
    assert response.language == "ar"

    page.goto(reverse("surveys:results", args=[survey.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zusammenarbeit 2027")
    fields = page.locator(".results-question").filter(has=page.get_by_role("heading", name=FIELDS_DE))
    expect(fields.locator(".results-base")).to_have_text("n = 6 · ohne Antwort: 0")
    expect_rows(
        fields,
        {
            "Bildung": ["4", "66,7 %"],
            "Sport": ["3", "50,0 %"],
            "Kultur": ["2", "33,3 %"],
            "Sonstiges, nämlich": ["1", "16,7 %"],
        },
    )
    expect(fields.locator(".results-texts")).to_have_text(OTHER_TEXT)
    trust = page.locator(".results-question").filter(has=page.get_by_role("heading", name=TRUST_DE))
    expect(trust.locator(".results-base")).to_have_text("n = 5 · ohne Antwort: 1")
    expect_rows(
        trust,
        {
            "stimmt genau": ["2", "40,0 %"],
            "stimmt eher": ["1", "20,0 %"],
            "stimmt eher nicht": ["1", "20,0 %"],
            "stimmt nicht": ["1", "20,0 %"],
        },
    )
    expect(trust.locator(".results-table__sum td")).to_have_text(["3", "60,0 %"])
    expect(page.get_by_role("img", name=FIELDS_DE)).to_be_visible()
    check("10-results")
