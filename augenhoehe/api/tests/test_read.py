"""Reading the directory through the API: the same visibility as the pages, per role and token."""

import pytest

from augenhoehe.api import services
from augenhoehe.testing.factories import MSO_ADMIN, OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/organisations/"


@pytest.fixture
def profiles(users):
    published = OrganisationFactory(
        name="Türkischer Elternverein",
        email="info@elternverein.example",
        phone="05241 1234",
        public_fields=["phone"],
        staffing="volunteers_only",
        tags={"language": ["tr", "de"], "field": ["parents"]},
    )
    draft = OrganisationFactory(name="Neuer Kulturverein", is_published=False, email="neu@example.org")
    return {"published": published, "draft": draft}


def _client(role, client_for, token_for):
    if role.startswith("token_"):
        from rest_framework.test import APIClient

        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(role.removeprefix('token_'))}")
        return client
    return client_for(role)


@pytest.mark.parametrize(
    ("role", "sees_draft", "sees_private"),
    [
        ("anonymous", False, False),
        ("mso_member", False, False),
        ("coordinator", True, True),
        ("network_admin", True, True),
        ("other_coordinator", True, True),
        ("token_read", True, True),
        ("token_write", True, True),
    ],
)
def test_list_and_detail_per_role(role, sees_draft, sees_private, profiles, client_for, token_for):
    client = _client(role, client_for, token_for)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    names = {o["name"] for o in response.json()["results"]}
    assert ("Neuer Kulturverein" in names) is sees_draft
    listed = next(o for o in response.json()["results"] if o["name"] == "Türkischer Elternverein")
    detail = client.get(f"{URL}{profiles['published'].pk}/").json()
    for data in (listed, detail):
        assert data["phone"] == "05241 1234"  # public by the organisation's choice
        assert ("email" in data) is sees_private
        assert ("staffing" in data) is sees_private
        assert ("public_fields" in data) is sees_private
        assert data["kreis"]["ags"] == "05754" and data["land"]["ags"] == "05"
        assert [t["code"] for t in data["tags"]["language"]] == ["de", "tr"]
        assert data["kind"] == {"code": "cultural", "label": "Kulturverein"}
    draft = client.get(f"{URL}{profiles['draft'].pk}/")
    assert draft.status_code == (200 if sees_draft else 404)
    assert ("detail" in draft.json()) is not sees_draft


def test_representative_sees_own_draft_with_all_fields(users, client_for, profiles):
    profiles["draft"].representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)
    client = client_for("mso_member")
    data = client.get(f"{URL}{profiles['draft'].pk}/").json()
    assert data["email"] == "neu@example.org" and "public_fields" in data
    listed = {o["name"]: o for o in client.get(URL).json()["results"]}
    assert "email" in listed["Neuer Kulturverein"]
    assert "email" not in listed["Türkischer Elternverein"]


def test_hidden_umbrella_is_not_named(users, client_for):
    hidden = OrganisationFactory(name="Stiller Dachverband", kind="umbrella", is_published=False)
    member = OrganisationFactory(name="Mitglied", umbrellas=[hidden])
    anonymous = client_for("anonymous").get(f"{URL}{member.pk}/").json()
    staff = client_for("coordinator").get(f"{URL}{member.pk}/").json()
    assert anonymous["umbrellas"] == []
    assert staff["umbrellas"] == [{"id": hidden.pk, "name": "Stiller Dachverband"}]
    listed = client_for("anonymous").get(URL).json()["results"]
    assert [o["umbrellas"] for o in listed if o["name"] == "Mitglied"] == [[]]


def test_filters_full_text_and_pagination(profiles, client_for):
    client = client_for("coordinator")
    assert [o["name"] for o in client.get(URL, {"language": ["ar", "tr"]}).json()["results"]] == [
        "Türkischer Elternverein"
    ]
    assert client.get(URL, {"q": "tuerkisch"}).json()["count"] == 1
    page = client.get(URL, {"page_size": 1, "sort": "name", "page": 2}).json()
    assert page["count"] == 2 and page["pages"] == 2 and len(page["results"]) == 1
    assert client.get(URL, {"page": 3, "page_size": 1}).status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"language": ["tr", "klingonisch"]}, "language"),
        ({"kind": "raumschiff"}, "kind"),
        ({"page_size": 101}, "page_size"),
        ({"page": "eins"}, "page"),
        ({"sort": "zufall"}, "sort"),
        ({"field": ["care"] * 51}, "field"),
        ({"umbrella": ["1"] * 51}, "umbrella"),
    ],
)
def test_unknown_filter_values_are_400_naming_the_parameter(params, field, client_for):
    response = client_for("coordinator").get(URL, params)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert response.json()["detail"]


