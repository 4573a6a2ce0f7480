"""The organisers' pages of an event, role by role, with bad input answered at its field."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.models import LogEntry
from augenhoehe.directory.models import RepresentativeRole
from augenhoehe.interpreters import services as interpreter_services
from augenhoehe.testing.factories import representative, sign_in

from .. import services
from ..models import (
    Event,
    EventLanguage,
    EventOrganiser,
    ProgrammeItem,
    Registration,
    RegistrationQuestion,
    Series,
)
from ..selectors import EVENT_TIMEZONE
from .organiser_helpers import berlin, event_form, make_event

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

STAFF = ("coordinator", "network_admin")


@pytest.fixture
def event(network, users):
    return make_event(network, users["coordinator"])


@pytest.fixture
def co_organiser(event, users, organisation_factory):
    """A member of an organisation that co-organises ``event``, signed in."""
    organisation = organisation_factory(name="Elternverein Al-Amal")
    with network_scope(event.network):
        services.organiser_add(event=event, organisation=organisation, actor=users["coordinator"])
    member = representative(organisation, RepresentativeRole.MEMBER)
    client = Client()
    sign_in(client, member)
    return client


@pytest.fixture
def other_member(organisation_factory):
    """A member of an organisation that co-organises nothing, signed in."""
    member = representative(organisation_factory(name="Sportverein Anadolu"), RepresentativeRole.ADMIN)
    client = Client()
    sign_in(client, member)
    return client


def _actions() -> list[str]:
    with scopes_disabled():
        return list(LogEntry.objects.values_list("action", flat=True))


def _event(pk: int) -> Event:
    with scopes_disabled():
        return Event.objects.get(pk=pk)


# ---- who reaches which page ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("mso_member", 404),
        ("coordinator", 200),
        ("network_admin", 200),
        ("other_coordinator", 404),
    ],
)
@pytest.mark.parametrize("name", ["events:event", "events:event_edit"])
def test_the_organisers_pages_are_for_the_networks_staff(client_for, event, role, status, name):
    response = client_for(role).get(reverse(name, args=[event.pk]))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("accounts:login"))


def test_a_co_organisers_member_may_see_and_edit_but_not_decide(co_organiser, event):
    page = co_organiser.get(reverse("events:event", args=[event.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert reverse("events:event_publish", args=[event.pk]) not in content
    assert 'id="interpreters"' not in content
    assert co_organiser.get(reverse("events:event_edit", args=[event.pk])).status_code == 200
    response = co_organiser.post(
        reverse("events:event_edit", args=[event.pk]), event_form(title="Neuer Titel")
    )
    assert response.status_code == 302
    assert _event(event.pk).title == "Neuer Titel"
    # Publishing, cancelling and the co-organisers are the network's to decide.
    for name in (
        "events:event_publish",
        "events:event_cancel",
        "events:organiser_add",
        "events:organiser_remove",
    ):
        assert co_organiser.post(reverse(name, args=[event.pk]), {"organisation": "1"}).status_code == 403
    assert _event(event.pk).status == "draft"
    # They see the event in their list, across networks.
    listing = co_organiser.get(reverse("events:manage")).content.decode()
    assert f'id="manage-event-{event.pk}"' in listing


def test_a_co_organisers_member_neither_sees_nor_changes_the_series(co_organiser, event, network, users):
    """Which series an event belongs to is the network's decision (and its series' titles its own)."""
    with network_scope(network):
        ours = services.series_create(network=network, actor=users["coordinator"], title="Unsere Reihe")
        planned = services.series_create(network=network, actor=users["coordinator"], title="Geplante Reihe")
        services.event_update(event=event, actor=users["coordinator"], languages=["de"], series=ours)
    page = co_organiser.get(reverse("events:event_edit", args=[event.pk]))
    assert "series" not in page.context["form"].fields
    assert "Geplante Reihe" not in page.content.decode()
    response = co_organiser.post(
        reverse("events:event_edit", args=[event.pk]), event_form(title="Neu", series=str(planned.pk))
    )
    assert response.status_code == 302
    saved = _event(event.pk)
    assert saved.title == "Neu"
    assert saved.series_id == ours.pk


def test_another_organisations_member_is_told_nothing_exists(other_member, event):
    assert other_member.get(reverse("events:event", args=[event.pk])).status_code == 404
    assert other_member.get(reverse("events:event_edit", args=[event.pk])).status_code == 404
    assert (
        other_member.post(reverse("events:programme_add", args=[event.pk]), {"title": "x"}).status_code == 404
    )
    assert f"manage-event-{event.pk}" not in other_member.get(reverse("events:manage")).content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("mso_member", 403),
        ("coordinator", 200),
        ("network_admin", 200),
        ("other_coordinator", 200),
    ],
)
def test_the_organisers_list_shows_only_the_own_networks_events(client_for, event, role, status):
    response = client_for(role).get(reverse("events:manage"))
    assert response.status_code == status
    if status == 200:
        assert (f'id="manage-event-{event.pk}"' in response.content.decode()) is (role in STAFF)


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("mso_member", 403), ("coordinator", 200), ("other_coordinator", 200)],
)
def test_only_staff_create_events_and_series(client_for, role, status):
    for name in ("events:event_new", "events:series_new"):
        assert client_for(role).get(reverse(name)).status_code == status


def test_another_networks_series_is_not_found(client_for, network, users):
    with network_scope(network):
        series = services.series_create(network=network, actor=users["coordinator"], title="Tellerrand")
    assert (
        client_for("other_coordinator").get(reverse("events:series_edit", args=[series.pk])).status_code
        == 404
    )
    assert client_for("coordinator").get(reverse("events:series_edit", args=[series.pk])).status_code == 200


# ---- creating and changing an event ---------------------------------------------------------------


def test_a_coordinator_creates_an_event_as_a_draft_in_berlin_time(client_for, network):
    response = client_for("coordinator").post(
        reverse("events:event_new"),
        event_form(start_date="2027-07-01", end_date="", deadline_date="2027-06-28"),
    )
    assert response.status_code == 302
    with scopes_disabled():
        event = Event.objects.get()
        codes = sorted(EventLanguage.objects.filter(event=event).values_list("code", flat=True))
    assert event.network == network
    assert event.status == "draft"
    assert event.starts_at == berlin(2027, 7, 1, 18)
    assert event.ends_at == berlin(2027, 7, 1, 20)
    # A deadline without a time runs to the end of its day.
    assert event.registration_deadline == berlin(2027, 6, 28, 23, 59)
    assert event.kreis_id == "05754"
    assert codes == ["ar", "de"]
    assert _actions().count("events.event.created") == 1


def test_a_series_is_created_and_chosen_for_an_event(client_for, network):
    client = client_for("coordinator")
    assert client.post(reverse("events:series_new"), {"title": "Über den Tellerrand"}).status_code == 302
    with scopes_disabled():
        series = Series.objects.get()
    assert client.post(reverse("events:event_new"), event_form(series=str(series.pk))).status_code == 302
    with scopes_disabled():
        assert Event.objects.get().series == series


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end_time": "17:00"}, "end_time", "Das Ende liegt vor dem Beginn."),
        ({"start_date": "31.02.2027"}, "start_date", "Bitte ein Datum wie 24.06.2026 eingeben."),
        ({"start_time": "25:99"}, "start_time", "Bitte eine Uhrzeit wie 18:30 eingeben."),
        (
            {"deadline_date": (timezone.localdate() + timedelta(days=60)).isoformat()},
            "deadline_date",
            "Der Anmeldeschluss darf nicht nach dem Beginn liegen.",
        ),
        # Dates near the ends of the calendar are typos, and broke the calendar export.
        ({"start_date": "0001-01-01", "start_time": "00:00", "end_time": "00:30"}, "start_date", None),
        ({"start_date": "9999-12-31", "end_time": "23:59"}, "start_date", None),
        ({"end_date": "9999-12-31"}, "end_date", None),
        ({"deadline_date": "01.01.0026"}, "deadline_date", None),
        ({"format": "online"}, "online_url", "Eine Online- oder Hybrid-Veranstaltung braucht den Link."),
        ({"format": "hybrid"}, "online_url", "Eine Online- oder Hybrid-Veranstaltung braucht den Link."),
        ({"kreis": "99999"}, "kreis", None),
        ({"languages": ["xx"]}, "languages", None),
        ({"title": ""}, "title", None),
        ({"online_url": "javascript:alert(1)", "format": "online"}, "online_url", None),
    ],
)
def test_bad_input_is_answered_at_its_field_and_changes_nothing(client_for, changes, field, message):
    response = client_for("coordinator").post(reverse("events:event_new"), event_form(**changes))
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors, form.errors
    if message:
        assert message in form.errors[field]
        assert message in response.content.decode()
    with scopes_disabled():
        assert not Event.objects.exists()


def test_a_date_is_typed_within_two_years_back_and_five_ahead(client_for, event):
    client = client_for("coordinator")
    today = timezone.localdate()
    far = today.replace(year=today.year + 6, day=1)
    response = client.post(reverse("events:event_new"), event_form(start_date=far.isoformat()))
    assert response.status_code == 400
    (message,) = response.context["form"].errors["start_date"]
    assert message.startswith("Bitte ein Datum zwischen dem ")
    assert today.replace(year=today.year - 2).strftime("%d.%m.%Y") in message
    # A past event is entered afterwards.
    past = today - timedelta(days=300)
    response = client.post(reverse("events:event_new"), event_form(start_date=past.isoformat()))
    assert response.status_code == 302
    # An event that already has an old date keeps it when something else is changed.
    old = today.replace(year=today.year - 3, day=1)
    with network_scope(event.network):
        services.event_update(
            event=event,
            actor=event.created_by,
            languages=["de"],
            starts_at=berlin(old.year, old.month, old.day, 18),
            ends_at=berlin(old.year, old.month, old.day, 20),
        )
    form = client.get(reverse("events:event_edit", args=[event.pk])).context["form"]
    data = event_form(title="Nachgetragen", start_date=old.isoformat(), end_date=old.isoformat())
    data |= {"kreis": "", "languages": ["de"]}
    assert form.initial["start_date"] == old
    assert client.post(reverse("events:event_edit", args=[event.pk]), data).status_code == 302
    assert _event(event.pk).title == "Nachgetragen"


def _last_sunday(year: int, month: int) -> date:
    """The day the clocks change in Germany (the last Sunday of March or October)."""
    day = date(year, month, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def test_a_time_the_clocks_skip_is_refused_at_its_field(client_for):
    """The night summer time begins there is no 2:30: it was stored as 3:30 without a word."""
    spring = _last_sunday(timezone.localdate().year + 1, 3)
    client = client_for("coordinator")
    for field, changes in [
        ("start_time", {"start_time": "02:30", "end_time": "04:00"}),
        ("end_time", {"start_time": "01:00", "end_time": "02:15"}),
        ("deadline_time", {"deadline_date": spring.isoformat(), "deadline_time": "02:00"}),
    ]:
        day = spring if field != "deadline_time" else spring + timedelta(days=1)
        response = client.post(reverse("events:event_new"), event_form(start_date=day.isoformat(), **changes))
        assert response.status_code == 400
        assert response.context["form"].errors[field] == [
            "Diese Uhrzeit gibt es an diesem Tag wegen der Zeitumstellung nicht."
        ]
    with scopes_disabled():
        assert not Event.objects.exists()
    # 3:00 is summer time already, 1:59 still winter time.
    response = client.post(
        reverse("events:event_new"),
        event_form(start_date=spring.isoformat(), start_time="01:59", end_time="03:00"),
    )
    assert response.status_code == 302
    with scopes_disabled():
        event = Event.objects.get()
    assert (event.ends_at - event.starts_at) == timedelta(minutes=1)


def test_a_time_the_clocks_bring_twice_is_the_summer_one(client_for):
    autumn = _last_sunday(timezone.localdate().year + 1, 10)
    response = client_for("coordinator").post(
        reverse("events:event_new"),
        event_form(start_date=autumn.isoformat(), start_time="02:30", end_time="03:00"),
    )
    assert response.status_code == 302
    with scopes_disabled():
        event = Event.objects.get()
    # 2:30 summer time is 0:30 UTC; 3:00 (winter time again) is 2:00 UTC.
    assert event.starts_at == datetime.combine(autumn, time(0, 30), tzinfo=UTC)
    assert event.ends_at == datetime.combine(autumn, time(2, 0), tzinfo=UTC)


def test_the_service_compares_instants_not_wall_times(network, users):
    """2:45 summer time comes before 2:30 winter time the night summer time ends: ending then is
    ending before the start, a message at the field rather than the database's refusal."""
    autumn = _last_sunday(timezone.localdate().year + 1, 10)
    start = datetime.combine(autumn, time(2, 30), tzinfo=EVENT_TIMEZONE).replace(fold=1)
    end = datetime.combine(autumn, time(2, 45), tzinfo=EVENT_TIMEZONE).replace(fold=0)
    assert end.timestamp() < start.timestamp()
    with pytest.raises(ValidationError) as raised:
        make_event(network, users["coordinator"], starts_at=start, ends_at=end)
    assert raised.value.message_dict == {"ends_at": ["Das Ende liegt vor dem Beginn."]}
    with pytest.raises(ValidationError) as raised:
        make_event(
            network,
            users["coordinator"],
            starts_at=start.replace(fold=0),
            ends_at=end.replace(hour=4),
            registration_deadline=end.replace(minute=40),
        )
    assert raised.value.message_dict == {
        "registration_deadline": ["Der Anmeldeschluss darf nicht nach dem Beginn liegen."]
    }


