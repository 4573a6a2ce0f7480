"""Warnings on a row that can be imported but may be wrong: said on the row, counted, never silent.

- A four-digit postal code is read with the leading zero Excel drops ("1067" → "01067"); it may
  as well be an old four-digit code from before 1993 ("4800 Bielefeld"). The row says which
  code was read, and for which town.
- The bundled regional data (``core/data``) has no postal codes per Gemeinde, so a code is
  compared with the place only coarsely: the first digit of a German postal code (the
  *Leitzone*) covers a known set of Länder (Deutsche Post's map of Leitzonen); a code whose
  zone does not reach the Land of the row's Kreis cannot be right.
- A place outside the network's Kreise is probably a typo or someone else's organisation.
"""

import re
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from augenhoehe.core.models import Kreis, Land

from .columns import POSTAL_CODE_CITY

# Leitzone (first digit of the postal code) → AGS keys of the Länder it reaches, generously:
# a zone is listed for every Land where any of its codes lies, so only a clear contradiction warns.
LAENDER_BY_ZONE: dict[str, frozenset[str]] = {
    "0": frozenset({"12", "14", "15", "16"}),  # Brandenburg, Sachsen, Sachsen-Anhalt, Thüringen
    "1": frozenset({"01", "03", "11", "12", "13"}),  # Berlin, Brandenburg, Mecklenburg-Vorpommern …
    "2": frozenset({"01", "02", "03", "04", "13", "15"}),  # Hamburg, Schleswig-Holstein, Bremen …
    "3": frozenset({"03", "05", "06", "09", "12", "15", "16"}),  # Niedersachsen, Hessen, Thüringen …
    "4": frozenset({"03", "05"}),  # Nordrhein-Westfalen, Niedersachsen
    "5": frozenset({"05", "06", "07"}),  # Nordrhein-Westfalen, Rheinland-Pfalz, Hessen
    "6": frozenset({"06", "07", "08", "09", "10"}),  # Hessen, Rheinland-Pfalz, Saarland …
    "7": frozenset({"07", "08"}),  # Baden-Württemberg, Südpfalz
    "8": frozenset({"08", "09"}),  # Bayern, Oberschwaben
    "9": frozenset({"06", "08", "09", "16"}),  # Bayern, Thüringen, Main-Tauber …
}
_FOUR_DIGITS = re.compile(r"(?:D-?\s*)?(\d{4})(?:\s+.*)?")


def four_digit_code(cells: list[str], mapping: list[str]) -> tuple[int, str] | None:
    """(column index, the code as written) where the row's postal code has four digits."""
    for index, column in enumerate(mapping):
        if column not in ("postal_code", POSTAL_CODE_CITY) or index >= len(cells):
            continue
        text = cells[index].replace(" ", "") if column == "postal_code" else cells[index]
        match = _FOUR_DIGITS.fullmatch(text.strip())
        if match and (column == "postal_code" or match[0] != match[1]):
            return index, match[1]
    return None


@lru_cache(maxsize=1)
def _land_names() -> dict[str, str]:
    return dict(Land.objects.values_list("ags", "name"))


@lru_cache(maxsize=1024)
def _kreis_name(ags: str) -> str:
    kreis = Kreis.objects.filter(pk=ags).first()
    return kreis.display_name if kreis else ags


def row_warnings(
    *,
    cells: list[str],
    mapping: list[str],
    values: dict[str, Any],
    kreis_id: str | None,
    network_kreis_ids: set[str],
    column_name,
) -> list[dict[str, str]]:
    """The warnings of one row; ``kreis_id`` is None where the row's place is not known."""
    warnings: list[dict[str, str]] = []
    four = four_digit_code(cells, mapping)
    town = values.get("city") or ""
    if four is not None:
        index, written = four
        warnings.append(
            {
                "column": column_name(index),
                "message": _(
                    "Die Postleitzahl „%(written)s“ hat nur vier Ziffern; gelesen als „%(code)s“ für %(town)s. "
                    "Bitte prüfen Sie, ob sie zu diesem Ort passt (eine alte vierstellige Postleitzahl passt nicht)."
                )
                % {"written": written, "code": written.zfill(5), "town": town or "–"},
            }
        )
    code = values.get("postal_code") or ""
    if kreis_id and len(code) == 5 and code.isascii() and code.isdigit():
        land = kreis_id[:2]
        if land not in LAENDER_BY_ZONE[code[0]]:
            warnings.append(
                {
                    "column": column_name(_index_of(mapping, "postal_code")),
                    "message": _(
                        "Die Postleitzahl %(code)s liegt nicht in %(land)s, wo %(kreis)s liegt. "
                        "Passen Postleitzahl und Ort zusammen?"
                    )
                    % {"code": code, "land": _land_names().get(land, land), "kreis": _kreis_name(kreis_id)},
                }
            )
    if kreis_id and network_kreis_ids and kreis_id not in network_kreis_ids:
        warnings.append(
            {
                "column": column_name(_index_of(mapping, "city")),
                "message": _("%(town)s liegt im Kreis %(kreis)s, außerhalb der Kreise Ihres Netzwerks.")
                % {"town": town or _kreis_name(kreis_id), "kreis": _kreis_name(kreis_id)},
            }
        )
    return warnings


def _index_of(mapping: list[str], column: str) -> int:
    for wanted in (column, POSTAL_CODE_CITY):
        if wanted in mapping:
            return mapping.index(wanted)
    return -1
