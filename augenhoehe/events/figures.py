"""Outreach figures: how many people an event (or a series) reached, who came, with which background
and through which co-organising organisation.

Read from what anonymisation keeps (``retention``): a registration's status, ``confirmed_at``,
``checked_in_at``, ``via`` and its answer to the background question, so the figures stay the same
after the names are gone. Every figure is counted in SQL, a fixed number of queries however many
registrations there are; the background answer is read from the JSON field by key in the query.

What counts:
- *registered*: the address was confirmed (double opt-in), whatever happened after; those who never
  confirmed are counted apart (*unconfirmed*) and in no other figure but *cancelled*.
- *confirmed*, *waiting*, *cancelled*: the registrations' status now.
- *attended*: registered and checked in at the door, at an event that has begun. Its share is of
  those registered for the events that have begun: people registered for dates to come are
  counted apart (*registered_upcoming*), else a series' attendance would sink with every new date.
The breakdowns split *registered* (share of everyone registered, ``n``) and *attended* (share of
those registered for begun events, ``held_n``).
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import Case, CharField, Count, F, Func, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled

from augenhoehe.core.typing import StrOrPromise
from augenhoehe.directory.models import Organisation

from .choices import EventStatus, QuestionKind, RegistrationStatus
from .models import Event, Registration, RegistrationQuestion, Series

REGISTERED = Q(confirmed_at__isnull=False) | Q(
    status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
)
# Checked in and registered: a checked-in row that never confirmed (or was reset) counts nowhere, so
# attendance never exceeds registrations.
ATTENDED = Q(checked_in_at__isnull=False) & REGISTERED
# The label of an unanswered background question, of an answer the question no longer offers (it
# may be anything, a name even: never printed), and of registrations that came directly.
NO_ANSWER = gettext_lazy("keine Angabe")
NOT_OFFERED = gettext_lazy("nicht mehr angeboten")
DIRECT = gettext_lazy("direkt")
# Another co-organiser's line with fewer people than this is shown as "fewer than" to an organisation.
SMALL = 3


def percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` in whole percent (0 of nothing)."""
    return round(100 * part / whole) if whole else 0


def has_begun(event: Event, now: datetime) -> bool:
    """Whether ``event`` counts for attendance: it has begun (the door checks in while it runs)."""
    return event.starts_at <= now


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: its label, how many registered and attended, and their shares."""

    label: StrOrPromise  # lazy for the "other" lines
    registered: int
    attended: int
    n: int  # everyone registered: the whole of ``registered_percent``
    held_n: int  # registered for begun events: the whole of ``attended_percent``
    # A line of "no answer", "no longer offered" or "directly": they stay last.
    other: bool = False
    # The organisation's id, in the via breakdown.
    organisation_id: int | None = None
    # Shown as "fewer than SMALL", without numbers (another co-organiser's small line).
    hidden: bool = False

    @property
    def registered_percent(self) -> int:
        return percent(self.registered, self.n)

    @property
    def attended_percent(self) -> int:
        return percent(self.attended, self.held_n)


@dataclass(frozen=True)
class Breakdown:
    key: str  # ids in the page: "background-0", "via"
    kind: str  # "background" or "via"
    title: str
    rows: list[Row]
    n: int
    held_n: int
    events: int  # how many events it covers


@dataclass(frozen=True)
class Figures:
    """The figures of one event or of a series' events together."""

    events: int
    held_events: int  # begun ones: attendance is theirs
    registered: int
    registered_held: int
    registered_upcoming: int
    unconfirmed: int
    confirmed: int
    waiting: int
    cancelled: int
    attended: int
    # One breakdown per background question (events asking the same question with the same options
    # share one), in the order of the events.
    backgrounds: list[Breakdown]
    via: Breakdown
    # Registered for events that asked no background question: in no background breakdown's n.
    not_asked: int
    not_asked_events: int

    @property
    def upcoming_events(self) -> int:
        return self.events - self.held_events

    @property
    def attended_percent(self) -> int:
        return percent(self.attended, self.registered_held)


def _totals(registrations: QuerySet[Registration], held: Q) -> dict[str, int]:
    return registrations.aggregate(
        registered=Count("pk", filter=REGISTERED),
        registered_held=Count("pk", filter=REGISTERED & held),
        registered_upcoming=Count("pk", filter=REGISTERED & ~held),
        unconfirmed=Count("pk", filter=Q(status=RegistrationStatus.UNCONFIRMED)),
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        attended=Count("pk", filter=ATTENDED & held),
    )


