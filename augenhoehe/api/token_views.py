"""Pages where a network admin issues, lists and revokes the network's API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from augenhoehe.core.models import Network
from augenhoehe.core.typing import NetworkRequest

from . import selectors, services
from .forms import ApiTokenForm


def _require_admin(request: NetworkRequest) -> Network:
    """The active network, if the user may manage its tokens."""
    network = request.network
    if network is None or not request.user.has_perm("api.manage_tokens", network):
        raise PermissionDenied
    return network


@login_required
@never_cache
def token_list(request: NetworkRequest) -> HttpResponse:
    """The network's tokens and the form for a new one; a new secret is shown once, here."""
    network = _require_admin(request)
    form = ApiTokenForm(request.POST or None)
    secret = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                token, secret = services.api_token_create(
                    network=network, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                form = ApiTokenForm()
                messages.success(request, _("Das Token „%(name)s“ wurde angelegt.") % {"name": token.name})
        if secret is None:
            status = 400
    context = {
        "tokens": selectors.api_token_list(network=network, viewer=request.user),
        "form": form,
        "secret": secret,
    }
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request: NetworkRequest, pk: int) -> HttpResponse:
    network = _require_admin(request)
    token = selectors.api_token_get_for_user(user=request.user, network=network, pk=pk)
    services.api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("Das Token „%(name)s“ wurde widerrufen.") % {"name": token.name})
    return redirect("api:tokens")
