"""How privacy's audit entries read."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import register_action

register_action("privacy.person.erased", _("Daten einer Person gelöscht"))
register_action("privacy.person.exported", _("Daten einer Person ausgegeben"))
register_action("privacy.consent.given", _("Einwilligung erteilt"))
register_action("privacy.consent.withdrawn", _("Einwilligung widerrufen"))
register_action("network.member.erased", _("Mitarbeit beendet (Löschung der Person)"))
