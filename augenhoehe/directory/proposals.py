"""Proposals of the fields a network reviews (``REVIEWED_FIELDS``): a representative's change of
them waits as a ``ProfileProposal`` until the staff of a network answering for the organisation
accept it (applied through ``services.organisation_update``) or reject it with a reason."""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from augenhoehe.core.models import Kreis, Network
from augenhoehe.core.services import log_action

from . import proposal_mails, selectors, services
from .choices import Kind
from .models import REVIEWED_FIELDS, Organisation, ProfileProposal
from .permissions import responsible_network_ids
from .validation import coordinate

TEXT_FIELDS = ("name", "street", "postal_code", "city")
COORDINATES = ("latitude", "longitude")
CRITERIA = ("criterion_aims", "criterion_members", "criterion_structures")
# The proposal's keys as the history names them (the profile's attributes).
HISTORY_KEYS = {"kreis": "kreis_id", "gemeinde": "gemeinde_id"}


def stored_values(organisation: Organisation, names: Iterable[str]) -> dict[str, Any]:
    """The profile's current values of the reviewed ``names``, as a proposal keeps them (JSON)."""
    values: dict[str, Any] = {}
    for name in names:
        if name == "umbrellas":
            values[name] = sorted(organisation.umbrella_memberships.values_list("umbrella_id", flat=True))
        elif name in ("kreis", "gemeinde"):
            values[name] = getattr(organisation, f"{name}_id")
        elif name in COORDINATES:
            value = getattr(organisation, name)
            values[name] = None if value is None else str(value)
        else:
            values[name] = getattr(organisation, name)
    return values


def same_value(name: str, a: Any, b: Any) -> bool:
    if name in COORDINATES and a is not None and b is not None:
        return Decimal(a) == Decimal(b)
    return a == b


def reviewed_changes(
    organisation: Organisation, fields: Mapping[str, Any], umbrellas: Iterable[Organisation] | None
) -> dict[str, Any]:
    """The reviewed fields among ``fields``/``umbrellas`` that differ from the profile (JSON values).

    A blank Kreis means "follows from the city"; with a new city it is proposed as resolved later.
    """
    wanted: dict[str, Any] = {name: fields[name] for name in TEXT_FIELDS + CRITERIA if name in fields}
    for name in COORDINATES:
        if name in fields:
            value = coordinate(name, fields[name])
            wanted[name] = None if value is None else str(value)
    if fields.get("kreis") is not None:
        wanted["kreis"] = fields["kreis"].pk
    if umbrellas is not None:
        wanted["umbrellas"] = sorted(u.pk for u in umbrellas)
    current = stored_values(organisation, wanted)
    changes = {name: value for name, value in wanted.items() if not same_value(name, value, current[name])}
    if "city" in changes:
        changes.setdefault("kreis", fields.get("kreis") and fields["kreis"].pk)
    return changes


def service_arguments(proposed: Mapping[str, Any]) -> tuple[dict[str, Any], list[Organisation] | None]:
    """A proposal's values as ``organisation_update`` takes them: fields and umbrellas (or None).

    A Kreis or an umbrella that no longer exists is a clear error, not a crash.
    """
    fields = {name: value for name, value in proposed.items() if name not in ("gemeinde", "umbrellas")}
    if "kreis" in fields and fields["kreis"] is not None:
        fields["kreis"] = Kreis.objects.filter(pk=fields["kreis"]).first()
        if fields["kreis"] is None:
            raise ValidationError({"kreis": _("Diesen Kreis gibt es nicht mehr.")})
    umbrellas = None
    if "umbrellas" in proposed:
        umbrellas = list(Organisation.objects.filter(pk__in=proposed["umbrellas"]))
        if len(umbrellas) != len(set(proposed["umbrellas"])):
            raise ValidationError({"umbrellas": _("Einen der Dachverbände gibt es nicht mehr.")})
    return fields, umbrellas