def test_another_networks_series_cannot_be_chosen(client_for, other_network, users):
    with network_scope(other_network):
        theirs = services.series_create(
            network=other_network, actor=users["other_coordinator"], title="Fremd"
        )
    response = client_for("coordinator").post(reverse("events:event_new"), event_form(series=str(theirs.pk)))
    assert response.status_code == 400
    assert "series" in response.context["form"].errors


def test_hostile_text_is_stored_as_written_and_shown_escaped(client_for, users, network):
    hostile = '<script>alert("x")</script>'
    client = client_for("coordinator")
    assert (
        client.post(reverse("events:event_new"), event_form(title=hostile, description=hostile)).status_code
        == 302
    )
    with scopes_disabled():
        event = Event.objects.get()
    assert event.title == hostile
    content = client.get(reverse("events:event", args=[event.pk])).content.decode()
    assert hostile not in content
    assert "&lt;script&gt;" in content


def test_a_change_of_time_or_place_is_a_new_calendar_version(client_for, event):
    client = client_for("coordinator")
    url = reverse("events:event_edit", args=[event.pk])
    day = timezone.localtime(event.starts_at).date().isoformat()
    same = event_form(
        title="Anderer Titel",
        start_date=day,
        place_name="Stadtteilzentrum Nord",
        street="",
        postcode="",
        kreis="",
    )
    same |= {"town": "Gütersloh"}
    assert client.post(url, same).status_code == 302
    assert _event(event.pk).sequence == 0
    assert client.post(url, same | {"start_time": "17:00"}).status_code == 302
    assert _event(event.pk).sequence == 1
    assert client.post(url, same | {"start_time": "17:00", "place_name": "Rathaus"}).status_code == 302
    assert _event(event.pk).sequence == 2


