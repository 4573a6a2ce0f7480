"""The organisers' pages of an event (staff of its network and co-organising organisations' members)
and the public pages (the upcoming list across networks, a series, an event, their calendars)."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.languages import Language
from augenhoehe.core.pagination import page_of
from augenhoehe.core.typing import NetworkRequest

from . import ical, registration, selectors, services
from .forms import (
    BookingLinkForm,
    EventForm,
    KeyForm,
    ProgrammeItemForm,
    PublicFilterForm,
    QuestionForm,
    SeriesForm,
)
from .models import Event
from .sections import organiser_sections_for, public_sections_for

PER_PAGE = 20


def organiser_view(permission: str = "events.change_event", methods: tuple[str, ...] = ("POST",)) -> Callable:
    """Signed in, the method, then fetch the event (404 for whoever does not organise it), check
    ``permission`` (403) and run the view in the event's network scope: a co-organiser's member
    works in no network of their own."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapped(request: NetworkRequest, pk: int, **kwargs) -> HttpResponse:
            event = selectors.event_get_for_organiser(user=request.user, pk=pk)
            if not request.user.has_perm(permission, event):
                raise PermissionDenied
            with network_scope(event.network):
                return view(request, event, **kwargs)

        return wrapped

    return decorate


def _staff_network(request: NetworkRequest):
    network = request.network
    if network is None or not request.user.has_perm("events.add_event", network):
        raise PermissionDenied
    return network


def _posted_key(request: HttpRequest, name: str) -> int:
    """The key a button posted under ``name``; 404 for a missing or tampered one."""
    form = KeyForm(request.POST, name=name)
    if not form.is_valid():
        raise Http404
    return form.key


def _back(event: Event, anchor: str = "") -> HttpResponse:
    return redirect(reverse("events:event", kwargs={"pk": event.pk}) + (f"#{anchor}" if anchor else ""))


# ---- the organisers' list, series and event forms -------------------------------------------


