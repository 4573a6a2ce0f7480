"""The network's audit log, for its admins."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from .audit import action_label, entry_summary
from .selectors import network_get_for_admin, network_log_actions, network_log_page


@login_required
@require_GET
def network_log(request: HttpRequest, slug: str) -> HttpResponse:
    """What was done in the network, newest first, filtered by action; htmx swaps only the results."""
    network = network_get_for_admin(user=request.user, slug=slug)
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
    partial = request.htmx and not request.htmx.history_restore_request
    template = "core/_log_results.html" if partial else "core/network_log.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
