"""How the events' audit entries read. The data hold ids, codes and counts, never participants' names."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import register_action

register_action("events.series.created", _("Veranstaltungsreihe angelegt"))
register_action("events.series.changed", _("Veranstaltungsreihe geändert"))
register_action("events.event.created", _("Veranstaltung angelegt"))
register_action("events.event.changed", _("Veranstaltung geändert"))
register_action("events.event.published", _("Veranstaltung veröffentlicht"))
register_action("events.event.cancelled", _("Veranstaltung abgesagt"))
register_action("events.organiser.added", _("Mitveranstaltende Organisation hinzugefügt"))
register_action("events.organiser.removed", _("Mitveranstaltende Organisation entfernt"))
register_action("events.programme.changed", _("Programm geändert"))
register_action("events.registration.checked_in", _("Teilnahme am Einlass bestätigt"))
register_action("events.registrations.exported", _("Teilnahmeliste exportiert"))
register_action("events.poll.opened", _("Live-Umfrage geöffnet"))
register_action("events.poll.closed", _("Live-Umfrage geschlossen"))
register_action("events.feedback.requested", _("Um Rückmeldung gebeten"))
