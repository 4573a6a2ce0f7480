"""Reads of events for their organisers and for the public.

Two readers come from outside a network's scope and read across networks, each in a selector that
says so (``scopes_disabled`` with an explicit filter): the public (published and cancelled events of
every network) and the members of co-organising organisations (the events they co-organise).
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.core.models import Kreis, Network
from augenhoehe.directory.models import Organisation
from augenhoehe.directory.permissions import represented
from augenhoehe.directory.selectors import organisation_visible_queryset
from augenhoehe.interpreters.models import Booking

from .choices import EventStatus, RegistrationStatus
from .models import Event, EventOrganiser, ProgrammeItem, RegistrationQuestion, Series

# Events are entered, shown and exported in German local time, whatever a reader's time zone.
EVENT_TIMEZONE = ZoneInfo("Europe/Berlin")
# What the public sees: published events, and cancelled ones (marked), so that nobody comes in vain.
PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED)


def with_seats_free(events: QuerySet[Event]) -> QuerySet[Event]:
    """``events`` with ``seats_free``: the seats no confirmed person holds (None where not limited), in
    the same query, so that a list tells at a glance which evening is full."""
    taken = Count(
        "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED), distinct=True
    )
    return events.annotate(seats_free=F("capacity") - taken)


# How many organisations the co-organiser search offers at once.
ORGANISATION_MATCHES = 10


def event_get_for_organiser(*, user, pk: int) -> Event:
    """Fetch and authorise in one step, across networks: an event its network's staff or a
    co-organising organisation's member may work on; 404 for everyone else (they learn nothing)."""
    with scopes_disabled():
        event = Event.objects.select_related("network", "series", "kreis").filter(pk=pk).first()
    if event is None or not user.has_perm("events.view_event_private", event):
        raise Http404
    return event


def event_manage_list(*, viewer, network: Network | None) -> QuerySet[Event]:
    """The events ``viewer`` organises, newest first: those of the active network (its staff) and those
    an organisation they represent co-organises, in any network (hence unscoped, with that filter)."""
    condition = Q(pk__in=[])
    if network is not None and viewer.has_perm("events.add_event", network):
        condition |= Q(network_id=network.pk)
    ours = represented(viewer)
    if ours:
        with scopes_disabled():
            condition |= Q(pk__in=EventOrganiser.objects.filter(organisation_id__in=ours).values("event_id"))
    with scopes_disabled():
        return (
            Event.objects.filter(condition).select_related("series", "network").order_by("-starts_at", "-pk")
        )


def series_of(*, network: Network) -> QuerySet[Series]:
    """The network's series (read in its scope, by its staff)."""
    return Series.objects.filter(network=network)


def series_get_for_organiser(*, user, network: Network | None, pk: int) -> Series:
    """A series of the active network for its staff; 404 for everyone else."""
    if network is None:
        raise Http404
    series = Series.objects.filter(network=network, pk=pk).first()
    if series is None or not user.has_perm("events.change_series", series):
        raise Http404
    return series


def programme_of(*, event: Event) -> list[ProgrammeItem]:
    with scopes_disabled():
        return list(ProgrammeItem.objects.filter(event_id=event.pk))


def questions_of(*, event: Event) -> list[RegistrationQuestion]:
    with scopes_disabled():
        return list(RegistrationQuestion.objects.filter(event_id=event.pk))


def co_organisers_of(*, event: Event) -> list[Organisation]:
    """The co-organising organisations, by name (the event's key bounds the unscoped read)."""
    with scopes_disabled():
        ids = EventOrganiser.objects.filter(event_id=event.pk).values("organisation_id")
        return list(Organisation.objects.filter(pk__in=ids).order_by("name", "pk"))


def language_codes_of(*, event: Event) -> list[str]:
    return [row.code for row in event.languages.all()]


def programme_item_get_for_organiser(*, user, pk: int) -> ProgrammeItem:
    """A programme item of an event ``user`` may change; 404 otherwise."""
    with scopes_disabled():
        item = ProgrammeItem.objects.select_related("event").filter(pk=pk).first()
    if item is None or not user.has_perm("events.change_event", item.event):
        raise Http404
    return item


def question_get_for_organiser(*, user, pk: int) -> RegistrationQuestion:
    """A registration question of an event ``user`` may change; 404 otherwise."""
    with scopes_disabled():
        question = RegistrationQuestion.objects.select_related("event").filter(pk=pk).first()
    if question is None or not user.has_perm("events.change_event", question.event):
        raise Http404
    return question


def organisations_to_add(*, viewer, event: Event, query: str) -> list[Organisation]:
    """Organisations ``viewer`` may see whose name contains ``query``, not yet co-organising."""
    query = query.strip()
    if len(query) < 2:
        return []
    with scopes_disabled():
        present = EventOrganiser.objects.filter(event_id=event.pk).values("organisation_id")
        return list(
            organisation_visible_queryset(viewer=viewer)
            .filter(name__icontains=query)
            .exclude(pk__in=present)
            .order_by("name", "pk")[:ORGANISATION_MATCHES]
        )


