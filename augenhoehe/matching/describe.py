"""A need in plain words: for its page, and as the goals of the cooperation started from it."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_countries import countries

from augenhoehe.core.languages import Language
from augenhoehe.directory.choices import Field, TargetGroup

from .choices import Format
from .models import Need


def _labels(codes: list[str], vocabulary) -> str:
    return ", ".join(str(vocabulary(code).label) for code in codes if code in vocabulary.values)


def place_label(need: Need) -> str:
    if need.gemeinde is not None:
        return need.gemeinde.name
    if need.kreis is not None:
        return need.kreis.display_name
    return ""


def need_facts(need: Need) -> list[tuple[str, str]]:
    """(label, value) for every part of the need that is filled in, in the form's order."""
    facts = [
        (_("Zielgruppe"), _labels(need.target_groups, TargetGroup)),
        (_("Sprachen"), _labels(need.languages, Language)),
        (_("Communities / Herkunftsländer"), ", ".join(str(countries.name(code)) for code in need.countries)),
        (_("Ort"), place_label(need)),
        (_("Tätigkeitsfelder"), _labels(need.fields, Field)),
        (_("Format"), str(Format(need.format).label) if need.format in Format.values else ""),
        (_("Datum"), date_format(need.wanted_on, "SHORT_DATE_FORMAT") if need.wanted_on else ""),
    ]
    return [(label, value) for label, value in facts if value]


def need_title(need: Need) -> str:
    """A short name for lists: the format and the place, or the start of the description."""
    parts = [value for label, value in need_facts(need)[:4] if value]
    if need.format in Format.values:
        parts.insert(0, str(Format(need.format).label))
    return " · ".join(parts[:3]) or need.description[:80]


def need_goals(need: Need) -> str:
    """The network's goals for a cooperation started from ``need``: its facts in words. Not its
    description, which may name a person and is erased with the need's other personal data; the
    cooperation's page shows it from the need (``sections``)."""
    return "\n".join(f"{label}: {value}" for label, value in need_facts(need))
