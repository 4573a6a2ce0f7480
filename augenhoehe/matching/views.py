"""Pages of the matching app: describe a need, see the ranked partners, start a cooperation; the
network's weights; an organisation's outreach offers (on its profile)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_countries import countries

from augenhoehe.core.typing import NetworkRequest
from augenhoehe.directory.selectors import organisation_get_for_user
from augenhoehe.knowledge.selectors import answers_for

from . import scoring, selectors, services
from .choices import Format
from .describe import need_facts, need_title
from .forms import NeedForm, OfferForm, StartForm, WeightsForm
from .models import Need, OutreachOffer


def _network(request: NetworkRequest, permission: str = "matching.find_partners"):
    """The active network, if the person may do this in it; 403 for everyone else."""
    network = request.network
    if network is None or not request.user.has_perm(permission, network):
        raise PermissionDenied
    return network


def _need_page(request: NetworkRequest, form: NeedForm, status: int = 200) -> HttpResponse:
    needs = [
        (need, need_title(need)) for need in selectors.need_list(viewer=request.user, network=request.network)
    ]
    return render(request, "matching/need.html", {"form": form, "needs": needs}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def need(request: NetworkRequest) -> HttpResponse:
    """Describe what the network looks for; the saved need leads to its ranked partners."""
    network = _network(request)
    form = NeedForm(request.POST if request.method == "POST" else None, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.need_create(network=network, actor=request.user, **form.need_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(created)
    return _need_page(request, form, status=400 if form.errors else 200)


def _answers(need: Need) -> list:
    """The knowledge base's published answers for the need's communities, country by country."""
    return [
        (countries.name(code), answers) for code in need.countries if (answers := answers_for(country=code))
    ]


@login_required
@require_GET
def result(request: NetworkRequest, pk: int) -> HttpResponse:
    """The ranked organisations for a need, each with its reasons, and how the ranking works."""
    found = selectors.need_get_for_user(user=request.user, network=request.network, pk=pk)
    weights = selectors.weights_get(network=found.network)
    context = {
        "need": found,
        "title": need_title(found),
        "facts": need_facts(found),
        "matches": selectors.need_matches(viewer=request.user, need=found),
        "explanation": scoring.explanation(weights),
        "answers": _answers(found),
        "can_change_weights": request.user.has_perm("matching.change_weights", found.network),
    }
    return render(request, "matching/result.html", context)


def _start_page(request, found: Need, organisation, form: StartForm, status: int = 200) -> HttpResponse:
    context = {"need": found, "organisation": organisation, "form": form, "facts": need_facts(found)}
    return render(request, "matching/start.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def start(request: NetworkRequest, pk: int, organisation_pk: int) -> HttpResponse:
    """Start a cooperation with one of the results, in the stage "MSO gefunden"; the coordinator
    names what the MSO gains first (the guide: the gain must be clear for both sides)."""
    found = selectors.need_get_for_user(user=request.user, network=request.network, pk=pk)
    organisation = organisation_get_for_user(user=request.user, pk=organisation_pk)
    if found.cooperation is not None:
        messages.info(request, _("Aus diesem Bedarf wurde schon eine Kooperation begonnen."))
        return redirect(found.cooperation)
    label = Format(found.format).label if found.format in Format.values else _("Kooperation")
    initial = {
        "title": _("%(format)s mit %(organisation)s") % {"format": label, "organisation": organisation.name}
    }
    form = StartForm(
        request.POST if request.method == "POST" else None, initial={"title": initial["title"][:200]}
    )
    if request.method == "POST" and form.is_valid():
        try:
            cooperation = services.need_cooperation_start(
                need=found, organisation=organisation, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            found.refresh_from_db(fields=["cooperation"])
            if found.cooperation is not None:  # a second click, or a colleague was quicker
                messages.info(request, _("Aus diesem Bedarf wurde schon eine Kooperation begonnen."))
                return redirect(found.cooperation)
            form.add_error(None, error)
        else:
            messages.success(request, _("Die Kooperation ist begonnen: Phase „MSO gefunden“."))
            return redirect(cooperation)
    return _start_page(request, found, organisation, form, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def weights(request: NetworkRequest) -> HttpResponse:
    """How much each reason counts in the network's ranking: set by its admins."""
    network = _network(request, "matching.change_weights")
    instance = selectors.weights_row(network=network)
    form = WeightsForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.weights_set(
            network=network,
            actor=request.user,
            **{name: form.cleaned_data[name] for name in WeightsForm.Meta.fields},
        )
        messages.success(request, _("Die Gewichtung ist gespeichert."))
        return redirect("matching:weights")
    # The saved weights: a refused form has already written its values into ``instance``.
    context = {"form": form, "explanation": scoring.explanation(selectors.weights_get(network=network))}
    return render(request, "matching/weights.html", context, status=400 if form.errors else 200)


def _offer_page(request, organisation, form: OfferForm, offer: OutreachOffer | None, status: int = 200):
    context = {"organisation": organisation, "form": form, "offer": offer}
    return render(request, "matching/offer_form.html", context, status=status)


def _offer_fields(form: OfferForm) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


@login_required
@require_http_methods(["GET", "POST"])
def offer_create(request: NetworkRequest, organisation_pk: int) -> HttpResponse:
    """Add an outreach offer to a profile: its representatives, and staff of any network."""
    organisation = organisation_get_for_user(
        user=request.user, pk=organisation_pk, permission="matching.change_offers"
    )
    form = OfferForm(
        request.POST if request.method == "POST" else None, instance=OutreachOffer(organisation=organisation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_create(organisation=organisation, actor=request.user, **_offer_fields(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Das Angebot steht jetzt im Profil."))
            return redirect(f"{organisation.get_absolute_url()}#offers-heading")
    return _offer_page(request, organisation, form, None, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def offer_update(request: NetworkRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_get_for_editor(user=request.user, pk=pk)
    form = OfferForm(
        request.POST if request.method == "POST" else None,
        instance=OutreachOffer(
            pk=offer.pk,
            organisation=offer.organisation,
            **{name: getattr(offer, name) for name in OfferForm.Meta.fields},
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_update(offer=offer, actor=request.user, **_offer_fields(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Das Angebot ist gespeichert."))
            return redirect(f"{offer.organisation.get_absolute_url()}#offers-heading")
    return _offer_page(request, offer.organisation, form, offer, status=400 if form.errors else 200)


@login_required
@require_POST
def offer_remove(request: NetworkRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_get_for_editor(user=request.user, pk=pk)
    organisation = offer.organisation
    services.offer_remove(offer=offer, actor=request.user)
    messages.success(request, _("Das Angebot ist aus dem Profil entfernt."))
    return redirect(f"{organisation.get_absolute_url()}#offers-heading")
