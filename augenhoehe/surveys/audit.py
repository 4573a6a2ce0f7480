"""How the surveys' audit entries read. The data hold counts and codes, never answers."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import register_action

register_action("surveys.survey.created", _("Befragung angelegt"))
register_action("surveys.survey.changed", _("Befragung geändert"))
register_action("surveys.survey.opened", _("Befragung gestartet"))
register_action("surveys.survey.closed", _("Befragung abgeschlossen"))
register_action("surveys.survey.deleted", _("Befragung gelöscht"))
register_action("surveys.invitations.sent", _("Einladungen zur Befragung verschickt"))
register_action("surveys.reminders.sent", _("Erinnerungen zur Befragung verschickt"))
register_action("surveys.answers.exported", _("Antworten einer Befragung exportiert"))
# --- answer ---
register_action("surveys.response.submitted", _("Antworten einer Organisation abgeschickt"))
# --- end of answer ---