def test_the_edit_form_shows_the_event_in_berlin_time(client_for, network, users):
    event = make_event(
        network, users["coordinator"], starts_at=berlin(2027, 1, 15, 9, 30), ends_at=berlin(2027, 1, 15, 12)
    )
    form = client_for("coordinator").get(reverse("events:event_edit", args=[event.pk])).context["form"]
    assert str(form["start_date"].value()) == "2027-01-15"
    assert form["start_time"].value().strftime("%H:%M") == "09:30"


# ---- publishing and cancelling ---------------------------------------------------------------------


def test_publish_and_cancel_are_their_own_actions_with_audit_entries(client_for, event):
    client = client_for("coordinator")
    assert client.get(reverse("events:event_publish", args=[event.pk])).status_code == 405
    client.post(reverse("events:event_publish", args=[event.pk]))
    assert _event(event.pk).status == "published"
    client.post(reverse("events:event_cancel", args=[event.pk]))
    cancelled = _event(event.pk)
    assert cancelled.status == "cancelled"
    assert cancelled.sequence == 1
    actions = set(_actions())
    assert {"events.event.published", "events.event.cancelled"} <= actions
    # A cancelled event is not published again.
    response = client.post(reverse("events:event_publish", args=[event.pk]), follow=True)
    assert "Nur ein Entwurf kann veröffentlicht werden." in response.content.decode()
    assert _event(event.pk).status == "cancelled"


