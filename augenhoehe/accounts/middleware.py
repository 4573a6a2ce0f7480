"""The request's active network and its tenancy scope; the staff's idle timeout; the second factor's step."""

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_scopes import scope

from augenhoehe.core.models import Network
from augenhoehe.core.typing import NetworkRequest

from . import second_factor
from .selectors import user_memberships

SESSION_KEY = "augenhoehe_network"


def active_network(request: HttpRequest) -> Network | None:
    """The network chosen in the session if the user works for it, else their first one, else None."""
    networks = user_memberships(user=getattr(request, "user", None)).networks
    if not networks:
        return None
    chosen_id = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    chosen = networks.get(chosen_id) if chosen_id is not None else None
    network, _role = chosen or next(iter(networks.values()))
    return network


def network_scope(network: Network | None):
    """The scope for ``network``; a list, because django-scopes reads ``None`` as "no filter"."""
    return scope(network=[network.pk] if network is not None else [])


class ActiveNetworkMiddleware:
    """Sets ``request.network`` and runs the view (and its templates) in that network's scope.

    Without a network (visitors, MSO members) the scope is empty: a network-owned
    row can then be read by nobody, instead of by everybody.
    """

    def __init__(self, get_response: Callable[[NetworkRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: NetworkRequest) -> HttpResponse:
        request.network = active_network(request)
        with network_scope(request.network):
            return self.get_response(request)


# When the session's person last sent a request (seconds since the epoch), for the idle timeout.
LAST_SEEN_KEY = "augenhoehe_last_seen"
# The last-seen time is written at most this often, so that not every request saves the session.
LAST_SEEN_RESOLUTION = 60


class StaffIdleTimeoutMiddleware:
    """Signs a network's staff out after ``STAFF_IDLE_TIMEOUT_MINUTES`` without a request.

    Staff see what networks write about organisations (vetting, contacts); a session left open
    on an office computer should not stay usable for the whole day.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and (user.is_superuser or user_memberships(user=user).networks):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > settings.STAFF_IDLE_TIMEOUT_MINUTES * 60:
                logout(request)
                messages.info(
                    request,
                    _(
                        "Sie wurden nach %(minutes)d Minuten ohne Aktivität abgemeldet. Bitte melden Sie sich erneut an."
                    )
                    % {"minutes": settings.STAFF_IDLE_TIMEOUT_MINUTES},
                )
                return redirect_to_login(request.get_full_path())
            if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


# Pages a signed-in person reaches before their second factor is checked: signing out, the
# language switch, and the passkey ceremonies (which check for themselves: a passkey is only
# registered without a check by someone who has no factor yet).
OPEN_BEFORE_SECOND_FACTOR = {"accounts:logout", "set_language"}
OPEN_NAMESPACES = {"otp_webauthn"}
# Someone with a factor may then only check it; a network admin without one only set one up.
OPEN_TO_CHECK = {"accounts:second_factor_verify"}
OPEN_TO_SET_UP = {"accounts:security", "accounts:totp_setup"}


class SecondFactorMiddleware:
    """Sends a signed-in person whose second factor is not yet checked in this session to the check,
    and a network admin without any second factor to set one up, before any other page.

    The password alone signs in (the sign-in form and its throttling stay as they are); what it
    opens depends on this step. A network admin without a factor is not locked out: the first
    page after signing in is the setup.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or second_factor.is_verified(user):
            return None
        match = request.resolver_match
        if (
            match is None
            or match.view_name in OPEN_BEFORE_SECOND_FACTOR
            or OPEN_NAMESPACES & set(match.namespaces)
        ):
            return None
        if second_factor.has_confirmed_device_in_session(request):
            target, open_pages = "accounts:second_factor_verify", OPEN_TO_CHECK
        elif second_factor.is_required_for(user):
            target, open_pages = "accounts:totp_setup", OPEN_TO_SET_UP
        else:
            return None
        if match.view_name in open_pages:
            return None
        return redirect(f"{reverse(target)}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}")
