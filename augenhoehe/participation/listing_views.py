"""Pages of asking to be listed: the public form (with its challenge and thanks), the staff's list,
a request with its possible duplicates and the decision, and the new account's first password."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework.throttling import SimpleRateThrottle

from augenhoehe.accounts.password_views import PasswordResetConfirmView
from augenhoehe.core.languages import Language
from augenhoehe.core.throttling import minutes_to_wait, wait_seconds
from augenhoehe.core.typing import NetworkRequest

from . import listing, listing_altcha
from .listing_forms import AcceptForm, ListingRequestForm, RejectForm
from .models import ListingRequest


class ListingThrottle(SimpleRateThrottle):
    """Requests sent per address (counted only for a form that passed every check): enough for an
    office that asks for several organisations."""

    scope = "participation_listing"
    rate = "10/hour"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ListingPostThrottle(ListingThrottle):
    """Every form sent per address, corrected ones too: generous, against floods only (a community
    centre has many people behind one address, and a form may need several corrections)."""

    scope = "participation_listing_post"
    rate = "60/hour"


def _waiting(
    request: HttpRequest, form: ListingRequestForm, throttle: type[SimpleRateThrottle]
) -> HttpResponse | None:
    """The page saying how long to wait, or None if this address may send now (and is counted)."""
    wait = wait_seconds(request, (throttle,))
    if wait is None:
        return None
    minutes = minutes_to_wait(wait)
    message = ngettext(
        "Von Ihrem Anschluss kamen gerade sehr viele Anträge. Bitte versuchen Sie es in %(minutes)d Minute noch einmal.",
        "Von Ihrem Anschluss kamen gerade sehr viele Anträge. Bitte versuchen Sie es in %(minutes)d Minuten noch einmal.",
        minutes,
    ) % {"minutes": minutes}
    return _form_page(request, form, status=429, waiting=message)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _form_page(
    request: HttpRequest, form: ListingRequestForm, status: int = 200, waiting: str = ""
) -> HttpResponse:
    form.describe_errors()
    context = {
        "form": form,
        "waiting": waiting,
        "challenge_minutes": listing_altcha.CHALLENGE_MINUTES,
        "consent_text": listing.CONSENT_PURPOSE.text,
        "altcha_strings": json.dumps(listing_altcha.widget_strings()),
    }
    return render(request, "participation/listing/form.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def request_form(request: HttpRequest) -> HttpResponse:
    """The public form. A refused request changes nothing and says why beside each field."""
    if request.method == "GET":
        return _form_page(request, ListingRequestForm())
    form = ListingRequestForm(request.POST)
    if (flooded := _waiting(request, form, ListingPostThrottle)) is not None:
        return flooded
    if form.is_trapped():
        # Looks sent to the script; nothing is stored and nobody is written to.
        return redirect("listing:sent")
    form.is_valid()
    form.robot_check()
    if not form.errors:
        if (waiting := _waiting(request, form, ListingThrottle)) is not None:
            return waiting
        try:
            listing.listing_request_create(**form.service_arguments(), base_url=_base_url(request))
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            return redirect("listing:sent")
    return _form_page(request, form, status=400)


@never_cache
@require_GET
def challenge(request: HttpRequest) -> JsonResponse:
    """A fresh ALTCHA challenge for the widget (same origin; no third party sees it)."""
    return JsonResponse(listing_altcha.challenge_new())


@require_GET
def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "participation/listing/sent.html")


@login_required
@require_GET
def request_list(request: NetworkRequest) -> HttpResponse:
    """The open requests from the active network's Kreise, oldest first."""
    requests = list(listing.listing_request_list(viewer=request.user, network=request.network))
    return render(request, "participation/listing/list.html", {"requests": requests})


def _language_name(code: str) -> str:
    try:
        return translation.get_language_info(code)["name_local"]
    except KeyError:
        return code


def _detail_page(
    request: NetworkRequest,
    listing_request: ListingRequest,
    *,
    accept_form: AcceptForm | None = None,
    reject_form: RejectForm | None = None,
    status: int = 200,
) -> HttpResponse:
    assert request.network is not None  # the fetch refused anyone without one
    duplicates = listing.listing_duplicates(listing_request=listing_request, network=request.network)
    if reject_form is not None:
        for name in reject_form.errors:
            bound = reject_form[name]
            bound.field.widget.attrs["aria-describedby"] = f"{bound.auto_id}_error {bound.auto_id}_helptext"
    context = {
        "listing_request": listing_request,
        "duplicates": duplicates,
        "accept_form": accept_form or AcceptForm(duplicates=duplicates),
        "reject_form": reject_form or RejectForm(),
        "language_name": _language_name(listing_request.contact_language),
        "language_labels": [
            Language(code).label if code in Language.values else code for code in listing_request.languages
        ],
    }
    return render(request, "participation/listing/detail.html", context, status=status)


