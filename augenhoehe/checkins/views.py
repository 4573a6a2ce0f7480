"""The check-ins' pages: the staff's actions from a cooperation's page, the network's answer, and
the organisation's personal link (no account: the link is the authorisation)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from augenhoehe.cooperation.selectors import cooperation_get_for_user
from augenhoehe.core.throttling import minutes_to_wait
from augenhoehe.core.typing import NetworkRequest

from . import selectors, services
from .choices import LinkLanguage, Side
from .forms import ContactForm, PlanForm, RatingsForm
from .sections import cooperation_checkins_context
from .throttles import blocked_for, wrong_link_count


def _cooperation(request: NetworkRequest, pk: int, permission: str = "checkins.change_checkins"):
    cooperation = cooperation_get_for_user(user=request.user, network=request.network, pk=pk)
    if not request.user.has_perm(permission, cooperation.network):
        raise PermissionDenied
    return cooperation


def _back(cooperation) -> HttpResponse:
    return redirect(cooperation.get_absolute_url() + "#checkins")


def _section_page(request: NetworkRequest, cooperation, status: int = 200, **bound_forms) -> HttpResponse:
    partners = list(cooperation.partners.all())
    context = {"cooperation": cooperation} | cooperation_checkins_context(
        request, cooperation, partners, **bound_forms
    )
    return render(request, "checkins/cooperation.html", context, status=status)


@login_required
@require_GET
def cooperation_checkins(request: NetworkRequest, pk: int) -> HttpResponse:
    """The check-in section of a cooperation on its own page (where a failed form shows its errors)."""
    cooperation = _cooperation(request, pk, "checkins.view_checkins")
    return _section_page(request, cooperation)


@login_required
@require_POST
def plan_set(request: NetworkRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            services.plan_set(cooperation=cooperation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Der Abstand der Check-ins wurde gespeichert."))
            return _back(cooperation)
    return _section_page(request, cooperation, status=400, plan_form=form)


@login_required
@require_POST
def contact_set(request: NetworkRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    partner = selectors.contact_get_for_user(
        user=request.user, cooperation=cooperation, partner_pk=request.POST.get("partner", "")
    )
    form = ContactForm(request.POST, prefix=f"contact-{partner.pk}")
    if form.is_valid():
        try:
            services.contact_set(partner=partner, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Die Ansprechperson wurde gespeichert."))
            return _back(cooperation)
    return _section_page(request, cooperation, status=400, contact_form=form, contact_partner=partner.pk)


@login_required
@require_POST
def contact_remove(request: NetworkRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    partner = selectors.contact_get_for_user(
        user=request.user, cooperation=cooperation, partner_pk=request.POST.get("partner", "")
    )
    contact = selectors.contact_of(partner=partner)
    if contact is not None:
        services.contact_remove(contact=contact, actor=request.user)
        messages.success(request, _("Die Ansprechperson wurde entfernt."))
    return _back(cooperation)


@login_required
@require_POST
def checkin_start(request: NetworkRequest, pk: int) -> HttpResponse:
    """ "Check-in jetzt starten": the links go out at once."""
    cooperation = _cooperation(request, pk)
    try:
        checkin = services.checkin_start(
            cooperation=cooperation, actor=request.user, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if checkin.links.filter(sent_at__isnull=True).exists():
            messages.warning(
                request,
                _(
                    "Der Check-in wurde gestartet, aber nicht jede Einladung ging hinaus: der Mailserver "
                    "antwortet nicht. Sie wird morgen noch einmal verschickt."
                ),
            )
        else:
            messages.success(request, _("Der Check-in wurde gestartet; die Einladungen sind verschickt."))
    return _back(cooperation)


@login_required
@require_http_methods(["GET", "POST"])
def network_answer(request: NetworkRequest, pk: int) -> HttpResponse:
    """The network's side of a check-in, filled in once by a person of its staff."""
    checkin = selectors.checkin_get_for_user(user=request.user, network=request.network, pk=pk)
    cooperation = checkin.cooperation
    answered = selectors.network_response_exists(checkin=checkin)
    form = RatingsForm(request.POST if request.method == "POST" and not answered else None, side=Side.NETWORK)
    if request.method == "POST" and not answered and form.is_valid():
        try:
            services.network_response_submit(
                checkin=checkin,
                actor=request.user,
                ratings=form.ratings(),
                language=translation.get_language() or "de",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Danke! Ihre Einschätzung ist gespeichert."))
            return _back(cooperation)
    context = {"checkin": checkin, "cooperation": cooperation, "form": form, "answered": answered}
    status = 400 if form.errors else 200
    return render(request, "checkins/answer.html", context, status=status)


# The organisation's side: the personal link.


def _public(
    request: HttpRequest, template: str, context: dict, language: str, status: int = 200
) -> HttpResponse:
    with translation.override(language):
        context = context | {
            "languages": LinkLanguage.choices,
            "language": language,
            "switch_path": context.get("switch_path", ""),
        }
        response = render(request, template, context, status=status)
    response["Content-Language"] = language
    return response


def _language(language: str, fallback: str = LinkLanguage.DE) -> str:
    return language if language in LinkLanguage.values else fallback


# No CSRF token: the secret in the path is what authorises the answer, and a page elsewhere cannot know
# it; a phone's in-app browser that drops cookies would otherwise lose the answers to a German 403.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, language: str, token: str) -> HttpResponse:
    """The organisation answers its check-in: in the link's language (or the one chosen on the page)."""
    shown = _language(language)
    wait = blocked_for(request)
    if wait is not None:
        return _public(
            request,
            "checkins/public/wait.html",
            {"minutes": minutes_to_wait(wait), "token": token},
            shown,
            status=429,
        )
    try:
        link = services.link_for_token(token=token, language=shown)
    except services.LinkInvalid as invalid:
        if invalid.reason == "unknown":  # guessing; a used or expired link is a person coming back
            wrong_link_count(request)
        return _public(
            request,
            "checkins/public/invalid.html",
            {"reason": invalid.reason, "token": token},
            _language(language, invalid.language or LinkLanguage.DE),
            status=410 if invalid.gone else 404,
        )
    shown = _language(language, link.language)
    context = {
        "title": link.checkin.cooperation.title,
        "organisation": link.organisation.name,
        "token": token,
        "expires_at": link.expires_at,
    }
    with translation.override(shown):
        form = RatingsForm(request.POST if request.method == "POST" else None, side=Side.ORGANISATION)
        if request.method == "POST" and form.is_valid():
            try:
                services.link_response_submit(token=token, ratings=form.ratings(), language=shown)
            except services.LinkInvalid as invalid:
                return _public(
                    request,
                    "checkins/public/invalid.html",
                    {"reason": invalid.reason, "token": token},
                    shown,
                    status=410,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return _public(request, "checkins/public/thanks.html", context, shown)
    status = 400 if form.errors else 200
    return _public(request, "checkins/public/answer.html", context | {"form": form}, shown, status=status)
