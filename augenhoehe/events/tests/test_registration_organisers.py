"""The organisers' side of the registration: the list, check-in at the door, export, the sections on the
event's pages; the daily run; erasure and retention of participants."""

import csv
import io
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from augenhoehe.accounts.models import User
from augenhoehe.core.models import LogEntry
from augenhoehe.core.rights import Person
from augenhoehe.directory.models import RepresentativeRole
from augenhoehe.events import registration as services
from augenhoehe.events.choices import QuestionKind, RegistrationStatus
from augenhoehe.events.models import Event, Registration
from augenhoehe.events.retention import participants_anonymise
from augenhoehe.events.sections import organiser_sections_for, public_sections_for
from augenhoehe.privacy.consents import purposes
from augenhoehe.privacy.models import Consent
from augenhoehe.privacy.services import person_erase
from augenhoehe.testing.factories import UserFactory, representative

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

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def event(network):
    return make_event(network, capacity=2)


@pytest.fixture
def filled(event, mailoutbox):
    """Two confirmed (one with needs and answers), one waiting, one unconfirmed."""
    question = add_question(event, kind=QuestionKind.CHOICE, options="Verein\nKommune", is_background=True)
    client = Client()
    client.post(
        f"/events/{event.pk}/register/",
        form_data(
            name='=HYPERLINK("http://böse.example")',
            email="ayse@example.org",
            organisation_name="Köprü e. V.",
            interpretation="tr",
            accessibility_needs="Rollstuhlplatz",
            **{f"question_{question.pk}": "Verein"},
        ),
    )
    client.post(link(mailoutbox[0]))
    register_and_confirm(Client(), event, mailoutbox, "ben@example.org", name="Ben Braun")
    register_and_confirm(Client(), event, mailoutbox, "carla@example.org", name="Carla Conti")
    Client().post(f"/events/{event.pk}/register/", form_data(name="Dana Dorn", email="dana@example.org"))
    return {r.email: r for r in registrations(event)}


def page(event) -> str:
    return f"/events/{event.pk}/participants/"


def test_the_list_shows_counts_needs_and_answers_to_the_organisers(client_for, event, filled):
    response = client_for("coordinator").get(page(event))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Rollstuhlplatz" in text and "Türkisch" in text and "Verein" in text
    assert "Ben Braun" in text and "Carla Conti" in text and "Dana Dorn" in text
    assert response.context["counts"] == services_counts(confirmed=2, waiting=1, unconfirmed=1, free=0)
    # The network's admin too.
    assert client_for("network_admin").get(page(event)).status_code == 200


def services_counts(*, confirmed, waiting, unconfirmed, free, cancelled=0, present=0, move_up=False):
    from augenhoehe.events.registration_selectors import Counts

    return Counts(confirmed, waiting, unconfirmed, cancelled, present, free, move_up)


def test_only_the_organisers_see_the_list(client_for, users, event, filled, organisation_factory):
    assert client_for("anonymous").get(page(event)).status_code == 302
    for role in ("other_coordinator", "mso_member"):
        for path in (page(event), page(event) + "export.csv", page(event) + "export.xlsx"):
            assert client_for(role).get(path).status_code == 404, (role, path)
    # Members of a co-organising organisation are organisers.
    partner = organisation_factory(name="Köprü e. V.")
    co_organise(event, partner)
    member = representative(partner, RepresentativeRole.MEMBER)
    client = Client()
    client.force_login(member)
    assert client.get(page(event)).status_code == 200
    assert client.get(page(event) + "export.csv").status_code == 200
    # A member of another organisation is not.
    stranger = representative(organisation_factory(name="Anderer Verein"), RepresentativeRole.ADMIN)
    client.force_login(stranger)
    assert client.get(page(event)).status_code == 404


