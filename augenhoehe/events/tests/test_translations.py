"""Event and series texts in other languages: edited on the forms, shown on the public pages in the
reader's language with its ``lang``, and in the registrant's mails."""

import pytest
from django.test import Client
from django.urls import reverse

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.models import LogEntry

from .. import services
from ..models import Event, Series
from .organiser_helpers import event_form, make_event
from .registration_helpers import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions", "unscoped")]

TITLE_TR = "Tabağın ötesinde: entegrasyon üzerine"
DESCRIPTION_TR = "Entegrasyon ve katılım üzerine kısa konuşmalar."


def in_language(client: Client, language: str) -> Client:
    client.cookies["augenhoehe_language"] = language
    return client


@pytest.fixture
def event(network, users):
    return make_event(network, users["coordinator"], publish=True, capacity=10, registration_open=True)


def test_the_event_form_saves_versions_and_the_log_names_their_languages(client_for, event):
    response = client_for("coordinator").post(
        reverse("events:event_edit", args=[event.pk]),
        event_form(
            title__tr=TITLE_TR, description__tr=DESCRIPTION_TR, title__ar="  ", accessibility_note__uk=""
        ),
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.translations == {"tr": {"title": TITLE_TR, "description": DESCRIPTION_TR}}
    entry = LogEntry.objects.filter(action="events.event.changed").latest("pk")
    assert entry.data["translations"] == ["tr"]


def test_a_too_long_title_version_is_refused_next_to_its_field(client_for, event):
    response = client_for("coordinator").post(
        reverse("events:event_edit", args=[event.pk]), event_form(title="Geändert", title__tr="x" * 201)
    )

    assert response.status_code == 400
    assert 'id="id_title__tr_error"' in response.content.decode()
    # The error summary's link names the field, not only the language.
    assert '<a href="#id_title__tr">Titel (Türkisch – Türkçe):' in response.content.decode()
    event.refresh_from_db()
    assert event.title == "Über den Tellerrand" and event.translations == {}


def test_the_series_form_saves_versions(client_for, network):
    response = client_for("coordinator").post(
        reverse("events:series_new"),
        {"title": "Elterncafé", "description": "Jeden Monat", "topic": "", "title__tr": "Veli kafesi"},
    )

    assert response.status_code == 302
    series = Series.objects.get(title="Elterncafé")
    assert series.translations == {"tr": {"title": "Veli kafesi"}}
    assert LogEntry.objects.get(action="events.series.created").data["translations"] == ["tr"]


def _translate(event, actor, **fields) -> Event:
    with network_scope(event.network):
        return services.event_update(event=event, actor=actor, languages=["de"], translations={"tr": fields})


def test_the_public_pages_show_the_turkish_version_in_turkish(event, users):
    _translate(event, users["coordinator"], title=TITLE_TR, description=DESCRIPTION_TR)
    client = in_language(Client(), "tr")

    detail = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    listing = client.get(reverse("events:list")).content.decode()
    register = client.get(f"/events/{event.pk}/register/").content.decode()

    assert f'<bdi lang="tr" dir="ltr">{TITLE_TR}</bdi>' in detail
    assert f'<div class="prose" lang="tr" dir="ltr"><p>{DESCRIPTION_TR}</p></div>' in detail
    assert "Über den Tellerrand" not in detail
    assert f'<bdi lang="tr" dir="ltr">{TITLE_TR}</bdi>' in listing
    assert f'<bdi lang="tr" dir="ltr">{TITLE_TR}</bdi>' in register


def test_in_arabic_the_original_keeps_lang_de_and_its_own_direction(event):
    detail = in_language(Client(), "ar").get(reverse("events:detail", args=[event.pk])).content.decode()

    assert '<html lang="ar" dir="rtl">' in detail
    # An event does not say which language its texts are in: left to the text, no note claims one.
    assert '<bdi lang="de" dir="auto">Über den Tellerrand</bdi>' in detail
    assert 'class="translation-note"' not in detail


def test_a_registration_in_turkish_gets_mails_with_the_turkish_title(event, users, mailoutbox):
    _translate(event, users["coordinator"], title=TITLE_TR)

    response = in_language(Client(), "tr").post(f"/events/{event.pk}/register/", form_data())

    assert response.status_code in (200, 302)
    (mail,) = mailoutbox
    assert TITLE_TR in mail.subject
    assert TITLE_TR in mail.body
    html = mail.alternatives[0][0]
    assert TITLE_TR in html and '<html lang="tr" dir="ltr">' in html


def test_a_registration_in_german_gets_the_original_title(event, users, mailoutbox):
    _translate(event, users["coordinator"], title=TITLE_TR)

    in_language(Client(), "de").post(f"/events/{event.pk}/register/", form_data())

    assert "Über den Tellerrand" in mailoutbox[0].subject


def test_a_mail_in_arabic_is_right_to_left(event, mailoutbox):
    in_language(Client(), "ar").post(f"/events/{event.pk}/register/", form_data())

    assert '<html lang="ar" dir="rtl">' in mailoutbox[0].alternatives[0][0]


def test_the_profiles_upcoming_events_and_the_poll_page_show_the_title_in_the_readers_language(event, users):
    from django.template.loader import render_to_string
    from django.utils import translation

    from .polls_support import make_poll

    _translate(event, users["coordinator"], title=TITLE_TR)
    poll = make_poll(event)

    with translation.override("tr"):
        section = render_to_string(
            "events/figures/_profile.html", {"section": {"upcoming": [(event, "/e/"), (event, "")]}}
        )
    assert section.count(f'<bdi lang="tr" dir="ltr">{TITLE_TR}</bdi>') == 2
    with translation.override("uk"):
        section = render_to_string("events/figures/_profile.html", {"section": {"upcoming": [(event, "")]}})
    assert '<bdi lang="de" dir="auto">Über den Tellerrand</bdi>' in section

    page = in_language(Client(), "tr").get(reverse("events:poll_answer", args=[poll.code])).content.decode()
    assert f'<p class="muted"><bdi lang="tr" dir="ltr">{TITLE_TR}</bdi></p>' in page


def test_an_event_created_with_a_version_says_so_in_the_log(event):
    created = make_event(event.network, None, translations={"tr": {"title": TITLE_TR}})

    entry = LogEntry.objects.filter(action="events.event.created").latest("pk")
    assert entry.data["translations"] == ["tr"] and created.translations == {"tr": {"title": TITLE_TR}}
