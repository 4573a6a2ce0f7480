"""Cooperations as JSON, for their network's staff: what the cooperation's page shows, minus vetting.

The vetting of a partner is never read here, so no answer can tell whether one was reviewed.
"""

from collections.abc import Iterable
from typing import Any

from augenhoehe.cooperation.choices import TRANSITIONS, FundingSource, Stage, Topic
from augenhoehe.cooperation.models import Cooperation, FundingPeriod, StageChange


def _value(choices, code: str) -> dict[str, str]:
    return {"code": code, "label": str(choices(code).label) if code in choices.values else code}


def cooperation_data(cooperation: Cooperation) -> dict[str, Any]:
    """One cooperation as listed; its partners must be fetched with their organisations
    (``selectors.cooperation_list`` does)."""
    c = cooperation
    return {
        "id": c.pk,
        "title": c.title,
        "topic": _value(Topic, c.topic),
        "network_goals": c.network_goals,
        "mso_gain": c.mso_gain,
        "stage": _value(Stage, c.stage),
        "stage_changed_at": c.stage_changed_at.isoformat(),
        "next_stages": list(TRANSITIONS.get(c.stage, ())),
        "partners": [
            {
                "organisation": {"id": partner.organisation_id, "name": partner.organisation.name},
                "goals": partner.goals,
            }
            for partner in c.partners.all()
        ],
        "created_at": c.created_at.isoformat(),
        "updated_at": c.updated_at.isoformat(),
    }


def cooperation_detail_data(
    cooperation: Cooperation,
    *,
    stage_changes: Iterable[StageChange],
    funding_periods: Iterable[FundingPeriod],
) -> dict[str, Any]:
    """One cooperation with its stage history (newest first) and funding periods."""
    return cooperation_data(cooperation) | {
        "stage_history": [
            {
                "changed_at": change.changed_at.isoformat(),
                "from_stage": change.from_stage or None,
                "to_stage": change.to_stage,
                "note": change.note,
            }
            for change in stage_changes
        ],
        "funding_periods": [
            {
                "id": period.pk,
                "source": _value(FundingSource, period.source),
                "amount": f"{period.amount:.2f}",
                "starts_on": period.starts_on.isoformat(),
                "ends_on": period.ends_on.isoformat(),
            }
            for period in funding_periods
        ],
    }
