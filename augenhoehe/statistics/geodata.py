"""The shipped data the maps and the figures per 100,000 need: the shapes of the Länder and
Kreise (built by ``bin/build_map_data.py``) and the population per Land and Kreis (built by
``bin/build_population_data.py``); docs/data-sources.md says where each comes from.

Read once per process (``cache``): the files change only with a release.
"""

import csv
import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
POPULATION_LAENDER = DATA / "population_laender.csv"
POPULATION_KREISE = DATA / "population_kreise.csv"
# Kreise of the app without a shape, with the reason; empty since the merges of 2016 and 2021
# are drawn from their parts (bin/build_map_data.py, ``MERGED``).
KNOWN_GAPS: dict[str, str] = {}


@dataclass(frozen=True)
class Shapes:
    viewbox: list[int]
    paths: dict[str, str]  # official key → SVG path data
    attribution: str


@cache
def _maps(name: str) -> dict:
    return json.loads((DATA / "maps" / f"{name}.json").read_text(encoding="utf-8"))


def laender_shapes() -> Shapes:
    """The 16 Länder, keyed by their two-digit key."""
    data = _maps("laender")
    return Shapes(viewbox=data["viewbox"], paths=data["regions"], attribution=data["attribution"])


def kreise_shapes(*, land: str) -> Shapes:
    """The Kreise of one Land, keyed by their five-digit key, framed by the Land."""
    return kreise_shapes_in(laender=[land])


def kreise_shapes_in(*, laender: Collection[str]) -> Shapes:
    """The Kreise of the Länder named, framed by the smallest box around their frames."""
    data = _maps("kreise")
    paths = {key: path for key, path in data["regions"].items() if key[:2] in laender}
    boxes = [data["viewboxes"][land] for land in laender]
    left, top = min(box[0] for box in boxes), min(box[1] for box in boxes)
    right, bottom = max(box[0] + box[2] for box in boxes), max(box[1] + box[3] for box in boxes)
    viewbox = [left, top, right - left, bottom - top]
    return Shapes(viewbox=viewbox, paths=paths, attribution=data["attribution"])


@dataclass(frozen=True)
class PopulationSource:
    """What the bundled population is: its date, whether it is checked, its licence."""

    as_of: date
    verified: bool
    licence: str = "dl-de/by-2-0"
    licence_url: str = "https://www.govdata.de/dl-de/by-2-0"
    credit: str = "Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV-ISys, 31.12.2018"

    @property
    def year(self) -> int:
        return self.as_of.year


def _lines(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


@cache
def population_source() -> PopulationSource:
    """The year (from ``as_of``) and status of the bundled population (docs/statistics.md)."""
    lines = _lines(POPULATION_LAENDER) + _lines(POPULATION_KREISE)
    as_of = max(date.fromisoformat(line["as_of"]) for line in lines)
    return PopulationSource(as_of=as_of, verified=all(line["status"] == "verified" for line in lines))


@cache
def population_laender() -> dict[str, int]:
    """The population per Land (AGS → inhabitants)."""
    return {line["ags"]: int(line["population"]) for line in _lines(POPULATION_LAENDER)}


@cache
def population_kreise() -> dict[str, int]:
    """The population per Kreis (AGS → inhabitants), in today's Kreise."""
    return {line["ags"]: int(line["population"]) for line in _lines(POPULATION_KREISE)}
