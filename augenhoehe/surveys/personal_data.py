"""What the surveys keep about people: the address an invitation went to, and what an
organisation's volunteers write into free-text answers (which may name people).

The answers are an organisation's, not a person's; the results show no group smaller than five
organisations (``results``).
"""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.personal_data import About, declare, declare_activity, declare_not_personal

declare_activity(
    "surveys",
    name=_("Befragungen der Organisationen"),
    purpose=_(
        "Organisationen eines Netzwerks befragen: Einladung und Erinnerung per E-Mail mit einem "
        "persönlichen Link, Antworten speichern und zusammengefasst auswerten."
    ),
    legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit dem kommunalen Aufgabenrecht"),
    recipients=_("Administration und Koordination des befragenden Netzwerks"),
    retention_note=_("Solange die Befragung besteht; Freitextantworten werden mit der Befragung gelöscht."),
)

declare(
    "surveys.Survey",
    fields={"created_by": About.ACTOR},
    person_lookups=["created_by"],
    not_personal=["title", "introduction", "translations"],
    activity="surveys",
)
declare_not_personal(
    "surveys.SurveySection",
    reason="a heading of a questionnaire",
    not_personal=["title", "description", "translations"],
)
declare_not_personal(
    "surveys.SurveyQuestion",
    reason="a question of a questionnaire",
    not_personal=["text", "help_text", "translations"],
)
declare_not_personal(
    "surveys.SurveyOption", reason="an answer to choose", not_personal=["label", "translations"]
)
declare(
    "surveys.SurveyInvitation",
    fields={"email": About.CONTACT_PERSON},
    email_lookups=["email"],
    activity="surveys",
)
declare_not_personal("surveys.SurveyResponse", reason="an organisation's answer sheet and its profile")
declare("surveys.SurveyAnswer", fields={"text": About.NAMED}, activity="surveys")
