"""What accounts keeps about people: the account holder's own data, the networks they work for, invitations."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.personal_data import About, declare, declare_activity

declare_activity(
    "accounts",
    name=_("Zugänge, Rollen und Einladungen"),
    purpose=_(
        "Anmeldung der Mitarbeitenden der Netzwerke und der Vertretungen von Organisationen; "
        "wer in welchem Netzwerk welche Rechte hat; Einladungen neuer Mitarbeitender."
    ),
    legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit dem Landesrecht; lit. b für Vertretungen"),
    recipients=_("Administration des jeweiligen Netzwerks"),
    retention_note=_(
        "Solange der Zugang besteht; bei Löschung wird das Konto anonymisiert, damit das Protokoll "
        "„jemand hat gehandelt“ behält."
    ),
)
declare(
    "accounts.User",
    fields={
        "username": About.ACCOUNT_HOLDER,
        "first_name": About.ACCOUNT_HOLDER,
        "last_name": About.ACCOUNT_HOLDER,
        "email": About.ACCOUNT_HOLDER,
        "last_login": About.ACCOUNT_HOLDER,
    },
    person_lookups=["pk"],
    activity="accounts",
    email_lookups=["email"],
    secret=["password"],
)
declare(
    "accounts.NetworkMembership",
    # For whom a person works, and as what: the person's own data, kept while they work there.
    fields={"user": About.ACCOUNT_HOLDER},
    person_lookups=["user"],
    activity="accounts",
)
declare(
    "accounts.Invitation",
    # Whom a network invited (an address, perhaps of no account yet), who invited and who accepted.
    fields={"email": About.INVITEE, "invited_by": About.ACTOR, "accepted_by": About.ACCOUNT_HOLDER},
    person_lookups=["invited_by", "accepted_by"],
    activity="accounts",
    email_lookups=["email"],
    secret=["token_hash"],
)