@login_required
@require_GET
def request_detail(request: NetworkRequest, pk: int) -> HttpResponse:
    listing_request = listing.listing_request_get_for_user(user=request.user, network=request.network, pk=pk)
    return _detail_page(request, listing_request)


@login_required
@require_POST
def request_accept(request: NetworkRequest, pk: int) -> HttpResponse:
    """Accept as a new profile or as one of the duplicates shown; the contact gets an account by mail."""
    listing_request = listing.listing_request_get_for_user(user=request.user, network=request.network, pk=pk)
    assert request.network is not None  # the fetch refused anyone without one
    duplicates = {
        o.pk: o for o in listing.listing_duplicates(listing_request=listing_request, network=request.network)
    }
    form = AcceptForm(request.POST, duplicates=list(duplicates.values()))
    if not form.is_valid():
        return _detail_page(request, listing_request, accept_form=form, status=400)
    try:
        accepted = listing.listing_request_accept(
            listing_request=listing_request,
            actor=request.user,
            network=request.network,
            organisation=duplicates.get(form.cleaned_data["organisation"]),
            base_url=_base_url(request),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("listing:request", pk=pk)
    name = {"name": accepted.listing_request.contact_name}
    if not accepted.mailed:
        messages.warning(
            request,
            _(
                "Der Antrag ist angenommen, aber die E-Mail an %(name)s ging nicht raus. "
                "Bitte schicken Sie den Link später noch einmal (auf der Seite des Antrags)."
            )
            % name,
        )
    elif accepted.account.user is None:
        messages.success(
            request,
            _(
                "Der Antrag ist angenommen. Das Profil hat schon Administrator*innen: %(name)s bekommt "
                "eine E-Mail und soll sie um eine Einladung bitten."
            )
            % name,
        )
    else:
        messages.success(
            request, _("Der Antrag ist angenommen. %(name)s bekommt eine E-Mail mit dem Zugang.") % name
        )
    organisation = accepted.listing_request.organisation
    assert organisation is not None
    return redirect(organisation)


@login_required
@require_POST
def request_reject(request: NetworkRequest, pk: int) -> HttpResponse:
    """Reject with a reason, which goes to the contact by mail."""
    listing_request = listing.listing_request_get_for_user(user=request.user, network=request.network, pk=pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, listing_request, reject_form=form, status=400)
    assert request.network is not None
    try:
        listing.listing_request_reject(
            listing_request=listing_request,
            actor=request.user,
            network=request.network,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("listing:request", pk=pk)
    messages.success(request, _("Der Antrag ist abgelehnt. Die Person bekommt den Grund per E-Mail."))
    return redirect("listing:requests")


@login_required
@require_POST
def request_link_resend(request: NetworkRequest, pk: int) -> HttpResponse:
    """A new link to the first password, for a contact whose account still has none."""
    listing_request = listing.listing_request_get_for_user(user=request.user, network=request.network, pk=pk)
    assert request.network is not None
    try:
        mailed = listing.listing_account_link_resend(
            listing_request=listing_request,
            actor=request.user,
            network=request.network,
            base_url=_base_url(request),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if mailed:
            messages.success(request, _("Der Link ist noch einmal verschickt."))
        else:
            messages.warning(
                request, _("Die E-Mail ging nicht raus. Bitte versuchen Sie es später noch einmal.")
            )
    return redirect("listing:request", pk=pk)


class WelcomeView(PasswordResetConfirmView):
    """The new account's first password, from the link in the acceptance mail (Django's reset token);
    the person is signed in afterwards and lands where representatives land."""

    template_name = "participation/listing/welcome.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("directory:landing")

    def get_user(self, uidb64):
        """Only an account that still waits for its first password and acts for an organisation: a
        "forgotten password" link of any other account (staff too) is invalid here, so it never
        signs anyone in. Nor does it switch a person who is signed in to another account."""
        user = super().get_user(uidb64)
        if user is None or user.has_usable_password() or not user.representations.exists():
            return None
        signed_in = self.request.user
        if signed_in.is_authenticated and signed_in.pk != user.pk:
            return None
        return user
