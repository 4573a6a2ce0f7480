"""Creating and changing cooperations through the API goes through the cooperation app's services:
the same rules and messages as the pages, a write token or a signed-in staff member, and an audit
entry that says which token wrote."""

import pytest

from augenhoehe.api.permissions import TokenScope
from augenhoehe.api.selectors import api_token_for_secret
from augenhoehe.cooperation.models import Cooperation
from augenhoehe.core.audit import entry_summary
from augenhoehe.core.models import LogEntry

from .conftest import cooperation_fields
from .test_cooperations_read import other_network_secret

# These tests read stored rows of any network directly; the API keeps its own scope.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions", "unscoped")]

URL = "/api/v1/cooperations/"


def test_a_write_token_creates_and_the_log_names_the_token(cooperations, users, api_client, token_for):
    secret = token_for("write")
    partner = cooperations["partner"]
    response = api_client(secret).post(URL, cooperation_fields(organisations=[partner.pk]), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["stage"]["code"] == "goals_defined"
    assert [p["organisation"]["id"] for p in data["partners"]] == [partner.pk]
    cooperation = Cooperation.objects.get(pk=data["id"])
    assert cooperation.network == cooperations["ours"].network
    created = LogEntry.objects.get(action="cooperation.created", object_id=cooperation.pk)
    # As for profiles: the accountable person is the token's issuer ...
    assert created.actor == users["network_admin"]
    # ... and a second entry on the same row says which token it was.
    wrote = LogEntry.objects.get(action="api.token.wrote", object_id=cooperation.pk)
    token = api_token_for_secret(secret=secret)
    assert wrote.content_type == created.content_type and wrote.network == created.network
    assert wrote.data == {
        "name": token.name,
        "prefix": token.prefix,
        "token": token.pk,
        "action": "cooperation.created",
    }
    assert entry_summary(wrote) == f"Kooperation angelegt mit „{token.name}“ ({token.prefix}…)"


def test_a_read_token_cannot_write(cooperations, api_client, token_for):
    client = api_client(token_for("read"))
    ours = f"{URL}{cooperations['ours'].pk}/"
    before = LogEntry.objects.count()
    for response in (
        client.post(URL, cooperation_fields(), format="json"),
        client.patch(ours, {"title": "Neu"}, format="json"),
        client.post(f"{ours}stage/", {"stage": "mso_found"}, format="json"),
    ):
        assert response.status_code == 403
        assert response.json()["detail"] == str(TokenScope.message)
    assert LogEntry.objects.count() == before
    assert Cooperation.objects.count() == 2


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 401), ("mso_member", 403), ("coordinator", 201), ("other_coordinator", 201)],
)
def test_create_per_role(role, status, users, network, other_network, client_for):
    response = client_for(role).post(URL, cooperation_fields(), content_type="application/json")
    assert response.status_code == status
    created = Cooperation.objects.filter(title=cooperation_fields()["title"])
    home = {"coordinator": network, "other_coordinator": other_network}.get(role)
    assert [c.network for c in created] == ([home] if home else [])
    if home:
        assert not LogEntry.objects.filter(action="api.token.wrote").exists()  # a person, not a token


def test_revoked_and_foreign_tokens(cooperations, users, other_network, api_client, token_for):
    from augenhoehe.accounts.middleware import network_scope
    from augenhoehe.api import services

    secret = token_for("write")
    token = api_token_for_secret(secret=secret)
    with network_scope(token.network):
        services.api_token_revoke(token=token, actor=users["network_admin"])
    assert api_client(secret).post(URL, cooperation_fields(), format="json").status_code == 401
    foreign = api_client(other_network_secret(other_network, scope="write"))
    ours = f"{URL}{cooperations['ours'].pk}/"
    assert foreign.patch(ours, {"title": "Übernommen"}, format="json").status_code == 404
    assert foreign.post(f"{ours}stage/", {"stage": "ended"}, format="json").status_code == 404
    cooperations["ours"].refresh_from_db()
    assert cooperations["ours"].title == "Infoabend Kita-Einstieg"
    assert cooperations["ours"].stage == "goals_defined"