def test_search_by_name_narrows_the_list_and_htmx_gets_the_list_alone(client_for, event, filled):
    client = client_for("coordinator")
    response = client.get(page(event), {"q": "carla"})
    assert "Carla Conti" in response.content.decode() and "Ben Braun" not in response.content.decode()
    partial = client.get(
        page(event), {"q": "ben"}, headers={"HX-Request": "true", "HX-Target": "participant-list"}
    )
    assert "Ben Braun" in partial.content.decode() and "<html" not in partial.content.decode()
    assert client.get(page(event), {"q": "%_'\"<b>" + "z" * 500}).status_code == 200
    assert client.get(page(event), {"q": "a\x00"}).status_code == 400  # the request guard


def test_check_in_at_the_door_with_and_without_javascript(client_for, users, event, filled):
    client = client_for("coordinator")
    ben = filled["ben@example.org"]
    path = f"{page(event)}{ben.pk}/check-in/"

    swapped = client.post(path, {"present": "1"}, headers={"HX-Request": "true"})
    assert swapped.status_code == 200
    assert 'aria-pressed="true"' in swapped.content.decode() and "<html" not in swapped.content.decode()
    ayse = filled["ayse@example.org"]
    card = client.post(f"{page(event)}{ayse.pk}/check-in/", {"present": "1"}, headers={"HX-Request": "true"})
    assert "Rollstuhlplatz" in card.content.decode() and "Verein" in card.content.decode()
    with scopes_disabled():
        assert Registration.objects.get(pk=ben.pk).checked_in_at is not None
        entries = list(LogEntry.objects.filter(action="events.registration.checked_in").order_by("pk"))
    assert len(entries) == 2
    entry = entries[0]
    assert entry.actor == users["coordinator"] and entry.data == {"event": event.pk, "present": True}
    assert "Ben" not in str(entry.data)

    back = client.post(path, {"present": "0"})
    assert back.status_code == 302 and back["Location"].endswith(f"#registration-{ben.pk}")
    with scopes_disabled():
        assert Registration.objects.get(pk=ben.pk).checked_in_at is None
    # Unconfirmed people are not let in; wrong ids are not found; other networks see nothing.
    dana = filled["dana@example.org"]
    refused = client.post(
        f"{page(event)}{dana.pk}/check-in/", {"present": "1"}, headers={"HX-Request": "true"}
    )
    assert refused.status_code == 409
    assert client.post(f"{page(event)}999999/check-in/", {"present": "1"}).status_code == 404
    assert client_for("other_coordinator").post(path, {"present": "1"}).status_code == 404
    with scopes_disabled():
        assert Registration.objects.get(pk=ben.pk).checked_in_at is None
        assert Registration.objects.get(pk=dana.pk).checked_in_at is None


def test_the_export_holds_the_list_with_formulas_neutralised_and_is_audited(client_for, users, event, filled):
    add_question(event, label='=HYPERLINK("http://böse.example","Frage")')
    client = client_for("coordinator")
    response = client.get(page(event) + "export.csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0][:3] == ["Name", "E-Mail", "Organisation"]
    assert rows[0][-2] == "Mit welchem Hintergrund nehmen Sie teil?"
    # A question's label is neutralised as well.
    assert rows[0][-1] == '\'=HYPERLINK("http://böse.example","Frage")'
    by_email = {row[1]: row for row in rows[1:]}
    assert set(by_email) == {"ayse@example.org", "ben@example.org", "carla@example.org", "dana@example.org"}
    ayse = by_email["ayse@example.org"]
    assert ayse[0] == '\'=HYPERLINK("http://böse.example")'
    assert "Türkisch" in ayse and "Rollstuhlplatz" in ayse and ayse[-2] == "Verein"

    workbook = client.get(page(event) + "export.xlsx")
    assert workbook.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(workbook.streaming_content))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Name"
    heading = next(sheet.iter_rows(max_row=1))[-1]
    assert heading.data_type == "s" and heading.quotePrefix and heading.font.bold
    assert heading.value == '=HYPERLINK("http://böse.example","Frage")'
    formula = next(row for row in sheet.iter_rows(min_row=2) if row[1].value == "ayse@example.org")[0]
    assert formula.data_type == "s" and formula.quotePrefix
    assert len(values) == 5

    assert client.get(page(event) + "export.pdf").status_code == 404
    with scopes_disabled():
        entries = list(LogEntry.objects.filter(action="events.registrations.exported").order_by("pk"))
    assert [(e.data["format"], e.data["rows"], e.actor) for e in entries] == [
        ("csv", 4, users["coordinator"]),
        ("xlsx", 4, users["coordinator"]),
    ]


