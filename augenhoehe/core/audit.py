"""How each kind of audit entry reads: one display per dotted action, declared by the app that writes it.

Apps register their actions in a module ``<app>/audit.py``, imported when
Django starts. The history of a profile and a network's log page both read
labels from here, so an action is named the same everywhere.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from .models import LogEntry

# Stands in for a personal value that was redacted; the key (what changed) stays.
REDACTED = "[redacted]"
REDACTED_TEXT = _("(entfernt)")


@dataclass(frozen=True)
class ActionDisplay:
    """The readable name of an action, and optionally a one-line summary of an entry's data."""

    action: str
    label: str
    summary: Callable[[LogEntry], str] | None = None


_actions: dict[str, ActionDisplay] = {}


def register_action(action: str, label, summary: Callable[[LogEntry], str] | None = None) -> None:
    """Declare how ``action`` reads; ``label`` is a lazily translated string."""
    _actions[action] = ActionDisplay(action=action, label=label, summary=summary)


def action_label(action: str) -> str:
    """The readable name of ``action``, or the code itself for an undeclared one."""
    display = _actions.get(action)
    return str(display.label) if display else action


def entry_summary(entry: LogEntry) -> str:
    """What the entry's data says, in one line (empty where the action declares no summary)."""
    display = _actions.get(entry.action)
    return str(display.summary(entry)) if display and display.summary else ""


def shown(value) -> str:
    """A value from an entry's data as a person reads it; a redacted one says so."""
    if value == REDACTED:
        return str(REDACTED_TEXT)
    return "" if value is None else str(value)


def registered_actions() -> list[str]:
    """Every declared action code."""
    return sorted(_actions)


def autodiscover() -> None:
    """Import every app's ``audit`` module, so that its actions are declared."""
    autodiscover_modules("audit")


def _redaction_summary(entry: LogEntry) -> str:
    return _("%(count)s Einträge, Grund: %(reason)s") % {
        "count": len(entry.data.get("entries", [])),
        "reason": entry.data.get("reason", ""),
    }


register_action("log.redacted", _("Personenbezogene Werte im Protokoll entfernt"), _redaction_summary)
register_action("network.log.viewed", _("Vertrauliche Protokolleinträge angesehen"))
register_action("retention.ran", _("Löschfrist angewandt"))
