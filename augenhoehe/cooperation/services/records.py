"""Writes of a cooperation's records: contact log, tasks, documents and compensation.

Only the staff of the cooperation's network write them. An organisation named on a record is one
of the cooperation's partners. The audit entries name ids, kinds, dates and amounts, never the
free text (an outcome, a task's title, a file's content).
"""

import hashlib
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from augenhoehe.accounts.permissions import is_staff_of
from augenhoehe.core.services import log_action
from augenhoehe.directory.models import Organisation

from .. import uploads
from ..choices import CompensationKind, CompensationStatus, ContactKind, DocumentKind
from ..models import Compensation, ContactEntry, Cooperation, Document, Task
from ._common import require_staff


def _log(cooperation: Cooperation, action: str, actor, data: dict) -> None:
    log_action(subject=cooperation, action=action, actor=actor, network=cooperation.network, data=data)


def _require_partner(cooperation: Cooperation, organisation: Organisation | None, field: str) -> None:
    if organisation is not None and not cooperation.partners.filter(organisation=organisation).exists():
        raise ValidationError({field: _("Bitte wählen Sie eine Organisation dieser Kooperation.")})


def _require_choice(value: str, choices, field: str) -> None:
    if value not in choices.values:
        raise ValidationError({field: _("Bitte wählen Sie einen Eintrag aus der Liste.")})


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


@transaction.atomic
def contact_entry_add(
    *,
    cooperation: Cooperation,
    actor,
    kind: str,
    happened_on: date,
    outcome: str,
    person=None,
    organisation: Organisation | None = None,
    with_whom: str = "",
    next_step: str = "",
    next_step_due: date | None = None,
    shared: bool = False,
) -> ContactEntry:
    """Log a meeting, call or mail of ``cooperation``: when, who of the network, with which partner
    and whom there, the outcome and the next step; ``shared`` entries the organisation reads."""
    require_staff(actor, cooperation.network)
    _require_choice(kind, ContactKind, "kind")
    if happened_on and happened_on > timezone.localdate():
        raise ValidationError(
            {"happened_on": _("Ein Kontakt liegt nicht in der Zukunft; planen Sie ihn als Aufgabe.")}
        )
    if person is not None and not is_staff_of(person, cooperation.network):
        raise ValidationError({"person": _("Bitte wählen Sie eine Person Ihres Netzwerks.")})
    _require_partner(cooperation, organisation, "organisation")
    if organisation is None:
        # With one partner, a contact is with it: the desk's "no contact for a year" counts it.
        partners = list(cooperation.partners.select_related("organisation")[:2])
        organisation = partners[0].organisation if len(partners) == 1 else None
    entry = ContactEntry(
        network_id=cooperation.network_id,
        cooperation=cooperation,
        kind=kind,
        happened_on=happened_on,
        person=person,
        organisation=organisation,
        with_whom=with_whom.strip(),
        outcome=outcome.strip(),
        next_step=next_step.strip(),
        next_step_due=next_step_due,
        shared=shared,
        recorded_by=actor,
    )
    entry.full_clean()
    entry.save()
    _log(
        cooperation,
        "cooperation.contact.added",
        actor,
        {
            "contact": entry.pk,
            "kind": kind,
            "happened_on": _day(happened_on),
            "organisation": entry.organisation_id,
            "shared": shared,
        },
    )
    return entry


@transaction.atomic
def contact_entry_remove(*, entry: ContactEntry, actor) -> None:
    """Remove a contact entered by mistake; the log keeps its kind and date."""
    cooperation = entry.cooperation
    require_staff(actor, cooperation.network)
    data = {"contact": entry.pk, "kind": entry.kind, "happened_on": _day(entry.happened_on)}
    entry.delete()
    _log(cooperation, "cooperation.contact.removed", actor, data)


@transaction.atomic
def task_add(
    *,
    cooperation: Cooperation,
    actor,
    title: str,
    owner=None,
    owner_organisation: Organisation | None = None,
    due_on: date | None = None,
    shared: bool = False,
) -> Task:
    """A task of ``cooperation``, owned by a person of the network or by one of its partners;
    ``shared`` tasks are the agreed next steps the organisation sees."""
    require_staff(actor, cooperation.network)
    if owner is not None and not is_staff_of(owner, cooperation.network):
        raise ValidationError({"owner": _("Bitte wählen Sie eine Person Ihres Netzwerks.")})
    _require_partner(cooperation, owner_organisation, "owner_organisation")
    task = Task(
        network_id=cooperation.network_id,
        cooperation=cooperation,
        title=title.strip(),
        owner=owner,
        owner_organisation=owner_organisation,
        due_on=due_on,
        shared=shared,
        created_by=actor,
    )
    task.full_clean()
    task.save()
    _log(
        cooperation,
        "cooperation.task.added",
        actor,
        {
            "task": task.pk,
            "owner": task.owner_id,
            "owner_organisation": task.owner_organisation_id,
            "due_on": _day(due_on),
            "shared": shared,
        },
    )
    return task


@transaction.atomic
def task_complete(*, task: Task, actor, done: bool = True) -> Task:
    """Mark ``task`` done (``done=False``: open it again)."""
    require_staff(actor, task.network)
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.is_done == done:
        return task
    task.done_at, task.done_by = (timezone.now(), actor) if done else (None, None)
    task.save(update_fields=["done_at", "done_by"])
    _log(
        task.cooperation,
        "cooperation.task.done" if done else "cooperation.task.reopened",
        actor,
        {"task": task.pk},
    )
    return task


