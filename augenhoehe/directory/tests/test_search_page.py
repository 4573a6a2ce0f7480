"""The search page's helpers for phones, keyboards and right-to-left pages, without a browser."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from augenhoehe.directory.models import Tag
from augenhoehe.directory.result_map import WIDTH, result_map, view_around

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

SEARCH = reverse("directory:search")


@pytest.fixture
def directory(organisation_factory):
    return {
        "bruecke": organisation_factory(
            name="Verein Brücke (e. V.)",
            city="Gütersloh",
            description="Beratung für Familien.",
            phone="+49 5241 123456",
            email="info@bruecke.example",
            website="https://bruecke.example/",
            public_fields=["phone", "email", "website"],
            latitude=Decimal("51.906600"),
            longitude=Decimal("8.378400"),
            tags={Tag.Scheme.LANGUAGE: ["ar", "de"], Tag.Scheme.COUNTRY: ["SY"]},
        ),
        "mriya": organisation_factory(
            name="Ukrainischer Verein Mriya",
            city="Dortmund",
            latitude=Decimal("51.513600"),
            longitude=Decimal("7.465300"),
            tags={Tag.Scheme.LANGUAGE: ["uk"]},
        ),
        "ohne": organisation_factory(name="Verein ohne Koordinaten", city="Dortmund"),
    }


def test_the_count_answers_the_drawer_button_for_the_filters_in_the_url(client: Client, directory):
    response = client.get(reverse("directory:count"), {"language": ["ar"]})
    assert response.content.decode().strip() == "1 Ergebnis anzeigen"
    assert "HX-Request" in response["Vary"]

    response = client.get(reverse("directory:count"), {"q": "Verein", "language": ["ar", "uk"]})
    assert response.content.decode().strip() == "2 Ergebnisse anzeigen"


@pytest.mark.parametrize(
    "params",
    [
        {"language": ["zz"]},
        {"umbrella": ["x" * 500]},
        # "²" counts as a digit but is no number; the last is beyond any id.
        {"umbrella": ["²", "٣", "9" * 30]},
        # A NUL character is refused before any view (400): core/tests/test_request_guard.py.
        {"q": "' OR 1=1 --"},
        {"kreis": ["99999"] * 80},
    ],
)
def test_hostile_input_to_the_count_and_the_map_is_ignored_not_an_error(client: Client, directory, params):
    assert client.get(reverse("directory:count"), params).status_code == 200
    assert client.get(reverse("directory:map"), params).status_code == 200
    assert client.get(SEARCH, params).status_code == 200
    assert client.get(reverse("api:organisation_list"), params).status_code in (200, 400, 404)  # never a 500


def test_the_count_never_counts_what_the_reader_may_not_see(client: Client, organisation_factory, directory):
    organisation_factory(name="Entwurf", is_published=False, tags={Tag.Scheme.LANGUAGE: ["ar"]})
    response = client.get(reverse("directory:count"), {"language": ["ar"]})
    assert response.content.decode().strip() == "1 Ergebnis anzeigen"


def test_downloads_come_after_the_results(client: Client, directory):
    html = client.get(SEARCH).content.decode()
    assert html.index('class="result-list"') < html.index("Herunterladen") < html.index("GeoJSON")
    assert re.search(r"<details class=\"downloads\">\s*<summary>Herunterladen</summary>", html)


def test_the_skip_link_to_the_results_is_the_first_link_of_the_page(client: Client, directory):
    html = client.get(SEARCH).content.decode()
    first_link = re.search(r"<a [^>]*>", html).group(0)
    assert 'href="#result-list"' in first_link
    assert 'id="result-list"' in html


def test_profile_data_is_wrapped_for_direction(client: Client, directory):
    html = client.get(SEARCH).content.decode()
    assert "<bdi>Verein Brücke (e. V.)</bdi>" in html
    assert '<p class="result__text" lang="de" dir="auto">Beratung für Familien.</p>' in html

    html = client.get(directory["bruecke"].get_absolute_url()).content.decode()
    assert "<h1><bdi>Verein Brücke (e. V.)</bdi></h1>" in html
    assert '<a href="tel:+49 5241 123456" dir="ltr">+49 5241 123456</a>' in html
    assert '<a href="mailto:info@bruecke.example" dir="ltr">' in html
    assert '<a href="https://bruecke.example/" rel="noopener nofollow" dir="ltr">' in html
    assert 'lang="de" dir="auto">Beratung für Familien.' in html
    assert "<dd><bdi>Gütersloh</bdi></dd>" in html


def test_an_empty_result_suggests_what_to_try_and_keeps_the_filters(client: Client, directory):
    html = client.get(SEARCH, {"q": "Brücke", "language": ["uk"], "kreis": ["05913"]}).content.decode()

    assert "Keine Organisation passt zu dieser Suche." in html
    # Each active filter is a link that removes it and keeps the others.
    assert f'href="{SEARCH}?language=uk&amp;kreis=05913"' in html  # without the search term
    assert f'href="{SEARCH}?q=Br%C3%BCcke&amp;kreis=05913"' in html  # without Ukrainian
    assert "statt eines Kreises das ganze Land" in html
    assert "Schreibweise" in html
    # The filters stay in the form, ticked.
    assert re.search(r'name="language" value="uk" id="f-language-uk" checked', html)

    html = client.get(SEARCH, {"language": ["uk"], "kreis": ["05913"]}).content.decode()
    assert "Schreibweise" not in html  # no term, nothing to spell


def test_the_map_draws_located_organisations_per_kreis_and_lists_every_count(client: Client, directory):
    response = client.get(reverse("directory:map"), {"q": "Verein"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<circle ") == 2  # Gütersloh and Dortmund
    view = view_around([(51.9066, 8.3784), (51.5136, 7.4653)])
    x, y = view.project(51.9066, 8.3784)
    assert f'cx="{round(x, 1)}" cy="{round(y, 1)}"' in html
    assert 0 < x < WIDTH and 0 < y < view.height
    assert "<bdi>Dortmund</bdi>: 2" in html
    assert "davon 1 mit Koordinaten" in html
    assert "1 Organisation ohne Koordinaten ist nicht eingezeichnet." in html
    assert 'role="img" aria-labelledby="map-caption"' in html
    assert "http" not in html.split("<svg")[1].split("</svg>")[0].replace("http://www.w3.org/2000/svg", "")


def test_the_map_follows_the_filters_and_the_htmx_request_gets_only_the_map(client: Client, directory):
    html = client.get(reverse("directory:map"), {"language": ["uk"]}, headers={"HX-Request": "true"}).content
    assert b"<html" not in html
    assert html.count(b"<circle ") == 1
    assert b"Dortmund" in html and b"G\xc3\xbctersloh" not in html


def test_unpublished_profiles_stay_off_the_map(client: Client, organisation_factory, directory):
    organisation_factory(
        name="Entwurf",
        city="Bielefeld",
        is_published=False,
        latitude=Decimal("52.0"),
        longitude=Decimal("8.5"),
    )
    html = client.get(reverse("directory:map")).content.decode()
    assert "Bielefeld" not in html


def test_the_map_fits_the_result_and_keeps_west_left_and_north_up(directory):
    from augenhoehe.directory.models import Organisation

    drawn = {p.name: p for p in result_map(Organisation.objects.all()).drawn}
    guetersloh, dortmund = drawn["Kreis Gütersloh"], drawn["Dortmund"]
    assert dortmund.x < guetersloh.x  # Dortmund lies west
    assert dortmund.y > guetersloh.y  # and south
    # Fitted: the two places are not squeezed into a corner of a map of all Germany.
    assert guetersloh.x - dortmund.x > WIDTH / 4


def test_a_view_never_leaves_germany_and_shows_a_town_with_some_room():
    view = view_around([(51.9066, 8.3784)])
    assert view.north - view.south >= 1.0
    whole = view_around([(47.3, 5.9), (55.0, 15.0)])
    assert (whole.south, whole.west, whole.north, whole.east) == (47.1, 5.6, 55.2, 15.3)


CITIES = ["Bielefeld", "Dortmund", "Köln", "Gelsenkirchen", "Wuppertal", "Essen", "Bochum", "Düsseldorf", "Berlin", "München", "Hamburg"]  # fmt: skip


def kreis_boxes(html: str) -> list[str]:
    return re.findall(r'name="kreis" value="(\d{5})"', html)


def test_without_a_land_the_kreis_facet_lists_the_kreise_with_most_results_and_says_how_to_see_all(
    client: Client, organisation_factory
):
    for n, city in enumerate(CITIES):
        for _ in range(1 if n else 3):  # Bielefeld has the most
            organisation_factory(name=f"Verein {city} {_}", city=city)

    html = client.get(SEARCH).content.decode()
    listed = kreis_boxes(html)
    assert len(listed) == 8 and listed[0] == "05711"  # Bielefeld first
    assert "3 weitere Kreise: wählen Sie ein Land, um alle seine Kreise zu sehen." in html

    in_nrw = kreis_boxes(client.get(SEARCH, {"land": ["05"]}).content.decode())
    assert len(in_nrw) == 8 and all(ags.startswith("05") for ags in in_nrw)

    chosen = client.get(SEARCH, {"kreis": ["09162"]}).content.decode()  # München, not among the first
    assert 'name="kreis" value="09162" id="f-kreis-09162" checked' in chosen