class AnswerOf(Func):
    """The answer under a question's id in ``Registration.answers``.

    Not ``KeyTextTransform``: Django reads a key made of digits ("12") as an array index, which
    finds nothing in an object; here the id is always an object's key. SQLite returns a number as a
    number and PostgreSQL as text: the reader takes ``str()`` of what comes back.
    """

    output_field = CharField()

    def __init__(self, question_pk: int) -> None:
        super().__init__(F("answers"))
        self.key = str(int(question_pk))

    def as_sql(self, compiler, connection, *args, **extra_context):  # SQLite
        sql, params = compiler.compile(self.source_expressions[0])
        return f"JSON_EXTRACT({sql}, %s)", [*params, f'$."{self.key}"']

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} ->> %s)", [*params, self.key]


def _background_questions(event_ids: list[int]) -> dict[int, RegistrationQuestion]:
    """{event id: its background question}: the first choice question so marked, per event."""
    found: dict[int, RegistrationQuestion] = {}
    for question in RegistrationQuestion.objects.filter(
        event_id__in=event_ids, is_background=True, kind=QuestionKind.CHOICE
    ).order_by("event_id", "position", "pk"):
        found.setdefault(question.event_id, question)
    return found


def _answer_label(answer: object, options: list[str]) -> str | None:
    """The option ``answer`` is, ``None`` for no answer, ``""`` for anything the question no longer
    offers (another option list, a list, a number: whatever the database returned)."""
    if answer is None or answer == "":
        return None
    text = str(answer)
    return text if text in options else ""


def _backgrounds(
    registrations: QuerySet[Registration],
    events: list[Event],
    questions: dict[int, RegistrationQuestion],
    held: set[int],
) -> tuple[list[Breakdown], int, int]:
    """A breakdown per distinct background question (wording and options), each with its own n, and
    how many registered for how many events that asked none. One query: registered and attended per
    event and answer (a ``CASE`` over the events picks each event's own question id)."""
    answer = Case(
        *(When(event_id=event_id, then=AnswerOf(question.pk)) for event_id, question in questions.items()),
        default=Value(None),
        output_field=CharField(),
    )
    counts = (
        registrations.filter(REGISTERED)
        .values("event_id", answer=answer)
        .annotate(registered=Count("pk"), attended=Count("pk", filter=ATTENDED))
        .order_by()
    )
    # Events grouped by their question, in the events' order.
    groups: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for event in events:
        question = questions.get(event.pk)
        if question is not None:
            groups.setdefault((question.label, tuple(question.option_list)), []).append(event.pk)
    group_of = {event_id: key for key, ids in groups.items() for event_id in ids}
    # {group: {label or None or "": [registered, attended, registered at begun events]}}
    tally: dict[tuple[str, tuple[str, ...]], dict[str | None, list[int]]] = {key: {} for key in groups}
    not_asked = 0
    for line in counts:
        key = group_of.get(line["event_id"])
        if key is None:
            not_asked += line["registered"]
            continue
        begun = line["event_id"] in held
        cell = tally[key].setdefault(_answer_label(line["answer"], list(key[1])), [0, 0, 0])
        cell[0] += line["registered"]
        cell[1] += line["attended"] if begun else 0
        cell[2] += line["registered"] if begun else 0
    breakdowns = []
    for index, (key, ids) in enumerate(groups.items()):
        cells = tally[key]
        n = sum(cell[0] for cell in cells.values())
        held_n = sum(cell[2] for cell in cells.values())

        def row(label, cell, other=False, n=n, held_n=held_n) -> Row:
            return Row(label, cell[0], cell[1], n=n, held_n=held_n, other=other)

        # Every option in the question's order (one nobody chose shows 0), then what it no longer
        # offers (if any), then "no answer".
        rows = [row(option, cells.get(option, [0, 0, 0])) for option in key[1]]
        if "" in cells:
            rows.append(row(NOT_OFFERED, cells[""], other=True))
        rows.append(row(NO_ANSWER, cells.get(None, [0, 0, 0]), other=True))
        breakdowns.append(
            Breakdown(f"background-{index}", "background", key[0], rows, n=n, held_n=held_n, events=len(ids))
        )
    return breakdowns, not_asked, len([event for event in events if event.pk not in group_of])


def _via(registrations: QuerySet[Registration], held: Q, n: int, held_n: int, events: int) -> Breakdown:
    counts = (
        registrations.filter(REGISTERED)
        .values("via_id", "via__name")
        .annotate(registered=Count("pk"), attended=Count("pk", filter=ATTENDED & held))
        .order_by("via__name", "via_id")
    )
    rows = [
        Row(
            line["via__name"], line["registered"], line["attended"], n, held_n, organisation_id=line["via_id"]
        )
        for line in counts
        if line["via_id"]
    ]
    direct = next((line for line in counts if not line["via_id"]), None)
    rows.append(
        Row(
            DIRECT,
            direct["registered"] if direct else 0,
            direct["attended"] if direct else 0,
            n,
            held_n,
            other=True,
        )
    )
    return Breakdown("via", "via", _("Über welche Organisation"), rows, n=n, held_n=held_n, events=events)


