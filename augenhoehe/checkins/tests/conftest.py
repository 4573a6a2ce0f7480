import re

import pytest

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation import services as cooperation_services
from augenhoehe.cooperation.models import Partner

from .. import services
from ..choices import Factor


def make_cooperation(network, actor, organisations, title="Elterncafé Verl"):
    with network_scope(network):
        return cooperation_services.cooperation_create(
            network=network,
            actor=actor,
            organisations=list(organisations),
            title=title,
            topic="parents_evening",
            network_goals="Familien erreichen",
            mso_gain="Honorar",
        )


def add_contact(
    cooperation, organisation, actor, *, language="tr", name="Ayşe Yılmaz", email="ayse@example.org"
):
    with network_scope(cooperation.network):
        partner = Partner.objects.get(cooperation=cooperation, organisation=organisation)
        return services.contact_set(partner=partner, actor=actor, name=name, email=email, language=language)


def start(cooperation, actor=None, **kwargs):
    with network_scope(cooperation.network):
        return services.checkin_start(cooperation=cooperation, actor=actor, **kwargs)


def ratings(default: int | None = 4, **given) -> dict:
    """Every factor at ``default`` (agreement), except those ``given``; no comments."""
    return {factor: (given.get(factor, default), "") for factor in Factor.values}


LINK = re.compile(r"/checkins/link/(?P<language>[a-z]{2})/(?P<token>[A-Za-z0-9_-]+)/")


def link_in(message) -> tuple[str, str]:
    """(language, secret) of the personal link in a mail."""
    found = LINK.search(message.body)
    assert found, message.body
    return found["language"], found["token"]


@pytest.fixture
def köprü(organisation_factory):
    return organisation_factory(name="Köprü Kültür Derneği")


@pytest.fixture
def elternverein(organisation_factory):
    return organisation_factory(name="Syrischer Elternverein Verl")


@pytest.fixture
def cooperation(network, users, köprü):
    return make_cooperation(network, users["coordinator"], [köprü])