def test_staff_only_filter_is_refused_to_visitors(profiles, client_for):
    response = client_for("anonymous").get(URL, {"staffing": "volunteers_only"})
    assert response.status_code == 403 and "staffing" in response.json()["errors"]
    assert client_for("coordinator").get(URL, {"staffing": "volunteers_only"}).json()["count"] == 1


def test_errors_follow_accept_language(client_for):
    response = client_for("anonymous").get(f"{URL}999999/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": {}}


def test_malformed_id_is_a_json_404(client_for):
    for pk in ("abc", "0", "99999999999999999999", "²"):
        response = client_for("anonymous").get(f"{URL}{pk}/")
        assert response.status_code == 404 and response.json()["detail"]


def test_revoked_and_unknown_tokens_are_401(users, api_client, token_for):
    secret = token_for("read")
    services.api_token_revoke(token=services_token(secret), actor=users["network_admin"])
    for header in (f"Token {secret}", "Token agh_unbekannt", "Bearer"):
        client = api_client()
        client.credentials(HTTP_AUTHORIZATION=header)
        response = client.get(URL)
        assert response.status_code == 401, header
        assert response.json()["detail"] and response.json()["errors"] == {}


def services_token(secret):
    from augenhoehe.api.selectors import api_token_for_secret

    return api_token_for_secret(secret=secret)


def test_token_stops_when_issuer_leaves_staff(users, api_client, token_for):
    secret = token_for("read")
    admin = users["network_admin"]
    admin.is_active = False
    admin.save()
    assert api_client(secret).get(URL).status_code == 401


def test_token_use_is_recorded(api_client, token_for):
    secret = token_for("read")
    api_client(secret).get(URL)
    assert services_token(secret).last_used_at is not None


def test_anonymous_rate_limit(client_for):
    client = client_for("anonymous")
    statuses = [client.get(URL).status_code for _ in range(61)]
    assert statuses[:60] == [200] * 60 and statuses[60] == 429
    response = client.get(URL)
    assert response.json()["detail"] and "Retry-After" in response


def test_list_query_count_is_bounded(client_for, django_assert_max_num_queries):
    umbrella = OrganisationFactory(name="Dachverband", kind="umbrella")
    for n in range(15):
        OrganisationFactory(
            name=f"Verein {n}", umbrellas=[umbrella], tags={"language": ["tr"], "field": ["youth"]}
        )
    # Session, user and permission look-ups (4), the search (exists, count, page), tags,
    # umbrellas, represented profiles, and the fuzzy flag: constant for any number of results.
    # The rate limit reads and writes its count in the database cache (get; then count, look-up
    # and write in a savepoint): shared by all processes, constant too.
    rate_limit = 6
    for role in ("anonymous", "mso_member", "coordinator"):
        client = client_for(role)
        with django_assert_max_num_queries(11 + rate_limit):
            response = client.get(URL, {"language": "tr", "q": "verein"})
        assert response.json()["count"] == 15


def test_method_not_allowed_is_json(client_for):
    response = client_for("coordinator").delete(URL)
    assert response.status_code == 405 and response.json()["detail"]


def test_token_stops_when_issuer_leaves_the_network(users, network, api_client, token_for):
    from augenhoehe.accounts.models import NetworkMembership

    secret = token_for("read")
    assert api_client(secret).get(URL).status_code == 200
    NetworkMembership.objects.with_scopes_disabled().filter(
        user=users["network_admin"], network=network
    ).delete()
    assert api_client(secret).get(URL).status_code == 401


def test_token_stops_when_its_issuer_is_no_longer_admin(users, network, api_client, token_for):
    from augenhoehe.accounts.models import NetworkMembership, NetworkRole

    secret = token_for("write")
    assert api_client(secret).get(URL).status_code == 200
    NetworkMembership.objects.with_scopes_disabled().filter(
        user=users["network_admin"], network=network
    ).update(role=NetworkRole.COORDINATOR)
    assert api_client(secret).get(URL).status_code == 401
