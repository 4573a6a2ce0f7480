"""The record of processing activities (Art. 30 Abs. 1 DSGVO), generated from the registry.

Every personal model names its processing activity (``personal_data``); the
retention rules say how long its data is kept. The operator's details (the
controller, the DPO) come from the legal details. A new app's data appears
here as soon as it declares its models.
"""

from dataclasses import dataclass, field
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from augenhoehe.core import retention
from augenhoehe.core.personal_data import About, Activity, activities, declarations
from augenhoehe.legal.models import LegalDetails

# Art. 30 Abs. 1 lit. g: the technical and organisational measures, as docs/security.md describes them.
MEASURES = [
    gettext_lazy("Zugang nur mit persönlichem Konto; Passwörter mit Argon2 gespeichert; Rollen je Netzwerk."),
    gettext_lazy(
        "Mandantentrennung: jede Zeile eines Netzwerks trägt dessen Schlüssel; Abfragen ohne Netzwerk schlagen fehl."
    ),
    gettext_lazy(
        "Protokoll aller Änderungen und vertraulicher Lesezugriffe; personenbezogene Werte löschbar."
    ),
    gettext_lazy(
        "Keine Anfragen an Dritte (kein CDN, keine Schriften, kein Tracking); Inhalte-Sicherheitsrichtlinie."
    ),
    gettext_lazy("Transportverschlüsselung (TLS) am vorgeschalteten Webserver; sichere Cookies einstellbar."),
    gettext_lazy("Löschfristen je Art der Daten, täglich automatisch angewandt."),
    gettext_lazy(
        "Datensicherung mit „augenhoehe backup“, Wiederherstellung mit „augenhoehe restore“, regelmäßig geprüft."
    ),
]


@dataclass
class RecordEntry:
    """One processing activity as the record lists it."""

    activity: Activity
    subjects: list[str] = field(default_factory=list)
    categories: list[tuple[str, list[str]]] = field(default_factory=list)  # (data kind, field names)
    retention: list[str] = field(default_factory=list)


def _field_name(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a key of a JSON field's entries
        return name


def _retention_lines(labels: list[str], activity: Activity) -> list[str]:
    lines = []
    for rule in retention.rules():
        if set(rule.models) & set(labels):
            lines.append(
                _("%(kind)s: nach %(days)s Tagen. %(outcome)s")
                % {"kind": rule.kind, "days": rule.days, "outcome": rule.outcome}
            )
    lines.append(str(activity.retention_note))
    return lines


def processing_record() -> list[RecordEntry]:
    """One entry per processing activity, with the data subjects, data kinds and retention from the registry."""
    entries = []
    personal = [d for d in declarations() if d.is_personal]
    for activity in activities():
        mine = [d for d in personal if d.activity == activity.code]
        if not mine:
            continue
        entry = RecordEntry(activity=activity)
        subjects = {about for d in mine for about in d.fields.values()}
        entry.subjects = sorted(str(About(code).label) for code in subjects)
        for declaration in mine:
            model = declaration.model
            names = sorted(
                _field_name(model, name) for name in declaration.fields if name in declaration.fields
            )
            entry.categories.append((str(model._meta.verbose_name_plural), names))
        entry.retention = _retention_lines([d.label for d in mine], activity)
        entries.append(entry)
    return entries


def controller() -> LegalDetails:
    """The controller's details (the operator of the installation)."""
    return LegalDetails.current()


def measures() -> list[str]:
    return [str(m) for m in MEASURES]


def _columns() -> list[str]:
    return [
        _("Verarbeitungstätigkeit"),
        _("Zweck"),
        _("Rechtsgrundlage"),
        _("Betroffene Personen"),
        _("Kategorien personenbezogener Daten"),
        _("Empfänger"),
        _("Übermittlung in Drittländer"),
        _("Löschfristen"),
    ]


def record_xlsx() -> bytes:
    """The record as a workbook a data protection officer can file: controller, activities, retention, measures."""
    details = controller()
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = _("Verantwortlicher")[:31]
    rows = [
        (_("Verzeichnis von Verarbeitungstätigkeiten (Art. 30 Abs. 1 DSGVO)"), ""),
        (_("Stand"), timezone.localtime().strftime("%Y-%m-%d")),
        (_("Verantwortlicher"), details.operator_name or _("(nicht angegeben)")),
        (_("Anschrift"), details.address or _("(nicht angegeben)")),
        (_("Vertreten durch"), details.represented_by or _("(nicht angegeben)")),
        (_("E-Mail"), details.email or _("(nicht angegeben)")),
        (_("Datenschutzbeauftragte Person"), details.privacy_officer or _("(nicht angegeben)")),
    ]
    for row in rows:
        sheet.append(row)
    sheet["A1"].font = Font(bold=True)
    activities_sheet = book.create_sheet(_("Verarbeitungstätigkeiten")[:31])
    activities_sheet.append(_columns())
    for entry in processing_record():
        activities_sheet.append(
            [
                str(entry.activity.name),
                str(entry.activity.purpose),
                str(entry.activity.legal_basis),
                "\n".join(entry.subjects),
                "\n".join(f"{kind}: {', '.join(names)}" for kind, names in entry.categories),
                str(entry.activity.recipients),
                _("keine"),
                "\n".join(entry.retention),
            ]
        )
    rules_sheet = book.create_sheet(_("Löschfristen")[:31])
    rules_sheet.append([_("Art der Daten"), _("Frist in Tagen"), _("Einstellung"), _("Was dann geschieht")])
    for rule in retention.rules():
        rules_sheet.append([str(rule.kind), rule.days, rule.variable, str(rule.outcome)])
    measures_sheet = book.create_sheet(_("Maßnahmen")[:31])
    measures_sheet.append([_("Technische und organisatorische Maßnahmen (Art. 32 DSGVO)")])
    for measure in measures():
        measures_sheet.append([measure])
    for ws in book.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for index, column in enumerate(ws.columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = 45
            for cell in column:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = BytesIO()
    book.save(out)
    return out.getvalue()