def organisation_to_add(*, viewer, pk: int) -> Organisation:
    """The organisation to add, if ``viewer`` may see it; 404 otherwise."""
    organisation = organisation_visible_queryset(viewer=viewer).filter(pk=pk).first()
    if organisation is None:
        raise Http404
    return organisation


def co_organiser_get(*, event: Event, organisation_id: int) -> EventOrganiser:
    """The row that makes the organisation a co-organiser of ``event``; 404 if it is none."""
    row = (
        EventOrganiser.objects.select_related("event__network")
        .filter(event_id=event.pk, organisation_id=organisation_id)
        .first()
    )
    if row is None:
        raise Http404
    return row


def linked_booking_get(*, event: Event, pk: int) -> Booking:
    """A booking linked to ``event``; 404 for any other (a tampered or an unlinked one)."""
    booking = event.interpreter_bookings.filter(pk=pk).first()
    if booking is None:
        raise Http404
    return booking


def bookings_of(*, event: Event) -> list[Booking]:
    """The pool's bookings linked to the event (its network's staff read them in its scope)."""
    return list(event.interpreter_bookings.select_related("interpreter").order_by("starts_at", "pk"))


def bookings_to_link(*, event: Event) -> QuerySet[Booking]:
    """The network's bookings on the event's day (Berlin time) not linked yet."""
    day = timezone.localtime(event.starts_at, EVENT_TIMEZONE).date()
    start = datetime.combine(day, time.min, tzinfo=EVENT_TIMEZONE)
    return (
        Booking.objects.filter(
            network_id=event.network_id, starts_at__gte=start, starts_at__lt=start + timedelta(days=1)
        )
        .exclude(pk__in=event.interpreter_bookings.values("pk"))
        .select_related("interpreter")
        .order_by("starts_at", "pk")
    )


@dataclass(frozen=True)
class PublicEvent:
    """What the public page shows of an event, read at once (the page runs in no network's scope)."""

    event: Event
    programme: list[ProgrammeItem]
    co_organisers: list[Organisation]


def event_get_public(*, user, pk: int) -> PublicEvent:
    """A published or cancelled event of any network, for everyone; a draft only for its organisers.
    Read across networks, bounded by the key and the status."""
    with scopes_disabled():
        event = (
            with_seats_free(Event.objects.select_related("network", "series", "kreis"))
            .prefetch_related("languages")
            .filter(pk=pk)
            .first()
        )
    if event is None or not user.has_perm("events.view_event", event):
        raise Http404
    # Only organisations that show themselves in the directory are named to the public.
    co_organisers = [
        organisation for organisation in co_organisers_of(event=event) if organisation.is_published
    ]
    return PublicEvent(event=event, programme=programme_of(event=event), co_organisers=co_organisers)


def event_public_list(
    *, kreis: Kreis | None = None, language: str = "", topic: str = "", now: datetime | None = None
) -> QuerySet[Event]:
    """Upcoming published and cancelled events of every network, soonest first, with their Kreis,
    series and languages in two queries however many there are. Read across networks by status."""
    now = now or timezone.now()
    with scopes_disabled():
        events = Event.objects.filter(status__in=PUBLIC_STATUSES, ends_at__gte=now)
        if kreis is not None:
            events = events.filter(kreis=kreis)
        if language:
            events = events.filter(languages__code=language)
        if topic:
            events = events.filter(topic=topic)
        return (
            with_seats_free(events.select_related("kreis", "series"))
            .prefetch_related("languages")
            .order_by("starts_at", "pk")
        )


def kreise_with_events() -> QuerySet[Kreis]:
    """The Kreise in which upcoming public events take place (the list's filter offers no empty one)."""
    with scopes_disabled():
        ids = Event.objects.filter(status__in=PUBLIC_STATUSES, ends_at__gte=timezone.now()).values("kreis_id")
    return Kreis.objects.filter(ags__in=ids).order_by("name", "ags")


def series_get_public(*, user, pk: int) -> Series:
    """A series of any network, once one of its events is public; before that only its network's
    staff see it (a planned series' title is not news yet). Its page lists only the public events
    (``series_public_events``). Read across networks, bounded by the key."""
    with scopes_disabled():
        series = Series.objects.select_related("network").filter(pk=pk).first()
        public = (
            series is not None
            and Event.objects.filter(series_id=series.pk, status__in=PUBLIC_STATUSES).exists()
        )
    if series is None or not (public or user.has_perm("events.change_series", series)):
        raise Http404
    return series


def series_public_events(*, series: Series) -> list[Event]:
    """The series' published and cancelled events, in time order, with their Kreis and languages."""
    with scopes_disabled():
        return list(
            with_seats_free(Event.objects.filter(series_id=series.pk, status__in=PUBLIC_STATUSES))
            .select_related("kreis")
            .prefetch_related("languages")
            .order_by("starts_at", "pk")
        )
