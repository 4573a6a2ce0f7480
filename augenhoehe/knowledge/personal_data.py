"""What the knowledge base keeps about people: who wrote and who reviewed an answer."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.personal_data import About, declare, declare_activity

declare_activity(
    "knowledge",
    name=_("Wissen der Communities zu den zentralen Fragen"),
    purpose=_(
        "Organisationen beantworten die zentralen Fragen des Bundesprogramms „Kita-Einstieg“ für ihre "
        "Community; das Netzwerk prüft die Antworten, bevor sie öffentlich werden."
    ),
    legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit dem kommunalen Aufgabenrecht"),
    recipients=_(
        "Veröffentlichte Antworten: alle, mit der Organisation als Verfasserin (nie die Person). "
        "Vor der Veröffentlichung: die Organisation und das prüfende Netzwerk."
    ),
    retention_note=_(
        "Solange die Organisation die Antwort nicht zurückzieht oder die Löschung beantragt wird."
    ),
)

declare(
    "knowledge.Answer",
    # The reason for a return is free text by the network's staff and may name someone.
    fields={"author": About.AUTHOR, "reviewer": About.ACTOR, "return_reason": About.NAMED},
    person_lookups=["author", "reviewer"],
    activity="knowledge",
    # What a community knows about education and childcare, written for the public: about no person.
    not_personal={"text", "text_folded"},
)
