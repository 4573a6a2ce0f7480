"""Coordinates in the exports: the two columns in every format, and the GeoJSON map export."""

import csv
import io
import json
from datetime import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from augenhoehe.directory.facets import organisation_search_results
from augenhoehe.directory.models import Tag
from augenhoehe.exports.selectors import organisation_export_rows
from augenhoehe.interchange.format import COLUMNS
from augenhoehe.testing.factories import MSO_ADMIN

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "mso_member", "coordinator", "network_admin", "other_coordinator"]
STAFF = {"coordinator", "network_admin", "other_coordinator"}
ELTERN = "Türkischer Elternverein Gütersloh"
KULTUR = "Syrischer Kulturverein Verl"


@pytest.fixture
def located(organisation_factory, users):
    """Street hidden (Elternverein, represented by the member), street public (Kulturverein),
    no coordinates (Ukrainischer Verein), unpublished with coordinates (Entwurf)."""
    eltern = organisation_factory(
        name=ELTERN,
        street="Berliner Straße 12",
        email="kontakt@elternverein.example",
        latitude="51.906500",
        longitude="8.378400",
        public_fields=["email"],
        tags={Tag.Scheme.LANGUAGE: ["tr", "de"]},
    )
    eltern.representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)
    kultur = organisation_factory(
        name=KULTUR,
        city="Verl",
        street="Paderborner Straße 3",
        email="verborgen@syrisch.example",
        latitude="51.883312",
        longitude="-0.5",  # negative, to see the sign survive every format
        public_fields=["street"],
        tags={Tag.Scheme.LANGUAGE: ["ar"]},
    )
    ohne = organisation_factory(name="Ukrainischer Verein", street="Lindenweg 1", public_fields=["street"])
    entwurf = organisation_factory(
        name="Kurdischer Entwurf e. V.", city="Dortmund", is_published=False, latitude="51.5", longitude="7.5"
    )
    return {"eltern": eltern, "kultur": kultur, "ohne": ohne, "entwurf": entwurf}


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def geojson(client, **query) -> dict:
    response = client.get(reverse("exports:organisations_geojson"), query)
    assert response.status_code == 200
    return json.loads(body(response))


def test_coordinates_are_the_last_columns_guarded_by_the_street():
    assert COLUMNS[-3:] == ("confirmed_at", "latitude", "longitude")


@pytest.mark.parametrize("role", ROLES)
def test_rows_carry_coordinates_only_where_the_street_is_shown(located, users, role):
    viewer = users[role] or AnonymousUser()
    organisations = organisation_search_results(viewer=viewer, query="", filters={})
    rows = {row["name"]: row for row in organisation_export_rows(organisations=organisations, viewer=viewer)}
    eltern, kultur = rows[ELTERN], rows[KULTUR]
    editor = role != "anonymous"  # staff, and the member who represents the Elternverein
    if editor:
        assert (str(eltern["latitude"]), str(eltern["longitude"])) == ("51.906500", "8.378400")
        assert eltern["street"] == "Berliner Straße 12"
    else:
        assert eltern["latitude"] is None and eltern["longitude"] is None and eltern["street"] is None
    assert (str(kultur["latitude"]), str(kultur["longitude"])) == ("51.883312", "-0.500000")
    assert rows["Ukrainischer Verein"]["latitude"] is None
    assert ("Kurdischer Entwurf e. V." in rows) is (role in STAFF)


def test_csv_writes_a_decimal_point_and_six_places(client, located):
    response = client.get(reverse("exports:organisations_csv"))
    content = body(response).decode()
    assert content.split("\r\n")[0].endswith(",confirmed_at,latitude,longitude")
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(content, newline=""))}
    assert (rows[KULTUR]["latitude"], rows[KULTUR]["longitude"]) == ("51.883312", "-0.500000")
    assert (rows[ELTERN]["latitude"], rows[ELTERN]["longitude"]) == ("", "")  # street not public
    assert rows["Ukrainischer Verein"]["latitude"] == ""


def test_staff_csv_has_the_hidden_coordinates(client_for, located):
    content = body(client_for("coordinator").get(reverse("exports:organisations_csv"))).decode()
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(content, newline=""))}
    assert (rows[ELTERN]["latitude"], rows[ELTERN]["longitude"]) == ("51.906500", "8.378400")
    assert rows["Kurdischer Entwurf e. V."]["latitude"] == "51.500000"


def test_excel_csv_writes_a_decimal_comma(client_for, located):
    response = client_for("coordinator").get(reverse("exports:organisations_excel_csv"))
    text = body(response).decode("cp1252")
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(text, newline=""), delimiter=";")}
    assert (rows[ELTERN]["latitude"], rows[ELTERN]["longitude"]) == ("51,906500", "8,378400")
    assert rows[KULTUR]["longitude"] == "-0,500000"  # a number for Excel, not protected text
    assert rows["Ukrainischer Verein"]["latitude"] == ""


