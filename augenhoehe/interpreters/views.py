"""The network's pool of interpreters and language mediators: for its staff, nobody else."""

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from augenhoehe.cooperation.models import Cooperation
from augenhoehe.cooperation.selectors import cooperation_get_for_user
from augenhoehe.core.languages import Language
from augenhoehe.core.typing import NetworkRequest

from . import selectors, services
from .forms import BookingStatusForm, InterpreterForm, booking_form
from .models import Interpreter


def _network(request: NetworkRequest, permission: str = "interpreters.view_pool"):
    """The active network, if the person works for it; 403 for everyone else."""
    network = request.network
    if network is None or not request.user.has_perm(permission, network):
        raise PermissionDenied
    return network


@login_required
@require_GET
def pool(request: NetworkRequest) -> HttpResponse:
    """Who is listed, filtered by language ("Wer spricht Tigrinya?"), with availability and fee."""
    network = _network(request)
    language = request.GET.get("language", "")
    language = language if language in Language.values else ""
    when = request.GET.get("when", "")[:100]
    context = {
        "for_cooperation": _cooperation_to_book(request, network),
        "interpreters": selectors.interpreter_pool(
            viewer=request.user, network=network, language=language, when=when
        ),
        "when": when,
        "unlisted": selectors.interpreters_unlisted(viewer=request.user, network=network),
        "language_choices": Language.choices,
        "language": language,
    }
    return render(request, "interpreters/pool.html", context)


def _form_page(request, form, interpreter: Interpreter | None, status: int = 200) -> HttpResponse:
    context = {"form": form, "interpreter": interpreter}
    return render(request, "interpreters/form.html", context, status=status)


def _fields(form: InterpreterForm) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


@login_required
@require_http_methods(["GET", "POST"])
def interpreter_create(request: NetworkRequest) -> HttpResponse:
    network = _network(request, "interpreters.change_pool")
    form = InterpreterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            interpreter = services.interpreter_create(
                network=network, actor=request.user, languages=form.cleaned_data["languages"], **_fields(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Die Person wurde in den Pool aufgenommen."))
            return redirect(interpreter)
    return _form_page(request, form, None, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def interpreter_update(request: NetworkRequest, pk: int) -> HttpResponse:
    interpreter = selectors.interpreter_get_for_user(user=request.user, network=request.network, pk=pk)
    _network(request, "interpreters.change_pool")
    languages = [language.code for language in interpreter.languages.all()]
    form = InterpreterForm(
        request.POST if request.method == "POST" else None,
        # A copy: the form's validation writes into its instance, and the service compares the
        # consent date before and after.
        instance=copy(interpreter),
        initial={"languages": languages},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.interpreter_update(
                interpreter=interpreter,
                actor=request.user,
                languages=form.cleaned_data["languages"],
                **_fields(form),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Der Eintrag wurde gespeichert."))
            return redirect(interpreter)
    return _form_page(request, form, interpreter, status=400 if form.errors else 200)


def _cooperation_to_book(request: NetworkRequest, network) -> Cooperation | None:
    """The open cooperation named by ``?cooperation=`` (coming from its page), else none: an id of
    another network's, a closed one or no number at all is ignored rather than refused."""
    pk = request.GET.get("cooperation", "")
    if not pk.isdigit():
        return None
    return selectors.open_cooperations(network=network).filter(pk=int(pk)).first()


def _detail_page(request: NetworkRequest, interpreter: Interpreter, form=None, status: int = 200):
    cooperations = selectors.open_cooperations(network=interpreter.network)
    chosen = _cooperation_to_book(request, interpreter.network)
    context = {
        "interpreter": interpreter,
        "bookings": selectors.bookings_of_interpreter(interpreter=interpreter),
        "booking_form": form
        or booking_form(None, cooperations=cooperations, interpreter=interpreter, cooperation=chosen),
        "status_form": BookingStatusForm(),
    }
    return render(request, "interpreters/detail.html", context, status=status)


@login_required
@require_GET
def interpreter_detail(request: NetworkRequest, pk: int) -> HttpResponse:
    """A person of the pool, their bookings, and (if listed) the form to book them."""
    interpreter = selectors.interpreter_get_for_user(user=request.user, network=request.network, pk=pk)
    return _detail_page(request, interpreter)


@login_required
@require_POST
def interpreter_withdraw(request: NetworkRequest, pk: int) -> HttpResponse:
    interpreter = selectors.interpreter_get_for_user(user=request.user, network=request.network, pk=pk)
    _network(request, "interpreters.change_pool")
    try:
        services.interpreter_consent_withdraw(interpreter=interpreter, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Die Einwilligung ist widerrufen; die Kontaktdaten sind gelöscht."))
    return redirect(interpreter)


@login_required
@require_POST
def booking_add(request: NetworkRequest, pk: int) -> HttpResponse:
    """Book the person for one of the network's open cooperations (the form on their page)."""
    interpreter = selectors.interpreter_get_for_user(user=request.user, network=request.network, pk=pk)
    _network(request, "interpreters.change_pool")
    cooperations = selectors.open_cooperations(network=interpreter.network)
    form = booking_form(request.POST, cooperations=cooperations, interpreter=interpreter)
    if form.is_valid():
        try:
            services.booking_create(interpreter=interpreter, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Die Buchung wurde eingetragen."))
            return redirect(interpreter)
    return _detail_page(request, interpreter, form=form, status=400)


@login_required
@require_POST
def booking_status(request: NetworkRequest, pk: int) -> HttpResponse:
    booking = selectors.booking_get_for_user(user=request.user, network=request.network, pk=pk)
    _network(request, "interpreters.change_pool")
    form = BookingStatusForm(request.POST)
    if form.is_valid():
        services.booking_status_set(booking=booking, status=form.cleaned_data["status"], actor=request.user)
        messages.success(request, _("Der Stand der Buchung wurde geändert."))
    else:
        messages.error(request, _("Bitte wählen Sie einen Stand aus der Liste."))
    return redirect(booking.interpreter)


@login_required
@require_GET
def cooperation_bookings(request: NetworkRequest, pk: int) -> HttpResponse:
    """The bookings for one cooperation, with the pool's people to book next."""
    _network(request)
    cooperation = cooperation_get_for_user(user=request.user, network=request.network, pk=pk)
    context = {"cooperation": cooperation, "bookings": selectors.bookings_for(cooperation=cooperation)}
    return render(request, "interpreters/cooperation.html", context)
