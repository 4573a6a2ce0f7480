"""How the interpreters app's audit entries read. The data hold codes and dates, never contact data."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import register_action, shown
from augenhoehe.core.models import LogEntry

from .choices import BookingStatus


def _status_summary(entry: LogEntry) -> str:
    code = entry.data.get("status", "")
    return str(BookingStatus(code).label) if code in BookingStatus.values else shown(code)


register_action("interpreters.interpreter.added", _("Person in den Dolmetschpool aufgenommen"))
register_action("interpreters.interpreter.changed", _("Eintrag im Dolmetschpool geändert"))
register_action("interpreters.consent.withdrawn", _("Einwilligung in den Dolmetschpool widerrufen"))
register_action("interpreters.booking.added", _("Dolmetschen gebucht"), _status_summary)
register_action("interpreters.booking.status.changed", _("Stand einer Buchung geändert"), _status_summary)
