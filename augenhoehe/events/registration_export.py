"""The participant list as CSV (for Excel, in the reader's language) and as a workbook, written with
the exports' helpers: text that a spreadsheet would run as a formula stays text."""

import csv
import re
from collections.abc import Iterator
from typing import IO, Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from augenhoehe.core.languages import Language
from augenhoehe.exports.formats import LineWriter
from augenhoehe.exports.people import BOM
from augenhoehe.exports.xlsx import cell, saved
from augenhoehe.interchange.format import neutralised
from augenhoehe.interchange.people import csv_delimiter

from .choices import RegistrationStatus
from .registration_selectors import Participant

BOLD = Font(bold=True)


def headings(participants: list[Participant]) -> list[str]:
    questions = [label for label, _answer in participants[0].answers] if participants else []
    return [
        _("Name"),
        _("E-Mail"),
        _("Organisation"),
        _("Stand"),
        _("Warteliste seit"),
        _("Anwesend seit"),
        _("Verdolmetschung in"),
        _("Bedarf an Barrierefreiheit"),
        _("Über"),
        _("Angemeldet am"),
        *questions,
    ]


def _row(participant: Participant) -> list[Any]:
    registration = participant.registration
    waiting = registration.status == RegistrationStatus.WAITING
    return [
        registration.name,
        registration.email,
        registration.organisation_name,
        str(RegistrationStatus(registration.status).label),
        registration.queued_at if waiting else None,
        registration.checked_in_at,
        str(Language(registration.interpretation).label) if registration.interpretation else "",
        registration.accessibility_needs,
        registration.via.name if registration.via else "",
        registration.created_at,
        *(answer for _label, answer in participant.answers),
    ]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    return neutralised(str(value))


def participants_csv(participants: list[Participant], *, language: str) -> Iterator[bytes]:
    """CSV as Excel opens it: UTF-8 with BOM, the list separator of ``language``, formulas neutralised."""
    with translation.override(language):
        writer = csv.writer(LineWriter(), dialect="excel", delimiter=csv_delimiter())
        # The headings hold the organisers' question labels: neutralised like any other text.
        yield (BOM + writer.writerow([neutralised(heading) for heading in headings(participants)])).encode()
        for participant in participants:
            yield writer.writerow([_text(value) for value in _row(participant)]).encode()


def _heading(sheet, heading: str) -> Any:
    """A bold heading cell that stays text: a question's label may look like a formula."""
    typed = cell(sheet, heading)
    typed.font = BOLD
    return typed


def participants_xlsx(participants: list[Participant], *, title: str) -> IO[bytes]:
    """A workbook of one sheet: bold frozen headings, typed dates, text kept text."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "-")
    sheet.sheet_view.rightToLeft = translation.get_language_bidi() or None
    sheet.freeze_panes = "A2"
    names = headings(participants)
    for index in range(1, len(names) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 24
    sheet.append([_heading(sheet, heading) for heading in names])
    for participant in participants:
        sheet.append([cell(sheet, value) for value in _row(participant)])
    return saved(workbook)
