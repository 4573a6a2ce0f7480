"""The shipped map shapes and population: complete for the app's regions, matching its keys,
small enough to ship (docs/data-sources.md)."""

import csv
import importlib.util
from pathlib import Path

import pytest

from augenhoehe.statistics import geodata

ROOT = Path(__file__).resolve().parents[3]
CORE_DATA = ROOT / "augenhoehe" / "core" / "data"


def app_regions(name: str) -> dict[str, str]:
    with (CORE_DATA / name).open(encoding="utf-8") as file:
        return {line["ags"]: line["name"] for line in csv.DictReader(file)}


def test_all_16_laender_have_a_shape():
    shapes = geodata.laender_shapes()
    assert set(shapes.paths) == set(app_regions("laender.csv"))
    assert all(
        path.startswith("M") and path.count("l") >= 1 and len(path) > 100 for path in shapes.paths.values()
    )
    assert len(shapes.viewbox) == 4
    assert shapes.attribution.startswith("© GeoBasis-DE / BKG")


def test_every_kreis_of_the_app_has_a_shape_or_is_a_known_gap():
    kreise = app_regions("kreise.csv")
    shipped = {key for land in app_regions("laender.csv") for key in geodata.kreise_shapes(land=land).paths}
    assert len(kreise) == 400
    assert set(kreise) - shipped == set(geodata.KNOWN_GAPS)
    assert shipped <= set(kreise), "a shape for a Kreis the app does not know"


def test_merged_kreise_are_drawn_from_their_parts():
    """Göttingen (03159) from Göttingen and Osterode am Harz, the Wartburgkreis with Eisenach."""
    niedersachsen = geodata.kreise_shapes(land="03").paths
    thueringen = geodata.kreise_shapes(land="16").paths
    assert "03152" not in niedersachsen and "03156" not in niedersachsen
    assert "16056" not in thueringen
    assert niedersachsen["03159"].count("M") >= 2
    assert thueringen["16063"].count("M") >= 2


def test_a_lands_kreise_are_framed_by_the_land():
    nrw = geodata.kreise_shapes(land="05")
    assert len(nrw.paths) == 53
    left, top, width, height = nrw.viewbox
    germany = geodata.laender_shapes().viewbox
    assert germany[0] <= left and left + width <= germany[0] + germany[2] + 20
    assert 0 < width < germany[2] / 2


def test_the_shipped_shapes_are_well_under_a_megabyte():
    sizes = [path.stat().st_size for path in (geodata.DATA / "maps").glob("*.json")]
    assert len(sizes) == 2
    assert sum(sizes) < 400_000


def test_the_population_covers_every_kreis_and_land_and_adds_up():
    kreise, laender = geodata.population_kreise(), geodata.population_laender()
    assert set(kreise) == set(app_regions("kreise.csv"))
    assert set(laender) == set(app_regions("laender.csv"))
    for land, people in laender.items():
        assert people == sum(value for key, value in kreise.items() if key[:2] == land)
    # Destatis, GV-ISys, 31.12.2018
    assert sum(laender.values()) == 83_019_213
    assert laender["05"] == 17_932_651
    assert kreise["05754"] == 364_083
    # today's Wartburgkreis: Wartburgkreis 123,025 + Eisenach 42,370 of 2018
    assert kreise["16063"] == 165_395


def test_the_population_is_of_2018_and_verified():
    source = geodata.population_source()
    assert source.year == 2018
    assert source.verified
    assert source.licence == "dl-de/by-2-0"


def test_the_population_build_script_creates_its_target_folder(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    spec = importlib.util.spec_from_file_location(
        "build_population_data", ROOT / "bin" / "build_population_data.py"
    )
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    workbook = openpyxl.Workbook()
    sheet = workbook.create_sheet()
    for ags in [*app_regions("kreise.csv"), "16056"]:
        sheet.append([ags, "", "", "", "", 10])
    workbook.save(tmp_path / "04-kreise.xlsx")
    target = tmp_path / "new" / "data"
    script.build(tmp_path / "04-kreise.xlsx", target)
    with (target / "population_laender.csv").open(encoding="utf-8") as file:
        laender = {line["ags"]: line["population"] for line in csv.DictReader(file)}
    assert laender["16"] == str(10 * sum(1 for ags in app_regions("kreise.csv") if ags[:2] == "16") + 10)
