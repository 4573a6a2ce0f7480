import pytest
from django.core.exceptions import PermissionDenied

from augenhoehe.accounts.models import NetworkRole
from augenhoehe.api import selectors, services
from augenhoehe.api.models import ApiToken
from augenhoehe.core.models import LogEntry
from augenhoehe.testing.factories import sign_in, staff, with_second_factor

# These tests read stored rows of any network directly; pages and services keep their own scope.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]


def test_create_stores_only_a_hash_and_logs(users, network):
    token, secret = services.api_token_create(
        network=network, actor=users["network_admin"], name=" ERP ", scope="write"
    )
    assert token.name == "ERP" and token.network == network
    assert secret not in token.key_hash and secret.startswith(token.prefix)
    assert not ApiToken.objects.filter(key_hash=secret).exists()
    entry = LogEntry.objects.get(action="api.token.created")
    assert entry.network == network and entry.actor == users["network_admin"]
    assert secret not in str(entry.data)


@pytest.mark.parametrize("role", ["coordinator", "mso_member", "other_coordinator"])
def test_only_admins_create(users, role, network):
    with pytest.raises(PermissionDenied):
        services.api_token_create(network=network, actor=users[role], name="x", scope="read")


def test_revoke_logs_once_and_is_scoped(users, network, other_network):
    token, _secret = services.api_token_create(
        network=network, actor=users["network_admin"], name="x", scope="read"
    )
    other_admin = staff(other_network, NetworkRole.ADMIN)
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(token=token, actor=other_admin)
    services.api_token_revoke(token=token, actor=users["network_admin"])
    services.api_token_revoke(token=token, actor=users["network_admin"])
    assert LogEntry.objects.filter(action="api.token.revoked", network=network).count() == 1
    assert list(selectors.api_token_list(network=other_network, viewer=other_admin)) == []


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("mso_member", 403),
        ("coordinator", 403),
        ("other_coordinator", 403),
        ("network_admin", 200),
    ],
)
def test_token_page_per_role(client_for, role, status):
    assert client_for(role).get("/api/v1/tokens/").status_code == status


def test_admin_creates_sees_secret_once_and_revokes(client_for, network):
    client = client_for("network_admin")
    response = client.post("/api/v1/tokens/", {"name": "Fachverfahren", "scope": "write"})
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret and secret in response.content.decode()
    token = ApiToken.objects.get()
    assert token.scope == "write"
    listing = client.get("/api/v1/tokens/").content.decode()
    assert "Fachverfahren" in listing and secret not in listing
    assert client.post(f"/api/v1/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_invalid_form_shows_errors_and_writes_nothing(client_for):
    response = client_for("network_admin").post("/api/v1/tokens/", {"name": "", "scope": "admin"})
    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"name", "scope"}
    assert not ApiToken.objects.exists()


def test_other_networks_admin_cannot_see_or_revoke(client_for, users, network, other_network):
    token, _secret = services.api_token_create(
        network=network, actor=users["network_admin"], name="Geheim", scope="read"
    )
    other_admin = staff(other_network, NetworkRole.ADMIN)
    with_second_factor(other_admin)
    client = client_for("anonymous")
    sign_in(client, other_admin)
    assert "Geheim" not in client.get("/api/v1/tokens/").content.decode()
    assert client.post(f"/api/v1/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoke_needs_post(client_for, users, network):
    token, _secret = services.api_token_create(
        network=network, actor=users["network_admin"], name="x", scope="read"
    )
    assert client_for("network_admin").get(f"/api/v1/tokens/{token.pk}/revoke/").status_code == 405
