"""Writes of the check-ins: the plan, the contacts, starting a round, both sides' answers and the
reminders. Validated, atomic, audited (ids, codes and dates only, never names or comments)."""

import hashlib
import logging
import secrets
import smtplib
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from augenhoehe.accounts.permissions import is_staff_of
from augenhoehe.cooperation.choices import Stage
from augenhoehe.cooperation.models import Cooperation, Partner
from augenhoehe.core.services import log_action

from . import mails
from .choices import Agreement, Factor, LinkLanguage, Side
from .models import Checkin, CheckinContact, CheckinLink, CheckinPlan, Rating, Response

logger = logging.getLogger(__name__)

# What a mail server that is away or refuses a mail raises through Django's SMTP backend.
MAIL_ERRORS = (smtplib.SMTPException, OSError)


def _mailed(send, **kwargs) -> bool:
    """Send one mail; False (and a log line) when the mail server fails, so that one address the
    server refuses neither undoes the check-in nor stops the mails to everyone else."""
    try:
        send(**kwargs)
    except MAIL_ERRORS:
        logger.warning("check-in mail not sent (%s)", send.__name__, exc_info=True)
        return False
    return True


# Cooperations at these stages are over: nobody is asked any more.
CLOSED_STAGES = (Stage.EVALUATED, Stage.ENDED)

# {factor: (agreement 1–5 or None for "kann ich nicht sagen", comment)}
Ratings = dict[str, tuple[int | None, str]]


class LinkInvalid(Exception):
    """The link opens no check-in that can still be answered; ``reason`` says why."""

    def __init__(self, reason: str, language: str = "") -> None:
        super().__init__(reason)
        self.reason = reason  # "unknown", "used", "expired" or "closed" (the cooperation is over for it)
        self.language = language

    @property
    def gone(self) -> bool:
        """The link existed (410 Gone), as opposed to never (404)."""
        return self.reason != "unknown"


def link_token_hash(token: str) -> str:
    """The stored form of a link's secret."""
    return hashlib.sha256(token.encode()).hexdigest()


def _new_secret() -> tuple[str, str]:
    secret = secrets.token_urlsafe(32)
    return secret, link_token_hash(secret)


def _require_open(cooperation: Cooperation) -> None:
    if cooperation.stage in CLOSED_STAGES:
        raise ValidationError(_("Diese Kooperation ist abgeschlossen; es gibt keine Check-ins mehr."))


@transaction.atomic
def plan_set(*, cooperation: Cooperation, actor, interval_weeks: int, active: bool = True) -> CheckinPlan:
    """Set how often the cooperation's two sides are asked (every ``interval_weeks`` weeks)."""
    plan = CheckinPlan.objects.filter(cooperation=cooperation).first() or CheckinPlan(
        network=cooperation.network, cooperation=cooperation
    )
    plan.interval_weeks = interval_weeks
    plan.active = active
    plan.full_clean()
    plan.save()
    log_action(
        subject=plan,
        action="checkins.plan.set",
        actor=actor,
        network=cooperation.network,
        data={"cooperation": cooperation.pk, "interval_weeks": interval_weeks, "active": active},
    )
    return plan


@transaction.atomic
def contact_set(*, partner: Partner, actor, name: str, email: str, language: str) -> CheckinContact:
    """Name who answers the check-ins for ``partner``'s organisation, their address and language."""
    contact = CheckinContact.objects.filter(partner=partner).first() or CheckinContact(
        network=partner.network, partner=partner
    )
    contact.name, contact.email, contact.language = name.strip(), email.strip(), language
    contact.full_clean(exclude=["partner"])
    contact.save()
    log_action(
        subject=contact,
        action="checkins.contact.set",
        actor=actor,
        network=partner.network,
        data={
            "cooperation": partner.cooperation_id,
            "organisation": partner.organisation_id,
            "language": language,
        },
    )
    return contact


