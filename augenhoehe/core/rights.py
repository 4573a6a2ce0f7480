"""A person's rights over their data (Art. 15, 17 DSGVO), for every app at once, from the registry.

Nothing here names an app. ``personal_data`` says which models hold what about
whom; a person's *export* reads every declared model's rows that belong to
them (``person_lookups``), carry their e-mail address (``email_lookups``) or
name them in a personal text field. *Erasure* walks the same declarations:

- the rows that link to the person's account: a nullable link is cut, a row
  that cannot exist without the person is deleted; an app whose rows need
  more (the account itself, a membership whose end other apps must hear of)
  registers its own handler (``register_eraser``);
- every personal text, e-mail, JSON or file field of every declared model,
  the audit log's data included, loses the person's e-mail address and name;
- audit entries about a deleted or anonymised row have their personal values
  redacted: the fact stays, the values go.

A preview runs the same erasure in a transaction that is rolled back.
"""

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django_scopes import scopes_disabled

from .audit import REDACTED
from .personal_data import Declaration, declaration_for, declarations

# Shorter strings would match inside unrelated words ("Ali" in "Qualität").
MIN_NEEDLE = 5


@dataclass(frozen=True)
class Person:
    """Whom a request is about: perhaps an account, and the address and names that identify them in text."""

    user: Any = None
    emails: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    usernames: tuple[str, ...] = ()

    @classmethod
    def of(cls, user=None, *, emails: Iterable[str] = (), names: Iterable[str] = ()) -> "Person":
        """The person with account ``user`` (if any), also known by ``emails`` and ``names``."""
        found_emails = [*emails, getattr(user, "email", "")]
        found_names = [*names, user.get_full_name() if user is not None else ""]
        return cls(
            user=user,
            emails=tuple(dict.fromkeys(e.strip().lower() for e in found_emails if e and e.strip())),
            names=tuple(dict.fromkeys(n.strip() for n in found_names if n and n.strip())),
            usernames=(user.get_username(),) if user is not None else (),
        )

    @property
    def needles(self) -> list[str]:
        """The strings that identify the person in free text, longest first."""
        return sorted((s for s in (*self.emails, *self.names) if len(s) >= MIN_NEEDLE), key=len, reverse=True)

    def __bool__(self) -> bool:
        return self.user is not None or bool(self.needles)


# A handler that erases what ``declaration``'s model holds linked to ``person``'s account, on
# behalf of ``actor``; returns how many rows it changed or deleted.
Eraser = Callable[[Declaration, Person, Any], int]
_erasers: dict[str, Eraser] = {}
# Run after every other model's handler (the account row itself, once nothing else needs it).
_last: set[str] = set()


def register_eraser(label: str, eraser: Eraser, *, last: bool = False) -> None:
    """Erase ``label``'s rows linked to an account with ``eraser`` instead of the generic handler."""
    _erasers[label.lower()] = eraser
    if last:
        _last.add(label.lower())


# --- Export -----------------------------------------------------------------------------------


def _value(row: models.Model, model_field) -> Any:
    if isinstance(model_field, models.BinaryField):
        content = getattr(row, model_field.attname) or b""
        return {"bytes": len(content)}  # the file itself is in the page that shows it, not repeated here
    if model_field.is_relation:
        related = getattr(row, model_field.name, None)
        return None if related is None else str(related)
    return getattr(row, model_field.attname)


def _row(row: models.Model, declaration: Declaration, only: Iterable[str] | None = None) -> dict[str, Any]:
    fields = [
        f
        for f in row._meta.concrete_fields
        if f.name not in declaration.secret and (only is None or f.name in only or f.primary_key)
    ]
    return {f.name: _value(row, f) for f in fields}


def _text_fields(declaration: Declaration) -> list:
    """The declared fields of ``declaration``'s model that can carry a name or an address as text."""
    model = declaration.model
    names = set(declaration.fields) | set(declaration.email_lookups)
    return [
        f
        for f in model._meta.concrete_fields
        if f.name in names
        and not f.is_relation
        and isinstance(f, models.CharField | models.TextField | models.JSONField | models.BinaryField)
    ]


