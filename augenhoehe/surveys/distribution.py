"""Sending a survey to organisations: invitations from a directory search, their personal links,
reminders, and the staff's list of who was invited and who answered.

Decisions:
- The personal link is signed (``django.core.signing``, salt ``surveys.invitation``) over the
  invitation's pk and its ``key``: nothing secret is stored beside the key, a new key voids old
  links, and the link has no expiry of its own — the survey's closing date ends it, since a
  volunteer may come back weeks later.
- An organisation without an address is reported as not invitable, never silently dropped; one
  with an invitation already is skipped, so sending again only adds the new ones (and the unique
  constraint makes a second invitation impossible even in a race).
- The mail goes out in the organisation's language where the site has one (German otherwise).
- A reminder goes only to invitations without a submitted response, at most once in 24 hours
  counting the invitation itself (``REMINDER_GAP``).
- Only the network's own organisations can be invited (a Kreis of the network, or a profile it
  created): the directory is shared by all networks.
- The rows are committed first and the mails sent after, one by one (as ``events.feedback``): a
  mail the server refuses undoes only its own row (the invitation is deleted, the reminder not
  counted), so no link goes out that does not work and the next run tries again.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from augenhoehe.core.models import Network
from augenhoehe.core.services import log_action
from augenhoehe.directory.models import Organisation, Tag
from augenhoehe.mail.services import mail_send

from .choices import SurveyStatus
from .models import BASE_LANGUAGE, Survey, SurveyInvitation

logger = logging.getLogger(__name__)

SALT = "surveys.invitation"
MAIL_ERRORS = (smtplib.SMTPException, OSError)
# How many organisations of each kind the invite page names (it invites all that match).
SHOWN = 50
REMINDER_GAP = timedelta(hours=24)
# Days before the closing date on which the daily run reminds.
REMINDER_DAYS = (7, 1)


# --- the personal link ---


def invitation_token(invitation: SurveyInvitation) -> str:
    return signing.dumps({"i": invitation.pk, "k": str(invitation.key)}, salt=SALT)


def invitation_link(invitation: SurveyInvitation, base_url: str | None = None) -> str:
    """The absolute personal link of ``invitation``."""
    base = (base_url or settings.AUGENHOEHE_BASE_URL).rstrip("/")
    return base + reverse("surveys:answer", kwargs={"token": invitation_token(invitation)})


def invitation_for_token(*, token: str) -> SurveyInvitation:
    """The invitation a personal link names; 404 for a forged, broken or voided one."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature as bad:
        raise Http404 from bad
    if not isinstance(data, dict) or type(data.get("i")) is not int or not isinstance(data.get("k"), str):
        raise Http404
    # The link is the authorisation and names no network before it is looked up.
    with scopes_disabled():
        invitation = (
            SurveyInvitation.objects.filter(pk=data["i"])
            .select_related("survey", "organisation", "network")
            .first()
        )
    if invitation is None or str(invitation.key) != data["k"]:
        raise Http404
    return invitation


# --- staff: the survey, the candidates, the list ---


def survey_get_for_staff(*, user, network: Network | None, pk: int) -> Survey:
    """Fetch and authorise in one step: 403 off the active network's staff, 404 for another's survey."""
    if network is None or not user.has_perm("surveys.manage_survey", network):
        raise PermissionDenied
    survey = Survey.objects.filter(pk=pk, network=network).select_related("network").first()
    if survey is None:
        raise Http404
    return survey


@dataclass(frozen=True)
class Candidates:
    """What inviting a search's organisations would do."""

    matching: int
    invitable: list[Organisation]
    uninvitable: list[Organisation]
    already_invited: int

    @property
    def invitable_shown(self) -> list[Organisation]:
        return self.invitable[:SHOWN]

    @property
    def uninvitable_shown(self) -> list[Organisation]:
        return self.uninvitable[:SHOWN]

    @property
    def invitable_more(self) -> int:
        return max(len(self.invitable) - SHOWN, 0)

    @property
    def uninvitable_more(self) -> int:
        return max(len(self.uninvitable) - SHOWN, 0)


