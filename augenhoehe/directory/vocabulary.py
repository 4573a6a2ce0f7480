"""Recognising a value of a vocabulary as people write it: "e.V.", "Farsi", "Türkiye", "fas".

Every vocabulary is looked up by a folded key (case, umlauts and their
transliterations, diacritics, punctuation and spaces dropped). The keys are
its codes, its labels in every UI language, the spellings in ``synonyms.py``,
and for languages and countries the names CLDR gives in every UI language
(Babel) with their ISO codes. A key may name several values: then the value
is ambiguous and the caller asks which one is meant, rather than guessing.
"""

import re
from functools import lru_cache

from babel import Locale
from babel.core import get_global
from django.conf import settings
from django.db import models
from django.utils import translation
from django_countries import countries

from augenhoehe.core.languages import Language
from augenhoehe.core.text import fold

from .synonyms import AMBIGUOUS, COUNTRY_AMBIGUOUS, COUNTRY_VARIANTS, LANGUAGE_VARIETIES, SYNONYMS

_NOT_A_LETTER = re.compile(r"[\W_]+")
# Which names win where two values share a spelling: a declared ambiguity, then codes and the
# German and English labels, then everything else (synonyms, CLDR, Turkish and Arabic labels).
_DECLARED, _PRIMARY, _SECONDARY = 0, 1, 2


@lru_cache(maxsize=65536)
def lookup_key(text: str) -> str:
    """``text`` as it is compared: "e. V." → "ev", "Türkiye" → "turkiye".

    Cached: a list repeats the same few spellings in thousands of rows."""
    return _NOT_A_LETTER.sub("", fold(text))


def ui_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class _Table:
    """Keys → codes, where a spelling of a higher rank replaces those of lower ones."""

    def __init__(self, order: list[str]):
        self.order = {code: position for position, code in enumerate(order)}
        self.entries: dict[str, tuple[int, set[str]]] = {}

    def add(self, text: str, code: str, rank: int) -> None:
        key = lookup_key(text)
        if not key or code not in self.order:
            return
        stored = self.entries.get(key)
        if stored is None or rank < stored[0]:
            self.entries[key] = (rank, {code})
        elif rank == stored[0]:
            stored[1].add(code)

    def result(self) -> dict[str, tuple[str, ...]]:
        return {
            key: tuple(sorted(codes, key=self.order.__getitem__))
            for key, (_rank, codes) in self.entries.items()
        }


def recognise(vocabulary, text: str) -> tuple[str, ...]:
    """The codes ``text`` may mean: none (unknown), one (recognised) or several (ambiguous).

    ``vocabulary`` is a ``TextChoices`` class or django-countries' ``countries``.
    """
    return lookup_table(vocabulary).get(lookup_key(text), ())


def lookup_table(vocabulary) -> dict[str, tuple[str, ...]]:
    if vocabulary is countries:
        return _country_table()
    return _vocabulary_table(vocabulary)


def _labels(vocabulary: type[models.TextChoices], table: _Table) -> None:
    for language in ui_languages():
        rank = _PRIMARY if language in ("de", "en") else _SECONDARY
        with translation.override(language):
            for code, label in vocabulary.choices:
                table.add(str(label), code, rank)


@lru_cache(maxsize=32)
def _vocabulary_table(vocabulary: type[models.TextChoices]) -> dict[str, tuple[str, ...]]:
    table = _Table(list(vocabulary.values))
    for code in vocabulary.values:
        table.add(code, code, _PRIMARY)
    _labels(vocabulary, table)
    for code, spellings in SYNONYMS.get(vocabulary, {}).items():
        for spelling in spellings:
            table.add(spelling, code, _SECONDARY)
    if vocabulary is Language:
        _cldr_languages(table)
    for spelling, codes in AMBIGUOUS.get(vocabulary, {}).items():
        for code in codes:
            table.add(spelling, code, _DECLARED)
    return table.result()


def _cldr_languages(table: _Table) -> None:
    """Names of each language in every UI language, and its ISO 639-2/-3 codes, from CLDR."""
    ours = list(Language.values)
    for code, target in get_global("language_aliases").items():
        if target in ours and len(code) == 3:
            table.add(code, target, _SECONDARY)  # "deu", "ger", "fas", "tur" …
    for language in ui_languages():
        names = Locale.parse(language).languages
        for code in ours:
            for variety in (code, *LANGUAGE_VARIETIES.get(code, ())):
                if names.get(variety):
                    table.add(names[variety], code, _SECONDARY)
            for variety in LANGUAGE_VARIETIES.get(code, ()):
                table.add(variety, code, _SECONDARY)


@lru_cache(maxsize=1)
def _country_table() -> dict[str, tuple[str, ...]]:
    """Country names from django-countries and CLDR in every UI language, alpha-2 and alpha-3 codes."""
    codes = [code for code, _name in countries]
    table = _Table(codes)
    for code in codes:
        table.add(code, code, _PRIMARY)
        table.add(countries.alpha3(code) or "", code, _PRIMARY)
    for language in ui_languages():
        rank = _PRIMARY if language in ("de", "en") else _SECONDARY
        with translation.override(language):
            for code, name in countries:
                table.add(str(name), code, rank)
        territories = Locale.parse(language).territories
        for code in codes:
            if territories.get(code):
                table.add(territories[code], code, _SECONDARY)
    for code, spellings in COUNTRY_VARIANTS.items():
        for spelling in spellings:
            table.add(spelling, code, _SECONDARY)
    for spelling, ambiguous in COUNTRY_AMBIGUOUS.items():
        for code in ambiguous:
            table.add(spelling, code, _DECLARED)
    return table.result()
