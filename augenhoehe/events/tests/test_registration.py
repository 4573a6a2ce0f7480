"""Registering without an account: the form, double opt-in, seats and the waiting list, the links."""

from datetime import timedelta

import pytest
from django.core import signing
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.events import registration as services
from augenhoehe.events.choices import EventStatus, QuestionKind, RegistrationStatus
from augenhoehe.events.models import Event, Registration
from augenhoehe.events.registration_links import CANCEL, CONFIRM, link_token
from augenhoehe.privacy.models import Consent

from .registration_helpers import (
    CANCEL_LINK,
    add_question,
    co_organise,
    form_data,
    link,
    make_event,
    register_and_confirm,
    registrations,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def url(event) -> str:
    return f"/events/{event.pk}/register/"


def test_the_form_registers_unconfirmed_and_mails_the_link_to_confirm(
    network, mailoutbox, organisation_factory
):
    event = make_event(network)
    background = add_question(
        event, kind=QuestionKind.CHOICE, options="Verein\nKommune\nPrivat", required=True
    )
    remark = add_question(event, label="Was möchten Sie fragen?")
    partner = organisation_factory(name="Köprü e. V.")
    co_organise(event, partner)
    client = Client()

    page = client.get(url(event) + f"?via={partner.pk}")
    assert page.status_code == 200
    assert "Mit welchem Hintergrund" in page.content.decode()
    response = client.post(
        url(event),
        form_data(
            organisation_name="Köprü e. V.",
            interpretation="tr",
            accessibility_needs="Rollstuhlplatz",
            via=str(partner.pk),
            **{f"question_{background.pk}": "Verein", f"question_{remark.pk}": "Gibt es Parkplätze?"},
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == f"/events/{event.pk}/registered/"
    [registration] = registrations(event)
    assert registration.status == RegistrationStatus.UNCONFIRMED
    assert registration.answers == {str(background.pk): "Verein", str(remark.pk): "Gibt es Parkplätze?"}
    assert registration.interpretation == "tr"
    assert registration.via_id == partner.pk
    assert registration.language == "de"
    consent = Consent.objects.get(pk=registration.consent_id)
    assert (consent.email, consent.purpose, consent.user) == ("ayse@example.org", "event_registration", None)
    assert consent.version == services.CONSENT_PURPOSE.version and "Einwilligung" in consent.text
    [mail] = mailoutbox
    assert mail.to == ["ayse@example.org"]
    assert "Bitte bestätigen Sie Ihre Anmeldung" in mail.subject
    assert "/events/registration/confirm/" in mail.body and "/events/registration/cancel/" in mail.body
    # Unconfirmed: no online link yet.
    assert "meet.example.org" not in mail.body
    assert "meet.example.org" not in mail.alternatives[0][0]


def test_a_via_of_an_organisation_that_does_not_co_organise_is_ignored(
    network, mailoutbox, organisation_factory
):
    event = make_event(network)
    stranger = organisation_factory(name="Fremder Verein")
    assert Client().post(url(event), form_data(via=str(stranger.pk))).status_code == 302
    assert Client().post(url(event), form_data(email="b@example.org", via="x'; DROP")).status_code == 302
    # Numbers no database column holds (SQLite raised OverflowError for these), or below 1.
    for n, via in enumerate(["99999999999999999999", str(2**63), "-1", "0"]):
        assert Client().post(url(event), form_data(email=f"c{n}@example.org", via=via)).status_code == 302
    assert Client().get(url(event) + "?via=99999999999999999999").status_code == 200
    assert [r.via_id for r in registrations(event)] == [None] * 6


def test_required_answers_consent_and_a_valid_choice_are_asked_for(network, mailoutbox):
    event = make_event(network)
    question = add_question(event, kind=QuestionKind.CHOICE, options="Verein\nKommune", required=True)
    response = Client().post(
        url(event), {"name": "", "email": "kein-at", f"question_{question.pk}": "Erfunden"}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Ohne Ihre Einwilligung können wir Sie nicht anmelden." in text
    assert 'id="id_email_error"' in text and f'id="id_question_{question.pk}_error"' in text
    assert registrations(event) == [] and mailoutbox == []


@pytest.mark.parametrize(
    "data",
    [
        {"name": "A\x00B", "email": "a@example.org", "consent": "on"},
        {"name": "x" * 5000, "email": "a@example.org", "consent": "on"},
        {"name": "A", "email": "a@" + "x" * 300 + ".org", "consent": "on"},
        {"name": ["A", "B"], "email": "a@example.org", "consent": "on", "interpretation": "xx"},
    ],
)
def test_hostile_input_is_refused_without_an_error(network, data, mailoutbox):
    event = make_event(network)
    assert Client().post(url(event), data).status_code == 400
    assert registrations(event) == []


def test_one_address_has_one_active_registration_per_event_kept_by_the_database(
    network, mailoutbox, monkeypatch
):
    event = make_event(network)
    first = services.registration_submit(event=event, name="A", email=" Ayse@Example.org ", language="de")
    assert first.created and first.registration.email == "ayse@example.org"
    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(network=network, event=event, name="B", email="ayse@example.org")
    # Two sending at once: the second finds no row, the first's insert is in the way; it reads that.
    real = services._active
    calls: list[str] = []

    def racing(event, email):
        calls.append(email)
        return None if len(calls) == 1 else real(event, email)

    monkeypatch.setattr(services, "_active", racing)
    again = services.registration_submit(event=event, name="B", email="AYSE@example.org", language="de")
    assert not again.created and again.registration.pk == first.registration.pk
    assert len(registrations(event)) == 1 and Consent.objects.count() == 1
    # Cancelled, the address may register again.
    services.registration_cancel(registration=first.registration)
    monkeypatch.undo()
    assert services.registration_submit(
        event=event, name="A", email="ayse@example.org", language="de"
    ).created


def test_the_same_address_again_makes_no_second_row_but_resends_the_mail(network, mailoutbox):
    event = make_event(network)
    client = Client()
    first = client.post(url(event), form_data())
    again = client.post(url(event), form_data(email="AYSE@example.org", name="Jemand anderes"))
    # The same answer, whether the address was new or not: it tells nobody who registered.
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert len(registrations(event)) == 1
    assert len(mailoutbox) == 2 and "/events/registration/confirm/" in mailoutbox[1].body
    # Once confirmed, a new attempt tells where the person stands instead.
    assert client.post(link(mailoutbox[0])).status_code == 200
    client.post(url(event), form_data())
    assert "Sie sind angemeldet" in mailoutbox[-1].subject
    assert len(registrations(event)) == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": EventStatus.CANCELLED}, "Die Veranstaltung wurde abgesagt."),
        ({"registration_open": False}, "Für diese Veranstaltung ist keine Anmeldung möglich."),
        ({"registration_deadline": timezone.now() - timedelta(minutes=1)}, "Der Anmeldeschluss ist vorbei."),
        (
            {"starts_at": timezone.now() - timedelta(days=2), "ends_at": timezone.now() - timedelta(days=2)},
            "Die Veranstaltung hat schon begonnen oder ist vorbei.",
        ),
    ],
)
def test_a_closed_event_refuses_with_a_clear_message(network, fields, message, mailoutbox):
    event = make_event(network, **fields)
    page = Client().get(url(event))
    assert page.status_code == 200
    assert (
        message in page.content.decode()
        and '<form method="post" action="/events/' not in page.content.decode()
    )
    response = Client().post(url(event), form_data())
    assert response.status_code == 409
    assert message in response.content.decode()
    assert registrations(event) == [] and mailoutbox == []


def test_a_draft_event_is_not_found(network):
    event = make_event(network, status=EventStatus.DRAFT)
    assert Client().get(url(event)).status_code == 404
    assert Client().post(url(event), form_data()).status_code == 404
    assert Client().get("/events/999999/register/").status_code == 404
    assert registrations(event) == []


def test_the_confirmation_link_shows_a_button_and_only_post_confirms(network, mailoutbox):
    event = make_event(network)
    client = Client()
    client.post(url(event), form_data())
    confirm = link(mailoutbox[0])

    page = client.get(confirm)  # a mail scanner's visit
    assert page.status_code == 200 and "Ja, ich nehme teil" in page.content.decode()
    assert registrations(event)[0].status == RegistrationStatus.UNCONFIRMED

    done = client.post(confirm)
    assert "Sie sind angemeldet" in done.content.decode()
    [registration] = registrations(event)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.confirmed_at and registration.queued_at
    confirmed_mail = mailoutbox[1]
    assert "Sie sind angemeldet" in confirmed_mail.subject
    # The online link goes to confirmed participants only.
    assert "https://meet.example.org/tellerrand-geheim" in confirmed_mail.body
    assert CANCEL_LINK.search(confirmed_mail.body)
    # A second click changes nothing and sends nothing.
    assert client.post(confirm).status_code == 200
    assert client.get(confirm).status_code == 200
    assert len(mailoutbox) == 2


def test_no_seat_free_puts_the_confirmed_address_on_the_waiting_list(network, mailoutbox):
    event = make_event(network, capacity=1)
    first = register_and_confirm(Client(), event, mailoutbox, "eins@example.org")
    second = register_and_confirm(Client(), event, mailoutbox, "zwei@example.org")
    assert first.status == RegistrationStatus.CONFIRMED
    assert second.status == RegistrationStatus.WAITING and second.queued_at
    waiting_mail = mailoutbox[-1]
    assert "Warteliste" in waiting_mail.subject
    assert "meet.example.org" not in waiting_mail.body and CANCEL_LINK.search(waiting_mail.body)
    # The form now offers the waiting list.
    assert "Auf die Warteliste" in Client().get(url(event)).content.decode()


def test_cancelling_frees_the_seat_for_the_first_waiting_who_is_mailed(network, mailoutbox):
    event = make_event(network, capacity=1)
    first = register_and_confirm(Client(), event, mailoutbox, "eins@example.org")
    second = register_and_confirm(Client(), event, mailoutbox, "zwei@example.org")
    third = register_and_confirm(Client(), event, mailoutbox, "drei@example.org")
    assert (second.status, third.status) == (RegistrationStatus.WAITING, RegistrationStatus.WAITING)
    first_confirmed = next(
        m for m in mailoutbox if m.to == ["eins@example.org"] and "angemeldet" in m.subject
    )
    cancel = link(first_confirmed, CANCEL_LINK)
    client = Client()

    page = client.get(cancel)
    assert "Ja, abmelden" in page.content.decode()
    with scopes_disabled():
        assert Registration.objects.get(pk=first.pk).status == RegistrationStatus.CONFIRMED
    sent = len(mailoutbox)
    assert "Sie haben sich abgemeldet" in client.post(cancel).content.decode()

    with scopes_disabled():
        statuses = dict(Registration.objects.filter(event=event).values_list("email", "status"))
        consent = Consent.objects.get(pk=Registration.objects.get(pk=first.pk).consent_id)
    assert statuses == {
        "eins@example.org": RegistrationStatus.CANCELLED,
        "zwei@example.org": RegistrationStatus.CONFIRMED,
        "drei@example.org": RegistrationStatus.WAITING,
    }
    assert consent.withdrawn_at is not None
    [moved] = mailoutbox[sent:]
    assert moved.to == ["zwei@example.org"] and "Platz ist frei" in moved.subject
    assert "https://meet.example.org/tellerrand-geheim" in moved.body and CANCEL_LINK.search(moved.body)
    # Cancelling twice changes nothing.
    client.post(cancel)
    assert len(mailoutbox) == sent + 1
    # A waiting person may cancel too; nobody moves up then.
    third_mail = next(m for m in mailoutbox if m.to == ["drei@example.org"] and "Warteliste" in m.subject)
    client.post(link(third_mail, CANCEL_LINK))
    with scopes_disabled():
        assert Registration.objects.get(pk=third.pk).status == RegistrationStatus.CANCELLED
    assert len(mailoutbox) == sent + 1


def test_the_unconfirmed_may_cancel_from_the_first_mail(network, mailoutbox):
    event = make_event(network)
    Client().post(url(event), form_data())
    Client().post(link(mailoutbox[0], CANCEL_LINK))
    assert registrations(event)[0].status == RegistrationStatus.CANCELLED
    # Registering again after cancelling is a new registration.
    Client().post(url(event), form_data())
    assert [r.status for r in registrations(event)] == [
        RegistrationStatus.CANCELLED,
        RegistrationStatus.UNCONFIRMED,
    ]


def test_more_seats_let_the_waiting_list_move_up_by_the_service(network, mailoutbox):
    event = make_event(network, capacity=1)
    for n in range(3):
        register_and_confirm(Client(), event, mailoutbox, f"p{n}@example.org")
    with scopes_disabled():
        event.capacity = 2
        event.save()
    sent = len(mailoutbox)
    assert services.waiting_list_advance(event=event) == 1
    assert [r.status for r in registrations(event)] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    ]
    assert [m.to for m in mailoutbox[sent:]] == [["p1@example.org"]]
    assert services.waiting_list_advance(event=event) == 0


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "",
        "a" * 3000,
        signing.dumps({"r": 1, "p": "confirm"}, salt="other"),
        signing.dumps({"r": "1", "p": "confirm"}, salt="augenhoehe.events.registration.confirm"),
        signing.dumps([1], salt="augenhoehe.events.registration.confirm"),
    ],
)
def test_a_tampered_link_is_answered_clearly(network, token, mailoutbox):
    make_event(network)
    for path in (f"/events/registration/confirm/{token}/", f"/events/registration/cancel/{token}/"):
        if token == "":
            continue
        for method in ("get", "post"):
            response = getattr(Client(), method)(path)
            assert response.status_code == 404
            assert "Diesen Link kennen wir nicht" in response.content.decode()


