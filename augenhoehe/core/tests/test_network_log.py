"""The network's audit log page: its admins only, their own network only, reads of restricted entries logged."""

import pytest
from django.urls import reverse

from augenhoehe.accounts.models import NetworkRole
from augenhoehe.core.models import LogEntry
from augenhoehe.core.selectors import LOG_ENTRIES_PER_PAGE
from augenhoehe.core.services import log_action
from augenhoehe.testing.factories import sign_in, staff, with_second_factor

# These tests read stored entries of any network directly; the page keeps its own scope.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]


def log_url(network) -> str:
    return reverse("core:network_log", kwargs={"slug": network.slug})


@pytest.fixture
def entries(network, other_network, users):
    admin = users["network_admin"]
    return {
        "open": log_action(
            subject=network, action="import.mapped", actor=users["coordinator"], network=network
        ),
        "restricted": log_action(
            subject=network, action="import.cancelled", actor=admin, network=network, restricted_to=["admin"]
        ),
        "other": log_action(subject=other_network, action="import.uploaded", network=other_network),
        "shared": log_action(subject=network, action="organisation.changed", actor=admin),
    }


@pytest.mark.parametrize(
    "role,status",
    [
        ("anonymous", 302),
        ("mso_member", 404),
        ("coordinator", 403),
        ("other_coordinator", 404),
        ("network_admin", 200),
    ],
)
def test_only_the_networks_admins_read_its_log(client_for, network, entries, role, status):
    response = client_for(role).get(log_url(network))
    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))
    if status != 200:
        assert not LogEntry.objects.filter(action="network.log.viewed").exists()


def test_an_unknown_network_is_not_found(client_for):
    assert client_for("network_admin").get("/networks/gibt-es-nicht/log/").status_code == 404


def test_the_log_shows_the_networks_own_entries_with_readable_actions(client_for, network, entries, users):
    response = client_for("network_admin").get(log_url(network))
    content = response.content.decode()
    assert [entry.pk for entry in response.context["page"]] == [entries["restricted"].pk, entries["open"].pk]
    assert "Spalten zugeordnet" in content and "Import verworfen" in content
    assert "vertraulich" in content
    assert "Liste hochgeladen" not in content  # the other network's
    assert "HX-Request" in response["Vary"]


def test_reading_restricted_entries_is_logged(client_for, network, entries, users):
    client_for("network_admin").get(log_url(network))
    read = LogEntry.objects.get(action="network.log.viewed")
    assert (read.actor, read.network, read.data) == (
        users["network_admin"],
        network,
        {"entries": [entries["restricted"].pk]},
    )
    # A page without restricted entries is not a read of restricted records.
    client_for("network_admin").get(log_url(network), {"action": "import.mapped"})
    assert LogEntry.objects.filter(action="network.log.viewed").count() == 1


def test_an_admin_of_two_networks_reads_each_log_whichever_is_active(client, network, other_network, entries):
    both = with_second_factor(staff(network, NetworkRole.ADMIN, also=[other_network])).user
    sign_in(client, both)
    response = client.get(log_url(network))
    assert response.wsgi_request.network == other_network  # the active one: first by name, not the one read
    assert [entry.pk for entry in response.context["page"]] == [entries["restricted"].pk, entries["open"].pk]
    read = LogEntry.objects.get(action="network.log.viewed")
    assert (read.actor, read.network) == (both, network)
    response = client.get(log_url(other_network))
    assert [entry.pk for entry in response.context["page"]] == [entries["other"].pk]


def test_the_log_filters_by_action_and_ignores_unknown_ones(client_for, network, entries):
    client = client_for("network_admin")
    response = client.get(log_url(network), {"action": "import.mapped"})
    assert [entry.pk for entry in response.context["page"]] == [entries["open"].pk]
    response = client.get(log_url(network), {"action": "nonsense"})
    assert response.context["action"] == ""
    partial = client.get(log_url(network), {"action": "import.mapped"}, headers={"HX-Request": "true"})
    assert [t.name for t in partial.templates] == ["core/_log_results.html"]


def test_the_log_is_paginated_in_a_fixed_number_of_queries(
    client_for, network, users, django_assert_max_num_queries
):
    for _number in range(LOG_ENTRIES_PER_PAGE + 5):
        log_action(subject=network, action="import.mapped", actor=users["coordinator"], network=network)
    client = client_for("network_admin")
    client.get(log_url(network))  # the session and content types are cached from here on
    # One of them: django-otp reads the device the session's second factor was checked with.
    with django_assert_max_num_queries(10):
        response = client.get(log_url(network))
    assert len(response.context["page"]) == LOG_ENTRIES_PER_PAGE
    second = client.get(log_url(network), {"page": 2})
    assert len(second.context["page"]) == 5
