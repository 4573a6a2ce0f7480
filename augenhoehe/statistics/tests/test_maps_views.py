"""The map on a table's page and the directory's live figures: what each role sees, the exact
counts of a hand-made directory, the SVG a screen reader can read, tampered choices."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from augenhoehe.statistics import geodata, maps

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

DIRECTORY = reverse("statistics:directory")


def table_rows(html: str, caption: str) -> list[list[str]]:
    """The rows of the table with ``caption`` as lists of cell texts."""
    table = re.search(
        r"<table[^>]*>\s*<caption[^>]*>" + re.escape(caption) + r"</caption>(.*?)</table>", html, re.S
    )
    assert table, caption
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in rows
    ]


def map_svg(html: str, key: str) -> str:
    found = re.search(r'<div class="map" id="' + key + r'">.*?</svg>', html, re.S)
    assert found, key
    return found.group(0)


def test_the_statistics_list_links_the_directory_figures(client_for):
    assert f'href="{DIRECTORY}"' in client_for("coordinator").get(reverse("statistics:list")).content.decode()


def test_the_networks_own_kreise_count_every_organisation(client_for, directory):
    html = client_for("coordinator").get(DIRECTORY).content.decode()
    assert table_rows(html, "Organisationen in Ihren Kreisen")[1:] == [
        ["Kreis Gütersloh", "5", "4", "3", "75,0 %", "1"]
    ]
    kinds = {row[0]: row[1:] for row in table_rows(html, "Nach Art der Organisation")[1:]}
    assert kinds["Kulturverein"] == ["3", "4"]
    assert kinds["Religiöser Verein / Religionsgemeinschaft"] == ["1", "2"]
    assert kinds["Elternverein"] == ["1", "1"]
    assert kinds["Sonstige"] == ["0", "0"]


def test_the_maps_count_published_organisations_only(client_for, directory):
    html = client_for("coordinator").get(DIRECTORY).content.decode()
    kreise = {
        row[0]: row[1:]
        for row in table_rows(html, "Anzahl der Organisationen: die Kreise in Nordrhein-Westfalen")[1:]
    }
    assert len(kreise) == 53
    assert kreise["Kreis Gütersloh"][0] == "4"
    assert kreise["Bielefeld"][0] == "1"
    assert kreise["Dortmund"][0] == "0"  # its one organisation is unpublished
    laender = {row[0]: row[1] for row in table_rows(html, "Anzahl der Organisationen: die 16 Länder")[1:]}
    assert laender["Nordrhein-Westfalen"] == "5"
    assert laender["Bayern"] == "2"
    assert laender["Hessen"] == "0"


def test_another_networks_staff_see_their_own_kreise(client_for, directory):
    html = client_for("other_coordinator").get(DIRECTORY).content.decode()
    assert table_rows(html, "Organisationen in Ihren Kreisen")[1:] == [
        ["Dortmund", "1", "0", "1", "100,0 %", "0"]
    ]
    assert "Kreis Gütersloh" not in re.search(
        r"Organisationen in Ihren Kreisen.*?</table>", html, re.S
    ).group(0)


def test_the_volunteers_share_and_per_100000_on_the_maps(client_for, directory):
    client = client_for("coordinator")
    html = client.get(DIRECTORY, {"land": "09", "figure": "volunteers"}).content.decode()
    caption = "Anteil nur ehrenamtlich geführt (%): die Kreise in Bayern"
    kreise = {row[0]: row[1:] for row in table_rows(html, caption)[1:]}
    assert kreise["München"] == ["100,0 %", "1"]
    assert kreise["Kreis Passau"] == ["–", "keine Angabe"]
    laender = {
        row[0]: row[1] for row in table_rows(html, "Anteil nur ehrenamtlich geführt (%): die 16 Länder")[1:]
    }
    assert laender["Nordrhein-Westfalen"] == "50,0 %"  # 2 of the 4 published with staffing
    html = client.get(DIRECTORY, {"figure": "per_100k"}).content.decode()
    kreise = {
        row[0]: row[1]
        for row in table_rows(html, "Organisationen je 100.000 Einwohner: die Kreise in Nordrhein-Westfalen")[
            1:
        ]
    }
    assert kreise["Kreis Gütersloh"] == "1,1"  # 4 × 100,000 / 364,083


def test_the_directory_page_takes_a_fixed_number_of_queries(
    client_for, directory, organisation_in, django_assert_max_num_queries
):
    client = client_for("coordinator")
    client.get(DIRECTORY)
    with django_assert_max_num_queries(20) as captured:
        client.get(DIRECTORY)
    before = len(captured)
    for kreis in ("05754", "05711", "05913", "09162", "01001"):
        organisation_in(kreis, staffing="mixed")
    with django_assert_max_num_queries(before):
        client.get(DIRECTORY)


def test_a_tampered_choice_is_named_at_its_field(client_for, directory):
    response = client_for("coordinator").get(DIRECTORY, {"land": "99", "figure": "x" * 5000})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="field-error"') == 2
    assert "die Kreise in Nordrhein-Westfalen" in html  # the default map


def test_the_svg_can_be_read_and_matches_its_table(client_for, directory):
    html = client_for("coordinator").get(DIRECTORY).content.decode()
    svg = map_svg(html, "laender-map")
    assert 'role="img"' in svg and 'aria-labelledby="laender-map-title laender-map-desc"' in svg
    assert '<title id="laender-map-title">Anzahl der Organisationen: die 16 Länder</title>' in svg
    assert '<desc id="laender-map-desc">' in svg
    titles = re.findall(r"<path [^>]*><title>(.*?)</title></path>", svg)
    assert len(titles) == 16
    table = table_rows(html, "Anzahl der Organisationen: die 16 Länder")[1:]
    assert [f"{name}: {value} (Klasse {klass})" for name, value, klass in table] == titles


def test_the_table_page_maps_its_laender_in_the_documents_own_categories(client_for, table):
    client = client_for("coordinator")
    html = client.get(table.get_absolute_url()).content.decode()
    svg = map_svg(html, "table-map")
    assert svg.count("<path ") == 16
    rows = {row[0]: row[1:] for row in table_rows(html, "Anzahl 2019: Anzahl")[1:]}
    assert {name: klass for name, (_value, klass) in rows.items()} == {
        "Baden-Württemberg": "3",  # 750–2.500
        "Bayern": "3",  # 1.766
        "Berlin": "2",  # 732
        "Brandenburg": "1",  # 0–150
        "Bremen": "2",  # 150–750
        "Hamburg": "2",
        "Hessen": "3",
        "Mecklenburg-Vorpommern": "1",
        "Niedersachsen": "3",
        "Nordrhein-Westfalen": "4",  # 4.122
        "Rheinland-Pfalz": "2",
        "Saarland": "1",
        "Sachsen": "2",  # 231
        "Sachsen-Anhalt": "1",
        "Schleswig-Holstein": "2",
        "Thüringen": "1",
    }
    assert "Nordrhein-Westfalen: 4.122 (Klasse 4)" in svg
    assert "Saarland: 0–150 (Klasse 1)" in svg
    legend = re.findall(r"Klasse \d:\s*([^<]*)</li>", html)
    assert [text.strip() for text in legend] == [
        "0 bis 150",
        "über 150 bis 750",
        "über 750 bis 2.500",
        "über 2.500 bis 4.122",
    ]
    assert "Spanne: der Wert ist eine Spanne" not in html
    assert "(Spanne über mehrere Klassen)" not in map_svg(html, "table-map")


def test_a_share_map_hatches_ranges_across_breaks_and_names_its_unit(client_for, table):
    html = client_for("coordinator").get(table.get_absolute_url(), {"column": "0", "figure": "share"})
    html = html.content.decode()
    rows = {row[0]: row[1:] for row in table_rows(html, "Anzahl 2019: Anteil an der Summe (%)")[1:]}
    assert rows["Nordrhein-Westfalen"][1] != "Spanne"
    assert any(value[1] == "Spanne" for value in rows.values())
    assert "Spanne: der Wert ist eine Spanne über mehrere Klassen" in html
    legend = re.findall(r"Klasse \d:\s*([^<]*)</li>", html)
    assert legend[0] == "0,0 % bis 0,9 %"
    assert all(text.startswith("über ") and text.count(" %") == 2 for text in legend[1:])


def test_the_table_map_per_100000_for_the_years_near_2018(client_for, table):
    client = client_for("coordinator")
    html = client.get(table.get_absolute_url(), {"column": "1", "figure": "per_100k"}).content.decode()
    rows = {row[0]: row[1:] for row in table_rows(html, "Anzahl 2016: Je 100.000 Einwohner")[1:]}
    assert rows["Nordrhein-Westfalen"][0] == "28,3"  # 5,078 × 100,000 / 17,932,651
    html = client.get(table.get_absolute_url(), {"column": "2", "figure": "per_100k"}).content.decode()
    rows = {row[0]: row[1:] for row in table_rows(html, "Anzahl 2001: Je 100.000 Einwohner")[1:]}
    assert {value[1] for value in rows.values()} == {"keine Angabe"}


def test_a_tampered_column_falls_back_to_the_first(client_for, table):
    response = client_for("coordinator").get(table.get_absolute_url(), {"column": "99999999999999999999"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="field-error"') == 1
    assert map_svg(html, "table-map")
    assert '<caption id="table-map-caption">Anzahl 2019: Anzahl</caption>' in html


def test_a_table_of_neither_laender_nor_kreise_has_no_map(client_for):
    client = client_for("coordinator")
    content = SimpleUploadedFile("a.csv", b"Stadt;Anzahl 2019\nNeuss;12\nSiegburg;30\n")
    response = client.post(reverse("statistics:list"), {"title": "T", "source": "", "file": content})
    html = client.get(response["Location"]).content.decode()
    assert "Siegburg" in html
    assert 'class="map"' not in html


def test_map_titles_are_one_translatable_sentence(client_for, table, directory, monkeypatch):
    asked = []

    def gettext(message):
        asked.append(message)
        return message

    monkeypatch.setattr(maps, "_", gettext)
    client = client_for("coordinator")
    client.get(table.get_absolute_url())
    client.get(DIRECTORY)
    assert {"%(column)s: %(figure)s", "%(figure)s: %(regions)s"} <= set(asked)


def test_the_population_date_on_the_pages_is_the_bundled_ones(client_for, table, monkeypatch):
    source = geodata.PopulationSource(as_of=date(2019, 12, 31), verified=True)
    monkeypatch.setattr(geodata, "population_source", lambda: source)
    client = client_for("coordinator")
    assert (
        "Bevölkerung der Länder am 31.12.2019 (Destatis)"
        in client.get(table.get_absolute_url()).content.decode()
    )
    assert "Bevölkerung am 31.12.2019." in client.get(DIRECTORY).content.decode()
