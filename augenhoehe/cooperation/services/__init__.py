"""Writes of the cooperation app: each atomic, validated, and in the audit log.

One module per subject; the names are exported here, so callers write ``services.<verb>``.
"""

from .comments import COMMENT_MAX_LENGTH, comment_add, comment_remove
from .cooperations import (
    EDITABLE,
    cooperation_create,
    cooperation_stage_change,
    cooperation_update,
    funding_period_add,
    funding_period_remove,
)
from .partners import partner_goals_set
from .records import (
    compensation_add,
    compensation_remove,
    compensation_status_set,
    contact_entry_add,
    contact_entry_remove,
    document_add,
    document_remove,
    task_add,
    task_complete,
    task_remove,
)
from .vetting import vetting_decide, vetting_record

__all__ = [
    "COMMENT_MAX_LENGTH",
    "comment_add",
    "comment_remove",
    "EDITABLE",
    "cooperation_create",
    "cooperation_stage_change",
    "cooperation_update",
    "funding_period_add",
    "funding_period_remove",
    "partner_goals_set",
    "vetting_decide",
    "vetting_record",
    "contact_entry_add",
    "contact_entry_remove",
    "task_add",
    "task_complete",
    "task_remove",
    "document_add",
    "document_remove",
    "compensation_add",
    "compensation_status_set",
    "compensation_remove",
]