@transaction.atomic
def contact_remove(*, contact: CheckinContact, actor) -> None:
    """Forget a partner's check-in contact; links already sent stay valid until they expire."""
    log_action(
        subject=contact,
        action="checkins.contact.removed",
        actor=actor,
        network=contact.network,
        data={"organisation": contact.partner.organisation_id},
    )
    contact.delete()


def _contacts(cooperation: Cooperation) -> list[CheckinContact]:
    return list(
        CheckinContact.objects.filter(partner__cooperation=cooperation)
        .select_related("partner__organisation")
        .order_by("partner__organisation__name", "pk")
    )


@transaction.atomic
def checkin_start(
    *, cooperation: Cooperation, actor=None, today: date | None = None, base_url: str | None = None
) -> Checkin:
    """Start a check-in due ``today``: a personal link per partner with a contact, each sent by mail
    in the contact's language. One per cooperation and day; ``actor`` None for the daily run."""
    # Locked and read afresh: the stage as it is now, and one start at a time per cooperation.
    cooperation = Cooperation.objects.select_for_update().get(pk=cooperation.pk)
    _require_open(cooperation)
    today = today or timezone.localdate()
    contacts = _contacts(cooperation)
    if not contacts:
        raise ValidationError(
            _("Bitte nennen Sie zuerst für mindestens eine Organisation eine Ansprechperson für Check-ins.")
        )
    if Checkin.objects.filter(cooperation=cooperation, due_on=today).exists():
        raise ValidationError(_("Heute wurde für diese Kooperation schon ein Check-in gestartet."))
    checkin = Checkin(network=cooperation.network, cooperation=cooperation, due_on=today, created_by=actor)
    try:
        with transaction.atomic():
            checkin.save()
    except IntegrityError as error:  # the daily run and a button at the same moment
        raise ValidationError(_("Heute wurde für diese Kooperation schon ein Check-in gestartet.")) from error
    now = timezone.now()
    for contact in contacts:
        secret, token_hash = _new_secret()
        link = CheckinLink.objects.create(
            network=cooperation.network,
            checkin=checkin,
            organisation=contact.partner.organisation,
            token_hash=token_hash,
            language=contact.language,
            created_at=now,
            expires_at=now + timedelta(days=settings.CHECKIN_LINK_DAYS),
        )
        # A link whose mail failed stays unsent (``sent_at`` empty): the daily run sends it again.
        if _mailed(mails.invitation_send, link=link, contact=contact, secret=secret, base_url=base_url):
            link.sent_at = now
            link.save(update_fields=["sent_at"])
    log_action(
        subject=checkin,
        action="checkins.checkin.started",
        actor=actor,
        network=cooperation.network,
        data={
            "cooperation": cooperation.pk,
            "due_on": today.isoformat(),
            "organisations": [c.partner.organisation_id for c in contacts],
        },
    )
    return checkin


def next_due_on(*, plan: CheckinPlan, last_due_on: date | None) -> date:
    """When the plan's next check-in is due: an interval after the last one, or after the plan began."""
    start = last_due_on or timezone.localdate(plan.created_at)
    return start + timedelta(weeks=plan.interval_weeks)


def checkins_due_start(*, today: date | None = None) -> int:
    """The daily run: start a check-in for every active plan that is due (of every network; the
    caller disables the scopes). Returns how many were started."""
    from django.db.models import Max

    today = today or timezone.localdate()
    plans = (
        CheckinPlan.objects.filter(active=True)
        .exclude(cooperation__stage__in=CLOSED_STAGES)
        .select_related("cooperation__network")
    )
    last = dict(
        Checkin.objects.values_list("cooperation")
        .annotate(last=Max("due_on"))
        .values_list("cooperation", "last")
    )
    started = 0
    for plan in plans:
        if next_due_on(plan=plan, last_due_on=last.get(plan.cooperation_id)) > today:
            continue
        try:
            checkin_start(cooperation=plan.cooperation, today=today)
        except ValidationError:
            continue  # no contact yet, or started today already
        started += 1
    return started


