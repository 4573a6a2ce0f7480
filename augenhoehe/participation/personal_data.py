"""What an organisation's own participation keeps about people: whom it invited, who asked to be
listed, and to which addresses a reminder went."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.personal_data import About, declare, declare_activity, declare_not_personal

declare_activity(
    "participation",
    name=_("Mitwirkung der Organisationen"),
    purpose=_(
        "Organisationen pflegen ihr eigenes Profil: Menschen der Organisation einladen, die Aufnahme "
        "ins Verzeichnis beantragen, an die Aktualität der Angaben erinnern."
    ),
    legal_basis=_(
        "Art. 6 Abs. 1 lit. a DSGVO (Einwilligung beim Antrag auf Aufnahme); sonst Art. 6 Abs. 1 lit. e DSGVO"
    ),
    recipients=_(
        "Die Vertretung der Organisation; die Koordination der Netzwerke, die für ihren Kreis zuständig sind"
    ),
    retention_note=_(
        "Einladungen bis zur Annahme oder zum Ablauf, abgelehnte Anträge ein halbes Jahr, Erinnerungen "
        "zwei Jahre."
    ),
)

declare(
    "participation.RepresentativeInvitation",
    fields={"email": About.INVITEE, "invited_by": About.ACTOR, "accepted_by": About.ACCOUNT_HOLDER},
    person_lookups=["invited_by", "accepted_by"],
    email_lookups=["email"],
    activity="participation",
)
declare(
    "participation.ListingRequest",
    fields={
        "contact_name": About.CONTACT_PERSON,
        "contact_email": About.CONTACT_PERSON,
        "contact_language": About.CONTACT_PERSON,
        "description": About.NAMED,
        "reason": About.NAMED,
        "reviewed_by": About.ACTOR,
    },
    person_lookups=["reviewed_by"],
    email_lookups=["contact_email"],
    # What the organisation is called is what it publishes about itself.
    not_personal={"name"},
    activity="participation",
)
declare(
    "participation.ProfileReminder",
    fields={"recipients": About.CONTACT_PERSON},
    activity="participation",
)
declare_not_personal(
    "participation.UsedChallenge", reason="a hash of a used robot-check challenge; it names no one"
)
