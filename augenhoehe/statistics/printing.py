"""The command's report: per count column the total (and whether it agrees with the printed
one), each region's share and rank, as an aligned plain-text table in the active language."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import formatting
from .computing import AGREES, CONSISTENT, DIFFERS, INCOMPLETE, NEGATIVE, ColumnReport, Sheet, count_reports


def agreement_text(report: ColumnReport) -> str:
    """What the comparison of the computed with the printed total found, in words."""
    return {
        AGREES: _("stimmt mit der gedruckten Summe überein"),
        CONSISTENT: _("die gedruckte Summe liegt im berechneten Bereich"),
        DIFFERS: _("weicht von der gedruckten Summe ab"),
        INCOMPLETE: _("nicht berechenbar: Werte fehlen"),
        NEGATIVE: _("keine Summe und keine Anteile: negative Werte"),
    }.get(report.agreement, _("keine gedruckte Summe"))


RANKING_METHOD = gettext_lazy(
    "Rangfolge: Standard-Wettbewerbsrang („1224“): der größte Wert hat Rang 1, gleiche Werte teilen "
    "sich den besten Rang (geteilt), der nächste Rang überspringt entsprechend; bei Bereichen ein "
    "Rangbereich (z. B. 2–5)."
)


def _aligned(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]


def column_lines(report: ColumnReport) -> list[str]:
    printed = formatting.figure(report.printed_total) if report.printed_total else formatting.DASH
    lines = [
        "",
        report.column.label,
        _("Summe der Regionen: %(total)s; gedruckt: %(printed)s; %(agreement)s")
        % {
            "total": formatting.total(report),
            "printed": printed,
            "agreement": agreement_text(report),
        },
    ]
    rows = [[_("Region"), _("Wert"), _("Anteil"), _("Rang")]]
    for region in report.regions:
        rows.append(
            [
                region.row.label,
                formatting.figure(region.figure),
                formatting.percent(region.share),
                formatting.rank(region.rank),
            ]
        )
    return lines + _aligned(rows)


def report_lines(sheet: Sheet) -> list[str]:
    """Every count column's report, the rows set apart (e.g. a Kreis's name that can mean
    two), then the notes on ranks, ranges and footnotes."""
    reports = count_reports(sheet)
    if not reports:
        return [_("Die Tabelle hat keine Spalte mit Anzahlen; es gibt nichts zu berechnen.")]
    lines: list[str] = []
    for report in reports:
        lines += column_lines(report)
    if sheet.set_apart:
        labels = ", ".join(row.label for row in sheet.set_apart)
        lines += ["", f"{_('Nicht zugeordnet (nicht in Summen, Anteilen und Rängen):')} {labels}"]
    lines += ["", str(RANKING_METHOD)]
    if any(region.figure.is_range for report in reports for region in report.regions):
        lines.append(
            _(
                "Bereiche (z. B. 750–2.500) bleiben Bereiche: Summen, Anteile und Ränge werden als Bereich "
                "von der kleinsten bis zur größten möglichen Zahl angegeben."
            )
        )
    return lines
