"""How the check-ins' audit entries read. The data hold ids, codes and dates, never names or comments."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import register_action

register_action("checkins.plan.set", _("Check-in-Plan festgelegt"))
register_action("checkins.contact.set", _("Ansprechperson für Check-ins eingetragen"))
register_action("checkins.contact.removed", _("Ansprechperson für Check-ins entfernt"))
register_action("checkins.checkin.started", _("Check-in gestartet"))
register_action("checkins.response.network", _("Check-in vom Netzwerk beantwortet"))
register_action("checkins.response.organisation", _("Check-in von der Organisation beantwortet"))
register_action("checkins.reminder.organisation", _("An einen Check-in erinnert (Organisation)"))
register_action("checkins.reminder.network", _("An einen Check-in erinnert (Netzwerk)"))
