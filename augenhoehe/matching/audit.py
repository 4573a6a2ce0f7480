"""How the matching app's audit entries read. The data hold ids and codes, never free text."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import register_action, shown
from augenhoehe.core.models import LogEntry

from .choices import Format


def _format_summary(entry: LogEntry) -> str:
    code = entry.data.get("format", "")
    return str(Format(code).label) if code in Format.values else shown(code)


register_action("matching.offer.added", _("Angebot zur Ansprache eingetragen"), _format_summary)
register_action("matching.offer.changed", _("Angebot zur Ansprache geändert"), _format_summary)
register_action("matching.offer.removed", _("Angebot zur Ansprache entfernt"), _format_summary)
register_action("matching.need.added", _("Bedarf beschrieben und Partner gesucht"), _format_summary)
register_action("matching.need.cooperation_started", _("Kooperation aus einem Bedarf begonnen"))
register_action("matching.weights.changed", _("Gewichtung der Partnersuche geändert"))
