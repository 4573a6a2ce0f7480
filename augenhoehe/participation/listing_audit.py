"""How the audit entries of requests to be listed read."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import register_action

register_action("participation.listing.requested", _("Antrag auf Aufnahme eingegangen"))
register_action("participation.listing.accepted", _("Antrag auf Aufnahme angenommen"))
register_action("participation.listing.rejected", _("Antrag auf Aufnahme abgelehnt"))
register_action("participation.listing.link_resent", _("Link zum Passwort noch einmal geschickt"))
