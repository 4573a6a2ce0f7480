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
- *attended*: checked in at the door.
The breakdowns split *registered* and *attended*; percentages are of *registered* (``n``).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, F, Func, Q, QuerySet, Value, When
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
ATTENDED = Q(checked_in_at__isnull=False)
# The label of an unanswered background question, and of registrations that came directly.
NO_ANSWER = gettext_lazy("keine Angabe")
DIRECT = gettext_lazy("direkt")


def percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` in whole percent (0 of nothing)."""
    return round(100 * part / whole) if whole else 0


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: its label, how many registered and attended, shares of ``n``."""

    label: StrOrPromise  # lazy for the two "other" lines
    registered: int
    attended: int
    n: int
    # The line of "no answer" or "no organisation": it stays last.
    other: bool = False

    @property
    def registered_percent(self) -> int:
        return percent(self.registered, self.n)

    @property
    def attended_percent(self) -> int:
        return percent(self.attended, self.n)


@dataclass(frozen=True)
class Breakdown:
    key: str  # "background" or "via": ids in the page
    title: str
    rows: list[Row]
    n: int


@dataclass(frozen=True)
class Figures:
    """The figures of one event or of a series' events together."""

    events: int
    registered: int
    unconfirmed: int
    confirmed: int
    waiting: int
    cancelled: int
    attended: int
    background: Breakdown
    via: Breakdown
    # The background question's wording (the first event's, in a series), or "" if none asked.
    question: str

    @property
    def attended_percent(self) -> int:
        return percent(self.attended, self.registered)


def _totals(registrations: QuerySet[Registration]) -> dict[str, int]:
    return registrations.aggregate(
        registered=Count("pk", filter=REGISTERED),
        unconfirmed=Count("pk", filter=Q(status=RegistrationStatus.UNCONFIRMED)),
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        attended=Count("pk", filter=ATTENDED),
    )


class AnswerOf(Func):
    """The answer under a question's id in ``Registration.answers``, as text.

    Not ``KeyTextTransform``: Django reads a key made of digits ("12") as an array index, which
    finds nothing in an object; here the id is always an object's key.
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


def _background(registrations: QuerySet[Registration], questions: dict[int, RegistrationQuestion], n: int):
    """Registered and attended per answer, grouped in SQL: the answer is the JSON field's value under
    the event's own question id (a ``CASE`` over the events, so a series takes one query too)."""
    answer = Case(
        *(When(event_id=event_id, then=AnswerOf(question.pk)) for event_id, question in questions.items()),
        default=Value(None),
        output_field=CharField(),
    )
    counts = (
        registrations.filter(REGISTERED)
        .values(answer=answer)
        .annotate(registered=Count("pk"), attended=Count("pk", filter=ATTENDED))
        .order_by()
    )
    by_answer: dict[str, tuple[int, int]] = {}
    unanswered = (0, 0)
    for line in counts:
        if line["answer"] in (None, ""):
            unanswered = (unanswered[0] + line["registered"], unanswered[1] + line["attended"])
        else:
            by_answer[line["answer"]] = (line["registered"], line["attended"])
    # The options in the order the questions offer them (an option nobody chose shows 0), then any
    # answer no longer offered, then "no answer".
    labels: list[str] = []
    for question in questions.values():
        labels += [option for option in question.option_list if option not in labels]
    labels += sorted(label for label in by_answer if label not in labels)
    rows = [Row(label, *by_answer.get(label, (0, 0)), n=n) for label in labels]
    rows.append(Row(NO_ANSWER, *unanswered, n=n, other=True))
    return rows


def _via(registrations: QuerySet[Registration], n: int) -> list[Row]:
    counts = (
        registrations.filter(REGISTERED)
        .values("via_id", "via__name")
        .annotate(registered=Count("pk"), attended=Count("pk", filter=ATTENDED))
        .order_by("via__name", "via_id")
    )
    rows = [
        Row(line["via__name"], line["registered"], line["attended"], n=n) for line in counts if line["via_id"]
    ]
    direct = next((line for line in counts if not line["via_id"]), None)
    rows.append(
        Row(
            DIRECT,
            direct["registered"] if direct else 0,
            direct["attended"] if direct else 0,
            n=n,
            other=True,
        )
    )
    return rows


def figures_for(events: Iterable[Event]) -> Figures:
    """The figures of ``events`` together (one event, or a series' events): four queries.

    The caller has checked that the reader may see these events' figures; the events are read
    without a scope here because a co-organiser's member reads them from outside the network.
    """
    event_list = list(events)
    event_ids = [event.pk for event in event_list]
    with scopes_disabled():
        registrations = Registration.objects.filter(event_id__in=event_ids)
        totals = _totals(registrations)
        questions = _background_questions(event_ids)
        n = totals["registered"]
        background = _background(registrations, questions, n)
        via = _via(registrations, n)
    question = next(iter(questions.values())).label if questions else ""
    return Figures(
        events=len(event_list),
        **totals,
        background=Breakdown("background", question or _("Hintergrund der Teilnehmenden"), background, n),
        via=Breakdown("via", _("Über welche Organisation"), via, n),
        question=question,
    )


def series_events(*, series: Series) -> list[Event]:
    """The series' events that count: published (held or to come), not drafts or cancelled ones."""
    return list(Event.objects.filter(series=series, status=EventStatus.PUBLISHED).order_by("starts_at", "pk"))


@dataclass(frozen=True)
class EventLine:
    event: Event
    registered: int
    attended: int

    @property
    def attended_percent(self) -> int:
        return percent(self.attended, self.registered)


def event_lines(events: list[Event]) -> list[EventLine]:
    """Registered and attended per event, in the order given; one query."""
    with scopes_disabled():
        counts: dict[int, tuple[int, int]] = {
            line["event_id"]: (line["registered"], line["attended"])
            for line in Registration.objects.filter(event_id__in=[event.pk for event in events])
            .values("event_id")
            .annotate(registered=Count("pk", filter=REGISTERED), attended=Count("pk", filter=ATTENDED))
            .order_by()
        }
    return [EventLine(event, *counts.get(event.pk, (0, 0))) for event in events]


@dataclass(frozen=True)
class OrganisationFigures:
    """What the events an organisation co-organised reached, in the networks the reader may see."""

    events: int
    registered: int
    attended: int
    registered_via: int
    attended_via: int


def organisation_figures(
    *, organisation: Organisation, network_ids: Iterable[int] | None
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
        attended = Q(registrations__checked_in_at__isnull=False)
        via = Q(registrations__via=organisation)
        found = events.aggregate(
            events=Count("pk", distinct=True),
            registered=Count("registrations", filter=registered),
            attended=Count("registrations", filter=attended),
            registered_via=Count("registrations", filter=registered & via),
            attended_via=Count("registrations", filter=attended & via),
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
