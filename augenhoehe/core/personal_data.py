"""Which models and fields hold personal data, and about whom: declared once per app.

Each app declares its models in a module ``<app>/personal_data.py``, which is
imported when Django starts (as the admin finds ``admin.py``). A model is
either declared personal, with its personal fields, whom they are about, and
the lookups that find a signed-in person's rows, or declared not personal
with a reason. A test walks every model of the project and fails on one that
looks personal (a link to a person, an e-mail, phone, name, text or file
field) and was declared neither way.

The audit log's redaction takes the personal keys from here; export and
erasure of a person's data will too.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled


class About(models.TextChoices):
    """Whom a personal value is about."""

    ACCOUNT_HOLDER = "account_holder", _("die Person mit dem Zugang")
    INVITEE = "invitee", _("die eingeladene Person")
    CONTACT_PERSON = "contact_person", _("die Ansprechperson einer Organisation")
    AUTHOR = "author", _("die Person, die es geschrieben hat")
    ACTOR = "actor", _("die Person, die gehandelt hat")
    UPLOADER = "uploader", _("die Person, die eine Liste hochgeladen hat")
    NAMED = "named", _("Personen, die in Freitext oder Dateien genannt sind")


@dataclass(frozen=True)
class Declaration:
    """What one model holds about people.

    ``fields`` maps a personal field (or a key of a JSON field's entries) to
    whom it is about; ``not_personal`` names fields that look personal but are
    not (an organisation's name); ``person_lookups`` find a signed-in person's
    rows (``"created_by"``: the rows whose ``created_by`` is that person).
    """

    label: str
    fields: dict[str, str] = field(default_factory=dict)
    not_personal: frozenset[str] = frozenset()
    person_lookups: tuple[str, ...] = ()
    reason: str = ""

    @property
    def is_personal(self) -> bool:
        return bool(self.fields)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)


_declarations: dict[str, Declaration] = {}


def _label(model: type[models.Model] | str) -> str:
    # Labels are stored lower case, so that "accounts.User" and the model class agree.
    return (model if isinstance(model, str) else model._meta.label).lower()


def declare(
    model: type[models.Model] | str,
    *,
    fields: dict[str, str],
    person_lookups: Iterable[str] = (),
    not_personal: Iterable[str] = (),
) -> Declaration:
    """Declare ``model`` (a class or ``"app.Model"``) personal: ``fields`` → whom each is about."""
    if not fields:
        raise ValueError(f"{model}: a personal model names at least one personal field")
    declaration = Declaration(
        label=_label(model),
        fields=dict(fields),
        not_personal=frozenset(not_personal),
        person_lookups=tuple(person_lookups),
    )
    _declarations[declaration.label] = declaration
    return declaration


def declare_not_personal(
    model: type[models.Model] | str, *, reason: str, not_personal: Iterable[str] = ()
) -> Declaration:
    """Declare that ``model`` holds nothing about people, and why (for the reader of the code)."""
    declaration = Declaration(label=_label(model), reason=reason, not_personal=frozenset(not_personal))
    _declarations[declaration.label] = declaration
    return declaration


def declaration_for(model: type[models.Model] | str) -> Declaration | None:
    """The declaration of ``model``, or None if its app did not declare it."""
    return _declarations.get(_label(model))


def declarations() -> list[Declaration]:
    """Every declaration, personal or not."""
    return list(_declarations.values())


def personal_fields(model: type[models.Model] | str) -> frozenset[str]:
    """The names of ``model``'s fields (and log data keys) that hold personal values."""
    declaration = declaration_for(model)
    return frozenset(declaration.fields) if declaration else frozenset()


def rows_of(person) -> dict[str, models.QuerySet]:
    """Every declared model's rows that belong to the signed-in ``person``, by model label, in every network."""
    found = {}
    # A person's data is theirs wherever it was written: export and erasure reach every network's
    # rows, so the querysets are built outside any network scope (and stay so when evaluated).
    with scopes_disabled():
        for declaration in _declarations.values():
            if not declaration.person_lookups:
                continue
            condition = Q()
            for lookup in declaration.person_lookups:
                condition |= Q(**{lookup: person.pk})
            found[declaration.label] = declaration.model._default_manager.filter(condition)
    return found


def autodiscover() -> None:
    """Import every app's ``personal_data`` module, so that its declarations are made."""
    autodiscover_modules("personal_data")


# core's own models. Declared here because this module is core's ``personal_data`` module.
declare_not_personal("core.Land", reason="official regions", not_personal={"name"})
declare_not_personal("core.Kreis", reason="official regions", not_personal={"name"})
declare_not_personal("core.Gemeinde", reason="official regions", not_personal={"name", "lookup_name"})
declare_not_personal("core.Network", reason="a municipal office, not a person", not_personal={"name"})
declare_not_personal("core.DemoInstallation", reason="a marker that the demo command made the database")
declare(
    "core.LogEntry",
    # The values in ``data`` are personal where the subject's declaration says so (see log_redact).
    fields={"actor": About.ACTOR, "data": About.NAMED},
    person_lookups=["actor"],
)
# Task results keep their arguments: an import's task names the person who started it.
declare(
    "django_tasks_database.DBTaskResult",
    fields={"args_kwargs": About.ACTOR},
    not_personal={"task_path", "exception_class_path", "traceback", "queue_name", "backend_name"},
)
