"""How the audit entries of imports read."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from augenhoehe.core.audit import register_action, shown


def _file(entry) -> str:
    return shown(entry.data.get("file_name")) or str(entry.subject or "")


def _uploaded(entry) -> str:
    rows = entry.data.get("rows", 0)
    return ngettext("%(file)s, %(rows)s Zeile", "%(file)s, %(rows)s Zeilen", rows) % {
        "file": _file(entry),
        "rows": rows,
    }


def _decided(entry) -> str:
    return _("Zeile %(row)s: %(decision)s") % {
        "row": entry.data.get("row"),
        "decision": entry.data.get("decision", ""),
    }


def _subject(entry) -> str:
    return str(entry.subject or "")


register_action("import.uploaded", _("Liste hochgeladen"), _uploaded)
register_action("import.mapped", _("Spalten zugeordnet"), _subject)
register_action("import.values.unknown", _("Unbekannte Werte gefunden"), _subject)
register_action("import.values.mapped", _("Werte zugeordnet"), _subject)
register_action("import.checked", _("Liste geprüft"), _subject)
register_action("import.check.failed", _("Prüfung fehlgeschlagen"), _subject)
register_action("import.row.decided", _("Über eine Zeile entschieden"), _decided)
register_action("import.confirmed", _("Import bestätigt"), _subject)
register_action("import.finished", _("Import abgeschlossen"), _subject)
register_action("import.failed", _("Import fehlgeschlagen"), _subject)
register_action("import.cancelled", _("Import verworfen"), _subject)
register_action("import.purged", _("Datei nach Ablauf der Aufbewahrungsfrist gelöscht"), _subject)
register_action("import.remapped", _("Spalten neu zugeordnet"), _subject)
register_action("import.published", _("Importierte Profile veröffentlicht"), _subject)
