"""Pages of an organisation's own space: the choice of organisation, its space, what the public
sees, its people, and accepting an invitation into it."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from augenhoehe.accounts.forms import RegistrationForm, add_service_errors
from augenhoehe.accounts.invitation_pages import invitation_invalid_page
from augenhoehe.accounts.invitations import InvitationInvalid, username_suggestion
from augenhoehe.core.throttling import minutes_to_wait
from augenhoehe.directory.models import RepresentativeRole
from augenhoehe.directory.permissions import represented
from augenhoehe.directory.public_profile import public_profile_html
from augenhoehe.mail.backends import outbox_in_use

from . import people, space_selectors
from .people_forms import RepresentativeInvitationForm, RepresentativeRoleForm
from .signals import space_sections_for
from .space_selectors import representative_invitation_for_token
from .throttling import invitation_send_wait


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The page after signing in for a representative: its space, or the choice among several."""
    organisations = space_selectors.space_organisation_list(viewer=request.user)
    if len(organisations) == 1:
        return redirect("space:space", pk=organisations[0].pk)
    return render(request, "participation/space/home.html", {"organisations": organisations})


@login_required
def space(request: HttpRequest, pk: int) -> HttpResponse:
    """One organisation's own space: its profile at a glance, and what the other apps contribute."""
    organisation = space_selectors.space_organisation_get(user=request.user, pk=pk)
    context = {
        "organisation": organisation,
        "my_role": represented(request.user)[organisation.pk],
        "publication": space_selectors.publication_state(organisation=organisation),
        "sections": space_sections_for(request, organisation),
        "can_manage": request.user.has_perm("participation.invite_representative", organisation),
    }
    return render(request, "participation/space/space.html", context)


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The profile exactly as a visitor without an account sees it."""
    organisation = space_selectors.space_organisation_get(user=request.user, pk=pk)
    # The name is the second heading, under the page's own.
    profile = public_profile_html(request, organisation, level=2)
    return render(
        request, "participation/space/preview.html", {"organisation": organisation, "profile": profile}
    )


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _throttled(request: HttpRequest, wait: int, organisation) -> HttpResponse:
    context = {"organisation": organisation, "minutes": minutes_to_wait(wait)}
    response = render(request, "participation/space/throttled.html", context, status=429)
    response["Retry-After"] = str(wait)
    return response


@login_required
@never_cache
def people_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Its representatives and open invitations; who may invite finds the form here."""
    organisation = space_selectors.people_organisation_get(user=request.user, pk=pk)
    can_invite = request.user.has_perm("participation.invite_representative", organisation)
    can_manage = request.user.has_perm("participation.manage_representatives", organisation)
    form = (
        RepresentativeInvitationForm(request.POST or None, admins_only=not can_manage) if can_invite else None
    )
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            # Counted only for a valid form: a typo in an address costs no send.
            wait = invitation_send_wait(request)
            if wait is not None:
                return _throttled(request, wait, organisation)
            try:
                invitation = people.representative_invite(
                    organisation=organisation,
                    actor=request.user,
                    base_url=_base_url(request),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Die Einladung an %(email)s wurde verschickt.") % {"email": invitation.email}
                )
                return redirect("space:people", pk=organisation.pk)
        status = 400
    overview = space_selectors.people_overview(organisation=organisation)
    context = {
        "organisation": organisation,
        "representations": overview.representations,
        "sole_admin": overview.sole_admin,
        "invitations": space_selectors.invitation_list_open(organisation=organisation) if can_invite else [],
        "form": form,
        "can_manage": can_manage,
        "is_representative": organisation.pk in represented(request.user),
        "role_choices": RepresentativeRole.choices,
        "outbox_in_use": outbox_in_use(),
        "valid_days": people.INVITATION_VALIDITY.days,
    }
    return render(request, "participation/space/people.html", context, status=status)


@login_required
@never_cache
def representative_role(request: HttpRequest, pk: int, representation_pk: int) -> HttpResponse:
    """Change a representative's role (the list posts here; without JavaScript this page is the form)."""
    organisation = space_selectors.people_organisation_get(
        user=request.user, pk=pk, permission="participation.manage_representatives"
    )
    representation = space_selectors.representation_get_for_manager(
        user=request.user, organisation=organisation, pk=representation_pk
    )
    form = RepresentativeRoleForm(request.POST or None, initial={"role": representation.role})
    if request.method == "POST" and form.is_valid():
        try:
            people.representative_role_change(
                representation=representation, actor=request.user, role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s hat jetzt die Rolle „%(role)s“.")
                % {
                    "name": representation.user.display_name,
                    "role": RepresentativeRole(form.cleaned_data["role"]).label,
                },
            )
            return redirect("space:people", pk=organisation.pk)
    status = 400 if request.method == "POST" else 200
    context = {"organisation": organisation, "representation": representation, "form": form}
    return render(request, "participation/space/role.html", context, status=status)