@login_required
@require_GET
def manage(request: NetworkRequest) -> HttpResponse:
    """The events the person organises (their network's and their organisations' co-organised ones)."""
    if not request.user.has_perm("events.view_event_list"):
        raise PermissionDenied
    network = request.network
    is_staff = network is not None and request.user.has_perm("events.add_event", network)
    events = selectors.event_manage_list(viewer=request.user, network=network)
    context = {
        "page": page_of(events, number=request.GET.get("page", 1), per_page=PER_PAGE),
        "is_staff": is_staff,
        "series_list": list(selectors.series_of(network=network)) if is_staff and network else [],
        "now": timezone.now(),
    }
    return render(request, "events/manage.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def series_new(request: NetworkRequest) -> HttpResponse:
    network = _staff_network(request)
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.series_create(network=network, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Die Reihe wurde angelegt."))
            return redirect("events:manage")
    status = 400 if form.errors else 200
    return render(request, "events/series_form.html", {"form": form, "series": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def series_edit(request: NetworkRequest, pk: int) -> HttpResponse:
    series = selectors.series_get_for_organiser(user=request.user, network=request.network, pk=pk)
    form = SeriesForm(request.POST or None, instance=series)
    if request.method == "POST" and form.is_valid():
        try:
            services.series_update(series=series, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Die Reihe wurde gespeichert."))
            return redirect("events:manage")
    status = 400 if form.errors else 200
    return render(request, "events/series_form.html", {"form": form, "series": series}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request: NetworkRequest) -> HttpResponse:
    network = _staff_network(request)
    # "New event in this series": the key preselects its option; any other value matches none.
    initial = {"series": request.GET.get("series", "")[:20]}
    form = EventForm(request.POST or None, network=network, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                network=network,
                actor=request.user,
                languages=form.cleaned_data["languages"],
                **form.fields_for_service(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Die Veranstaltung wurde als Entwurf angelegt."))
            return _back(event)
    status = 400 if form.errors else 200
    return render(request, "events/event_form.html", {"form": form, "event": None}, status=status)


@organiser_view(methods=("GET", "POST"))
def event_edit(request: NetworkRequest, event: Event) -> HttpResponse:
    # The series is the network's choice: a co-organiser's member edits the event without it.
    can_choose_series = request.user.has_perm("events.manage_event", event)
    form = EventForm(request.POST or None, network=event.network, event=event, with_series=can_choose_series)
    sequence = event.sequence
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(
                event=event,
                actor=request.user,
                languages=form.cleaned_data["languages"],
                **form.fields_for_service(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Die Veranstaltung wurde gespeichert."))
            told, moved = registration.event_saved(
                event=event,
                schedule_changed=event.sequence != sequence,
                actor=request.user,
                base_url=request.build_absolute_uri("/"),
            )
            if told:
                messages.info(request, _("Per E-Mail benachrichtigt: %(count)s.") % {"count": told})
            if moved:
                messages.info(request, _("Von der Warteliste nachgerückt: %(count)s.") % {"count": moved})
            return _back(event)
    status = 400 if form.errors else 200
    return render(request, "events/event_form.html", {"form": form, "event": event}, status=status)


# ---- the organisers' page of an event -------------------------------------------------------


def event_page(request: NetworkRequest, event: Event, *, status: int = 200, **forms) -> HttpResponse:
    """The organisers' page. A POST that failed passes its bound form by name (``programme_form``,
    ``question_form``, ``booking_form``), shown with its errors and ``status`` 400."""
    can_manage = request.user.has_perm("events.manage_event", event)
    query = request.GET.get("organisation", "")[:100]
    codes = selectors.language_codes_of(event=event)
    context = {
        "event": event,
        "can_manage": can_manage,
        "languages": [Language(code).label for code in codes],
        "programme": selectors.programme_of(event=event),
        "questions": selectors.questions_of(event=event),
        "co_organisers": selectors.co_organisers_of(event=event),
        "organisation_query": query,
        "organisation_matches": (
            selectors.organisations_to_add(viewer=request.user, event=event, query=query)
            if can_manage
            else []
        ),
        "programme_form": forms.get("programme_form") or ProgrammeItemForm(),
        "question_form": forms.get("question_form") or QuestionForm(),
        "bookings": selectors.bookings_of(event=event) if can_manage else [],
        "booking_form": (
            forms.get("booking_form") or BookingLinkForm(bookings=selectors.bookings_to_link(event=event))
            if can_manage
            else None
        ),
        # The pool is searched by language: a link per language the event needs besides German.
        "pool_languages": [(code, Language(code).label) for code in codes if code != Language.DE],
        "sections": organiser_sections_for(request, event),
    }
    return render(request, "events/event.html", context, status=status)


@organiser_view(methods=("GET",))
def organiser_page(request: NetworkRequest, event: Event) -> HttpResponse:
    return event_page(request, event)


@organiser_view("events.manage_event")
def event_publish(request: NetworkRequest, event: Event) -> HttpResponse:
    try:
        services.event_publish(event=event, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Die Veranstaltung ist veröffentlicht."))
    return _back(event)


@organiser_view("events.manage_event")
def event_cancel(request: NetworkRequest, event: Event) -> HttpResponse:
    try:
        services.event_cancel(event=event, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        told = registration.participants_notify(
            event=event, change="cancelled", base_url=request.build_absolute_uri("/")
        )
        messages.success(request, _("Die Veranstaltung ist abgesagt."))
        if told:
            messages.info(request, _("Per E-Mail benachrichtigt: %(count)s.") % {"count": told})
    return _back(event)


@organiser_view("events.manage_event")
def organiser_add(request: NetworkRequest, event: Event) -> HttpResponse:
    organisation = selectors.organisation_to_add(viewer=request.user, pk=_posted_key(request, "organisation"))
    try:
        services.organiser_add(event=event, organisation=organisation, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Die Organisation veranstaltet jetzt mit."))
    return _back(event, "organisers")


@organiser_view("events.manage_event")
def organiser_remove(request: NetworkRequest, event: Event) -> HttpResponse:
    row = selectors.co_organiser_get(event=event, organisation_id=_posted_key(request, "organisation"))
    services.organiser_remove(row=row, actor=request.user)
    messages.success(request, _("Die Organisation veranstaltet nicht mehr mit."))
    return _back(event, "organisers")


@organiser_view("events.manage_event")
def booking_link(request: NetworkRequest, event: Event) -> HttpResponse:
    form = BookingLinkForm(request.POST, bookings=selectors.bookings_to_link(event=event))
    if form.is_valid():
        try:
            services.booking_link(event=event, booking=form.cleaned_data["booking"], actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Die Buchung ist mit der Veranstaltung verknüpft."))
            return _back(event, "interpreters")
    return event_page(request, event, status=400, booking_form=form)


@organiser_view("events.manage_event")
def booking_unlink(request: NetworkRequest, event: Event) -> HttpResponse:
    booking = selectors.linked_booking_get(event=event, pk=_posted_key(request, "booking"))
    services.booking_unlink(event=event, booking=booking, actor=request.user)
    messages.success(request, _("Die Buchung ist nicht mehr mit der Veranstaltung verknüpft."))
    return _back(event, "interpreters")


@organiser_view()
def programme_add(request: NetworkRequest, event: Event) -> HttpResponse:
    form = ProgrammeItemForm(request.POST)
    if form.is_valid():
        try:
            services.programme_item_add(event=event, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Der Programmpunkt wurde hinzugefügt."))
            return _back(event, "programme")
    return event_page(request, event, status=400, programme_form=form)


@organiser_view()
def question_add(request: NetworkRequest, event: Event) -> HttpResponse:
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(event=event, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Die Frage wurde hinzugefügt."))
            return _back(event, "questions")
    return event_page(request, event, status=400, question_form=form)


def item_view(fetch: Callable, methods: tuple[str, ...] = ("POST",)) -> Callable:
    """Like ``organiser_view``, for a row of an event (a programme item, a question) named by its key;
    ``fetch`` authorises (404)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapped(request: NetworkRequest, pk: int, **kwargs) -> HttpResponse:
            row = fetch(user=request.user, pk=pk)
            with network_scope(row.event.network):
                return view(request, row, **kwargs)

        return wrapped

    return decorate


@item_view(selectors.programme_item_get_for_organiser, methods=("GET", "POST"))
def programme_edit(request: NetworkRequest, item) -> HttpResponse:
    form = ProgrammeItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_item_update(item=item, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Der Programmpunkt wurde gespeichert."))
            return _back(item.event, "programme")
    status = 400 if form.errors else 200
    context = {"form": form, "event": item.event, "item": item}
    return render(request, "events/programme_form.html", context, status=status)


@item_view(selectors.programme_item_get_for_organiser)
def programme_remove(request: NetworkRequest, item) -> HttpResponse:
    services.programme_item_remove(item=item, actor=request.user)
    messages.success(request, _("Der Programmpunkt wurde entfernt."))
    return _back(item.event, "programme")


@item_view(selectors.programme_item_get_for_organiser)
def programme_move(request: NetworkRequest, item) -> HttpResponse:
    services.programme_item_move(item=item, actor=request.user, up=request.POST.get("direction") == "up")
    return _back(item.event, "programme")


@item_view(selectors.question_get_for_organiser, methods=("GET", "POST"))
def question_edit(request: NetworkRequest, question) -> HttpResponse:
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(question=question, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Die Frage wurde gespeichert."))
            return _back(question.event, "questions")
    status = 400 if form.errors else 200
    context = {"form": form, "event": question.event, "question": question}
    return render(request, "events/question_form.html", context, status=status)


@item_view(selectors.question_get_for_organiser)
def question_remove(request: NetworkRequest, question) -> HttpResponse:
    try:
        services.question_remove(question=question, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Die Frage wurde entfernt."))
    return _back(question.event, "questions")


# ---- public pages -------------------------------------------------------------------------------


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    """Upcoming events of every network, filtered by Kreis, language and topic."""
    form = PublicFilterForm(request.GET or None, kreise=selectors.kreise_with_events())
    form.is_valid()  # a wrong value is dropped from the filter, the others still apply
    filters = getattr(form, "cleaned_data", {})
    events = selectors.event_public_list(
        kreis=filters.get("kreis"), language=filters.get("language", ""), topic=filters.get("topic", "")
    )
    context = {
        "form": form,
        "page": page_of(events, number=request.GET.get("page", 1), per_page=PER_PAGE),
        "filtered": any(filters.get(name) for name in ("kreis", "language", "topic")),
    }
    return render(request, "events/list.html", context)


@require_GET
def series(request: HttpRequest, pk: int) -> HttpResponse:
    series = selectors.series_get_public(user=request.user, pk=pk)
    events = selectors.series_public_events(series=series)
    now = timezone.now()
    # Calendars subscribe to the feed (and refresh it) when it is opened as webcal://.
    feed_url = request.build_absolute_uri(reverse("events:series_ics", kwargs={"pk": series.pk}))
    context = {
        "series": series,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        "upcoming": [event for event in events if event.ends_at >= now],
        "past": [event for event in events if event.ends_at < now][::-1],
    }
    return render(request, "events/series.html", context)


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The event's public page; a draft only for its organisers (everyone else: 404)."""
    public = selectors.event_get_public(user=request.user, pk=pk)
    event = public.event
    context = {
        "event": event,
        "programme": public.programme,
        "co_organisers": public.co_organisers,
        "languages": [Language(row.code).label for row in event.languages.all()],
        "can_change": request.user.has_perm("events.change_event", event),
        "sections": public_sections_for(request, event),
    }
    return render(request, "events/detail.html", context)


def _calendar(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One event for a calendar, with the public page's facts (never the online link)."""
    public = selectors.event_get_public(user=request.user, pk=pk)
    return _calendar(
        ical.event_calendar(public.event, request=request), f"veranstaltung-{public.event.pk}.ics"
    )


@require_GET
def series_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """A series' public events as a calendar to subscribe to."""
    series = selectors.series_get_public(user=request.user, pk=pk)
    events = selectors.series_public_events(series=series)
    return _calendar(ical.series_calendar(series, events, request=request), f"reihe-{series.pk}.ics")
