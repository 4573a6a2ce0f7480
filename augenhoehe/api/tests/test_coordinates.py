"""Coordinates in the API: visible where the street is, written through the services."""

import pytest

from augenhoehe.core.models import LogEntry
from augenhoehe.directory.models import Organisation
from augenhoehe.testing.factories import MSO_ADMIN, OrganisationFactory

# These tests read stored rows of any network directly; pages and services keep their own scope.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]

URL = "/api/v1/organisations/"
NEW = {"name": "Ukrainischer Kulturverein", "city": "Gütersloh", "kind": "cultural"}


@pytest.fixture
def profiles(users):
    hidden = OrganisationFactory(
        name="Türkischer Elternverein", street="Berliner Straße 12", latitude="51.9065", longitude="8.3784"
    )
    hidden.representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)
    public = OrganisationFactory(
        name="Syrischer Kulturverein", latitude="51.883312", longitude="8.516", public_fields=["street"]
    )
    without = OrganisationFactory(name="Afrika-Forum", public_fields=["street"])
    return {"hidden": hidden, "public": public, "without": without}


@pytest.mark.parametrize(
    ("role", "sees_hidden"),
    [
        ("anonymous", False),
        ("mso_member", True),  # represents the Elternverein
        ("coordinator", True),
        ("network_admin", True),
        ("other_coordinator", True),
    ],
)
def test_coordinates_are_shown_where_the_street_is(role, sees_hidden, profiles, client_for):
    client = client_for(role)
    listed = {o["name"]: o for o in client.get(URL).json()["results"]}
    for data in (listed["Türkischer Elternverein"], client.get(f"{URL}{profiles['hidden'].pk}/").json()):
        if sees_hidden:
            assert (data["latitude"], data["longitude"]) == (51.9065, 8.3784)
            assert data["street"] == "Berliner Straße 12"
        else:
            assert "latitude" not in data and "longitude" not in data and "street" not in data
    for data in (listed["Syrischer Kulturverein"], client.get(f"{URL}{profiles['public'].pk}/").json()):
        assert (data["latitude"], data["longitude"]) == (51.883312, 8.516)
    assert (listed["Afrika-Forum"]["latitude"], listed["Afrika-Forum"]["longitude"]) == (None, None)


def test_create_with_coordinates_rounds_to_six_places(api_client, token_for):
    response = api_client(token_for("write")).post(
        URL, NEW | {"latitude": 51.90651249, "longitude": "8.3784"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["latitude"], response.json()["longitude"]) == (51.906512, 8.3784)
    organisation = Organisation.objects.get(name=NEW["name"])
    assert (str(organisation.latitude), str(organisation.longitude)) == ("51.906512", "8.378400")


def test_update_sets_and_clears_coordinates_with_history(api_client, token_for, profiles):
    client = api_client(token_for("write"))
    url = f"{URL}{profiles['without'].pk}/"
    response = client.patch(url, {"latitude": 51.5, "longitude": 7.25}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["latitude"], response.json()["longitude"]) == (51.5, 7.25)
    entry = LogEntry.objects.get(action="organisation.changed", object_id=profiles["without"].pk)
    assert entry.data["changes"]["latitude"] == [None, "51.500000"]
    response = client.patch(url, {"latitude": None, "longitude": None}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["latitude"], response.json()["longitude"]) == (None, None)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"latitude": 51.9}, "longitude"),
        ({"longitude": 8.3}, "latitude"),
        ({"latitude": 90.5, "longitude": 8.3}, "latitude"),
        ({"latitude": 51.9, "longitude": -181}, "longitude"),
        ({"latitude": "Gütersloh", "longitude": 8.3}, "latitude"),
        ({"latitude": 1e300, "longitude": 8.3}, "latitude"),
    ],
)
def test_invalid_coordinates_are_field_errors_and_write_nothing(changes, field, api_client, token_for):
    client = api_client(token_for("write"))
    before = LogEntry.objects.count()
    response = client.post(URL, NEW | changes, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field], response.json()
    assert not Organisation.objects.filter(name=NEW["name"]).exists()
    assert LogEntry.objects.count() == before


def test_clearing_half_of_stored_coordinates_is_refused(api_client, token_for, profiles):
    response = api_client(token_for("write")).patch(
        f"{URL}{profiles['public'].pk}/", {"longitude": None}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "longitude": ["Bitte geben Sie auch den Längengrad an – oder keinen der beiden Werte."]
    }


def test_the_schema_describes_coordinates(client):
    schema = client.get("/api/v1/schema/?format=json").json()["components"]["schemas"]
    assert schema["Organisation"]["properties"]["latitude"]["type"] == "number"
    write = schema["OrganisationWrite"]["properties"]
    assert (write["latitude"]["minimum"], write["latitude"]["maximum"]) == (-90, 90)
    assert (write["longitude"]["minimum"], write["longitude"]["maximum"]) == (-180, 180)
