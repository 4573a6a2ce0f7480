"""The public pages: the upcoming list across networks with its filters, a series, an event."""

import re

import pytest
from django.urls import reverse

from augenhoehe.accounts.middleware import network_scope

from .. import services
from .organiser_helpers import make_event

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


@pytest.fixture
def two_networks(network, other_network, users):
    """Published events of both networks, a draft and a past event of the first, one cancelled."""
    ours = users["coordinator"]
    theirs = users["other_coordinator"]
    return {
        "arabic": make_event(
            network,
            ours,
            publish=True,
            title="Infoabend Kita",
            languages=["de", "ar"],
            kreis_id="05754",
            topic="education",
            days_ahead=10,
        ),
        "turkish": make_event(
            other_network,
            theirs,
            publish=True,
            title="Elterncafé Dortmund",
            languages=["tr"],
            kreis_id="05913",
            topic="parents",
            days_ahead=12,
        ),
        "draft": make_event(network, ours, title="Noch geheim", kreis_id="05754", days_ahead=5),
        "past": make_event(network, ours, publish=True, title="Schon vorbei", days_ahead=-3),
        "cancelled": _cancelled(
            make_event(other_network, theirs, publish=True, title="Fällt aus", days_ahead=20), theirs
        ),
    }


def _cancelled(event, actor):
    with network_scope(event.network):
        return services.event_cancel(event=event, actor=actor)


def _titles(response) -> list[str]:
    return [event.title for event in response.context["page"].object_list]


def test_the_list_shows_upcoming_public_events_of_every_network(client, two_networks):
    response = client.get(reverse("events:list"))
    assert response.status_code == 200
    assert _titles(response) == ["Infoabend Kita", "Elterncafé Dortmund", "Fällt aus"]
    content = response.content.decode()
    assert "Noch geheim" not in content
    assert "Schon vorbei" not in content
    # A cancelled event is marked as such.
    assert "Abgesagt" in content


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ({"kreis": "05754"}, ["Infoabend Kita"]),
        ({"kreis": "05913"}, ["Elterncafé Dortmund"]),
        ({"language": "ar"}, ["Infoabend Kita"]),
        ({"language": "tr"}, ["Elterncafé Dortmund"]),
        ({"topic": "parents"}, ["Elterncafé Dortmund"]),
        ({"topic": "education", "language": "tr"}, []),
        # A wrong value is dropped from the filter, never an error page.
        ({"kreis": "99999", "language": "ar"}, ["Infoabend Kita"]),
        ({"language": "<script>", "page": "abc"}, ["Infoabend Kita", "Elterncafé Dortmund", "Fällt aus"]),
    ],
)
def test_the_list_filters_by_kreis_language_and_topic(client, two_networks, query, titles):
    response = client.get(reverse("events:list"), query)
    assert response.status_code == 200
    assert _titles(response) == titles


def test_the_list_costs_the_same_queries_however_many_events(
    client, network, users, django_assert_max_num_queries
):
    make_event(network, users["coordinator"], publish=True, languages=["de", "ar"])
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("events:list"))
    for number in range(15):
        make_event(
            network, users["coordinator"], publish=True, title=f"Termin {number}", languages=["de", "tr"]
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("events:list"))
    assert len(response.context["page"].object_list) == 16


def test_the_list_is_paginated(client, network, users):
    for number in range(22):
        make_event(network, users["coordinator"], publish=True, title=f"Termin {number}")
    assert len(client.get(reverse("events:list")).context["page"].object_list) == 20
    assert len(client.get(reverse("events:list"), {"page": "2"}).context["page"].object_list) == 2
    assert len(client.get(reverse("events:list"), {"page": "99"}).context["page"].object_list) == 2


