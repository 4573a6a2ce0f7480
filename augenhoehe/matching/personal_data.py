"""What the matching app keeps about people: who described a need, and what its text may name."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.personal_data import About, declare, declare_activity, declare_not_personal

declare_activity(
    "matching",
    name=_("Partnersuche für einen Bedarf"),
    purpose=_(
        "Mitarbeitende eines Netzwerks beschreiben einen Bedarf (Zielgruppe, Sprachen, Ort, Format) und "
        "finden passende Organisationen; aus einem Bedarf kann eine Kooperation beginnen."
    ),
    legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit dem kommunalen Aufgabenrecht"),
    recipients=_("Administration und Koordination des jeweiligen Netzwerks"),
    retention_note=_("Solange das Netzwerk den Bedarf für seine Kooperationen dokumentieren muss."),
)

declare(
    "matching.Need",
    # The description is free text by the network's staff and may name someone ("Frau K. fragt …").
    fields={"created_by": About.ACTOR, "description": About.NAMED},
    person_lookups=["created_by"],
    activity="matching",
)
declare_not_personal(
    "matching.OutreachOffer",
    reason="an organisation's public offer (format, languages, reach); written for the profile, about no person",
)
declare_not_personal("matching.Weights", reason="a network's numbers for its ranking")
