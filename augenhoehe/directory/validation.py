"""The rules every written profile is checked by: its place, its tags, its field values.

The services in ``services.py`` apply them to one profile or to many at once.
"""

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_countries import countries

from augenhoehe.core.models import Gemeinde, Kreis
from augenhoehe.core.selectors import gemeinde_candidates, gemeinde_candidates_many

from . import choices
from .models import COORDINATE_STEP, Organisation, Tag


class PlaceLookup(Protocol):
    def __call__(self, *, city: str, kreis: Kreis | None = None) -> list[Gemeinde]: ...


class Places:
    """``gemeinde_candidates``, each city (and Kreis) looked up once: a list of thousands
    of profiles names the same few hundred places again and again. For one batch of
    work only, as the Gemeinden do not change during it."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, str | None], list[Gemeinde]] = {}

    def __call__(self, *, city: str, kreis: Kreis | None = None) -> list[Gemeinde]:
        key = (city, None if kreis is None else kreis.pk)
        if key not in self._found:
            self._found[key] = gemeinde_candidates(city=city, kreis=kreis)
        return self._found[key]

    def preload(self, pairs: Iterable[tuple[str, Kreis | None]]) -> None:
        """Look up all these (city, Kreis) pairs at once, before they are asked for one by one."""
        # Anything else is left to the check, which explains it.
        pairs = [
            (c, k)
            for c, k in pairs
            if isinstance(c, str)
            and (k is None or isinstance(k, Kreis))
            and (c, None if k is None else k.pk) not in self._found
        ]
        for (city, kreis), found in gemeinde_candidates_many(pairs).items():
            self._found[(city, None if kreis is None else kreis.pk)] = found


def resolve_place(organisation: Organisation, places: PlaceLookup = gemeinde_candidates) -> None:
    """Set the Gemeinde (and so the Kreis) from the city, or explain why not.

    The Kreis is only needed where the city is ambiguous or not a Gemeinde
    (a part of town, say); a Kreis that contradicts the city is an error.
    ``places`` looks the city up (``Places`` remembers what it found, for many profiles).
    """
    if not organisation.city.strip():
        raise ValidationError({"city": Organisation._meta.get_field("city").error_messages["blank"]})
    kreis = organisation.kreis if organisation.kreis_id else None
    candidates = places(city=organisation.city, kreis=kreis)
    if kreis is not None and not candidates and places(city=organisation.city):
        raise ValidationError(
            {
                "city": _(
                    "„%(city)s“ liegt nicht im %(kreis)s. Bitte Ort oder Kreis korrigieren; "
                    "für einen Ortsteil geben Sie bitte die Gemeinde als Ort an."
                )
                % {"city": organisation.city, "kreis": kreis.display_name}
            }
        )
    if len(candidates) == 1:
        organisation.gemeinde = candidates[0]
        organisation.kreis = candidates[0].kreis
        return
    organisation.gemeinde = None
    if kreis is not None:
        return  # a part of town, or one of two same-named Gemeinden, in the Kreis the user chose
    if candidates:
        raise ValidationError(
            {
                "kreis": _("Mehrere Gemeinden heißen „%(city)s“. Bitte wählen Sie den Kreis.")
                % {"city": organisation.city}
            }
        )
    raise ValidationError(
        {
            "city": _(
                "Den Ort „%(city)s“ kennen wir nicht. Bitte prüfen Sie die Schreibweise oder wählen Sie den Kreis."
            )
            % {"city": organisation.city}
        }
    )


_SCHEMES = frozenset(Tag.Scheme.values)


@cache
def _codes(scheme: str) -> frozenset[str]:
    """The codes of a vocabulary (listing one translates every label, each time)."""
    if scheme == Tag.Scheme.COUNTRY:
        return frozenset(code for code, _name in countries)
    if scheme == "public_fields":
        return frozenset(choices.PublicField.values)
    return frozenset(choices.TAG_VOCABULARIES[scheme].values)


def clean_tags(tags: Mapping[str, Iterable[str]] | None) -> dict[str, list[str]]:
    """Known schemes and codes only, each once; anything else is a clear error."""
    cleaned: dict[str, list[str]] = {}
    for scheme, codes in (tags or {}).items():
        if scheme not in _SCHEMES:
            raise ValidationError({"tags": _("Unbekanntes Vokabular: %(scheme)s") % {"scheme": scheme}})
        unknown = sorted({str(code) for code in codes} - _codes(scheme))
        if unknown:
            raise ValidationError(
                {scheme: _("Unbekannte Werte: %(values)s") % {"values": ", ".join(unknown)}}
            )
        cleaned[scheme] = sorted(set(codes))
    return cleaned


def clean_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = dict(fields)
    if "public_fields" in cleaned:
        values = set(cleaned["public_fields"] or [])
        if unknown := values - _codes("public_fields"):
            raise ValidationError(
                {"public_fields": _("Unbekannte Werte: %(values)s") % {"values": ", ".join(sorted(unknown))}}
            )
        cleaned["public_fields"] = sorted(values)
    for name in ("latitude", "longitude"):
        if name in cleaned:
            cleaned[name] = coordinate(name, cleaned[name])
    return cleaned


def coordinate(name: str, value: Any) -> Decimal | None:
    """A coordinate (number or text) rounded to the six places stored; the model checks the range."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise ValidationError({name: _("Bitte geben Sie eine Zahl an, z. B. 51.9065.")})
    if abs(number) >= 1000:
        return number  # far out of range (and too long to round): the range check reports it
    return number.quantize(COORDINATE_STEP, rounding=ROUND_HALF_UP)
