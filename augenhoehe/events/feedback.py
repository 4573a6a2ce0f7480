"""Anonymous feedback after an event: each participant gets a personal one-time link by mail, in the
language they registered in, and answers a rating (1–5) and "Was nehmen Sie mit?".

Anonymous by design: the link (``FeedbackLink``) keeps the hash of its secret, its event and its
language, nothing that leads back to the registration it was sent for; the answer (``Feedback``)
keeps neither the link nor a time, only the day, and is listed by day, rating and text, never in
the order it came in. ``Registration.feedback_sent_at`` says that a person was asked, so that
nobody is asked twice; everyone asked in one run shares it, and the run's links are made together
in a random order with random keys, so neither their order nor their key points to a person.
"""

import hashlib
import logging
import secrets
import smtplib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from random import SystemRandom

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.services import log_action
from augenhoehe.core.translations import shown_text
from augenhoehe.mail.services import mail_send

from .choices import EventStatus, RegistrationStatus
from .models import Event, Feedback, FeedbackLink, Registration

logger = logging.getLogger(__name__)

# What a mail server that is away or refuses a mail raises through Django's SMTP backend.
MAIL_ERRORS = (smtplib.SMTPException, OSError)
# The daily run asks after events that ended up to this many days ago (a missed run catches up).
CATCH_UP_DAYS = 7
TEXT_MAX = 4000
# The order a run's links are made (and mailed) in: random, from the system's source.
shuffle = SystemRandom().shuffle


class LinkInvalid(Exception):
    """The feedback link opens nothing that can be answered; ``reason`` is "unknown" or "used"."""

    def __init__(self, reason: str, language: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.language = language


def token_hash(token: str) -> str:
    """The stored form of a link's secret."""
    return hashlib.sha256(token.encode()).hexdigest()


def feedback_url(*, secret: str, base_url: str | None = None) -> str:
    base = (base_url or settings.AUGENHOEHE_BASE_URL).rstrip("/")
    return base + reverse("events:feedback_give", kwargs={"token": secret})


def _asked(event: Event):
    """The registrations to ask: confirmed or checked in, not asked yet, with an address."""
    return (
        Registration.objects.filter(event=event, feedback_sent_at__isnull=True, anonymised_at__isnull=True)
        .filter(Q(status=RegistrationStatus.CONFIRMED) | Q(checked_in_at__isnull=False))
        .exclude(email="")
    )


def feedback_requests_send(*, event: Event, actor=None, base_url: str | None = None) -> int:
    """Ask everyone who took part in ``event`` (confirmed or checked in) for feedback, once each:
    a new one-time link per person, mailed in their language. Returns the mails sent.

    Called by the organisers' button and by the daily run the day after the event (``actor`` None).
    Runs in the event's network's scope.

    Nothing stored may tell which link went to whom: the links of a run are made together, in a
    random order, with random keys, and everyone asked in the run gets the same
    ``feedback_sent_at``. The people are locked while their links are made, so the button and the
    daily run at the same moment ask nobody twice. The mails go out after that: a mail the server
    refuses deletes its link and leaves its person unasked, so the next run tries again.
    """
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("Die Veranstaltung ist abgesagt; es gibt keine Rückmeldungen."))
    if not event.is_past:
        raise ValidationError(_("Um Rückmeldung bitten können Sie erst nach dem Ende der Veranstaltung."))
    with network_scope(event.network):
        with transaction.atomic():
            people = list(_asked(event).select_for_update())
            shuffle(people)
            requests = [(person, secrets.token_urlsafe(32)) for person in people]
            links = FeedbackLink.objects.bulk_create(
                FeedbackLink(
                    network=event.network,
                    event=event,
                    token_hash=token_hash(secret),
                    language=person.language or "de",
                )
                for person, secret in requests
            )
            Registration.objects.filter(pk__in=[person.pk for person in people]).update(
                feedback_sent_at=timezone.now()
            )
        failed = []
        for (person, secret), link in zip(requests, links, strict=True):
            try:
                mail_send(
                    to=[person.email],
                    template="events/mail/feedback_request",
                    context={
                        "name": person.name,
                        "event": shown_text(event, "title", link.language).text,
                        "network": event.network.name,
                        "day": timezone.localdate(event.starts_at),
                        "link": feedback_url(secret=secret, base_url=base_url),
                    },
                    language=link.language,
                )
            except MAIL_ERRORS:
                logger.warning("feedback request not sent (registration %s)", person.pk, exc_info=True)
                failed.append((person, link))
        if failed:
            with transaction.atomic():
                FeedbackLink.objects.filter(pk__in=[link.pk for _person, link in failed]).delete()
                Registration.objects.filter(pk__in=[person.pk for person, _link in failed]).update(
                    feedback_sent_at=None
                )
        sent = len(requests) - len(failed)
        if sent or actor is not None:
            log_action(
                subject=event,
                action="events.feedback.requested",
                actor=actor,
                network=event.network,
                data={"event": event.pk, "mails": sent},
            )
    return sent


