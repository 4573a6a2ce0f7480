"""Writes of cooperations: partners, stages and funding."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from augenhoehe.core.models import Network
from augenhoehe.core.services import log_action
from augenhoehe.directory.models import Organisation

from ..choices import NEEDS_PARTNER, TRANSITIONS, FundingSource, Stage
from ..models import Cooperation, FundingPeriod, Partner, StageChange
from ._common import require_staff


def _set_partners(cooperation: Cooperation, organisations: Iterable[Organisation]) -> list[int]:
    wanted = {organisation.pk for organisation in organisations}
    have = set(cooperation.partners.values_list("organisation_id", flat=True))
    cooperation.partners.filter(organisation_id__in=have - wanted).delete()
    Partner.objects.bulk_create(
        [
            Partner(network_id=cooperation.network_id, cooperation=cooperation, organisation_id=pk)
            for pk in sorted(wanted - have)
        ]
    )
    return sorted(wanted)


def _check_partners(stage: str, partner_ids: list[int]) -> None:
    if stage in NEEDS_PARTNER and not partner_ids:
        raise ValidationError(
            {
                "organisations": _(
                    "Ab der Phase „MSO gefunden“ nennt eine Kooperation mindestens eine Organisation."
                )
            }
        )


@transaction.atomic
def cooperation_create(
    *,
    network: Network,
    actor,
    title: str,
    topic: str,
    network_goals: str,
    mso_gain: str,
    organisations: Iterable[Organisation] = (),
) -> Cooperation:
    """Start a cooperation in the stage "Ziele definiert"; what the MSO gains is required."""
    require_staff(actor, network)
    now = timezone.now()
    cooperation = Cooperation(
        network=network,
        title=title.strip(),
        topic=topic,
        network_goals=network_goals.strip(),
        mso_gain=mso_gain.strip(),
        stage=Stage.GOALS_DEFINED,
        stage_changed_at=now,
        created_by=actor,
    )
    cooperation.full_clean()
    cooperation.save()
    partner_ids = _set_partners(cooperation, organisations)
    StageChange.objects.create(
        network=network,
        cooperation=cooperation,
        from_stage="",
        to_stage=Stage.GOALS_DEFINED,
        actor=actor,
        changed_at=now,
    )
    log_action(
        subject=cooperation,
        action="cooperation.created",
        actor=actor,
        network=network,
        data={"title": cooperation.title, "topic": topic, "organisations": partner_ids},
    )
    return cooperation


EDITABLE = ("title", "topic", "network_goals", "mso_gain")


@transaction.atomic
def cooperation_update(
    *, cooperation: Cooperation, actor, organisations: Iterable[Organisation] | None = None, **fields: str
) -> Cooperation:
    """Change what a cooperation is about and who takes part (``organisations`` None: the partners
    stay as they are); the stage changes only through ``cooperation_stage_change``."""
    require_staff(actor, cooperation.network)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    changed = {}
    for name, value in fields.items():
        value = value.strip()
        if getattr(cooperation, name) != value:
            changed[name] = [getattr(cooperation, name), value]
            setattr(cooperation, name, value)
    cooperation.full_clean()
    cooperation.save()
    if organisations is not None:
        before = sorted(cooperation.partners.values_list("organisation_id", flat=True))
        partner_ids = sorted({organisation.pk for organisation in organisations})
        _check_partners(cooperation.stage, partner_ids)
        _set_partners(cooperation, organisations)
        if before != partner_ids:
            changed["organisations"] = [before, partner_ids]
    if changed:
        log_action(
            subject=cooperation,
            action="cooperation.changed",
            actor=actor,
            network=cooperation.network,
            data={"changes": changed},
        )
    return cooperation


@transaction.atomic
def cooperation_stage_change(*, cooperation: Cooperation, stage: str, actor, note: str = "") -> Cooperation:
    """Move ``cooperation`` to ``stage`` if its stage allows that step; the change is dated and logged."""
    require_staff(actor, cooperation.network)
    cooperation = Cooperation.objects.select_for_update().get(pk=cooperation.pk)
    if stage not in TRANSITIONS.get(cooperation.stage, ()):
        raise ValidationError(
            {
                "stage": _("Von „%(from)s“ geht es nicht zu „%(to)s“.")
                % {"from": cooperation.get_stage_display(), "to": _stage_label(stage)}
            }
        )
    _check_partners(stage, list(cooperation.partners.values_list("organisation_id", flat=True)))
    now = timezone.now()
    previous = cooperation.stage
    StageChange.objects.create(
        network_id=cooperation.network_id,
        cooperation=cooperation,
        from_stage=previous,
        to_stage=stage,
        note=note.strip(),
        actor=actor,
        changed_at=now,
    )
    cooperation.stage, cooperation.stage_changed_at = stage, now
    cooperation.save(update_fields=["stage", "stage_changed_at", "updated_at"])
    log_action(
        subject=cooperation,
        action="cooperation.stage.changed",
        actor=actor,
        network=cooperation.network,
        data={"from": previous, "to": stage, "note": note.strip()},
    )
    return cooperation


def _stage_label(code: str) -> str:
    return str(Stage(code).label) if code in Stage.values else code


@transaction.atomic
def funding_period_add(
    *,
    cooperation: Cooperation,
    actor,
    source: str,
    amount: Decimal,
    starts_on: date,
    ends_on: date,
) -> FundingPeriod:
    """Record that ``cooperation`` is funded from ``source`` with ``amount`` euros from ``starts_on``
    to ``ends_on``; the end lies after the start, the amount is not negative."""
    require_staff(actor, cooperation.network)
    errors: dict[str, str] = {}
    if source not in FundingSource.values:
        errors["source"] = _("Bitte wählen Sie eine Förderquelle aus der Liste.")
    if not isinstance(amount, Decimal) or not amount.is_finite() or amount < 0:
        errors["amount"] = _("Der Betrag ist eine Zahl von 0 Euro an.")
    if starts_on and ends_on and ends_on <= starts_on:
        errors["ends_on"] = _("Das Ende liegt nach dem Beginn.")
    if errors:
        raise ValidationError(errors)
    period = FundingPeriod(
        network_id=cooperation.network_id,
        cooperation=cooperation,
        source=source,
        amount=amount,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    period.full_clean()
    period.save()
    log_action(
        subject=cooperation,
        action="cooperation.funding.added",
        actor=actor,
        network=cooperation.network,
        data={
            "funding_period": period.pk,
            "source": source,
            "amount": str(amount),
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
        },
    )
    return period


@transaction.atomic
def funding_period_remove(*, period: FundingPeriod, actor) -> None:
    """Remove a funding period entered by mistake; the log keeps what it said."""
    cooperation = period.cooperation
    require_staff(actor, cooperation.network)
    data = {
        "funding_period": period.pk,
        "source": period.source,
        "amount": str(period.amount),
        "starts_on": period.starts_on.isoformat(),
        "ends_on": period.ends_on.isoformat(),
    }
    period.delete()
    log_action(
        subject=cooperation,
        action="cooperation.funding.removed",
        actor=actor,
        network=cooperation.network,
        data=data,
    )
