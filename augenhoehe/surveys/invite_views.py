"""The staff's pages to send a survey: invite the organisations of a directory search, see per
invitation what happened since, and remind those who have not answered.

The search is read from the URL (GET shows what inviting would do); "Einladen" posts to the same
URL, so it invites exactly the organisations shown.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from augenhoehe.core.typing import NetworkRequest
from augenhoehe.directory.facets import organisation_matches

from . import distribution
from .invite_forms import InviteSearchForm


def _report_failed(request: NetworkRequest, failed: int) -> None:
    if failed:
        messages.error(
            request,
            ngettext(
                "%(count)d E-Mail konnte nicht verschickt werden. Bitte versuchen Sie es später noch einmal.",
                "%(count)d E-Mails konnten nicht verschickt werden. Bitte versuchen Sie es später noch einmal.",
                failed,
            )
            % {"count": failed},
        )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invite(request: NetworkRequest, pk: int) -> HttpResponse:
    """Choose organisations by a directory search, see who can be invited, invite them."""
    survey = distribution.survey_get_for_staff(user=request.user, network=request.network, pk=pk)
    form = InviteSearchForm(request.GET, viewer=request.user, network=survey.network)
    form.is_valid()
    arguments = form.search_arguments()
    matches = organisation_matches(
        viewer=request.user, query=arguments["query"], filters=arguments["filters"]
    )
    candidates = distribution.invite_candidates(survey=survey, organisations=matches.results)
    is_open = survey.is_open_at()
    if request.method == "POST":
        try:
            sent = distribution.invitations_send(
                survey=survey, organisations=candidates.invitable, actor=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d Organisation eingeladen.", "%(count)d Organisationen eingeladen.", sent.sent
                )
                % {"count": sent.sent},
            )
            _report_failed(request, sent.failed)
            return redirect("surveys:invitations", pk=survey.pk)
    context = {
        "survey": survey,
        "form": form,
        "candidates": candidates,
        # The directory fell back to similar names: say so before anyone is invited.
        "fuzzy": arguments["query"] if matches.fuzzy and candidates.matching else "",
        "is_open": is_open,
        "query": request.GET.urlencode(),
    }
    return render(request, "surveys/invite/invite.html", context)


@login_required
@require_http_methods(["GET", "HEAD"])
def invitations(request: NetworkRequest, pk: int) -> HttpResponse:
    """Per invitation: invited when, reminded how often and when, started, submitted."""
    survey = distribution.survey_get_for_staff(user=request.user, network=request.network, pk=pk)
    rows = list(distribution.invitation_list(survey=survey))
    context = {
        "survey": survey,
        "invitations": rows,
        "submitted": sum(1 for i in rows if getattr(i, "response", None) and i.response.submitted_at),
        "is_open": survey.is_open_at(),
    }
    return render(request, "surveys/invite/invitations.html", context)


@login_required
@require_POST
def remind(request: NetworkRequest, pk: int) -> HttpResponse:
    """Remind every invited organisation that has not submitted (none twice within 24 hours)."""
    survey = distribution.survey_get_for_staff(user=request.user, network=request.network, pk=pk)
    try:
        sent = distribution.reminders_send(survey=survey, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        count = sent.sent
        _report_failed(request, sent.failed)
        if count:
            messages.success(
                request,
                ngettext("%(count)d Erinnerung verschickt.", "%(count)d Erinnerungen verschickt.", count)
                % {"count": count},
            )
        elif not sent.failed:
            messages.info(
                request,
                _(
                    "Niemand war zu erinnern: Alle haben geantwortet oder wurden in den letzten 24 Stunden angeschrieben."
                ),
            )
    return redirect(reverse("surveys:invitations", kwargs={"pk": survey.pk}))
