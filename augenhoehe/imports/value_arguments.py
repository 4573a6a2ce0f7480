"""The value step on the command line: ``--map-value COLUMN:VALUE=COLUMN:CODE`` and ``--value-map FILE``."""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from augenhoehe.directory.vocabulary import lookup_key, recognise
from augenhoehe.interchange.format import TAG_COLUMNS

from .columns import label_of
from .value_mapping import IGNORE_VALUE, LEAVE_VALUE, VOCABULARY_COLUMNS, is_target_of, target_label

# A column by its key ("fields") or by its tag scheme ("field"), as FORMAT.md and the API name them.
_COLUMN_NAMES = {str(scheme): column for column, scheme in TAG_COLUMNS.items()}


def value_arguments(items: list[str], file: Path | None) -> dict[tuple[str, str], str]:
    """``{(column, lookup key): "column:code" or IGNORE_VALUE}`` from the arguments; refuses what
    it cannot read, naming the argument."""
    lines = list(items)
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from error
        lines += [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    given: dict[tuple[str, str], str] = {}
    for item in lines:
        source, separator, target = item.partition("=")
        column, colon, value = source.partition(":")
        column = _COLUMN_NAMES.get(column.strip(), column.strip())
        if not separator or not colon or column not in VOCABULARY_COLUMNS or not lookup_key(value):
            raise CommandError(
                _("--map-value %(value)s: erwartet wird SPALTE:WERT=SPALTE:CODE.") % {"value": item}
            )
        given[(column, lookup_key(value))] = _target(column, target.strip(), item)
    return given


def _target(column: str, text: str, item: str) -> str:
    if not text:
        return IGNORE_VALUE
    other, colon, code = text.partition(":")
    other = _COLUMN_NAMES.get(other.strip(), other.strip()) if colon else column
    code = code if colon else text
    codes = recognise(VOCABULARY_COLUMNS[other], code) if other in VOCABULARY_COLUMNS else ()
    if len(codes) != 1 or not is_target_of(column, f"{other}:{codes[0]}"):
        raise CommandError(
            _("--map-value %(value)s: „%(target)s“ ist kein Wert, dem diese Spalte zugeordnet werden kann.")
            % {"value": item, "target": text}
        )
    return f"{other}:{codes[0]}"


def resolve_values(
    entries: list[dict[str, Any]], given: dict[tuple[str, str], str], *, leave: bool = False
) -> tuple[dict[int, str], list[dict[str, Any]]]:
    """The choice for each value of the step (given, else kept by the network), and those with none;
    with ``leave`` those stay errors of their rows instead."""
    choices: dict[int, str] = {}
    missing = []
    for index, entry in enumerate(entries):
        chosen = given.get((entry["column"], entry["key"]))
        if chosen is None and entry.get("kept") is not None:
            chosen = entry["kept"] or IGNORE_VALUE
        if chosen is None and leave:
            chosen = LEAVE_VALUE
        if chosen is None:
            missing.append(entry)
        else:
            choices[index] = chosen
    return choices, missing


def describe_value(entry: dict[str, Any]) -> str:
    """One unknown value for the terminal: where, how often, and what it probably means."""
    rows = ", ".join(str(number) for number in entry["rows"])
    if entry["count"] > len(entry["rows"]):
        rows += " …"
    text = _("%(column)s (%(key)s): „%(value)s“, %(count)s-mal, Zeilen %(rows)s") % {
        "column": label_of(entry["column"]),
        "key": entry["column"],
        "value": entry["value"],
        "count": entry["count"],
        "rows": rows,
    }
    if entry.get("candidates"):
        text += "; " + _("Vorschläge: %(targets)s") % {
            "targets": ", ".join(f"{target} ({target_label(target)})" for target in entry["candidates"])
        }
    return text