def test_another_networks_coordinator_cannot_publish(client_for, event):
    assert (
        client_for("other_coordinator").post(reverse("events:event_publish", args=[event.pk])).status_code
        == 404
    )
    assert _event(event.pk).status == "draft"


# ---- programme and questions --------------------------------------------------------------------


def _programme(event) -> list[str]:
    with scopes_disabled():
        return list(ProgrammeItem.objects.filter(event=event).values_list("title", flat=True))


def test_the_programme_is_added_edited_moved_and_removed(client_for, event):
    client = client_for("coordinator")
    add = reverse("events:programme_add", args=[event.pk])
    for title, at in (("Begrüßung", "18:00"), ("Impuls", "18:15"), ("Austausch", "19:00")):
        data = {"starts_at": at, "title": title, "speaker": "Dr. Ayşe Demir", "speaker_role": "Leiterin"}
        assert client.post(add, data).status_code == 302
    assert _programme(event) == ["Begrüßung", "Impuls", "Austausch"]
    with scopes_disabled():
        impuls = ProgrammeItem.objects.get(title="Impuls")
    client.post(reverse("events:programme_move", args=[impuls.pk]), {"direction": "up"})
    assert _programme(event) == ["Impuls", "Begrüßung", "Austausch"]
    client.post(reverse("events:programme_move", args=[impuls.pk]), {"direction": "up"})  # already first
    assert _programme(event) == ["Impuls", "Begrüßung", "Austausch"]
    client.post(reverse("events:programme_move", args=[impuls.pk]), {"direction": "down"})
    assert _programme(event) == ["Begrüßung", "Impuls", "Austausch"]
    edit = reverse("events:programme_edit", args=[impuls.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, {"title": "Impulsvortrag", "is_moderation": ""}).status_code == 302
    client.post(reverse("events:programme_remove", args=[impuls.pk]))
    assert _programme(event) == ["Begrüßung", "Austausch"]
    assert _actions().count("events.programme.changed") == 7


def test_a_programme_item_with_bad_input_is_answered_on_the_page(client_for, event):
    response = client_for("coordinator").post(
        reverse("events:programme_add", args=[event.pk]), {"title": "", "starts_at": "abends"}
    )
    assert response.status_code == 400
    form = response.context["programme_form"]
    assert {"title", "starts_at"} <= set(form.errors)
    assert _programme(event) == []


def test_another_networks_coordinator_cannot_touch_the_programme(client_for, event, users):
    with network_scope(event.network):
        item = services.programme_item_add(event=event, actor=users["coordinator"], title="Begrüßung")
    other = client_for("other_coordinator")
    assert other.get(reverse("events:programme_edit", args=[item.pk])).status_code == 404
    assert other.post(reverse("events:programme_remove", args=[item.pk])).status_code == 404
    assert _programme(event) == ["Begrüßung"]


def test_a_co_organiser_edits_the_programme(co_organiser, event):
    response = co_organiser.post(reverse("events:programme_add", args=[event.pk]), {"title": "Grußwort"})
    assert response.status_code == 302
    assert _programme(event) == ["Grußwort"]


def test_registration_questions_and_the_one_background_question(client_for, event):
    client = client_for("coordinator")
    add = reverse("events:question_add", args=[event.pk])
    background = {
        "label": "Mit welchem Hintergrund nehmen Sie teil?",
        "kind": "choice",
        "is_background": "on",
    }
    background["options"] = "Kita\nMSO\nVerwaltung\n"
    assert client.post(add, background).status_code == 302
    second = client.post(add, background | {"label": "Noch einmal"})
    assert second.status_code == 400
    assert (
        "Diese Veranstaltung fragt schon nach dem Hintergrund."
        in second.context["question_form"].errors["is_background"]
    )
    one_option = client.post(add, {"label": "Essen?", "kind": "choice", "options": "Ja"})
    assert "options" in one_option.context["question_form"].errors
    text_background = client.post(add, {"label": "Woher?", "kind": "text", "is_background": "on"})
    assert "is_background" in text_background.context["question_form"].errors
    assert (
        client.post(add, {"label": "Was erwarten Sie?", "kind": "text", "required": "on"}).status_code == 302
    )
    with scopes_disabled():
        questions = list(RegistrationQuestion.objects.filter(event=event))
    assert [q.label for q in questions] == [background["label"], "Was erwarten Sie?"]
    assert questions[0].option_list == ["Kita", "MSO", "Verwaltung"]
    # Editing the background question keeps it the one.
    edit = reverse("events:question_edit", args=[questions[0].pk])
    assert client.post(edit, background | {"label": "Hintergrund"}).status_code == 302
    assert client.post(reverse("events:question_remove", args=[questions[1].pk])).status_code == 302
    with scopes_disabled():
        assert list(RegistrationQuestion.objects.values_list("label", flat=True)) == ["Hintergrund"]


def test_once_someone_registered_a_question_keeps_its_kind_options_and_place(client_for, event):
    """The answers given must stay answers to the same question: only the wording changes."""
    with network_scope(event.network):
        question = services.question_add(
            event=event,
            actor=event.created_by,
            label="Mit welchem Hintergrund nehmen Sie teil?",
            kind="choice",
            options="Kita\nMSO",
            is_background=True,
        )
        Registration.objects.create(
            network=event.network,
            event=event,
            name="Amina K.",
            email="amina@example.org",
            answers={str(question.pk): "MSO"},
        )
    client = client_for("coordinator")
    edit = reverse("events:question_edit", args=[question.pk])
    posted = {"label": question.label, "kind": "choice", "options": "Kita\nMSO", "is_background": "on"}
    locked = "Es gibt schon Anmeldungen: ändern Sie nur noch den Wortlaut der Frage."
    for field, changes in [
        ("kind", {"kind": "text", "options": ""}),
        ("options", {"options": "Kita\nVerein"}),
        ("is_background", {"is_background": ""}),
    ]:
        response = client.post(edit, posted | changes)
        assert response.status_code == 400
        assert response.context["form"].errors[field] == [locked]
    removed = client.post(reverse("events:question_remove", args=[question.pk]), follow=True)
    assert "die Frage bleibt, damit die Antworten nicht verloren gehen" in removed.content.decode()
    with scopes_disabled():
        kept = RegistrationQuestion.objects.get(pk=question.pk)
    assert (kept.kind, kept.option_list, kept.is_background) == ("choice", ["Kita", "MSO"], True)
    # The wording may still be improved.
    assert (
        client.post(edit, posted | {"label": "Ihr Hintergrund?", "options": "Kita\r\nMSO\r\n"}).status_code
        == 302
    )
    with scopes_disabled():
        assert RegistrationQuestion.objects.get(pk=question.pk).label == "Ihr Hintergrund?"


# ---- co-organisers and interpreters --------------------------------------------------------------


def test_staff_find_and_add_a_co_organiser_and_remove_it(client_for, event, organisation_factory):
    amal = organisation_factory(name="Elternverein Al-Amal")
    client = client_for("coordinator")
    page = client.get(reverse("events:event", args=[event.pk]), {"organisation": "amal"}).content.decode()
    assert "Elternverein Al-Amal" in page
    client.post(reverse("events:organiser_add", args=[event.pk]), {"organisation": str(amal.pk)})
    with scopes_disabled():
        assert list(EventOrganiser.objects.values_list("organisation_id", flat=True)) == [amal.pk]
    again = client.post(
        reverse("events:organiser_add", args=[event.pk]), {"organisation": str(amal.pk)}, follow=True
    )
    assert "Diese Organisation veranstaltet bereits mit." in again.content.decode()
    client.post(reverse("events:organiser_remove", args=[event.pk]), {"organisation": str(amal.pk)})
    with scopes_disabled():
        assert not EventOrganiser.objects.exists()
    actions = _actions()
    assert actions.count("events.organiser.added") == 1
    assert actions.count("events.organiser.removed") == 1


TAMPERED_KEYS = ["999999", "abc", "", "²", "٣", "9" * 30, str(2**63), "0", "-1", "1.0"]


@pytest.mark.parametrize("value", TAMPERED_KEYS)
@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("events:organiser_add", "organisation"),
        ("events:organiser_remove", "organisation"),
        ("events:booking_unlink", "booking"),
    ],
)
def test_a_tampered_key_is_not_found_and_changes_nothing(client_for, event, name, field, value):
    client = Client(raise_request_exception=False)
    sign_in(client, event.created_by)
    before = _actions()
    response = client.post(reverse(name, args=[event.pk]), {field: value})
    assert response.status_code == 404
    assert _actions() == before


