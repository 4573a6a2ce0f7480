"""How the cooperation app's audit entries read. Vetting entries are restricted to the network's staff."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import register_action, shown
from augenhoehe.core.models import LogEntry

from .choices import CompensationKind, CompensationStatus, ContactKind, DocumentKind, Stage, VettingStatus

# Who may read what is written or read about a vetting: the network's admins and coordinators.
VETTING_READERS = ("admin", "coordinator")


def _label(choices, code) -> str:
    return str(choices(code).label) if code in choices.values else shown(code)


def _vetting_summary(entry: LogEntry) -> str:
    # A proposal names the result it proposes; every other entry the status that holds after it.
    key = "proposed_status" if entry.action in ("vetting.proposed", "vetting.rejected") else "status"
    status = entry.data.get(key) or ""
    return _label(VettingStatus, status) if status else ""


def _stage_summary(entry: LogEntry) -> str:
    text = _("%(from)s → %(to)s") % {
        "from": _label(Stage, entry.data.get("from", "")),
        "to": _label(Stage, entry.data.get("to", "")),
    }
    note = shown(entry.data.get("note"))
    return f"{text}: {note}" if note else text


register_action("vetting.changed", _("Prüfung geändert"), _vetting_summary)
register_action("vetting.proposed", _("Prüfergebnis vorgeschlagen"), _vetting_summary)
register_action("vetting.approved", _("Prüfergebnis bestätigt (Vier-Augen-Prinzip)"), _vetting_summary)
register_action("vetting.rejected", _("Prüfergebnis nicht bestätigt"), _vetting_summary)
register_action("vetting.viewed", _("Prüfung angesehen"))
register_action("vetting.list.viewed", _("Liste der Prüfungen angesehen"))
register_action("cooperation.created", _("Kooperation angelegt"))
register_action("cooperation.changed", _("Kooperation geändert"))
register_action("cooperation.stage.changed", _("Phase der Kooperation geändert"), _stage_summary)
register_action("cooperation.partner_goals.changed", _("Ziele einer Organisation geändert"))
register_action("cooperation.funding.added", _("Förderzeitraum eingetragen"))
register_action("cooperation.funding.removed", _("Förderzeitraum entfernt"))
register_action("cooperation.comment.added", _("Kommentar zur Kooperation geschrieben"))
register_action("cooperation.comment.removed", _("Kommentar zur Kooperation entfernt"))


def _contact_summary(entry: LogEntry) -> str:
    return f"{_label(ContactKind, entry.data.get('kind', ''))}, {shown(entry.data.get('happened_on'))}"


def _document_summary(entry: LogEntry) -> str:
    return _label(DocumentKind, entry.data.get("kind", ""))


def _compensation_summary(entry: LogEntry) -> str:
    kind = _label(CompensationKind, entry.data.get("kind", ""))
    return f"{kind}: {shown(entry.data.get('amount'))} €, {_label(CompensationStatus, entry.data.get('status', ''))}"


def _compensation_status_summary(entry: LogEntry) -> str:
    return _("%(from)s → %(to)s") % {
        "from": _label(CompensationStatus, entry.data.get("from", "")),
        "to": _label(CompensationStatus, entry.data.get("to", "")),
    }


register_action("cooperation.contact.added", _("Kontakt eingetragen"), _contact_summary)
register_action("cooperation.contact.removed", _("Kontakt entfernt"), _contact_summary)
register_action("cooperation.task.added", _("Aufgabe angelegt"))
register_action("cooperation.task.done", _("Aufgabe erledigt"))
register_action("cooperation.task.reopened", _("Aufgabe wieder geöffnet"))
register_action("cooperation.task.removed", _("Aufgabe entfernt"))
register_action("cooperation.document.added", _("Dokument hochgeladen"), _document_summary)
register_action("cooperation.document.removed", _("Dokument entfernt"), _document_summary)
register_action(
    "cooperation.compensation.added",
    _("Aufwandsentschädigung oder Honorar eingetragen"),
    _compensation_summary,
)
register_action(
    "cooperation.compensation.status.changed",
    _("Stand einer Entschädigung geändert"),
    _compensation_status_summary,
)
register_action(
    "cooperation.compensation.removed",
    _("Aufwandsentschädigung oder Honorar entfernt"),
    _compensation_summary,
)
