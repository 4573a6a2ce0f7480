"""What the directory keeps about people: an organisation's contact person, its representatives, notes."""

from augenhoehe.core.personal_data import About, declare, declare_not_personal

declare(
    "directory.Organisation",
    fields={
        "contact_person": About.CONTACT_PERSON,
        "email": About.CONTACT_PERSON,
        "phone": About.CONTACT_PERSON,
        "street": About.CONTACT_PERSON,
        "representatives": About.ACCOUNT_HOLDER,
        "confirmed_by": About.ACCOUNT_HOLDER,
    },
    person_lookups=["representatives", "confirmed_by"],
    # An association's name and its self-description are what it publishes about itself.
    not_personal={"name", "short_name", "name_folded", "description", "search_document"},
)
declare(
    "directory.Representation",
    # Which associations a person acts for, and as what.
    fields={"user": About.ACCOUNT_HOLDER},
    person_lookups=["user"],
)
declare(
    "directory.InternalNote",
    fields={"text": About.NAMED, "author": About.AUTHOR},
    person_lookups=["author"],
)
declare(
    "directory.ChangeSuggestion",
    # The reasons are free text that may name people; author and reviewer are staff accounts.
    fields={
        "message": About.NAMED,
        "reason": About.NAMED,
        "author": About.AUTHOR,
        "reviewed_by": About.ACTOR,
    },
    person_lookups=["author", "reviewed_by"],
)
declare_not_personal("directory.Tag", reason="vocabulary codes of a profile")
declare_not_personal("directory.UmbrellaMembership", reason="links between organisations")
