"""The legend sheet of the workbook for people: what each column means and which values it takes."""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from augenhoehe.directory import profile_fields
from augenhoehe.directory.permissions import ALL_FIELD_GROUPS
from augenhoehe.directory.profile_fields import Kind, ProfileField
from augenhoehe.interchange import people
from augenhoehe.interchange.format import FORMAT_NAME, FORMAT_VERSION

# (cells, whether the whole row is a heading)
LegendRow = tuple[list, bool]

# What each column holds, in a sentence for the reader of the table.
MEANINGS = {
    "id": gettext_lazy("Nummer des Profils in dieser Installation von Augenhöhe."),
    "name": gettext_lazy("Name der Organisation."),
    "short_name": gettext_lazy("Kurzname oder Abkürzung."),
    "kind": gettext_lazy("Art der Organisation."),
    "self_understanding": gettext_lazy("Wie die Organisation sich selbst versteht."),
    "svr_type": gettext_lazy("Typ der Organisation nach dem Sachverständigenrat (SVR 2020)."),
    "description": gettext_lazy("Beschreibung der Organisation und ihrer Angebote."),
    "street": gettext_lazy("Straße und Hausnummer der Anschrift."),
    "postal_code": gettext_lazy("Postleitzahl, fünf Ziffern."),
    "city": gettext_lazy("Ort, wie angegeben."),
    "gemeinde_ags": gettext_lazy("Gemeinde, der der Ort zugeordnet ist."),
    "kreis_ags": gettext_lazy("Kreis oder kreisfreie Stadt."),
    "land": gettext_lazy("Bundesland."),
    "email": gettext_lazy("E-Mail-Adresse."),
    "phone": gettext_lazy("Telefonnummer, wie angegeben."),
    "website": gettext_lazy("Internetseite."),
    "contact_person": gettext_lazy("Ansprechperson."),
    "legal_form": gettext_lazy("Rechtsform."),
    "charitable": gettext_lazy("Ob die Organisation als gemeinnützig anerkannt ist."),
    "founding_year": gettext_lazy("Gründungsjahr."),
    "level": gettext_lazy("Ebene, auf der die Organisation tätig ist."),
    "active_in": gettext_lazy("Ob sie in Deutschland, im Herkunftsland oder in beiden tätig ist."),
    "staffing": gettext_lazy("Ob ehrenamtlich, hauptamtlich oder beides gearbeitet wird."),
    "volunteers": gettext_lazy("Zahl der Ehrenamtlichen, als Spanne."),
    "employees": gettext_lazy("Zahl der Beschäftigten, als Spanne."),
    "member_count": gettext_lazy("Zahl der Mitglieder."),
    "criterion_aims": gettext_lazy(
        "MSO-Kriterium 1: Die Ziele ergeben sich aus der Lage von Menschen mit Migrationsgeschichte."
    ),
    "criterion_members": gettext_lazy(
        "MSO-Kriterium 2: Die Mitglieder haben überwiegend eine Migrationsgeschichte."
    ),
    "criterion_structures": gettext_lazy(
        "MSO-Kriterium 3: Menschen mit Migrationsgeschichte spielen in den Strukturen eine wichtige Rolle."
    ),
    "functions": gettext_lazy("Aufgaben, die die Organisation wahrnimmt."),
    "fields": gettext_lazy("Tätigkeitsfelder."),
    "target_groups": gettext_lazy("Zielgruppen."),
    "languages": gettext_lazy("Sprachen, in denen die Organisation arbeitet."),
    "countries": gettext_lazy("Communities bzw. Herkunftsländer."),
    "umbrellas": gettext_lazy("Dachverbände, denen die Organisation angehört."),
    "is_published": gettext_lazy("Ob das Profil im öffentlichen Verzeichnis steht."),
    "public_fields": gettext_lazy("Welche Angaben das Profil öffentlich zeigt."),
    "confirmed_at": gettext_lazy("Wann das Profil zuletzt als aktuell bestätigt wurde."),
    "latitude": gettext_lazy("Geografische Breite der Anschrift."),
    "longitude": gettext_lazy("Geografische Länge der Anschrift."),
}


def legend_rows() -> Iterator[LegendRow]:
    """The format's name and version, then per column its heading, column key, meaning, and
    for coded columns one row per allowed value with its label and code."""
    yield [_("Format"), FORMAT_NAME], False
    yield [_("Version"), FORMAT_VERSION], False
    yield [_("Ausgabe"), _("für Menschen (Tabelle zum Lesen)")], False
    yield [""], False
    yield [_("Spalte"), _("Schlüssel für Programme"), _("Bedeutung"), _("Erlaubte Werte"), _("Code")], True
    for field in profile_fields.EXPORT_FIELDS:
        yield [people.heading(field.name), field.name, meaning(field), values_text(field)], False
        if field.vocabulary is not None and field.kind != Kind.REFERENCES:
            for code, label in _choices(field):
                yield ["", "", "", label, code], False


def meaning(field: ProfileField) -> str:
    """What the column holds, and when it stays empty for the reader."""
    parts = [str(MEANINGS[field.name])]
    if field.group == profile_fields.EDITORS:
        parts.append(_("Nur für Personen, die das Profil bearbeiten dürfen; sonst leer."))
    elif field.group in ALL_FIELD_GROUPS:
        parts.append(
            _("Leer, wenn das Profil diese Angabe nicht öffentlich zeigt und Sie es nicht bearbeiten dürfen.")
        )
    return " ".join(parts)


def values_text(field: ProfileField) -> str:
    """The kind of value a column takes, in words."""
    if field.name == "kreis_ags":
        return _("Name des Kreises, dahinter sein amtlicher Schlüssel in Klammern")
    if field.name in ("gemeinde_ags", "land"):
        return _("Name; beim Einlesen aus dem Ort bestimmt")
    texts: dict[str, str] = {
        Kind.ID: _("Nummer des Profils in Augenhöhe; beim Einlesen erkennt sie das Profil wieder"),
        Kind.TEXT: _("Text"),
        Kind.CHOICE: _("Ein Wert aus der Liste darunter"),
        Kind.TAGS: _("Werte aus der Liste darunter, getrennt durch „%(separator)s“"),
        Kind.CODES: _("Werte aus der Liste darunter, getrennt durch „%(separator)s“"),
        Kind.BOOLEAN: _("„%(yes)s“ oder „%(no)s“"),
        Kind.NUMBER: _("Ganze Zahl"),
        Kind.COORDINATE: _("Grad nach WGS84 mit sechs Nachkommastellen"),
        Kind.REFERENCES: _("Namen der Dachverbände, einer pro Zeile"),
        Kind.DATETIME: _("Datum und Uhrzeit"),
    }
    return texts[field.kind] % {
        "separator": people.list_separator().strip(),
        "yes": people.yes_no(True),
        "no": people.yes_no(False),
    }


def _choices(field: ProfileField) -> list[tuple[str, str]]:
    return [(code, profile_fields.code_label(field.vocabulary, code)) for code in _codes(field)]


def _codes(field: ProfileField) -> list[str]:
    vocabulary = field.vocabulary
    if vocabulary is countries:
        return [code for code, _name in vocabulary]
    return list(vocabulary.values)
