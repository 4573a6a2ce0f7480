"""Signing in to where one works, and switching between one's networks."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .middleware import SESSION_KEY
from .selectors import user_memberships


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    # Where a person lands is the directory's to say (settings.LOGIN_REDIRECT_URL, ``directory:landing``).


@login_required
@require_POST
def network_switch(request: HttpRequest) -> HttpResponse:
    """Make another of the person's networks the active one for this session."""
    try:
        network_id = int(request.POST.get("network", ""))
    except ValueError:
        raise Http404 from None
    if network_id not in user_memberships(user=request.user).networks:
        raise Http404
    request.session[SESSION_KEY] = network_id
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "directory:search"
    return redirect(target)
