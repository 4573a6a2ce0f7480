"""Turning the text cells of one row into the values the directory's services take.

Each cell is read as people write it: codes or labels in any UI language
("Kulturverein", "cultural"), "ja"/"x"/"true", "1.200" members, dates as
31.12.2024 or 2024-12-31, a postal code whose leading zero Excel dropped.
A cell that cannot be read is an error for its column, in words a coordinator
understands; an empty cell means "no value given".
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from augenhoehe.core.models import Kreis
from augenhoehe.core.text import fold
from augenhoehe.directory import choices, profile_fields
from augenhoehe.directory.profile_fields import Kind, code_label
from augenhoehe.directory.vocabulary import lookup_key, recognise
from augenhoehe.interchange import people
from augenhoehe.interchange.format import TAG_COLUMNS

from .columns import IGNORE, POSTAL_CODE_CITY
from .value_mapping import SINGLE_VOCABULARIES, VOCABULARY_COLUMNS, cell_parts, split

ValueMap = dict[str, dict[str, str]]
_TEXT = tuple(field.name for field in profile_fields.EXPORT_FIELDS if field.kind == Kind.TEXT)
_BOOLEANS = {
    **dict.fromkeys(("ja", "j", "yes", "y", "true", "wahr", "x", "1"), True),
    **dict.fromkeys(("nein", "n", "no", "false", "falsch", "0", "-"), False),
}
_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")
_POSTAL_CODE_CITY = re.compile(r"(?:D-?\s*)?(\d{4,5})\s+(.+)")
_KREIS_WITH_KEY = re.compile(r".*\((\d{5})\)")
_DATE_FORMATS = ("%d.%m.%Y", "%d.%m.%y", "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%Y-%m-%d")


class CellError(ValueError):
    """A cell that cannot be read; the message is for the person who filled it in."""


@dataclass
class ParsedRow:
    """One row, read: the values per column key and the errors per column index."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[int, list[str]] = field(default_factory=dict)

    def error(self, index: int, message: str) -> None:
        self.errors.setdefault(index, []).append(message)


def parse_row(cells: list[str], mapping: list[str], value_map: ValueMap | None = None) -> ParsedRow:
    """Read the mapped cells of one row; columns mapped to nothing are ignored. ``value_map`` holds
    what the value step decided for values the vocabularies do not know (see value_mapping.py)."""
    parsed = ParsedRow()
    moved: list[tuple[str, Any]] = []
    if len(cells) > len(mapping) and any(cells[len(mapping) :]):
        parsed.error(
            len(mapping),
            _("Die Zeile hat mehr Zellen als die Kopfzeile Spalten. Steht ein Trennzeichen im Text?"),
        )
    for index, column in enumerate(mapping):
        text = cells[index] if index < len(cells) else ""
        if column == IGNORE or not text:
            continue
        try:
            for key, value in read_cell(column, text, value_map or {}).items():
                if key == column or column == POSTAL_CODE_CITY:
                    parsed.values[key] = value
                else:
                    moved.append((key, value))
        except CellError as error:
            parsed.error(index, str(error))
    # Values mapped to another column join that column's own; a single value there is kept.
    for key, value in moved:
        if key in TAG_COLUMNS:
            parsed.values[key] = sorted({*parsed.values.get(key, []), *value})
        else:
            parsed.values.setdefault(key, value)
    return parsed


def read_cell(column: str, text: str, value_map: ValueMap | None = None) -> dict[str, Any]:
    """``{column: value}`` for one non-empty cell (two columns for "PLZ und Ort")."""
    if column in _TEXT and column not in _READERS:
        return {column: text}
    if column == POSTAL_CODE_CITY:
        match = _POSTAL_CODE_CITY.fullmatch(text)
        if not match:
            return {"city": text}  # no postal code given, only the place
        return {"postal_code": _postal_code(match[1]), "city": match[2]}
    if column in VOCABULARY_COLUMNS:
        return _vocabulary_cell(column, text, value_map or {})
    reader = _READERS[column]
    return {column: reader(text)}


