"""Writes of a network's vetting of organisations: restricted audit, four eyes."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from augenhoehe.core.models import Network
from augenhoehe.core.services import log_action
from augenhoehe.directory.models import Organisation

from ..audit import VETTING_READERS
from ..choices import DECISIONS, VettingStatus
from ..models import Vetting
from ..permissions import can_approve_vetting, proposed_it
from ._common import require_staff


@transaction.atomic
def vetting_record(
    *,
    network: Network,
    organisation: Organisation,
    actor,
    status: str,
    checks: Iterable[str] = (),
    sources: str = "",
    reviewed_on: date | None = None,
    next_review_on: date | None = None,
) -> Vetting:
    """Record the network's review of ``organisation``.

    "nicht geprüft" and "in Prüfung" hold at once; "keine Bedenken" and "Bedenken" are proposed
    and hold only once a second person approves them (``vetting_decide``).
    """
    require_staff(actor, network)
    if status not in VettingStatus.values:
        raise ValidationError({"status": _("Bitte wählen Sie einen Stand aus der Liste.")})
    vetting = Vetting.objects.select_for_update().filter(network=network, organisation=organisation).first()
    vetting = vetting or Vetting(network=network, organisation=organisation)
    vetting.checks = sorted(set(checks))
    vetting.sources = sources.strip()
    vetting.reviewed_on = reviewed_on or timezone.localdate()
    vetting.next_review_on = next_review_on
    vetting.reviewer = actor
    vetting.approved_by, vetting.approved_at = None, None
    if status in DECISIONS:
        vetting.proposed_status = status
        action = "vetting.proposed"
    else:
        # A new review stage holds at once and replaces any result that still waited.
        vetting.status, vetting.proposed_status = status, ""
        action = "vetting.changed"
    vetting.full_clean()
    vetting.save()
    log_action(
        subject=vetting,
        action=action,
        actor=actor,
        network=network,
        data={
            "organisation": organisation.pk,
            "status": vetting.status,
            "proposed_status": vetting.proposed_status,
            "checks": vetting.checks,
            "sources": vetting.sources,
            "reviewed_on": vetting.reviewed_on.isoformat(),
            "next_review_on": next_review_on.isoformat() if next_review_on else None,
        },
        restricted_to=VETTING_READERS,
    )
    return vetting


@transaction.atomic
def vetting_decide(*, vetting: Vetting, actor, approve: bool) -> Vetting:
    """A second person of the network approves the proposed result (it then holds) or turns it down."""
    require_staff(actor, vetting.network)
    vetting = Vetting.objects.select_for_update().get(pk=vetting.pk)
    if not vetting.proposed_status:
        raise ValidationError(_("Es wartet kein Ergebnis auf Bestätigung."))
    if proposed_it(actor, vetting):
        raise ValidationError(_("Ein Ergebnis bestätigt eine zweite Person, nicht wer es vorgeschlagen hat."))
    if not can_approve_vetting(actor, vetting):
        raise ValidationError(
            _(
                "Den Vorschlag einer Koordinatorin oder eines Koordinators bestätigt die Administration des Netzwerks."
            )
        )
    proposed = vetting.proposed_status
    if approve:
        vetting.status = proposed
        vetting.approved_by, vetting.approved_at = actor, timezone.now()
    vetting.proposed_status = ""
    vetting.save()
    log_action(
        subject=vetting,
        action="vetting.approved" if approve else "vetting.rejected",
        actor=actor,
        network=vetting.network,
        data={"organisation": vetting.organisation_id, "status": vetting.status, "proposed_status": proposed},
        restricted_to=VETTING_READERS,
    )
    return vetting