@login_required
@never_cache
def representative_remove(request: HttpRequest, pk: int, representation_pk: int) -> HttpResponse:
    """Confirm, then remove a representative (an MSO admin) or leave the organisation (oneself)."""
    organisation = space_selectors.people_organisation_get(user=request.user, pk=pk)
    representation = space_selectors.representation_get_for_manager(
        user=request.user, organisation=organisation, pk=representation_pk
    )
    leaving = representation.user_id == request.user.pk
    error = None
    if request.method == "POST":
        try:
            people.representative_remove(representation=representation, actor=request.user)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            if leaving:
                messages.success(
                    request,
                    _("Sie vertreten %(organisation)s nicht mehr.") % {"organisation": organisation.name},
                )
                return redirect("home")
            messages.success(
                request,
                _("%(name)s gehört nicht mehr zur Organisation.")
                % {"name": representation.user.display_name},
            )
            return redirect("space:people", pk=organisation.pk)
    context = {
        "organisation": organisation,
        "representation": representation,
        "leaving": leaving,
        "error": error,
    }
    return render(request, "participation/space/remove.html", context, status=400 if error else 200)


def _invitation_action(request: HttpRequest, pk: int, invitation_pk: int):
    organisation = space_selectors.people_organisation_get(
        user=request.user, pk=pk, permission="participation.invite_representative"
    )
    return space_selectors.invitation_get_for_manager(
        user=request.user, organisation=organisation, pk=invitation_pk
    )


@login_required
def invitation_resend(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    invitation = _invitation_action(request, pk, invitation_pk)
    # Rights first, so that the answer to a GET reveals nothing about another organisation's ids.
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    wait = invitation_send_wait(request)
    if wait is not None:
        return _throttled(request, wait, invitation.organisation)
    try:
        people.representative_invitation_resend(
            invitation=invitation, actor=request.user, base_url=_base_url(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Ein neuer Link wurde an %(email)s geschickt.") % {"email": invitation.email}
        )
    return redirect("space:people", pk=pk)


@login_required
def invitation_revoke(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    invitation = _invitation_action(request, pk, invitation_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    people.representative_invitation_revoke(invitation=invitation, actor=request.user)
    messages.success(
        request, _("Die Einladung an %(email)s wurde zurückgezogen.") % {"email": invitation.email}
    )
    return redirect("space:people", pk=pk)


@never_cache
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation into an organisation: one click when signed in, or a new account here."""
    try:
        invitation = representative_invitation_for_token(token=token)
    except InvitationInvalid as invalid:
        return _invitation_invalid(request, invalid)
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                representation = people.representative_invitation_accept(token=token, user=request.user)
            except InvitationInvalid as invalid:
                return _invitation_invalid(request, invalid)
            return _welcome(request, representation.organisation)
        return render(request, "participation/space/invitation.html", {"invitation": invitation})
    form = RegistrationForm(request.POST or None, initial={"username": username_suggestion(invitation.email)})
    if request.method == "POST" and form.is_valid():
        data = {key: form.cleaned_data[key] for key in ("username", "first_name", "last_name", "password")}
        try:
            user = people.representative_register(token=token, **data)
        except InvitationInvalid as invalid:
            return _invitation_invalid(request, invalid)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return _welcome(request, invitation.organisation)
    status = 400 if request.method == "POST" else 200
    context = {"invitation": invitation, "form": form}
    return render(request, "participation/space/invitation.html", context, status=status)


def _welcome(request: HttpRequest, organisation) -> HttpResponse:
    messages.success(
        request, _("Willkommen! Sie vertreten jetzt %(organisation)s.") % {"organisation": organisation.name}
    )
    return redirect("space:space", pk=organisation.pk)


def _invitation_invalid(request: HttpRequest, invalid: InvitationInvalid) -> HttpResponse:
    return invitation_invalid_page(request, invalid, validity=people.INVITATION_VALIDITY)
