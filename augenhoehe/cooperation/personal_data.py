"""What the cooperation app keeps about people: who reviewed, approved, created or moved what."""

from augenhoehe.core.personal_data import About, declare, declare_not_personal

declare(
    "cooperation.Vetting",
    # The sources may name the people asked (an Integrationsbeauftragte, a contact at the umbrella).
    fields={"reviewer": About.ACTOR, "approved_by": About.ACTOR, "sources": About.NAMED},
    person_lookups=["reviewer", "approved_by"],
)
declare(
    "cooperation.Cooperation",
    fields={"created_by": About.ACTOR},
    person_lookups=["created_by"],
    # Goals describe what the office and the association want to achieve, not people.
    not_personal={"title", "network_goals", "mso_gain", "mso_goals"},
)
declare(
    "cooperation.StageChange",
    fields={"actor": About.ACTOR, "note": About.NAMED},
    person_lookups=["actor"],
)
declare_not_personal("cooperation.Partner", reason="links between a cooperation and organisations")