def test_the_public_page_shows_the_event_without_its_online_link(
    client, client_for, network, users, organisation_factory
):
    published = organisation_factory(name="Elternverein Al-Amal", is_published=True)
    hidden = organisation_factory(name="Frauentreff Nour", is_published=False)
    event = make_event(
        network,
        users["coordinator"],
        publish=True,
        format="hybrid",
        online_url="https://meet.example.org/geheim-123",
        accessibility_note="Aufzug am Seiteneingang",
        step_free="yes",
        languages=["de", "ar"],
    )
    with network_scope(network):
        services.programme_item_add(
            event=event,
            actor=users["coordinator"],
            title="Impuls",
            speaker="Dr. Ayşe Demir",
            speaker_role="Leiterin des KI",
            speaker_organisation="Kreis Gütersloh",
        )
        services.organiser_add(event=event, organisation=published, actor=users["coordinator"])
        services.organiser_add(event=event, organisation=hidden, actor=users["coordinator"])
    response = client.get(reverse("events:detail", args=[event.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "meet.example.org" not in content
    for text in (
        "Aufzug am Seiteneingang",
        "Stufenlos erreichbar",
        "Arabisch",
        "Dr. Ayşe Demir",
        "Leiterin des KI",
    ):
        assert text in content
    # An organisation that shows itself in the directory is named and linked; one that does not is
    # not named to the public (its own members and the network see it on the organisers' page).
    assert f'href="{published.get_absolute_url()}"' in content
    assert "Frauentreff Nour" not in content
    organisers_page = client_for("coordinator").get(reverse("events:event", args=[event.pk]))
    assert "Frauentreff Nour" in organisers_page.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 404),
        ("mso_member", 404),
        ("coordinator", 200),
        ("network_admin", 200),
        ("other_coordinator", 404),
    ],
)
def test_a_draft_is_visible_to_its_organisers_only(client_for, network, users, role, status):
    draft = make_event(network, users["coordinator"])
    assert client_for(role).get(reverse("events:detail", args=[draft.pk])).status_code == status
    assert client_for(role).get(reverse("events:ics", args=[draft.pk])).status_code == status


def test_another_networks_coordinator_sees_only_the_public_page(client_for, network, users):
    event = make_event(network, users["coordinator"], publish=True, online_url="https://meet.example.org/x")
    other = client_for("other_coordinator")
    response = other.get(reverse("events:detail", args=[event.pk]))
    assert response.status_code == 200
    assert reverse("events:event", args=[event.pk]) not in response.content.decode()
    assert other.get(reverse("events:event", args=[event.pk])).status_code == 404


def test_an_unknown_event_or_series_is_not_found(client):
    for name in ("events:detail", "events:ics", "events:series", "events:series_ics"):
        assert client.get(reverse(name, args=[999999])).status_code == 404


def test_the_series_page_lists_upcoming_and_past_public_events(client, network, users):
    with network_scope(network):
        series = services.series_create(
            network=network, actor=users["coordinator"], title="Über den Tellerrand", description="Impulse"
        )
    make_event(network, users["coordinator"], publish=True, series=series, title="Teil 2", days_ahead=30)
    make_event(network, users["coordinator"], publish=True, series=series, title="Teil 1", days_ahead=-30)
    make_event(network, users["coordinator"], series=series, title="Teil 3 (Entwurf)", days_ahead=60)
    response = client.get(reverse("events:series", args=[series.pk]))
    assert response.status_code == 200
    assert [event.title for event in response.context["upcoming"]] == ["Teil 2"]
    assert [event.title for event in response.context["past"]] == ["Teil 1"]
    assert "Entwurf" not in response.content.decode()


def test_the_series_page_offers_its_feed_to_subscribe_and_to_copy(client, network, users):
    with network_scope(network):
        series = services.series_create(network=network, actor=users["coordinator"], title="Reihe")
    make_event(network, users["coordinator"], publish=True, series=series)
    content = client.get(reverse("events:series", args=[series.pk])).content.decode()
    feed = reverse("events:series_ics", args=[series.pk])
    assert f'href="webcal://testserver{feed}"' in content
    assert f'readonly value="http://testserver{feed}"' in content
    assert f'href="{feed}"' in content


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 404),
        ("mso_member", 404),
        ("coordinator", 200),
        ("network_admin", 200),
        ("other_coordinator", 404),
    ],
)
def test_a_series_without_a_public_event_is_its_networks_only(client_for, network, users, role, status):
    """A planned series (drafts only) is not announced: its title and description stay internal."""
    with network_scope(network):
        series = services.series_create(
            network=network, actor=users["coordinator"], title="Geheime Reihe", description="Plan"
        )
    make_event(network, users["coordinator"], series=series, title="Entwurf")
    client = client_for(role)
    assert client.get(reverse("events:series", args=[series.pk])).status_code == status
    assert client.get(reverse("events:series_ics", args=[series.pk])).status_code == status
    # Once one of its events is published, everybody sees the series.
    make_event(network, users["coordinator"], series=series, title="Teil 1", publish=True)
    assert client.get(reverse("events:series", args=[series.pk])).status_code == 200
    assert client.get(reverse("events:series_ics", args=[series.pk])).status_code == 200


