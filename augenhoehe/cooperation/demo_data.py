"""What the demo cooperations are about: two or three per stage in each network, with topics from
the guide, and the tasks each stage brings. Everything here is invented."""

from dataclasses import dataclass

from .choices import Stage

# Where in each demo network's Kreis the cooperations with a place in their title happen.
PLACES = {"ki-guetersloh": "Rheda-Wiedenbrück", "dortmund": "der Nordstadt"}


def pick(text: str, turn: int) -> str:
    """One of the alternatives of ``text`` ("a|b|c"), by turns."""
    choices = text.split("|")
    return choices[turn % len(choices)]


@dataclass(frozen=True)
class DemoCooperation:
    title: str  # "{place}" is replaced by the network's place; "a|b": a in Gütersloh, b in Dortmund
    topic: str
    goals: str  # what the network wants to achieve
    gain: str  # what the organisation gains
    stage: str  # the stage it has reached
    mso_goals: str = ""  # the organisation's own goals
    partners: int = 1
    # (source, euros, starts in days from today, ends in days from today)
    funding: tuple[tuple[str, str, int, int], ...] = ()
    # Running for two years, the organisation last contacted about 14 months ago: the desk's list
    # of organisations not contacted for a year.
    quiet: bool = False


COOPERATIONS = [
    DemoCooperation(
        "Mehrsprachige Sprechstunde Kindertagespflege",
        "counselling",
        "Eltern erfahren in ihrer Sprache, wie sie eine Tagesmutter oder einen Tagesvater finden.",
        "Honorar für die Sprechstunde, ein fester Raum im Familienbüro.",
        Stage.GOALS_DEFINED,
    ),
    DemoCooperation(
        "Vätercafé: Väter im Kita-Alltag",
        "other",
        "Väter aus zugewanderten Familien kommen mit Kitas und anderen Vätern ins Gespräch.",
        "Kostenübernahme für Getränke und Material, Kontakt zu den Kitas im Viertel.",
        Stage.GOALS_DEFINED,
    ),
    DemoCooperation(
        "Sprachmittlung für Kita-Aufnahmegespräche",
        "interpreting",
        "Kitas können Aufnahmegespräche in der Sprache der Familien führen.",
        "Aufwandsentschädigung für ehrenamtliche Sprachmittlerinnen und eine Schulung.",
        Stage.MSO_FOUND,
    ),
    DemoCooperation(
        "Vorlesestunde in Herkunftssprachen|Lesepatenschaften in der Stadtteilbibliothek",
        "school",
        "Kinder hören Geschichten in ihrer Familiensprache und auf Deutsch; Eltern lernen die Bücherei kennen.",
        "Bücher für die Vereinsbibliothek, Honorar für die Vorleserinnen.",
        Stage.MSO_FOUND,
    ),
    DemoCooperation(
        "Elternabend zum Schulstart|Elternabend zum Schulstart in {place}",
        "parents_evening",
        "Eltern kennen Schulpflicht, Anmeldung und Sprachförderung vor dem Schulstart.",
        "Ein Termin im eigenen Vereinsheim, Dolmetschkosten werden übernommen.",
        Stage.FIRST_CONTACT,
        funding=(("municipality", "2500.00", -20, 200),),
    ),
    DemoCooperation(
        "Begleitung zu Terminen bei Ämtern und Kitas|Begleitung zu Elterngesprächen in Kitas",
        "counselling",
        "Familien gehen nicht allein zu Jugendamt, Kita-Leitung und Kinderarzt.",
        "Fahrtkosten und eine Aufwandsentschädigung für die Begleiterinnen.",
        Stage.FIRST_CONTACT,
    ),
    DemoCooperation(
        "Frauenbrunch im Familienzentrum {place}",
        "womens_brunch",
        "Frauen, die neu im Viertel sind, lernen das Familienzentrum und seine Angebote kennen.",
        "Räume und Kinderbetreuung, Kostenübernahme für das Essen.",
        Stage.FIRST_CONTACT,
        partners=2,
    ),
    DemoCooperation(
        "Frauenbrunch: Kita und Kindertagespflege",
        "womens_brunch",
        "Mütter mit Fluchtgeschichte niedrigschwellig über Kindertagesbetreuung informieren.",
        "Kostenübernahme für den Brunch, Kinderbetreuung während des Treffens, Kontakt zu Kitas.",
        Stage.AGREED,
        funding=(("municipality", "1800.00", -10, 75),),  # ends within 90 days too
    ),
    DemoCooperation(
        "Infoabend für Eltern: Kita-Anmeldung online",
        "kita_entry",
        "Eltern melden ihr Kind selbst im Online-Portal an und kennen die Fristen.",
        "Laptops und Raum der Stadtbücherei, Honorar für zwei Referentinnen aus den Vereinen.",
        Stage.AGREED,
        partners=2,
        funding=(("foundation", "3200.00", -30, 180),),
    ),
    DemoCooperation(
        "Schulung ehrenamtlicher Sprachmittlerinnen|Sprachmittlerpool für Kitas in {place}",
        "interpreting",
        "Mehr geschulte Sprachmittlerinnen für Elterngespräche in Kitas und Schulen.",
        "Eine Schulung mit Zertifikat, Aufwandsentschädigung für jeden Einsatz.",
        Stage.AGREED,
        mso_goals="Unsere Ehrenamtlichen sollen anerkannt und für ihre Einsätze bezahlt werden.",
    ),
    DemoCooperation(
        "Infoabend Kita-Einstieg in der Muttersprache",
        "kita_entry",
        "Familien, die noch keinen Kita-Platz haben, erfahren, wie Anmeldung und Kita-Alltag gehen.",
        "Honorar für die Referentin aus dem Verein, Räume der Familienbildungsstätte, Sichtbarkeit im Kreis.",
        Stage.ACTIVE,
        mso_goals="Mehr Familien aus der Gemeinde sollen ihren Anspruch auf einen Kita-Platz kennen.",
        funding=(("state", "12000.00", -300, 30),),  # ends within 90 days, nothing follows
    ),
    DemoCooperation(
        "Elterncafé in {place}",
        "parents_evening",
        "Eltern treffen sich monatlich mit Fachkräften aus Kita und Schule.",
        "Miete für das Vereinsheim, Material, Einladung zum Netzwerktreffen.",
        Stage.ACTIVE,
        partners=2,
        funding=(("foundation", "4500.00", -120, 60), ("municipality", "3000.00", 61, 400)),
    ),
    DemoCooperation(
        "Hausaufgabenhilfe im Vereinsheim",
        "school",
        "Kinder im Grundschulalter bei den Hausaufgaben begleiten.",
        "Ehrenamtspauschale und Lernmaterial.",
        Stage.ACTIVE,
        funding=(("municipality", "6000.00", -500, 230),),
        quiet=True,
    ),
    DemoCooperation(
        "Infoabende Kindertagespflege (Frühjahr)",
        "parents_evening",
        "Kindertagespflege als Alternative zur Kita bekannt machen.",
        "Honorar, Material in der Sprache der Familien, Einladung zum Netzwerktreffen.",
        Stage.EVALUATED,
        mso_goals="Eltern sollen die Kindertagespflege ohne Vorbehalte kennenlernen.",
        funding=(("federal", "18000.00", -200, 150),),
    ),
    DemoCooperation(
        "Spielgruppe für Kinder unter drei|Eltern-Kind-Gruppe vor dem Kita-Start",
        "kita_entry",
        "Kinder und Eltern gewöhnen sich vor dem Kita-Start an eine Gruppe.",
        "Spielmaterial, Raumkosten und eine Fortbildung für die Gruppenleiterinnen.",
        Stage.EVALUATED,
        funding=(("foundation", "5000.00", -420, -30),),
    ),
    DemoCooperation(
        "Beratung neu zugewanderter Familien",
        "counselling",
        "Neu zugewanderte Familien finden schneller Beratung zu Kita und Schule.",
        "Finanzierung einer Beratungsstunde pro Woche, Austausch mit den Beratungsstellen.",
        Stage.ENDED,
        funding=(("federal", "8000.00", -400, -40),),
    ),
    DemoCooperation(
        "Nähcafé für Mütter|Nähcafé im Stadtteilzentrum {place}",
        "other",
        "Mütter kommen beim Nähen ins Gespräch über Kita, Schule und Beratung.",
        "Nähmaschinen und Stoffe, Raumkosten.",
        Stage.ENDED,
    ),
]

