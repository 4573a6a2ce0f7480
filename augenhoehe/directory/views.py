"""Pages of the directory: search, profile, create/edit, history, notes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from augenhoehe.accounts.permissions import is_network_staff, is_staff_of
from augenhoehe.core.typing import NetworkRequest
from augenhoehe.core.views import VARY, ListPageView, render_list, wants_results_only

from . import caching, history, proposal_views, proposals, selectors, services
from .facets import Matches, facets_for, organisation_matches, organisation_search
from .forms import DirectorySearchForm, InternalNoteForm, OrganisationForm
from .models import Organisation
from .permissions import represented
from .public_profile import public_profile_context
from .result_map import result_map


class SearchView(ListPageView):
    """The directory: one page for visitors and staff; htmx swaps only the results.

    The results (facets, count, first page: nearly all the work) are rendered once per data
    version and cached (see ``caching``); the page around them is rendered for each request,
    since it holds the visitor's CSRF token and navigation.
    """

    template_name = "directory/search.html"
    results_template_name = "directory/_results.html"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        results = self.cached_results()
        if wants_results_only(request):
            response = HttpResponse(results["html"])
        else:
            context = {
                "results_html": mark_safe(results["html"]),  # noqa: S308  (our own template's output)
                "result": {"total": results["total"]},
                "query": results["query"],
                "q_errors": results["q_errors"],
            }
            response = render(request, self.template_name, context)
        patch_vary_headers(response, VARY)
        return response

    def cached_results(self) -> dict:
        """The rendered results and what the page around them shows, from the cache if there."""
        key = None if caching.uncommitted_changes() else caching.results_key(self.request)
        results = None if key is None else caching.results_get(key)
        if results is None:
            context = self.get_context_data()
            results = {
                "html": render_to_string(self.results_template_name, context, request=self.request),
                "total": context["result"].total,
                "query": context["query"],
                "q_errors": [str(error) for error in context["form"].errors.get("q", [])],
            }
            if key is not None:
                caching.results_set(key, results)
        return results

    def get_context_data(self, **kwargs) -> dict:
        # The search cuts its own page: the facets count over every match, not over one page.
        user = self.request.user
        form, arguments = _search_form(self.request)
        result = organisation_search(viewer=user, page=form.cleaned_data.get("page") or 1, **arguments)
        return {"form": form, "result": result, "query": arguments["query"], "page": result.page, **kwargs}


search = SearchView.as_view()


def _search_form(request: HttpRequest) -> tuple[DirectorySearchForm, dict]:
    """The search in the URL, read for this reader: the form (with its errors) and the arguments of
    the search (unknown filter values dropped)."""
    form = DirectorySearchForm(request.GET, viewer=request.user, facets=facets_for(request.user))
    form.is_valid()
    return form, form.search_arguments()


def _search_matches(request: HttpRequest) -> Matches:
    """The organisations the search in the URL matches for this reader."""
    _form, arguments = _search_form(request)
    return organisation_matches(viewer=request.user, query=arguments["query"], filters=arguments["filters"])


def result_count(request: HttpRequest) -> HttpResponse:
    """The label of the filter drawer's button for the search in the URL ("12 Ergebnisse anzeigen")."""
    response = render(
        request, "directory/_apply_label.html", {"total": _search_matches(request).results.count()}
    )
    patch_vary_headers(response, VARY)
    return response


def map_view(request: HttpRequest) -> HttpResponse:
    """The map of the search in the URL; htmx loads it into the search page when asked for."""
    return render_list(
        request,
        template_name="directory/map.html",
        results_template_name="directory/_map.html",
        context={"map": result_map(_search_matches(request).results), "query": request.GET.urlencode()},
    )


def landing(request: HttpRequest) -> HttpResponse:
    """Where a person lands after signing in: staff of the active network at their desk, a
    representative of an organisation (who works for no network) in its own space, everyone
    else in the directory."""
    network = getattr(request, "network", None)
    if network is not None and is_staff_of(request.user, network):
        # Named by URL only: the directory does not import the cooperation app.
        return redirect("cooperation:desk")
    if represented(request.user) and not is_network_staff(request.user):
        # Named by URL only as well: the space (participation) builds on the directory.
        return redirect("space:home")
    return redirect("directory:search")


def _detail_context(request: NetworkRequest, organisation: Organisation, note_form: InternalNoteForm) -> dict:
    user = request.user
    return public_profile_context(request, organisation) | {
        "can_edit": user.has_perm("directory.change_organisation", organisation),
        "can_suggest": user.has_perm("directory.suggest_change", organisation),
        "can_note": user.has_perm("directory.add_internal_note", request.network),
        # Staff of the active network start a cooperation from here and open their own vetting of it.
        "can_cooperate": request.network is not None
        and user.has_perm("cooperation.add_cooperation", request.network),
        # Its representatives find the cooperations it takes part in (a link: no count, no import
        # of the cooperation app here).
        "is_representative": organisation.pk in represented(user),
        # Staff of a network that answers for it invite its first MSO admin while it has none (a
        # permission named by string: the page is the organisation's people page in participation).
        "can_invite_first_admin": organisation.pk not in represented(user)
        and user.has_perm("participation.invite_representative", organisation),
        "notes": selectors.internal_note_list(
            organisation=organisation, network=request.network, viewer=user
        ),
        "note_form": note_form,
    }


