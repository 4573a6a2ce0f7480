"""The network's audit log, for its admins."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from django_scopes import scope

from .audit import action_label, entry_summary
from .selectors import network_get_for_admin, network_log_actions, network_log_page
from .views import render_list


@login_required
@require_GET
def network_log(request: HttpRequest, slug: str) -> HttpResponse:
    """What was done in the network, newest first, filtered by action; htmx swaps only the results."""
    network = network_get_for_admin(user=request.user, slug=slug)
    # An admin of several networks may read the log of one that is not the active one.
    with scope(network=[network.pk]):
        return _network_log_page(request, network)


def _network_log_page(request: HttpRequest, network) -> HttpResponse:
    actions = network_log_actions(network=network)
    action = request.GET.get("action", "")
    if action not in actions:
        action = ""
    page = network_log_page(viewer=request.user, network=network, action=action, page=request.GET.get("page"))
    for entry in page:
        entry.label, entry.summary = action_label(entry.action), entry_summary(entry)
    context = {
        "network": network,
        "page": page,
        "action": action,
        "actions": sorted(((code, action_label(code)) for code in actions), key=lambda a: a[1]),
    }
    return render_list(
        request,
        template_name="core/network_log.html",
        results_template_name="core/_log_results.html",
        context=context,
    )
