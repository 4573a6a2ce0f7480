"""Reading cooperations through the API: the network's staff and tokens only, never another
network's, and never a trace of vetting."""

from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import NetworkRole
from augenhoehe.api import services
from augenhoehe.api.selectors import api_token_for_secret
from augenhoehe.cooperation import services as cooperation_services
from augenhoehe.cooperation.models import Vetting
from augenhoehe.core.models import LogEntry
from augenhoehe.testing.factories import MSO_ADMIN, staff

from .conftest import VETTING_SECRET, cooperation_fields

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

URL = "/api/v1/cooperations/"


def other_network_secret(other_network, scope="read") -> str:
    admin = staff(other_network, NetworkRole.ADMIN)
    with network_scope(other_network):
        _token, secret = services.api_token_create(
            network=other_network, actor=admin, name="Fremdes System", scope=scope
        )
    return secret


@pytest.fixture
def client_as(client_for, token_for, api_client, other_network):
    """``client_as(role)``: a signed-in role, or ``token_read``/``token_write`` (network 1),
    ``token_other`` (network 2), ``token_revoked`` (network 1, revoked)."""

    def make(role: str):
        if role == "token_other":
            return api_client(other_network_secret(other_network))
        if role == "token_revoked":
            secret = token_for("read")
            token = api_token_for_secret(secret=secret)
            with network_scope(token.network):
                services.api_token_revoke(token=token, actor=token.created_by)
            return api_client(secret)
        if role.startswith("token_"):
            return api_client(token_for(role.removeprefix("token_")))
        return client_for(role)

    return make


@pytest.mark.parametrize(
    ("role", "status", "sees"),
    [
        ("anonymous", 401, None),
        ("token_revoked", 401, None),
        ("mso_member", 403, None),
        ("coordinator", 200, "ours"),
        ("network_admin", 200, "ours"),
        ("token_read", 200, "ours"),
        ("token_write", 200, "ours"),
        ("other_coordinator", 200, "theirs"),
        ("token_other", 200, "theirs"),
    ],
)
def test_each_reads_only_its_networks_cooperations(role, status, sees, cooperations, users, client_as):
    # The MSO member represents network 1's partner: still nothing here (its view is a page).
    cooperations["partner"].representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)
    client = client_as(role)
    listed = client.get(URL)
    assert listed.status_code == status
    assert listed["Content-Type"] == "application/json"
    ours, theirs = (f"{URL}{cooperations[key].pk}/" for key in ("ours", "theirs"))
    if sees is None:
        assert listed.json()["detail"] and listed.json()["errors"] == {}
        assert client.get(ours).status_code == status
        return
    assert [c["id"] for c in listed.json()["results"]] == [cooperations[sees].pk]
    # Another network's cooperation is not found (404), never refused (403): its id tells nothing.
    visible, hidden = (ours, theirs) if sees == "ours" else (theirs, ours)
    assert client.get(visible).status_code == 200
    assert client.get(hidden).status_code == 404


def test_a_cooperation_shows_partners_goals_history_and_funding(cooperations, users, network, client_for):
    ours = cooperations["ours"]
    with network_scope(network):
        cooperation_services.cooperation_stage_change(
            cooperation=ours, stage="mso_found", actor=users["coordinator"], note="Im Elterncafé getroffen"
        )
        cooperation_services.funding_period_add(
            cooperation=ours,
            actor=users["coordinator"],
            source="state",
            amount=Decimal("1500.50"),
            starts_on=ours.created_at.date(),
            ends_on=ours.created_at.date().replace(year=ours.created_at.year + 1),
        )
    data = client_for("coordinator").get(f"{URL}{ours.pk}/").json()
    assert data["title"] == "Infoabend Kita-Einstieg"
    assert data["topic"] == {"code": "parents_evening", "label": "Informationsabend für Eltern"}
    assert data["stage"] == {"code": "mso_found", "label": "MSO gefunden"}
    assert data["next_stages"] == ["first_contact", "goals_defined", "ended"]
    assert data["partners"] == [
        {
            "organisation": {"id": cooperations["partner"].pk, "name": "Elternverein Gütersloh"},
            "goals": "Mehr Eltern erreichen",
        }
    ]
    history = data["stage_history"]
    assert [(h["from_stage"], h["to_stage"]) for h in history] == [
        ("goals_defined", "mso_found"),
        (None, "goals_defined"),
    ]
    assert history[0]["note"] == "Im Elterncafé getroffen"
    [period] = data["funding_periods"]
    assert period["source"]["code"] == "state" and period["amount"] == "1500.50"


