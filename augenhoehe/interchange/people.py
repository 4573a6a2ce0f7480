"""The layout for people (FORMAT.md, "Layout for people"): the export's columns as a person reads them.

Headings are the profile fields' labels in the reader's language; values are
vocabulary labels, yes/no words, dates and decimal numbers as that language
writes them, and lists separated by commas. Exports write this layout with the
active language; the import reads it back in every UI language, which is why
the words it uses for each language are declared here, once, for both sides.
"""

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_countries import countries

from augenhoehe.directory import profile_fields
from augenhoehe.directory.profile_fields import Kind, ProfileField

from . import excel

# The separator between the values of a list: the Arabic comma in Arabic, a comma otherwise.
_LIST_SEPARATORS = {"ar": "، "}
# Umbrellas are names, which may themselves hold commas: one per line.
NAME_SEPARATOR = "\n"


def ui_languages() -> list[str]:
    """The codes of the interface languages, German (the source language) last so that it wins ties."""
    codes = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    return [*codes, settings.LANGUAGE_CODE]


def heading(column: str) -> str:
    """The heading of ``column`` in the active language: the label the profile form and page use."""
    return capfirst(str(profile_fields.BY_NAME[column].get_label()))


def list_separator() -> str:
    return _LIST_SEPARATORS.get(translation.get_language() or "", ", ")


def datetime_format() -> str:
    """``strftime`` format of a date and time in the active language (the first one its forms accept)."""
    return formats.get_format("DATETIME_INPUT_FORMATS")[0].replace(":%S", "")


@lru_cache(maxsize=1)
def datetime_read_formats() -> tuple[str, ...]:
    """Every format ``datetime_format`` writes in some UI language, to read any of them back."""
    found: list[str] = []
    for language in ui_languages():
        with translation.override(language):
            if (format := datetime_format()) not in found:
                found.append(format)
    return tuple(found)


def yes_no(value: bool) -> str:
    return _("ja") if value else _("nein")


@lru_cache(maxsize=128)
def _labels(vocabulary: Any, language: str | None) -> dict[Any, str]:
    """Code → label of ``vocabulary`` (``bool`` for yes/no) in ``language``: an export asks
    for them in every cell, so they are translated once per language."""
    with translation.override(language):
        if vocabulary is bool:
            return {True: yes_no(True), False: yes_no(False)}
        pairs = countries if vocabulary is countries else vocabulary.choices
        return {code: str(label) for code, label in pairs}


def label(vocabulary: Any, code: Any) -> str:
    """The label of ``code`` in the active language; an unknown code stays as it is."""
    return _labels(vocabulary, translation.get_language()).get(code, str(code))


@lru_cache(maxsize=1)
def yes_no_words() -> dict[str, bool]:
    """The yes/no words of every UI language, lower-cased, as the import accepts them."""
    words: dict[str, bool] = {}
    for language in ui_languages():
        with translation.override(language):
            words |= {yes_no(True).lower(): True, yes_no(False).lower(): False}
    return words


def labels_in_every_language(vocabulary: Any) -> Iterator[tuple[str, str]]:
    """(code, label) of every value of ``vocabulary`` (TextChoices or ``countries``) in every UI language."""
    for language in ui_languages():
        with translation.override(language):
            if vocabulary is countries:
                yield from ((code, str(name)) for code, name in countries)
            else:
                yield from ((code, str(label)) for code, label in vocabulary.choices)


def decimal_text(value: Decimal) -> str:
    """A coordinate with the six places stored and the active language's decimal separator."""
    return f"{value:.6f}".replace(".", formats.get_format("DECIMAL_SEPARATOR"))


def csv_delimiter() -> str:
    """The list separator Excel expects with the active language: ";" where the decimal separator is ","."""
    return ";" if formats.get_format("DECIMAL_SEPARATOR") == "," else ","


def cell_value(field: ProfileField, value: Any) -> Any:
    """``value`` of ``field`` for a person: labels, yes/no, joined lists; numbers, coordinates
    and times stay typed (a workbook keeps them as such; ``cell_text`` writes them as text)."""
    if value is None or value == "" or value == []:
        return None
    if field.kind == Kind.BOOLEAN:
        return label(bool, bool(value))
    if field.kind == Kind.CHOICE:
        return label(field.vocabulary, value)
    if field.kind in (Kind.TAGS, Kind.CODES):
        return list_separator().join(label(field.vocabulary, code) for code in value)
    if field.kind == Kind.REFERENCES:
        return NAME_SEPARATOR.join(str(name) for name in value)
    return value


def cell_text(field: ProfileField, value: Any) -> str:
    """``value`` of ``field`` as the text of a CSV cell in the layout for people."""
    value = cell_value(field, value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime(datetime_format())
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, str):
        # The file is for Excel: "+49 …", "=…" or "01067" must stay text (import: ``excel.unprotect``).
        return excel.protect(value)
    return str(value)
