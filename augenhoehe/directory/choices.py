"""The controlled vocabularies of an organisation profile (see DESIGN.md).

Codes are stable English slugs; labels are German source strings.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.languages import Language


class Kind(models.TextChoices):
    CULTURAL = "cultural", _("Kulturverein")
    RELIGIOUS = "religious", _("Religiöser Verein / Religionsgemeinschaft")
    POLITICAL = "political", _("Politischer Verein")
    LEISURE_SPORT = "leisure_sport", _("Freizeit- und Sportverein")
    PARENTS = "parents", _("Elternverein")
    UMBRELLA = "umbrella", _("Dachverband / Netzwerk")
    OTHER = "other", _("Sonstige")


class SelfUnderstanding(models.TextChoices):
    RELIGIOUS = "religious", _("religiös")
    POLITICAL = "political", _("politisch")
    CULTURAL = "cultural", _("kulturell")
    SOCIAL = "social", _("sozial")
    NATIONAL = "national", _("national")
    MIXED = "mixed", _("gemischt")


class SvrType(models.TextChoices):
    """Second axis after SVR 2020."""

    INTERESTS = "interests", _("Interessenvertretung")
    CULTURE = "culture", _("Kulturpflege")
    MULTIFUNCTIONAL = "multifunctional", _("Multifunktional / Teilhabe")


class Function(models.TextChoices):
    HOMEMAKING = "homemaking", _("Beheimatung")
    SERVICES = "services", _("Dienstleistungen")
    HINGE = "hinge", _("Scharnier (Zugang zum Sozial- und Hilfesystem)")
    ADVOCACY = "advocacy", _("Interessenvertretung")


class Field(models.TextChoices):
    CULTURE = "culture", _("Kultur")
    ENCOUNTER = "encounter", _("Begegnung")
    RELIGION = "religion", _("Religion")
    SPORT = "sport", _("Sport")
    COUNSELLING = "counselling", _("Beratung")
    CARE = "care", _("Betreuung und Unterstützung")
    POLITICS = "politics", _("Politik")
    EDUCATION = "education", _("Bildung")
    HUMANITARIAN = "humanitarian", _("Humanitäre Hilfe")
    LEISURE = "leisure", _("Freizeit")
    EARLY_CHILDHOOD = "early_childhood", _("Frühkindliche Bildung / Kita")
    LANGUAGE_COURSES = "language_courses", _("Sprachkurse")
    LABOUR_MARKET = "labour_market", _("Arbeitsmarkt")
    REFUGEE_AID = "refugee_aid", _("Flüchtlingshilfe")
    YOUTH = "youth", _("Jugend")
    WOMEN = "women", _("Frauen")
    PARENTS = "parents", _("Eltern")
    ANTI_DISCRIMINATION = "anti_discrimination", _("Antidiskriminierung")
    PREVENTION = "prevention", _("Prävention")


class TargetGroup(models.TextChoices):
    FAMILIES_YOUNG_CHILDREN = "families_young_children", _("Familien mit kleinen Kindern")
    YOUNG_PEOPLE = "young_people", _("Junge Menschen")
    REFUGEES = "refugees", _("Geflüchtete")
    WOMEN = "women", _("Frauen")
    OLDER_PEOPLE = "older_people", _("Ältere Menschen")
    DISABILITIES = "disabilities", _("Menschen mit Behinderung")
    PARENTS = "parents", _("Eltern")
    NEWLY_ARRIVED = "newly_arrived", _("Neuzugewanderte")


class Level(models.TextChoices):
    NEIGHBOURHOOD = "neighbourhood", _("Stadtteil")
    MUNICIPAL = "municipal", _("Kommune")
    DISTRICT = "district", _("Kreis")
    STATE = "state", _("Land")
    FEDERAL = "federal", _("Bund")
    INTERNATIONAL = "international", _("International")


class ActiveIn(models.TextChoices):
    GERMANY = "germany", _("in Deutschland")
    ORIGIN = "origin", _("im Herkunftsland")
    BOTH = "both", _("in Deutschland und im Herkunftsland")


class Staffing(models.TextChoices):
    VOLUNTEERS_ONLY = "volunteers_only", _("nur Ehrenamtliche")
    MIXED = "mixed", _("Ehren- und Hauptamtliche")
    MAINLY_PAID = "mainly_paid", _("überwiegend Hauptamtliche")


class VolunteersBand(models.TextChoices):
    UNDER_10 = "lt10", _("unter 10")
    FROM_10 = "10_20", _("10–20")
    FROM_21 = "21_40", _("21–40")
    OVER_40 = "41plus", _("41 und mehr")


class EmployeesBand(models.TextChoices):
    NONE = "0", _("keine")
    ONE = "1", _("1")
    FROM_2 = "2_5", _("2–5")
    OVER_5 = "6plus", _("6 und mehr")


class LegalForm(models.TextChoices):
    EV = "ev", _("eingetragener Verein (e. V.)")
    GGMBH = "ggmbh", _("gGmbH")
    FOUNDATION = "foundation", _("Stiftung")
    KDOER = "kdoer", _("Religionsgemeinschaft (KdöR)")
    UNREGISTERED = "unregistered", _("nicht eingetragene Gruppe")
    OTHER = "other", _("sonstige")


class Criterion(models.TextChoices):
    YES = "yes", _("ja")
    NO = "no", _("nein")
    UNKNOWN = "unknown", _("unbekannt")


class CriteriaResult(models.TextChoices):
    MET = "met", _("erfüllt")
    NOT_MET = "not_met", _("nicht erfüllt")
    OPEN = "open", _("offen")


class PublicField(models.TextChoices):
    """Profile fields an organisation may choose to show the public.

    Name, kind, description, place, vocabularies and umbrella memberships are always
    public once a profile is published. The self-understanding can say what the
    organisation's members believe (religious, political): a special category of
    personal data (GDPR Art. 9), so it is public only where the organisation chose so.
    """

    STREET = "street", _("Straße und Hausnummer")
    EMAIL = "email", _("E-Mail")
    PHONE = "phone", _("Telefon")
    WEBSITE = "website", _("Website")
    CONTACT_PERSON = "contact_person", _("Ansprechperson")
    LEGAL = "legal", _("Rechtsform und Gründungsjahr")
    STAFFING = "staffing", _("Personal und Mitglieder")
    CRITERIA = "criteria", _("MSO-Kriterien")
    ORIENTATION = "orientation", _("Selbstverständnis (religiös, politisch …)")


# Vocabularies of the multi-valued tag schemes; countries are ISO 3166 codes (django-countries).
TAG_VOCABULARIES: dict[str, type[models.TextChoices]] = {
    "function": Function,
    "field": Field,
    "target_group": TargetGroup,
    "language": Language,
}