def _checked(
    organisation: Organisation, direct: Mapping[str, Any], proposed: dict[str, Any]
) -> dict[str, Any]:
    """Check the profile as it would be with ``direct`` and ``proposed`` by the rules of any edit;
    return ``proposed`` with the place it resolves to (Kreis, Gemeinde) where the address changes."""
    fields, umbrellas = service_arguments(proposed)
    fresh = Organisation.objects.select_related("kreis").get(pk=organisation.pk)
    checked = services.organisation_check(
        actor=None, organisation=fresh, fields={**direct, **fields}, umbrellas=umbrellas
    )
    if "city" in proposed or "kreis" in proposed:
        proposed = proposed | {"kreis": checked.kreis_id, "gemeinde": checked.gemeinde_id}
    return proposed


def _history_changes(previous: Mapping[str, Any], proposed: Mapping[str, Any], names: Iterable[str]) -> dict:
    return {HISTORY_KEYS.get(name, name): [previous.get(name), proposed[name]] for name in names}


@transaction.atomic
def organisation_edit(
    *,
    organisation: Organisation,
    actor,
    fields: Mapping[str, Any],
    tags: Mapping[str, Iterable[str]] | None = None,
    umbrellas: Iterable[Organisation] | None = None,
    based_on: str | None = None,
    message: str = "",
) -> tuple[Organisation, ProfileProposal | None]:
    """Save an edit of the profile form. Staff change everything at once; a representative's
    changes of reviewed fields become (or join) the open proposal, the rest is saved at once.

    Returns the saved profile and the proposal this edit made or changed (None if none).
    """
    if actor.has_perm("directory.change_reviewed_fields", organisation):
        saved = services.organisation_update(
            organisation=organisation,
            actor=actor,
            fields=fields,
            tags=tags,
            umbrellas=umbrellas,
            based_on=based_on,
        )
        return saved, None
    if not actor.has_perm("directory.propose_change", organisation):
        raise PermissionDenied
    # The same lock order as deciding (``_locked``): the profile first, then its open proposal.
    locked = Organisation.objects.select_for_update().select_related("kreis").get(pk=organisation.pk)
    # Refused before anything is proposed, so that no one is told of a proposal that is not made.
    services.check_based_on(locked, based_on)
    umbrellas = None if umbrellas is None else list(umbrellas)
    changes = reviewed_changes(locked, fields, umbrellas)
    if "umbrellas" in changes:
        _check_umbrellas_visible(locked, actor=actor, wanted=changes["umbrellas"])
    direct = {name: value for name, value in fields.items() if name not in REVIEWED_FIELDS}
    proposal, arrived = None, False
    if changes:
        proposal, arrived = _proposal_save(
            locked, actor=actor, direct=direct, changes=changes, message=message
        )
    saved = services.organisation_update(
        organisation=locked, actor=actor, fields=direct, tags=tags, umbrellas=None, based_on=based_on
    )
    if proposal is not None and arrived:
        # Last, once nothing of this edit can fail any more.
        proposal_mails.proposal_arrived_send(proposal=proposal)
    return saved, proposal


def _check_umbrellas_visible(organisation: Organisation, *, actor, wanted: Iterable[int]) -> None:
    """A representative proposes only umbrellas they may know of (published ones, or their own);
    the memberships the organisation has stay, whatever their profile."""
    current = set(organisation.umbrella_memberships.values_list("umbrella_id", flat=True))
    added = set(wanted) - current
    visible = selectors.organisation_visible_queryset(viewer=actor).filter(pk__in=added, kind=Kind.UMBRELLA)
    if added and visible.count() != len(added):
        raise ValidationError({"umbrellas": _("Diesen Dachverband gibt es nicht.")})


def _proposal_save(
    organisation: Organisation, *, actor, direct: Mapping[str, Any], changes: dict[str, Any], message: str
) -> tuple[ProfileProposal, bool]:
    """Make the open proposal, or add ``changes`` to it; return it and whether it is new."""
    open_one = (
        ProfileProposal.objects.select_for_update()
        .filter(organisation=organisation, status=ProfileProposal.Status.OPEN)
        .first()
    )
    proposal = open_one or ProfileProposal(organisation=organisation)
    proposed = _checked(organisation, direct, {**proposal.fields, **changes})
    # What this edit proposes anew: its changes, and the place a new address resolves to.
    anew = set(changes) | (
        {"kreis", "gemeinde"} & set(proposed) if {"city", "kreis"} & set(changes) else set()
    )
    stored = stored_values(organisation, [name for name in proposed if name not in proposal.previous])
    previous = {**stored, **proposal.previous}
    # The first author stays the author: whoever adds to it is in the proposal's history.
    proposal.fields, proposal.previous = proposed, previous
    if open_one is None:
        proposal.author = actor
    if message.strip():
        proposal.message = message.strip()
    proposal.full_clean()
    proposal.save()
    logged = [n for n in proposed if n in anew and not same_value(n, proposed[n], previous.get(n))]
    log_action(
        subject=organisation,
        action="directory.proposal.updated" if open_one else "directory.proposal.created",
        actor=actor,
        data={"proposal": proposal.pk, "changes": _history_changes(previous, proposed, logged)},
    )
    return proposal, open_one is None


