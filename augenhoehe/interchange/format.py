"""The organisation list format that exports write and imports read (FORMAT.md beside this file).

The columns come from the profile field registry (``directory.profile_fields``); this module
adds what a file needs on top: the format's name and version, and how a value becomes a cell.
"""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from augenhoehe.directory import profile_fields
from augenhoehe.directory.permissions import ALL_FIELD_GROUPS

FORMAT_NAME = "augenhoehe.organisations"
FORMAT_VERSION = 1

COLUMNS: tuple[str, ...] = profile_fields.EXPORT_COLUMNS

# The optional field group (directory.choices.PublicField) that guards each column;
# every other column is public wherever the profile itself is visible.
FIELD_GROUP_OF_COLUMN: dict[str, str] = {
    field.name: field.group for field in profile_fields.EXPORT_FIELDS if field.group in ALL_FIELD_GROUPS
}
# Publication settings are for those who may edit the profile (directory.change_organisation).
EDITOR_COLUMNS = tuple(
    field.name for field in profile_fields.EXPORT_FIELDS if field.group == profile_fields.EDITORS
)

TAG_COLUMNS: dict[str, str] = {field.name: field.scheme for field in profile_fields.TAG_FIELDS}
# Between the values of a multi-valued cell in CSV and XLSX; codes and ids never contain it.
SEPARATOR = "|"


def join_values(values) -> str:
    """A multi-valued cell as text: ``["ar", "tr"]`` → ``"ar|tr"``."""
    return SEPARATOR.join(str(value) for value in values)


def cell_text(value: Any) -> str:
    """A row value as CSV text: codes as they are, lists joined by ``|``, times in ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return join_values(value)
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, Decimal):
        return decimal_text(value)
    return str(value)


# What a spreadsheet takes as the start of a formula (or of a hidden one, after a tab or CR), and
# the apostrophe that marks text: a cell starting with one of these is neutralised (OWASP, CSV
# injection). The apostrophe itself is included, so that neutralising stays reversible.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralised(text: str) -> str:
    """``text`` with a leading apostrophe where a spreadsheet would read it as a formula:
    ``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``. The import strips it again (``excel.unprotect``)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def decimal_text(value: Decimal) -> str:
    """A coordinate with a decimal point and exactly the six places stored: ``51.906500``."""
    return f"{value:.6f}"