def _postal_code(text: str) -> str:
    """The code as written, with the leading zero Excel dropped put back; the model checks it."""
    digits = text.replace(" ", "")
    if digits.isascii() and digits.isdigit() and len(digits) == 4:
        return digits.zfill(5)  # Excel turns 01067 into 1067
    return digits


def _integer(text: str) -> int:
    plain = text.replace(" ", "")
    if _THOUSANDS.fullmatch(plain):
        plain = plain.replace(".", "")
    try:
        number = Decimal(plain.replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or number != number.to_integral_value() or number < 0:
        raise CellError(_("„%(value)s“ ist keine ganze Zahl.") % {"value": text})
    return int(number)


def _founding_year(text: str) -> int:
    """A year or a date's year; whether it is possible is the model's rule."""
    return int(text) if re.fullmatch(r"\d+", text) else _datetime(text).year


def _datetime(text: str) -> datetime:
    """A date or time as German offices and the export write it, in German local time."""
    value: datetime | None = None
    for format in (*_DATE_FORMATS, *people.datetime_read_formats()):
        try:
            value = datetime.strptime(text, format)
            break
        except ValueError:
            continue
    if value is None:
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise CellError(
                _("„%(value)s“ ist kein gültiges Datum (so ist es richtig: 31.12.2024).") % {"value": text}
            ) from None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _boolean(text: str) -> bool:
    try:
        return _boolean_words()[text.lower()]
    except KeyError:
        raise CellError(_("„%(value)s“: bitte „ja“ oder „nein“.") % {"value": text}) from None


@lru_cache(maxsize=1)
def _boolean_words() -> dict[str, bool]:
    """The spellings above and the yes/no words of every UI language (the layout for people)."""
    return people.yes_no_words() | _BOOLEANS


def _email(text: str) -> str:
    return text.removeprefix("mailto:").strip()


def _website(text: str) -> str:
    if "://" not in text and "." in text and " " not in text:
        return "https://" + text  # "www.verein.de" as lists write it
    return text


def _coordinate(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ".")).quantize(Decimal("0.000001"))
    except InvalidOperation:
        raise CellError(_("„%(value)s“ ist keine Koordinate (z. B. 51,9065).") % {"value": text}) from None


def _id(text: str) -> int:
    return _integer(text)


def _references(text: str) -> list[int | str]:
    """Umbrellas by id (an export's ``umbrellas`` column) or by name; names one per line (the
    layout for people) may hold commas."""
    parts = [part.strip() for part in text.splitlines() if part.strip()] if "\n" in text else split(text)
    return [int(part) if part.isdecimal() else part for part in parts]


def _public_fields(text: str) -> list[str]:
    return sorted({_code(choices.PublicField, part) for part in split(text)})


def _kreis(text: str) -> str:
    """The AGS of the Kreis named by its key or its name."""
    kreise = _kreis_lookup()
    if keyed := _KREIS_WITH_KEY.fullmatch(text):  # "Kreis Gütersloh (05754)", as the export writes it
        text = keyed[1]
    found = kreise.get(text) or kreise.get(fold(text)) or kreise.get(fold(f"Kreis {text}"))
    if found is None:
        raise CellError(_("Einen Kreis „%(value)s“ kennen wir nicht.") % {"value": text})
    if found == "ambiguous":
        raise CellError(
            _("„%(value)s“ ist Stadt und Kreis zugleich; bitte den Schlüssel (AGS) angeben.")
            % {"value": text}
        )
    return found.ags


def kreis_of(ags: str) -> Kreis:
    """The Kreis of an AGS that ``_kreis`` returned (cached, no query)."""
    return _kreis_lookup()[ags]


