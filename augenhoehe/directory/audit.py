"""How the directory's audit entries read."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import register_action

register_action("organisation.created", _("Profil angelegt"))
register_action("organisation.changed", _("Profil geändert"))
register_action("organisation.confirmed", _("Angaben bestätigt"))
register_action("organisation.note.added", _("Interne Notiz hinzugefügt"))
register_action("organisation.special_categories.viewed", _("Besondere Kategorien gelesen (Art. 9 DSGVO)"))
register_action("organisation.suggestion.made", _("Änderung vorgeschlagen"))
register_action("organisation.suggestion.accepted", _("Vorschlag übernommen"))
register_action("organisation.suggestion.rejected", _("Vorschlag abgelehnt"))
register_action("organisation.representative.granted", _("Vertretung eingetragen"))
register_action("directory.proposal.created", _("Änderung vorgeschlagen (prüft das Netzwerk)"))
register_action("directory.proposal.updated", _("Vorschlag ergänzt (prüft das Netzwerk)"))
register_action("directory.proposal.withdrawn", _("Vorschlag zurückgezogen"))
register_action("directory.proposal.accepted", _("Vorschlag geprüft und übernommen"))
register_action("directory.proposal.rejected", _("Vorschlag abgelehnt"))
