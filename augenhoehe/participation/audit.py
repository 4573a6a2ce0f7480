"""How the audit entries of an organisation's own people read (on the organisation's shared history)."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import register_action

register_action("participation.representative.invited", _("Person eingeladen"))
register_action("participation.representative.accepted", _("Einladung angenommen"))
register_action("participation.representative.removed", _("Person aus der Organisation entfernt"))
register_action("participation.representative.left", _("Person hat die Organisation verlassen"))
register_action("participation.representative.role_changed", _("Rolle geändert"))
register_action("participation.invitation.revoked", _("Einladung zurückgezogen"))
