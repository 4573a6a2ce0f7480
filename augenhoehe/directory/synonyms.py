"""Spellings people use for the values of the vocabularies, besides codes and labels.

Data only: ``vocabulary.py`` folds every spelling (case, umlauts, punctuation,
spaces) and adds the labels in every UI language, so "e.V.", "eV" and "e. V."
are one spelling here. A spelling listed for two codes of one vocabulary is
ambiguous on purpose: the import then asks which one is meant.
Languages and countries take their names from CLDR (Babel, see
docs/data-sources.md); what is listed here are the names CLDR does not know.
"""

from django.db import models

from augenhoehe.core.languages import Language

from . import choices

SYNONYMS: dict[type[models.TextChoices], dict[str, tuple[str, ...]]] = {
    choices.Kind: {
        "cultural": ("Kultur", "Kulturverein", "kulturell", "Kulturelle Vereinigung", "culture", "cultural association"),
        "religious": (
            "Religiös", "Religion", "religiöser Verein", "Religionsgemeinschaft", "Moscheeverein", "Moschee",
            "Moscheegemeinde", "Kirchengemeinde", "Gemeinde", "Cemevi", "Tempel", "religious", "mosque",
            "church", "religious community",
        ),
        "political": ("Politisch", "Politik", "politischer Verein", "political", "politics"),
        "leisure_sport": (
            "Sport", "Sportverein", "Freizeit", "Freizeitverein", "Fußballverein", "Sport und Freizeit",
            "sports club", "sports", "leisure",
        ),
        "parents": ("Eltern", "Elternverein", "Elterninitiative", "Elternnetzwerk", "parents", "parents association"),
        "umbrella": (
            "Dachverband", "Dachorganisation", "Netzwerk", "Verband", "Bundesverband", "Landesverband",
            "umbrella", "umbrella organisation", "umbrella organization", "network", "federation",
        ),
        "other": ("Sonstiges", "sonstige", "andere", "anderes", "other", "misc"),
    },
    choices.SelfUnderstanding: {
        "religious": ("religiös", "Religion", "religious"),
        "political": ("politisch", "Politik", "political"),
        "cultural": ("kulturell", "Kultur", "cultural"),
        "social": ("sozial", "Soziales", "social"),
        "national": ("national", "herkunftsbezogen"),
        "mixed": ("gemischt", "mehreres", "interkulturell", "mixed"),
    },
    choices.SvrType: {
        "interests": ("Interessen", "Interessenvertretung", "interests", "advocacy"),
        "culture": ("Kulturpflege", "Kultur", "culture"),
        "multifunctional": ("multifunktional", "Teilhabe", "multifunctional", "participation"),
    },
    choices.Function: {
        "homemaking": ("Beheimatung", "Heimat", "homemaking", "belonging"),
        "services": ("Dienstleistung", "Dienstleistungen", "Angebote", "services"),
        "hinge": ("Scharnier", "Brücke", "Brückenfunktion", "Vermittlung", "hinge", "bridge"),
        "advocacy": ("Interessenvertretung", "Lobbyarbeit", "Selbstvertretung", "advocacy"),
    },
    choices.Field: {
        "culture": ("Kultur", "Kulturarbeit", "Musik", "Tanz", "culture", "arts"),
        "encounter": ("Begegnung", "Treffpunkt", "Austausch", "encounter"),
        "religion": ("Religion", "religiös", "Glaube", "religion", "faith"),
        "sport": ("Sport", "Fußball", "sports"),
        "counselling": ("Beratung", "Sozialberatung", "Migrationsberatung", "counselling", "counseling", "advice"),
        "care": ("Betreuung", "Unterstützung", "Hilfe", "care", "support"),
        "politics": ("Politik", "politisch", "politics"),
        "education": ("Bildung", "Bildungsarbeit", "Nachhilfe", "Hausaufgabenhilfe", "education", "tutoring"),
        "humanitarian": ("humanitär", "Humanitäre Hilfe", "humanitarian aid", "humanitarian"),
        "leisure": ("Freizeit", "Freizeitangebote", "leisure"),
        "early_childhood": ("Kita", "Kindergarten", "frühkindliche Bildung", "early childhood"),
        "language_courses": (
            "Sprachkurs", "Sprachkurse", "Deutschkurs", "Deutschkurse", "Sprachförderung",
            "Muttersprachunterricht", "language courses", "language classes",
        ),
        "labour_market": (
            "Arbeit", "Arbeitsmarkt", "Beruf", "Arbeitsmarktintegration", "employment", "labour market",
            "labor market", "jobs",
        ),
        "refugee_aid": ("Flüchtlingshilfe", "Geflüchtetenhilfe", "Flüchtlingsarbeit", "refugee aid", "refugee support"),
        "youth": ("Jugend", "Jugendarbeit", "youth", "youth work"),
        "women": ("Frauen", "Frauenarbeit", "Frauenförderung", "women"),
        "parents": ("Eltern", "Elternarbeit", "parents"),
        "anti_discrimination": (
            "Antidiskriminierung", "Antirassismus", "gegen Rassismus", "anti-discrimination", "anti-racism",
        ),
        "prevention": ("Prävention", "Suchtprävention", "prevention"),
    },
    choices.TargetGroup: {
        "families_young_children": ("Familien", "Familien mit Kindern", "families", "families with young children"),
        "young_people": ("Jugendliche", "Kinder und Jugendliche", "junge Leute", "young people", "youth"),
        "refugees": ("Geflüchtete", "Flüchtlinge", "Asylsuchende", "refugees", "asylum seekers"),
        "women": ("Frauen", "Mädchen und Frauen", "women"),
        "older_people": ("Senioren", "Seniorinnen", "Ältere", "older people", "elderly", "seniors"),
        "disabilities": ("Menschen mit Behinderung", "Behinderte", "people with disabilities", "disabled people"),
        "parents": ("Eltern", "Mütter", "Väter", "parents"),
        "newly_arrived": ("Neuzugewanderte", "Neuzuwanderer", "Neuankömmlinge", "newcomers", "newly arrived"),
    },
    choices.Level: {
        "neighbourhood": ("Stadtteil", "Quartier", "Viertel", "Nachbarschaft", "neighbourhood", "neighborhood"),
        "municipal": ("Kommune", "kommunal", "Stadt", "städtisch", "Gemeinde", "lokal", "local", "city", "municipal"),
        "district": ("Kreis", "Landkreis", "Kreisebene", "regional", "county", "district"),
        "state": ("Land", "Bundesland", "Landesebene", "landesweit", "state"),
        "federal": ("Bund", "bundesweit", "Bundesebene", "federal", "nationwide"),
        "international": ("international", "weltweit", "transnational", "worldwide"),
    },
    choices.ActiveIn: {
        "germany": ("Deutschland", "Germany"),
        "origin": ("Herkunftsland", "country of origin", "origin"),
        "both": ("beides", "beide", "Deutschland und Herkunftsland", "both"),
    },
    choices.Staffing: {
        "volunteers_only": ("ehrenamtlich", "Ehrenamt", "nur Ehrenamt", "volunteers", "volunteers only"),
        "mixed": ("gemischt", "Ehrenamt und Hauptamt", "mixed"),
        "mainly_paid": ("hauptamtlich", "Hauptamt", "paid staff", "mainly paid"),
    },
    choices.VolunteersBand: {
        "lt10": ("<10", "weniger als 10", "bis 9", "under 10", "fewer than 10"),
        "10_20": ("10-20", "10 bis 20", "10 to 20"),
        "21_40": ("21-40", "21 bis 40", "21 to 40"),
        "41plus": ("41+", ">40", "über 40", "mehr als 40", "41 and more", "more than 40"),
    },
    choices.EmployeesBand: {
        "0": ("keine", "kein", "none", "0"),
        "1": ("eine", "einer", "one"),
        "2_5": ("2-5", "2 bis 5", "2 to 5"),
        "6plus": ("6+", ">5", "mehr als 5", "über 5", "6 and more", "more than 5"),
    },
    choices.LegalForm: {
        "ev": (
            "e.V.", "eV", "e. V.", "eingetragener Verein", "eingetr. Verein", "registered association",
            "registered society",
        ),
        "ggmbh": ("gGmbH", "g.GmbH", "gemeinnützige GmbH", "non-profit limited company"),
        "foundation": ("Stiftung", "gemeinnützige Stiftung", "foundation"),
        "kdoer": ("KdöR", "K.d.ö.R.", "Körperschaft des öffentlichen Rechts", "public law corporation"),
        "unregistered": (
            "nicht eingetragen", "nicht eingetragener Verein", "n.e.V.", "nicht eingetr. Verein", "Initiative",
            "Gruppe", "informelle Gruppe", "unregistered", "informal group",
        ),
        "other": ("sonstige", "andere", "GmbH", "UG", "GbR", "other"),
    },
    choices.Criterion: {
        "yes": ("ja", "j", "x", "yes", "y", "true", "1"),
        "no": ("nein", "n", "no", "false", "0"),
        "unknown": ("unbekannt", "weiß nicht", "k.A.", "keine Angabe", "unknown", "n/a"),
    },
    choices.PublicField: {},
    Language: {
        "fa": ("Farsi", "Persisch", "Persian", "Iranisch", "فارسی"),
        "prs": ("Dari", "Afghanisch", "Dari-Persisch"),
        "ku": ("Kurmancî", "Kurmanci", "Kurmandschi", "Kurmanji", "Nordkurdisch", "Northern Kurdish"),
        "ckb": ("Soranî", "Sorani", "Zentralkurdisch", "Central Kurdish"),
        "sh": ("BKS", "Bosnisch", "Kroatisch", "Serbisch", "Serbokroatisch", "Jugoslawisch", "BCS"),
        "gsg": ("DGS", "Gebärdensprache", "German Sign Language", "sign language"),
        "rom": ("Romani", "Romanes", "Romanés"),
        "tw": ("Akan", "Twi"),
        "zh": ("Mandarin", "Chinesisch (Mandarin)"),
    },
}  # fmt: skip

