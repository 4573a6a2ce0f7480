"""What the cooperation app keeps about people: who reviewed, approved, created or moved what."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.personal_data import About, declare, declare_activity, declare_not_personal

declare_activity(
    "cooperation",
    name=_("Prüfung von Organisationen und Kooperationen"),
    purpose=_(
        "Vertrauliche Prüfung einer Organisation durch ein Netzwerk (Vier-Augen-Prinzip) und die "
        "Zusammenarbeit mit ihr: Ziele beider Seiten, Phasen und wer was wann festgehalten hat."
    ),
    legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit dem kommunalen Aufgabenrecht"),
    recipients=_("Administration und Koordination des jeweiligen Netzwerks; Prüfungen nie der Organisation"),
    retention_note=_("Solange die Kooperation dokumentiert werden muss oder bis zur Löschung auf Antrag."),
)

declare(
    "cooperation.Vetting",
    # The sources may name the people asked (an Integrationsbeauftragte, a contact at the umbrella).
    fields={"reviewer": About.ACTOR, "approved_by": About.ACTOR, "sources": About.NAMED},
    person_lookups=["reviewer", "approved_by"],
    activity="cooperation",
)
declare(
    "cooperation.Cooperation",
    fields={"created_by": About.ACTOR},
    person_lookups=["created_by"],
    activity="cooperation",
    # Goals describe what the office and the association want to achieve, not people.
    not_personal={"title", "network_goals", "mso_gain", "contacts"},
)
declare(
    "cooperation.StageChange",
    fields={"actor": About.ACTOR, "note": About.NAMED},
    person_lookups=["actor"],
    activity="cooperation",
)
declare_not_personal(
    "cooperation.FundingPeriod", reason="source, amount and dates of a cooperation's funding; no person"
)
declare(
    "cooperation.Partner",
    fields={"goals_changed_by": About.ACTOR},
    person_lookups=["goals_changed_by"],
    activity="cooperation",
    # What an organisation wants to reach with a cooperation, not about a person.
    not_personal={"goals"},
)
declare(
    "cooperation.ContactEntry",
    # Who met whom: the network's person, the people at the organisation, and what was said.
    fields={
        "person": About.ACTOR,
        "recorded_by": About.ACTOR,
        "with_whom": About.NAMED,
        "outcome": About.NAMED,
        "next_step": About.NAMED,
    },
    person_lookups=["person", "recorded_by"],
    activity="cooperation",
)
declare(
    "cooperation.Task",
    fields={"owner": About.ACTOR, "done_by": About.ACTOR, "created_by": About.ACTOR, "title": About.NAMED},
    person_lookups=["owner", "done_by", "created_by"],
    activity="cooperation",
)
declare(
    "cooperation.Document",
    # An agreement or minutes name the people who signed or met.
    fields={
        "uploaded_by": About.UPLOADER,
        "content": About.NAMED,
        "title": About.NAMED,
        "filename": About.NAMED,
    },
    person_lookups=["uploaded_by"],
    activity="cooperation",
)
declare(
    "cooperation.Compensation",
    fields={"created_by": About.ACTOR, "note": About.NAMED},
    person_lookups=["created_by"],
    activity="cooperation",
)
declare(
    "cooperation.Comment",
    fields={"author": About.AUTHOR, "text": About.NAMED},
    person_lookups=["author"],
    activity="cooperation",
)
