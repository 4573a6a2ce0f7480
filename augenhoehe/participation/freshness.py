"""Data that stay current: which profiles a network answers for have gone stale, reminding their
representatives by mail, and the signed "Stimmt noch" link that confirms them.

Decisions:
- A profile is stale for a network when its last confirmation (``confirmed_at``, else
  ``created_at``) is older than that network's ``freshness_months``; a network answers for the
  profiles of its Kreise and for those it created.
- An organisation is reminded at most once in 30 days, whichever network reminded (the
  reminders are counted across networks; their addresses are shown only to the network that
  wrote), and not while a reminder is open: sent within the link's 60 days and not confirmed
  since. An organisation that ignores the mail is therefore asked every 60 days at most.
- The link is signed (``django.core.signing``, salt ``participation.freshness.confirm``), names
  the organisation, the recipient (the account, or a hash of the organisation's address: no
  address in URLs and server logs) and the ``confirmed_at`` it was sent for, so a confirmation
  voids it; it expires after 60 days. It opens a page with one button (POST): a mail scanner that
  opens every link confirms nothing.
- The reminder row is written under a lock on the organisation (the button and the daily run
  never remind twice) and committed before the mails go out; if no mail goes out the row is
  deleted again, so the next run tries again.
"""

import calendar
import hashlib
import logging
import smtplib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from augenhoehe.core.models import Network
from augenhoehe.core.pagination import page_of
from augenhoehe.core.services import log_action
from augenhoehe.directory.models import Organisation, Representation, Tag
from augenhoehe.directory.selectors import organisation_get_for_user
from augenhoehe.directory.services import organisation_confirm
from augenhoehe.mail.services import language_of, mail_send

from .models import ProfileReminder

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from augenhoehe.accounts.models import User

    # Whoever a view hands over: the permission (a rules predicate) refuses the anonymous.
    Person = User | AnonymousUser

logger = logging.getLogger(__name__)

SALT = "participation.freshness.confirm"
LINK_MAX_AGE = timedelta(days=60)
REMINDER_GAP = timedelta(days=30)
MAIL_ERRORS = (smtplib.SMTPException, OSError)
BASE_LANGUAGE = "de"
PER_PAGE = 25


# --- which profiles are stale ---


def months_before(moment: datetime, months: int) -> datetime:
    """The same day ``months`` calendar months earlier (the month's last day where it is shorter)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def stale_cutoff(*, network: Network, now: datetime | None = None) -> datetime:
    """Profiles last confirmed before this moment are stale for ``network``."""
    return months_before(now or timezone.now(), network.freshness_months)


def network_organisations(*, network: Network) -> QuerySet[Organisation]:
    """The profiles ``network`` answers for: in one of its Kreise, or created by it."""
    return Organisation.objects.filter(Q(kreis__in=network.kreise.all()) | Q(created_by_network=network))


def stale_organisations(*, network: Network, now: datetime | None = None) -> QuerySet[Organisation]:
    """The stale profiles ``network`` answers for, oldest confirmation first (``last_confirmed``)."""
    return (
        network_organisations(network=network)
        .annotate(last_confirmed=Coalesce("confirmed_at", "created_at"))
        .filter(last_confirmed__lt=stale_cutoff(network=network, now=now))
        .order_by("last_confirmed", "pk")
    )


def last_confirmed(organisation: Organisation) -> datetime:
    return organisation.confirmed_at or organisation.created_at


def blocked_until(*, organisation: Organisation, reminded: list[datetime], now: datetime) -> datetime | None:
    """Until when ``organisation`` may not be reminded again, given when any network reminded it;
    None if it may be now."""
    recent = [sent for sent in reminded if sent > now - LINK_MAX_AGE]
    if not recent:
        return None
    last = max(recent)
    until = [last + REMINDER_GAP] if last + REMINDER_GAP > now else []
    # An open reminder: its link still works and nobody has confirmed since.
    if last > last_confirmed(organisation):
        until.append(last + LINK_MAX_AGE)
    return max(until) if until else None


def _reminded_at(organisation_ids: list[int], now: datetime) -> dict[int, list[datetime]]:
    """When any network reminded these organisations within the link's lifetime (one query)."""
    found: dict[int, list[datetime]] = {}
    with scopes_disabled():
        rows = ProfileReminder.objects.filter(
            organisation_id__in=organisation_ids, sent_at__gt=now - LINK_MAX_AGE
        ).values_list("organisation_id", "sent_at")
        for organisation_id, sent_at in rows:
            found.setdefault(organisation_id, []).append(sent_at)
    return found


