"""The office's desk: its cooperations with their stages, and its confidential vetting of organisations."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from augenhoehe.checkins.sections import cooperation_checkins_context
from augenhoehe.core.typing import NetworkRequest
from augenhoehe.core.views import ListPageView

from .. import selectors, services
from ..choices import ADVICE, FUNDING_WARNING_DAYS, Stage
from ..forms import CooperationForm, FundingPeriodForm, StageForm, VettingDecisionForm, VettingForm
from ..models import Cooperation, Vetting
from ..shared_forms import CommentForm
from .records import RECORD_FORMS, records_context


def _network(request: NetworkRequest):
    """The active network, if the person works for it; 403 for everyone else."""
    network = request.network
    if network is None or not request.user.has_perm("cooperation.view_cooperation", network):
        raise PermissionDenied
    return network


@method_decorator(login_required, name="dispatch")
class CooperationListView(ListPageView):
    """The network's cooperations, filtered by stage; htmx swaps only the results."""

    template_name = "cooperation/list.html"
    results_template_name = "cooperation/_results.html"

    def stage(self) -> str:
        stage = self.request.GET.get("stage", "")
        return stage if stage in Stage.values else ""

    def get_object_list(self) -> QuerySet[Cooperation]:
        return selectors.cooperation_list(
            viewer=self.request.user, network=self.request.network, stage=self.stage()
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(stages=Stage.choices, stage=self.stage(), **kwargs)


cooperation_list = CooperationListView.as_view()


def _organisation_ids(request: HttpRequest, form_data) -> list[int]:
    values = (
        form_data.getlist("organisations") if form_data is not None else request.GET.getlist("organisation")
    )
    return [int(value) for value in values if str(value).isdigit()]


def _form_page(
    request: NetworkRequest, form: CooperationForm, cooperation: Cooperation | None, status: int = 200
):
    return render(request, "cooperation/form.html", {"form": form, "cooperation": cooperation}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def cooperation_create(request: NetworkRequest) -> HttpResponse:
    """Start a cooperation; ``?organisation=<pk>`` (the button on a profile) names its first partner."""
    network = _network(request)
    data = request.POST if request.method == "POST" else None
    chosen = _organisation_ids(request, data)
    choices = selectors.organisation_choices(network=network, include=chosen)
    form = CooperationForm(data, organisations=choices, initial={"organisations": chosen})
    if data is not None and form.is_valid():
        try:
            cooperation = services.cooperation_create(
                network=network,
                actor=request.user,
                organisations=form.cleaned_data["organisations"],
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Die Kooperation wurde angelegt."))
            return redirect(cooperation)
    return _form_page(request, form, None, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def cooperation_update(request: NetworkRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_get_for_user(user=request.user, network=request.network, pk=pk)
    data = request.POST if request.method == "POST" else None
    current = [partner.organisation_id for partner in cooperation.partners.all()]
    choices = selectors.organisation_choices(
        network=cooperation.network, include=current + _organisation_ids(request, data)
    )
    initial = {name: getattr(cooperation, name) for name in CooperationForm.Meta.fields}
    form = CooperationForm(data, organisations=choices, initial=initial | {"organisations": current})
    if data is not None and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.cooperation_update(
                cooperation=cooperation,
                actor=request.user,
                organisations=form.cleaned_data["organisations"],
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Die Kooperation wurde gespeichert."))
            return redirect(cooperation)
    return _form_page(request, form, cooperation, status=400 if form.errors else 200)


def detail_page(
    request: NetworkRequest, cooperation: Cooperation, *, status: int = 200, **forms
) -> HttpResponse:
    """The cooperation's page for its network's staff. A POST that failed passes its bound form by
    its context name (``stage_form=…``), shown with its errors and ``status`` 400; every other form
    is a fresh one (``DETAIL_FORMS``)."""
    partners = list(cooperation.partners.all())
    vettings = selectors.vettings_of(
        viewer=request.user,
        network=request.network,
        organisations=[partner.organisation for partner in partners],
    )
    context = {
        "cooperation": cooperation,
        "partners": [(partner, vettings.get(partner.organisation_id)) for partner in partners],
        "advice": ADVICE.get(cooperation.stage, ""),
        "stages": [(code, label, ADVICE[code]) for code, label in Stage.choices],
        "changes": selectors.cooperation_stage_changes(cooperation=cooperation),
        "can_change": request.user.has_perm("cooperation.change_cooperation", cooperation),
        "funding_periods": selectors.cooperation_funding_periods(cooperation=cooperation),
        "comments": selectors.comment_list(viewer=request.user, cooperation=cooperation),
    }
    for name, make in DETAIL_FORMS.items():
        context[name] = forms.pop(name, None) or make(cooperation)
    if forms:
        raise TypeError(f"unknown forms: {sorted(forms)}")
    context |= records_context(cooperation, status_form=context["compensation_status_form"])
    context |= cooperation_checkins_context(request, cooperation, partners)
    return render(request, "cooperation/detail.html", context, status=status)


# The forms on a cooperation's page, each made fresh for it: {context name: maker}.
DETAIL_FORMS: dict[str, Callable[[Cooperation], Form]] = {
    "stage_form": lambda cooperation: StageForm(current=cooperation.stage),
    "funding_form": lambda cooperation: FundingPeriodForm(),
    "comment_form": lambda cooperation: CommentForm(),
    **RECORD_FORMS,
}


@login_required
@require_GET
def cooperation_detail(request: NetworkRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_get_for_user(user=request.user, network=request.network, pk=pk)
    return detail_page(request, cooperation)


@login_required
@require_POST
def cooperation_stage(request: NetworkRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_get_for_user(user=request.user, network=request.network, pk=pk)
    form = StageForm(request.POST, current=cooperation.stage)
    if form.is_valid():
        try:
            services.cooperation_stage_change(
                cooperation=cooperation,
                stage=form.cleaned_data["stage"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error("stage", error.messages)
        else:
            messages.success(request, _("Die Phase wurde geändert."))
            return redirect(cooperation)
    return detail_page(request, cooperation, status=400, stage_form=form)


@login_required
@require_POST
def funding_period_add(request: NetworkRequest, pk: int) -> HttpResponse:
    """Add a funding period from the small form on the cooperation's page."""
    cooperation = selectors.cooperation_get_for_user(user=request.user, network=request.network, pk=pk)
    form = FundingPeriodForm(request.POST)
    if form.is_valid():
        try:
            services.funding_period_add(cooperation=cooperation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Der Förderzeitraum wurde eingetragen."))
            return redirect(cooperation)
    return detail_page(request, cooperation, status=400, funding_form=form)


@login_required
@require_POST
def funding_period_remove(request: NetworkRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_get_for_user(user=request.user, network=request.network, pk=pk)
    period = selectors.funding_period_get_for_user(
        user=request.user, cooperation=cooperation, pk=request.POST.get("funding_period", "")
    )
    try:
        services.funding_period_remove(period=period, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Der Förderzeitraum wurde entfernt."))
    return redirect(cooperation)


@login_required
@require_GET
def funding_ending(request: NetworkRequest) -> HttpResponse:
    """ "Förderung endet bald": cooperations whose funding ends within 90 days and nothing follows."""
    network = _network(request)
    today = timezone.localdate()
    context = {
        "endings": selectors.funding_ending(viewer=request.user, network=network, today=today),
        "days": FUNDING_WARNING_DAYS,
    }
    return render(request, "cooperation/funding_ending.html", context)


@method_decorator(login_required, name="dispatch")
class VettingListView(ListPageView):
    """The network's vetting records; reading them is logged."""

    template_name = "cooperation/vetting_list.html"
    results_template_name = "cooperation/_vetting_results.html"

    def awaiting(self) -> bool:
        return self.request.GET.get("awaiting") == "1"

    def due(self) -> bool:
        """``?due=1``: only reviews that are due (the desk's panel links here)."""
        return self.request.GET.get("due") == "1"

    def get_page(self):
        return selectors.vetting_page(
            viewer=self.request.user,
            network=self.request.network,
            awaiting=self.awaiting(),
            due_by=selectors.review_due_by(timezone.localdate()) if self.due() else None,
            page=self.request.GET.get("page"),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            awaiting=self.awaiting(), due=self.due(), review_due_days=selectors.REVIEW_DUE_DAYS, **kwargs
        )


vetting_list = VettingListView.as_view()


def _vetting_page(
    request: NetworkRequest, organisation, vetting: Vetting | None, form: VettingForm, status: int = 200
):
    context = {
        "organisation": organisation,
        "vetting": vetting,
        "form": form,
        "can_approve": vetting is not None and request.user.has_perm("cooperation.approve_vetting", vetting),
    }
    return render(request, "cooperation/vetting.html", context, status=status)


def _vetting_initial(vetting: Vetting | None) -> dict:
    if vetting is None:
        return {"status": "not_reviewed"}
    return {
        "status": vetting.proposed_status or vetting.status,
        "checks": vetting.checks,
        "sources": vetting.sources,
        "reviewed_on": vetting.reviewed_on,
        "next_review_on": vetting.next_review_on,
    }


@login_required
@require_http_methods(["GET", "POST"])
def vetting_detail(request: NetworkRequest, organisation_pk: int) -> HttpResponse:
    """The network's review of one organisation, and the form to record it."""
    network = _network(request)
    organisation = selectors.organisation_for_vetting(
        viewer=request.user, network=network, pk=organisation_pk
    )
    vetting = selectors.vetting_get(viewer=request.user, network=network, organisation=organisation)
    if request.method != "POST":
        return _vetting_page(request, organisation, vetting, VettingForm(initial=_vetting_initial(vetting)))
    form = VettingForm(request.POST)
    if form.is_valid():
        try:
            services.vetting_record(
                network=network, organisation=organisation, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Die Prüfung wurde gespeichert."))
            return redirect("cooperation:vetting", organisation_pk=organisation.pk)
    return _vetting_page(request, organisation, vetting, form, status=400)


@login_required
@require_POST
def vetting_decide(request: NetworkRequest, organisation_pk: int) -> HttpResponse:
    """A second person approves or turns down the proposed result."""
    organisation = selectors.organisation_for_vetting(
        viewer=request.user, network=request.network, pk=organisation_pk
    )
    vetting = selectors.vetting_get(viewer=request.user, network=request.network, organisation=organisation)
    form = VettingDecisionForm(request.POST)
    if vetting is None or not form.is_valid():
        messages.error(request, _("Es wartet kein Ergebnis auf Bestätigung."))
        return redirect("cooperation:vetting", organisation_pk=organisation.pk)
    try:
        services.vetting_decide(
            vetting=vetting, actor=request.user, approve=form.cleaned_data["decision"] == "approve"
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Ihre Entscheidung wurde gespeichert."))
    return redirect("cooperation:vetting", organisation_pk=organisation.pk)
