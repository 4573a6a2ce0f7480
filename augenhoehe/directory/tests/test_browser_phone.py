"""The directory on a 360 px phone, with the keyboard only, printed, and in Arabic (real Chromium, axe)."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from augenhoehe.directory.models import Tag

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def directory(organisation_factory, users):
    organisations = {
        "bruecke": organisation_factory(
            name="Verein Brücke (e. V.)",
            kind="parents",
            description="Beratung für Familien.",
            phone="+49 5241 123456",
            public_fields=["phone"],
            latitude=Decimal("51.906600"),
            longitude=Decimal("8.378400"),
            tags={Tag.Scheme.LANGUAGE: ["ar", "de"], Tag.Scheme.COUNTRY: ["SY"]},
        ),
        "mriya": organisation_factory(
            name="Ukrainischer Verein Mriya", city="Dortmund", tags={Tag.Scheme.LANGUAGE: ["uk"]}
        ),
        "tuerk": organisation_factory(name="Türkischer Elternverein", tags={Tag.Scheme.LANGUAGE: ["tr"]}),
    }
    return organisations


def results(page):
    return page.locator(".result__title a")


def phone_page(browser, live_server, *, language="de"):
    context = browser.new_context(base_url=live_server.url, locale="de-DE", viewport=PHONE)
    context.add_cookies([{"name": "augenhoehe_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors


def test_on_a_phone_the_filters_open_in_a_drawer_with_a_live_count(
    browser, live_server, directory, assert_accessible
):
    context, page, errors = phone_page(browser, live_server)
    page.goto("/organisations/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 100, header  # two rows, not three (was 128 px)
    expect(results(page)).to_have_count(3)
    expect(page.get_by_label(re.compile(r"^Türkisch"))).to_be_hidden()
    assert_accessible(page)

    page.locator("#filter-panel > summary").click()
    drawer = page.get_by_role("dialog", name="Filter")
    expect(drawer).to_be_visible()
    box = drawer.bounding_box()
    assert box["width"] >= 350 and box["y"] <= 1  # over the whole screen, at the finger
    apply = page.locator("#apply-filters")
    expect(apply).to_have_text("3 Ergebnisse anzeigen")
    expect(page.get_by_role("button", name="Filter schließen")).to_be_focused()
    assert_accessible(page)

    page.get_by_label(re.compile(r"^Türkisch")).check()
    expect(apply).to_have_text("1 Ergebnis anzeigen")
    page.get_by_label(re.compile(r"^Ukrainisch")).check()
    expect(apply).to_have_text("2 Ergebnisse anzeigen")
    expect(results(page)).to_have_count(3)  # behind the drawer nothing moved yet
    expect(apply).to_be_in_viewport()

    apply.click()
    expect(results(page)).to_have_count(2)
    expect(drawer).to_be_hidden()
    expect(page.locator("#result-list")).to_be_focused()
    expect(page).to_have_url(re.compile(r"language=tr.*language=uk|language=uk.*language=tr"))
    expect(page.get_by_role("link", name=re.compile("Entfernen: Sprachen: Türkisch"))).to_be_visible()
    assert_accessible(page)

    # The keyboard stays in the open drawer; Escape closes it and gives focus back to its button.
    page.locator("#filter-panel > summary").click()
    # The drawer has taken the focus (its script ran) before the keyboard is tried.
    expect(page.get_by_role("button", name="Filter schließen")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.getElementById('filter-drawer').contains(document.activeElement)")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.locator("#filter-panel > summary")).to_be_focused()
    assert not errors
    context.close()


def test_the_first_result_is_three_tab_presses_away(page, directory):
    page.goto("/organisations/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zu den Ergebnissen springen")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # visible when focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(results(page).first).to_be_focused()


def test_the_country_widget_works_with_the_keyboard(page, directory, assert_accessible):
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername").fill("koordination")
    page.get_by_label("Passwort").fill("geheim-123")
    page.get_by_role("button", name="Anmelden").click()
    page.goto(f"/organisations/{directory['mriya'].pk}/edit/")

    combobox = page.get_by_role("combobox", name=re.compile("Herkunft|Communit|Länder"))
    combobox.focus()
    page.keyboard.type("ukra")
    expect(page.get_by_role("option", name="Ukraine")).to_be_visible()
    page.keyboard.press("Enter")
    page.keyboard.type("syr")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    chips = page.locator(".multichoice__chips button")
    expect(chips).to_have_count(2)  # the second choice did not drop the first
    expect(page.get_by_role("button", name="Syrien entfernen")).to_be_visible()
    assert_accessible(page)

    expect(combobox).to_have_value("")  # emptied for the next value
    page.keyboard.press("Escape")
    expect(combobox).to_have_attribute("aria-expanded", "false")
    page.keyboard.type("x")
    page.keyboard.press("Backspace")  # the box held a letter: only the letter goes
    expect(chips).to_have_count(2)
    page.keyboard.press("Backspace")  # empty box: removes the last chip (Ukraine, after Syrien)
    expect(chips).to_have_count(1)
    page.get_by_role("button", name="Syrien entfernen").focus()
    page.keyboard.press("Enter")
    expect(chips).to_have_count(0)
    page.keyboard.type("syr")
    page.keyboard.press("Enter")
    page.keyboard.type("türk")
    page.keyboard.press("Enter")
    selected = page.locator("#id_countries").evaluate("s => [...s.selectedOptions].map(o => o.value)")
    assert sorted(selected) == ["SY", "TR"]

    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Das Profil wurde gespeichert.")).to_be_visible()
    expect(page.locator(".chips li", has_text="Syrien")).to_be_visible()
    expect(page.locator(".chips li", has_text="Türkei")).to_be_visible()


def _character_x(page, selector: str, index: int) -> float:
    """Where the ``index``-th character of the element's text is drawn (negative: from the end)."""
    return page.locator(selector).first.evaluate(
        """(element, index) => {
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            const nodes = []; while (walker.nextNode()) nodes.push(walker.currentNode);
            const text = nodes.map(n => n.data).join("");
            let at = index < 0 ? text.trimEnd().length + index : index;
            for (const node of nodes) {
              if (at < node.data.length) {
                const range = document.createRange(); range.setStart(node, at); range.setEnd(node, at + 1);
                return range.getBoundingClientRect().left;
              }
              at -= node.data.length;
            }
            throw new Error("no such character");
        }""",
        index,
    )