def test_a_cancel_link_does_not_confirm_and_an_old_confirm_link_expires(network, mailoutbox, settings):
    event = make_event(network)
    Client().post(url(event), form_data())
    [registration] = registrations(event)
    # The salt differs per purpose: the cancellation token is no confirmation token.
    response = Client().post(f"/events/registration/confirm/{link_token(registration.pk, CANCEL)}/")
    assert response.status_code == 404
    settings.EVENT_CONFIRM_HOURS = 0
    expired = Client().post(f"/events/registration/confirm/{link_token(registration.pk, CONFIRM)}/")
    assert expired.status_code == 410 and "abgelaufen" in expired.content.decode()
    assert registrations(event)[0].status == RegistrationStatus.UNCONFIRMED


def test_a_link_of_a_deleted_registration_or_a_past_event_says_so(network, mailoutbox):
    event = make_event(network)
    Client().post(url(event), form_data())
    confirm = link(mailoutbox[0])
    cancel = link(mailoutbox[0], CANCEL_LINK)
    with scopes_disabled():
        event.starts_at = timezone.now() - timedelta(days=3)
        event.ends_at = timezone.now() - timedelta(days=3)
        event.save()
    past = Client().post(cancel)
    assert past.status_code == 410 and "vorbei" in past.content.decode()
    with scopes_disabled():
        Registration.objects.all().delete()
    gone = Client().get(confirm)
    assert gone.status_code == 410 and "abgelaufen" in gone.content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {
                "starts_at": timezone.now() - timedelta(minutes=30),
                "ends_at": timezone.now() + timedelta(hours=1),
            },
            "hat schon begonnen",
        ),
        ({"registration_open": False}, "keine Anmeldung möglich"),
        # Registered (just now) after the deadline: an hour ago.
        ({"registration_deadline": timezone.now() - timedelta(hours=1)}, "Anmeldeschluss ist vorbei"),
    ],
)
def test_confirming_once_the_registration_closed_takes_no_seat(network, mailoutbox, fields, message):
    event = make_event(network, capacity=5)
    Client().post(url(event), form_data())
    with scopes_disabled():
        Event.objects.filter(pk=event.pk).update(**fields)
    response = Client().post(link(mailoutbox[0]))
    assert response.status_code == 409 and message in response.content.decode()
    assert [r.status for r in registrations(event)] == [RegistrationStatus.UNCONFIRMED]
    assert len(mailoutbox) == 1