def test_xlsx_has_number_cells(client, located):
    sheet = load_workbook(io.BytesIO(body(client.get(reverse("exports:organisations_xlsx"))))).active
    header = [cell.value for cell in sheet[1]]
    assert header[-2:] == ["latitude", "longitude"]
    rows = {r[1]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert (rows[KULTUR]["latitude"], rows[KULTUR]["longitude"]) == (51.883312, -0.5)
    assert rows[ELTERN]["latitude"] is None and rows["Ukrainischer Verein"]["longitude"] is None


def test_json_has_numbers_or_null(client, located):
    document = json.loads(body(client.get(reverse("exports:organisations_json"))))
    objects = {o["name"]: o for o in document["organisations"]}
    assert list(objects[KULTUR])[-2:] == ["latitude", "longitude"]
    assert (objects[KULTUR]["latitude"], objects[KULTUR]["longitude"]) == (51.883312, -0.5)
    assert objects[ELTERN]["latitude"] is None and objects[ELTERN]["longitude"] is None


def test_geojson_is_a_feature_collection_of_points_in_rfc_7946_order(client, located):
    response = client.get(reverse("exports:organisations_geojson"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    today = timezone.localdate().isoformat()
    assert (
        response["Content-Disposition"] == f'attachment; filename="augenhoehe-organisationen-{today}.geojson"'
    )
    document = json.loads(body(response))
    assert document["type"] == "FeatureCollection"
    assert (document["format"], document["version"]) == ("augenhoehe.organisations", 1)
    assert datetime.fromisoformat(document["exported_at"]).tzinfo is not None
    # Visitors: the Elternverein hides its street, the Ukrainischer Verein has no point, the draft is hidden.
    assert len(document["features"]) == 1
    feature = document["features"][0]
    assert set(feature) == {"type", "id", "geometry", "properties"}
    assert feature["type"] == "Feature"
    assert feature["id"] == located["kultur"].pk
    assert feature["geometry"] == {"type": "Point", "coordinates": [-0.5, 51.883312]}  # longitude first
    properties = feature["properties"]
    assert list(properties) == [c for c in COLUMNS if c not in ("latitude", "longitude")]
    assert properties["name"] == KULTUR
    assert properties["street"] == "Paderborner Straße 3"
    assert properties["email"] is None  # not public
    assert properties["is_published"] is None  # for editors only
    assert properties["languages"] == ["ar"]


def test_geojson_properties_match_the_json_export(client_for, located):
    client = client_for("coordinator")
    objects = {o["id"]: o for o in json.loads(body(client.get(reverse("exports:organisations_json"))))["organisations"]}  # fmt: skip
    features = geojson(client)["features"]
    assert [f["id"] for f in features] == [
        located["entwurf"].pk,
        located["kultur"].pk,
        located["eltern"].pk,
    ]  # sorted by name like the page, without the profile that has no point
    for feature in features:
        expected = dict(objects[feature["id"]])
        lon_lat = [expected.pop("longitude"), expected.pop("latitude")]
        assert feature["properties"] == expected
        assert feature["geometry"]["coordinates"] == lon_lat


@pytest.mark.parametrize("role", ROLES)
def test_geojson_features_per_role(client_for, located, role):
    features = {f["properties"]["name"]: f for f in geojson(client_for(role))["features"]}
    expected = {KULTUR}
    if role != "anonymous":
        expected.add(ELTERN)  # staff, and the member who represents it
    if role in STAFF:
        expected.add("Kurdischer Entwurf e. V.")
    assert set(features) == expected
    if ELTERN in features:
        assert features[ELTERN]["geometry"]["coordinates"] == [8.3784, 51.9065]
        assert features[ELTERN]["properties"]["street"] == "Berliner Straße 12"


def test_geojson_applies_the_search_and_filters(client_for, located):
    client = client_for("coordinator")
    assert [f["properties"]["name"] for f in geojson(client, language="tr")["features"]] == [ELTERN]
    assert [f["properties"]["name"] for f in geojson(client, q="syrisch")["features"]] == [KULTUR]
    assert geojson(client, language="uk")["features"] == []
    assert len(geojson(client, page="7")["features"]) == 3  # the page number does not limit it


def test_an_empty_geojson_is_still_valid(client):
    document = geojson(client)
    assert document["type"] == "FeatureCollection" and document["features"] == []


def test_geojson_of_a_bad_query_exports_nothing(client, located):
    response = client.get(reverse("exports:organisations_geojson"), {"language": ["ar", "xx"]})
    assert response.status_code == 400
    content = response.content.decode()
    assert "<code>language</code>" in content and "xx" in content
    assert KULTUR not in content


def test_geojson_only_answers_get(client):
    assert client.post(reverse("exports:organisations_geojson")).status_code == 405


def test_geojson_queries_do_not_grow_with_the_result(client_for, organisation_factory, django_assert_max_num_queries):  # fmt: skip
    client = client_for("coordinator")

    def add(n: int) -> None:
        for _ in range(n):
            organisation_factory(latitude="51.9", longitude="8.4", tags={"language": ["tr"]})
            organisation_factory(tags={"language": ["tr"]})  # no point: not read at all

    add(3)
    # Besides the rows: the download counted in the shared cache (read, write) and audited (the
    # entry), and which profiles' special categories the staff member reads (one query).
    with django_assert_max_num_queries(14) as few:
        assert len(geojson(client, language="tr")["features"]) == 3
    add(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(geojson(client, language="tr")["features"]) == 30


def test_the_export_links_offer_geojson_with_the_current_query(rf: RequestFactory):
    request = rf.get("/organisations/", {"q": "Eltern", "language": "tr"})
    html = (
        engines["django"]
        .from_string('{% include "exports/_export_links.html" %}')
        .render({"request": request})
    )
    assert (
        '<a href="/exports/organisations.geojson?q=Eltern&amp;language=tr" download>'
        "GeoJSON für Karten (nur Profile mit Koordinaten)</a>"
    ) in html
