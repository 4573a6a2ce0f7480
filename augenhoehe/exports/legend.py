"""The legend sheet of the workbook for people: what each column means and which values it takes."""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from augenhoehe.directory import profile_fields
from augenhoehe.directory.permissions import ALL_FIELD_GROUPS
from augenhoehe.directory.profile_fields import Kind, ProfileField
from augenhoehe.interchange import people
from augenhoehe.interchange.format import FORMAT_NAME, FORMAT_VERSION

# (cells, whether the whole row is a heading)
LegendRow = tuple[list, bool]


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
    parts = [str(field.get_help_text())] if field.get_help_text() else []
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
    texts = {
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
    if vocabulary is profile_fields.countries:
        return [code for code, _name in vocabulary]
    return list(vocabulary.values)
