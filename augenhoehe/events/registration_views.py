"""The registration's pages: the form (no account), the links in the mails (a button each: mail
scanners open links, only a person presses the button), and the organisers' participant list with
the check-in at the door and the export."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_scopes import scope

from augenhoehe.core.services import log_action
from augenhoehe.core.throttling import minutes_to_wait
from augenhoehe.core.typing import NetworkRequest

from . import registration as services
from . import registration_selectors as selectors
from .choices import RegistrationStatus
from .models import Event, Registration
from .registration_export import participants_csv, participants_xlsx
from .registration_forms import RegistrationForm
from .registration_links import CANCEL, CONFIRM, LinkInvalid
from .registration_mails import reminder_expected
from .registration_throttles import registration_wait
from .selectors import event_get_for_organiser

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Mails go out in the languages the site has; any other page language writes German.
MAIL_LANGUAGES = ("de", "en", "tr", "ar")


def _language() -> str:
    language = (translation.get_language() or "de").split("-")[0]
    return language if language in MAIL_LANGUAGES else "de"


def registration_context(request: HttpRequest, event: Event, form: RegistrationForm | None = None) -> dict:
    """What the form needs, on its own page and in the box on the event's page."""
    reason = services.closed_reason(event)
    if form is None and reason is None:
        form = RegistrationForm(
            questions=selectors.questions_of(event), initial={"via": request.GET.get("via", "")[:20]}
        )
    return {
        "event": event,
        "registration_form": form if reason is None else None,
        "registration_closed": reason,
        "seats_free": services.seats_free(event),
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def register(request: HttpRequest, pk: int) -> HttpResponse:
    """The form; sent, the person is registered (unconfirmed) and mailed the link to confirm."""
    event = selectors.public_event_get(pk=pk)
    form = None
    status = 200
    if request.method == "POST":
        form = RegistrationForm(request.POST, questions=selectors.questions_of(event))
        if form.is_valid():
            wait = registration_wait(request, event_pk=event.pk, email=form.cleaned_data["email"])
            if wait is not None:
                response = render(
                    request,
                    "events/registration/wait.html",
                    {"event": event, "minutes": minutes_to_wait(wait)},
                    status=429,
                )
                response["Retry-After"] = str(wait)
                return response
            data = form.cleaned_data
            try:
                submitted = services.registration_submit(
                    event=event,
                    name=data["name"],
                    email=data["email"],
                    organisation_name=data["organisation_name"],
                    answers=form.answers(),
                    interpretation=data["interpretation"],
                    accessibility_needs=data["accessibility_needs"],
                    language=_language(),
                    via_pk=services.co_organiser(event=event, organisation_pk=data["via"]),
                    base_url=request.build_absolute_uri("/"),
                )
            except services.RegistrationClosed as closed:
                form.add_error(None, ValidationError(str(closed.message)))
            else:
                if not submitted.mailed:
                    messages.warning(
                        request,
                        _(
                            "Die E-Mail konnte gerade nicht verschickt werden. Bitte versuchen Sie es "
                            "später noch einmal."
                        ),
                    )
                return redirect("events:registered", pk=event.pk)
        status = 400
    context = registration_context(request, event, form)
    if context["registration_closed"] and request.method == "POST":
        status = 409
    return render(request, "events/registration/register.html", context, status=status)


@require_GET
def registered(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Check your mail": the same words whether the address was new or registered already."""
    event = selectors.public_event_get(pk=pk)
    return render(
        request,
        "events/registration/registered.html",
        {"event": event, "hours": settings.EVENT_CONFIRM_HOURS},
    )


def _link_page(request: HttpRequest, template: str, context: dict, language: str, status: int = 200):
    """A page of a mail's link, in the language the mails are in."""
    with translation.override(language or "de"):
        response = render(request, template, context, status=status)
    response["Content-Language"] = language or "de"
    return response


def _invalid(request: HttpRequest, invalid: LinkInvalid) -> HttpResponse:
    status = 404 if invalid.reason == "unknown" else 410
    return _link_page(
        request,
        "events/registration/invalid.html",
        {"reason": invalid.reason},
        invalid.language or _language(),
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (a mail scanner's visit changes nothing); POST confirms."""
    try:
        registration = services.registration_for_token(token=token, purpose=CONFIRM)
    except LinkInvalid as invalid:
        return _invalid(request, invalid)
    context: dict[str, object] = {"registration": registration, "event": registration.event}
    if request.method == "POST":
        try:
            registration = services.registration_confirm(
                registration=registration, base_url=request.build_absolute_uri("/")
            )
        except services.RegistrationClosed as closed:
            context["closed"] = closed.message
            return _link_page(
                request, "events/registration/confirm.html", context, registration.language, status=409
            )
        context["registration"] = registration
        context["reminder"] = reminder_expected(registration.event)
        return _link_page(request, "events/registration/confirmed.html", context, registration.language)
    if registration.status != RegistrationStatus.UNCONFIRMED:
        context["reminder"] = reminder_expected(registration.event) and registration.reminded_at is None
        return _link_page(request, "events/registration/confirmed.html", context, registration.language)
    return _link_page(request, "events/registration/confirm.html", context, registration.language)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; POST cancels, and the seat goes to the first waiting."""
    try:
        registration = services.registration_for_token(token=token, purpose=CANCEL)
    except LinkInvalid as invalid:
        return _invalid(request, invalid)
    if request.method == "POST":
        registration = services.registration_cancel(
            registration=registration, base_url=request.build_absolute_uri("/")
        )
    context = {"registration": registration, "event": registration.event}
    template = (
        "events/registration/cancelled.html"
        if registration.status == RegistrationStatus.CANCELLED
        else "events/registration/cancel.html"
    )
    return _link_page(request, template, context, registration.language)


# --- The organisers' list ------------------------------------------------------------------------


def participants_context(request: HttpRequest, event: Event) -> dict:
    query = request.GET.get("q", "")[:100]
    questions = selectors.questions_of(event)
    return {
        "event": event,
        "counts": selectors.counts_of(event),
        "participants": selectors.participants_of(event=event, query=query, questions=questions),
        "query": query,
        "questions": questions,
    }


@login_required
@require_GET
def participants(request: NetworkRequest, pk: int) -> HttpResponse:
    """Who comes: counts, the list with needs and answers, search by name, check-in, export."""
    event = event_get_for_organiser(user=request.user, pk=pk)
    with scope(network=[event.network_id]):
        context = participants_context(request, event)
        if request.htmx and request.htmx.target == "participant-list":
            return render(request, "events/registration/_participant_list.html", context)
        return render(request, "events/registration/participants.html", context)


@login_required
@require_POST
def participant_check_in(request: NetworkRequest, pk: int, registration_pk: int) -> HttpResponse:
    """The toggle at the door: htmx swaps the row; without JavaScript the page comes back."""
    event = event_get_for_organiser(user=request.user, pk=pk)
    with scope(network=[event.network_id]):
        registration = Registration.objects.filter(event=event, pk=registration_pk).first()
        if registration is None:
            raise Http404
        present = request.POST.get("present") == "1"
        try:
            registration = services.participant_check_in(
                registration=registration, present=present, actor=request.user
            )
        except services.RegistrationClosed as refused:
            if request.htmx:
                return HttpResponse(str(refused.message), status=409)
            messages.error(request, str(refused.message))
            return redirect("events:participants", pk=event.pk)
        if request.htmx:
            questions = selectors.questions_of(event)
            answers = [(q.label, registration.answers.get(str(q.pk), "")) for q in questions]
            return render(
                request,
                "events/registration/_participant_row.html",
                {"event": event, "participant": selectors.Participant(registration, answers)},
            )
    messages.success(
        request,
        _("%(name)s ist eingelassen.") % {"name": registration.name}
        if present
        else _("%(name)s ist nicht mehr als anwesend markiert.") % {"name": registration.name},
    )
    return redirect(f"{_participants_url(event)}#registration-{registration.pk}")


def _participants_url(event: Event) -> str:
    return reverse("events:participants", kwargs={"pk": event.pk})


@login_required
@require_POST
def waiting_list_move_up(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Warteliste nachrücken lassen": free seats (after more were added) go to the waiting list."""
    event = event_get_for_organiser(user=request.user, pk=pk)
    if not request.user.has_perm("events.change_event", event):
        raise PermissionDenied
    moved = services.waiting_list_advance(
        event=event, actor=request.user, base_url=request.build_absolute_uri("/")
    )
    if moved:
        messages.success(request, _("Von der Warteliste nachgerückt: %(count)s.") % {"count": moved})
    else:
        messages.info(request, _("Es ist kein Platz frei oder niemand wartet."))
    return redirect("events:participants", pk=event.pk)


@login_required
@require_GET
@never_cache
def participants_export(request: HttpRequest, pk: int, format: str) -> HttpResponseBase:
    """The list as CSV or XLSX; who downloaded it is audited (the file holds personal data)."""
    event = event_get_for_organiser(user=request.user, pk=pk)
    if format not in ("csv", "xlsx"):
        raise Http404
    with scope(network=[event.network_id]):
        found = selectors.participants_of(event=event)
        log_action(
            subject=event,
            action="events.registrations.exported",
            actor=request.user,
            network=event.network,
            data={"format": format, "rows": len(found)},
        )
    filename = f"{slugify(event.title)[:40] or 'veranstaltung'}-{timezone.localdate().isoformat()}"
    if format == "xlsx":
        return FileResponse(
            participants_xlsx(found, title=_("Teilnehmende")),
            as_attachment=True,
            filename=filename + ".xlsx",
            content_type=XLSX_TYPE,
        )
    response = StreamingHttpResponse(
        participants_csv(found, language=_language()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, filename + ".csv")
    return response