def test_the_organisers_let_the_waiting_list_move_up_after_adding_seats(
    client_for, event, filled, mailoutbox
):
    client = client_for("coordinator")
    assert "Warteliste nachrücken lassen" not in client.get(page(event)).content.decode()
    with scopes_disabled():
        event.capacity = 5
        event.save()
    assert "Warteliste nachrücken lassen" in client.get(page(event)).content.decode()
    assert client_for("other_coordinator").post(page(event) + "move-up/").status_code == 404
    sent = len(mailoutbox)
    response = client.post(page(event) + "move-up/", follow=True)
    assert "Von der Warteliste nachgerückt: 1." in response.content.decode()
    assert registrations(event)[2].status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mailoutbox[sent:]] == [["carla@example.org"]]


def test_the_move_up_button_shows_when_the_seats_are_no_longer_limited_until_the_event_begins(
    client_for, users, event, filled, mailoutbox
):
    with scopes_disabled():
        Event.objects.filter(pk=event.pk).update(capacity=None)
        event.refresh_from_db()
    client = client_for("coordinator")
    assert "Warteliste nachrücken lassen" in client.get(page(event)).content.decode()
    request = RequestFactory().get(f"/events/{event.pk}/")
    request.user = users["coordinator"]
    [section] = [s for s in organiser_sections_for(request, event) if "registration" in s.template]
    html = render_to_string(
        section.template, {"section": section.context, "request": request, "csrf_token": "x"}
    )
    assert "Warteliste nachrücken lassen" in html
    with scopes_disabled():
        Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=1))
    assert "Warteliste nachrücken lassen" not in client.get(page(event)).content.decode()


def test_the_sections_on_the_event_pages(client_for, users, event, filled):
    request = RequestFactory().get(f"/events/{event.pk}/?via=7")
    request.user = users["coordinator"]
    [organiser] = [s for s in organiser_sections_for(request, event) if "registration" in s.template]
    public = [s for s in public_sections_for(request, event) if "registration" in s.template]
    assert [s.template for s in public] == ["events/registration/_box.html"]
    # The pages include a section with its context as ``section`` (as the cooperation's page does).
    context = {"section": public[0].context, "request": request, "csrf_token": "x"}
    html = render_to_string(public[0].template, context)
    assert f'action="/events/{event.pk}/register/"' in html and 'value="7"' in html
    assert "Auf die Warteliste" in html
    html = render_to_string(
        organiser.template, {"section": organiser.context, "request": request, "csrf_token": "x"}
    )
    assert f'href="/events/{event.pk}/participants/"' in html
    # A closed event's box says why, without a form.
    with scopes_disabled():
        event.registration_open = False
        event.save()
    [closed] = [s for s in public_sections_for(request, event) if "registration" in s.template]
    html = render_to_string(closed.template, {"section": closed.context, "request": request})
    assert "keine Anmeldung möglich" in html and "<form" not in html


def test_the_consent_is_per_registration_and_not_offered_on_my_data():
    assert "event_registration" not in [purpose.code for purpose in purposes()]


# --- The daily run -----------------------------------------------------------------------------