@lru_cache(maxsize=1)
def _kreis_lookup() -> dict[str, Any]:
    lookup: dict[str, Any] = {}
    for kreis in Kreis.objects.all():
        lookup[kreis.ags] = kreis
        for name in (fold(kreis.display_name), fold(kreis.name)):
            lookup[name] = "ambiguous" if lookup.get(name, kreis) is not kreis else kreis
    return lookup


def _code(vocabulary: type[models.TextChoices], text: str) -> str:
    codes = recognise(vocabulary, text)
    if len(codes) != 1:
        raise CellError(_unknown_message(vocabulary, text, codes))
    return codes[0]


def _unknown_message(vocabulary: Any, text: str, codes: tuple[str, ...]) -> str:
    if codes:
        return _("„%(value)s“ kann mehreres heißen: %(choices)s. Bitte genauer angeben.") % {
            "value": text,
            "choices": _(" oder ").join(f"„{code_label(vocabulary, code)}“" for code in codes),
        }
    return _("„%(value)s“ ist kein bekannter Wert. Möglich sind: %(allowed)s.") % {
        "value": text,
        "allowed": ", ".join(str(label) for label in vocabulary.labels),
    }


def _vocabulary_cell(column: str, text: str, value_map: ValueMap) -> dict[str, Any]:
    """The codes of a vocabulary cell, by column: its own, and those the value step moved elsewhere."""
    found: dict[str, list[str]] = {}
    unknown, ambiguous = [], []
    mapped = value_map.get(column, {})
    for part, codes in cell_parts(column, text):
        target = mapped.get(lookup_key(part))
        if target is not None:
            if target:
                other, _sep, code = target.partition(":")
                found.setdefault(other, []).append(code)
        elif len(codes) == 1:
            found.setdefault(column, []).append(codes[0])
        elif codes:
            ambiguous.append((part, codes))
        else:
            unknown.append(part)
    vocabulary = VOCABULARY_COLUMNS[column]
    if ambiguous:
        raise CellError(" ".join(_unknown_message(vocabulary, part, codes) for part, codes in ambiguous))
    if unknown and column in TAG_COLUMNS:
        raise CellError(
            _(
                "Unbekannte Werte: %(values)s. Bitte Bezeichnungen wie im Verzeichnis verwenden, getrennt durch „|“ oder Komma."
            )
            % {"values": ", ".join(f"„{value}“" for value in unknown)}
        )
    if unknown:
        raise CellError(_unknown_message(vocabulary, ", ".join(unknown), ()))
    values: dict[str, Any] = {}
    for other, chosen in found.items():
        if other in TAG_COLUMNS:
            values[other] = sorted(set(chosen))
        elif len(set(chosen)) > 1:
            raise CellError(
                _("Hier ist nur ein Wert möglich: %(values)s.")
                % {"values": ", ".join(f"„{code_label(VOCABULARY_COLUMNS[other], c)}“" for c in chosen)}
            )
        else:
            values[other] = chosen[0]
    return values


_READERS = {
    "id": _id,
    "postal_code": _postal_code,
    "kreis_ags": _kreis,
    "email": _email,
    "website": _website,
    "charitable": _boolean,
    "is_published": _boolean,
    "founding_year": _founding_year,
    "member_count": _integer,
    "umbrellas": _references,
    "public_fields": _public_fields,
    "confirmed_at": _datetime,
    "latitude": _coordinate,
    "longitude": _coordinate,
}


def value_labels(column: str, value: Any) -> Any:
    """Codes of ``column`` as the labels people know ("tr" → "Türkisch"); other values unchanged."""
    if column in TAG_COLUMNS:
        vocabulary = profile_fields.BY_NAME[column].vocabulary
        return [code_label(vocabulary, code) for code in value or []]
    if column in SINGLE_VOCABULARIES and value in SINGLE_VOCABULARIES[column].values:
        return code_label(SINGLE_VOCABULARIES[column], value)
    return value