def test_the_nav_offers_the_events_to_everyone_and_planning_to_staff(client_for):
    anonymous = client_for("anonymous").get(reverse("events:list")).content.decode()
    assert f'href="{reverse("events:list")}"' in anonymous
    assert f'href="{reverse("events:manage")}"' not in anonymous
    staff = client_for("coordinator").get(reverse("events:list")).content.decode()
    assert f'href="{reverse("events:manage")}"' in staff


def _current(content: str) -> list[str]:
    """The nav links marked as the current page."""
    nav = content.split('class="site-nav"')[1].split("</nav>")[0]
    return re.findall(r'href="([^"]+)" aria-current="page"', nav)


def test_the_nav_marks_planning_on_the_organisers_pages_and_the_events_on_the_public_ones(
    client_for, network, users
):
    with network_scope(network):
        series = services.series_create(network=network, actor=users["coordinator"], title="Reihe")
        event = make_event(network, users["coordinator"], publish=True, series=series)
        item = services.programme_item_add(event=event, actor=users["coordinator"], title="Impuls")
        question = services.question_add(event=event, actor=users["coordinator"], label="Essen?", kind="text")
    client = client_for("coordinator")
    planning = [
        reverse("events:manage"),
        reverse("events:event_new"),
        reverse("events:event", args=[event.pk]),
        reverse("events:event_edit", args=[event.pk]),
        reverse("events:series_new"),
        reverse("events:series_edit", args=[series.pk]),
        reverse("events:programme_edit", args=[item.pk]),
        reverse("events:question_edit", args=[question.pk]),
    ]
    public = [
        reverse("events:list"),
        reverse("events:series", args=[series.pk]),
        reverse("events:detail", args=[event.pk]),
    ]
    for url in planning:
        assert _current(client.get(url).content.decode()) == [reverse("events:manage")], url
    for url in public:
        assert _current(client.get(url).content.decode()) == [reverse("events:list")], url


def test_the_event_page_names_the_events_languages_not_the_sites(client, two_networks):
    """The site's language switch once overwrote the page's ``languages`` with its own list."""
    body = client.get(reverse("events:detail", args=[two_networks["arabic"].pk])).content.decode()
    sprachen = re.search(r"<dt>Sprachen</dt><dd>(.*?)</dd>", body)
    assert sprachen is not None and sprachen[1] == "Arabisch, Deutsch"
    assert "name_local" not in body


def test_the_list_and_the_page_tell_the_seats_still_free_and_when_the_event_is_full(client, network, users):
    from django_scopes import scopes_disabled

    from ..models import Registration

    event = make_event(network, users["coordinator"], publish=True, title="Frauenfrühstück", capacity=2)

    def seats(path: str) -> str:
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", client.get(path).content.decode()))
        return re.search(r"2 Plätze · [^·]*?(frei|offen)", text)[0]

    list_path, page_path = reverse("events:list"), reverse("events:detail", args=[event.pk])
    assert seats(list_path) == seats(page_path) == "2 Plätze · noch 2 Plätze frei"
    with scopes_disabled():
        Registration.objects.create(
            network=network, event=event, name="A", email="a@example.org", status="confirmed"
        )
        Registration.objects.create(
            network=network, event=event, name="B", email="b@example.org", status="waiting"
        )
    assert seats(list_path) == seats(page_path) == "2 Plätze · noch 1 Platz frei"
    with scopes_disabled():
        Registration.objects.create(
            network=network, event=event, name="C", email="c@example.org", status="confirmed"
        )
    assert seats(list_path) == seats(page_path) == "2 Plätze · ausgebucht, Warteliste offen"


def test_an_online_event_says_online_once_in_the_list(client, network, users):
    make_event(
        network,
        users["coordinator"],
        publish=True,
        title="Mittagsimpuls",
        format="online",
        online_url="https://meet.example.org/x",
    )
    body = client.get(reverse("events:list")).content.decode()
    assert "Online · Online" not in body and "Online" in body
