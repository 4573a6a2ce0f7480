"""The coordinator's desk, the page staff land on after signing in, and the lists behind its
panels that have no page elsewhere: the network's open tasks and the organisations not contacted
for a year."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_GET

from augenhoehe.checkins.selectors import desk_divergences
from augenhoehe.core.typing import NetworkRequest
from augenhoehe.core.views import ListPageView

from .. import selectors
from ..choices import FUNDING_WARNING_DAYS
from ..models import Task
from .cooperations import _network


@login_required
@require_GET
def desk(request: NetworkRequest) -> HttpResponse:
    """Six panels, each a count, the first rows and the link to the list behind it."""
    network = _network(request)
    today = timezone.localdate()
    where = {"viewer": request.user, "network": network}
    context = {
        "today": today,
        "stages": selectors.desk_stages(**where),
        "tasks": selectors.desk_tasks(**where, today=today),
        # Counts only: the desk names no organisation here, so it reads (and logs) no vetting.
        "reviews": selectors.desk_reviews(**where, today=today),
        "funding": selectors.desk_funding(**where, today=today),
        "not_contacted": selectors.desk_not_contacted(**where, today=today),
        # One query: the factors the two sides of a check-in see differently (checkins app).
        "divergences": desk_divergences(**where, rows=selectors.DESK_ROWS),
        "task_days": selectors.TASK_DUE_DAYS,
        "review_days": selectors.REVIEW_DUE_DAYS,
        "funding_days": FUNDING_WARNING_DAYS,
    }
    return render(request, "cooperation/desk.html", context)


@method_decorator(login_required, name="dispatch")
class TaskListView(ListPageView):
    """The network's open tasks, mine or all, overdue or due soon; htmx swaps only the results."""

    template_name = "cooperation/tasks.html"
    results_template_name = "cooperation/_task_results.html"

    def mine(self) -> bool:
        return self.request.GET.get("mine") == "1"

    def due(self) -> str:
        due = self.request.GET.get("due", "")
        return due if due in selectors.TASK_DUE_FILTERS else ""

    def get_object_list(self) -> QuerySet[Task]:
        return selectors.task_list(
            viewer=self.request.user,
            network=_network(self.request),
            today=timezone.localdate(),
            mine=self.mine(),
            due=self.due(),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            mine=self.mine(),
            due=self.due(),
            today=timezone.localdate(),
            days=selectors.TASK_DUE_DAYS,
            **kwargs,
        )


task_list = TaskListView.as_view()


@method_decorator(login_required, name="dispatch")
class NotContactedView(ListPageView):
    """Organisations of the network's running cooperations not contacted for a year, or never."""

    template_name = "cooperation/not_contacted.html"
    results_template_name = "cooperation/_not_contacted_results.html"

    def get_page(self) -> Page:
        return selectors.not_contacted_page(
            viewer=self.request.user,
            network=_network(self.request),
            today=timezone.localdate(),
            page=self.request.GET.get(self.page_parameter),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(days=selectors.NOT_CONTACTED_DAYS, **kwargs)


not_contacted = NotContactedView.as_view()
