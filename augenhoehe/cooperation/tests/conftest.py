import pytest

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import NetworkRole
from augenhoehe.testing.factories import staff


@pytest.fixture
def second_coordinator(network):
    """Another person on the network's staff: the second pair of eyes."""
    return staff(network, NetworkRole.COORDINATOR, username="zweite")


@pytest.fixture
def in_network(network):
    """The test body runs in the network's scope, as a request of its staff does."""
    with network_scope(network):
        yield network


def cooperation_fields(**overrides) -> dict:
    return {
        "title": "Infoabend Kita-Einstieg",
        "topic": "parents_evening",
        "network_goals": "Familien erreichen, die noch keinen Kita-Platz haben.",
        "mso_gain": "Räume, Honorar für Dolmetscherinnen, Sichtbarkeit.",
    } | overrides
