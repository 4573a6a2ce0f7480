"""Tables of Kreise: a hand-made NRW table typed as people type Kreise ("Kreis Gütersloh",
"Köln, Stadt", "Lkr. Borken", "Rhein-Sieg-\\nKreis", …) is matched Kreis by Kreis, a name that
can mean two Kreise ("München") is left unmatched and the page says so, figures per 100,000
use the Kreise's population, and the map draws the Kreise of NRW."""

import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.imports.reading import read_table
from augenhoehe.statistics import computing, parsing, selectors, services
from augenhoehe.statistics.models import StatisticsRow

from .conftest import KREISE_NRW
from .test_maps_views import map_svg, table_rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

# The page of a table of Kreise: session, user, membership, table, its sheet (3), the Kreise's
# name keys and names for the ambiguous row (2), the Länder, the Kreise drawn.
QUERIES = 11
MATCHED = {
    "Bielefeld": "05711",
    "Kreis Gütersloh": "05754",
    "Städteregion Aachen": "05334",
    "Mülheim an der Ruhr": "05117",
    "Köln, Stadt": "05315",
    "Hochsauerlandkreis": "05958",
    "Rhein-Erft-Kreis": "05362",
    "Kreisfreie Stadt Münster": "05515",
    "Lkr. Borken": "05554",
    "Rhein-Sieg-Kreis": "05382",
    "Dortmund": "05913",
    "LK Höxter": "05762",
    "Kreis Lippe": "05766",
    "Unna": "05978",
    "Oberbergischer Kreis": "05374",
}


def test_the_kreise_are_matched_as_people_type_them(kreis_table):
    sheet = selectors.table_sheet(table=kreis_table)
    assert sheet.of_kreise
    assert {row.label: row.kreis for row in sheet.regions} == MATCHED
    assert all(row.land is None for row in sheet.rows)
    with network_scope(kreis_table.network):
        stored = StatisticsRow.objects.filter(table=kreis_table, kreis__isnull=False).count()
    assert stored == len(MATCHED)


def test_a_name_of_two_kreise_is_left_unmatched_and_set_apart(kreis_table):
    sheet = selectors.table_sheet(table=kreis_table)
    assert [(row.label, row.kreis) for row in sheet.set_apart] == [("München", None)]
    assert sheet.total_row is not None and sheet.total_row.kreis is None


@pytest.mark.parametrize(
    ("printed", "kreise"),
    [
        ("München", ["09162", "09184"]),
        ("Stadt München", ["09162"]),
        ("Landkreis München", ["09184"]),
        ("München (Landkreis)", ["09184"]),
        ("Kassel", ["06611", "06633"]),
        ("Kassel, Stadt", ["06611"]),
        ("Osnabrück", ["03404", "03459"]),
        ("Lkr. Rosenheim", ["09187"]),
        ("Landkreis Göttingen", ["03159"]),
        ("Stadt Göttingen", []),  # a city in its Landkreis, no Kreis of its own
        ("Regionalverband Saarbrücken", ["10041"]),
        ("Region Hannover", ["03241"]),
        ("Offenbach am Main, Stadt", ["06413"]),
        ("Neustadt", []),  # no "Neu" marked as a city
        ("Rhein-Kreis Neuss", ["05162"]),
        ("Kreis Rhein-Kreis Neuss", ["05162"]),
    ],
)
def test_a_marker_decides_between_the_city_and_the_landkreis(printed, kreise):
    assert parsing.kreis_candidates(printed, selectors.kreis_keys()) == kreise


def test_a_kreis_twice_refuses_the_file():
    content = "Kreis;Anzahl 2019\nBielefeld;1\nKreis Gütersloh;2\nGütersloh;3\n".encode()
    table = read_table(content, filename="k.csv")
    with pytest.raises(ValidationError) as refused:
        services.sheet_from_table(table, lands=services.land_keys(), kreise=selectors.kreis_keys())
    assert refused.value.messages == ["Zeile 4: derselbe Kreis steht schon in Zeile 3."]


def test_a_table_of_laender_stays_one_even_with_berlin(printed_table):
    table = read_table(printed_table, filename="mso.tsv")
    sheet = services.sheet_from_table(table, lands=services.land_keys(), kreise=selectors.kreis_keys())
    assert not sheet.of_kreise
    assert len({row.land for row in sheet.regions}) == 16


def test_totals_shares_and_per_100000_of_the_kreise(kreis_table):
    sheet = selectors.table_sheet(table=kreis_table)
    report_2019, report_2016 = computing.count_reports(sheet)
    assert report_2019.total is None and report_2019.missing == 1  # Unna: "–"
    assert report_2016.total == computing.Interval(Decimal(1830), Decimal(1830))
    per_100k = computing.region_per_inhabitants(report_2019, {"05711": 333_786, "05754": 364_083}, 2018)
    by_label = {region.row.label: per for region, per in zip(report_2019.regions, per_100k, strict=True)}
    # 120 × 100,000 / 333,786 (Bielefeld) and 85 × 100,000 / 364,083 (Kreis Gütersloh), 31.12.2018
    assert round(by_label["Bielefeld"].low, 4) == Decimal("35.9512")
    assert round(by_label["Kreis Gütersloh"].low, 4) == Decimal("23.3463")


