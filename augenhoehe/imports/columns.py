"""The columns an import understands, and which of a file's headings means which.

The targets are the export's columns (FORMAT.md), so an export reads back
unchanged, plus "PLZ und Ort" in one cell as many office lists have it.
Headings are matched after folding (umlauts, case, punctuation), against the
column keys, the labels in every UI language (the headings of the export's
layout for people), and the names offices use.
"""

import re
from functools import lru_cache

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.text import fold
from augenhoehe.directory import profile_fields
from augenhoehe.interchange import people
from augenhoehe.interchange.format import COLUMNS

IGNORE = ""
POSTAL_CODE_CITY = "postal_code_city"
# Derived from the place on import; an export carries them for readers, not for writing back.
DERIVED = ("gemeinde_ags", "land")

_EXTRA_LABELS = {
    "id": _("ID in Augenhöhe"),
    POSTAL_CODE_CITY: _("PLZ und Ort in einer Zelle"),
    "kreis_ags": _("Kreis (Name oder Schlüssel)"),
    "umbrellas": _("Mitglied in Dachverbänden (IDs oder Namen)"),
}

# Headings seen in office lists, besides the column keys and the labels in German and English.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "nr augenhoehe"),
    "name": (
        "organisation", "organisationsname", "name der organisation", "name organisation", "verein",
        "vereinsname", "name des vereins", "migrantenorganisation", "mso", "einrichtung", "organization",
        "organization name", "organisation name", "bezeichnung",
    ),
    "short_name": ("kurzbezeichnung", "abkurzung", "kurzel", "acronym", "short name"),
    "kind": ("art", "art der organisation", "organisationsart", "vereinsart", "typ", "type", "kind"),
    "description": ("kurzbeschreibung", "angebot", "angebote", "tatigkeit", "about", "beschreibung"),
    "street": ("strasse", "str", "strasse hausnummer", "strasse nr", "adresse", "anschrift", "address"),
    "postal_code": ("plz", "postleitzahl", "zip", "zip code", "postcode", "postal code"),
    "city": ("ort", "stadt", "gemeinde", "sitz", "town", "city", "place"),
    POSTAL_CODE_CITY: ("plz ort", "plz und ort", "postleitzahl ort", "postleitzahl und ort", "plz stadt"),
    "kreis_ags": ("kreis", "landkreis", "kreis ags", "kreisschlussel", "district"),
    "email": ("e mail", "email", "mail", "e mail adresse", "emailadresse", "email address"),
    "phone": ("telefon", "tel", "telefonnummer", "fon", "phone", "telephone"),
    "website": ("webseite", "homepage", "internet", "internetseite", "internetadresse", "url", "web"),
    "contact_person": (
        "ansprechpartner", "ansprechpartnerin", "ansprechpartner in", "ansprechperson", "kontakt",
        "kontaktperson", "contact", "contact person",
    ),
    "legal_form": ("rechtsform",),
    "charitable": ("gemeinnutzig", "gemeinnutzigkeit"),
    "founding_year": ("gegrundet", "grundung", "grundungsjahr", "grundungsdatum", "founded"),
    "member_count": ("mitgliederzahl", "anzahl mitglieder", "mitglieder anzahl", "members"),
    "languages": ("sprache", "sprachen", "arbeitssprachen", "languages"),
    "countries": ("herkunftslander", "herkunftsland", "herkunft", "community", "communities", "countries"),
    "fields": ("tatigkeitsfelder", "handlungsfelder", "arbeitsfelder", "themen", "fields"),
    "target_groups": ("zielgruppe", "zielgruppen", "target groups"),
    "functions": ("funktion", "funktionen"),
    "umbrellas": ("dachverband", "dachverbande", "mitglied in"),
    "is_published": ("veroffentlicht", "published"),
    "confirmed_at": ("bestatigt am", "stand", "aktualisiert"),
}  # fmt: skip

_NOT_A_WORD = re.compile(r"[\W_]+")


def targets() -> list[tuple[str, str]]:
    """Every column a heading can be mapped to, as (key, label), in the export's order."""
    columns = [c for c in COLUMNS if c not in DERIVED]
    columns.insert(columns.index("city") + 1, POSTAL_CODE_CITY)
    return [(column, str(label_of(column))) for column in columns]


def label_of(column: str):
    """The label the mapping page shows for ``column`` (the registry's, or the import's wording)."""
    if column in _EXTRA_LABELS:
        return _EXTRA_LABELS[column]
    return profile_fields.BY_NAME[column].get_label()


def _names_of(column: str) -> list:
    """Every label ``column`` goes by: on the mapping page, on the profile form and in the history."""
    field = profile_fields.BY_NAME.get(column)
    names = [label_of(column)]
    if field is not None:
        names += [field.get_label(), field.get_history_label()]
        if field.model_field is not None:
            names.append(field.model_field.verbose_name)
    return names


def heading_key(heading: str) -> str:
    """A heading as it is compared: "E-Mail-Adresse:" → "e mail adresse"."""
    return _NOT_A_WORD.sub(" ", fold(heading)).strip()


@lru_cache(maxsize=1)
def _known_headings() -> dict[str, str]:
    known: dict[str, str] = {}
    columns = [c for c, _label in targets()]
    # Labels in every UI language (the export's layout for people writes them), English
    # and German last: where labels collide, the German one wins, then the English one.
    languages = [language for language in people.ui_languages() if language not in ("en", "de")]
    for language in [*languages, "en", "de"]:
        with translation.override(language):
            for column in columns:
                for name in reversed(_names_of(column)):  # the mapping page's label wins
                    known[heading_key(str(name))] = column
    for column, spellings in _SYNONYMS.items():
        known.update((heading_key(spelling), column) for spelling in spellings)
    known.update((heading_key(column), column) for column in columns)
    known.update((column, IGNORE) for column in DERIVED)
    return known


def suggest_mapping(headers: list[str]) -> list[str]:
    """For each heading, the column it most likely means, or ``IGNORE``; each column at most once."""
    known = _known_headings()
    taken: set[str] = set()
    mapping = []
    for heading in headers:
        column = known.get(heading_key(heading), IGNORE)
        if column in taken:
            column = IGNORE
        taken.add(column)
        mapping.append(column)
    return mapping
