"""The desk's selectors, each with hand-made rows and exact expected results."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import NetworkRole
from augenhoehe.cooperation import selectors
from augenhoehe.core.models import LogEntry
from augenhoehe.testing.factories import staff

from . import desk_data as make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

TODAY = date(2026, 6, 1)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.fixture
def orgs(organisation_factory):
    return [organisation_factory(name=f"Verein {letter}") for letter in "ABCDEF"]


def test_cooperations_are_counted_by_stage_in_the_guides_order(users, network, other_network):
    for stage in ["active", "active", "first_contact", "ended"]:
        make.cooperation(network, stage=stage)
    make.cooperation(other_network, stage="active")
    with network_scope(network):
        stages = selectors.desk_stages(viewer=users["coordinator"], network=network)
    assert [(row.stage, row.count) for row in stages] == [
        ("goals_defined", 0),
        ("mso_found", 0),
        ("first_contact", 1),
        ("agreed", 0),
        ("active", 2),
        ("evaluated", 0),
        ("ended", 1),
    ]
    assert stages[2].label == "Erstkontakt"


def test_tasks_due_are_the_open_ones_overdue_or_due_within_seven_days_mine_first(
    users, network, other_network
):
    me, colleague = users["coordinator"], users["network_admin"]
    work = make.cooperation(network)
    tomorrow = make.task(work, due_on=days(1), owner=colleague, title="morgen")
    in_seven = make.task(work, due_on=days(7), owner=me, title="in sieben Tagen")
    overdue = make.task(work, due_on=days(-3), owner=colleague, title="überfällig")
    make.task(work, due_on=days(8), owner=me, title="in acht Tagen")
    make.task(work, due_on=days(-30), owner=me, done=True, title="erledigt")
    make.task(work, due_on=None, owner=me, title="ohne Datum")
    make.task(make.cooperation(other_network), due_on=days(1), title="anderes Netzwerk")

    with network_scope(network):
        due = selectors.desk_tasks(viewer=me, network=network, today=TODAY)
    assert (due.count, due.mine, due.overdue) == (3, 1, 1)
    assert due.first == [in_seven, overdue, tomorrow]  # mine first, then by due date


@pytest.mark.parametrize(
    ("mine", "due", "expected"),
    [
        (False, "", ["überfällig", "morgen", "in acht Tagen", "ohne Datum"]),
        (True, "", ["in acht Tagen", "ohne Datum"]),
        (False, "due", ["überfällig", "morgen"]),
        (False, "overdue", ["überfällig"]),
        (False, "soon", ["morgen"]),
        (True, "soon", []),
    ],
)
def test_the_task_list_filters_mine_and_due(users, network, mine, due, expected):
    me, colleague = users["coordinator"], users["network_admin"]
    work = make.cooperation(network)
    make.task(work, due_on=days(1), owner=colleague, title="morgen")
    make.task(work, due_on=days(-3), owner=colleague, title="überfällig")
    make.task(work, due_on=days(8), owner=me, title="in acht Tagen")
    make.task(work, due_on=None, owner=me, title="ohne Datum")
    make.task(work, due_on=days(-1), owner=me, done=True, title="erledigt")
    with network_scope(network):
        tasks = selectors.task_list(viewer=me, network=network, today=TODAY, mine=mine, due=due)
        assert [task.title for task in tasks] == expected


def test_reviews_due_are_counted_without_reading_a_vetting(users, network, other_network, orgs):
    make.vetting(network, orgs[0], next_review_on=days(-1))
    make.vetting(network, orgs[1], next_review_on=days(30))
    make.vetting(network, orgs[2], next_review_on=days(31))
    make.vetting(network, orgs[3], next_review_on=None, proposed_status="no_concerns")
    make.vetting(network, orgs[4], next_review_on=days(60), proposed_status="concerns")
    make.vetting(other_network, orgs[5], next_review_on=days(-1), proposed_status="concerns")
    with network_scope(network):
        reviews = selectors.desk_reviews(viewer=users["coordinator"], network=network, today=TODAY)
    assert (reviews.due, reviews.awaiting) == (2, 2)
    with scopes_disabled():
        assert not LogEntry.objects.filter(action__startswith="vetting.").exists()


def test_the_vetting_list_filters_reviews_due(users, network, orgs):
    make.vetting(network, orgs[0], next_review_on=days(-1))
    make.vetting(network, orgs[1], next_review_on=days(31))
    with network_scope(network):
        due = selectors.vetting_list(
            viewer=users["coordinator"], network=network, due_by=selectors.review_due_by(TODAY)
        )
        assert [vetting.organisation.name for vetting in due] == ["Verein A"]


def test_funding_about_to_end_is_counted_with_its_first_rows(users, network, other_network):
    soon = make.cooperation(network, title="Frauenbrunch")
    make.funding(soon, ends_on=days(10))
    make.funding(make.cooperation(network, title="Später"), ends_on=days(100))
    make.funding(make.cooperation(other_network, title="Anderswo"), ends_on=days(10))
    with network_scope(network):
        funding = selectors.desk_funding(viewer=users["coordinator"], network=network, today=TODAY)
    assert funding.count == 1
    assert [(ending.cooperation, ending.days_left) for ending in funding.first] == [(soon, 10)]


def test_organisations_not_contacted_for_a_year(users, network, other_network, orgs):
    a, b, c, d, e, f = orgs
    running = make.cooperation(network, a, b, c, d, f, title="Läuft")
    make.cooperation(network, e, stage="ended", title="Vorbei")
    make.contact(running, a, happened_on=days(-366))
    make.contact(running, b, happened_on=days(-364))
    make.contact(running, f, happened_on=days(-365))
    make.contact(running, d, happened_on=days(-400))
    # Another network's recent contact with D does not count for this one.
    make.contact(make.cooperation(other_network, d), d, happened_on=days(-10))

    with network_scope(network):
        found = list(selectors.not_contacted_list(viewer=users["coordinator"], network=network, today=TODAY))
        page = selectors.not_contacted_page(viewer=users["coordinator"], network=network, today=TODAY)
        desk = selectors.desk_not_contacted(viewer=users["coordinator"], network=network, today=TODAY)
    # Never contacted first, then the longest ago; B (364 days), F (365) and E (ended) are not due.
    assert [(org.name, org.last_contact) for org in found] == [
        ("Verein C", None),
        ("Verein D", days(-400)),
        ("Verein A", days(-366)),
    ]
    assert [(row.organisation.name, [co.title for co in row.cooperations]) for row in page] == [
        ("Verein C", ["Läuft"]),
        ("Verein D", ["Läuft"]),
        ("Verein A", ["Läuft"]),
    ]
    assert desk.count == 3 and [org.name for org in desk.first] == ["Verein C", "Verein D", "Verein A"]


def test_a_partner_of_less_than_a_year_is_listed_only_once_it_was_never_contacted_for_a_year(
    users, network, orgs
):
    """ "Seit einem Jahr kein Kontakt" counts from the day an organisation became a partner."""
    from datetime import datetime, time

    from django.utils import timezone

    def at(day):
        return timezone.make_aware(datetime.combine(day, time(12)))

    make.cooperation(network, orgs[0], title="Neu", partner_since=at(days(-10)))
    make.cooperation(network, orgs[1], title="Alt", partner_since=at(days(-366)))
    with network_scope(network):
        found = selectors.not_contacted_list(viewer=users["coordinator"], network=network, today=TODAY)
        assert [org.name for org in found] == [orgs[1].name]


def test_a_partner_of_an_ended_and_a_running_cooperation_lists_only_the_running_one(users, network, orgs):
    make.cooperation(network, orgs[0], stage="evaluated", title="Ausgewertet")
    make.cooperation(network, orgs[0], stage="agreed", title="Vereinbart")
    with network_scope(network):
        (row,) = selectors.not_contacted_page(viewer=users["coordinator"], network=network, today=TODAY)
    assert [cooperation.title for cooperation in row.cooperations] == ["Vereinbart"]


def test_each_network_sees_only_its_own_numbers(users, network, other_network, orgs):
    work = make.cooperation(network, orgs[0])
    make.task(work, due_on=days(1))
    make.vetting(network, orgs[0], next_review_on=days(1))
    make.funding(work, ends_on=days(10))
    other = users["other_coordinator"]
    with network_scope(other_network):
        assert sum(row.count for row in selectors.desk_stages(viewer=other, network=other_network)) == 0
        assert selectors.desk_tasks(viewer=other, network=other_network, today=TODAY).count == 0
        assert selectors.desk_reviews(viewer=other, network=other_network, today=TODAY).due == 0
        assert selectors.desk_funding(viewer=other, network=other_network, today=TODAY).count == 0
        assert selectors.desk_not_contacted(viewer=other, network=other_network, today=TODAY).count == 0


@pytest.mark.parametrize(
    "read",
    [
        lambda viewer, network: selectors.desk_stages(viewer=viewer, network=network),
        lambda viewer, network: selectors.desk_tasks(viewer=viewer, network=network, today=TODAY),
        lambda viewer, network: selectors.desk_reviews(viewer=viewer, network=network, today=TODAY),
        lambda viewer, network: selectors.desk_funding(viewer=viewer, network=network, today=TODAY),
        lambda viewer, network: selectors.desk_not_contacted(viewer=viewer, network=network, today=TODAY),
        lambda viewer, network: selectors.task_list(viewer=viewer, network=network, today=TODAY),
    ],
)
def test_no_one_reads_another_networks_desk(users, network, read):
    # Staff of another network, a representative and a network-less call are all refused.
    for viewer, asked in [
        (users["other_coordinator"], network),
        (users["mso_member"], network),
        (users["coordinator"], None),
    ]:
        with network_scope(network), pytest.raises(PermissionDenied):
            read(viewer, asked)


def test_staff_of_both_networks_read_each_desk_separately(network, other_network):
    both = staff(network, NetworkRole.COORDINATOR, also=[other_network])
    make.cooperation(network)
    for _n in range(3):
        make.cooperation(other_network)
    with network_scope(network):
        assert sum(row.count for row in selectors.desk_stages(viewer=both, network=network)) == 1
    with network_scope(other_network):
        assert sum(row.count for row in selectors.desk_stages(viewer=both, network=other_network)) == 3


def test_tasks_of_a_cooperation_that_is_over_are_not_due(users, network):
    for stage in ("active", "ended", "evaluated"):
        make.task(
            make.cooperation(network, stage=stage, title=stage), due_on=days(-1), title=f"Aufgabe {stage}"
        )
    with network_scope(network):
        due = selectors.desk_tasks(viewer=users["coordinator"], network=network, today=TODAY)
    assert due.count == 1 and [task.title for task in due.first] == ["Aufgabe active"]