def report_cells(html: str, number: int) -> dict[str, list[str]]:
    """The report table ``number``'s rows: region → its cells' texts."""
    report = re.search(rf'<caption id="report-{number}">.*?</table>', html, re.S)
    assert report, number
    rows = [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", report.group(0), re.S)
    ]
    return {row[0]: row[1:] for row in rows[1:]}


def test_the_page_shows_per_100000_and_the_ambiguous_name(client_for, kreis_table):
    html = client_for("coordinator").get(kreis_table.get_absolute_url()).content.decode()
    cells = report_cells(html, 1)
    assert cells["Bielefeld"][0] == "120" and cells["Bielefeld"][-1] == "36,0"
    assert cells["Kreis Gütersloh"][0] == "85" and cells["Kreis Gütersloh"][-1] == "23,3"
    assert "München" not in cells
    assert "„München“ kann mehrere Kreise meinen:" in html
    assert '<bdi dir="auto">München</bdi>, <bdi dir="auto">Kreis München</bdi>' in html
    assert "Bevölkerung der Kreise am" in html


def test_the_map_draws_the_kreise_of_nrw_with_their_figures(client_for, kreis_table):
    html = client_for("coordinator").get(kreis_table.get_absolute_url()).content.decode()
    assert '<h2 id="map-heading">Karte der Kreise</h2>' in html
    svg = map_svg(html, "table-map")
    assert svg.count("<path ") == 53
    assert re.search(r"<title>Bielefeld: 120 \(Klasse \d\)</title>", svg)
    assert re.search(r"<title>Kreis Gütersloh: 85 \(Klasse \d\)</title>", svg)
    assert "<title>Kreis Lippe: 50–60 (Spanne über mehrere Klassen)</title>" in svg or re.search(
        r"<title>Kreis Lippe: 50–60 \(Klasse \d\)</title>", svg
    )
    assert "<title>Kreis Unna: keine Angabe</title>" in svg
    assert "Karte: die Kreise in Nordrhein-Westfalen" in svg
    drawn = {row[0]: row[1] for row in table_rows(html, "Anzahl 2019: Anzahl")[1:]}
    assert drawn["Bielefeld"] == "120" and drawn["Kreis Gütersloh"] == "85" and drawn["Köln"] == "700"
    assert len(drawn) == 53


def test_the_map_per_100000_of_the_kreise(client_for, kreis_table):
    url = f"{kreis_table.get_absolute_url()}?column=0&figure=per_100k"
    html = client_for("coordinator").get(url).content.decode()
    drawn = {row[0]: row[1] for row in table_rows(html, "Anzahl 2019: Je 100.000 Einwohner")[1:]}
    assert drawn["Bielefeld"] == "36,0" and drawn["Kreis Gütersloh"] == "23,3"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("mso_member", 403),
        ("coordinator", 200),
        ("network_admin", 200),
        ("other_coordinator", 404),
    ],
)
def test_a_kreis_table_is_for_its_networks_staff_only(client_for, kreis_table, role, status):
    assert client_for(role).get(kreis_table.get_absolute_url()).status_code == status


def test_the_page_reads_a_fixed_number_of_queries(client_for, kreis_table, django_assert_num_queries):
    client = client_for("coordinator")
    client.get(kreis_table.get_absolute_url())
    with django_assert_num_queries(QUERIES):
        client.get(kreis_table.get_absolute_url())


def test_an_upload_of_a_kreis_table_shows_its_map(client_for):
    content = SimpleUploadedFile("k.csv", KREISE_NRW.read_bytes())
    client = client_for("coordinator")
    response = client.post(reverse("statistics:list"), {"title": "K", "source": "", "file": content})
    assert response.status_code == 302
    assert map_svg(client.get(response["Location"]).content.decode(), "table-map")


def test_the_command_prints_a_kreis_table(network):
    out = StringIO()
    call_command(
        "import_statistics", str(KREISE_NRW), "--title", "MSO je Kreis", stdout=out, network=network.slug
    )
    output = out.getvalue()
    assert "Summe der Regionen: 1.830; gedruckt: 1.855; weicht von der gedruckten Summe ab" in output
    assert "Nicht zugeordnet (nicht in Summen, Anteilen und Rängen): München" in output
    cologne = next(line for line in output.splitlines() if line.startswith("Köln, Stadt") and "650" in line)
    assert cologne.split()[-3:] == ["35,5", "%", "1"]
