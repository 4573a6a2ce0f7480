"""What the directory keeps about people: an organisation's contact person, its representatives, notes."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.personal_data import About, declare, declare_activity, declare_not_personal

declare_activity(
    "directory",
    name=_("Verzeichnis der Migrantenselbstorganisationen"),
    purpose=_(
        "Organisationen finden, prüfen und mit ihnen zusammenarbeiten: Ansprechpersonen und Kontaktdaten, "
        "wer eine Organisation vertritt, interne Notizen eines Netzwerks."
    ),
    legal_basis=_(
        "Art. 6 Abs. 1 lit. e DSGVO; für veröffentlichte Kontaktdaten die Entscheidung der Organisation "
        "(Art. 6 Abs. 1 lit. a bzw. f DSGVO)"
    ),
    recipients=_(
        "Mitarbeitende aller Netzwerke; veröffentlichte Angaben die Öffentlichkeit; Notizen nur das "
        "schreibende Netzwerk"
    ),
    retention_note=_("Solange die Organisation im Verzeichnis steht oder bis zur Löschung auf Antrag."),
)

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
    activity="directory",
    email_lookups=["email"],
    # An association's name and its self-description are what it publishes about itself.
    not_personal={"name", "short_name", "name_folded", "description", "search_document"},
)
declare(
    "directory.Representation",
    # Which associations a person acts for, and as what.
    fields={"user": About.ACCOUNT_HOLDER},
    person_lookups=["user"],
    activity="directory",
)
declare(
    "directory.InternalNote",
    fields={"text": About.NAMED, "author": About.AUTHOR},
    person_lookups=["author"],
    activity="directory",
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
    activity="directory",
)
declare(
    "directory.ProfileProposal",
    # A representative's proposal of the reviewed fields (the contact's street among them) and the
    # network's answer; author and reviewer are accounts.
    fields={
        "fields": About.CONTACT_PERSON,
        "previous": About.CONTACT_PERSON,
        "message": About.NAMED,
        "reason": About.NAMED,
        "author": About.AUTHOR,
        "reviewed_by": About.ACTOR,
    },
    person_lookups=["author", "reviewed_by"],
    activity="directory",
)
declare_not_personal("directory.Tag", reason="vocabulary codes of a profile")
declare_not_personal("directory.UmbrellaMembership", reason="links between organisations")