@pytest.mark.parametrize("value", ["²", "9" * 30, "abc"])
def test_a_tampered_series_in_the_new_event_link_preselects_nothing(client_for, network, users, value):
    with network_scope(network):
        series = services.series_create(network=network, actor=users["coordinator"], title="Reihe")
    client = client_for("coordinator")
    response = client.get(reverse("events:event_new"), {"series": value})
    assert response.status_code == 200
    assert f'<option value="{series.pk}" selected>' not in str(response.context["form"]["series"])
    chosen = client.get(reverse("events:event_new"), {"series": str(series.pk)})
    assert f'<option value="{series.pk}" selected>' in str(chosen.context["form"]["series"])


def test_an_organisation_that_does_not_co_organise_cannot_be_removed(client_for, event, organisation_factory):
    stranger = organisation_factory(name="Sportverein Anadolu")
    response = client_for("coordinator").post(
        reverse("events:organiser_remove", args=[event.pk]), {"organisation": str(stranger.pk)}
    )
    assert response.status_code == 404
    assert "events.organiser.removed" not in _actions()


def _booking(network, actor, starts_at):
    interpreter = interpreter_services.interpreter_create(
        network=network,
        actor=actor,
        languages=["ar"],
        name="Samira H.",
        qualification="interpreter",
        consent_given_on=timezone.localdate() - timedelta(days=3),
        consent_form="paper",
    )
    return interpreter_services.booking_create(
        interpreter=interpreter, actor=actor, occasion="Infoabend", starts_at=starts_at, language="ar"
    )