def detail(request: NetworkRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_get_for_user(user=request.user, pk=pk)
    services.special_category_reads_log(
        organisations=[organisation], viewer=request.user, network=request.network, via="page"
    )
    return render(
        request, "directory/detail.html", _detail_context(request, organisation, InternalNoteForm())
    )


class OrganisationFormView(LoginRequiredMixin, FormView):
    """Create and edit share one form; both save through the services."""

    form_class = OrganisationForm
    template_name = "directory/form.html"
    organisation: Organisation | None = None
    saved_message = _lazy("Das Profil wurde gespeichert.")

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs() | {"user": self.request.user}
        if self.organisation is not None:
            kwargs["instance"] = self.organisation
            kwargs["tags"] = selectors.organisation_tags(organisation=self.organisation)
        return kwargs

    def get_context_data(self, **kwargs) -> dict:
        can_suggest = self.organisation is not None and self.request.user.has_perm(
            "directory.suggest_change", self.organisation
        )
        return super().get_context_data(organisation=self.organisation, can_suggest=can_suggest, **kwargs)

    def save(self, arguments: dict) -> Organisation:
        raise NotImplementedError

    def form_valid(self, form: OrganisationForm) -> HttpResponse:
        arguments = form.service_arguments()
        try:
            organisation = self.save(arguments)
            if form.cleaned_data.get("confirm"):
                services.organisation_confirm(organisation=organisation, actor=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, str(self.saved_message))
        return redirect(organisation)


class OrganisationCreateView(PermissionRequiredMixin, OrganisationFormView):
    permission_required = "directory.add_organisation"

    def save(self, arguments: dict) -> Organisation:
        return services.organisation_create(
            actor=self.request.user, network=getattr(self.request, "network", None), **arguments
        )


class OrganisationUpdateView(OrganisationFormView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.organisation = selectors.organisation_get_for_user(
                user=request.user, pk=kwargs["pk"], permission="directory.change_organisation"
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict:
        assert self.organisation is not None  # set by dispatch for everyone who gets this far
        self.proposal = selectors.proposal_open_for(organisation=self.organisation)
        kwargs = super().get_form_kwargs()
        if self.request.user.has_perm("directory.propose_change", self.organisation):
            kwargs["pending"] = proposal_views.pending_values(self.proposal, viewer=self.request.user)
        return kwargs

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        assert self.organisation is not None
        # Its reviewers are told of an open proposal too: their direct edit does not close it.
        if context["form"].proposing or self.request.user.has_perm(
            "directory.review_proposal", self.organisation
        ):
            context["proposal"] = self.proposal
        if context["form"].proposing:
            context["reviewers"] = selectors.networks_answering_for(organisation=self.organisation)
        return context

    def save(self, arguments: dict) -> Organisation:
        assert self.organisation is not None  # set by dispatch for everyone who gets this far
        organisation, proposal = proposals.organisation_edit(
            organisation=self.organisation, actor=self.request.user, **arguments
        )
        if proposal is not None:
            self.saved_message = _lazy(
                "Gespeichert. Name, Adresse, Dachverband und die drei Kriterien prüft das Netzwerk, "
                "bevor sie erscheinen."
            )
        return organisation


def history_view(request: NetworkRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_get_for_user(
        user=request.user, pk=pk, permission="directory.view_history"
    )
    entries = selectors.organisation_history(
        organisation=organisation, network=request.network, viewer=request.user
    )
    return render(
        request,
        "directory/history.html",
        {"organisation": organisation, "entries": history.describe(entries[:200], viewer=request.user)},
    )


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_get_for_user(
        user=request.user, pk=pk, permission="directory.change_organisation"
    )
    services.organisation_confirm(organisation=organisation, actor=request.user)
    messages.success(request, _("Danke! Die Angaben sind als aktuell bestätigt."))
    # Back where the button was (e.g. the organisation's own space), if that is this site.
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(organisation)


@login_required
@require_POST
def note_add(request: NetworkRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_get_for_user(user=request.user, pk=pk)
    network = request.network
    if network is None or not request.user.has_perm("directory.add_internal_note", network):
        raise PermissionDenied
    form = InternalNoteForm(request.POST)
    if form.is_valid():
        services.internal_note_create(
            organisation=organisation,
            network=network,
            actor=request.user,
            text=form.cleaned_data["text"],
        )
        messages.success(request, _("Die Notiz wurde gespeichert."))
        return redirect(organisation)
    return render(request, "directory/detail.html", _detail_context(request, organisation, form), status=400)