def _locked(proposal: ProfileProposal) -> ProfileProposal:
    """``proposal`` locked and re-read: two reviewers deciding at once do not both decide it.

    Its profile is locked first, in the order ``organisation_edit`` and ``organisation_update``
    lock them, so that a representative saving the form while a reviewer decides waits instead of
    deadlocking."""
    list(Organisation.objects.select_for_update().filter(pk=proposal.organisation_id).values_list("pk"))
    locked = (
        ProfileProposal.objects.select_for_update(of=("self",))
        .select_related("organisation", "author")
        .get(pk=proposal.pk)
    )
    if locked.status != ProfileProposal.Status.OPEN:
        raise ValidationError(_("Über diesen Vorschlag ist schon entschieden."))
    return locked


def _deciding_network(actor, organisation: Organisation, network: Network | None) -> Network:
    """The network in whose name ``actor`` decides: ``network`` (the active one) where it answers
    for the organisation, else the first of theirs that does."""
    answering = responsible_network_ids(actor, organisation)
    if not answering:
        raise PermissionDenied
    pk = network.pk if network is not None and network.pk in answering else min(answering)
    return Network.objects.get(pk=pk)


def _decided(proposal: ProfileProposal, *, actor, network: Network, status: str, reason: str = "") -> None:
    proposal.status, proposal.reason = status, reason
    proposal.reviewed_by, proposal.reviewed_network, proposal.reviewed_at = actor, network, timezone.now()
    proposal.save(update_fields=["status", "reason", "reviewed_by", "reviewed_network", "reviewed_at"])
    # In the profile's shared history: the organisation reads who decided, for which network, and why.
    log_action(
        subject=proposal.organisation,
        action=f"directory.proposal.{status}",
        actor=actor,
        data={"proposal": proposal.pk, "network": network.name, "reason": reason},
    )
    proposal_mails.proposal_decided_send(proposal=proposal)


@transaction.atomic
def proposal_accept(*, proposal: ProfileProposal, actor, network: Network | None = None) -> ProfileProposal:
    """Apply the proposed values through ``organisation_update`` (its checks, history and search
    index); values that no longer validate raise ``ValidationError`` and nothing changes."""
    proposal = _locked(proposal)
    deciding = _deciding_network(actor, proposal.organisation, network)
    fields, umbrellas = service_arguments(proposal.fields)
    services.organisation_update(
        organisation=proposal.organisation, actor=actor, fields=fields, umbrellas=umbrellas
    )
    _decided(proposal, actor=actor, network=deciding, status=ProfileProposal.Status.ACCEPTED)
    return proposal


@transaction.atomic
def proposal_reject(
    *, proposal: ProfileProposal, actor, reason: str, network: Network | None = None
) -> ProfileProposal:
    """Decline a proposal, saying why: the organisation reads the reason in its history and mail."""
    proposal = _locked(proposal)
    deciding = _deciding_network(actor, proposal.organisation, network)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte schreiben Sie, warum Sie den Vorschlag ablehnen.")})
    _decided(proposal, actor=actor, network=deciding, status=ProfileProposal.Status.REJECTED, reason=reason)
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal: ProfileProposal, actor) -> ProfileProposal:
    """A representative takes the open proposal back; the profile stays as it is."""
    proposal = _locked(proposal)
    if not actor.has_perm("directory.withdraw_proposal", proposal.organisation):
        raise PermissionDenied
    proposal.status = ProfileProposal.Status.WITHDRAWN
    proposal.save(update_fields=["status"])
    log_action(
        subject=proposal.organisation,
        action="directory.proposal.withdrawn",
        actor=actor,
        data={"proposal": proposal.pk},
    )
    return proposal