def test_a_booking_of_the_day_is_linked_and_unlinked(client_for, event, network, users):
    with network_scope(network):
        booking = _booking(network, users["coordinator"], event.starts_at - timedelta(minutes=30))
        elsewhere = _booking(network, users["coordinator"], event.starts_at + timedelta(days=2))
    client = client_for("coordinator")
    page = client.get(reverse("events:event", args=[event.pk]))
    choices = [value for value, _label in page.context["booking_form"].fields["booking"].choices if value]
    assert [int(str(value)) for value in choices] == [booking.pk]
    # A booking of another day is not offered, and refused if posted.
    refused = client.post(reverse("events:booking_link", args=[event.pk]), {"booking": str(elsewhere.pk)})
    assert refused.status_code == 400
    assert "booking" in refused.context["booking_form"].errors
    client.post(reverse("events:booking_link", args=[event.pk]), {"booking": str(booking.pk)})
    with network_scope(network):
        assert list(_event(event.pk).interpreter_bookings.all()) == [booking]
    assert "Samira H." in client.get(reverse("events:event", args=[event.pk])).content.decode()
    client.post(reverse("events:booking_unlink", args=[event.pk]), {"booking": str(booking.pk)})
    with network_scope(network):
        assert not _event(event.pk).interpreter_bookings.exists()


