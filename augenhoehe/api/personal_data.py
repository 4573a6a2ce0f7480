"""What the API keeps about people: who issued a token."""

from augenhoehe.core.personal_data import About, declare

declare(
    "api.ApiToken",
    fields={"created_by": About.ACTOR},
    person_lookups=["created_by"],
    not_personal={"name"},  # the name of a client system
)
