"""What the API keeps about people: who issued a token."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.personal_data import About, declare, declare_activity

declare_activity(
    "api",
    name=_("Zugänge anderer Systeme (API)"),
    purpose=_(
        "Andere Systeme eines Netzwerks lesen und schreiben Profile; wer einen Zugang ausgestellt hat."
    ),
    legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO"),
    recipients=_("Administration des jeweiligen Netzwerks"),
    retention_note=_("Solange der Zugang besteht; widerrufene Zugänge bleiben als Nachweis."),
)
declare(
    "api.ApiToken",
    fields={"created_by": About.ACTOR},
    person_lookups=["created_by"],
    not_personal={"name"},  # the name of a client system
    activity="api",
    secret=["key_hash"],
)