def test_who_registered_before_the_deadline_may_confirm_after_it(network, mailoutbox):
    event = make_event(network, capacity=5)
    Client().post(url(event), form_data())
    with scopes_disabled():
        Registration.objects.update(created_at=timezone.now() - timedelta(hours=3))
        Event.objects.filter(pk=event.pk).update(registration_deadline=timezone.now() - timedelta(hours=1))
    assert Client().post(link(mailoutbox[0])).status_code == 200
    assert [r.status for r in registrations(event)] == [RegistrationStatus.CONFIRMED]


def test_seats_no_longer_limited_let_the_whole_waiting_list_move_up(network, mailoutbox):
    event = make_event(network, capacity=1)
    for n in range(3):
        register_and_confirm(Client(), event, mailoutbox, f"p{n}@example.org")
    with scopes_disabled():
        Event.objects.filter(pk=event.pk).update(capacity=None)
        event.refresh_from_db()
    sent = len(mailoutbox)
    assert services.waiting_list_advance(event=event) == 2
    assert {r.status for r in registrations(event)} == {RegistrationStatus.CONFIRMED}
    assert sorted(m.to[0] for m in mailoutbox[sent:]) == ["p1@example.org", "p2@example.org"]


def test_nobody_moves_up_once_the_event_has_begun(network, mailoutbox):
    event = make_event(network, capacity=1)
    first = register_and_confirm(Client(), event, mailoutbox, "eins@example.org")
    register_and_confirm(Client(), event, mailoutbox, "zwei@example.org")
    with scopes_disabled():
        Event.objects.filter(pk=event.pk).update(
            starts_at=timezone.now() - timedelta(minutes=10), ends_at=timezone.now() + timedelta(hours=1)
        )
        event.refresh_from_db()
    sent = len(mailoutbox)
    services.registration_cancel(registration=first)
    assert [r.status for r in registrations(event)] == [
        RegistrationStatus.CANCELLED,
        RegistrationStatus.WAITING,
    ]
    assert services.waiting_list_advance(event=event) == 0
    assert len(mailoutbox) == sent