def test_labels_follow_the_requests_language(cooperations, client_for):
    response = client_for("coordinator").get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["results"][0]["stage"]["label"] == "Goals defined"


def test_filter_by_stage_and_pages(cooperations, users, network, client_for):
    with network_scope(network):
        for n in range(3):
            cooperation_services.cooperation_create(
                network=network, actor=users["coordinator"], **cooperation_fields(title=f"Nr. {n}")
            )
        cooperation_services.cooperation_stage_change(
            cooperation=cooperations["ours"], stage="mso_found", actor=users["coordinator"]
        )
    client = client_for("coordinator")
    found = client.get(URL, {"stage": "mso_found"}).json()
    assert [c["id"] for c in found["results"]] == [cooperations["ours"].pk]
    assert client.get(URL, {"stage": "goals_defined"}).json()["count"] == 3
    page = client.get(URL, {"page_size": 3, "page": 2}).json()
    assert page["count"] == 4 and page["pages"] == 2 and len(page["results"]) == 1
    assert client.get(URL, {"page": 3, "page_size": 3}).status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [({"stage": "fertig"}, "stage"), ({"page_size": 101}, "page_size"), ({"page": "eins"}, "page")],
)
def test_unknown_query_values_are_400_naming_the_parameter(params, field, cooperations, client_for):
    response = client_for("coordinator").get(URL, params)
    assert response.status_code == 400 and field in response.json()["errors"]


def test_malformed_ids_are_json_404s(client_for):
    for pk in ("abc", "0", "99999999999999999999", "²"):
        response = client_for("coordinator").get(f"{URL}{pk}/")
        assert response.status_code == 404 and response.json()["detail"]


def test_no_answer_and_no_schema_reveals_vetting(cooperations, users, client_for, api_client, token_for):
    """The detail reads byte for byte the same with the partner's vetting and without it, and no
    answer reads (or logs a read of) a vetting."""
    client = api_client(token_for("write"))
    detail = f"{URL}{cooperations['ours'].pk}/"
    answers = [
        client.get(URL),
        client.get(detail),
        client.patch(detail, {"title": "Infoabend Kita"}, format="json"),
        client.post(f"{detail}stage/", {"stage": "mso_found"}, format="json"),
        client.post(URL, cooperation_fields(organisations=[cooperations["partner"].pk]), format="json"),
        client_for("coordinator").get(detail),
        client.get("/api/v1/schema/?format=json"),
    ]
    for response in answers:
        assert response.status_code in (200, 201), response.content
        body = response.content.decode().lower()
        for trace in (VETTING_SECRET.lower(), "vetting", "constitution_protection", "verfassungsschutz"):
            assert trace not in body, (response.request["PATH_INFO"], trace)
    with scopes_disabled():
        assert LogEntry.objects.filter(action="vetting.viewed").count() == 0
        before = client.get(detail).content
        Vetting.objects.all().delete()
    assert client.get(detail).content == before


def test_list_queries_do_not_grow_with_its_rows(
    cooperations,
    users,
    network,
    organisation_factory,
    api_client,
    token_for,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    organisations = [organisation_factory() for _ in range(3)]
    client = api_client(token_for("read"))
    assert client.get(URL).status_code == 200  # the token's last use noted, the rate limit's row made
    with django_assert_max_num_queries(20) as one:
        assert client.get(URL).json()["count"] == 1
    with network_scope(network):
        for n in range(9):
            cooperation_services.cooperation_create(
                network=network,
                actor=users["coordinator"],
                organisations=organisations,
                **cooperation_fields(title=f"Kooperation {n}"),
            )
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(URL)
    assert response.json()["count"] == 10
    assert all(len(c["partners"]) == 3 for c in response.json()["results"][:9])