def network_organisations(
    *, network: Network, organisations: QuerySet[Organisation]
) -> QuerySet[Organisation]:
    """Of ``organisations``, those of ``network``: in one of its Kreise, or created by it."""
    return organisations.filter(Q(kreis__in=network.kreise.all()) | Q(created_by_network=network))


def invite_candidates(*, survey: Survey, organisations: QuerySet[Organisation]) -> Candidates:
    """Split a search's organisations of the survey's network: to invite, without an address,
    invited already (2 queries)."""
    invited = set(SurveyInvitation.objects.filter(survey=survey).values_list("organisation_id", flat=True))
    own = network_organisations(network=survey.network, organisations=organisations)
    rows = list(own.order_by("name", "pk").only("pk", "name", "email", "city"))
    fresh = [o for o in rows if o.pk not in invited]
    return Candidates(
        matching=len(rows),
        invitable=[o for o in fresh if o.email],
        uninvitable=[o for o in fresh if not o.email],
        already_invited=len(rows) - len(fresh),
    )


def invitation_list(*, survey: Survey) -> QuerySet[SurveyInvitation]:
    """The survey's invitations with their organisation and response, in one query."""
    return (
        SurveyInvitation.objects.filter(survey=survey)
        .select_related("organisation", "response")
        .order_by("organisation__name", "pk")
    )


def _site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def invitation_language(*, survey: Survey, organisation_languages: set[str]) -> str:
    """The language to write to an organisation in: one it works in that the site speaks, preferring
    those the questionnaire is offered in; else German."""
    site = _site_languages()
    preferred = [code for code in survey.languages if code in site] + site
    return next((code for code in preferred if code in organisation_languages), BASE_LANGUAGE)


def _mail_context(invitation: SurveyInvitation, base_url: str | None) -> dict:
    survey = invitation.survey
    return {
        "organisation": invitation.organisation.name,
        "survey": survey.translated("title", invitation.language)[0],
        "network": survey.network.name,
        "closes_at": survey.closes_at,
        "link": invitation_link(invitation, base_url),
    }


def _mail(invitation: SurveyInvitation, template: str, base_url: str | None) -> None:
    mail_send(
        to=[invitation.email],
        template=f"surveys/mail/{template}",
        context=_mail_context(invitation, base_url),
        language=invitation.language,
    )


# --- services ---


def _require_open(survey: Survey, now: datetime) -> None:
    if not survey.is_open_at(now):
        raise ValidationError(
            _("Die Befragung läuft nicht: Einladungen und Erinnerungen sind nur möglich, solange sie läuft.")
        )


@dataclass(frozen=True)
class Sent:
    """How many mails went out, and how many the mail server refused (their rows undone)."""

    sent: int
    failed: int


def _mail_each(invitations: list[SurveyInvitation], template: str, base_url: str | None) -> list[int]:
    """Mail each invitation outside any transaction; the pks of those the server refused."""
    failed = []
    for invitation in invitations:
        try:
            _mail(invitation, template, base_url)
        except MAIL_ERRORS:
            logger.warning("survey %s not sent (invitation %s)", template, invitation.pk, exc_info=True)
            failed.append(invitation.pk)
    return failed