def test_the_reminder_goes_once_and_only_to_the_confirmed(network, mailoutbox):
    event = make_event(network, capacity=1)
    register_and_confirm(Client(), event, mailoutbox, "eins@example.org")
    register_and_confirm(Client(), event, mailoutbox, "zwei@example.org")  # waiting
    Client().post(f"/events/{event.pk}/register/", form_data(email="drei@example.org"))  # unconfirmed
    later = make_event(network, capacity=5)
    register_and_confirm(Client(), later, mailoutbox, "spaeter@example.org")
    with scopes_disabled():
        event.starts_at = at(timezone.localdate() + timedelta(days=1), 10)
        event.ends_at = event.starts_at + timedelta(hours=2)
        event.save()
        later.starts_at = timezone.now() + timedelta(days=5)
        later.ends_at = later.starts_at + timedelta(hours=2)
        later.save()
    sent = len(mailoutbox)

    assert services.reminders_send() == 1
    [reminder] = mailoutbox[sent:]
    assert reminder.to == ["eins@example.org"] and "Erinnerung" in reminder.subject
    assert "https://meet.example.org/tellerrand-geheim" in reminder.body
    assert "Stadtteilzentrum Nord" in reminder.body
    cancel = link(reminder, CANCEL_LINK)
    assert Client().get(cancel).status_code == 200
    assert services.reminders_send() == 0
    call_command("events_daily", stdout=io.StringIO())
    assert len(mailoutbox) == sent + 1


def at(day, hour: int, minute: int = 0) -> datetime:
    """``hour`` o'clock on ``day`` in Berlin."""
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("now", "starts", "reminded"),
    [
        # The run after midnight does not remind of the same evening: that was yesterday's run.
        (at(date(2027, 3, 10), 0, 30), at(date(2027, 3, 10), 20), False),
        (at(date(2027, 3, 10), 8), at(date(2027, 3, 11), 0), True),
        (at(date(2027, 3, 10), 8), at(date(2027, 3, 11), 23, 59), True),
        (at(date(2027, 3, 10), 8), at(date(2027, 3, 12), 0), False),
        # Summer time begins on 28 March (a day of 23 hours), ends on 31 October (25 hours).
        (at(date(2027, 3, 27), 12), at(date(2027, 3, 28), 23, 30), True),
        (at(date(2027, 3, 27), 12), at(date(2027, 3, 29), 0, 30), False),
        (at(date(2027, 10, 30), 8), at(date(2027, 10, 31), 23, 30), True),
        (at(date(2027, 10, 30), 8), at(date(2027, 11, 1), 0, 30), False),
    ],
)
def test_the_reminder_goes_on_the_local_day_before(network, mailoutbox, now, starts, reminded):
    event = make_event(network, capacity=5)
    register_and_confirm(Client(), event, mailoutbox, "eins@example.org")
    with scopes_disabled():
        Event.objects.filter(pk=event.pk).update(starts_at=starts, ends_at=starts + timedelta(hours=1))
    assert services.reminders_send(now=now) == int(reminded)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(date(2027, 3, 10), 8), at(date(2027, 3, 11), 8)),
        (at(date(2027, 3, 10), 23, 30), at(date(2027, 3, 11), 8)),
        (at(date(2027, 3, 27), 8), at(date(2027, 3, 28), 8)),  # 23 hours later
        (at(date(2027, 10, 30), 8), at(date(2027, 10, 31), 8)),  # 25 hours later
    ],
)
def test_the_daily_run_comes_back_the_next_morning_at_eight_local_time(now, expected):
    from augenhoehe.events.registration_tasks import next_run_at

    assert next_run_at(now) == expected
    assert timezone.localtime(next_run_at(now)).hour == 8


def test_the_confirmation_promises_a_reminder_only_when_one_will_come(network, mailoutbox):
    week = make_event(network, capacity=5)
    register_and_confirm(Client(), week, mailoutbox, "eins@example.org")
    assert "Am Tag vorher erinnern wir Sie" in mailoutbox[-1].body
    soon = make_event(network, capacity=5)
    with scopes_disabled():
        soon.starts_at = at(timezone.localdate() + timedelta(days=1), 20)
        soon.ends_at = soon.starts_at + timedelta(hours=1)
        soon.save()
    client = Client()
    client.post(f"/events/{soon.pk}/register/", form_data(email="zwei@example.org"))
    page = client.post(link(mailoutbox[-1]))
    assert "Ihr Platz ist sicher" in mailoutbox[-1].body
    assert "erinnern wir Sie" not in mailoutbox[-1].body
    assert "erinnern wir Sie" not in page.content.decode()


