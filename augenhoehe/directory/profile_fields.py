"""Every field of an organisation profile, declared once.

Each ``ProfileField`` says what the field is called (label, help text, history
label), which values it takes (vocabulary; validators live on the model field),
who may read it (``group``), how it reads for a person (``display``), how it is
written as an export column (``value``) and whether it holds personal data.
The profile form, the profile page, the API, the exports, the vCard, the
history and the import derive from this list, and ``visible_fields`` is the
one place that decides which of them a reader sees.

The order is the form's and the page's; the export keeps its own column order
(``EXPORT_COLUMNS``), which is part of its file format.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from augenhoehe.core.languages import Language

from . import choices
from .models import Organisation, Tag, degrees_text
from .permissions import visible_field_groups

# Groups besides the optional ones of ``choices.PublicField``.
PUBLIC = "public"  # shown wherever the profile itself is visible
EDITORS = "editors"  # only for those who may edit the profile (publication settings)

EMPTY = "—"


class Kind(models.TextChoices):
    """How a value is stored, and so how it reads and is written."""

    ID = "id"
    TEXT = "text"
    CHOICE = "choice"
    BOOLEAN = "boolean"
    NUMBER = "number"
    COORDINATE = "coordinate"
    PLACE = "place"
    TAGS = "tags"
    REFERENCES = "references"
    CODES = "codes"
    DATETIME = "datetime"


class Section(models.TextChoices):
    """The parts of the profile form."""

    BASICS = "basics", _("Grunddaten")
    CONTACT = "contact", _("Adresse und Kontakt")
    FOCUS = "focus", _("Schwerpunkte")
    ORGANISATION = "organisation", _("Organisation und Personal")
    CRITERIA = "criteria", _("MSO-Kriterien (nach bpb 2013)")
    PUBLICATION = "publication", _("Veröffentlichung")


@dataclass(frozen=True)
class Related:
    """What a profile's values need besides its own row: tag codes per scheme, umbrella ids."""

    tags: Mapping[str, Iterable[str]]
    umbrellas: Iterable[int] = ()


@dataclass(frozen=True)
class ProfileField:
    name: str  # key in the export, the API and the import; stable
    kind: str = Kind.TEXT
    group: str = PUBLIC  # a choices.PublicField value, PUBLIC or EDITORS
    attribute: str = ""  # the model attribute; default: ``name``
    vocabulary: Any = None  # TextChoices, or ``countries`` for ISO 3166 codes
    scheme: str = ""  # Tag.Scheme of a multi-valued vocabulary
    label: Promise | None = None  # default: the model field's verbose name
    help_text: Promise | None = None  # default: the model field's help text
    history_label: Promise | None = None  # default: the label
    form_field: str = ""  # name in the profile form; "" if not edited there
    section: str = ""  # Section of the profile form
    personal: bool = False  # may name or reach a person (redaction, erasure)
    exported: bool = True
    getter: Callable[[Organisation, Related], Any] | None = None

    @property
    def model_attribute(self) -> str:
        return self.attribute or self.name

    @property
    def model_field(self) -> models.Field | None:
        try:
            field = Organisation._meta.get_field(self.model_attribute.removesuffix("_id"))
        except FieldDoesNotExist:
            return None  # derived (criteria result) or a relation kept in another table
        # A reverse relation (another table's key to the organisation) is no field of the profile.
        return field if isinstance(field, models.Field) else None

    def get_label(self) -> str | Promise:
        if self.label is not None:
            return self.label
        if self.scheme:
            return Tag.Scheme(self.scheme).label
        field = self.model_field
        return field.verbose_name if field is not None else self.name

    def get_help_text(self) -> str | Promise:
        if self.help_text is not None:
            return self.help_text
        field = self.model_field
        return field.help_text if field is not None else ""

    def get_history_label(self) -> str | Promise:
        return self.history_label or self.get_label()

    def value(self, organisation: Organisation, related: Related) -> Any:
        """The typed value as the export writes it (lists of codes sorted, ids for references)."""
        if self.getter is not None:
            return self.getter(organisation, related)
        if self.kind == Kind.TAGS:
            return sorted(related.tags.get(self.scheme, ()))
        if self.kind == Kind.REFERENCES:
            return sorted(related.umbrellas)
        value = getattr(organisation, self.model_attribute)
        return sorted(value) if self.kind == Kind.CODES else value

    def display(self, value: Any) -> str:
        """``value`` as a person reads it: labels of codes, joined lists, ja/nein, dates."""
        if value is None or value == "" or value == []:
            return EMPTY
        if self.kind == Kind.BOOLEAN:
            return str(_("ja") if value else _("nein"))
        if self.kind == Kind.CHOICE:
            return code_label(self.vocabulary, value)
        if self.kind in (Kind.TAGS, Kind.CODES):
            return ", ".join(code_label(self.vocabulary, code) for code in value)
        if self.kind == Kind.COORDINATE:
            return degrees_text(Decimal(value))
        if self.kind == Kind.DATETIME:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else value
            return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
        return str(value)