def _invitations_create(
    survey: Survey, organisations: list[Organisation], now: datetime
) -> list[SurveyInvitation]:
    pks = [o.pk for o in organisations if o.email]
    languages: dict[int, set[str]] = {}
    for organisation_id, code in Tag.objects.filter(
        organisation_id__in=pks, scheme=Tag.Scheme.LANGUAGE
    ).values_list("organisation_id", "code"):
        languages.setdefault(organisation_id, set()).add(code)
    created_ones = []
    with transaction.atomic():
        for organisation in organisations:
            if not organisation.email:
                continue
            language = invitation_language(
                survey=survey, organisation_languages=languages.get(organisation.pk, set())
            )
            invitation, created = SurveyInvitation.objects.get_or_create(
                survey=survey,
                organisation=organisation,
                defaults={
                    "network": survey.network,
                    "email": organisation.email,
                    "language": language,
                    "invited_at": now,
                },
            )
            if created:
                invitation.survey = survey
                created_ones.append(invitation)
    return created_ones


def invitations_send(
    *, survey: Survey, organisations: list[Organisation], actor, base_url: str | None = None
) -> Sent:
    """Invite each organisation with an address that has no invitation yet and mail its link; an
    invitation whose mail the server refuses is deleted again (the next run tries again)."""
    now = timezone.now()
    _require_open(survey, now)
    given = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
    own = set(network_organisations(network=survey.network, organisations=given).values_list("pk", flat=True))
    created = _invitations_create(survey, [o for o in organisations if o.pk in own], now)
    failed = _mail_each(created, "invitation", base_url)
    if failed:
        SurveyInvitation.objects.filter(pk__in=failed).delete()
    result = Sent(sent=len(created) - len(failed), failed=len(failed))
    if result.sent:
        log_action(
            subject=survey,
            action="surveys.invitations.sent",
            actor=actor,
            network=survey.network,
            data={"count": result.sent},
        )
    return result


def unanswered_due(*, survey: Survey, now: datetime) -> QuerySet[SurveyInvitation]:
    """Invitations without a submitted response, last written to at least ``REMINDER_GAP`` ago."""
    last_contact_before = now - REMINDER_GAP
    return (
        SurveyInvitation.objects.filter(survey=survey)
        .exclude(email="")
        .filter(Q(response__isnull=True) | Q(response__submitted_at__isnull=True))
        .filter(
            Q(reminded_at__lte=last_contact_before)
            | Q(reminded_at__isnull=True, invited_at__lte=last_contact_before)
        )
        .select_related("organisation")
    )


def reminders_send(
    *, survey: Survey, actor=None, base_url: str | None = None, now: datetime | None = None
) -> Sent:
    """Remind the organisations that have not submitted (once in 24 hours at most). The reminders
    are counted under a lock first, so the button and the daily run never remind twice; a reminder
    the server refuses is not counted."""
    now = now or timezone.now()
    _require_open(survey, now)
    with transaction.atomic():
        due = list(unanswered_due(survey=survey, now=now).select_for_update(of=("self",)))
        before = {i.pk: (i.reminded_at, i.reminder_count) for i in due}
        for invitation in due:
            invitation.survey = survey
            invitation.reminded_at = now
            invitation.reminder_count += 1
        SurveyInvitation.objects.bulk_update(due, ["reminded_at", "reminder_count"])
    failed = _mail_each(due, "reminder", base_url)
    if failed:
        with transaction.atomic():
            for pk in failed:
                reminded_at, count = before[pk]
                SurveyInvitation.objects.filter(pk=pk).update(reminded_at=reminded_at, reminder_count=count)
    result = Sent(sent=len(due) - len(failed), failed=len(failed))
    if result.sent:
        log_action(
            subject=survey,
            action="surveys.reminders.sent",
            actor=actor,
            network=survey.network,
            data={"count": result.sent},
        )
    return result


def reminders_due_send(*, now: datetime | None = None) -> int:
    """The daily run: in every network, remind for the open surveys closing in 7 days or tomorrow."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    reminded = 0
    with scopes_disabled():
        surveys = Survey.objects.filter(status=SurveyStatus.OPEN, closes_at__gt=now).select_related("network")
        for survey in surveys:
            if (timezone.localdate(survey.closes_at) - today).days in REMINDER_DAYS:
                reminded += reminders_send(survey=survey, now=now).sent
    return reminded
