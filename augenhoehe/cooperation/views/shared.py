"""The organisation's side: its representatives read the cooperations it takes part in, write its
own goals and take part in the conversation. Never the vetting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import selectors, services
from ..choices import ADVICE
from ..models import Partner
from ..selectors import SharedCooperation, in_its_network
from ..shared_forms import CommentForm, PartnerGoalsForm
from .records import attachment


def add_errors(form: Form, error: ValidationError) -> None:
    """A service's refusal, shown at the field it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def _goals_form(partner: Partner, data=None) -> PartnerGoalsForm:
    # One form per organisation the person represents in the cooperation: ids of their own.
    return PartnerGoalsForm(
        data, initial={"goals": partner.goals}, auto_id=f"id_goals_{partner.organisation_id}_%s"
    )


def _page(
    request: HttpRequest,
    access: SharedCooperation,
    *,
    status: int = 200,
    comment_form: CommentForm | None = None,
    goals_forms: dict[int, PartnerGoalsForm] | None = None,
) -> HttpResponse:
    page = selectors.shared_cooperation_page(viewer=request.user, access=access)
    bound = goals_forms or {}
    context = {
        "page": page,
        "cooperation": access.cooperation,
        "advice": ADVICE.get(access.cooperation.stage, ""),
        "goals_forms": [
            (partner, bound.get(partner.organisation_id) or _goals_form(partner))
            for partner in access.own_partners
        ],
        "comments": page.comments,
        "comment_form": comment_form or CommentForm(organisations=access.organisations),
        "shared": True,
    }
    with in_its_network(access):
        return render(request, "cooperation/shared_detail.html", context, status=status)


@login_required
@require_GET
def shared_list(request: HttpRequest) -> HttpResponse:
    """The cooperations of the organisations the person represents, in every network."""
    cooperations = selectors.shared_cooperation_list(viewer=request.user)
    return render(request, "cooperation/shared_list.html", {"cooperations": cooperations})


@login_required
@require_GET
def shared_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, selectors.shared_cooperation_get_for_user(user=request.user, pk=pk))


@login_required
@require_POST
def shared_goals(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisation writes its own goals for the cooperation."""
    access = selectors.shared_cooperation_get_for_user(user=request.user, pk=pk)
    chosen = request.POST.get("organisation", "")
    partner = next((p for p in access.own_partners if str(p.organisation_id) == chosen), None)
    if partner is None:
        raise Http404
    form = _goals_form(partner, request.POST)
    if form.is_valid():
        try:
            with in_its_network(access):
                services.partner_goals_set(
                    partner=partner, actor=request.user, goals=form.cleaned_data["goals"]
                )
        except ValidationError as error:
            form.add_error("goals", error.messages)
        else:
            messages.success(request, _("Die Ziele Ihrer Organisation wurden gespeichert."))
            return redirect("cooperation:shared_detail", pk=pk)
    return _page(request, access, status=400, goals_forms={partner.organisation_id: form})


@login_required
@require_POST
def shared_comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    access = selectors.shared_cooperation_get_for_user(user=request.user, pk=pk)
    form = CommentForm(request.POST, organisations=access.organisations)
    if form.is_valid():
        # Which organisation speaks is the service's rule (the only one, or the one chosen).
        organisation = form.cleaned_data.get("organisation")
        try:
            with in_its_network(access):
                services.comment_add(
                    cooperation=access.cooperation,
                    actor=request.user,
                    text=form.cleaned_data["text"],
                    organisation=organisation,
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Ihr Kommentar wurde gespeichert."))
            return redirect("cooperation:shared_detail", pk=pk)
    return _page(request, access, status=400, comment_form=form)


@login_required
@require_POST
def shared_comment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    access = selectors.shared_cooperation_get_for_user(user=request.user, pk=pk)
    with in_its_network(access) as cooperation:
        comment = selectors.comment_get_for_user(
            user=request.user, cooperation=cooperation, pk=request.POST.get("comment", "")
        )
        try:
            services.comment_remove(comment=comment, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Der Kommentar wurde entfernt."))
    return redirect("cooperation:shared_detail", pk=pk)


@login_required
@require_GET
def shared_document(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    """Download a document the network shared with the organisation."""
    document = selectors.shared_document_get_for_user(user=request.user, pk=pk, document_pk=document_pk)
    return attachment(document)