def code_label(vocabulary: Any, code: str) -> str:
    """The label of a code in its vocabulary; an unknown code stays as it is."""
    if vocabulary is countries:
        return str(countries.name(code) or code)
    return str(vocabulary(code).label) if code in vocabulary.values else str(code)


def _gemeinde(organisation: Organisation, related: Related) -> str:
    return organisation.gemeinde_id or ""


def _land(organisation: Organisation, related: Related) -> str:
    return organisation.kreis.land_id


def _field(name: str, **kwargs) -> ProfileField:
    return ProfileField(name=name, form_field=kwargs.pop("form_field", name), **kwargs)


def _choice(name: str, vocabulary, **kwargs) -> ProfileField:
    return _field(name, kind=Kind.CHOICE, vocabulary=vocabulary, **kwargs)


def _tags(name: str, scheme: str, vocabulary, **kwargs) -> ProfileField:
    return _field(name, kind=Kind.TAGS, scheme=scheme, vocabulary=vocabulary, section=Section.FOCUS, **kwargs)


_B, _C, _F, _O = Section.BASICS, Section.CONTACT, Section.FOCUS, Section.ORGANISATION
_LEGAL, _STAFFING, _CRITERIA = (
    choices.PublicField.LEGAL,
    choices.PublicField.STAFFING,
    choices.PublicField.CRITERIA,
)

FIELDS: tuple[ProfileField, ...] = (
    ProfileField("id", kind=Kind.ID, attribute="pk", label=_("ID in Augenhöhe")),
    _field("name", section=_B),
    _field("short_name", section=_B),
    _choice("kind", choices.Kind, section=_B),
    # Art. 9 GDPR: religious or political orientation, public only where the organisation chose so.
    _choice(
        "self_understanding", choices.SelfUnderstanding, group=choices.PublicField.ORIENTATION, section=_B
    ),
    _choice("svr_type", choices.SvrType, section=_B),
    _field("description", section=_B),
    _field("street", group=choices.PublicField.STREET, section=_C, personal=True),
    _field("postal_code", section=_C),
    _field("city", section=_C),
    _field(
        "kreis_ags",
        kind=Kind.PLACE,
        attribute="kreis_id",
        form_field="kreis",
        section=_C,
        label=_("Kreis"),
        help_text=_("Nur nötig, wenn der Ort mehrdeutig oder ein Ortsteil ist."),
    ),
    # Coordinates locate the address as precisely as the street does.
    _field(
        "latitude",
        kind=Kind.COORDINATE,
        group=choices.PublicField.STREET,
        section=_C,
        help_text=_(
            "Optional, zusammen mit dem Längengrad: Grad nach WGS84, z. B. 51.9065 und 8.3784. "
            "Öffentlich nur, wenn auch Straße und Hausnummer öffentlich sind."
        ),
    ),
    _field("longitude", kind=Kind.COORDINATE, group=choices.PublicField.STREET, section=_C),
    ProfileField("gemeinde_ags", kind=Kind.PLACE, attribute="gemeinde_id", getter=_gemeinde),
    ProfileField("land", kind=Kind.PLACE, label=_("Land"), getter=_land),
    _field("email", group=choices.PublicField.EMAIL, section=_C, personal=True),
    _field("phone", group=choices.PublicField.PHONE, section=_C, personal=True),
    _field("website", group=choices.PublicField.WEBSITE, section=_C),
    _field("contact_person", group=choices.PublicField.CONTACT_PERSON, section=_C, personal=True),
    _tags("fields", Tag.Scheme.FIELD, choices.Field),
    _tags("target_groups", Tag.Scheme.TARGET_GROUP, choices.TargetGroup),
    _tags("languages", Tag.Scheme.LANGUAGE, Language),
    _tags("countries", Tag.Scheme.COUNTRY, countries, help_text=_("Mehrfachauswahl mit Strg bzw. ⌘.")),
    _tags("functions", Tag.Scheme.FUNCTION, choices.Function),
    _choice("level", choices.Level, section=_F),
    _choice("active_in", choices.ActiveIn, section=_F),
    _choice("legal_form", choices.LegalForm, group=_LEGAL, section=_O),
    _field("charitable", kind=Kind.BOOLEAN, group=_LEGAL, section=_O),
    _field("founding_year", kind=Kind.NUMBER, group=_LEGAL, section=_O),
    _choice("staffing", choices.Staffing, group=_STAFFING, section=_O),
    _choice("volunteers", choices.VolunteersBand, group=_STAFFING, section=_O),
    _choice("employees", choices.EmployeesBand, group=_STAFFING, section=_O),
    _field("member_count", kind=Kind.NUMBER, group=_STAFFING, section=_O),
    _field(
        "umbrellas",
        kind=Kind.REFERENCES,
        section=_O,
        label=_("Mitglied in Dachverbänden"),
        history_label=_("Dachverbände"),
    ),
    _choice("criterion_aims", choices.Criterion, group=_CRITERIA, section=Section.CRITERIA),
    _choice("criterion_members", choices.Criterion, group=_CRITERIA, section=Section.CRITERIA),
    _choice("criterion_structures", choices.Criterion, group=_CRITERIA, section=Section.CRITERIA),
    ProfileField(
        "criteria_result",
        kind=Kind.CHOICE,
        vocabulary=choices.CriteriaResult,
        group=_CRITERIA,
        label=_("MSO-Kriterien"),
        exported=False,
    ),
    _field("is_published", kind=Kind.BOOLEAN, group=EDITORS, section=Section.PUBLICATION),
    _field(
        "public_fields",
        kind=Kind.CODES,
        vocabulary=choices.PublicField,
        group=EDITORS,
        section=Section.PUBLICATION,
        label=_("Öffentlich sichtbar"),
        help_text=_(
            "Name, Art, Beschreibung, Ort und Schwerpunkte sind bei veröffentlichten Profilen immer sichtbar."
        ),
        history_label=_("Öffentliche Angaben"),
    ),
    ProfileField("confirmed_at", kind=Kind.DATETIME, group=EDITORS),
)

