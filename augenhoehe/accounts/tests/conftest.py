import pytest
from django.test import Client
from django_scopes import scopes_disabled

from augenhoehe.accounts.models import NetworkMembership, NetworkRole
from augenhoehe.testing.factories import sign_in, staff, with_second_factor


def stored(model):
    """Every stored row of ``model``, for a test to inspect: the services and pages under test
    enter their own network's scope, the test's own look at the database needs none."""
    return model.objects.with_scopes_disabled()


# The roles every page of this app is tested for.
ROLES = ["anonymous", "mso_member", "coordinator", "admin", "other_coordinator", "other_admin"]


@pytest.fixture
def people(users, network, other_network):
    """The shared role users, each with the membership that makes them staff, plus network 2's admin."""
    other_admin = staff(other_network, NetworkRole.ADMIN, username="andere-admin")
    with_second_factor(other_admin)
    cast = {
        "anonymous": None,
        "mso_member": users["mso_member"],
        "coordinator": users["coordinator"],
        "admin": users["network_admin"],
        "other_coordinator": users["other_coordinator"],
        "other_admin": other_admin,
    }
    for role, net, staff_role in [
        ("coordinator", network, NetworkRole.COORDINATOR),
        ("admin", network, NetworkRole.ADMIN),
        ("other_coordinator", other_network, NetworkRole.COORDINATOR),
        ("other_admin", other_network, NetworkRole.ADMIN),
    ]:
        cast[role].email = f"{cast[role].username}@example.org"
        cast[role].save(update_fields=["email"])
        with scopes_disabled():
            NetworkMembership.objects.update_or_create(
                user=cast[role], network=net, defaults={"role": staff_role}
            )
    return cast


@pytest.fixture
def client_as(people):
    """``client_as("admin")`` is a test client signed in as that person of ``people``."""

    def make(role: str) -> Client:
        client = Client()
        if people[role] is not None:
            sign_in(client, people[role])
        return client

    return make


@pytest.fixture
def membership_of(people, network, other_network):
    def get(role: str) -> NetworkMembership:
        with scopes_disabled():
            return NetworkMembership.objects.get(user=people[role])

    return get