# Spellings that name more than one value of a vocabulary: the import asks which one is meant.
AMBIGUOUS: dict[type[models.TextChoices], dict[str, tuple[str, ...]]] = {
    Language: {
        "Kurdisch": ("ku", "ckb"),
        "Kurdish": ("ku", "ckb"),
        "Kürtçe": ("ku", "ckb"),
        "الكردية": ("ku", "ckb"),
        "Kurdî": ("ku", "ckb"),
        "kur": ("ku", "ckb"),  # ISO 639-2 macrolanguage
    },
}

# Codes of other languages whose CLDR names mean one of ours (Bosnian, Croatian, Serbian → "sh").
LANGUAGE_VARIETIES: dict[str, tuple[str, ...]] = {
    "sh": ("bs", "hr", "sr", "cnr", "hbs"),
    "fa": ("pes",),
    "ku": ("kmr",),
    "zh": ("cmn",),
    "rom": ("rmn", "rmy"),
    "tw": ("ak",),
}

# Country names people write that CLDR and django-countries do not spell that way.
COUNTRY_VARIANTS: dict[str, tuple[str, ...]] = {
    "US": ("USA", "U.S.A.", "Amerika", "Vereinigte Staaten von Amerika", "United States of America"),
    "GB": ("UK", "England", "Großbritannien", "Great Britain", "Britain", "Schottland", "Scotland", "Wales"),
    "TR": ("Türkei", "Turkey", "Türkiye", "Turkiye"),
    "SY": ("Syrien", "Syria"),
    "IR": ("Persien", "Iran", "Persia"),
    "RU": ("Russland", "Russia"),
    "MK": ("Mazedonien", "Macedonia", "Nordmazedonien", "North Macedonia"),
    "CZ": ("Tschechien", "Tschechische Republik", "Czechia", "Czech Republic"),
    "CI": ("Elfenbeinküste", "Ivory Coast"),
    "CD": ("DR Kongo", "Kongo-Kinshasa", "DRC", "Demokratische Republik Kongo"),
    "CG": ("Kongo-Brazzaville",),
    "PS": ("Palästina", "Palestine", "Palästinensische Gebiete"),
    "KR": ("Südkorea", "South Korea"),
    "KP": ("Nordkorea", "North Korea"),
    "BA": ("Bosnien", "Bosnia"),
    "XK": ("Kosovo", "Kosova"),
    "VN": ("Vietnam",),
}
COUNTRY_AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "Kongo": ("CD", "CG"),
    "Congo": ("CD", "CG"),
    "Korea": ("KR", "KP"),
}
