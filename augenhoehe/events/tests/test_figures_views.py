"""The figures' pages for every role, the section on the organisers' page, and the events section on a
co-organiser's profile: public events for everyone, figures for its members and the network's staff."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.directory.models import RepresentativeRole
from augenhoehe.events.choices import EventStatus, RegistrationStatus
from augenhoehe.events.sections import organiser_sections_for
from augenhoehe.testing.factories import RepresentationFactory

from .figures_world import event_make, hand_made, registration_make, series_make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


@pytest.fixture
def partners(organisation_factory):
    return organisation_factory(name="Verein X"), organisation_factory(name="Verein Y")


@pytest.fixture
def event(network, partners):
    return hand_made(network, *partners)


def represent(users, organisation) -> None:
    RepresentationFactory(user=users["mso_member"], organisation=organisation, role=RepresentativeRole.MEMBER)


@pytest.mark.parametrize(
    ("role", "represents", "status"),
    [
        ("anonymous", False, 302),
        ("mso_member", False, 404),
        ("mso_member", True, 200),
        ("coordinator", False, 200),
        ("network_admin", False, 200),
        ("other_coordinator", False, 404),
    ],
)
def test_the_event_figures_page_for_every_role(client_for, users, event, partners, role, represents, status):
    if represents:
        represent(users, partners[0])
    response = client_for(role).get(reverse("events:figures", kwargs={"pk": event.pk}))
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert "Erreichte Menschen" in body and "Anmeldungen nach Hintergrund" in body
        assert "Migrantenselbstorganisation" in body and "3 (50 %)" in body
        assert "keine Angabe" in body and "direkt" in body and "n = 6" in body
        assert "Person 1" not in body  # figures, never names


def test_wrong_ids_are_not_found(client_for):
    client = client_for("coordinator")
    assert client.get(reverse("events:figures", kwargs={"pk": 999999})).status_code == 404
    assert client.get(reverse("events:series_figures", kwargs={"pk": 999999})).status_code == 404


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
def test_the_series_figures_page_for_every_role(client_for, users, network, partners, role, status):
    represent(users, partners[0])  # a co-organiser's member still sees no series' figures
    series = series_make(network)
    first = event_make(network, series=series, organisers=partners, days=-10, title="Erster Impuls")
    registration_make(first, status=RegistrationStatus.CONFIRMED, checked_in=True)
    second = event_make(network, series=series, days=20, title="Zweiter Impuls")
    for _ in range(3):
        registration_make(second, status=RegistrationStatus.CONFIRMED)
    response = client_for(role).get(reverse("events:series_figures", kwargs={"pk": series.pk}))
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert "Erster Impuls" in body and "Zweiter Impuls" in body
        # Attendance of the held date only; the three for the date to come apart, its attendance "–".
        assert "1 (100 % von 1)" in body
        assert "angemeldet für kommende Termine</dt><dd>3 " in body
        row = body[body.find("Zweiter Impuls") :]
        assert row[: row.find("</tr>")].endswith("<td>3</td><td>–</td>")


def test_the_section_on_the_organisers_page(rf: RequestFactory, users, network, event):
    request = rf.get("/")
    request.user = users["coordinator"]
    request.network = network
    with network_scope(network):
        sections = [
            s for s in organiser_sections_for(request, event) if s.template == "events/figures/_event.html"
        ]
    assert len(sections) == 1
    assert sections[0].context["figures"].registered == 6
    # Someone who may not see the event's private pages gets no section.
    request.user = users["other_coordinator"]
    with network_scope(network):
        sections = organiser_sections_for(request, event)
    assert not [s for s in sections if s.template == "events/figures/_event.html"]


@pytest.fixture
def profile(network, other_network, partners):
    """Verein X co-organises the hand-made past event (6 registered, 3 attended, 3 of them and 2 who
    came through it), an upcoming published one (4 registered, 2 through it: counted apart), an
    upcoming draft and one of the other network."""
    x, y = partners
    hand_made(network, x, y)
    upcoming = event_make(network, organisers=[x], days=10, title="Infoabend Kita")
    for number in range(4):
        registration_make(upcoming, status=RegistrationStatus.CONFIRMED, via=x if number < 2 else None)
    event_make(network, organisers=[x], days=12, title="Geheimer Entwurf", status=EventStatus.DRAFT)
    other = event_make(other_network, organisers=[x], days=-3, title="Dortmunder Abend")
    registration_make(other, status=RegistrationStatus.CONFIRMED, checked_in=True, via=x)
    return x


def events_section(body: str) -> str:
    start = body.find('id="events-heading"')
    assert start != -1, "no events section"
    return body[start : body.find("</section>", start)]


@pytest.mark.parametrize(
    ("role", "figures"),
    [
        ("anonymous", None),
        # Published events (held or to come); registered and attended at those begun, of them through
        # Verein X; registered for those to come.
        ("mso_member", ("3", "7", "4", "4", "3", "4")),  # every network's events: 6 + 1 registered
        ("coordinator", ("2", "6", "3", "3", "2", "4")),  # the active network's events only
        ("other_coordinator", ("1", "1", "1", "1", "1", "0")),
    ],
)
def test_the_profile_shows_events_and_to_whom_the_figures(client_for, users, profile, role, figures):
    represent(users, profile)
    body = client_for(role).get(profile.get_absolute_url()).content.decode()
    section = events_section(body)
    assert "Infoabend Kita" in section
    assert "Geheimer Entwurf" not in section and "Mittagsimpuls" not in section  # drafts, past events
    if figures is None:
        assert "Was die Veranstaltungen erreicht haben" not in section
        return
    assert "Was die Veranstaltungen erreicht haben" in section
    numbers = [part.split("</dd>")[0] for part in section.split("<dd>")[1:]]
    assert tuple(numbers) == figures


def test_a_profile_without_events_has_no_events_section(client_for, organisation_factory):
    body = (
        client_for("coordinator").get(organisation_factory(name="Ohne").get_absolute_url()).content.decode()
    )
    assert 'id="events-heading"' not in body


def test_the_profile_queries_do_not_grow_with_the_events(
    client_for, users, network, profile, partners, django_assert_num_queries
):
    represent(users, profile)
    client = client_for("mso_member")
    url = profile.get_absolute_url()
    client.get(url)  # caches warm
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(8):
        event = event_make(network, organisers=[profile], days=number - 4)
        registration_make(event, status=RegistrationStatus.CONFIRMED, checked_in=True, via=profile)
    with django_assert_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert "Was die Veranstaltungen erreicht haben" in body


def test_the_profile_links_the_public_page_of_each_event_to_come(client, profile):
    body = events_section(client.get(profile.get_absolute_url()).content.decode())
    with scopes_disabled():
        from augenhoehe.events.models import Event

        upcoming = Event.objects.get(title="Infoabend Kita")
    assert f'href="{reverse("events:detail", kwargs={"pk": upcoming.pk})}"' in body


@pytest.mark.parametrize(("role", "extra"), [("anonymous", 1), ("mso_member", 2), ("coordinator", 2)])
def test_the_section_costs_the_profile_one_query_for_visitors_two_with_figures(
    client_for, users, profile, role, extra
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from augenhoehe.directory.signals import profile_app_sections
    from augenhoehe.events.figure_sections import profile_events

    represent(users, profile)
    client, url = client_for(role), profile.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as with_section:
        client.get(url)
    profile_app_sections.disconnect(dispatch_uid="events.profile")
    try:
        with CaptureQueriesContext(connection) as without:
            client.get(url)
    finally:
        profile_app_sections.connect(profile_events, dispatch_uid="events.profile")
    assert len(with_section.captured_queries) - len(without.captured_queries) == extra


def test_other_co_organisers_small_lines_read_fewer_than_three(client_for, users, event, partners):
    """Verein X's member sees Verein Y's single registration as "weniger als 3", its own line exact;
    the network's staff see every line exactly."""
    represent(users, partners[0])
    url = reverse("events:figures", kwargs={"pk": event.pk})
    body = client_for("mso_member").get(url).content.decode()
    via = body[body.find('id="figures-via-caption"') :]
    assert '<bdi>Verein Y</bdi></th><td colspan="2">weniger als 3</td>' in via
    assert "<bdi>Verein X</bdi></th><td>3 (50 %)</td><td>2 (33 %)</td>" in via
    assert "Verein Y</bdi></th><td>1" not in via
    staff = client_for("coordinator").get(url).content.decode()
    assert "<bdi>Verein Y</bdi></th><td>1 (17 %)</td><td>0 (0 %)</td>" in staff
    assert "weniger als 3" not in staff


def test_the_section_hides_small_lines_from_a_co_organiser_too(rf: RequestFactory, users, event, partners):
    represent(users, partners[0])
    request = rf.get("/")
    request.user = users["mso_member"]
    request.network = None
    sections = [
        s for s in organiser_sections_for(request, event) if s.template == "events/figures/_event.html"
    ]
    (_background, _chart), (via, _via_chart) = sections[0].context["charts"]
    assert [row.hidden for row in via.rows] == [False, True, False]


def test_the_chart_labels_read_right_to_left_in_arabic(client_for, event):
    url = reverse("events:figures", kwargs={"pk": event.pk})
    client = client_for("coordinator")
    assert 'text-anchor="start" direction="ltr"' in client.get(url).content.decode()
    client.cookies["django_language"] = "ar"
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'text-anchor="start" direction="rtl"' in body and 'direction="ltr">' not in body.split("<svg")[1]
