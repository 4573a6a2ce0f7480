"""Retention rules per kind of data, declared by the apps and run by one daily task.

An app registers a rule (``register_rule``): which kind of data, which
declared models it covers, the setting that holds its period in days, what
happens when the period is over, and the function that does it. One task
(``purge_expired``) runs every rule once a day and queues itself for the next
day; ``augenhoehe serve`` queues it on start, ``augenhoehe retention`` runs it
from cron. Each run is audit-logged with what it did, and the data
protection officer's page lists the rules and their last run.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from .models import LogEntry


@dataclass(frozen=True)
class RetentionRule:
    """How long one kind of data is kept, and what happens to it then."""

    code: str
    kind: str  # lazily translated: the kind of data ("Hochgeladene Listen")
    models: tuple[str, ...]  # the declared model labels the rule covers
    setting: str  # the Django setting holding the period in days
    outcome: str  # lazily translated: what happens when the period is over
    purge: Callable[[int], int]  # (days) → how many rows it deleted or emptied

    @property
    def days(self) -> int:
        return int(getattr(settings, self.setting))

    @property
    def variable(self) -> str:
        """The environment variable an operator sets (settings read ``AUGENHOEHE_<setting>``)."""
        return f"AUGENHOEHE_{self.setting}"


_rules: dict[str, RetentionRule] = {}


def register_rule(
    code: str, *, kind, models: tuple[str, ...] | list[str], setting: str, outcome, purge
) -> RetentionRule:
    """Declare a retention rule; ``purge(days)`` does the work and returns how many rows it touched."""
    rule = RetentionRule(
        code=code,
        kind=kind,
        models=tuple(m.lower() for m in models),
        setting=setting,
        outcome=outcome,
        purge=purge,
    )
    _rules[code] = rule
    return rule


def rules() -> list[RetentionRule]:
    """Every registered rule, by code."""
    return [_rules[code] for code in sorted(_rules)]


def rule_for(code: str) -> RetentionRule:
    return _rules[code]


def rules_for_model(label: str) -> list[RetentionRule]:
    """The rules that cover the declared model ``label``."""
    return [rule for rule in rules() if label.lower() in rule.models]


def retention_run(*, only: str | None = None) -> dict[str, int]:
    """Run every rule (or the one ``only`` names), each in its own transaction; {code: rows touched}."""
    done = {}
    for rule in rules():
        if only is not None and rule.code != only:
            continue
        done[rule.code] = _run_rule(rule)
    return done


@transaction.atomic
def _run_rule(rule: RetentionRule) -> int:
    from .services import log_action

    # Retention is the installation's duty towards every network alike, so it runs across all of them.
    with scopes_disabled():
        count = rule.purge(rule.days)
        log_action(
            subject=_subject(rule),
            action="retention.ran",
            data={"rule": rule.code, "days": rule.days, "count": count},
        )
    return count


def _subject(rule: RetentionRule) -> ContentType:
    # A run is about a kind of data, not one row: its entry's subject is the kind's model.
    return ContentType.objects.get_for_model(apps.get_model(rule.models[0]) if rule.models else LogEntry)


def model_names(rule: RetentionRule) -> list[str]:
    """The plural names of the models ``rule`` covers, for a page."""
    return [str(apps.get_model(label)._meta.verbose_name_plural) for label in rule.models]


def autodiscover() -> None:
    """Import every app's ``retention`` module, so that its rules are registered."""
    autodiscover_modules("retention")


def last_runs() -> dict[str, LogEntry]:
    """The latest run of each rule: {code: its audit entry}."""
    latest: dict[str, LogEntry] = {}
    entries = LogEntry.shared.filter(action="retention.ran").order_by("-created_at", "-pk")
    for entry in entries[: 20 * max(len(_rules), 1)]:
        latest.setdefault(entry.data.get("rule", ""), entry)
    return latest


@task()
def purge_expired() -> dict[str, int]:
    """Run every retention rule, then come back tomorrow."""
    done = retention_run()
    purge_expired.using(run_after=timezone.now() + timedelta(days=1)).enqueue()
    return done


def retention_schedule() -> bool:
    """Queue the daily run unless it is already queued or running; whether it queued one.

    Safe to call on every start of the app.
    """
    pending = DBTaskResult.objects.filter(
        task_path=purge_expired.module_path, status__in=["READY", "RUNNING"]
    ).exists()
    if not pending:
        purge_expired.enqueue()
    return not pending


def schedule_on_start(**kwargs) -> None:
    """Receiver of ``core.signals.tasks_starting``: the daily run is queued when the app starts."""
    retention_schedule()


def task_results_purge(days: int) -> int:
    """Delete finished background tasks (their arguments name who started them) older than ``days``."""
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _by_model = DBTaskResult.objects.filter(
        status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=cutoff
    ).delete()
    return deleted


def audit_purge(days: int) -> int:
    """Redact the personal values of audit entries older than ``days``; the facts stay."""
    from .services import log_redact

    cutoff = timezone.now() - timedelta(days=days)
    old = LogEntry.objects.filter(created_at__lt=cutoff).filter(
        Q(redacted_at__isnull=True) | Q(actor__isnull=False)
    )
    count = 0
    while chunk := list(old.order_by("pk")[:1000]):
        log_redact(entries=chunk, actor=None, reason="retention")
        # The actor goes too; entries without personal values are marked done all the same.
        count += LogEntry.objects.filter(pk__in=[e.pk for e in chunk]).update(actor=None)
        LogEntry.objects.filter(pk__in=[e.pk for e in chunk], redacted_at__isnull=True).update(
            redacted_at=timezone.now()
        )
    return count


def sessions_purge(days: int) -> int:
    """Delete expired sign-in sessions (each holds whom it signed in); ``days`` is Django's session age."""
    from django.contrib.sessions.models import Session

    deleted, _by_model = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


register_rule(
    "core.task_results",
    kind=_("Erledigte Hintergrundaufgaben"),
    models=["django_tasks_database.DBTaskResult"],
    setting="TASK_RESULT_RETENTION_DAYS",
    outcome=_("Der Eintrag der Aufgabe mit ihren Argumenten wird gelöscht."),
    purge=task_results_purge,
)
register_rule(
    "core.audit",
    kind=_("Protokolleinträge"),
    models=["core.LogEntry"],
    setting="AUDIT_RETENTION_DAYS",
    outcome=_(
        "Personenbezogene Werte werden entfernt; dass etwas geschah, wann und in welchem Netzwerk, bleibt."
    ),
    purge=audit_purge,
)
register_rule(
    "core.sessions",
    kind=_("Anmeldesitzungen"),
    models=["sessions.Session"],
    setting="SESSION_RETENTION_DAYS",
    outcome=_("Abgelaufene Sitzungen werden gelöscht."),
    purge=sessions_purge,
)
