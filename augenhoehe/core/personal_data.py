"""Which models and fields hold personal data, and about whom: declared once per app.

Each app declares its models in a module ``<app>/personal_data.py``, which is
imported when Django starts (as the admin finds ``admin.py``). A model is
either declared personal, with its personal fields, whom they are about, and
the lookups that find a signed-in person's rows, or declared not personal
with a reason. A test walks every model of the project and fails on one that
looks personal (a link to a person, an e-mail, phone, name, text or file
field) and was declared neither way.

The audit log's redaction takes the personal keys from here, and so do a
person's export and erasure (``core.rights``) and the record of processing
activities: each personal model names the *activity* (``declare_activity``)
it serves, so the record lists every app's data without anyone typing it.
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
    PARTICIPANT = "participant", _("die Person, die sich zu einer Veranstaltung angemeldet hat")
    SPEAKER = "speaker", _("die Person, die bei einer Veranstaltung spricht")


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
    # The processing activity (``declare_activity``) the model's personal data serves.
    activity: str = ""
    # Fields holding an e-mail address: they find the rows of a person who may have no account.
    email_lookups: tuple[str, ...] = ()
    # Fields holding a user name as typed (a sign-in try): they find rows that name an account.
    username_lookups: tuple[str, ...] = ()
    # Fields a person's own export leaves out: hashes of secrets, passwords.
    secret: frozenset[str] = frozenset()

    @property
    def is_personal(self) -> bool:
        return bool(self.fields)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)


@dataclass(frozen=True)
class Activity:
    """One processing activity of the record of processing (Art. 30 DSGVO), in the reader's language."""

    code: str
    name: str
    purpose: str
    legal_basis: str
    recipients: str
    # How long the data is kept where no retention rule deletes it by itself.
    retention_note: str


_declarations: dict[str, Declaration] = {}
_activities: dict[str, Activity] = {}


def declare_activity(code: str, *, name, purpose, legal_basis, recipients, retention_note) -> Activity:
    """Declare a processing activity (texts lazily translated) that personal models name."""
    activity = Activity(
        code=code,
        name=name,
        purpose=purpose,
        legal_basis=legal_basis,
        recipients=recipients,
        retention_note=retention_note,
    )
    _activities[code] = activity
    return activity


def activities() -> list[Activity]:
    """Every declared processing activity, in the order the apps declared them."""
    return list(_activities.values())


def _label(model: type[models.Model] | str) -> str:
    # Labels are stored lower case, so that "accounts.User" and the model class agree.
    return (model if isinstance(model, str) else model._meta.label).lower()


def declare(
    model: type[models.Model] | str,
    *,
    fields: dict[str, str],
    activity: str,
    person_lookups: Iterable[str] = (),
    not_personal: Iterable[str] = (),
    email_lookups: Iterable[str] = (),
    username_lookups: Iterable[str] = (),
    secret: Iterable[str] = (),
) -> Declaration:
    """Declare ``model`` (a class or ``"app.Model"``) personal: ``fields`` → whom each is about,
    serving the processing ``activity``."""
    if not fields:
        raise ValueError(f"{model}: a personal model names at least one personal field")
    declaration = Declaration(
        label=_label(model),
        fields=dict(fields),
        not_personal=frozenset(not_personal),
        person_lookups=tuple(person_lookups),
        activity=activity,
        email_lookups=tuple(email_lookups),
        username_lookups=tuple(username_lookups),
        secret=frozenset(secret),
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
declare_activity(
    "audit",
    name=_("Protokoll der Änderungen und vertraulicher Lesezugriffe"),
    purpose=_(
        "Nachvollziehen, wer wann was geändert oder vertrauliche Angaben gelesen hat "
        "(Rechenschaftspflicht, Sicherheit der Verarbeitung)."
    ),
    legal_basis=_("Art. 6 Abs. 1 lit. c und e, Art. 5 Abs. 2 und Art. 32 DSGVO"),
    recipients=_(
        "Administration des jeweiligen Netzwerks; Einträge zu öffentlichen Profilen auch deren Vertretungen"
    ),
    retention_note=_("Personenbezogene Werte werden nach der Löschfrist entfernt; der Vorgang bleibt."),
)
declare_activity(
    "operation",
    name=_("Betrieb: Hintergrundaufgaben und Anmeldesitzungen"),
    purpose=_("Lange Aufgaben im Hintergrund ausführen; angemeldete Personen wiedererkennen."),
    legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO; § 25 Abs. 2 Nr. 2 TDDDG (unbedingt erforderliche Cookies)"),
    recipients=_("Niemand außerhalb des Betriebs"),
    retention_note=_("Bis die Aufgabe erledigt oder die Sitzung abgelaufen ist, dann nach der Löschfrist."),
)
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
    activity="audit",
)
# Task results keep their arguments: an import's task names the person who started it.
declare(
    "django_tasks_database.DBTaskResult",
    fields={"args_kwargs": About.ACTOR},
    activity="operation",
    not_personal={"task_path", "exception_class_path", "traceback", "queue_name", "backend_name"},
)