def test_confirming_for_an_event_cancelled_meanwhile_takes_no_seat(network, mailoutbox):
    event = make_event(network)
    Client().post(url(event), form_data())
    with scopes_disabled():
        event.status = EventStatus.CANCELLED
        event.save()
    response = Client().post(link(mailoutbox[0]))
    assert response.status_code == 409 and "abgesagt" in response.content.decode()
    assert registrations(event)[0].status == RegistrationStatus.UNCONFIRMED


def test_mails_and_link_pages_are_in_the_language_of_the_page(network, mailoutbox):
    event = make_event(network)
    turkish = Client(headers={"accept-language": "tr"})
    assert turkish.post(url(event), form_data()).status_code == 302
    arabic = Client(headers={"accept-language": "ar"})
    assert arabic.post(url(event), form_data(email="omar@example.org", name="عمر")).status_code == 302

    tr_mail, ar_mail = mailoutbox
    assert tr_mail.extra_headers["Content-Language"] == "tr"
    assert ar_mail.extra_headers["Content-Language"] == "ar"
    assert [r.language for r in registrations(event)] == ["tr", "ar"]
    assert 'dir="rtl"' in ar_mail.alternatives[0][0] and 'lang="ar"' in ar_mail.alternatives[0][0]
    assert 'lang="tr"' in tr_mail.alternatives[0][0]
    # Written in it (the greeting's translation is in the catalogues already).
    assert "Merhaba Ayşe Yılmaz," in tr_mail.body and "Guten Tag" not in tr_mail.body
    assert "مرحبًا عمر،" in ar_mail.body and "Guten Tag" not in ar_mail.body
    # The link opens in the mail's language, whatever the browser says.
    page = Client().get(link(ar_mail))
    assert page["Content-Language"] == "ar" and 'dir="rtl"' in page.content.decode()
    done = Client().post(link(tr_mail))
    assert done["Content-Language"] == "tr"
    assert mailoutbox[-1].extra_headers["Content-Language"] == "tr"