def naming(declaration: Declaration, person: Person) -> models.QuerySet:
    """The rows of ``declaration``'s model whose e-mail field or personal text names ``person``."""
    model = declaration.model
    condition = Q()
    for name in declaration.email_lookups:
        for email in person.emails:
            condition |= Q(**{f"{name}__iexact": email})
    for name in declaration.username_lookups:
        for username in (*person.usernames, *person.emails):
            condition |= Q(**{f"{name}__iexact": username})
    for model_field in _text_fields(declaration):
        if isinstance(model_field, models.BinaryField):
            continue  # searched row by row (``_binary_naming``)
        for needle in person.needles:
            condition |= Q(**{f"{model_field.name}__icontains": needle})
            if isinstance(model_field, models.JSONField):
                # SQLite keeps JSON with non-ASCII letters escaped ("M\u00fcller").
                condition |= Q(**{f"{model_field.name}__icontains": json.dumps(needle)[1:-1]})
    if not condition:
        return model._default_manager.none()
    return model._default_manager.filter(condition)


def _binary_naming(declaration: Declaration, person: Person) -> Iterator[tuple[models.Model, str]]:
    """(row, field name) of every stored file of ``declaration``'s model that names ``person``."""
    for model_field in _text_fields(declaration):
        if not isinstance(model_field, models.BinaryField):
            continue
        rows = declaration.model._default_manager.exclude(**{model_field.name: b""}).only(
            "pk", model_field.attname
        )
        for row in rows.iterator(chunk_size=100):
            content = bytes(getattr(row, model_field.attname) or b"")
            if any(_find_bytes(content, needle) for needle in person.needles):
                yield row, model_field.name


_ENCODINGS = ("utf-8", "cp1252", "utf-16-le")


def _find_bytes(content: bytes, needle: str) -> bool:
    lowered = content.lower()
    return any(needle.lower().encode(encoding, "ignore") in lowered for encoding in _ENCODINGS)


def _linked(declaration: Declaration, person: Person) -> models.QuerySet:
    model = declaration.model
    if person.user is None or not declaration.person_lookups:
        return model._default_manager.none()
    condition = Q()
    for lookup in declaration.person_lookups:
        condition |= Q(**{lookup: person.user.pk})
    return model._default_manager.filter(condition).distinct()


def _with_related(queryset: models.QuerySet) -> models.QuerySet:
    """``queryset`` with the rows it links to (shown by name) read in the same query."""
    links = [f.name for f in queryset.model._meta.concrete_fields if f.many_to_one or f.one_to_one]
    return queryset.select_related(*links)


def person_export(*, person: Person) -> dict[str, Any]:
    """Everything every app holds about ``person``: {model label: {"title", "rows"}}, JSON-ready.

    Rows linked to their account come whole (secrets left out); rows that only name them (a
    profile's contact person, a note) come with the personal fields that do.
    """
    found: dict[str, Any] = {}
    with scopes_disabled():
        for declaration in declarations():
            if not declaration.is_personal:
                continue
            linked_rows = list(_with_related(_linked(declaration, person)).order_by("pk"))
            rows = [_row(row, declaration) for row in linked_rows]
            linked = {row.pk for row in linked_rows}
            personal = set(declaration.fields) | set(declaration.email_lookups)
            for row in _with_related(naming(declaration, person)).order_by("pk"):
                if row.pk not in linked:
                    rows.append(_row(row, declaration, only=personal))
            for row, _name in _binary_naming(declaration, person):
                if row.pk not in linked:
                    rows.append({"pk": str(row.pk), _name: {"bytes": len(bytes(getattr(row, _name)))}})
            if rows:
                found[declaration.label] = {
                    "title": str(declaration.model._meta.verbose_name_plural),
                    "labels": {f.name: str(f.verbose_name) for f in declaration.model._meta.concrete_fields},
                    "rows": rows,
                }
    return found


def export_json(export: dict[str, Any]) -> str:
    """``person_export``'s result as the JSON document a person downloads."""
    return json.dumps(
        {"exported_at": timezone.now(), "data": export}, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )


# --- Erasure ----------------------------------------------------------------------------------


@dataclass
class ErasureReport:
    """How many rows of each model an erasure changed or deleted."""

    counts: Counter = field(default_factory=Counter)

    def add(self, label: str, count: int) -> None:
        if count:
            self.counts[label] += count

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def titled(self) -> list[tuple[str, int]]:
        """(model's plural name, count) for each model touched, for a page."""
        titles = []
        for label, count in sorted(self.counts.items()):
            declaration = declaration_for(label)
            titles.append((str(declaration.model._meta.verbose_name_plural) if declaration else label, count))
        return titles


def without_person(value: Any, person: Person) -> Any:
    """``value`` (a string, or lists and dicts of them) without ``person``'s address and names."""
    return _blank(value, person.needles)


