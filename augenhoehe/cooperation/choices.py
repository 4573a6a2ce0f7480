"""The cooperation app's vocabularies: stable English codes, German labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VettingStatus(models.TextChoices):
    """Where a network's review of an organisation stands (seed 000, footnote 3)."""

    NOT_REVIEWED = "not_reviewed", _("nicht geprüft")
    IN_REVIEW = "in_review", _("in Prüfung")
    NO_CONCERNS = "no_concerns", _("keine Bedenken")
    CONCERNS = "concerns", _("Bedenken")


# A result of the review takes effect only once a second person of the network approves it.
DECISIONS = frozenset({VettingStatus.NO_CONCERNS, VettingStatus.CONCERNS})


class VettingCheck(models.TextChoices):
    """What was checked, after the guide's footnote 3."""

    UMBRELLA = "umbrella", _("Dachverband geprüft")
    INTEGRATION_OFFICER = "integration_officer", _("Integrationsbeauftragte gefragt")
    CONSTITUTION_PROTECTION = "constitution_protection", _("Verfassungsschutzbericht geprüft")
    POLICE_MIGRATION_OFFICER = "police_migration_officer", _("Migrationsbeauftragte der Polizei gefragt")
    PUBLIC_SOURCES = "public_sources", _("Öffentliche Quellen (Website, Vereinsregister, Presse)")
    PERSONAL_CONTACT = "personal_contact", _("Persönliches Gespräch mit der MSO")


class Topic(models.TextChoices):
    """What a cooperation is about; the guide's examples first."""

    KITA_ENTRY = "kita_entry", _("Kita-Einstieg")
    PARENTS_EVENING = "parents_evening", _("Informationsabend für Eltern")
    WOMENS_BRUNCH = "womens_brunch", _("Frauenbrunch")
    INTERPRETING = "interpreting", _("Sprachmittlung und Dolmetschen")
    SCHOOL = "school", _("Schule und Bildung")
    COUNSELLING = "counselling", _("Beratung und Begleitung")
    OTHER = "other", _("Sonstiges")


class Stage(models.TextChoices):
    """The steps of a cooperation, after the guide's "Erste Schritte" and what follows them."""

    GOALS_DEFINED = "goals_defined", _("Ziele definiert")
    MSO_FOUND = "mso_found", _("MSO gefunden")
    FIRST_CONTACT = "first_contact", _("Erstkontakt")
    AGREED = "agreed", _("vereinbart")
    ACTIVE = "active", _("aktiv")
    EVALUATED = "evaluated", _("ausgewertet")
    ENDED = "ended", _("beendet")


# Where a cooperation may go from each stage: the next step, one step back to correct a mistake
# before anything was agreed, or an end at any time. "ausgewertet" and "beendet" are final.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Stage.GOALS_DEFINED: (Stage.MSO_FOUND, Stage.ENDED),
    Stage.MSO_FOUND: (Stage.FIRST_CONTACT, Stage.GOALS_DEFINED, Stage.ENDED),
    Stage.FIRST_CONTACT: (Stage.AGREED, Stage.MSO_FOUND, Stage.ENDED),
    Stage.AGREED: (Stage.ACTIVE, Stage.ENDED),
    Stage.ACTIVE: (Stage.EVALUATED, Stage.ENDED),
    Stage.EVALUATED: (),
    Stage.ENDED: (),
}
# From "MSO gefunden" on, a cooperation names at least one organisation.
NEEDS_PARTNER = frozenset(set(Stage.values) - {Stage.GOALS_DEFINED, Stage.ENDED})

# The guide's advice for each stage (seed 000, part II and III), shown beside the stage.
ADVICE: dict[str, object] = {
    Stage.GOALS_DEFINED: _(
        "Legen Sie fest, was die Kooperation erreichen soll – und was sie der MSO bringt. Der "
        "Mehrwert muss für beide Seiten klar sein, damit sich der Einsatz von Ressourcen lohnt."
    ),
    Stage.MSO_FOUND: _(
        "Welche MSOs sind in der Region aktiv? Sind sie verbandlich organisiert, kulturell, politisch "
        "oder religiös geprägt, ehrenamtlich oder hauptamtlich? Prüfen Sie, zu welchem Dachverband die "
        "MSO gehört; im Zweifel helfen die Integrationsbeauftragten."
    ),
    Stage.FIRST_CONTACT: _(
        "Suchen Sie das persönliche Gespräch: am besten bei der MSO vor Ort und gemeinsam mit einer "
        "Person, der die MSO vertraut. Eine erfolgreiche Zusammenarbeit kann nur auf Augenhöhe erfolgen."
    ),
    Stage.AGREED: _(
        "Halten Sie fest, was jede Seite beiträgt und bekommt. Bedenken Sie die unterschiedliche "
        "Ausstattung mit Ressourcen: Viele MSOs arbeiten ehrenamtlich."
    ),
    Stage.ACTIVE: _(
        "Motivation beider Seiten, gegenseitiges Interesse, offene und transparente Kommunikation und "
        "Vertrauen tragen die Zusammenarbeit. Entwickeln Sie Angebote gemeinsam, damit sich die MSO "
        "nicht als bloßer Zugang zur Zielgruppe benutzt fühlt."
    ),
    Stage.EVALUATED: _(
        "Werten Sie gemeinsam mit der MSO aus: Was hat jede Seite erreicht, was nehmen Sie beide für "
        "die nächste Zusammenarbeit mit?"
    ),
    Stage.ENDED: _(
        "Beenden Sie eine Kooperation im Gespräch und sagen Sie, warum. Ein offener Abschluss erhält "
        "das Vertrauen für eine spätere Zusammenarbeit."
    ),
}


class FundingSource(models.TextChoices):
    """Where the money for a cooperation comes from."""

    STATE = "state", _("Landesprogramm (z. B. KOMM-AN NRW)")
    FEDERAL = "federal", _("Bundesprogramm")
    FOUNDATION = "foundation", _("Stiftung")
    MUNICIPALITY = "municipality", _("Kommune")
    OTHER = "other", _("Sonstige")


# "Förderung endet bald": funding that ends within this many days with nothing to follow.
FUNDING_WARNING_DAYS = 90


class ContactKind(models.TextChoices):
    """How the network was in touch with an organisation."""

    VISIT = "visit", _("Besuch bei der MSO")
    MEETING = "meeting", _("Treffen")
    CALL = "call", _("Telefonat")
    MAIL = "mail", _("E-Mail oder Brief")
    MESSAGE = "message", _("Nachricht (Messenger)")
    EVENT = "event", _("Bei einer Veranstaltung")


class DocumentKind(models.TextChoices):
    AGREEMENT = "agreement", _("Kooperationsvereinbarung")
    MINUTES = "minutes", _("Protokoll")
    CONCEPT = "concept", _("Konzept oder Planung")
    RECEIPT = "receipt", _("Beleg oder Abrechnung")
    OTHER = "other", _("Sonstiges")


class CompensationKind(models.TextChoices):
    """What volunteer work of an organisation is compensated with."""

    EXPENSE_ALLOWANCE = "expense_allowance", _("Aufwandsentschädigung")
    FEE = "fee", _("Honorar")
    ROOM = "room", _("Raumkosten")
    TRAVEL = "travel", _("Fahrtkosten")
    MATERIAL = "material", _("Sachkosten")
    OTHER = "other", _("Sonstiges")


class CompensationStatus(models.TextChoices):
    PLANNED = "planned", _("geplant")
    PROMISED = "promised", _("zugesagt")
    CLAIMED = "claimed", _("abgerechnet")
    PAID = "paid", _("ausgezahlt")
