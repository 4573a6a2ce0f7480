"""Feedback after an event: who is asked (once, in their language, with a one-time link), that
nothing ties an answer to a person, the link's page, and what the organisers see and export."""

import csv
import io
from datetime import timedelta
from random import SystemRandom

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.models import UUIDField
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.models import LogEntry
from augenhoehe.mail.services import LANGUAGE_HEADER

from .. import feedback
from ..choices import EventStatus, RegistrationStatus
from ..models import Feedback, FeedbackLink, Registration
from .polls_support import co_organise, event_fixture, feedback_token_in, make_event, register, verein_fixture  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


@pytest.fixture
def ended(network, verein):
    event = make_event(network, title="Impulse zu Teilhabe", ended=True)
    co_organise(event, verein)
    return event


@pytest.fixture
def participants(ended):
    """Who took part (confirmed, checked in) and who did not (unconfirmed, waiting, cancelled)."""
    return {
        "amal": register(ended, name="Amal H.", email="amal@example.org", language="ar"),
        "jonas": register(ended, name="Jonas K.", email="jonas@example.org", language="de"),
        "ayse": register(
            ended,
            name="Ayşe Y.",
            email="ayse@example.org",
            language="tr",
            status=RegistrationStatus.CANCELLED,
            checked_in_at=timezone.now() - timedelta(days=1, hours=2),
        ),
        "unconfirmed": register(ended, email="u@example.org", status=RegistrationStatus.UNCONFIRMED),
        "waiting": register(ended, email="w@example.org", status=RegistrationStatus.WAITING),
        "cancelled": register(ended, email="c@example.org", status=RegistrationStatus.CANCELLED),
    }


def ask(event, **kwargs) -> int:
    return feedback.feedback_requests_send(event=event, **kwargs)


def token_for(address: str) -> str:
    return feedback_token_in(next(m for m in mail.outbox if m.to == [address]))


# Asking


def test_everyone_who_took_part_is_asked_once_in_their_language(ended, participants):
    assert ask(ended, base_url="https://augenhoehe.example/") == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "amal@example.org",
        "ayse@example.org",
        "jonas@example.org",
    ]
    languages = {m.to[0]: m.extra_headers[LANGUAGE_HEADER] for m in mail.outbox}
    assert languages == {"amal@example.org": "ar", "ayse@example.org": "tr", "jonas@example.org": "de"}
    jonas = next(m for m in mail.outbox if m.to == ["jonas@example.org"])
    assert "Guten Tag Jonas K.," in jonas.body and "„Impulse zu Teilhabe“" in jonas.body
    assert "https://augenhoehe.example/events/f/" in jonas.body
    amal = next(m for m in mail.outbox if m.to == ["amal@example.org"])
    assert 'lang="ar" dir="rtl"' in amal.alternatives[0][0]
    tokens = {token_for(address) for address in ["amal@example.org", "jonas@example.org", "ayse@example.org"]}
    assert len(tokens) == 3
    with scopes_disabled():
        assert {link.language for link in FeedbackLink.objects.all()} == {"ar", "de", "tr"}
        asked = Registration.objects.filter(feedback_sent_at__isnull=False)
        assert {r.email for r in asked} == {"amal@example.org", "jonas@example.org", "ayse@example.org"}
    # The button again, or the daily run: nobody is asked twice.
    assert ask(ended) == 0
    assert len(mail.outbox) == 3
    with scopes_disabled():
        assert FeedbackLink.objects.count() == 3


def test_nothing_stored_ties_a_link_or_an_answer_to_a_person(ended, participants):
    ask(ended)
    Client().post(reverse("events:feedback_give", args=[token_for("amal@example.org")]), {"rating": "5"})
    for model in (FeedbackLink, Feedback):
        related = {field.related_model.__name__ for field in model._meta.get_fields() if field.is_relation}
        assert related == {"Network", "Event"}, model
    with scopes_disabled():
        stored = [
            str(value)
            for row in [*FeedbackLink.objects.values(), *Feedback.objects.values()]
            for value in row.values()
        ]
        people = Registration.objects.all()
        for person in people:
            assert not {person.email, person.name} & set(stored)
        answer = Feedback.objects.get()
    assert answer.given_on == timezone.localdate()
    assert not any(field.get_internal_type() == "DateTimeField" for field in Feedback._meta.fields)


