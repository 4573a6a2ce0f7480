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