def test_registrations_from_one_address_are_slowed_down_per_event(network, mailoutbox, settings):
    settings.EVENT_REGISTRATION_RATE = "3/hour"
    event = make_event(network, capacity=None)
    client = Client()
    answers = [client.post(url(event), form_data(email=f"p{n}@example.org")).status_code for n in range(4)]
    assert answers == [302, 302, 302, 429]
    assert len(registrations(event)) == 3
    # Another event from the same address counts on its own.
    other = make_event(network, capacity=None)
    assert client.post(url(other), form_data(email="q@example.org")).status_code == 302


def test_a_whole_room_behind_one_address_registers(network, mailoutbox, settings):
    """A venue's Wi-Fi or a reverse proxy: 100 people from one IP address for one event."""
    assert settings.EVENT_REGISTRATION_RATE == "300/hour"
    event = make_event(network, capacity=None)
    client = Client(REMOTE_ADDR="203.0.113.7")
    answers = {client.post(url(event), form_data(email=f"p{n}@example.org")).status_code for n in range(100)}
    assert answers == {302}
    assert len(registrations(event)) == 100


def test_mails_to_one_address_are_limited(network, mailoutbox, settings):
    settings.EVENT_REGISTRATION_MAIL_RATE = "2/hour"
    event = make_event(network)
    answers = [Client(REMOTE_ADDR=f"10.0.0.{n}").post(url(event), form_data()).status_code for n in range(3)]
    assert answers == [302, 302, 429]
    assert len(mailoutbox) == 2


def test_a_mail_server_away_loses_the_mail_not_the_registration(network, monkeypatch):
    event = make_event(network)

    def refuse(**kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("augenhoehe.events.registration_mails.mail_send", refuse)
    response = Client().post(url(event), form_data(), follow=True)
    assert response.status_code == 200
    assert "nicht verschickt werden" in response.content.decode()
    assert len(registrations(event)) == 1
