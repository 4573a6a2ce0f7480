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
# --- surveys builder ---
register_action("surveys.section.added", _("Abschnitt einer Befragung angelegt"))
register_action("surveys.section.changed", _("Abschnitt einer Befragung geändert"))
register_action("surveys.section.moved", _("Abschnitt einer Befragung verschoben"))
register_action("surveys.section.deleted", _("Abschnitt einer Befragung gelöscht"))
register_action("surveys.question.added", _("Frage einer Befragung angelegt"))
register_action("surveys.question.changed", _("Frage einer Befragung geändert"))
register_action("surveys.question.moved", _("Frage einer Befragung verschoben"))
register_action("surveys.question.deleted", _("Frage einer Befragung gelöscht"))
register_action("surveys.translations.changed", _("Übersetzungen einer Befragung geändert"))
# --- end of surveys builder ---
