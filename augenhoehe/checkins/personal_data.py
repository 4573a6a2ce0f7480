"""What the check-ins keep about people: the partner's contact (name, address), who started a
check-in and who answered it for the network, and comments that may name people."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.personal_data import About, declare, declare_activity, declare_not_personal
from augenhoehe.core.rights import register_eraser

declare_activity(
    "checkins",
    name=_("Check-ins zu Kooperationen"),
    purpose=_(
        "Beide Seiten einer Kooperation bewerten sie regelmäßig; die Ansprechperson der Organisation "
        "bekommt dafür einen persönlichen Link per E-Mail, ohne Zugang zur Plattform."
    ),
    legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit dem kommunalen Aufgabenrecht"),
    recipients=_("Administration und Koordination des jeweiligen Netzwerks"),
    retention_note=_(
        "Name und E-Mail der Ansprechperson bis 180 Tage nach dem Ende der Kooperation (oder bis die "
        "Organisation nicht mehr Partnerin ist); Bewertungen, solange die Kooperation dokumentiert wird."
    ),
)

declare_not_personal("checkins.CheckinPlan", reason="the interval of a cooperation's check-ins; no person")
declare(
    "checkins.CheckinContact",
    fields={"name": About.CONTACT_PERSON, "email": About.CONTACT_PERSON},
    email_lookups=["email"],
    activity="checkins",
)
declare(
    "checkins.Checkin",
    fields={"created_by": About.ACTOR},
    person_lookups=["created_by"],
    activity="checkins",
)
declare_not_personal(
    "checkins.CheckinLink",
    reason="a hash of a link's secret, its language and dates; whom it went to is the contact's row",
)
declare(
    "checkins.Response",
    fields={"respondent": About.ACTOR},
    person_lookups=["respondent"],
    activity="checkins",
)
declare(
    "checkins.Rating",
    # A comment may name people ("Frau K. war nie erreichbar").
    fields={"comment": About.NAMED},
    person_lookups=["response__respondent"],
    activity="checkins",
)


def _erase_contact(declaration, person, actor) -> int:
    """A contact erased on request is forgotten altogether: a row without name and address is of
    no use (the staff name a new one); links already sent stay valid until they expire."""
    from augenhoehe.core.rights import naming

    count = 0
    for contact in naming(declaration, person):
        contact.delete()
        count += 1
    return count


register_eraser("checkins.CheckinContact", _erase_contact)
