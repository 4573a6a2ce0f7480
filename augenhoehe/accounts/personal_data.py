"""What accounts keeps about people: the account holder's own data, the networks they work for, invitations."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.personal_data import About, declare, declare_activity, declare_not_personal

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
        "language": About.ACCOUNT_HOLDER,
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

declare_activity(
    "sign_in_security",
    name=_("Anmeldesicherheit"),
    purpose=_(
        "Schutz der Zugänge: Sperre nach zu vielen falschen Passwörtern, zweiter Faktor "
        "(Authenticator-App, Passkeys, Wiederherstellungscodes)."
    ),
    legal_basis=_("Art. 6 Abs. 1 lit. e und Art. 32 DSGVO (Sicherheit der Verarbeitung)"),
    recipients=_("niemand; nur die Anwendung selbst"),
    retention_note=_(
        "Anmeldeversuche bis zum Ende der Sperrfrist oder bis zur nächsten erfolgreichen Anmeldung; "
        "zweite Faktoren, bis die Person sie entfernt oder ihr Zugang gelöscht wird."
    ),
)

# Sign-in throttling (django-axes): tries at a username from an address, kept until the cool-off
# ends or a successful sign-in clears them. They name whoever typed, not necessarily the account's owner.
_TRIED: dict[str, str] = {
    "username": About.NAMED,
    "ip_address": About.NAMED,
    "user_agent": About.NAMED,
    "http_accept": About.NAMED,
    "path_info": About.NAMED,
}
declare(
    "axes.AccessAttempt",
    fields={**_TRIED, "get_data": About.NAMED, "post_data": About.NAMED},
    activity="sign_in_security",
    username_lookups=["username"],
)
declare("axes.AccessFailureLog", fields=_TRIED, activity="sign_in_security", username_lookups=["username"])
declare(
    "axes.AccessLog",
    fields={**_TRIED, "session_hash": About.ACCOUNT_HOLDER},
    activity="sign_in_security",
    username_lookups=["username"],
)
declare_not_personal("axes.AccessAttemptExpiration", reason="when a try expires")

# Second factors: the person's own devices (a TOTP app's secret, passkeys, recovery codes).
declare(
    "otp_totp.TOTPDevice",
    fields={"user": About.ACCOUNT_HOLDER, "name": About.ACCOUNT_HOLDER},
    person_lookups=["user"],
    activity="sign_in_security",
    secret=["key"],
)
declare(
    "otp_static.StaticDevice",
    fields={"user": About.ACCOUNT_HOLDER, "name": About.ACCOUNT_HOLDER},
    person_lookups=["user"],
    activity="sign_in_security",
)
declare(
    "otp_static.StaticToken",
    fields={"token": About.ACCOUNT_HOLDER},
    person_lookups=["device__user"],
    activity="sign_in_security",
    secret=["token"],
)
declare(
    "django_otp_webauthn.WebAuthnCredential",
    fields={"user": About.ACCOUNT_HOLDER, "name": About.ACCOUNT_HOLDER, "public_key": About.ACCOUNT_HOLDER},
    person_lookups=["user"],
    activity="sign_in_security",
)
declare(
    "django_otp_webauthn.WebAuthnAttestation",
    fields={"data": About.ACCOUNT_HOLDER, "client_data_json": About.ACCOUNT_HOLDER},
    person_lookups=["credential__user"],
    activity="sign_in_security",
)
declare(
    "django_otp_webauthn.WebAuthnUserHandle",
    fields={"user": About.ACCOUNT_HOLDER},
    person_lookups=["user"],
    activity="sign_in_security",
)