def figures_for(events: Iterable[Event], *, now: datetime | None = None) -> Figures:
    """The figures of ``events`` together (one event, or a series' events): four queries.

    The caller has checked that the reader may see these events' figures; the events are read
    without a scope here because a co-organiser's member reads them from outside the network.
    """
    now = now or timezone.now()
    event_list = list(events)
    event_ids = [event.pk for event in event_list]
    held_ids = {event.pk for event in event_list if has_begun(event, now)}
    held = Q(event_id__in=sorted(held_ids))
    with scopes_disabled():
        registrations = Registration.objects.filter(event_id__in=event_ids)
        totals = _totals(registrations, held)
        questions = _background_questions(event_ids)
        backgrounds, not_asked, not_asked_events = _backgrounds(
            registrations, event_list, questions, held_ids
        )
        via = _via(registrations, held, totals["registered"], totals["registered_held"], len(event_list))
    return Figures(
        events=len(event_list),
        held_events=len(held_ids),
        **totals,
        backgrounds=backgrounds,
        via=via,
        not_asked=not_asked,
        not_asked_events=not_asked_events,
    )


def via_for_organisations(breakdown: Breakdown, own: Collection[int]) -> Breakdown:
    """``breakdown`` as a co-organiser's member sees it: the lines of other organisations with fewer
    than ``SMALL`` people hidden (a single person's attendance is theirs), the own lines exact."""
    rows = [
        replace(row, hidden=True)
        if row.organisation_id is not None and row.organisation_id not in own and row.registered < SMALL
        else row
        for row in breakdown.rows
    ]
    return replace(breakdown, rows=rows)


def series_events(*, series: Series) -> list[Event]:
    """The series' events that count: published (held or to come), not drafts or cancelled ones."""
    return list(Event.objects.filter(series=series, status=EventStatus.PUBLISHED).order_by("starts_at", "pk"))


@dataclass(frozen=True)
class EventLine:
    event: Event
    registered: int
    attended: int
    held: bool  # begun: attendance is known

    @property
    def attended_percent(self) -> int:
        return percent(self.attended, self.registered)


def event_lines(events: list[Event], *, now: datetime | None = None) -> list[EventLine]:
    """Registered and attended per event, in the order given; one query."""
    now = now or timezone.now()
    with scopes_disabled():
        counts: dict[int, tuple[int, int]] = {
            line["event_id"]: (line["registered"], line["attended"])
            for line in Registration.objects.filter(event_id__in=[event.pk for event in events])
            .values("event_id")
            .annotate(registered=Count("pk", filter=REGISTERED), attended=Count("pk", filter=ATTENDED))
            .order_by()
        }
    return [EventLine(event, *counts.get(event.pk, (0, 0)), held=has_begun(event, now)) for event in events]


@dataclass(frozen=True)
class OrganisationFigures:
    """What the events an organisation co-organised reached, in the networks the reader may see:
    registered and attended at the events that have begun, the registrations for those to come apart."""

    events: int
    registered: int
    attended: int
    registered_via: int
    attended_via: int
    registered_upcoming: int


def organisation_figures(
    *, organisation: Organisation, network_ids: Iterable[int] | None, now: datetime
) -> OrganisationFigures:
    """Published events ``organisation`` co-organises (of ``network_ids`` only, or of every network
    for ``None``): how many, how many people registered and came, how many of them through it.

    Reads across networks on purpose (the organisation's members work outside any scope); one query.
    """
    with scopes_disabled():
        events = Event.objects.filter(organisers__organisation=organisation, status=EventStatus.PUBLISHED)
        if network_ids is not None:
            events = events.filter(network_id__in=list(network_ids))
        registered = Q(registrations__confirmed_at__isnull=False) | Q(
            registrations__status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
        )
        begun = Q(starts_at__lte=now)
        attended = Q(registrations__checked_in_at__isnull=False) & registered & begun
        via = Q(registrations__via=organisation)
        found = events.aggregate(
            events=Count("pk", distinct=True),
            registered=Count("registrations", filter=registered & begun),
            attended=Count("registrations", filter=attended),
            registered_via=Count("registrations", filter=registered & begun & via),
            attended_via=Count("registrations", filter=attended & via),
            registered_upcoming=Count("registrations", filter=registered & ~begun),
        )
    return OrganisationFigures(**found)


def organisation_upcoming(*, organisation: Organisation, now, limit: int = 10) -> list[Event]:
    """Published events to come that ``organisation`` co-organises, in every network (public, like
    the public event pages); one query."""
    with scopes_disabled():
        return list(
            Event.objects.filter(
                organisers__organisation=organisation, status=EventStatus.PUBLISHED, ends_at__gte=now
            )
            .only("pk", "title", "starts_at", "ends_at", "format", "town", "network_id")
            .order_by("starts_at", "pk")[:limit]
        )