def feedback_requests_due(*, today: date | None = None, base_url: str | None = None) -> int:
    """The daily run: ask for feedback after every event that ended before today (within
    ``CATCH_UP_DAYS``), of every network. Returns the mails sent."""
    today = today or timezone.localdate()
    start = timezone.make_aware(datetime.combine(today - timedelta(days=CATCH_UP_DAYS), time.min))
    end = timezone.make_aware(datetime.combine(today, time.min))
    with scopes_disabled():
        events = list(
            Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gte=start, ends_at__lt=end)
            .select_related("network")
            .order_by("ends_at", "pk")
        )
    return sum(feedback_requests_send(event=event, base_url=base_url) for event in events)


def link_for_token(*, token: str, for_update: bool = False) -> FeedbackLink:
    """The link a secret opens if it can still be answered, else ``LinkInvalid``. Any network's:
    the secret is the authorisation and names no network before it is looked up."""
    with scopes_disabled():
        links = FeedbackLink.objects.filter(token_hash=token_hash(token or ""))
        if for_update:
            links = links.select_for_update(of=("self",))
        link = links.select_related("event", "network").first()
    if link is None:
        raise LinkInvalid("unknown")
    if link.used:
        raise LinkInvalid("used", link.language)
    return link


@transaction.atomic
def feedback_give(*, token: str, rating: int, text: str) -> Feedback:
    """Keep one answer through a link, once. Not audited: it is anonymous."""
    link = link_for_token(token=token, for_update=True)
    if rating not in range(1, 6):
        raise ValidationError({"rating": _("Bitte wählen Sie einen Wert von 1 bis 5.")})
    with network_scope(link.network):
        feedback = Feedback.objects.create(
            network=link.network,
            event=link.event,
            rating=rating,
            text=(text or "").strip()[:TEXT_MAX],
            given_on=timezone.localdate(),
        )
        link.used = True
        link.save(update_fields=["used"])
    return feedback


@dataclass(frozen=True)
class Summary:
    count: int
    average: float | None
    # (rating, count, percent) for 5 down to 1
    distribution: list[tuple[int, int, int]]
    texts: list[Feedback]
    asked: int  # how many people were asked


def feedback_summary(*, event: Event) -> Summary:
    """What the organisers see: n, the average, how often each rating was given, the texts."""
    answers = Feedback.objects.filter(event=event)
    figures = answers.aggregate(count=Count("pk"), average=Avg("rating"))
    by_rating = dict(answers.values_list("rating").annotate(n=Count("pk")).values_list("rating", "n"))
    count = figures["count"]
    return Summary(
        count=count,
        average=round(figures["average"], 1) if figures["average"] is not None else None,
        distribution=[
            (rating, by_rating.get(rating, 0), round(100 * by_rating.get(rating, 0) / count) if count else 0)
            for rating in range(5, 0, -1)
        ],
        # By day, rating and text, not by key: the key's order is the order the answers came in.
        texts=list(answers.exclude(text="").order_by("-given_on", "-rating", "text")),
        asked=Registration.objects.filter(event=event, feedback_sent_at__isnull=False).count(),
    )


def feedback_rows(*, event: Event) -> list[tuple[date, int, str]]:
    """The answers for the export: day, rating, text, sorted by these (not in the order given,
    which could be matched with who answered when)."""
    return list(
        Feedback.objects.filter(event=event)
        .order_by("given_on", "rating", "text")
        .values_list("given_on", "rating", "text")
    )
