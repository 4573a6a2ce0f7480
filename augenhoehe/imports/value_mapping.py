"""Cells of vocabulary columns: recognised values, and those the user maps in the value step.

A cell is recognised whole ("Kurdisch (Soranî)") or split into its values
("Deutsch, Farsi"). A value that is unknown or ambiguous ("Kurdisch") is shown
once in the value step, with its count and rows; the user maps it to a value
of its column, to a value of another column (a kind column's "Bildung" is the
field "Bildung"), or to nothing. Mappings are "column:code" ("" = ignore),
keyed by column and the value's lookup key, and the row check applies them.
"""

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.db import models
from django_countries import countries

from augenhoehe.directory import profile_fields
from augenhoehe.directory.profile_fields import Kind, code_label
from augenhoehe.directory.vocabulary import lookup_key, recognise
from augenhoehe.interchange.format import TAG_COLUMNS

from .columns import label_of

# Read by the field's kind in the registry: one code of a vocabulary, or several (tags).
SINGLE_VOCABULARIES: dict[str, type[models.TextChoices]] = {
    field.name: field.vocabulary for field in profile_fields.EXPORT_FIELDS if field.kind == Kind.CHOICE
}
VOCABULARY_COLUMNS: dict[str, Any] = {
    **SINGLE_VOCABULARIES,
    **{column: profile_fields.BY_NAME[column].vocabulary for column in TAG_COLUMNS},
}
# Columns whose values lists mix up: a value of one may be meant as a value of another.
MIXABLE = ("kind", "self_understanding", "svr_type", "functions", "fields", "target_groups")
# Values longer than this are no spelling of a vocabulary value; they stay errors of their rows.
MAX_VALUE_LENGTH = 100
# Distinct values the step shows at most; the others stay errors of their rows.
MAX_SHOWN = 100
ROWS_SHOWN = 5
IGNORE_VALUE = "-"
# Not mapped now: the value stays an error of its rows (and nothing is kept for the network).
LEAVE_VALUE = "?"

_SEPARATORS = re.compile(r"\s*[|;,،\n]\s*")  # "،": the Arabic comma
# The most parts a label falls into at its commas ("St. Helena, Ascension und Tristan da Cunha": 2).
_MOST_PARTS_OF_A_LABEL = 3


def split(text: str) -> list[str]:
    return [part for part in _SEPARATORS.split(text) if part]


@lru_cache(maxsize=65536)
def cell_parts(column: str, text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The values of a cell with the codes each may mean (none: unknown; several: ambiguous).

    Cached: the cells of a vocabulary column repeat a few spellings in thousands of rows."""
    vocabulary = VOCABULARY_COLUMNS[column]
    whole = recognise(vocabulary, text)
    if len(whole) == 1:
        return ((text, whole),)
    parts = split(text)
    if len(parts) <= 1:
        return ((text, whole),)
    found = []
    while parts:
        part, codes, used = _leading_value(vocabulary, parts)
        found.append((part, codes))
        parts = parts[used:]
    return tuple(found)


def _leading_value(vocabulary: Any, parts: list[str]) -> tuple[str, tuple[str, ...], int]:
    """The first of ``parts`` with its codes, or the first few joined where a label holds commas
    ("Bonaire, Sint Eustatius und Saba"), and how many parts it took."""
    for count in range(1, min(len(parts), _MOST_PARTS_OF_A_LABEL) + 1):
        joined = ", ".join(parts[:count])
        if codes := recognise(vocabulary, joined):
            return joined, codes, count
    return parts[0], (), 1


def target_columns(column: str) -> tuple[str, ...]:
    """The columns a value of ``column`` may be mapped to, its own first."""
    if column not in MIXABLE:
        return (column,)
    return (column, *(other for other in MIXABLE if other != column))


def target_options(column: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Choices for a value of ``column``, grouped by column: ("Art", [("kind:cultural", "Kulturverein")])."""
    return [
        (str(label_of(other)), [(f"{other}:{code}", label) for code, label in _choices(other)])
        for other in target_columns(column)
    ]


def _choices(column: str) -> list[tuple[str, str]]:
    vocabulary = VOCABULARY_COLUMNS[column]
    if vocabulary is countries:
        return [(code, str(name)) for code, name in countries]
    return [(code, str(label)) for code, label in vocabulary.choices]


def target_label(target: str) -> str:
    """ "fields:education" → "Tätigkeitsfelder: Bildung"; "" → ""."""
    column, _sep, code = target.partition(":")
    if column not in VOCABULARY_COLUMNS:
        return ""
    return f"{label_of(column)}: {code_label(VOCABULARY_COLUMNS[column], code)}"


def is_target_of(column: str, target: str) -> bool:
    """Whether ``target`` ("fields:education") is a value a value of ``column`` may be mapped to."""
    other, _sep, code = target.partition(":")
    if other not in target_columns(column):
        return False
    vocabulary = VOCABULARY_COLUMNS[other]
    return code in (countries.countries if vocabulary is countries else vocabulary.values)


def candidates(column: str, value: str, codes: tuple[str, ...]) -> list[str]:
    """What an unknown or ambiguous value probably means: its own candidates, else other columns' values."""
    if codes:
        return [f"{column}:{code}" for code in codes]
    found = []
    for other in target_columns(column)[1:]:
        found += [f"{other}:{code}" for code in recognise(VOCABULARY_COLUMNS[other], value)]
    return found


def unknown_values(
    rows: Iterable[tuple[int, list[str]]], mapping: list[str], kept: dict[str, dict[str, str]]
) -> dict[str, Any]:
    """Each distinct value of a vocabulary column that is not recognised, once, with its count and
    first rows: ``{"values": [...], "hidden": n}``, those without a kept mapping first, capped."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    too_long: set[tuple[str, str]] = set()
    columns = [(index, column) for index, column in enumerate(mapping) if column in VOCABULARY_COLUMNS]
    for number, cells in rows:
        for index, column in columns:
            if index >= len(cells) or not cells[index]:
                continue
            for part, codes in cell_parts(column, cells[index]):
                if len(codes) == 1 or not (key := lookup_key(part)):
                    continue
                if len(part) > MAX_VALUE_LENGTH:
                    too_long.add((column, key))
                    continue
                entry = found.get((column, key))
                if entry is None:
                    entry = found[(column, key)] = {
                        "column": column,
                        "value": part,
                        "key": key,
                        "codes": list(codes),
                        "count": 0,
                        "rows": [],
                        "kept": kept.get(column, {}).get(key),
                    }
                entry["count"] += 1
                if len(entry["rows"]) < ROWS_SHOWN:
                    entry["rows"].append(number)
    position = {column: index for index, column in columns}
    ordered = sorted(
        found.values(),
        key=lambda e: (e["kept"] is not None, position[e["column"]], -e["count"], e["key"]),
    )
    shown = ordered[:MAX_SHOWN]
    for entry in shown:
        entry["candidates"] = candidates(entry["column"], entry["value"], tuple(entry.pop("codes")))
    return {"values": shown, "hidden": len(ordered) - len(shown) + len(too_long)}


def all_kept(found: dict[str, Any]) -> bool:
    """Whether the network's kept mappings cover every value the step would show (values too long
    to map stay errors of their rows either way)."""
    return all(entry["kept"] is not None for entry in found["values"])
