"""How the knowledge base's audit entries read. The answer's text and a return's reason stay out
of the log: they are the answer's, and are changed or erased with it."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.audit import register_action

register_action("knowledge.answer.submitted", _("Antwort zu einer zentralen Frage eingereicht"))
register_action("knowledge.answer.resubmitted", _("Überarbeitete Antwort erneut eingereicht"))
register_action("knowledge.answer.published", _("Antwort veröffentlicht"))
register_action("knowledge.answer.returned", _("Antwort mit Begründung zurückgegeben"))
