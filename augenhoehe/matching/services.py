"""Writes of the matching app: offers on a profile, a network's needs and weights, and the
cooperation started from a need. Each validated, atomic and in the audit log (codes and ids only)."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from augenhoehe.cooperation import services as cooperation_services
from augenhoehe.cooperation.choices import Stage, Topic
from augenhoehe.cooperation.models import Cooperation
from augenhoehe.core.models import Gemeinde, Kreis, Network
from augenhoehe.core.services import log_action
from augenhoehe.directory.models import Organisation

from .choices import FORMAT_TOPIC
from .describe import need_goals
from .models import Need, OutreachOffer, Weights
from .scoring import FACTORS

OFFER_FIELDS = ("format", "description", "languages", "target_groups", "reached", "year")


def _require_editor(actor, organisation: Organisation) -> None:
    if not actor.has_perm("matching.change_offers", organisation):
        raise PermissionDenied


def _offer_data(offer: OutreachOffer) -> dict:
    return {"offer": offer.pk, "format": offer.format, "languages": offer.languages, "reached": offer.reached}


@transaction.atomic
def offer_create(*, organisation: Organisation, actor, **fields: Any) -> OutreachOffer:
    """Add an outreach offer to the organisation's profile (its representatives or network staff)."""
    _require_editor(actor, organisation)
    offer = OutreachOffer(organisation=organisation, **fields)
    offer.full_clean()
    offer.save()
    # Logged on the profile, shared like it: the offer shows in the profile's history.
    log_action(subject=organisation, action="matching.offer.added", actor=actor, data=_offer_data(offer))
    return offer


@transaction.atomic
def offer_update(*, offer: OutreachOffer, actor, **fields: Any) -> OutreachOffer:
    """Change an outreach offer of a profile the actor may edit."""
    _require_editor(actor, offer.organisation)
    unknown = set(fields) - set(OFFER_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(offer, name, value)
    offer.full_clean()
    offer.save()
    log_action(
        subject=offer.organisation, action="matching.offer.changed", actor=actor, data=_offer_data(offer)
    )
    return offer


@transaction.atomic
def offer_remove(*, offer: OutreachOffer, actor) -> None:
    """Take an outreach offer off the profile."""
    _require_editor(actor, offer.organisation)
    data = _offer_data(offer)
    offer.delete()
    log_action(subject=offer.organisation, action="matching.offer.removed", actor=actor, data=data)


def _require_staff(actor, network: Network) -> None:
    if not actor.has_perm("matching.find_partners", network):
        raise PermissionDenied


@transaction.atomic
def need_create(
    *,
    network: Network,
    actor,
    description: str = "",
    target_groups: list[str] | None = None,
    languages: list[str] | None = None,
    countries: list[str] | None = None,
    fields: list[str] | None = None,
    format: str = "",
    kreis: Kreis | None = None,
    gemeinde: Gemeinde | None = None,
    wanted_on: date | None = None,
) -> Need:
    """Describe what the network looks for; empty needs and unknown codes are refused."""
    _require_staff(actor, network)
    need = Need(
        network=network,
        created_by=actor,
        description=description.strip(),
        target_groups=list(dict.fromkeys(target_groups or [])),
        languages=list(dict.fromkeys(languages or [])),
        countries=list(dict.fromkeys(countries or [])),
        fields=list(dict.fromkeys(fields or [])),
        format=format,
        kreis=kreis or (gemeinde.kreis if gemeinde else None),
        gemeinde=gemeinde,
        wanted_on=wanted_on,
    )
    need.full_clean()
    need.save()
    log_action(
        subject=need,
        action="matching.need.added",
        actor=actor,
        network=network,
        data={
            "languages": need.languages,
            "countries": need.countries,
            "target_groups": need.target_groups,
            "fields": need.fields,
            "format": need.format,
            "kreis": need.kreis_id,
            "gemeinde": need.gemeinde_id,
        },
    )
    return need


@transaction.atomic
def need_cooperation_start(
    *, need: Need, organisation: Organisation, actor, title: str, mso_gain: str
) -> Cooperation:
    """Start a cooperation with ``organisation`` in the stage "MSO gefunden", the need as its goals;
    the need remembers it. Once per need."""
    _require_staff(actor, need.network)
    need = Need.objects.select_for_update().get(pk=need.pk)
    if need.cooperation_id is not None:
        raise ValidationError(_("Aus diesem Bedarf wurde schon eine Kooperation begonnen."))
    cooperation = cooperation_services.cooperation_create(
        network=need.network,
        actor=actor,
        title=title,
        topic=FORMAT_TOPIC.get(need.format, Topic.OTHER),
        network_goals=need_goals(need),
        mso_gain=mso_gain,
        organisations=[organisation],
    )
    cooperation = cooperation_services.cooperation_stage_change(
        cooperation=cooperation, stage=Stage.MSO_FOUND, actor=actor
    )
    need.cooperation = cooperation
    need.save(update_fields=["cooperation"])
    log_action(
        subject=need,
        action="matching.need.cooperation_started",
        actor=actor,
        network=need.network,
        data={"cooperation": cooperation.pk, "organisation": organisation.pk},
    )
    return cooperation


@transaction.atomic
def weights_set(*, network: Network, actor, **values: int) -> Weights:
    """Set how much each reason counts in the network's ranking (network admins)."""
    if not actor.has_perm("matching.change_weights", network):
        raise PermissionDenied
    unknown = set(values) - set(FACTORS)
    if unknown:
        raise TypeError(f"unknown weights: {sorted(unknown)}")
    # The network's row locked: two admins saving for the first time at once make one row, not an error.
    Network.objects.select_for_update().filter(pk=network.pk).first()
    weights = Weights.objects.filter(network=network).first() or Weights(network=network)
    changes = {
        name: [getattr(weights, name), value]
        for name, value in values.items()
        if getattr(weights, name) != value
    }
    for name, value in values.items():
        setattr(weights, name, value)
    weights.full_clean()
    weights.save()
    if changes:
        log_action(
            subject=weights,
            action="matching.weights.changed",
            actor=actor,
            network=network,
            data={"changes": changes},
        )
    return weights
