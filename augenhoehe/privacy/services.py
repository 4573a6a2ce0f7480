"""Writes about a person's rights: consents given and withdrawn, a person's data erased."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from augenhoehe.core import rights
from augenhoehe.core.services import log_action

from .consents import purpose_for
from .models import Consent


@transaction.atomic
def consent_give(*, user, purpose: str) -> Consent:
    """Record that ``user`` consents to ``purpose`` in its current wording (once while it stands)."""
    found = purpose_for(purpose)
    if found is None or found.per_occasion:
        raise ValidationError({"purpose": _("Unbekannter Zweck.")})
    current = Consent.objects.select_for_update().filter(
        user=user, purpose=purpose, version=found.version, withdrawn_at__isnull=True
    )
    if existing := current.first():
        return existing
    consent = Consent.objects.create(
        user=user,
        email=user.email,
        purpose=purpose,
        version=found.version,
        text=str(found.text),
        language=get_language() or "de",
    )
    log_action(
        subject=consent,
        action="privacy.consent.given",
        actor=user,
        data={"purpose": purpose, "version": found.version},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, actor) -> Consent:
    """End ``consent``; only the person who gave it may. The record stays as proof until its retention ends."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.user_id is None or consent.user_id != getattr(actor, "pk", None):
        raise PermissionDenied
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        log_action(
            subject=consent,
            action="privacy.consent.withdrawn",
            actor=actor,
            data={"purpose": consent.purpose, "version": consent.version},
        )
    return consent


def _may_act_for(actor, person: rights.Person) -> bool:
    if person.user is not None and person.user.pk == getattr(actor, "pk", None):
        return True
    return bool(actor is not None and actor.has_perm("privacy.act_for_person"))


@transaction.atomic
def person_erase(*, person: rights.Person, actor, reason: str) -> rights.ErasureReport:
    """Erase ``person`` across every app: the person themselves, or the data protection officer.

    An account is anonymised, not deleted (docs/privacy.md); the audit entry names no one.
    """
    if not _may_act_for(actor, person):
        raise PermissionDenied
    if not person:
        raise ValidationError(_("Bitte nennen Sie ein Konto, eine E-Mail-Adresse oder einen Namen."))
    if not reason.strip():
        raise ValidationError({"reason": _("Bitte nennen Sie den Grund.")})
    own = person.user is not None and person.user.pk == getattr(actor, "pk", None)
    report = rights.erase(person=person, actor=None if own else actor)
    log_action(
        subject=person.user if person.user is not None else _anonymous_subject(),
        action="privacy.person.erased",
        # Once erased, the person is nobody: their own request is not signed with their account.
        actor=None if own else actor,
        data={
            "counts": dict(report.counts),
            "reason": rights.without_person(reason, person),
            "self_service": own,
        },
    )
    return report


def _anonymous_subject() -> Any:
    # An erasure of someone without an account is about no row; the entry's subject is the consent model.
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Consent)


def person_export_logged(*, person: rights.Person, actor) -> dict:
    """A person's data as ``rights.person_export`` reads it; the DPO's export for someone else is logged."""
    if not _may_act_for(actor, person):
        raise PermissionDenied
    export = rights.person_export(person=person)
    if person.user is None or person.user.pk != actor.pk:
        log_action(
            subject=person.user if person.user is not None else _anonymous_subject(),
            action="privacy.person.exported",
            actor=actor,
            data={"models": sorted(export)},
        )
    return export
