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
    not_personal={"title", "network_goals", "mso_gain", "mso_goals"},
)
declare(
    "cooperation.StageChange",
    fields={"actor": About.ACTOR, "note": About.NAMED},
    person_lookups=["actor"],
    activity="cooperation",
)
declare_not_personal("cooperation.Partner", reason="links between a cooperation and organisations")
declare_not_personal(
    "cooperation.FundingPeriod", reason="source, amount and dates of a cooperation's funding; no person"
)
