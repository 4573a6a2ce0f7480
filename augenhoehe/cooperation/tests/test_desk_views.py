"""The desk and the lists behind it as pages: who lands where, who sees what, what is logged, and
that the desk costs the same few queries with 1 row of everything or 20."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import SESSION_KEY, network_scope
from augenhoehe.accounts.models import NetworkRole
from augenhoehe.core.models import LogEntry
from augenhoehe.directory.models import RepresentativeRole
from augenhoehe.testing.factories import representative, sign_in, staff

from . import desk_data as make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

DESK = reverse("cooperation:desk")
TASKS = reverse("cooperation:tasks")
NOT_CONTACTED = reverse("cooperation:not_contacted")
PAGES = [DESK, TASKS, NOT_CONTACTED]


def days(n: int):
    return timezone.localdate() + timedelta(days=n)


def _vetting_reads():
    with scopes_disabled():
        return list(LogEntry.objects.filter(action__in=["vetting.viewed", "vetting.list.viewed"]))


@pytest.mark.parametrize("url", PAGES)
def test_only_the_active_networks_staff_open_the_desks_pages(client_for, users, url):
    anonymous = client_for("anonymous").get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))
    assert client_for("mso_member").get(url).status_code == 403
    for role in ["coordinator", "network_admin", "other_coordinator"]:
        assert client_for(role).get(url).status_code == 200, role


@pytest.mark.parametrize("url", PAGES)
def test_the_desks_pages_answer_get_only(client_for, url):
    assert client_for("coordinator").post(url).status_code == 405


def test_staff_land_on_the_desk_representatives_in_their_space_others_in_the_directory(
    client_for, users, organisation_factory
):
    landing = reverse("directory:landing")
    for role in ["coordinator", "network_admin", "other_coordinator"]:
        assert client_for(role).get(landing)["Location"] == DESK, role
    organisation = organisation_factory()
    client = Client()
    client.force_login(representative(organisation, RepresentativeRole.ADMIN))
    assert client.get(landing)["Location"] == reverse("space:home")
    assert client_for("mso_member").get(landing)["Location"] == reverse("directory:search")
    assert client_for("anonymous").get(landing)["Location"] == reverse("directory:search")


def test_a_coordinator_lands_on_the_desk_after_signing_in(users, client):
    response = client.post(
        reverse("accounts:login"), {"username": "koordination", "password": "geheim-123"}, follow=True
    )
    assert response.redirect_chain[-1][0] == DESK
    assert "Schreibtisch" in response.content.decode()


def test_the_navigation_shows_the_desk_to_staff_only(client_for):
    link = f'href="{DESK}"'
    assert link in client_for("coordinator").get(reverse("directory:search")).content.decode()
    assert link not in client_for("mso_member").get(reverse("directory:search")).content.decode()
    assert link not in client_for("anonymous").get(reverse("directory:search")).content.decode()


def test_the_desk_shows_each_panels_numbers_and_first_rows(client_for, users, network, organisation_factory):
    organisation = organisation_factory(name="Afghanischer Kulturverein")
    work = make.cooperation(network, organisation, title="Elterncafé Rheda")
    make.task(work, due_on=days(-2), owner=users["coordinator"], title="Protokoll schicken")
    make.task(work, due_on=days(30), title="Später")
    make.vetting(network, organisation, next_review_on=days(-1), proposed_status="no_concerns")
    make.funding(work, ends_on=days(20))
    page = client_for("coordinator").get(DESK).content.decode()
    assert "1 offene Aufgabe ist überfällig" in page
    assert "Protokoll schicken" in page and "Später" not in page
    assert "1 Prüfung ist fällig" in page and "1 Ergebnis wartet auf Bestätigung" in page
    assert "Bei 1 Kooperation endet die Förderung" in page and "noch 20 Tage" in page
    assert "1 Organisation aus laufenden Kooperationen" in page and "noch nie Kontakt" in page
    assert f'href="{reverse("cooperation:list")}?stage=active"' in page
    for target in [f"{TASKS}?due=due", f"{reverse('cooperation:vetting_list')}?due=1", NOT_CONTACTED]:
        assert f'href="{target}"' in page
    assert f'<time datetime="{days(-2).isoformat()}">' in page


def test_the_desk_names_no_vetted_organisation_and_logs_no_read_the_list_behind_does(
    client_for, users, network, organisation_factory
):
    due = organisation_factory(name="Verein mit fälliger Prüfung")
    later = organisation_factory(name="Verein später geprüft")
    due_vetting = make.vetting(network, due, next_review_on=days(3))
    make.vetting(network, later, next_review_on=days(90))
    client = client_for("coordinator")
    desk = client.get(DESK).content.decode()
    assert "Verein mit fälliger Prüfung" not in desk
    assert _vetting_reads() == []

    listing = client.get(reverse("cooperation:vetting_list"), {"due": "1"}).content.decode()
    assert "Verein mit fälliger Prüfung" in listing and "Verein später geprüft" not in listing
    [entry] = _vetting_reads()
    assert entry.action == "vetting.list.viewed" and entry.data == {"vettings": [due_vetting.pk]}


def test_a_coordinator_of_both_networks_sees_the_active_ones_numbers(network, other_network, client):
    both = staff(network, NetworkRole.COORDINATOR, also=[other_network])
    make.cooperation(network, stage="agreed")
    for _n in range(3):
        make.cooperation(other_network, stage="agreed")
    sign_in(client, both)
    for active, expected in [(network, "1"), (other_network, "3")]:
        session = client.session
        session[SESSION_KEY] = active.pk
        session.save()
        page = client.get(DESK).content.decode()
        assert f'?stage=agreed">vereinbart</a> <span class="desk__count">{expected}</span>' in page


def _fill(network, users, organisations, count):
    """``count`` rows for every panel: cooperations, due tasks, due reviews, ending funding, and
    organisations without contact."""
    for index in range(count):
        organisation = organisations[index]
        work = make.cooperation(network, organisation, title=f"Kooperation {index}")
        make.task(work, due_on=days(index % 5), owner=users["coordinator"] if index % 2 else None)
        make.vetting(network, organisation, next_review_on=days(1), proposed_status="no_concerns")
        make.funding(work, ends_on=days(10 + index))
        _checkin(work, organisation)


def _checkin(work, organisation):
    """A check-in both sides answered, far apart on one factor (the checkins app's desk panel)."""
    from augenhoehe.checkins.models import Checkin, Rating, Response

    with network_scope(work.network):
        checkin = Checkin.objects.create(network=work.network, cooperation=work, due_on=days(-1))
        for side, owner, agreement in (("network", None, 1), ("organisation", organisation, 5)):
            response = Response.objects.create(
                network=work.network, checkin=checkin, side=side, organisation=owner, language="de"
            )
            Rating.objects.create(
                network=work.network, response=response, factor="feels_used", agreement=agreement
            )


def test_the_desk_costs_the_same_queries_with_1_or_20_rows_of_everything(
    client_for, users, network, organisation_factory, django_assert_num_queries, django_assert_max_num_queries
):
    organisations = [organisation_factory(name=f"Verein {n:02}") for n in range(20)]
    client = client_for("coordinator")
    client.get(DESK)  # session and memberships warmed up
    _fill(network, users, organisations[:1], 1)
    with django_assert_max_num_queries(40) as one:
        assert "1 offene Aufgabe" in client.get(DESK).content.decode()
    for index in range(1, 20):
        _fill(network, users, organisations[index : index + 1], 1)
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(DESK).content.decode()
    assert "20 offene Aufgaben" in page and "20 Prüfungen sind fällig" in page
    assert "Bei 20 Kooperationen" in page and "20 Organisationen" in page
    assert "In 20 laufenden Kooperationen liegen die Bewertungen" in page


@pytest.mark.parametrize("url", [TASKS, NOT_CONTACTED])
def test_the_lists_behind_cost_the_same_queries_with_3_or_30_rows(
    client_for,
    users,
    network,
    organisation_factory,
    django_assert_num_queries,
    django_assert_max_num_queries,
    url,
):
    organisations = [organisation_factory(name=f"Verein {n:02}") for n in range(30)]
    client = client_for("coordinator")
    client.get(url)
    _fill(network, users, organisations[:3], 3)
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).content.decode().count("<tr>") == 4
    _fill(network, users, organisations[3:], 27)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url).content.decode().count("<tr>") == 31


