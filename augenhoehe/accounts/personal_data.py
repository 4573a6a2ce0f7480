"""What accounts keeps about people: the account holder's own data, the networks they work for, invitations."""

from augenhoehe.core.personal_data import About, declare, declare_not_personal

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
)
declare(
    "accounts.NetworkMembership",
    # For whom a person works, and as what: the person's own data, kept while they work there.
    fields={"user": About.ACCOUNT_HOLDER},
    person_lookups=["user"],
)
declare(
    "accounts.Invitation",
    # Whom a network invited (an address, perhaps of no account yet), who invited and who accepted.
    fields={"email": About.INVITEE, "invited_by": About.ACTOR, "accepted_by": About.ACCOUNT_HOLDER},
    person_lookups=["invited_by", "accepted_by"],
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
declare("axes.AccessAttempt", fields={**_TRIED, "get_data": About.NAMED, "post_data": About.NAMED})
declare("axes.AccessFailureLog", fields=_TRIED)
declare("axes.AccessLog", fields={**_TRIED, "session_hash": About.ACCOUNT_HOLDER})
declare_not_personal("axes.AccessAttemptExpiration", reason="when a try expires")

# Second factors: the person's own devices (a TOTP app's secret, passkeys, recovery codes).
declare(
    "otp_totp.TOTPDevice",
    fields={"user": About.ACCOUNT_HOLDER, "name": About.ACCOUNT_HOLDER},
    person_lookups=["user"],
)
declare(
    "otp_static.StaticDevice",
    fields={"user": About.ACCOUNT_HOLDER, "name": About.ACCOUNT_HOLDER},
    person_lookups=["user"],
)
declare("otp_static.StaticToken", fields={"token": About.ACCOUNT_HOLDER}, person_lookups=["device__user"])
declare(
    "django_otp_webauthn.WebAuthnCredential",
    fields={"user": About.ACCOUNT_HOLDER, "name": About.ACCOUNT_HOLDER, "public_key": About.ACCOUNT_HOLDER},
    person_lookups=["user"],
)
declare(
    "django_otp_webauthn.WebAuthnAttestation",
    fields={"data": About.ACCOUNT_HOLDER, "client_data_json": About.ACCOUNT_HOLDER},
    person_lookups=["credential__user"],
)
declare(
    "django_otp_webauthn.WebAuthnUserHandle", fields={"user": About.ACCOUNT_HOLDER}, person_lookups=["user"]
)
