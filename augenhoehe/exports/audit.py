"""How the exports' audit entries read."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import register_action

register_action("exports.downloaded", _("Verzeichnis heruntergeladen"))
