"""The profile page's sections for one reader, built from the field registry.

Which fields appear is ``profile_fields.visible_fields``'s answer; this module
only says how they are laid out for a person (several fields may make one line,
such as the address).
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import Organisation
from .profile_fields import BY_NAME, visible_fields

# The order in which the vocabularies of a profile are listed.
TAG_ORDER = ("fields", "target_groups", "languages", "countries", "functions")


@dataclass(frozen=True)
class Fact:
    """One line of a section: a label and its values (several for chips or lines)."""

    label: Any
    values: list[str]
    fields: tuple[str, ...]  # the registry fields it shows
    href: str = ""
    rel: str = ""
    ltr: bool = False  # phone numbers, e-mail addresses, URLs, coordinates: left to right in every page
    chips: bool = False


@dataclass(frozen=True)
class ReaderSection:
    key: str
    title: Any
    facts: list[Fact] = field(default_factory=list)
    badge: dict[str, str] | None = None
    wide: bool = False

    @property
    def fields(self) -> set[str]:
        """The registry fields the section shows."""
        shown = {name for fact in self.facts for name in fact.fields}
        return shown | {self.badge["field"]} if self.badge else shown


def _text(organisation: Organisation, name: str) -> str:
    return BY_NAME[name].display(getattr(organisation, BY_NAME[name].model_attribute))


def _fact(name: str, values: list[str], *, also: tuple[str, ...] = (), **kwargs) -> Fact:
    """A line showing the field ``name`` (and the fields ``also``), under the field's label."""
    return Fact(BY_NAME[name].get_label(), values, (name, *also), **kwargs)


def _contact(o: Organisation, shown: frozenset[str]) -> ReaderSection:
    street = "street" in shown and bool(o.street)
    address = ([o.street] if street else []) + [f"{o.postal_code} {o.city}" if o.postal_code else o.city]
    facts = [
        Fact(_("Adresse"), address, ("street", "postal_code", "city") if street else ("postal_code", "city"))
    ]
    if "latitude" in shown and o.latitude is not None and o.longitude is not None:
        text = f"{_text(o, 'latitude')}, {_text(o, 'longitude')}"
        geo = "geo:" + text.replace(" ", "")
        facts.append(Fact(_("Koordinaten"), [text], ("latitude", "longitude"), href=geo, ltr=True))
    if "contact_person" in shown and o.contact_person:
        facts.append(_fact("contact_person", [o.contact_person]))
    if "email" in shown and o.email:
        facts.append(_fact("email", [o.email], href=f"mailto:{o.email}", ltr=True))
    if "phone" in shown and o.phone:
        facts.append(_fact("phone", [o.phone], href=f"tel:{o.phone}", ltr=True))
    if "website" in shown and o.website:
        facts.append(_fact("website", [o.website], href=o.website, rel="noopener nofollow", ltr=True))
    return ReaderSection("contact", _("Kontakt"), facts)


def _focus(o: Organisation, shown: frozenset[str], tags: dict[str, list[str]]) -> ReaderSection:
    facts = []
    for name in TAG_ORDER:
        tag_field = BY_NAME[name]
        labels = sorted(tag_field.display([code]) for code in tags.get(tag_field.scheme, []))
        if name in shown and labels:
            facts.append(_fact(name, labels, chips=True))
    if "level" in shown and o.level:
        active_in = ("active_in",) if "active_in" in shown and o.active_in else ()
        level = ", ".join(_text(o, name) for name in ("level", *active_in))
        facts.append(_fact("level", [level], also=active_in))
    # Religious or political orientation (Art. 9 GDPR): shown where the registry says the reader may.
    if "self_understanding" in shown and o.self_understanding:
        facts.append(_fact("self_understanding", [_text(o, "self_understanding")]))
    if "svr_type" in shown and o.svr_type:
        facts.append(_fact("svr_type", [_text(o, "svr_type")]))
    return ReaderSection("focus", _("Schwerpunkte"), facts)


def _organisation(o: Organisation, shown: frozenset[str]) -> ReaderSection:
    facts = []
    if "legal_form" in shown and o.legal_form:
        charitable = ("charitable",) if "charitable" in shown and o.charitable else ()
        legal = _text(o, "legal_form") + (f", {_('gemeinnützig')}" if charitable else "")
        facts.append(_fact("legal_form", [legal], also=charitable))
    if "founding_year" in shown and o.founding_year:
        facts.append(Fact(_("Gegründet"), [str(o.founding_year)], ("founding_year",)))
    for name in ("staffing", "volunteers", "employees"):
        if name in shown and getattr(o, name):
            facts.append(_fact(name, [_text(o, name)]))
    if "member_count" in shown and o.member_count is not None:
        facts.append(_fact("member_count", [str(o.member_count)]))
    return ReaderSection("organisation", _("Organisation"), facts)


def _criteria(o: Organisation, shown: frozenset[str]) -> ReaderSection | None:
    if "criteria_result" not in shown:
        return None
    names = ("criterion_aims", "criterion_members", "criterion_structures")
    facts = [_fact(name, [_text(o, name)]) for name in names if name in shown]
    badge = {"code": o.criteria_result, "label": _text(o, "criteria_result"), "field": "criteria_result"}
    return ReaderSection("criteria", BY_NAME["criteria_result"].get_label(), facts, badge=badge, wide=True)


def profile_sections(
    *, organisation: Organisation, viewer, tags: dict[str, list[str]]
) -> list[ReaderSection]:
    """The sections of the profile page ``viewer`` reads; a section without facts is left out
    (the contact section always has the place)."""
    shown = visible_fields(viewer, organisation)
    sections = [
        _contact(organisation, shown),
        _focus(organisation, shown, tags),
        _organisation(organisation, shown),
        _criteria(organisation, shown),
    ]
    return [section for section in sections if section is not None and section.facts]