def links_in_stored_order() -> list[str]:
    """The links' hashes in the order their rows were written (PostgreSQL's ``ctid``, SQLite's
    ``rowid``): what someone reading the tables could use to put them in the order they were made."""
    order = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token_hash FROM {FeedbackLink._meta.db_table} ORDER BY {order}")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def test_neither_the_links_order_nor_their_keys_nor_the_times_point_to_a_person(
    ended, participants, monkeypatch
):
    # The reviewer's chain: links made one by one in the order of the registrations, each person's
    # feedback_sent_at stamped when their link was made, and a counting key: the n-th link went to
    # the n-th person asked. Now the links are made in the order the shuffle decides (here a known
    # one, by address from z to a, which is not the order of registration), with random keys, and
    # everyone asked in the run gets the same time.
    monkeypatch.setattr(feedback, "shuffle", lambda people: people.sort(key=lambda p: p.email, reverse=True))
    ask(ended)
    expected = ["jonas@example.org", "ayse@example.org", "amal@example.org"]
    assert [m.to[0] for m in mail.outbox] == expected
    assert links_in_stored_order() == [feedback.token_hash(token_for(address)) for address in expected]
    with scopes_disabled():
        registered = list(
            Registration.objects.filter(feedback_sent_at__isnull=False).order_by("pk").values_list("email")
        )
        assert [email for (email,) in registered] != expected
        assert (
            Registration.objects.filter(feedback_sent_at__isnull=False)
            .values("feedback_sent_at")
            .distinct()
            .count()
            == 1
        )
    assert isinstance(FeedbackLink._meta.pk, UUIDField)


def test_the_links_are_shuffled_with_the_systems_randomness():
    assert feedback.shuffle.__self__.__class__ is SystemRandom


def test_only_after_the_event_and_not_for_a_cancelled_one(network, verein):
    running = make_event(network)
    register(running)
    with pytest.raises(ValidationError, match="erst nach dem Ende"):
        ask(running)
    cancelled = make_event(network, ended=True, status=EventStatus.CANCELLED)
    register(cancelled)
    with pytest.raises(ValidationError, match="abgesagt"):
        ask(cancelled)
    assert mail.outbox == []
    with scopes_disabled():
        assert not FeedbackLink.objects.exists()


def test_a_refused_mail_leaves_the_person_unasked(ended, participants, monkeypatch):
    def refuse(**kwargs):
        raise OSError("mail server away")

    monkeypatch.setattr(feedback, "mail_send", refuse)
    assert ask(ended) == 0
    with scopes_disabled():
        assert not FeedbackLink.objects.exists()
        assert not Registration.objects.filter(feedback_sent_at__isnull=False).exists()


def test_of_a_run_only_the_refused_mails_person_is_asked_again(ended, participants, monkeypatch):
    sent = feedback.mail_send

    def refuse_amal(**kwargs):
        if kwargs["to"] == ["amal@example.org"]:
            raise OSError("mailbox full")
        return sent(**kwargs)

    monkeypatch.setattr(feedback, "mail_send", refuse_amal)
    assert ask(ended) == 2
    with scopes_disabled():
        assert FeedbackLink.objects.count() == 2
        asked = set(
            Registration.objects.filter(feedback_sent_at__isnull=False).values_list("email", flat=True)
        )
    assert asked == {"jonas@example.org", "ayse@example.org"}
    monkeypatch.setattr(feedback, "mail_send", sent)
    assert ask(ended) == 1
    assert [m.to for m in mail.outbox][-1] == ["amal@example.org"]
    with scopes_disabled():
        assert FeedbackLink.objects.count() == 3