# The tasks of a cooperation at each stage: (title, owner, days from today it is due or None,
# done). Titles with "|" are alternatives, chosen by turns. Owner "coordinator", "admin" or "partner" (the organisation; shared with it). Due days
# are shifted a little per cooperation, so the dates spread.
TASKS: dict[str, list[tuple[str, str, int | None, bool]]] = {
    Stage.GOALS_DEFINED: [
        (
            "Passende MSOs im Verzeichnis suchen|Elternvereine beim Netzwerktreffen ansprechen",
            "coordinator",
            6,
            False,
        ),
        ("Ziele mit der Jugendhilfeplanung abstimmen", "admin", 21, False),
    ],
    Stage.MSO_FOUND: [
        (
            "Dachverband des Vereins klären|Vereinsregister und Website des Vereins ansehen",
            "coordinator",
            -4,
            False,
        ),
        ("Integrationsbeauftragte nach dem Verein fragen", "admin", -12, True),
        (
            "Termin für ein Gespräch im Vereinsheim vorschlagen|Stadtteilmutter um Begleitung zum Erstgespräch bitten",
            "coordinator",
            3,
            False,
        ),
    ],
    Stage.FIRST_CONTACT: [
        (
            "Gesprächsnotiz an den Vorstand schicken|Fragen des Vereins zum Honorar klären|Protokoll des Erstgesprächs abstimmen",
            "coordinator",
            -2,
            False,
        ),
        (
            "Mögliche Termine im Vereinsheim nennen|Ehrenamtliche für die Elternansprache gewinnen",
            "partner",
            5,
            False,
        ),
        ("Entwurf der Kooperationsvereinbarung schreiben", "admin", 12, False),
        ("Ziele des Vereins in die Planung aufnehmen", "coordinator", -9, True),
    ],
    Stage.AGREED: [
        (
            "Raum in der Familienbildungsstätte reservieren|Raum in der Stadtbücherei buchen|Kinderbetreuung für den ersten Termin anfragen",
            "coordinator",
            -6,
            False,
        ),
        (
            "Einladungen in den Sprachen der Familien verteilen|Einladung übersetzen und in der WhatsApp-Gruppe teilen",
            "partner",
            4,
            False,
        ),
        (
            "Dolmetscherin buchen|Sprachmittlung für die Familiensprachen anfragen",
            "coordinator",
            2,
            False,
        ),
        ("Honorarvertrag vorbereiten", "admin", -15, True),
        ("Flyer drucken lassen|Pressemitteilung abstimmen", "coordinator", 24, False),
    ],
    Stage.ACTIVE: [
        ("Teilnehmendenliste für den Verwendungsnachweis führen", "partner", 30, False),
        ("Aufwandsentschädigung auszahlen|Honorarabrechnung der Referentin prüfen", "admin", -3, False),
        (
            "Kinderbetreuung für den nächsten Termin organisieren|Getränke und Material für das Treffen besorgen",
            "coordinator",
            1,
            False,
        ),
        (
            "Rückmeldebögen in den Sprachen der Familien vorbereiten|Kita-Leitungen zum nächsten Termin einladen",
            "coordinator",
            19,
            False,
        ),
        ("Termine des Halbjahrs mit den Kitas abstimmen", "partner", -20, True),
    ],
    Stage.EVALUATED: [
        ("Auswertungsgespräch mit dem Vorstand führen", "coordinator", -25, True),
        (
            "Verwendungsnachweis beim Fördergeber einreichen|Bericht für den Jugendhilfeausschuss schreiben",
            "admin",
            -1,
            False,
        ),
        ("Dankeschön-Treffen mit den Ehrenamtlichen planen", "partner", 14, False),
    ],
    Stage.ENDED: [],
}