def _blank(value: Any, needles: list[str]) -> Any:
    """``value`` with every needle replaced by the marker, in strings nested anywhere."""
    if isinstance(value, str):
        for needle in needles:
            value = _replace(value, needle)
        return value
    if isinstance(value, list):
        return [_blank(v, needles) for v in value]
    if isinstance(value, dict):
        return {k: _blank(v, needles) for k, v in value.items()}
    return value


def _replace(text: str, needle: str) -> str:
    lowered, wanted = text.lower(), needle.lower()
    start = lowered.find(wanted)
    while start != -1:
        text = text[:start] + REDACTED + text[start + len(needle) :]
        lowered = text.lower()
        start = lowered.find(wanted, start + len(REDACTED))
    return text


def _blank_bytes(content: bytes, needles: list[str]) -> bytes:
    for needle in needles:
        for encoding in _ENCODINGS:
            encoded = needle.encode(encoding, "ignore")
            marker = REDACTED.encode(encoding)
            start = content.lower().find(encoded.lower())
            while encoded and start != -1:
                content = content[:start] + marker + content[start + len(encoded) :]
                start = content.lower().find(encoded.lower(), start + len(marker))
    return content


def _scrub(declaration: Declaration, person: Person) -> int:
    """Take the person's address and name out of every personal text field of the model."""
    needles = person.needles
    if not needles:
        return 0
    text_fields = _text_fields(declaration)
    changed = 0
    for row in naming(declaration, person).select_for_update():
        updated = []
        for model_field in text_fields:
            if isinstance(model_field, models.BinaryField):
                continue
            before = getattr(row, model_field.attname)
            if isinstance(model_field, models.EmailField):
                after = "" if (before or "").strip().lower() in person.emails else before
            else:
                after = _blank(before, needles)
            if after != before:
                setattr(row, model_field.attname, after)
                updated.append(model_field.name)
        if updated:
            # Saved row by row, so that receivers (a cache of published profiles) learn of it.
            row.save(update_fields=updated)
            changed += 1
    for row, name in list(_binary_naming(declaration, person)):
        setattr(row, name, _blank_bytes(bytes(getattr(row, name)), needles))
        row.save(update_fields=[name])
        changed += 1
    return changed


def erase_links(declaration: Declaration, person: Person, actor: Any = None) -> int:
    """The generic handler: cut a nullable link to the account, delete a row that needs it.

    Audit entries about a deleted row keep the fact and lose the row's personal values.
    """
    from .services import log_redact

    if person.user is None:
        return 0
    model = declaration.model
    changed = 0
    for lookup in declaration.person_lookups:
        if "__" in lookup or lookup == "pk":
            continue  # reached through another model, which erases it
        model_field = model._meta.get_field(lookup)
        rows = model._default_manager.filter(**{lookup: person.user.pk})
        if model_field.many_to_many:
            continue  # the links are rows of their own model, declared and erased there
        if model_field.null:
            changed += rows.update(**{lookup: None})
            continue
        for row in rows:
            log_redact(subject=row, actor=actor, reason="erasure")
            row.delete()
            changed += 1
    return changed


def _ordered() -> list[Declaration]:
    personal = [d for d in declarations() if d.is_personal]
    return sorted(personal, key=lambda d: d.label in _last)


def _erase(person: Person, *, actor) -> ErasureReport:
    report = ErasureReport()
    for declaration in _ordered():
        eraser = _erasers.get(declaration.label, erase_links)
        report.add(declaration.label, eraser(declaration, person, actor))
    # Free text last: the handlers above may have written audit entries that name the person.
    for declaration in _ordered():
        report.add(declaration.label, _scrub(declaration, person))
    return report


def _keep_actor(declaration: Declaration, person: Person, actor: Any) -> int:
    # The audit log keeps "someone did X": the actor stays, pointing at the anonymised account.
    return 0


register_eraser("core.LogEntry", _keep_actor)


class _Preview(Exception):
    def __init__(self, report: ErasureReport) -> None:
        self.report = report


def erasure_preview(*, person: Person) -> ErasureReport:
    """What ``person_erase`` would change, found by running it and rolling it back."""
    try:
        with scopes_disabled(), transaction.atomic():
            raise _Preview(_erase(person, actor=None))
    except _Preview as preview:
        return preview.report


def erase(*, person: Person, actor) -> ErasureReport:
    """Erase ``person`` from every app (the caller holds the transaction and writes the audit entry)."""
    with scopes_disabled():
        return _erase(person, actor=actor)
