"""How the freshness entries read. The data hold counts and kinds, never addresses."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import register_action

register_action("freshness.period.changed", _("Zeitraum für die Nachfrage nach den Angaben geändert"))
register_action("freshness.reminder.sent", _("An die Aktualität der Angaben erinnert"))
register_action("freshness.link.confirmed", _("Angaben über den Link aus der Erinnerung bestätigt"))