@transaction.atomic
def task_remove(*, task: Task, actor) -> None:
    """Remove a task entered by mistake."""
    cooperation = task.cooperation
    require_staff(actor, cooperation.network)
    data = {"task": task.pk, "due_on": _day(task.due_on), "done": task.is_done}
    task.delete()
    _log(cooperation, "cooperation.task.removed", actor, data)


@transaction.atomic
def document_add(
    *,
    cooperation: Cooperation,
    actor,
    kind: str,
    title: str,
    filename: str,
    content: bytes,
    shared: bool = False,
) -> Document:
    """Keep an agreement, minutes or another file of ``cooperation``. Its type is told from the
    content (``uploads.detect``); anything but the allowed types, and any file over the limit, is
    refused at the field ``file``."""
    require_staff(actor, cooperation.network)
    _require_choice(kind, DocumentKind, "kind")
    try:
        file_type = uploads.detect(content)
    except uploads.RefusedFile as refused:
        raise ValidationError({"file": refused.message}) from refused
    document = Document(
        network_id=cooperation.network_id,
        cooperation=cooperation,
        kind=kind,
        title=title.strip(),
        filename=uploads.clean_filename(filename, file_type),
        content_type=file_type.content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        shared=shared,
        uploaded_by=actor,
    )
    document.full_clean()
    document.save()
    _log(
        cooperation,
        "cooperation.document.added",
        actor,
        {
            "document": document.pk,
            "kind": kind,
            "content_type": document.content_type,
            "size": document.size,
            "sha256": document.sha256,
            "shared": shared,
        },
    )
    return document


@transaction.atomic
def document_remove(*, document: Document, actor) -> None:
    """Remove a document, its content with it; the log keeps its size and checksum."""
    cooperation = document.cooperation
    require_staff(actor, cooperation.network)
    data = {"document": document.pk, "kind": document.kind, "size": document.size, "sha256": document.sha256}
    document.delete()
    _log(cooperation, "cooperation.document.removed", actor, data)


def _check_status(status: str, paid_on: date | None) -> date | None:
    """The payment day that goes with ``status``: today if "ausgezahlt" names none."""
    _require_choice(status, CompensationStatus, "status")
    if status != CompensationStatus.PAID:
        if paid_on:
            raise ValidationError({"paid_on": _("Ein Auszahlungstag gehört nur zu „ausgezahlt“.")})
        return None
    paid_on = paid_on or timezone.localdate()
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("Ausgezahlt wird nicht in der Zukunft.")})
    return paid_on


@transaction.atomic
def compensation_add(
    *,
    cooperation: Cooperation,
    actor,
    organisation: Organisation,
    kind: str,
    amount: Decimal,
    status: str = CompensationStatus.PLANNED,
    paid_on: date | None = None,
    note: str = "",
) -> Compensation:
    """Record what one of ``cooperation``'s organisations receives for its work (an expense
    allowance, a fee, room costs), with its amount and status."""
    require_staff(actor, cooperation.network)
    _require_choice(kind, CompensationKind, "kind")
    if not isinstance(amount, Decimal) or not amount.is_finite() or amount < 0:
        raise ValidationError({"amount": _("Der Betrag ist eine Zahl von 0 Euro an.")})
    if organisation is None:
        raise ValidationError({"organisation": _("Bitte wählen Sie eine Organisation dieser Kooperation.")})
    _require_partner(cooperation, organisation, "organisation")
    paid_on = _check_status(status, paid_on)
    compensation = Compensation(
        network_id=cooperation.network_id,
        cooperation=cooperation,
        organisation=organisation,
        kind=kind,
        amount=amount,
        status=status,
        paid_on=paid_on,
        note=note.strip(),
        created_by=actor,
    )
    compensation.full_clean()
    compensation.save()
    _log(
        cooperation,
        "cooperation.compensation.added",
        actor,
        {
            "compensation": compensation.pk,
            "organisation": organisation.pk,
            "kind": kind,
            "amount": str(amount),
            "status": status,
            "paid_on": _day(paid_on),
        },
    )
    return compensation


@transaction.atomic
def compensation_status_set(
    *, compensation: Compensation, actor, status: str, paid_on: date | None = None
) -> Compensation:
    """Move a compensation to ``status`` (planned, promised, claimed, paid); "ausgezahlt" carries
    the day it was paid (today if none is given), the others none."""
    require_staff(actor, compensation.network)
    paid_on = _check_status(status, paid_on)
    compensation = Compensation.objects.select_for_update().get(pk=compensation.pk)
    before = compensation.status
    if (before, compensation.paid_on) == (status, paid_on):
        return compensation
    compensation.status, compensation.paid_on = status, paid_on
    compensation.full_clean()
    compensation.save(update_fields=["status", "paid_on", "updated_at"])
    _log(
        compensation.cooperation,
        "cooperation.compensation.status.changed",
        actor,
        {"compensation": compensation.pk, "from": before, "to": status, "paid_on": _day(paid_on)},
    )
    return compensation


@transaction.atomic
def compensation_remove(*, compensation: Compensation, actor) -> None:
    """Remove a compensation entered by mistake; the log keeps what it said."""
    cooperation = compensation.cooperation
    require_staff(actor, cooperation.network)
    data = {
        "compensation": compensation.pk,
        "organisation": compensation.organisation_id,
        "kind": compensation.kind,
        "amount": str(compensation.amount),
        "status": compensation.status,
    }
    compensation.delete()
    _log(cooperation, "cooperation.compensation.removed", actor, data)