def test_session_writes_need_csrf(users):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(users["coordinator"])
    response = client.post(URL, cooperation_fields(), content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert not Cooperation.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"mso_gain": None}, "mso_gain"),
        ({"mso_gain": "   "}, "mso_gain"),
        ({"topic": "raumfahrt"}, "topic"),
        ({"title": "T" * 201}, "title"),
        ({"title": "T" * 100_000}, "title"),
        ({"title": 42}, "title"),
        ({"organisations": [987654321]}, "organisations"),
        ({"organisations": ["1"]}, "organisations"),
    ],
)
def test_invalid_values_are_field_errors_and_write_nothing(
    changes, field, cooperations, api_client, token_for
):
    client = api_client(token_for("write"))
    before = LogEntry.objects.count()
    body = {k: v for k, v in (cooperation_fields() | changes).items() if v is not None}
    response = client.post(URL, body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()
    assert Cooperation.objects.count() == 2 and LogEntry.objects.count() == before


def test_messages_follow_the_requests_language(api_client, token_for):
    client = api_client(token_for("write"))
    body = {k: v for k, v in cooperation_fields().items() if k != "mso_gain"}
    english = client.post(URL, body, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    german = client.post(URL, body, format="json", HTTP_ACCEPT_LANGUAGE="de").json()
    assert english["errors"]["mso_gain"] == ["This field is required."]
    assert german["errors"]["mso_gain"] != english["errors"]["mso_gain"]
    assert german["detail"] == "Die Angaben sind nicht gültig."


def test_stages_move_by_the_pages_rules(cooperations, users, api_client, token_for):
    client = api_client(token_for("write"))
    ours = f"{URL}{cooperations['ours'].pk}/"
    jump = client.post(f"{ours}stage/", {"stage": "active"}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert jump.status_code == 400
    assert jump.json()["errors"]["stage"] == ["A cooperation cannot go from “Goals defined” to “active”."]
    moved = client.post(f"{ours}stage/", {"stage": "mso_found", "note": "Angerufen"}, format="json")
    assert moved.status_code == 200, moved.json()
    assert moved.json()["stage"]["code"] == "mso_found"
    assert moved.json()["stage_history"][0] == moved.json()["stage_history"][0] | {
        "from_stage": "goals_defined",
        "to_stage": "mso_found",
        "note": "Angerufen",
    }
    entry = LogEntry.objects.get(action="cooperation.stage.changed", object_id=cooperations["ours"].pk)
    assert entry.actor == users["network_admin"] and entry.data["to"] == "mso_found"
    assert LogEntry.objects.filter(
        action="api.token.wrote", data__action="cooperation.stage.changed"
    ).exists()
    assert client.post(f"{ours}stage/", {"stage": "fertig"}, format="json").json()["errors"]["stage"]


def test_a_stage_that_needs_a_partner(api_client, token_for):
    client = api_client(token_for("write"))
    created = client.post(URL, cooperation_fields(), format="json").json()
    response = client.post(f"{URL}{created['id']}/stage/", {"stage": "mso_found"}, format="json")
    assert response.status_code == 400 and "organisations" in response.json()["errors"]
    assert Cooperation.objects.get(pk=created["id"]).stage == "goals_defined"


def test_patch_changes_fields_and_partners(cooperations, organisation_factory, api_client, token_for):
    client = api_client(token_for("write"))
    ours = f"{URL}{cooperations['ours'].pk}/"
    other = organisation_factory(name="Sprachmittler e. V.")
    response = client.patch(ours, {"title": "Infoabend Kita", "organisations": [other.pk]}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["title"] == "Infoabend Kita"
    assert [p["organisation"]["name"] for p in response.json()["partners"]] == ["Sprachmittler e. V."]
    entry = LogEntry.objects.get(action="cooperation.changed", object_id=cooperations["ours"].pk)
    assert entry.data["changes"]["title"] == ["Infoabend Kita-Einstieg", "Infoabend Kita"]
    assert LogEntry.objects.get(action="api.token.wrote", object_id=cooperations["ours"].pk)
    # Only the fields sent change; a change that changes nothing logs nothing, not even the token.
    before = LogEntry.objects.count()
    same = client.patch(ours, {}, format="json")
    assert same.status_code == 200 and same.json()["partners"] == response.json()["partners"]
    again = client.patch(ours, {"title": "Infoabend Kita", "organisations": [other.pk]}, format="json")
    assert again.status_code == 200
    assert LogEntry.objects.count() == before
    assert client.patch(ours, {"stage": "ended"}, format="json").json()["stage"]["code"] == "goals_defined"


def test_patch_keeps_the_rules_of_the_stage(cooperations, api_client, token_for):
    client = api_client(token_for("write"))
    ours = f"{URL}{cooperations['ours'].pk}/"
    assert client.post(f"{ours}stage/", {"stage": "mso_found"}, format="json").status_code == 200
    response = client.patch(ours, {"organisations": []}, format="json")
    assert response.status_code == 400 and "organisations" in response.json()["errors"]
    response = client.patch(ours, {"network_goals": ""}, format="json")
    assert response.status_code == 400 and "network_goals" in response.json()["errors"]
    assert Cooperation.objects.get(pk=cooperations["ours"].pk).partners.count() == 1


def test_staff_change_through_the_session(cooperations, client_for):
    ours = f"{URL}{cooperations['ours'].pk}/"
    response = client_for("coordinator").patch(ours, {"topic": "school"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["topic"]["code"] == "school"
    assert (
        client_for("mso_member").patch(ours, {"topic": "other"}, content_type="application/json").status_code
        == 403
    )


def test_bad_json_is_400(api_client, token_for):
    response = api_client(token_for("write")).generic(
        "POST", URL, '{"title": ', content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["detail"]
