import pytest
from django.core.cache import cache

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.api import services
from augenhoehe.api.models import Scope
from augenhoehe.testing.factories import home_network


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits count in the cache; each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def token_for(users):
    """``token_for("write")`` is a secret for a token of the first network, issued by its admin."""

    def make(scope: str = Scope.READ, *, admin: str = "network_admin") -> str:
        network = home_network(users[admin])
        with network_scope(network):
            _token, secret = services.api_token_create(
                network=network, actor=users[admin], name=f"Client {scope}", scope=scope
            )
        return secret

    return make


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    def make(secret: str | None = None) -> APIClient:
        client = APIClient()
        if secret:
            client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
        return client

    return make


# A vetting's sources, distinctive enough to find in any answer or schema that leaked it.
VETTING_SECRET = "GEHEIMVERMERK-Verfassungsschutz-4711"


def cooperation_fields(**overrides) -> dict:
    return {
        "title": "Infoabend Kita-Einstieg",
        "topic": "parents_evening",
        "network_goals": "Familien erreichen, die noch keinen Kita-Platz haben.",
        "mso_gain": "Räume und ein Honorar für die Sprachmittlung.",
    } | overrides


@pytest.fixture
def cooperations(users, network, other_network, organisation_factory):
    """A cooperation in each network; network 1's partner has its own goals and a vetting with
    concerns whose sources are ``VETTING_SECRET``."""
    from augenhoehe.cooperation import services as cooperation_services

    partner = organisation_factory(name="Elternverein Gütersloh")
    coordinator = users["coordinator"]
    with network_scope(network):
        ours = cooperation_services.cooperation_create(
            network=network, actor=coordinator, organisations=[partner], **cooperation_fields()
        )
        cooperation_services.partner_goals_set(
            partner=ours.partners.get(), actor=coordinator, goals="Mehr Eltern erreichen"
        )
        cooperation_services.vetting_record(
            network=network,
            organisation=partner,
            actor=coordinator,
            status="concerns",
            checks=["constitution_protection"],
            sources=VETTING_SECRET,
        )
    with network_scope(other_network):
        theirs = cooperation_services.cooperation_create(
            network=other_network,
            actor=users["other_coordinator"],
            **cooperation_fields(title="Frauenbrunch Dortmund", topic="womens_brunch"),
        )
    return {"ours": ours, "theirs": theirs, "partner": partner}
