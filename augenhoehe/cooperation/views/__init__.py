"""The cooperation app's pages; one module per subject, names exported here for ``urls``."""

from .comments import comment_add, comment_remove
from .cooperations import (
    CooperationListView,
    VettingListView,
    cooperation_create,
    cooperation_detail,
    cooperation_list,
    cooperation_stage,
    cooperation_update,
    funding_ending,
    funding_period_add,
    funding_period_remove,
    vetting_decide,
    vetting_detail,
    vetting_list,
)
from .desk import NotContactedView, TaskListView, desk, not_contacted, task_list
from .shared import (
    shared_comment_add,
    shared_comment_remove,
    shared_detail,
    shared_document,
    shared_goals,
    shared_list,
)

__all__ = [
    "CooperationListView",
    "cooperation_list",
    "cooperation_create",
    "cooperation_update",
    "cooperation_detail",
    "cooperation_stage",
    "funding_period_add",
    "funding_period_remove",
    "funding_ending",
    "VettingListView",
    "vetting_list",
    "vetting_detail",
    "vetting_decide",
    "comment_add",
    "comment_remove",
    "shared_list",
    "shared_detail",
    "shared_goals",
    "shared_comment_add",
    "shared_comment_remove",
    "shared_document",
    "desk",
    "TaskListView",
    "task_list",
    "NotContactedView",
    "not_contacted",
]