def test_unconfirmed_registrations_expire_after_48_hours(network, mailoutbox, settings):
    assert settings.EVENT_CONFIRM_HOURS == 48
    event = make_event(network)
    Client().post(f"/events/{event.pk}/register/", form_data(email="alt@example.org"))
    register_and_confirm(Client(), event, mailoutbox, "bestaetigt@example.org")
    Client().post(f"/events/{event.pk}/register/", form_data(email="neu@example.org"))
    with scopes_disabled():
        Registration.objects.filter(email__in=["alt@example.org", "bestaetigt@example.org"]).update(
            created_at=timezone.now() - timedelta(hours=49)
        )
    out = io.StringIO()
    call_command("events_daily", stdout=out)
    assert "1" in out.getvalue()
    assert sorted(r.email for r in registrations(event)) == ["bestaetigt@example.org", "neu@example.org"]
    assert not Consent.objects.filter(email="alt@example.org").exists()
    gone = Client().post(link(mailoutbox[0]))
    assert gone.status_code == 410


def test_the_daily_task_runs_and_queues_itself_again(network, mailoutbox):
    from django_tasks_db.models import DBTaskResult

    from augenhoehe.events.registration_tasks import events_daily, events_schedule

    assert events_schedule() is True
    assert events_schedule() is False
    result = events_daily.call()
    assert result == {"expired": 0, "reminded": 0}
    assert DBTaskResult.objects.filter(task_path=events_daily.module_path).count() == 2
    # The first (run at once) has no time; the one it queued comes the next morning.
    queued = min(r.run_after for r in DBTaskResult.objects.filter(task_path=events_daily.module_path))
    assert timezone.localtime(queued).hour == 8
    assert timezone.localdate(queued) == timezone.localdate() + timedelta(days=1)


# --- Erasure and retention ---------------------------------------------------------------------


def test_erasing_a_person_by_address_reaches_their_registrations(event, filled):
    officer = UserFactory(username="dsb")
    officer.user_permissions.add(Permission.objects.get(codename="act_as_dpo"))
    officer = User.objects.get(pk=officer.pk)
    report = person_erase(
        person=Person.of(emails=["BEN@example.org"], names=["Ben Braun"]), actor=officer, reason="Art. 17"
    )
    assert report.counts["events.registration"] == 1
    with scopes_disabled():
        ben = Registration.objects.get(pk=filled["ben@example.org"].pk)
        carla = Registration.objects.get(pk=filled["carla@example.org"].pk)
    assert ben.email == "" and "Ben Braun" not in ben.name
    assert carla.email == "carla@example.org"


def test_participants_are_anonymised_after_the_event_the_figures_stay(event, filled):
    question = add_question(event, label="Freitext", kind=QuestionKind.TEXT)
    with scopes_disabled():
        ayse = Registration.objects.get(pk=filled["ayse@example.org"].pk)
        ayse.answers[str(question.pk)] = "Ich heiße Ayşe"
        ayse.save()
        event.starts_at = timezone.now() - timedelta(days=100)
        event.ends_at = event.starts_at + timedelta(hours=2)
        event.save()
    before = [(r.status, r.via_id, r.interpretation) for r in registrations(event)]

    with scopes_disabled():  # as the retention run calls it
        assert participants_anonymise(days=90) == 4
    after = registrations(event)
    assert [(r.status, r.via_id, r.interpretation) for r in after] == before
    assert all(r.name == "" and r.email == "" and r.accessibility_needs == "" for r in after)
    with scopes_disabled():
        background = event.questions.get(kind=QuestionKind.CHOICE)
    assert after[0].answers == {str(background.pk): "Verein"}
    # The consent stays as proof that it was given, without the address, withdrawn: the privacy
    # rule deletes it in its time.
    consents = Consent.objects.filter(pk__in=[r.consent_id for r in after])
    assert len(consents) == 4
    assert all(c.email == "" and c.withdrawn_at is not None and c.text for c in consents)
    assert not Consent.objects.filter(email__endswith="@example.org").exists()
    with scopes_disabled():
        assert participants_anonymise(days=90) == 0
