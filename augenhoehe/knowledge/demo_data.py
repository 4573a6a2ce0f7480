"""Invented answers of demo organisations to the guide's central questions, per community.

Plausible and respectful, written as an association would; not statements about real people.
"""

ANSWERS: dict[str, dict[str, str]] = {
    "TR": {
        "education": (
            "Bildungsverständnis in vielen türkeistämmigen Familien: Bildung heißt vor allem Schule und "
            "ein guter Abschluss. Der Kindergarten gilt oft als Betreuung, nicht als Bildungsort. Wenn "
            "Erzieherinnen erklären, was Kinder beim Spielen lernen, ändert sich das schnell."
        ),
        "childcare": (
            "In der Türkei besuchen viele Kinder erst mit fünf Jahren eine Vorschulklasse. Davor "
            "betreuen meist Großmütter oder Tanten die Kinder. Eltern fragen deshalb, warum ein "
            "Zweijähriger schon in die Kita soll."
        ),
        "barriers": (
            "Die Anmeldung über das Online-Portal ist für viele Eltern schwer, und Absagen kommen ohne "
            "Erklärung. Manche Mütter fürchten, dass ihr Kind in der Kita kein Türkisch mehr sprechen darf."
        ),
        "arrival": (
            "Kita-Eingewöhnung mit einer vertrauten Person aus unserem Verein hilft: Wir begleiten Eltern "
            "in den ersten Tagen, übersetzen beim Aufnahmegespräch und erklären das Berliner Modell."
        ),
        "outreach": (
            "Am besten erreichen wir Familien beim Frauenfrühstück im Verein, nach dem Freitagsgebet und "
            "über WhatsApp-Gruppen der Eltern. Ein Flyer allein wird kaum gelesen."
        ),
        "helpers": (
            "Die Elternbegleiterinnen unseres Vereins und zweisprachige Erzieherinnen, die selbst hier "
            "aufgewachsen sind. Auch Imame und Hodschas werden gehört, wenn sie die Kita empfehlen."
        ),
    },
    "SY": {
        "education": (
            "Für viele syrische Familien ist Bildung ein hohes Gut; die Flucht hat oft Schullaufbahnen "
            "unterbrochen. Eltern wünschen sich, dass ihre Kinder früh Deutsch lernen und in der Schule "
            "mithalten."
        ),
        "childcare": (
            "In Syrien gab es Kindergärten vor allem in den Städten, meist privat und ab vier Jahren. "
            "Kleine Kinder bleiben in der Familie. Kindertagespflege ist fast unbekannt."
        ),
        "barriers": (
            "Viele Familien wissen nicht, dass sie einen Rechtsanspruch auf einen Platz haben. Wartelisten "
            "und Briefe in Behördendeutsch schrecken ab; nach Umzügen aus der Unterkunft beginnt alles neu."
        ),
        "arrival": (
            "Ein Elterncafé in der Kita mit arabischsprachiger Begleitung, Bilderkarten für den Tagesablauf "
            "und ein Hinweis, dass das Essen ohne Schweinefleisch ist, nehmen viele Sorgen."
        ),
        "outreach": (
            "Über den Elternabend in unserem Verein, über Sprachkurse für Mütter und über die Moschee. "
            "Persönliche Einladungen wirken besser als Aushänge."
        ),
        "informal": (
            "Mütter betreuen die Kinder oft gegenseitig, und es gibt Koranschulen am Wochenende mit "
            "Spielgruppe. Diese Gruppen könnten ein Ort sein, um über die Kita zu sprechen."
        ),
        "inclusion": (
            "Ja, sinnvoll: Die Spielgruppen am Wochenende könnten einmal im Monat eine Erzieherin einladen. "
            "Wichtig ist, dass die Mütter mitentscheiden, wann und wie."
        ),
    },
    "UA": {
        "education": (
            "Bildung beginnt in der Ukraine früh: Der Kindergarten (Dytjatschyj sadok) gilt als erste "
            "Bildungsstufe mit festem Programm. Eltern erwarten deshalb Lernangebote und fragen nach ihnen."
        ),
        "childcare": (
            "Fast alle Kinder gehen ab drei Jahren ganztags in den staatlichen Kindergarten, viele schon "
            "früher in die Krippe. Die Familien kennen Kinderbetreuung also gut, aber anders organisiert."
        ),
        "barriers": (
            "Unsicherheit, wie lange die Familien bleiben, und die Frage, ob sich eine Anmeldung lohnt. "
            "Dazu kommen fehlende Plätze und Berufstätigkeit der Mütter in Deutschkursen."
        ),
        "arrival": (
            "Ein Gespräch, das erklärt, warum in deutschen Kitas viel gespielt und wenig gelernt wird, "
            "und ukrainisch- oder russischsprachige Fachkräfte im Team."
        ),
        "helpers": (
            "Die ukrainischen Lehrerinnen und Erzieherinnen in unserem Verein, die selbst Kinder hier in "
            "der Kita haben, und die Telegram-Gruppen der Gemeinde."
        ),
    },
    "ER": {
        "education": (
            "In eritreischen Familien ist Bildung oft mit Schule und Kirche verbunden. Frühkindliche "
            "Bildung als eigener Bereich ist wenig bekannt; Respekt vor Lehrkräften ist sehr groß."
        ),
        "childcare": (
            "Kinder wachsen in großen Familien auf; Nachbarinnen und ältere Geschwister betreuen mit. "
            "Kindergärten gibt es in den Städten, auf dem Land kaum."
        ),
        "outreach": (
            "Nach dem Gottesdienst der orthodoxen Gemeinde und beim Kaffeezeremonie-Treffen der Frauen. "
            "Informationen auf Tigrinya, am besten mündlich."
        ),
        "informal": (
            "Eine Spielgruppe der Gemeinde am Sonntag und gegenseitige Betreuung unter Müttern. Beides "
            "ist wichtig und sollte nicht als Konkurrenz zur Kita gesehen werden."
        ),
    },
}

# One answer waits for the network's review, one was returned with a reason.
SUBMITTED = (
    "SY",
    "helpers",
    "Die Sprachmittlerinnen des Integrationsrats und die Lehrerinnen aus dem Herkunftssprachen"
    "unterricht kennen viele Familien und genießen ihr Vertrauen.",
)
RETURNED = (
    "TR",
    "informal",
    "Viele nutzen informelle Angebote.",
    "Danke! Können Sie ein oder zwei Beispiele nennen, welche Angebote das sind und wo sie stattfinden?",
)
