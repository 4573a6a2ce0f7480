"""Creating and changing profiles through the API goes through the directory's services."""

import pytest

from augenhoehe.core.models import LogEntry
from augenhoehe.directory.models import Organisation
from augenhoehe.testing.factories import MSO_ADMIN, OrganisationFactory

# These tests read stored rows of any network directly; pages and services keep their own scope.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]

URL = "/api/v1/organisations/"
NEW = {
    "name": "Ukrainischer Kulturverein",
    "city": "Gütersloh",
    "kind": "cultural",
    "email": "kontakt@ukr.example",
    "tags": {"language": ["uk", "de"], "country": ["UA"]},
}


def test_write_token_creates_through_the_service(api_client, token_for, users):
    response = api_client(token_for("write")).post(URL, NEW, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["kreis"] == {"ags": "05754", "name": "Kreis Gütersloh"}
    assert [t["code"] for t in data["tags"]["country"]] == ["UA"]
    organisation = Organisation.objects.get(pk=data["id"])
    entry = LogEntry.objects.get(action="organisation.created", object_id=organisation.pk)
    assert entry.actor == users["network_admin"]


def test_read_token_cannot_write(api_client, token_for):
    organisation = OrganisationFactory()
    client = api_client(token_for("read"))
    assert client.post(URL, NEW, format="json").status_code == 403
    response = client.patch(f"{URL}{organisation.pk}/", {"name": "Neu"}, format="json")
    assert response.status_code == 403 and response.json()["detail"]
    assert not Organisation.objects.filter(name__in=["Neu", NEW["name"]]).exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 401), ("mso_member", 403), ("coordinator", 201), ("other_coordinator", 201)],
)
def test_create_per_role(role, status, client_for):
    client = client_for(role)
    response = client.post(URL, NEW, content_type="application/json")
    assert response.status_code == status
    assert Organisation.objects.filter(name=NEW["name"]).exists() is (status == 201)


def test_session_writes_need_csrf(users):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(users["coordinator"])
    response = client.post(URL, NEW, content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]


def test_update_records_history_and_checks_version(api_client, token_for):
    organisation = OrganisationFactory(name="Alt")
    client = api_client(token_for("write"))
    current = client.get(f"{URL}{organisation.pk}/").json()
    response = client.patch(
        f"{URL}{organisation.pk}/",
        {"name": "Neu", "tags": {"field": ["youth"]}, "based_on": current["updated_at"]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["name"] == "Neu"
    entry = LogEntry.objects.get(action="organisation.changed", object_id=organisation.pk)
    assert entry.data["changes"]["name"] == ["Alt", "Neu"]
    stale = client.patch(
        f"{URL}{organisation.pk}/", {"name": "Noch neuer", "based_on": current["updated_at"]}, format="json"
    )
    assert stale.status_code == 400 and stale.json()["errors"]["non_field_errors"]
    organisation.refresh_from_db()
    assert organisation.name == "Neu"


def test_mso_member_updates_own_profile_only(users, client_for):
    own = OrganisationFactory(name="Eigene")
    own.representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)
    other = OrganisationFactory(name="Fremde")
    client = client_for("mso_member")
    assert (
        client.patch(f"{URL}{own.pk}/", {"phone": "123"}, content_type="application/json").status_code == 200
    )
    assert (
        client.patch(f"{URL}{other.pk}/", {"phone": "123"}, content_type="application/json").status_code
        == 403
    )
    draft = OrganisationFactory(is_published=False)
    assert (
        client.patch(f"{URL}{draft.pk}/", {"phone": "1"}, content_type="application/json").status_code == 404
    )


def test_bad_json_is_400(api_client, token_for):
    response = api_client(token_for("write")).generic(
        "POST", URL, '{"name": ', content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["detail"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "raumschiff"}, "kind"),
        ({"city": "Atlantis"}, "city"),
        ({"postal_code": "123"}, "postal_code"),
        ({"tags": {"language": ["xx"]}}, "tags.language"),
        ({"kreis": "99999"}, "kreis"),
        ({"umbrellas": [987654]}, "umbrellas"),
        ({"founding_year": 1200}, "founding_year"),
        ({"email": "keine-adresse"}, "email"),
    ],
)
def test_invalid_values_are_field_errors_and_write_nothing(changes, field, api_client, token_for):
    client = api_client(token_for("write"))
    before = LogEntry.objects.count()
    response = client.post(URL, NEW | changes, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()
    assert not Organisation.objects.filter(name=NEW["name"]).exists()
    assert LogEntry.objects.count() == before


def test_publication_stays_with_the_organisation(users, api_client, token_for):
    organisation = OrganisationFactory(is_published=True)
    organisation.representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)
    response = api_client(token_for("write")).patch(
        f"{URL}{organisation.pk}/", {"is_published": False}, format="json"
    )
    assert response.status_code == 400 and "is_published" in response.json()["errors"]
