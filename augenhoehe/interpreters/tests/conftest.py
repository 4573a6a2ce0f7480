from datetime import date, timedelta

import pytest

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation import services as cooperation_services

from .. import services


def person_fields(**overrides) -> dict:
    return {
        "name": "Semhar Tesfay",
        "qualification": "mediator",
        "places": "Gütersloh",
        "availability": "dienstags",
        "fee_per_hour": None,
        "volunteer": True,
        "email": "semhar@example.org",
        "phone": "05241 1234",
        "consent_given_on": date.today() - timedelta(days=3),
        "consent_form": "paper",
    } | overrides


def make_cooperation(network, actor, title="Elterncafé"):
    with network_scope(network):
        return cooperation_services.cooperation_create(
            network=network,
            actor=actor,
            organisations=[],
            title=title,
            topic="parents_evening",
            network_goals="Familien erreichen",
            mso_gain="Honorar",
        )


def make_interpreter(network, actor, languages=("ti", "de"), **overrides):
    with network_scope(network):
        return services.interpreter_create(
            network=network, actor=actor, languages=list(languages), **person_fields(**overrides)
        )


@pytest.fixture
def in_network(network):
    with network_scope(network):
        yield network