def test_german_profile_data_reads_left_to_right_in_the_arabic_page(
    browser, live_server, directory, assert_accessible
):
    context, page, errors = phone_page(browser, live_server, language="ar")
    page.goto(f"/organisations/{directory['bruecke'].pk}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    phone = page.locator('a[href^="tel:"]')
    expect(phone).to_have_attribute("dir", "ltr")
    expect(phone).to_have_text("+49 5241 123456")
    # "+49" is drawn left of "456": the number is not reversed.
    assert _character_x(page, 'a[href^="tel:"]', 0) < _character_x(page, 'a[href^="tel:"]', -1)
    # "(e. V.)" keeps its brackets around it: the closing one is drawn last, at the right.
    expect(page.locator("h1 bdi")).to_have_text("Verein Brücke (e. V.)")
    first, last = _character_x(page, "h1 bdi", 0), _character_x(page, "h1 bdi", -1)
    opening = _character_x(page, "h1 bdi", len("Verein Brücke "))
    assert first < opening < last
    expect(page.locator(".prose")).to_have_attribute("lang", "de")
    assert_accessible(page)

    page.goto("/organisations/?q=عربي")
    expect(results(page)).to_have_count(1)
    expect(results(page).locator("bdi")).to_have_text("Verein Brücke (e. V.)")
    assert _character_x(page, ".result__title bdi", 0) < _character_x(page, ".result__title bdi", -1)
    assert_accessible(page)
    page.locator("#filter-panel > summary").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    assert_accessible(page)
    assert not errors
    context.close()


def test_printed_results_show_the_results_and_their_addresses_only(page, live_server, directory):
    page.goto("/organisations/")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".facets")).to_be_hidden()
    expect(page.locator(".downloads")).to_be_hidden()
    expect(page.locator("#id_q")).to_be_hidden()
    expect(results(page)).to_have_count(3)
    expect(page.locator(".result__url").first).to_be_visible()
    expect(page.locator(".result__url").first).to_have_text(
        re.compile(rf"^{re.escape(live_server.url)}/organisations/\d+/$")
    )
    page.emulate_media(media="screen")
    expect(page.locator(".result__url").first).to_be_hidden()


def test_the_empty_state_removes_one_filter_at_a_time(page, directory, assert_accessible):
    page.goto("/organisations/?q=Mriya&language=tr")
    expect(page.get_by_text("Keine Organisation passt zu dieser Suche.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Entfernen: Sprachen: Türkisch")).click()
    expect(results(page)).to_have_count(1)
    expect(page.get_by_label("Suchbegriff")).to_have_value("Mriya")


def test_the_map_of_the_result_loads_on_request_with_its_text_alternative(page, directory, assert_accessible):
    page.goto("/organisations/")
    page.get_by_text("Karte des Ergebnisses").click()
    expect(page.get_by_role("img", name=re.compile("je Kreis"))).to_be_visible()
    expect(page.locator(".result-map circle")).to_have_count(1)
    expect(page.locator(".result-map__list li")).to_have_count(2)  # Gütersloh, Dortmund
    expect(page).to_have_url(re.compile(r"/organisations/$"))  # the page's address stays
    assert_accessible(page)


def test_a_long_filter_list_is_searchable_and_keeps_earlier_choices(
    page, organisation_factory, assert_accessible
):
    for number, code in enumerate(["SY", "TR", "UA", "AF", "IQ", "IR", "ER", "PL", "RO", "GR"]):
        organisation_factory(name=f"Verein {number}", tags={Tag.Scheme.COUNTRY: [code]})
    page.goto("/organisations/")
    search = page.get_by_label("Communities durchsuchen")
    search.fill("syr")
    expect(page.get_by_label(re.compile(r"^Syrien"))).to_be_visible()
    expect(page.get_by_label(re.compile(r"^Türkei"))).to_be_hidden()
    page.get_by_label(re.compile(r"^Syrien")).focus()
    page.keyboard.press("Space")
    expect(results(page)).to_have_count(1)
    expect(page.get_by_label("Communities durchsuchen")).to_have_value(
        "syr"
    )  # kept when htmx redrew the filters

    page.get_by_label("Communities durchsuchen").fill("türk")
    page.get_by_label(re.compile(r"^Türkei")).check()
    expect(results(page)).to_have_count(2)  # the second choice did not drop the first
    expect(page.get_by_role("button", name="Syrien entfernen")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Syrien entfernen").click()
    expect(results(page)).to_have_count(1)
    expect(page.get_by_role("checkbox", name=re.compile(r"^Türkei"))).to_be_checked()
