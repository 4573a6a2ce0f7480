"""Live polls: the organisers ask a question during the event, the room answers on their phones
through a short link (or its QR code) without an account, and the big screen shows the answers live.

Services (create, open, close, cast a ballot) are validated, atomic and audited with ids and codes
only. Selectors read an event for its organisers (staff of its network or members of a
co-organising organisation) and a poll by its public code, each across networks as it says.
One ballot per participant and poll: the participant is a random cookie, of which only a keyed
hash with the poll is kept (``PollBallot.voter``, different in every poll); the database's
constraint backs the rule.
"""

import secrets
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Min, Q
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.services import log_action

from .choices import PollKind, PollStatus
from .models import Event, Poll, PollBallot, PollOption
from .selectors import event_get_for_organiser

# Typed from a projected slide: lower case and digits without the look-alikes 0/o, 1/l/i.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 8
WORD_MAX = 60
OPTIONS_MIN, OPTIONS_MAX = 2, 12
CHOICE_KINDS = (PollKind.SINGLE, PollKind.MULTIPLE)


class PollNotOpen(Exception):
    """The poll takes no answers now (prepared but not opened, or closed)."""


class AlreadyAnswered(Exception):
    """This participant has answered the poll before; the second answer is not counted."""


# Reading


def event_for_organiser(*, user, pk: int) -> Event:
    """The event ``pk`` if ``user`` organises it, else 404 (``selectors.event_get_for_organiser``)."""
    return event_get_for_organiser(user=user, pk=pk)


def poll_for_organiser(*, user, pk: int) -> Poll:
    """The poll ``pk`` if ``user`` organises its event, else 404. Read across networks as
    ``event_for_organiser`` says, in one query."""
    with scopes_disabled():
        poll = Poll.objects.select_related("event__network", "network").filter(pk=pk).first()
    if poll is None or not user.has_perm("events.view_event_private", poll.event):
        raise Http404
    return poll


def poll_for_code(code: str) -> Poll:
    """The poll a short code opens, of any network (the code is public: it is on the screen), or 404."""
    code = (code or "").strip().lower()
    if len(code) != CODE_LENGTH or any(character not in CODE_ALPHABET for character in code):
        raise Http404
    with scopes_disabled():
        poll = Poll.objects.select_related("event", "network").filter(code=code).first()
    if poll is None:
        raise Http404
    return poll


def polls_of(*, event: Event) -> list[Poll]:
    """The event's polls in order, each with its number of ballots as ``answered``."""
    return list(
        Poll.objects.filter(event=event).annotate(answered=Count("ballots")).order_by("position", "pk")
    )


def voter_hash(*, poll: Poll, cookie: str) -> str:
    """What is kept of the participant's cookie: a keyed hash of it and the poll, which names no one
    and differs from poll to poll, so that one person's answers to several polls cannot be joined."""
    return salted_hmac("events.poll.voter", f"{poll.pk}:{cookie}", algorithm="sha256").hexdigest()


def voter_new() -> str:
    """A new participant's random cookie value."""
    return secrets.token_urlsafe(24)


def has_answered(*, poll: Poll, voter: str) -> bool:
    return PollBallot.objects.filter(poll=poll, voter=voter).exists()


