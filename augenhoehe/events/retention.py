"""Participants' personal data is anonymised a set time after their event.

What goes: name, e-mail, organisation, needs, free-text answers. What stays: that someone registered,
their status and attendance, the co-organiser they came through, and their answer to a background
question (one of its options), so that the outreach figures stay true after the names are gone.
Unused feedback links of those events go too. The consent each gave keeps its wording, version and
date as proof that it was given, but not the address; it counts as withdrawn from then on, so
that the privacy retention rule (``privacy.consents``) deletes it in its time.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.retention import register_rule
from augenhoehe.privacy.models import Consent

from .choices import QuestionKind
from .models import Event, FeedbackLink, Registration, RegistrationQuestion


def kept_answers(answers: dict, background: dict[str, list[str]]) -> dict:
    """Of ``answers``, only those to a background question that are one of its options."""
    return {key: value for key, value in answers.items() if key in background and value in background[key]}


@transaction.atomic
def participants_anonymise(days: int) -> int:
    """Anonymise the registrations of events that ended more than ``days`` ago; how many."""
    cutoff = timezone.now() - timedelta(days=days)
    events = list(
        Event.objects.filter(ends_at__lt=cutoff, anonymised_at__isnull=True).values_list("pk", flat=True)
    )
    if not events:
        return 0
    background = {
        str(question.pk): question.option_list
        for question in RegistrationQuestion.objects.filter(
            event_id__in=events, is_background=True, kind=QuestionKind.CHOICE
        )
    }
    now = timezone.now()
    count = 0
    consents: list[int] = []
    for registration in Registration.objects.filter(
        event_id__in=events, anonymised_at__isnull=True
    ).iterator():
        registration.name = ""
        registration.email = ""
        registration.organisation_name = ""
        registration.accessibility_needs = ""
        registration.answers = kept_answers(registration.answers, background)
        registration.anonymised_at = now
        registration.save(
            update_fields=[
                "name",
                "email",
                "organisation_name",
                "accessibility_needs",
                "answers",
                "anonymised_at",
            ]
        )
        if registration.consent_id is not None:
            consents.append(registration.consent_id)
        count += 1
    Consent.objects.filter(pk__in=consents).update(email="")
    Consent.objects.filter(pk__in=consents, withdrawn_at__isnull=True).update(withdrawn_at=now)
    FeedbackLink.objects.filter(event_id__in=events).delete()
    Event.objects.filter(pk__in=events).update(anonymised_at=now)
    return count


register_rule(
    "events.participants",
    kind=_("Teilnehmende von Veranstaltungen"),
    models=["events.Registration", "events.FeedbackLink"],
    setting="EVENT_PARTICIPANT_RETENTION_DAYS",
    outcome=_(
        "Name, E-Mail, Organisation, Bedarfe und freie Antworten werden gelöscht; Stand, Anwesenheit "
        "und die Antwort auf die Frage nach dem Hintergrund bleiben für die Zahlen. Die Einwilligung "
        "verliert die E-Mail-Adresse und gilt als widerrufen."
    ),
    purge=participants_anonymise,
)
