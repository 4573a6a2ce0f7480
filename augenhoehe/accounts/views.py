"""Pages where a network admin manages the network's people, and where an invitation is accepted."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.i18n import set_language

from augenhoehe.mail.backends import outbox_in_use

from . import selectors, services
from .forms import InvitationForm, RegistrationForm, RoleForm, add_service_errors
from .invitation_pages import invitation_invalid_page
from .models import NetworkRole, User
from .selectors import InvitationInvalid


def language_set(request: HttpRequest) -> HttpResponse:
    """Django's ``set_language`` (cookie and redirect), and for a signed-in person the choice kept
    as the language of their mails."""
    response = set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        services.user_language_set(user=request.user, language=request.POST.get("language", ""))
    return response


def _admin_network(request: HttpRequest):
    network = request.network  # type: ignore[attr-defined]
    if not request.user.has_perm("accounts.manage_people", network):
        raise PermissionDenied
    return network


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@login_required
@never_cache
def people(request: HttpRequest) -> HttpResponse:
    """The network's members and open invitations, and the form to invite someone."""
    network = _admin_network(request)
    form = InvitationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                invitation = services.invitation_create(
                    network=network, actor=request.user, base_url=_base_url(request), **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Die Einladung an %(email)s wurde verschickt.") % {"email": invitation.email}
                )
                return redirect("network:people")
        status = 400
    memberships = list(selectors.membership_list(viewer=request.user, network=network))
    admins = [m.pk for m in memberships if m.role == NetworkRole.ADMIN]
    context = {
        "network": network,
        "memberships": memberships,
        # The network keeps at least one admin: the page does not offer to remove the only one.
        "sole_admin": admins[0] if len(admins) == 1 else None,
        "invitations": selectors.invitation_list_open(viewer=request.user, network=network),
        "form": form,
        "role_form": RoleForm(),
        "outbox_in_use": outbox_in_use(),
        "valid_days": services.INVITATION_VALIDITY.days,
    }
    return render(request, "accounts/people.html", context, status=status)


@login_required
@never_cache
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a member's role (the list posts here; without JavaScript this page is the form)."""
    network = _admin_network(request)
    membership = selectors.membership_get_for_admin(user=request.user, network=network, pk=pk)
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_role_change(membership=membership, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s hat jetzt die Rolle „%(role)s“.")
                % {"name": membership.user.display_name, "role": membership.get_role_display()},
            )
            return redirect("network:people")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "accounts/member_role.html", {"membership": membership, "form": form}, status=status
    )


@login_required
@never_cache
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then remove a member from the network."""
    network = _admin_network(request)
    membership = selectors.membership_get_for_admin(user=request.user, network=network, pk=pk)
    return _end_membership(request, membership, leaving=membership.user_id == request.user.pk)


@login_required
@never_cache
def leave(request: HttpRequest) -> HttpResponse:
    """Confirm, then leave the active network oneself."""
    network = request.network  # type: ignore[attr-defined]
    if not request.user.has_perm("accounts.leave_network", network):
        raise PermissionDenied
    membership = selectors.membership_get_own(user=request.user, network=network)
    return _end_membership(request, membership, leaving=True)


def _end_membership(request: HttpRequest, membership, *, leaving: bool) -> HttpResponse:
    error = None
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership, actor=request.user)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            if leaving:
                messages.success(
                    request,
                    _("Sie arbeiten nicht mehr für %(network)s.") % {"network": membership.network.name},
                )
                return redirect("home")
            messages.success(
                request,
                _("%(name)s wurde aus dem Netzwerk entfernt.") % {"name": membership.user.display_name},
            )
            return redirect("network:people")
    context = {"membership": membership, "leaving": leaving, "error": error}
    return render(request, "accounts/member_remove.html", context, status=400 if error else 200)


@login_required
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    network = _admin_network(request)
    invitation = selectors.invitation_get_for_admin(user=request.user, network=network, pk=pk)
    # Rights first, so that the answer to a GET reveals nothing about another network's ids.
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.invitation_revoke(invitation=invitation, actor=request.user)
    messages.success(
        request, _("Die Einladung an %(email)s wurde zurückgezogen.") % {"email": invitation.email}
    )
    return redirect("network:people")


@login_required
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    network = _admin_network(request)
    invitation = selectors.invitation_get_for_admin(user=request.user, network=network, pk=pk)
    # Rights first, so that the answer to a GET reveals nothing about another network's ids.
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.invitation_resend(invitation=invitation, actor=request.user, base_url=_base_url(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Ein neuer Link wurde an %(email)s geschickt.") % {"email": invitation.email}
        )
    return redirect("network:people")


@never_cache
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation: with one click when signed in, or by creating an account here."""
    try:
        invitation = selectors.invitation_for_token(token=token)
    except InvitationInvalid as invalid:
        return _invitation_invalid(request, invalid)
    if request.user.is_authenticated:
        if request.method == "POST":
            return _accept(request, token, user=request.user)
        return render(request, "accounts/invitation.html", {"invitation": invitation})
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {key: form.cleaned_data[key] for key in ("username", "first_name", "last_name", "password")}
        try:
            user = services.invitation_register(token=token, **data)
        except InvitationInvalid as invalid:
            return _invitation_invalid(request, invalid)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return _welcome(request, invitation.network)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "accounts/invitation.html", {"invitation": invitation, "form": form}, status=status
    )


def _accept(request: HttpRequest, token: str, *, user: User) -> HttpResponse:
    try:
        membership = services.invitation_accept(token=token, user=user)
    except InvitationInvalid as invalid:
        return _invitation_invalid(request, invalid)
    return _welcome(request, membership.network)


def _welcome(request: HttpRequest, network) -> HttpResponse:
    messages.success(
        request, _("Willkommen! Sie arbeiten jetzt für %(network)s.") % {"network": network.name}
    )
    return redirect("home")


def _invitation_invalid(request: HttpRequest, invalid: InvitationInvalid) -> HttpResponse:
    return invitation_invalid_page(request, invalid, validity=services.INVITATION_VALIDITY)
