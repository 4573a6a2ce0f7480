"""Pages of proposals: the staff of the networks answering for an organisation review what its
representatives proposed of the reviewed fields; the representatives withdraw it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from augenhoehe.core.typing import NetworkRequest

from . import history, proposals, selectors
from .forms import ProposalReviewForm
from .models import ProfileProposal
from .profile_fields import BY_ATTRIBUTE, BY_NAME


def _history_pairs(proposal: ProfileProposal, *, current: dict) -> dict[str, list]:
    """{history key: [now, proposed]} of the proposal's fields that differ from the profile now."""
    return {
        proposals.HISTORY_KEYS.get(name, name): [current.get(name), value]
        for name, value in proposal.fields.items()
        if not proposals.same_value(name, value, current.get(name))
    }


def pending_values(proposal: ProfileProposal | None, *, viewer) -> dict[str, str]:
    """{form field: proposed value as a person reads it} of an open proposal, for the profile form."""
    if proposal is None:
        return {}
    current = proposals.stored_values(proposal.organisation, proposal.fields)
    pairs = _history_pairs(proposal, current=current)
    keys = {proposals.HISTORY_KEYS.get(name, name): name for name in proposal.fields}
    described = history.changes_described(pairs, viewer=viewer)
    return {keys[key]: change.new for key, change in zip(pairs, described, strict=True)}


def _field_errors(error: ValidationError) -> list[str]:
    """A refused proposal's errors, each with the label of the field it concerns."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    lines = []
    for name, errors in error.message_dict.items():
        key = proposals.HISTORY_KEYS.get(name, name)
        known = name != NON_FIELD_ERRORS and (key in BY_ATTRIBUTE or key in BY_NAME)
        label = history.field_label(key) if known else ""
        lines += [f"{label}: {message}" if label else message for message in errors]
    return lines


@login_required
def proposal_list(request: NetworkRequest) -> HttpResponse:
    """Open proposals of the organisations the viewer's networks answer for."""
    if not request.user.has_perm("directory.view_proposals"):
        raise PermissionDenied
    open_proposals = list(selectors.proposals_to_review(viewer=request.user)[:200])
    return render(request, "directory/proposals.html", {"proposals": open_proposals})


@login_required
def proposal_detail(request: NetworkRequest, pk: int) -> HttpResponse:
    """One proposal, old and new side by side; its reviewers accept or reject it here."""
    proposal = selectors.proposal_get_for_user(user=request.user, pk=pk)
    organisation = proposal.organisation
    is_open = proposal.status == ProfileProposal.Status.OPEN
    may_review = request.user.has_perm("directory.review_proposal", organisation)
    may_decide = is_open and may_review
    form = ProposalReviewForm(request.POST or None)
    refused: list[str] = []
    if request.method == "POST":
        if not may_review:
            raise PermissionDenied
        if not is_open:
            # Another reviewer was quicker: say so instead of refusing.
            messages.info(request, _("Über diesen Vorschlag ist schon entschieden."))
            return redirect("directory:proposal", pk=proposal.pk)
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == ProposalReviewForm.ACCEPT:
                    proposals.proposal_accept(proposal=proposal, actor=request.user, network=request.network)
                    messages.success(request, _("Die Änderung ist übernommen."))
                else:
                    proposals.proposal_reject(
                        proposal=proposal,
                        actor=request.user,
                        reason=form.cleaned_data["reason"],
                        network=request.network,
                    )
                    messages.success(request, _("Der Vorschlag ist abgelehnt."))
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    # Decided meanwhile (``_locked``): not a matter of the proposed values.
                    messages.info(request, " ".join(error.messages))
                    return redirect("directory:proposal", pk=proposal.pk)
                if error.error_dict.keys() == {"reason"}:
                    form.add_error("reason", error.error_dict["reason"])
                else:
                    refused = _field_errors(error)
            else:
                return redirect("directory:proposals")
    current = proposals.stored_values(organisation, proposal.fields)
    shown = current if is_open else proposal.previous
    pairs = {
        proposals.HISTORY_KEYS.get(name, name): [shown.get(name), value]
        for name, value in proposal.fields.items()
    }
    context = {
        "proposal": proposal,
        "organisation": organisation,
        "changes": history.changes_described(pairs, viewer=request.user),
        "form": form,
        "refused": refused,
        "may_decide": may_decide,
        "may_withdraw": is_open and request.user.has_perm("directory.withdraw_proposal", organisation),
        "reviewers": selectors.networks_answering_for(organisation=organisation) if is_open else [],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "directory/proposal.html", context, status=status)


@login_required
@require_POST
def proposal_withdraw(request: NetworkRequest, pk: int) -> HttpResponse:
    """Its representatives take the open proposal back."""
    proposal = selectors.proposal_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm("directory.withdraw_proposal", proposal.organisation):
        raise PermissionDenied
    try:
        proposals.proposal_withdraw(proposal=proposal, actor=request.user)
    except ValidationError:
        messages.error(request, _("Über diesen Vorschlag ist schon entschieden."))
    else:
        messages.success(request, _("Der Vorschlag ist zurückgezogen."))
    return redirect("directory:update", pk=proposal.organisation_id)
