"""What CSV for German Excel needs beyond plain CSV: Windows-1252, German dates, safe cells.

Excel on a German Windows opens a ``.csv`` by double-click with the ANSI code
page (Windows-1252) and the list separator ``;``. It also turns text into
numbers or formulas as it sees fit: "01067" loses its leading zero, and
"=…", "+…", "-…", "@…" are evaluated (CSV injection). Such cells are written
as a formula that yields the text (``="01067"``), which Excel shows as the
plain text and saves back as it.
"""

import codecs
import re
import unicodedata
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from .format import FORMULA_START, join_values

ENCODING = "cp1252"
ERROR_HANDLER = "augenhoehe.transliterate"
# Excel limits a text constant in a formula to 255 characters.
FORMULA_TEXT_LIMIT = 255

# Letters outside Windows-1252 that have no decomposition into a base letter and a mark.
_LOOKALIKES = {
    "ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ə": "e", "Ə": "E", "ħ": "h", "Ħ": "H",
    "ŧ": "t", "Ŧ": "T", "ŀ": "l", "Ŀ": "L", "ĸ": "k",
    "‐": "-", "‑": "-", "‒": "-", "−": "-", "―": "-", "′": "'", "″": '"', "\u202f": " ", "\u2009": " ",
}  # fmt: skip
_RISKY_START = FORMULA_START
_LEADING_ZERO = re.compile(r"0\d+")


def _transliterate(error: UnicodeError) -> tuple[str, int]:
    """Replace what Windows-1252 lacks by the nearest letter ("ş" → "s", "ł" → "l"); scripts
    without a Latin look-alike (Arabic, Cyrillic, …) become "?" — the last resort."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    replacement = "".join(_nearest(char) for char in error.object[error.start : error.end])
    return replacement, error.end


def _nearest(char: str) -> str:
    if char in _LOOKALIKES:
        return _LOOKALIKES[char]
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    try:
        base.encode(ENCODING)
    except UnicodeEncodeError:
        return "?"
    return base or "?"


codecs.register_error(ERROR_HANDLER, _transliterate)


def encode(text: str) -> bytes:
    """``text`` in Windows-1252, transliterating what it cannot hold."""
    return text.encode(ENCODING, errors=ERROR_HANDLER)


def cell_text(value: Any) -> str:
    """A row value as Excel should see it: codes unchanged, times as "31.12.2024 14:05",
    coordinates with a decimal comma."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, list | tuple):
        return join_values(value)
    if isinstance(value, str):
        return protect(value)
    if isinstance(value, Decimal):
        # German Excel reads "51,906500" as the number 51.9065, but not "51.906500".
        return f"{value:.6f}".replace(".", ",")
    return str(value)


def protect(text: str) -> str:
    """Keep Excel from reading text as a number or a formula."""
    if not (text.startswith(_RISKY_START) or _LEADING_ZERO.fullmatch(text)):
        return text
    if len(text) <= FORMULA_TEXT_LIMIT and "\n" not in text and "\r" not in text:
        return '="' + text.replace('"', '""') + '"'
    # Too long or multi-line for a formula: a leading apostrophe keeps it text (OWASP).
    return "'" + text


def unprotect(text: str) -> str:
    """The inverse of ``protect`` (and of ``format.neutralised``), for an importer reading a CSV back."""
    if text.startswith('="') and text.endswith('"') and len(text) >= 3:
        return text[2:-1].replace('""', '"')
    if text.startswith("'") and text[1:].startswith(_RISKY_START):
        return text[1:]
    return text
