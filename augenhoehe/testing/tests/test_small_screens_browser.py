"""400 % zoom (1280 px at 400 % is 320 CSS px wide) and a 360 px phone: the main public and
representative pages do not scroll sideways, and a table scrolls inside its own container.

A screenshot of each page is written to ``$AUGENHOEHE_HOME/screenshots/`` (never into the repository).
"""

import os
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from augenhoehe.directory.models import RepresentativeRole
from augenhoehe.events.tests.registration_helpers import make_event
from augenhoehe.testing.accessibility import session_cookie
from augenhoehe.testing.factories import representative

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

SCREENSHOTS = Path(os.environ.get("AUGENHOEHE_HOME") or tempfile.gettempdir()) / "screenshots"
# Wider than the screen, and not inside an element that scrolls on its own.
OVERFLOWING = """() => {
  const width = window.innerWidth;
  const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
  return [...document.querySelectorAll('main *, header *, footer *')].filter((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && (r.right > width + 1 || r.left < -1) && !scrolls(el)
      && getComputedStyle(el).position !== 'absolute';
  }).slice(0, 5).map((el) => el.outerHTML.slice(0, 120));
}"""
TABLES_OUTSIDE_A_SCROLLER = """() => [...document.querySelectorAll('main table')].filter((table) => {
  if (table.getBoundingClientRect().width <= window.innerWidth) return false;
  for (let p = table.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return false; }
  return true;
}).length"""


@pytest.fixture
def pages(network, organisation_factory):
    """The main public pages, and the representative's (signed in as the organisation's admin)."""
    published = organisation_factory(
        name="Deutsch-Syrischer Elternverein Gütersloh-Verl e. V.",
        description="Wir beraten Familien auf Arabisch und Kurdisch. " * 5,
    )
    event = make_event(network, capacity=10)
    with scopes_disabled():
        admin = representative(published, RepresentativeRole.ADMIN)
    public = {
        "directory": reverse("directory:search"),
        "profile": published.get_absolute_url(),
        "events": reverse("events:list"),
        "event": reverse("events:detail", kwargs={"pk": event.pk}),
        "register": reverse("events:register", kwargs={"pk": event.pk}),
        "knowledge": reverse("knowledge:list"),
        "easy-language": reverse("legal:easy_language"),
        "login": reverse("accounts:login"),
    }
    representative_pages = {
        "profile-edit": reverse("directory:update", kwargs={"pk": published.pk}),
        "cooperations": reverse("cooperation:shared_list"),
        "knowledge-mine": reverse("knowledge:mine"),
        "events-manage": reverse("events:manage"),
        "my-data": reverse("privacy:mine"),
    }
    return public, representative_pages, admin


@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("width", [320, 360])
def test_no_page_scrolls_sideways(browser, live_server, pages, width, language):
    public, representative_pages, admin = pages
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    language_cookie = {"name": "augenhoehe_language", "value": language, "url": live_server.url}
    for signed_in, urls in ((False, public), (True, representative_pages)):
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 740})
        context.add_cookies([language_cookie])
        if signed_in:
            with scopes_disabled():
                context.add_cookies([session_cookie(admin) | {"url": live_server.url}])
        page = context.new_page()
        try:
            for label, url in urls.items():
                response = page.goto(url)
                assert response is not None and response.status == 200, (label, url)
                assert page.locator("html").get_attribute("lang") == language
                page.screenshot(path=SCREENSHOTS / f"{label}-{width}-{language}.png", full_page=True)
                scroll_width, inner_width = page.evaluate(
                    "[document.documentElement.scrollWidth, window.innerWidth]"
                )
                assert scroll_width <= inner_width, (label, width, language, page.evaluate(OVERFLOWING))
                assert page.evaluate(TABLES_OUTSIDE_A_SCROLLER) == 0, (label, "a table wider than the screen")
        finally:
            context.close()