# --- whom a reminder goes to ---


@dataclass(frozen=True)
class Recipient:
    """One address a reminder goes to, in its language; ``user_id`` None for the organisation's own."""

    address: str
    language: str
    user_id: int | None = None


def _site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def organisation_language(organisation: Organisation) -> str:
    """A language other than German the organisation works in that the site has (uses prefetched
    tags); else German. Nearly every organisation also works in German, so German comes last."""
    spoken = {tag.code for tag in organisation.tags.all() if tag.scheme == Tag.Scheme.LANGUAGE}
    return next(
        (code for code in _site_languages() if code in spoken and code != BASE_LANGUAGE), BASE_LANGUAGE
    )


def reminder_recipients(organisation: Organisation) -> list[Recipient]:
    """The representatives' accounts with an address, each in their language; if there is none,
    the organisation's own address. Uses prefetched ``representations__user`` and ``tags``."""
    recipients: dict[str, Recipient] = {}
    for representation in organisation.representations.all():
        user = representation.user
        if user.is_active and user.email and user.email.lower() not in recipients:
            recipients[user.email.lower()] = Recipient(
                address=user.email, language=language_of(user), user_id=user.pk
            )
    if not recipients and organisation.email:
        return [Recipient(address=organisation.email, language=organisation_language(organisation))]
    return list(recipients.values())