def test_the_task_list_filters_and_answers_htmx_with_its_results(client_for, users, network):
    work = make.cooperation(network, title="Sprachcafé")
    make.task(work, due_on=days(-1), owner=users["coordinator"], title="Mein überfälliger Anruf")
    make.task(work, due_on=days(3), owner=users["network_admin"], title="Flyer drucken")
    make.task(work, due_on=None, title="Irgendwann")
    client = client_for("coordinator")
    everything = client.get(TASKS).content.decode()
    assert all(title in everything for title in ["Mein überfälliger Anruf", "Flyer drucken", "Irgendwann"])
    mine = client.get(TASKS, {"mine": "1"}).content.decode()
    assert "Mein überfälliger Anruf" in mine and "Flyer drucken" not in mine
    soon = client.get(TASKS, {"due": "soon"}).content.decode()
    assert "Flyer drucken" in soon and "Mein überfälliger Anruf" not in soon
    partial = client.get(TASKS, {"due": "overdue"}, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode() and "Mein überfälliger Anruf" in partial.content.decode()
    assert "HX-Request" in partial["Vary"]


@pytest.mark.parametrize("query", [{"due": "gestern"}, {"mine": "ja"}, {"page": "-4"}, {"page": "x"}])
def test_odd_filters_show_the_whole_list_never_an_error(client_for, network, query):
    make.task(make.cooperation(network), due_on=None, title="Irgendwann")
    for url in [TASKS, NOT_CONTACTED]:
        response = client_for("coordinator").get(url, query)
        assert response.status_code == 200
    assert "Irgendwann" in client_for("coordinator").get(TASKS, query).content.decode()


def test_the_not_contacted_list_shows_last_contact_or_never_and_the_cooperations(
    client_for, network, other_network, organisation_factory
):
    long_ago = organisation_factory(name="Verein Lange Her")
    recent = organisation_factory(name="Verein Neulich")
    never = organisation_factory(name="Verein Nie")
    work = make.cooperation(network, long_ago, recent, never, title="Hausaufgabenhilfe")
    make.contact(work, long_ago, happened_on=days(-366))
    make.contact(work, recent, happened_on=days(-364))
    make.contact(make.cooperation(other_network, never), never, happened_on=days(-1))
    page = client_for("coordinator").get(NOT_CONTACTED).content.decode()
    assert "Verein Lange Her" in page and "Verein Nie" in page and "Verein Neulich" not in page
    assert f'<time datetime="{days(-366).isoformat()}">' in page
    assert ">nie</td>" in page and "Hausaufgabenhilfe" in page
