"""What the statistics keep about people: only who imported a table. The figures are about
regions, never about persons."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.personal_data import About, declare, declare_activity, declare_not_personal

declare_activity(
    "statistics",
    name=_("Regionalstatistik"),
    purpose=_(
        "Tabellen mit Zahlen je Region importieren und auswerten; festgehalten wird, wer importiert hat."
    ),
    legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit dem kommunalen Aufgabenrecht"),
    recipients=_("Administration und Koordination des jeweiligen Netzwerks"),
    retention_note=_(
        "Solange die Tabelle gebraucht wird; wer sie importiert hat, wird bei Löschung der Person entfernt."
    ),
)

declare(
    "statistics.StatisticsTable",
    fields={"created_by": About.ACTOR},
    person_lookups=["created_by"],
    # The source cites a published document ("Klie 2022, S. 30"), whose authors are public.
    not_personal=["source"],
    activity="statistics",
)
declare_not_personal("statistics.StatisticsColumn", reason="a printed column heading of a table of regions")
declare_not_personal("statistics.StatisticsRow", reason="a printed region name (a Land or a Kreis)")
declare_not_personal("statistics.StatisticsValue", reason="a printed figure about a region")