def with_recipients(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """What ``reminder_recipients`` reads, fetched with the organisations (two queries)."""
    return organisations.prefetch_related(
        Prefetch("representations", queryset=Representation.objects.select_related("user")),
        Prefetch("tags", queryset=Tag.objects.filter(scheme=Tag.Scheme.LANGUAGE)),
    )


# --- the link ---


def _address_hash(address: str) -> str:
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()[:20]


def _stamp(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


def confirm_token(*, organisation: Organisation, recipient: Recipient) -> str:
    """The signed part of the "Stimmt noch" link for ``recipient``."""
    data = {
        "o": organisation.pk,
        "u": recipient.user_id,
        "e": None if recipient.user_id else _address_hash(recipient.address),
        "c": _stamp(organisation.confirmed_at),
    }
    return signing.dumps(data, salt=SALT)


def confirm_link(*, organisation: Organisation, recipient: Recipient, base_url: str | None = None) -> str:
    """The absolute "Stimmt noch" link, in the recipient's language."""
    base = (base_url or settings.AUGENHOEHE_BASE_URL).rstrip("/")
    token = confirm_token(organisation=organisation, recipient=recipient)
    return base + reverse("freshness:confirm", kwargs={"language": recipient.language, "token": token})


class NotSent(ValidationError):
    """The mail server took none of a reminder's mails; nothing was recorded."""


class LinkError(Exception):
    """Why a link does not work: ``invalid``, ``expired`` or ``used``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class LinkCheck:
    """A working link: the organisation and the account it names (None for the organisation's address)."""

    organisation: Organisation
    user: "User | None" = None


def confirm_link_check(*, token: str, lock: bool = False) -> LinkCheck:
    """The organisation a link confirms, or ``LinkError``: forged, broken, for an address or
    representative no longer there (invalid), too old (expired), confirmed since (used)."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired as expired:
        raise LinkError("expired") from expired
    except signing.BadSignature as bad:
        raise LinkError("invalid") from bad
    if not isinstance(data, dict) or type(data.get("o")) is not int:
        raise LinkError("invalid")
    organisations = Organisation.objects.select_related("kreis")
    if lock:
        organisations = organisations.select_for_update(of=("self",))
    organisation = organisations.filter(pk=data["o"]).first()
    if organisation is None:
        raise LinkError("invalid")
    user = None
    user_id, address = data.get("u"), data.get("e")
    if user_id is not None:
        if type(user_id) is not int:
            raise LinkError("invalid")
        representation = (
            Representation.objects.filter(organisation=organisation, user_id=user_id, user__is_active=True)
            .select_related("user")
            .first()
        )
        if representation is None:
            raise LinkError("invalid")
        user = representation.user
    elif not organisation.email or address != _address_hash(organisation.email):
        raise LinkError("invalid")
    if data.get("c") != _stamp(organisation.confirmed_at):
        raise LinkError("used")
    return LinkCheck(organisation=organisation, user=user)


@transaction.atomic
def confirm_by_link(*, token: str) -> Organisation:
    """Confirm that the organisation's data are current, as the link's recipient; the link is
    checked again under a lock, so that it confirms once."""
    checked = confirm_link_check(token=token, lock=True)
    organisation = organisation_confirm(organisation=checked.organisation, actor=checked.user)
    # The recipient's fact only: whether an account or the organisation's address confirmed.
    log_action(
        subject=organisation,
        action="freshness.link.confirmed",
        actor=checked.user,
        data={"recipient": "account" if checked.user else "organisation"},
    )
    return organisation


def key_data(organisation: Organisation) -> list[tuple[str, str]]:
    """(label, value) of the data a reminder asks about, the empty ones left out, in the active
    language (a mail's context is built in its recipient's language, see ``reminder_send``)."""
    address = ", ".join(
        part
        for part in (organisation.street, f"{organisation.postal_code} {organisation.city}".strip())
        if part
    )
    rows = [
        (_("Name"), organisation.name),
        (_("Anschrift"), address),
        (_("E-Mail"), organisation.email),
        (_("Telefon"), organisation.phone),
        (_("Website"), organisation.website),
        (_("Ansprechperson"), organisation.contact_person),
        (_("Art"), str(organisation.get_kind_display())),
    ]
    return [(str(label), value) for label, value in rows if value]


# --- the reminder ---


def _mail_context(
    organisation: Organisation, network: Network, recipient: Recipient, base_url: str | None
) -> dict[str, object]:
    base = (base_url or settings.AUGENHOEHE_BASE_URL).rstrip("/")
    return {
        "organisation": organisation.name,
        "network": network.name,
        "data": key_data(organisation),
        "last_confirmed": last_confirmed(organisation),
        "confirm_link": confirm_link(organisation=organisation, recipient=recipient, base_url=base_url),
        "edit_link": base + reverse("directory:update", kwargs={"pk": organisation.pk}),
        "link_days": LINK_MAX_AGE.days,
    }


@transaction.atomic
def _reminder_record(
    *, organisation: Organisation, network: Network, actor: "Person | None", now: datetime
) -> tuple[ProfileReminder, list[Recipient]]:
    locked = with_recipients(Organisation.objects.select_for_update(of=("self",))).get(pk=organisation.pk)
    if not stale_organisations(network=network, now=now).filter(pk=locked.pk).exists():
        raise ValidationError(
            _("Die Angaben dieser Organisation sind noch aktuell. Eine Erinnerung ist nicht nötig.")
        )
    until = blocked_until(
        organisation=locked, reminded=_reminded_at([locked.pk], now).get(locked.pk, []), now=now
    )
    if until is not None:
        raise ValidationError(
            _("Diese Organisation wurde vor Kurzem erinnert. Die nächste Erinnerung ist ab %(date)s möglich.")
            % {"date": formats.date_format(timezone.localtime(until), "DATE_FORMAT")}
        )
    recipients = reminder_recipients(locked)
    if not recipients:
        raise ValidationError(
            _(
                "Niemand zu erinnern: Die Organisation hat keine Vertretung mit E-Mail und keine eigene E-Mail."
            )
        )
    reminder = ProfileReminder(
        network=network, organisation=locked, recipients=[r.address for r in recipients], sent_at=now
    )
    reminder.full_clean()
    reminder.save()
    log_action(
        subject=locked,
        action="freshness.reminder.sent",
        actor=actor,
        network=network,
        data={"recipients": len(recipients), "by": "staff" if actor else "daily"},
    )
    return reminder, recipients


def reminder_send(
    *,
    organisation: Organisation,
    network: Network,
    actor: "Person | None" = None,
    now: datetime | None = None,
    base_url: str | None = None,
) -> ProfileReminder:
    """Mail the representatives of ``organisation`` (or its own address) on behalf of ``network``
    and record it; ``ValidationError`` if it was reminded recently or has nobody to remind."""
    now = now or timezone.now()
    reminder, recipients = _reminder_record(organisation=organisation, network=network, actor=actor, now=now)
    sent = 0
    for recipient in recipients:
        try:
            # The key data's labels and the kind are made text here, in the recipient's language.
            with translation.override(recipient.language):
                context = _mail_context(reminder.organisation, network, recipient, base_url)
            mail_send(
                to=[recipient.address],
                template="participation/freshness/mail/reminder",
                context=context,
                language=recipient.language,
            )
            sent += 1
        except MAIL_ERRORS:
            logger.warning("freshness reminder not sent (organisation %s)", organisation.pk, exc_info=True)
        except Exception:
            # A fault in rendering or a header: this mail is lost, the row must not stay behind.
            logger.exception("freshness reminder failed (organisation %s)", organisation.pk)
    if not sent:
        with scopes_disabled():
            ProfileReminder.objects.filter(pk=reminder.pk).delete()
        raise NotSent(
            _("Die E-Mail konnte nicht verschickt werden. Bitte versuchen Sie es später noch einmal.")
        )
    return reminder


def reminders_due(*, network: Network, now: datetime) -> QuerySet[Organisation]:
    """The stale profiles of ``network`` that may be reminded now (the rule of ``blocked_until``,
    as a query)."""
    # Across networks on purpose: whichever network reminded counts (the caller disables the scopes).
    reminders = ProfileReminder.objects.filter(organisation_id=OuterRef("pk"))
    recent = reminders.filter(sent_at__gt=now - REMINDER_GAP)
    open_ = reminders.filter(sent_at__gt=now - LINK_MAX_AGE).filter(sent_at__gt=OuterRef("last_confirmed"))
    return stale_organisations(network=network, now=now).exclude(Exists(recent)).exclude(Exists(open_))


def reminders_due_send(*, now: datetime | None = None, base_url: str | None = None) -> dict[str, int]:
    """The daily run: in every network, remind the stale profiles that may be reminded now."""
    now = now or timezone.now()
    done = {"reminded": 0, "skipped": 0, "failed": 0}
    # The run works for every network at once; each reminder names its network.
    with scopes_disabled():
        for network in Network.objects.order_by("pk"):
            for organisation in list(reminders_due(network=network, now=now).only("pk")):
                try:
                    reminder_send(organisation=organisation, network=network, now=now, base_url=base_url)
                except NotSent:
                    done["failed"] += 1
                except ValidationError:
                    # Nobody to remind (the list says so), or another network reminded it just now.
                    done["skipped"] += 1
                except Exception:
                    # One organisation's fault does not stop the others' reminders.
                    logger.exception("freshness daily run: organisation %s failed", organisation.pk)
                    done["failed"] += 1
                else:
                    done["reminded"] += 1
    return done


# --- the staff's list and settings ---


def network_require(*, user: "Person", network: Network | None, permission: str) -> Network:
    """The active network if ``user`` holds ``permission`` in it; else 403 (no network: not staff)."""
    if network is None or not user.has_perm(permission, network):
        raise PermissionDenied
    return network


@dataclass(frozen=True)
class StaleRow:
    """One stale profile on the list: this network's reminders, whom a reminder would reach, and
    until when none may go out."""

    organisation: Organisation
    reminders: list[ProfileReminder]
    recipients: list[Recipient]
    blocked_until: datetime | None


def stale_page(*, viewer: "Person", network: Network | None, page: object, now: datetime | None = None):
    """A page of the stale profiles the active network answers for, each a ``StaleRow``
    (five queries, however long the page)."""
    network = network_require(user=viewer, network=network, permission="participation.view_stale_profiles")
    now = now or timezone.now()
    organisations = with_recipients(
        stale_organisations(network=network, now=now).select_related("confirmed_by")
    )
    result = page_of(organisations, number=page, per_page=PER_PAGE)
    shown = list(result.object_list)
    ids = [o.pk for o in shown]
    own: dict[int, list[ProfileReminder]] = {}
    for reminder in ProfileReminder.objects.filter(network=network, organisation_id__in=ids):
        own.setdefault(reminder.organisation_id, []).append(reminder)
    reminded = _reminded_at(ids, now) if ids else {}
    result.object_list = [
        StaleRow(
            organisation=o,
            reminders=own.get(o.pk, []),
            recipients=reminder_recipients(o),
            blocked_until=blocked_until(organisation=o, reminded=reminded.get(o.pk, []), now=now),
        )
        for o in shown
    ]
    return result


def stale_count(*, viewer: "Person", network: Network | None) -> int:
    """How many stale profiles the active network answers for (one query; 0 for anyone not its staff)."""
    if network is None or not viewer.has_perm("participation.view_stale_profiles", network):
        return 0
    return stale_organisations(network=network).order_by().count()


def profile_freshness(
    *, viewer: "Person", network: Network | None, organisation: Organisation
) -> dict | None:
    """For the active network's staff, on a profile it answers for: when it was last confirmed and
    whether that is too long ago (one query); None for anyone else."""
    if network is None or not viewer.has_perm("participation.view_stale_profiles", network):
        return None
    if not network_organisations(network=network).filter(pk=organisation.pk).exists():
        return None
    confirmed = last_confirmed(organisation)
    return {
        "last_confirmed": confirmed,
        "never": organisation.confirmed_at is None,
        "stale": confirmed < stale_cutoff(network=network),
    }


def organisation_get_for_reminder(
    *, user: "Person", network: Network | None, pk: int
) -> tuple[Organisation, Network]:
    """Fetch and authorise: 404 for a profile ``user`` may not see, 403 off the active network's
    staff or for a profile the network does not answer for; the organisation and the network."""
    network = network_require(user=user, network=network, permission="participation.remind_profile")
    organisation = organisation_get_for_user(user=user, pk=pk)
    if not network_organisations(network=network).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    return organisation, network


@transaction.atomic
def freshness_period_set(*, network: Network, months: int, actor: "Person") -> Network:
    """Set after how many months ``network`` counts a profile as stale (its admins only)."""
    if not actor.has_perm("participation.change_freshness_period", network):
        raise PermissionDenied
    before = network.freshness_months
    network.freshness_months = months
    try:
        # Only the field this sets: another field's stored value is not this form's concern.
        network.clean_fields(exclude=[f.name for f in Network._meta.fields if f.name != "freshness_months"])
    except ValidationError:
        network.freshness_months = before  # the request's network stays as stored
        raise
    network.save(update_fields=["freshness_months"])
    log_action(
        subject=network,
        action="freshness.period.changed",
        actor=actor,
        network=network,
        data={"from": before, "to": months},
    )
    return network
