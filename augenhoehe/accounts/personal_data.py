"""What accounts keeps about people: the account holder's own data, the networks they work for, invitations."""

from augenhoehe.core.personal_data import About, declare

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