def _clean_ratings(ratings: Ratings) -> list[tuple[str, int | None, str]]:
    if set(ratings) != set(Factor.values):
        raise ValidationError(
            _("Bitte beantworten Sie jede Aussage (oder wählen Sie „kann ich nicht sagen“).")
        )
    cleaned = []
    for factor in Factor.values:
        agreement, comment = ratings[factor]
        if agreement is not None and agreement not in Agreement.values:
            raise ValidationError({factor: _("Bitte wählen Sie einen Wert der Skala.")})
        cleaned.append((factor, agreement, (comment or "").strip()[:2000]))
    return cleaned


def _save_response(checkin: Checkin, side: str, ratings: Ratings, **fields) -> Response:
    cleaned = _clean_ratings(ratings)
    response = Response(network=checkin.network, checkin=checkin, side=side, **fields)
    response.full_clean(exclude=["checkin"], validate_constraints=False)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as error:
        raise ValidationError(_("Diese Seite hat den Check-in schon beantwortet.")) from error
    Rating.objects.bulk_create(
        Rating(network=checkin.network, response=response, factor=f, agreement=a, comment=c)
        for f, a, c in cleaned
    )
    return response


@transaction.atomic
def network_response_submit(*, checkin: Checkin, actor, ratings: Ratings, language: str = "de") -> Response:
    """The network's side of ``checkin``, given once by a person of its staff."""
    _require_open(checkin.cooperation)
    if Response.objects.filter(checkin=checkin, side=Side.NETWORK).exists():
        raise ValidationError(_("Ihr Netzwerk hat diesen Check-in schon beantwortet."))
    language = language if language in LinkLanguage.values else LinkLanguage.DE
    response = _save_response(checkin, Side.NETWORK, ratings, respondent=actor, language=language)
    log_action(
        subject=response,
        action="checkins.response.network",
        actor=actor,
        network=checkin.network,
        data={"checkin": checkin.pk, "cooperation": checkin.cooperation_id},
    )
    return response


def link_for_token(*, token: str, language: str = "", for_update: bool = False) -> CheckinLink:
    """The link a secret opens, if it can still be answered; else ``LinkInvalid``."""
    from django_scopes import scopes_disabled

    token_hash = link_token_hash(token)
    # The secret itself is the authorisation, and it names no network before it is looked up.
    with scopes_disabled():
        links = CheckinLink.objects.filter(Q(token_hash=token_hash) | Q(reminder_token_hash=token_hash))
        if for_update:
            # Only the link's row: the joined profile and network rows are shared by everyone.
            links = links.select_for_update(of=("self",))
        link = links.select_related("checkin__cooperation", "organisation", "network").first()
    if link is None:
        raise LinkInvalid("unknown", language)
    if link.used_at is not None:
        raise LinkInvalid("used", link.language)
    if link.checkin.cooperation.stage in CLOSED_STAGES:
        raise LinkInvalid("closed", link.language)
    if link.is_expired:
        raise LinkInvalid("expired", link.language)
    # An organisation no longer among the partners (taken out, perhaps for a reason) answers no more.
    with scopes_disabled():
        still_partner = Partner.objects.filter(
            cooperation_id=link.checkin.cooperation_id, organisation_id=link.organisation_id
        ).exists()
    if not still_partner:
        raise LinkInvalid("closed", link.language)
    return link


@transaction.atomic
def link_response_submit(*, token: str, ratings: Ratings, language: str) -> Response:
    """The organisation's side, through its personal link: once, before the link expires."""
    from augenhoehe.accounts.middleware import network_scope

    link = link_for_token(token=token, for_update=True)
    with network_scope(link.network):
        language = language if language in LinkLanguage.values else link.language
        response = _save_response(
            link.checkin, Side.ORGANISATION, ratings, organisation=link.organisation, language=language
        )
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
        log_action(
            subject=response,
            action="checkins.response.organisation",
            network=link.network,
            data={
                "checkin": link.checkin_id,
                "cooperation": link.checkin.cooperation_id,
                "organisation": link.organisation_id,
                "language": language,
            },
        )
    return response


