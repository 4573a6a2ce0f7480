"""Writes the organisations of a cooperation make themselves (or the network's staff on their behalf)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from augenhoehe.core.services import log_action

from ..models import Partner


@transaction.atomic
def partner_goals_set(*, partner: Partner, actor, goals: str) -> Partner:
    """Write what ``partner``'s organisation wants to reach with the cooperation, in its own words;
    its representatives and the network's staff may."""
    if not actor.has_perm("cooperation.change_partner_goals", partner):
        raise ValidationError(_("Nur die Organisation selbst oder das Netzwerk dürfen ihre Ziele ändern."))
    goals = goals.strip()
    if goals == partner.goals:
        return partner
    before = partner.goals
    partner.goals, partner.goals_changed_by, partner.goals_changed_at = goals, actor, timezone.now()
    partner.full_clean()
    partner.save(update_fields=["goals", "goals_changed_by", "goals_changed_at"])
    log_action(
        subject=partner.cooperation,
        action="cooperation.partner_goals.changed",
        actor=actor,
        network=partner.cooperation.network,
        # Not the text: the row holds the goals; the log says who changed them and when.
        data={"organisation": partner.organisation_id, "length": [len(before), len(goals)]},
    )
    return partner
