"""The staff's list of stale profiles, its period form, the button that reminds one organisation,
and the public page behind the "Stimmt noch" link.

The link's page needs no account and no CSRF token (as the check-ins' and surveys' links): the
signed token in the path authorises the one thing it does, a page elsewhere cannot know it, and a
phone's in-app browser that drops cookies would otherwise answer a German 403. It is in the
language the link carries.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext, ngettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from augenhoehe.core.typing import NetworkRequest

from . import freshness
from .freshness_forms import FreshnessPeriodForm


def _period_form(request: NetworkRequest, network, data=None) -> FreshnessPeriodForm | None:
    if not request.user.has_perm("participation.change_freshness_period", network):
        return None
    return FreshnessPeriodForm(data, initial={"months": network.freshness_months})


@login_required
@require_http_methods(["GET", "HEAD"])
def stale_list(request: NetworkRequest) -> HttpResponse:
    """The profiles the active network answers for whose data were not confirmed for too long."""
    page = freshness.stale_page(viewer=request.user, network=request.network, page=request.GET.get("page"))
    context = {
        "network": request.network,
        "page": page,
        "rows": page.object_list,
        "period_form": _period_form(request, request.network),
        "link_days": freshness.LINK_MAX_AGE.days,
    }
    return render(request, "participation/freshness/list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def period(request: NetworkRequest) -> HttpResponse:
    """The network admins set the period; the form stands on the list, errors show here."""
    network = freshness.network_require(
        user=request.user, network=request.network, permission="participation.change_freshness_period"
    )
    form = _period_form(request, network, request.POST if request.method == "POST" else None)
    assert form is not None  # the permission was checked above
    if request.method == "POST" and form.is_valid():
        try:
            freshness.freshness_period_set(
                network=network, months=form.cleaned_data["months"], actor=request.user
            )
        except ValidationError as error:
            form.add_error("months", error.message_dict.get("freshness_months", error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "Gespeichert: Wir fragen nach %(months)d Monat nach.",
                    "Gespeichert: Wir fragen nach %(months)d Monaten nach.",
                    network.freshness_months,
                )
                % {"months": network.freshness_months},
            )
            return redirect("freshness:list")
    status = 400 if form.is_bound else 200
    return render(request, "participation/freshness/period.html", {"form": form}, status=status)


@login_required
@require_POST
def remind(request: NetworkRequest, pk: int) -> HttpResponse:
    """Remind one organisation now (the 30-day rule holds for the button too)."""
    organisation, network = freshness.organisation_get_for_reminder(
        user=request.user, network=request.network, pk=pk
    )
    try:
        reminder = freshness.reminder_send(organisation=organisation, network=network, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Erinnerung an %(organisation)s verschickt an: %(recipients)s")
            % {"organisation": organisation.name, "recipients": ", ".join(reminder.recipients)},
        )
    return redirect(
        reverse("freshness:list")
        + (f"?page={request.POST['page']}" if request.POST.get("page", "").isdigit() else "")
    )


def _language(code: str) -> str:
    return code if code in dict(settings.LANGUAGES) else freshness.BASE_LANGUAGE


MESSAGES = {
    "invalid": _lazy(
        "Dieser Link funktioniert nicht. Vielleicht ist er unvollständig. Bitte öffnen Sie den Link "
        "aus der E-Mail noch einmal oder melden Sie sich an."
    ),
    "expired": ngettext_lazy(
        "Dieser Link ist abgelaufen. Er gilt %(days)s Tag. Sie können Ihre Angaben nach der Anmeldung prüfen.",
        "Dieser Link ist abgelaufen. Er gilt %(days)s Tage. Sie können Ihre Angaben nach der Anmeldung prüfen.",
        "days",
    ),
    "used": _lazy("Diese Angaben wurden schon bestätigt. Vielen Dank! Sie müssen nichts mehr tun."),
}


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, language: str, token: str) -> HttpResponse:
    """Show the data with one button; the button confirms them (a scanner's GET confirms nothing)."""
    shown = _language(language)
    with translation.override(shown):
        context: dict = {"language": shown, "token": token}
        status = 200
        try:
            if request.method == "POST":
                organisation = freshness.confirm_by_link(token=token)
                context["confirmed"] = True
            else:
                organisation = freshness.confirm_link_check(token=token).organisation
        except freshness.LinkError as error:
            problem = MESSAGES[error.reason] % {"days": freshness.LINK_MAX_AGE.days}
            context |= {"problem": problem, "reason": error.reason}
            status = 404 if error.reason == "invalid" else 410 if error.reason == "expired" else 200
        else:
            context |= {
                "organisation": organisation,
                "data": freshness.key_data(organisation),
                "last_confirmed": freshness.last_confirmed(organisation),
                "edit_link": reverse("directory:update", kwargs={"pk": organisation.pk}),
            }
        response = render(request, "participation/freshness/confirm.html", context, status=status)
    response["Content-Language"] = shown
    return response
