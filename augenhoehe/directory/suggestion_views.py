"""Pages of change suggestions: another network suggests a profile's publication; those who
decide it (its MSO admins, or the networks that answer for it) accept or reject."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from augenhoehe.core.typing import NetworkRequest

from . import selectors, services
from .forms import ChangeSuggestionForm, SuggestionReviewForm
from .models import ChangeSuggestion
from .profile_fields import BY_NAME


@login_required
def suggest(request: NetworkRequest, pk: int) -> HttpResponse:
    """The form to suggest a publication change of a profile this network may not publish."""
    organisation = selectors.organisation_get_for_user(
        user=request.user, pk=pk, permission="directory.suggest_change"
    )
    if request.network is None:
        raise PermissionDenied
    initial = {"is_published": organisation.is_published, "public_fields": organisation.public_fields}
    form = ChangeSuggestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.SUGGESTIBLE_FIELDS}
        try:
            services.change_suggestion_create(
                organisation=organisation,
                network=request.network,
                actor=request.user,
                fields=fields,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Ihr Vorschlag wurde an die Verantwortlichen geschickt."))
            return redirect(organisation)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "directory/suggest.html", {"organisation": organisation, "form": form}, status=status
    )


@login_required
def suggestion_list(request: NetworkRequest) -> HttpResponse:
    """Suggestions to decide, and those the active network made."""
    to_review = selectors.change_suggestions_to_review(viewer=request.user).order_by("-created_at", "-pk")
    made = selectors.change_suggestions_made(network=request.network, viewer=request.user)
    return render(
        request,
        "directory/suggestions.html",
        {"to_review": list(to_review[:200]), "made": list(made[:200])},
    )


def _changes(suggestion: ChangeSuggestion) -> list[tuple[str, str, str]]:
    """(label, now, suggested) of each suggested field, as a person reads them."""
    organisation = suggestion.organisation
    return [
        (
            str(BY_NAME[name].get_label()),
            BY_NAME[name].display(getattr(organisation, name)),
            BY_NAME[name].display(value),
        )
        for name, value in suggestion.fields.items()
    ]


@login_required
def suggestion_detail(request: NetworkRequest, pk: int) -> HttpResponse:
    """One suggestion; its reviewers accept or reject it here."""
    suggestion = selectors.change_suggestion_get_for_user(user=request.user, network=request.network, pk=pk)
    may_decide = suggestion.status == ChangeSuggestion.Status.OPEN and request.user.has_perm(
        "directory.publish_organisation", suggestion.organisation
    )
    form = SuggestionReviewForm(request.POST or None)
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == SuggestionReviewForm.ACCEPT:
                    services.change_suggestion_accept(suggestion=suggestion, actor=request.user)
                    messages.success(request, _("Der Vorschlag wurde übernommen."))
                else:
                    services.change_suggestion_reject(
                        suggestion=suggestion, actor=request.user, reason=form.cleaned_data["reason"]
                    )
                    messages.success(request, _("Der Vorschlag wurde abgelehnt."))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("directory:suggestions")
    context = {
        "suggestion": suggestion,
        "changes": _changes(suggestion),
        "form": form,
        "may_decide": may_decide,
    }
    return render(
        request, "directory/suggestion.html", context, status=400 if request.method == "POST" else 200
    )