# The export's column order is part of the file format (FORMAT.md, version 1): columns
# added later go to the end, so it is kept here rather than following the form's order.
EXPORT_COLUMNS: tuple[str, ...] = (
    "id", "name", "short_name", "kind", "self_understanding", "svr_type", "description",
    "street", "postal_code", "city", "gemeinde_ags", "kreis_ags", "land",
    "email", "phone", "website", "contact_person",
    "legal_form", "charitable", "founding_year", "level", "active_in",
    "staffing", "volunteers", "employees", "member_count",
    "criterion_aims", "criterion_members", "criterion_structures",
    "functions", "fields", "target_groups", "languages", "countries", "umbrellas",
    "is_published", "public_fields", "confirmed_at",
    "latitude", "longitude",
)  # fmt: skip

BY_NAME: dict[str, ProfileField] = {field.name: field for field in FIELDS}
BY_ATTRIBUTE: dict[str, ProfileField] = {field.model_attribute: field for field in FIELDS}
TAG_FIELDS: tuple[ProfileField, ...] = tuple(f for f in FIELDS if f.kind == Kind.TAGS)
EXPORT_FIELDS: tuple[ProfileField, ...] = tuple(BY_NAME[column] for column in EXPORT_COLUMNS)
if {f.name for f in FIELDS if f.exported} != set(EXPORT_COLUMNS):  # pragma: no cover
    raise ImproperlyConfigured("EXPORT_COLUMNS must name every exported profile field once.")
# Fields a person edits on the profile form, as model fields (tags and umbrellas are extra form fields).
FORM_MODEL_FIELDS: tuple[str, ...] = tuple(
    f.form_field for f in FIELDS if f.form_field and f.kind not in (Kind.TAGS, Kind.REFERENCES)
)
# Model attributes whose changes the history records: everything a person edits, and the place.
TRACKED_ATTRIBUTES: tuple[str, ...] = tuple(
    f.model_attribute for f in FIELDS if f.form_field and f.kind not in (Kind.TAGS, Kind.REFERENCES)
) + ("gemeinde_id",)
PERSONAL_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.personal)
# Special categories of personal data (GDPR Art. 9): what staff read of them where they are not
# public is logged (``services.special_category_reads_log``).
SPECIAL_CATEGORY_FIELDS: tuple[str, ...] = ("self_understanding",)


def hidden_special_categories(organisation: Organisation) -> list[str]:
    """The special-category fields of ``organisation`` that hold a value the public does not see."""
    public = set(organisation.public_fields or ())
    return [
        name
        for name in SPECIAL_CATEGORY_FIELDS
        if getattr(organisation, BY_NAME[name].model_attribute) and BY_NAME[name].group not in public
    ]


def shown_groups(organisation: Organisation, *, editor: bool) -> frozenset[str]:
    """The groups of a profile a reader sees, given whether the reader may edit it."""
    groups = visible_field_groups(None, organisation, editor=editor) | {PUBLIC}
    return groups | {EDITORS} if editor else groups


def visible_fields(viewer, organisation: Organisation, *, editor: bool | None = None) -> frozenset[str]:
    """Names of the fields of ``organisation`` that ``viewer`` may see.

    Page, API, exports and vCard all ask this; ``editor`` (whether the viewer may
    edit the profile) may be given where it was decided for many profiles at once.
    """
    if editor is None:
        editor = viewer.has_perm("directory.change_organisation", organisation)
    return _fields_in(shown_groups(organisation, editor=editor))


@lru_cache(maxsize=1024)
def _fields_in(groups: frozenset[str]) -> frozenset[str]:
    # Exports ask for every row; there are only so many combinations of groups.
    return frozenset(field.name for field in FIELDS if field.group in groups)


def profile_values(
    *, organisation: Organisation, viewer, related: Related, editor: bool | None = None
) -> dict[str, Any]:
    """The typed values of every field the viewer may see, by field name (nothing else)."""
    shown = visible_fields(viewer, organisation, editor=editor)
    return {field.name: field.value(organisation, related) for field in FIELDS if field.name in shown}
