"""The official region data shipped with the package (see docs/data-sources.md)."""

import csv
import re
from pathlib import Path

from .text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"
# Suffixes and prefixes the official lists add to a name: "Gütersloh, Stadt",
# "Ingolstadt (Krfr. St)", "Stadt Erfurt" (but "Stadt Wehlen, Stadt" is the name).
_SUFFIX = re.compile(r",.*$|\s*\(krfr\.? st\)", re.IGNORECASE)
_PREFIX = re.compile(r"^stadt\s+(?!.*,)", re.IGNORECASE)
_PUNCTUATION = re.compile(r"[^\w]+")


def spelling(name: str) -> str:
    """The name as spelled, without official additions: "Stadt Erfurt" → "erfurt"."""
    return _PUNCTUATION.sub(" ", _SUFFIX.sub("", _PREFIX.sub("", name)).casefold()).strip()


def lookup_name(name: str) -> str:
    """The key under which a Gemeinde is found by the city of an address.

    "Halle (Westf.), Stadt" and "Halle Westf" both become "halle westf";
    "Münster" and "Muenster" both become "munster".
    """
    return fold(spelling(name))


def _rows(filename: str) -> list[dict[str, str]]:
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def regions_load(*, land_model, kreis_model, gemeinde_model) -> None:
    """Insert or update Länder, Kreise and Gemeinden from the bundled CSV files.

    Takes the models as arguments so that a data migration can pass its
    historical models.
    """
    laender = _rows("laender.csv")
    land_model.objects.bulk_create(
        [land_model(ags=r["ags"], name=r["name"], iso_code=r["iso_code"]) for r in laender],
        update_conflicts=True,
        unique_fields=["ags"],
        update_fields=["name", "iso_code"],
    )
    kreis_model.objects.bulk_create(
        [
            kreis_model(ags=r["ags"], name=r["name"], kind=r["kind"], land_id=r["ags"][:2])
            for r in _rows("kreise.csv")
        ],
        update_conflicts=True,
        unique_fields=["ags"],
        update_fields=["name", "kind", "land"],
    )
    gemeinde_model.objects.bulk_create(
        [
            gemeinde_model(
                ags=r["ags"],
                name=r["name"],
                lookup_name=lookup_name(r["name"]),
                kreis_id=r["ags"][:5],
            )
            for r in _rows("gemeinden.csv")
        ],
        update_conflicts=True,
        unique_fields=["ags"],
        update_fields=["name", "lookup_name", "kreis"],
        batch_size=2000,
    )