def test_the_button_asks_and_is_audited(client_for, ended, participants):
    response = client_for("mso_member").post(reverse("events:feedback_request", args=[ended.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 3
    assert "http://testserver/events/f/" in mail.outbox[0].body
    with scopes_disabled():
        entry = LogEntry.objects.get(action="events.feedback.requested")
    assert entry.data == {"event": ended.pk, "mails": 3}


def test_another_networks_coordinator_cannot_ask(client_for, ended, participants):
    assert (
        client_for("other_coordinator").post(reverse("events:feedback_request", args=[ended.pk])).status_code
        == 404
    )
    assert (
        client_for("anonymous").post(reverse("events:feedback_request", args=[ended.pk])).status_code == 302
    )
    assert mail.outbox == []


def test_the_daily_run_asks_after_yesterdays_events_only(network, other_network, ended, participants):
    running = make_event(network, title="Heute")
    register(running, email="heute@example.org")
    elsewhere = make_event(other_network, title="Dortmund", ended=True)
    register(elsewhere, email="dortmund@example.org")
    draft = make_event(network, title="Entwurf", ended=True, status=EventStatus.DRAFT)
    register(draft, email="entwurf@example.org")
    call_command("events_feedback", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == [
        "amal@example.org",
        "ayse@example.org",
        "dortmund@example.org",
        "jonas@example.org",
    ]
    assert feedback.feedback_requests_due() == 0


# The link's page


def test_the_participant_gives_feedback_once(ended, participants):
    ask(ended)
    token = token_for("jonas@example.org")
    client = Client()
    page = client.get(reverse("events:feedback_give", args=[token]))
    assert page.status_code == 200 and page["Content-Language"] == "de"
    html = page.content.decode()
    assert 'type="radio" name="rating" value="1"' in html and "1 – gar nicht gut" in html
    assert "Was nehmen Sie mit?" in html
    response = client.post(
        reverse("events:feedback_give", args=[token]), {"rating": "4", "text": "  Viele neue Kontakte.  "}
    )
    assert "Vielen Dank!" in response.content.decode()
    used = client.get(reverse("events:feedback_give", args=[token]))
    assert used.status_code == 410 and "Schon beantwortet" in used.content.decode()
    again = client.post(reverse("events:feedback_give", args=[token]), {"rating": "1"})
    assert again.status_code == 410
    with scopes_disabled():
        answer = Feedback.objects.get()
        assert (answer.rating, answer.text, answer.event_id) == (4, "Viele neue Kontakte.", ended.pk)
        assert FeedbackLink.objects.filter(used=True).count() == 1


def test_the_page_opens_in_the_links_language(ended, participants):
    ask(ended)
    page = Client().get(reverse("events:feedback_give", args=[token_for("amal@example.org")]))
    assert page["Content-Language"] == "ar"
    assert '<html lang="ar" dir="rtl">' in page.content.decode()


@pytest.mark.parametrize("data", [{}, {"rating": "9"}, {"rating": "x"}, {"rating": "3", "text": "x" * 4001}])
def test_bad_answers_are_refused_and_the_link_stays_usable(ended, participants, data):
    ask(ended)
    token = token_for("jonas@example.org")
    response = Client().post(reverse("events:feedback_give", args=[token]), data)
    assert response.status_code == 400
    with scopes_disabled():
        assert not Feedback.objects.exists()
        assert not FeedbackLink.objects.filter(used=True).exists()


def test_unknown_links_are_not_found_and_guessing_is_slowed_down(ended, participants):
    client = Client()
    response = client.get(reverse("events:feedback_give", args=["erraten"]))
    assert response.status_code == 404 and "Link nicht gültig" in response.content.decode()
    for number in range(19):
        client.get(reverse("events:feedback_give", args=[f"erraten-{number}"]))
    blocked = client.get(reverse("events:feedback_give", args=["erraten-20"]))
    assert blocked.status_code == 429 and "Zu viele Versuche" in blocked.content.decode()


def test_a_valid_link_opens_from_an_address_that_is_blocked_for_wrong_ones(ended, participants):
    """A venue's Wi-Fi: one address, where someone mistyped links again and again."""
    client = Client()
    for number in range(25):
        client.get(reverse("events:feedback_give", args=[f"erraten-{number}"]))
    assert client.get(reverse("events:feedback_give", args=["erraten"])).status_code == 429
    ask(ended)
    token = token_for("jonas@example.org")
    assert client.get(reverse("events:feedback_give", args=[token])).status_code == 200
    answered = client.post(reverse("events:feedback_give", args=[token]), {"rating": "4"})
    assert "Vielen Dank!" in answered.content.decode()
    assert client.get(reverse("events:feedback_give", args=[token])).status_code == 410


# The organisers' view


def give(ended, address: str, rating: int, text: str = "") -> None:
    Client().post(
        reverse("events:feedback_give", args=[token_for(address)]), {"rating": str(rating), "text": text}
    )


def test_the_organisers_see_the_average_with_n_and_the_texts(client_for, ended, participants):
    ask(ended)
    give(ended, "jonas@example.org", 4, "Viele neue Kontakte.")
    give(ended, "amal@example.org", 5, "شكرا")
    give(ended, "ayse@example.org", 2)
    for role in ["coordinator", "network_admin", "mso_member"]:
        page = client_for(role).get(reverse("events:feedback", args=[ended.pk]))
        assert page.status_code == 200, role
    html = page.content.decode()
    assert "Durchschnitt 3,7 von 5 (n = 3 Rückmeldungen)" in html
    assert "Viele neue Kontakte." in html and "شكرا" in html
    assert "3 Personen wurden um Rückmeldung gebeten." in html
    with network_scope(ended.network):
        summary = feedback.feedback_summary(event=ended)
    assert summary.distribution == [(5, 1, 33), (4, 1, 33), (3, 0, 0), (2, 1, 33), (1, 0, 0)]
    # Best rating first, not in the order they came in.
    assert [answer.text for answer in summary.texts] == ["شكرا", "Viele neue Kontakte."]
    assert html.index("شكرا") < html.index("Viele neue Kontakte.")
    assert client_for("other_coordinator").get(reverse("events:feedback", args=[ended.pk])).status_code == 404
    anonymous = client_for("anonymous").get(reverse("events:feedback", args=[ended.pk]))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))


def test_the_export_is_safe_to_open_in_a_spreadsheet(client_for, ended, participants):
    ask(ended)
    give(ended, "amal@example.org", 5, '=HYPERLINK("http://evil.example","klick")')
    give(ended, "jonas@example.org", 3, "Gut, aber zu lang")
    give(ended, "ayse@example.org", 3, "Anregend")
    response = client_for("coordinator").get(reverse("events:feedback_csv", args=[ended.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    today = timezone.localdate().isoformat()
    assert rows == [
        ["Tag", "Bewertung (1 bis 5)", "Was nehmen Sie mit?"],
        # By day, rating and text: not in the order the answers came in.
        [today, "3", "Anregend"],
        [today, "3", "Gut, aber zu lang"],
        [today, "5", '\'=HYPERLINK("http://evil.example","klick")'],
    ]
    assert (
        client_for("other_coordinator").get(reverse("events:feedback_csv", args=[ended.pk])).status_code
        == 404
    )