def _contact_of(link: CheckinLink) -> CheckinContact | None:
    """The contact the link's organisation named for its cooperation (none once removed)."""
    return (
        CheckinContact.objects.filter(
            partner__cooperation=link.checkin.cooperation, partner__organisation=link.organisation
        )
        .select_related("partner__organisation")
        .first()
    )


def invitations_resend(*, now: datetime, base_url: str | None = None) -> int:
    """Send the invitations whose mail failed when the check-in started. Their secret was never
    read by anyone (only its hash is kept), so each gets a new one. Returns the mails sent."""
    sent = 0
    unsent = (
        CheckinLink.objects.filter(sent_at__isnull=True, used_at__isnull=True, expires_at__gt=now)
        .exclude(checkin__cooperation__stage__in=CLOSED_STAGES)
        .select_related("checkin__cooperation", "organisation", "network")
    )
    for link in unsent:
        contact = _contact_of(link)
        if contact is None:
            continue
        secret, token_hash = _new_secret()
        link.token_hash = token_hash
        link.save(update_fields=["token_hash"])
        if _mailed(mails.invitation_send, link=link, contact=contact, secret=secret, base_url=base_url):
            link.sent_at = now
            link.save(update_fields=["sent_at"])
            sent += 1
    return sent


def reminders_send(*, now: datetime | None = None, base_url: str | None = None) -> int:
    """Remind once whoever has not answered a check-in after ``CHECKIN_REMINDER_DAYS``: the
    organisation's contact (a new link, the first one stays valid) and the network's staff (the
    person who started the check-in, else who created the cooperation). Returns the mails sent."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.CHECKIN_REMINDER_DAYS)
    sent = invitations_resend(now=now, base_url=base_url)
    links = (
        CheckinLink.objects.filter(
            used_at__isnull=True, reminded_at__isnull=True, sent_at__lte=cutoff, expires_at__gt=now
        )
        .exclude(checkin__cooperation__stage__in=CLOSED_STAGES)
        .select_related("checkin__cooperation", "organisation", "network")
    )
    for link in links:
        contact = _contact_of(link)
        if contact is None:
            continue
        secret, token_hash = _new_secret()
        if not _mailed(mails.reminder_send, link=link, contact=contact, secret=secret, base_url=base_url):
            continue  # tried again tomorrow
        with transaction.atomic():
            link.reminder_token_hash, link.reminded_at = token_hash, now
            link.save(update_fields=["reminder_token_hash", "reminded_at"])
            log_action(
                subject=link.checkin,
                action="checkins.reminder.organisation",
                network=link.network,
                data={"checkin": link.checkin_id, "organisation": link.organisation_id},
            )
        sent += 1
    checkins = (
        Checkin.objects.filter(staff_reminded_at__isnull=True, created_at__lte=cutoff)
        .exclude(cooperation__stage__in=CLOSED_STAGES)
        .exclude(responses__side=Side.NETWORK)
        .select_related("cooperation__created_by", "created_by", "network")
    )
    for checkin in checkins:
        person = checkin.created_by or checkin.cooperation.created_by
        reachable = person is not None and person.email and is_staff_of(person, checkin.network)
        if reachable and not _mailed(
            mails.staff_reminder_send, checkin=checkin, person=person, base_url=base_url
        ):
            continue  # tried again tomorrow
        with transaction.atomic():
            checkin.staff_reminded_at = now
            checkin.save(update_fields=["staff_reminded_at"])
            if not reachable:
                continue
            log_action(
                subject=checkin,
                action="checkins.reminder.network",
                network=checkin.network,
                data={"checkin": checkin.pk},
            )
        sent += 1
    return sent
