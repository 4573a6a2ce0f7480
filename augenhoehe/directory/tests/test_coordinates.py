"""Coordinates on a profile: validation (model, service, form), visibility on the page, history."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from augenhoehe.core.models import LogEntry
from augenhoehe.directory import demo, history, services
from augenhoehe.directory.models import Organisation
from augenhoehe.testing.factories import MSO_ADMIN

# These tests read stored rows of any network directly; pages and services keep their own scope.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]

ALL = ["anonymous", "mso_member", "coordinator", "network_admin", "other_coordinator"]
STAFF = {"coordinator", "network_admin", "other_coordinator"}


@pytest.fixture
def located(organisation_factory, users):
    """Published, street not public; represented by the MSO member."""
    organisation = organisation_factory(
        name="Türkischer Elternverein Gütersloh",
        street="Berliner Straße 12",
        latitude="51.9065",
        longitude="8.3784",
        public_fields=["email"],
    )
    organisation.representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)
    return organisation


def form_data(**overrides) -> dict:
    data = {
        "name": "Afrika-Forum Gütersloh",
        "kind": "cultural",
        "city": "Gütersloh",
        "criterion_aims": "yes",
        "criterion_members": "yes",
        "criterion_structures": "unknown",
        "is_published": "on",
    }
    return data | overrides


def test_the_service_stores_six_places(located):
    located.refresh_from_db()
    assert located.latitude == Decimal("51.906500")
    assert located.longitude == Decimal("8.378400")
    assert str(located.latitude) == "51.906500"


def test_more_precise_input_is_rounded_to_six_places(organisation_factory):
    organisation = organisation_factory(latitude=51.90651249, longitude="8.3784005")
    organisation.refresh_from_db()
    assert (str(organisation.latitude), str(organisation.longitude)) == ("51.906512", "8.378401")


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"latitude": "51.9"}, {"longitude"}),
        ({"longitude": "8.3"}, {"latitude"}),
        ({"latitude": "90.000001", "longitude": "8.3"}, {"latitude"}),
        ({"latitude": "51.9", "longitude": "-180.5"}, {"longitude"}),
        ({"latitude": "abc", "longitude": "8.3"}, {"latitude"}),
        ({"latitude": "NaN", "longitude": "8.3"}, {"latitude"}),
        ({"latitude": "1e40", "longitude": "8.3"}, {"latitude"}),
    ],
)
def test_the_service_refuses_half_or_impossible_coordinates(fields, errors):
    with pytest.raises(ValidationError) as error:
        services.organisation_create(actor=None, fields={"name": "Verein", "kind": "cultural",
                                                         "city": "Gütersloh", **fields})  # fmt: skip
    assert set(error.value.message_dict) == errors
    assert not Organisation.objects.exists()


def test_the_missing_half_is_named(organisation_factory):
    with pytest.raises(ValidationError) as error:
        organisation_factory(latitude="51.9")
    assert error.value.message_dict == {
        "longitude": ["Bitte geben Sie auch den Längengrad an – oder keinen der beiden Werte."]
    }
    with pytest.raises(ValidationError) as error:
        organisation_factory(latitude="-90.5", longitude="8")
    assert error.value.message_dict == {"latitude": ["Der Breitengrad liegt zwischen -90 und 90."]}


def test_the_database_refuses_half_coordinates_too(located):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=located.pk).update(longitude=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=located.pk).update(latitude=Decimal("95"))


def test_clearing_one_half_of_stored_coordinates_is_refused(located, users):
    with pytest.raises(ValidationError) as error:
        services.organisation_update(
            organisation=located, actor=users["coordinator"], fields={"latitude": None}
        )
    assert set(error.value.message_dict) == {"latitude"}
    located.refresh_from_db()
    assert located.latitude == Decimal("51.906500")


def test_changes_are_in_the_history(located, users):
    services.organisation_update(
        organisation=located, actor=users["coordinator"], fields={"latitude": "51.91", "longitude": "8.38"}
    )
    entry = LogEntry.objects.filter(action="organisation.changed").get()
    assert entry.data["changes"]["latitude"] == ["51.906500", "51.910000"]
    changes = {
        c.label: (c.old, c.new) for c in history.describe([entry], viewer=users["coordinator"])[0].changes
    }
    assert changes == {"Breitengrad": ("51.9065", "51.91"), "Längengrad": ("8.3784", "8.38")}


def test_the_form_saves_coordinates_with_a_decimal_comma(client_for):
    response = client_for("coordinator").post(
        reverse("directory:create"), form_data(latitude=" 51,9065 ", longitude="8.37841234")
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert (organisation.latitude, organisation.longitude) == (Decimal("51.906500"), Decimal("8.378412"))


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        ({"latitude": "51.9"}, "longitude", "Bitte geben Sie auch den Längengrad an – oder keinen der beiden Werte."),
        ({"longitude": "8.3"}, "latitude", "Bitte geben Sie auch den Breitengrad an – oder keinen der beiden Werte."),
        ({"latitude": "91", "longitude": "8.3"}, "latitude", "Der Breitengrad liegt zwischen -90 und 90."),
        ({"latitude": "51.9", "longitude": "181"}, "longitude", "Der Längengrad liegt zwischen -180 und 180."),
        ({"latitude": "51°54'", "longitude": "8.3"}, "latitude", "Bitte eine Zahl eingeben."),
    ],
)  # fmt: skip
def test_the_form_reports_the_problem_at_the_field_and_saves_nothing(client_for, given, field, message):
    response = client_for("coordinator").post(reverse("directory:create"), form_data(**given))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {field: [message]}
    html = response.content.decode()
    assert f'<p class="field-error" id="id_{field}_error">{message}</p>' in html
    assert f'<a href="#id_{field}">' in html  # the summary links to the field
    assert not Organisation.objects.exists()


def test_the_edit_form_shows_stored_coordinates_without_trailing_zeros(client_for, located):
    html = client_for("coordinator").get(reverse("directory:update", args=[located.pk])).content.decode()
    assert 'name="latitude" value="51.9065"' in html
    assert 'name="longitude" value="8.3784"' in html
    assert 'inputmode="decimal"' in html


@pytest.mark.parametrize("role", ALL)
def test_the_page_shows_coordinates_only_where_the_street_is_shown(client_for, role, located):
    html = client_for(role).get(located.get_absolute_url()).content.decode()
    full = role in STAFF or role == "mso_member"
    assert ("Berliner Straße 12" in html) is full
    assert ('<a href="geo:51.9065,8.3784" dir="ltr">51.9065, 8.3784</a>' in html) is full


def test_a_public_street_makes_the_coordinates_public(client, organisation_factory):
    organisation = organisation_factory(latitude="51.5136", longitude="7.4653", public_fields=["street"])
    assert "51.5136, 7.4653" in client.get(organisation.get_absolute_url()).content.decode()


def test_demo_coordinates_are_near_the_town_and_the_same_every_time():
    located = [demo._coordinates(f"Verein {n}", "Gütersloh") for n in range(40)]
    assert located == [demo._coordinates(f"Verein {n}", "Gütersloh") for n in range(40)]
    points = [c for c in located if c["latitude"] is not None]
    assert 25 <= len(points) < 40  # most, not all
    for point in points:
        assert abs(point["latitude"] - Decimal("51.9065")) <= Decimal("0.015")
        assert abs(point["longitude"] - Decimal("8.3784")) <= Decimal("0.025")
        assert point["latitude"] == point["latitude"].quantize(Decimal("0.000001"))
    assert demo._coordinates("Verein", "Nirgendwo") == {"latitude": None, "longitude": None}
    assert set(demo.CITY_CENTRES) >= {p.city for p in demo.PLACES} | {u[1] for u in demo.UMBRELLAS}
