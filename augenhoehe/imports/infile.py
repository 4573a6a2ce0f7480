"""Rows of one file that are the same organisation, found by the directory's own duplicate keys.

A later row with the same folded name in the same Kreis as an earlier row is that organisation
again: it is skipped unless the user decides otherwise. A later row with the same e-mail address
or website as an earlier one may be: it is imported as it stands unless the user decides
otherwise. Either way the earlier row is shown as a candidate (``{"row": 5, ...}`` among the
row's candidates), and the user chooses in the preview: merge the two into one, or keep both.

Merging puts the later row's values into the earlier row: what the later row gives fills the
earlier row's gaps and replaces its values (lists too); the earlier row is checked again with
them, and the later row is skipped. Keys are ``directory.duplicates``'s, so a file's duplicates
are found by the same rules as the directory's.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from augenhoehe.directory.duplicates import email_key, name_key, website_key

from .models import ImportRow

Action = ImportRow.Action
MERGE_ROW = "merge_row"
# What a later row does not pass on when merged: the earlier row's own identity.
_NOT_MERGED = ("id",)


class FileDuplicates:
    """The rows seen so far in one check, by name and place, e-mail and website."""

    def __init__(self) -> None:
        self.by_name: dict[tuple[str, str], int] = {}
        self.by_email: dict[str, int] = {}
        self.by_website: dict[str, int] = {}
        self.labels: dict[int, tuple[str, str]] = {}

    def same_as(self, number: int, values: dict[str, Any], kreis_id: str) -> tuple[int | None, list[dict]]:
        """(the earlier row that is this organisation by name and place, or None; the earlier rows
        as candidates of this row); remembers this row for the rows after it."""
        reasons: dict[int, list[str]] = {}
        name = (name_key(values.get("name", "")), kreis_id)
        same = self.by_name.get(name)
        if same is not None:
            reasons.setdefault(same, []).append("name")
        email = email_key(values.get("email", ""))
        if email and email in self.by_email:
            reasons.setdefault(self.by_email[email], []).append("email")
        website = website_key(values.get("website", ""))
        if website and website in self.by_website:
            reasons.setdefault(self.by_website[website], []).append("website")
        self.by_name.setdefault(name, number)
        if email:
            self.by_email.setdefault(email, number)
        if website:
            self.by_website.setdefault(website, number)
        self.labels.setdefault(number, (values.get("name", ""), values.get("city", "")))
        candidates = [
            {
                "id": None,
                "row": earlier,
                "name": self.labels[earlier][0],
                "city": self.labels[earlier][1],
                "reasons": reasons[earlier],
            }
            for earlier in sorted(reasons, key=lambda n: (-len(reasons[n]), n))
        ]
        return same, candidates


def rows_of_file(row: ImportRow) -> list[dict[str, Any]]:
    """The earlier rows of the file that ``row`` resembles."""
    return [candidate for candidate in row.candidates if candidate.get("row")]


def merged_into(row: ImportRow) -> int | None:
    """The earlier row ``row`` was merged into, if it was."""
    return next((c["row"] for c in rows_of_file(row) if c.get("merged")), None)


def merged_values(earlier: dict[str, Any], later: dict[str, Any]) -> dict[str, Any]:
    """The earlier row's values with the later row's: the later row fills gaps and overrides."""
    return {**earlier, **{name: value for name, value in later.items() if name not in _NOT_MERGED}}


def check_merge(row: ImportRow, earlier: ImportRow | None) -> ImportRow:
    """The earlier row ``row`` may be merged into; raises ``ValidationError`` otherwise."""
    if merged_into(row) is not None:
        raise ValidationError(
            _(
                "Diese Zeile ist schon mit Zeile %(number)s zusammengeführt. Um das zurückzunehmen, "
                "ordnen Sie die Spalten erneut zu; dann wird die Liste neu geprüft."
            )
            % {"number": merged_into(row)}
        )
    if earlier is None or earlier.number not in {c["row"] for c in rows_of_file(row)}:
        raise ValidationError(_("Bitte wählen Sie eine der vorgeschlagenen Zeilen."))
    if earlier.action in (Action.ERROR, Action.SKIP):
        raise ValidationError(
            _("Zeile %(number)s wird nicht importiert; mit ihr kann nichts zusammengeführt werden.")
            % {"number": earlier.number}
        )
    return earlier


def mark_merged(row: ImportRow, earlier: ImportRow) -> None:
    """``row`` is skipped, its values now being part of ``earlier``."""
    row.action, row.target, row.changes = Action.SKIP, None, {}
    row.candidates = [
        {**candidate, "merged": True} if candidate.get("row") == earlier.number else candidate
        for candidate in row.candidates
    ]
    row.note = _("Mit Zeile %(number)s zusammengeführt: ihre Angaben gehen in Zeile %(number)s ein.") % {
        "number": earlier.number
    }
    joined = _("Enthält die Angaben von Zeile %(number)s.") % {"number": row.number}
    earlier.note = f"{earlier.note} {joined}".strip()[:300]
