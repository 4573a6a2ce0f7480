"""The raw answers of a survey's submitted responses, one row per response, as CSV or XLSX.

Columns: the organisation (its name now; empty once deleted) and the profile copied when it
answered, then per question its code: a single choice or Likert item gives the option's label, a
multiple choice one 0/1 column per option (``code_1``, ``code_2``… by the option's position), a
number or text its value; an option with "other, namely" adds ``…_text``. The codes are stable, so
a spreadsheet built on one export reads the next. The XLSX adds a sheet naming each column.

Text is neutralised against formula injection with the exports' helpers (a leading apostrophe in
CSV, a text cell marked as typed text in XLSX); in CSV also behind leading direction marks, which
a spreadsheet skips (``"\u200f=HYPERLINK(…)"``). The answers' sheet gets its own column widths
(the organisation's name wide, the coded columns narrow), not the organisation export's. The CSV
is streamed in batches of ``BATCH`` responses (two queries each), so memory stays bounded whatever the survey's size; the stream
enters the survey's network scope itself, as it is read after the view has returned.
"""

import csv
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_scopes import scope
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from augenhoehe.core.services import log_action
from augenhoehe.exports.formats import LineWriter
from augenhoehe.exports.xlsx import bold, cell, saved
from augenhoehe.interchange.format import FORMULA_START

from .choices import QuestionKind
from .models import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse
from .results import survey_questions

BATCH = 2000
# Invisible direction and byte-order marks a spreadsheet skips before reading a formula.
DIRECTION_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
NAME_WIDTH, COLUMN_WIDTH = 40, 14
PROFILE = [
    ("organisation", "organisation__name"),
    ("kreis", "kreis__name"),
    ("kind", "kind"),
    ("self_understanding", "self_understanding"),
    ("staffing", "staffing"),
    ("language", "language"),
    ("submitted_at", "submitted_at"),
]


@dataclass(frozen=True)
class Column:
    key: str
    question: SurveyQuestion | None
    option_id: int | None = None
    other_text: bool = False
    label: str = ""


@transaction.atomic
def answers_export_log(*, survey: Survey, actor, format: str) -> None:
    """Record who downloaded the raw answers (format only: the answers stay out of the log)."""
    log_action(
        subject=survey,
        action="surveys.answers.exported",
        actor=actor,
        network=survey.network,
        data={"format": format},
    )


def answer_columns(questions: list[SurveyQuestion]) -> list[Column]:
    columns = [Column(key=key, question=None, label=key) for key, _field in PROFILE]
    for question in questions:
        options = list(question.options.all())
        if question.kind == QuestionKind.MULTIPLE:
            columns += [
                Column(f"{question.code}_{o.position}", question, o.pk, label=f"{question.text}: {o.label}")
                for o in options
            ]
        else:
            columns.append(Column(question.code, question, label=question.text))
        columns += [
            Column(
                f"{question.code}_{o.position}_text",
                question,
                o.pk,
                other_text=True,
                label=f"{question.text}: {o.label}",
            )
            for o in options
            if o.is_other
        ]
    return columns


def answer_rows(survey: Survey, columns: list[Column]) -> Iterator[list[Any]]:
    """Each submitted response's row of values, in batches of ``BATCH`` responses."""
    labels = {o.pk: o.label for c in columns if c.question for o in c.question.options.all()}
    kinds = {c.question.pk: c.question.kind for c in columns if c.question}
    responses = SurveyResponse.objects.filter(survey=survey, submitted_at__isnull=False).order_by("pk")
    last = 0
    while batch := list(
        responses.filter(pk__gt=last).values("pk", *(field for _key, field in PROFILE))[:BATCH]
    ):
        last = batch[-1]["pk"]
        answers: dict[int, dict] = defaultdict(dict)
        found = SurveyAnswer.objects.filter(response_id__in=[r["pk"] for r in batch]).values_list(
            "response_id", "question_id", "option_id", "number", "text"
        )
        for response_id, question_id, option_id, number, text in found.order_by():
            values = answers[response_id]
            if option_id is None:
                values[question_id] = number if number is not None else text
                continue
            values[(question_id, option_id)] = text
            if kinds.get(question_id) != QuestionKind.MULTIPLE:
                values[question_id] = labels.get(option_id, "")
        for response in batch:
            yield _row(response, columns, answers[response["pk"]])


def _row(response: dict, columns: list[Column], values: dict) -> list[Any]:
    row: list[Any] = []
    for column in columns:
        if column.question is None:
            row.append(response[dict(PROFILE)[column.key]] or "")
        elif column.other_text:
            row.append(values.get((column.question.pk, column.option_id), ""))
        elif column.option_id is not None:
            row.append(1 if (column.question.pk, column.option_id) in values else 0)
        else:
            row.append(values.get(column.question.pk, ""))
    return row


def _csv_cell(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, int):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat(timespec="seconds")
    text = str(value)
    return "'" + text if text.lstrip(DIRECTION_MARKS).startswith(FORMULA_START) else text


def answers_csv(*, survey: Survey) -> Iterator[bytes]:
    """The raw answers as UTF-8 CSV (comma, CRLF), header of column keys, streamed."""
    with scope(network=[survey.network_id]):
        columns = answer_columns(survey_questions(survey))
        writer = csv.writer(LineWriter(), lineterminator="\r\n")
        yield writer.writerow([column.key for column in columns]).encode()
        for row in answer_rows(survey, columns):
            yield writer.writerow([_csv_cell(value) for value in row]).encode()


def answers_xlsx(*, survey: Survey) -> IO[bytes]:
    """The raw answers as a workbook (write-only, spooled), with a sheet naming each column."""
    columns = answer_columns(survey_questions(survey))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Antworten"))
    sheet.freeze_panes = "A2"
    for index, _column in enumerate(columns, start=1):  # before the first row (write-only)
        sheet.column_dimensions[get_column_letter(index)].width = NAME_WIDTH if index == 1 else COLUMN_WIDTH
    sheet.append([bold(sheet, column.key) for column in columns])
    for row in answer_rows(survey, columns):
        sheet.append([cell(sheet, value) for value in row])
    legend = workbook.create_sheet(_("Spalten"))
    legend.append([bold(legend, _("Spalte")), bold(legend, _("Bedeutung"))])
    for column in columns:
        legend.append([column.key, cell(legend, column.label)])
    return saved(workbook)