# Words are counted together when they differ only in what a keyboard or a hand adds: case (with
# Turkish İ/ı), composed or decomposed letters, Arabic short vowels and the stretching tatweel,
# the hamza forms of alef, final yeh written as alef maksura, and punctuation at either end.
_WORD_FOLD = str.maketrans(
    {"\u0307": None, "\u0131": "i", "\u0640": None, "\u0670": None}
    | {chr(mark): None for mark in range(0x064B, 0x0660)}
    | {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0649": "\u064a"}
)


def _edge(character: str) -> bool:
    return character.isspace() or unicodedata.category(character).startswith("P")


def word_key(word: str) -> str:
    """What a word is counted by: ``İstanbul``, ``istanbul`` and ``ISTANBUL`` alike; ``شُكْرًا`` as
    ``شكرا``; ``Café`` typed on any keyboard once."""
    key = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", word).casefold()).translate(_WORD_FOLD)
    start, end = 0, len(key)
    while start < end and _edge(key[start]):
        start += 1
    while end > start and _edge(key[end - 1]):
        end -= 1
    return key[start:end] or key


@dataclass(frozen=True)
class ResultRow:
    label: str
    count: int
    percent: int  # of the respondents (a multiple-choice ballot counts once for each option it ticks)


@dataclass(frozen=True)
class Results:
    poll: Poll
    respondents: int  # n: the ballots
    rows: list[ResultRow]

    @property
    def is_word(self) -> bool:
        return self.poll.kind == PollKind.WORD


def _percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def _word_rows(spellings: list[tuple[str, int, int]], respondents: int) -> list[ResultRow]:
    """Rows of a word poll from ``(word, count, first ballot)`` as stored: grouped by ``word_key``,
    each group shown as it was spelled most often (on a tie, as it came first)."""
    groups: dict[str, list[tuple[str, int, int]]] = {}
    for spelling in spellings:
        groups.setdefault(word_key(spelling[0]), []).append(spelling)
    counted = [
        (min(group, key=lambda s: (-s[1], s[2]))[0], sum(s[1] for s in group)) for group in groups.values()
    ]
    counted.sort(key=lambda item: (-item[1], word_key(item[0])))
    return [ResultRow(label, count, _percent(count, respondents)) for label, count in counted]


def _results(polls: list[Poll], where: Q) -> dict[int, Results]:
    """The results of ``polls`` (each annotated with ``answered``) from two queries, whatever their
    number: the options with their counts, the words counted by spelling, of the ballots ``where``."""
    options: dict[int, list[PollOption]] = {}
    spellings: dict[int, list[tuple[str, int, int]]] = {}
    for option in (
        PollOption.objects.filter(where)
        .annotate(count=Count("ballots"))
        .order_by("poll_id", "position", "pk")
    ):
        options.setdefault(option.poll_id, []).append(option)
    for poll_pk, text, count, first in (
        PollBallot.objects.filter(where, poll__kind=PollKind.WORD)
        .values("poll_id", "word")
        .annotate(count=Count("pk"), first=Min("pk"))
        .order_by()
        .values_list("poll_id", "word", "count", "first")
    ):
        spellings.setdefault(poll_pk, []).append((text, count, first))
    results = {}
    for poll in polls:
        respondents = poll.answered  # type: ignore[attr-defined]
        if poll.kind == PollKind.WORD:
            rows = _word_rows(spellings.get(poll.pk, []), respondents)
        else:
            rows = [
                ResultRow(option.label, option.count, _percent(option.count, respondents))  # type: ignore[attr-defined]
                for option in options.get(poll.pk, [])
            ]
        results[poll.pk] = Results(poll=poll, respondents=respondents, rows=rows)
    return results


def results_of(*, event: Event, polls: list[Poll]) -> dict[int, Results]:
    """The answers so far to the event's ``polls`` (as ``polls_of`` gives them) that are or were
    open, by poll; a prepared poll has none. Three queries with ``polls_of``, however many polls.

    Choice: every option in its order with its count and its share of the respondents (so a
    multiple choice's shares may add up to more than 100). Word: the words as spelled most often,
    counted together by ``word_key``, most frequent first."""
    shown = [poll for poll in polls if poll.status != PollStatus.DRAFT]
    return _results(shown, Q(poll__event=event) & ~Q(poll__status=PollStatus.DRAFT))


def poll_results(*, poll: Poll) -> Results:
    """The answers so far to one poll (a prepared one: none yet), in three small queries."""
    poll.answered = PollBallot.objects.filter(poll=poll).count()  # type: ignore[attr-defined]
    if poll.status == PollStatus.DRAFT:
        return Results(poll=poll, respondents=poll.answered, rows=[])  # type: ignore[attr-defined]
    return _results([poll], Q(poll=poll))[poll.pk]


# Writing


def _code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _clean_options(kind: str, options: list[str]) -> list[str]:
    if kind not in CHOICE_KINDS:
        return []
    cleaned: list[str] = []
    for option in options:
        label = " ".join(option.split())
        if label and label.casefold() not in {seen.casefold() for seen in cleaned}:
            cleaned.append(label)
    if len(cleaned) < OPTIONS_MIN:
        raise ValidationError({"options": _("Bitte geben Sie mindestens zwei verschiedene Antworten vor.")})
    if len(cleaned) > OPTIONS_MAX:
        raise ValidationError({"options": _("Bitte geben Sie höchstens 12 Antworten vor.")})
    if any(len(label) > 200 for label in cleaned):
        raise ValidationError({"options": _("Eine Antwort darf höchstens 200 Zeichen lang sein.")})
    return cleaned


@transaction.atomic
def poll_create(*, event: Event, actor, question: str, kind: str, options: list[str]) -> Poll:
    """A prepared poll of ``event`` (it takes answers once opened), with a new unique short code."""
    if kind not in PollKind.values:
        raise ValidationError({"kind": _("Bitte wählen Sie eine Art der Frage.")})
    labels = _clean_options(kind, options)
    position = Poll.objects.filter(event=event).count()
    poll = Poll(network=event.network, event=event, question=question.strip(), kind=kind, position=position)
    poll.full_clean(exclude=["code", "event"], validate_constraints=False)
    for _attempt in range(5):  # a clash among 31⁸ codes is next to impossible; the constraint decides
        poll.code = _code_new()
        try:
            with transaction.atomic():
                poll.save()
        except IntegrityError:
            poll.pk = None
            continue
        break
    else:  # pragma: no cover - five clashes in a row
        raise ValidationError(_("Bitte versuchen Sie es noch einmal."))
    PollOption.objects.bulk_create(
        PollOption(network=event.network, poll=poll, label=label, position=number)
        for number, label in enumerate(labels)
    )
    return poll


@transaction.atomic
def poll_open(*, poll: Poll, actor) -> Poll:
    """Take answers (again, after closing: the ballots given so far stay)."""
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    if poll.status == PollStatus.OPEN:
        return poll
    poll.status = PollStatus.OPEN
    poll.opened_at = poll.opened_at or timezone.now()
    poll.closed_at = None
    poll.save(update_fields=["status", "opened_at", "closed_at"])
    log_action(
        subject=poll,
        action="events.poll.opened",
        actor=actor,
        network=poll.network,
        data={"event": poll.event_id, "poll": poll.pk},
    )
    return poll


@transaction.atomic
def poll_close(*, poll: Poll, actor) -> Poll:
    """Take no more answers; the results stay."""
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    if poll.status != PollStatus.OPEN:
        return poll
    poll.status = PollStatus.CLOSED
    poll.closed_at = timezone.now()
    poll.save(update_fields=["status", "closed_at"])
    log_action(
        subject=poll,
        action="events.poll.closed",
        actor=actor,
        network=poll.network,
        data={"event": poll.event_id, "poll": poll.pk, "ballots": poll.ballots.count()},
    )
    return poll


def clean_word(word: str) -> str:
    """A word answer as kept: composed (NFC, as most keyboards send it), spaces trimmed and
    collapsed, at most ``WORD_MAX`` characters."""
    return " ".join(unicodedata.normalize("NFC", word or "").split())[:WORD_MAX]


def ballot_cast(*, poll: Poll, voter: str, option_ids: list[int] | None = None, word: str = "") -> PollBallot:
    """Count one participant's answer (``voter``: the hash of their cookie), once per poll.

    Not audited: an answer is anonymous, and the log would only repeat the count.
    """
    with network_scope(poll.network), transaction.atomic():
        poll = Poll.objects.get(pk=poll.pk)
        if poll.status != PollStatus.OPEN:
            raise PollNotOpen
        chosen: list[PollOption] = []
        word = clean_word(word)
        if poll.kind == PollKind.WORD:
            if not word:
                raise ValidationError({"word": _("Bitte schreiben Sie ein Wort oder einen kurzen Text.")})
        else:
            wanted = {int(pk) for pk in option_ids or []}
            chosen = list(PollOption.objects.filter(poll=poll, pk__in=wanted))
            if not chosen or len(chosen) != len(wanted):
                raise ValidationError({"options": _("Bitte wählen Sie eine Antwort.")})
            if poll.kind == PollKind.SINGLE and len(chosen) > 1:
                raise ValidationError({"options": _("Bitte wählen Sie nur eine Antwort.")})
            word = ""
        if PollBallot.objects.filter(poll=poll, voter=voter).exists():
            raise AlreadyAnswered
        ballot = PollBallot(network=poll.network, poll=poll, voter=voter, word=word)
        try:
            with transaction.atomic():
                ballot.save()
        except IntegrityError as error:  # two taps at once: the constraint lets one through
            raise AlreadyAnswered from error
        ballot.options.set(chosen)
    return ballot