def test_a_booking_that_is_not_linked_cannot_be_unlinked(client_for, event, network, users):
    """Neither a booking of the day that was never linked nor one of another network: 404, and no
    audit entry about a change that did not happen."""
    with network_scope(network):
        unlinked = _booking(network, users["coordinator"], event.starts_at)
    client = client_for("coordinator")
    before = _actions()
    response = client.post(reverse("events:booking_unlink", args=[event.pk]), {"booking": str(unlinked.pk)})
    assert response.status_code == 404
    assert _actions() == before


def test_another_networks_booking_cannot_be_linked(client_for, event, other_network, users):
    with network_scope(other_network):
        theirs = _booking(other_network, users["other_coordinator"], event.starts_at)
    response = client_for("coordinator").post(
        reverse("events:booking_link", args=[event.pk]), {"booking": str(theirs.pk)}
    )
    assert response.status_code == 400
    with scopes_disabled():
        assert not Event.interpreter_bookings.through.objects.exists()


def test_more_seats_move_the_waiting_list_up_when_the_event_is_saved(client_for, network, users, mailoutbox):
    """Raising the seats in the event's form gives them to the waiting list at once, each one mailed."""
    from .registration_helpers import register_and_confirm

    # At the form's place, so that saving it changes the seats only (a new place would be news too).
    place = {
        "place_name": "Familienzentrum",
        "street": "Hauptstraße 1",
        "postcode": "33330",
        "kreis_id": "05754",
    }
    event = make_event(network, users["coordinator"], publish=True, capacity=1, **place)
    visitor = Client()
    register_and_confirm(visitor, event, mailoutbox, "ana@example.org", name="Ana")
    waiting = register_and_confirm(visitor, event, mailoutbox, "bo@example.org", name="Bo")
    assert waiting.status == "waiting"
    client = client_for("coordinator")
    form = client.get(reverse("events:event_edit", args=[event.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data = event_form() | {
        key: data[key] for key in ("start_date", "start_time", "end_date", "end_time") if key in data
    }
    sent = len(mailoutbox)
    response = client.post(
        reverse("events:event_edit", args=[event.pk]), data | {"capacity": "2"}, follow=True
    )
    assert response.status_code == 200
    assert "Von der Warteliste nachgerückt: 1." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert [message.to for message in mailoutbox[sent:]] == [["bo@example.org"]]


def test_a_cancellation_and_a_new_date_are_mailed_to_everyone_who_may_still_come(
    client_for, network, users, mailoutbox
):
    """Confirmed, waiting and not yet confirmed hear of it, each in their language; who cancelled
    does not; a new title is no news, a new time is."""
    from ..models import Registration

    event = make_event(network, users["coordinator"], publish=True, title="Elterncafé", capacity=1)
    with scopes_disabled():
        for name, status, language in [
            ("Ana", "confirmed", "de"),
            ("Bo", "waiting", "tr"),
            ("Cem", "unconfirmed", "ar"),
            ("Dana", "cancelled", "de"),
        ]:
            Registration.objects.create(
                network=network,
                event=event,
                name=name,
                email=f"{name.lower()}@example.org",
                status=status,
                language=language,
            )
    client = client_for("coordinator")
    edit = reverse("events:event_edit", args=[event.pk])
    initial = client.get(edit).context["form"].initial
    data = event_form(title="Elterncafé", capacity="1") | {
        key: initial[key] for key in ("start_date", "end_date") if initial.get(key)
    }
    same = data | {"start_time": "18:00", "end_time": "20:00"}
    assert client.post(edit, same).status_code == 302  # the form's place, unlike the helper's: news
    mailoutbox.clear()
    assert client.post(edit, same | {"title": "Elterncafé am Abend"}).status_code == 302
    assert mailoutbox == []  # the same date and place: nothing to tell
    assert (
        client.post(
            edit, same | {"title": "Elterncafé am Abend", "start_time": "17:30", "end_time": "19:30"}
        ).status_code
        == 302
    )
    changed = {message.to[0]: message for message in mailoutbox}
    assert sorted(changed) == ["ana@example.org", "bo@example.org", "cem@example.org"]
    assert (
        "17:30" in changed["ana@example.org"].body
        and "Elterncafé am Abend" in changed["ana@example.org"].subject
    )
    assert [
        changed[a].extra_headers["Content-Language"]
        for a in ("ana@example.org", "bo@example.org", "cem@example.org")
    ] == ["de", "tr", "ar"]
    assert "/events/registration/cancel/" in changed["bo@example.org"].body
    mailoutbox.clear()
    response = client.post(reverse("events:event_cancel", args=[event.pk]), follow=True)
    assert "Per E-Mail benachrichtigt: 3." in response.content.decode()
    assert sorted(message.to[0] for message in mailoutbox) == [
        "ana@example.org",
        "bo@example.org",
        "cem@example.org",
    ]
    assert all("/events/registration/cancel/" not in message.body for message in mailoutbox)
