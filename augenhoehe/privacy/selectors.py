"""Reads about people's rights: one's own consents, the person a DPO acts for, the retention rules."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from augenhoehe.accounts.models import User
from augenhoehe.core import retention
from augenhoehe.core.rights import Person

from .consents import Purpose, purposes
from .models import Consent


@dataclass
class PurposeState:
    purpose: Purpose
    consent: Consent | None  # the standing consent to the current wording, if any


def consents_of(*, viewer) -> list[Consent]:
    """Every consent ``viewer`` gave, standing or withdrawn, newest first."""
    return list(Consent.objects.filter(user=viewer))


def purposes_for(*, viewer, consents: list[Consent]) -> list[PurposeState]:
    """Each purpose with ``viewer``'s standing consent to its current wording (None: not given)."""
    standing = {(c.purpose, c.version): c for c in consents if c.is_active}
    return [PurposeState(purpose=p, consent=standing.get((p.code, p.version))) for p in purposes()]


def consent_get_for_user(*, user, pk: int) -> Consent:
    """``user``'s own consent ``pk``; anyone else's is not found."""
    return get_object_or_404(Consent, pk=pk, user=user)


def person_for(*, viewer, username: str = "", email: str = "", name: str = "") -> Person:
    """The person the DPO means: an account by user name or address (if one exists), and the address
    and name to look for in text. Refused to anyone but the DPO."""
    if not viewer.has_perm("privacy.act_for_person"):
        raise PermissionDenied
    username, email, name = username.strip(), email.strip(), name.strip()
    condition = Q()
    if username:
        condition |= Q(username=username)
    if email:
        condition |= Q(email__iexact=email)
    accounts = list(User.objects.filter(condition)[:2]) if condition else []
    # Two accounts share the address: the DPO names the account by its user name.
    user = accounts[0] if len(accounts) == 1 else None
    return Person.of(user, emails=[email] if email else [], names=[name] if name else [])


def retention_overview(*, viewer) -> list[dict]:
    """Each retention rule with its period, what it covers and its last run; for the register's readers."""
    if not viewer.has_perm("privacy.view_register"):
        raise PermissionDenied
    runs = retention.last_runs()
    return [
        {"rule": rule, "models": retention.model_names(rule), "last_run": runs.get(rule.code)}
        for rule in retention.rules()
    ]
