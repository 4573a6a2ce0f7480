"""Reading figures and region names as documents print them (pure functions, no database).

A printed figure is read literally, never guessed:

- "4.122" is 4122 (a dot followed by groups of exactly three digits is the German thousands
  separator; never after a leading 0: "0.125" is 0.125); "1 234" with a space, no-break space or narrow no-break space likewise;
- "29,2" is 29.2 (decimal comma); "29.2" (one dot, not followed by three digits) is a decimal
  point, because a spreadsheet's number cell arrives that way ("1.234" in such a cell would read
  as 1234: type such figures as text, docs/statistics.md);
- "750– 2.500*" is a range from 750 to 2500 with the footnote mark "*": kept as a range, both
  ends stored; an en dash, an em dash or a hyphen between two numbers make a range;
- "ca. 50", "etwa 50" and "~50" are 50, flagged as approximate (the flag is shown, the value is
  used as printed);
- "", "–", "-", "—", ".", "…" and "x" are missing (Destatis prints "–" for "exactly nothing":
  we do not guess that and treat it as missing);
- a leading minus ("-3,5" or "−3,5") is a negative number; a trailing "%" is allowed and ignored.

Anything else ("abc", "5 Vereine") is refused with ``FigureError``; the importer adds the row and
column.
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

# Footnote marks printed after a figure or a name; a figure takes at most MAX_FOOTNOTE of them.
MAX_FOOTNOTE = 5
_MARKS = "*†‡¹²³⁴⁵⁶⁷⁸⁹⁰"
_FOOTNOTE = re.compile(rf"[{_MARKS}]+$")
_FIGURE_FOOTNOTE = re.compile(rf"(?<![{_MARKS}])[{_MARKS}]{{1,{MAX_FOOTNOTE}}}$")
_MISSING = {"", "–", "-", "—", ".", "…", "...", "x"}
_APPROXIMATE = re.compile(r"^(ca\.?|etwa|rund|~)\s*", re.IGNORECASE)
_THOUSANDS_DOT = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")
_THOUSANDS_SPACE = re.compile(r"^[1-9]\d{0,2}( \d{3})+(,\d+)?$")
# What a spreadsheet's number cell can arrive as and a thousands dot can look like ("2.152").
AMBIGUOUS_IN_SPREADSHEET = re.compile(r"^[-−]?[1-9]\d{0,2}\.\d{3}$")
_DECIMAL_COMMA = re.compile(r"^\d+(,\d+)?$")
_DECIMAL_POINT = re.compile(r"^\d+\.\d+$")
_RANGE = re.compile(r"^(?P<low>[\d., ]+?)\s*[–—-]\s*(?P<high>[\d., ]+)$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


class FigureError(ValueError):
    """A cell that is not a figure; the message says what was found, for the person who uploaded it."""


@dataclass(frozen=True)
class Figure:
    """One printed figure: ``low == high`` when exact, both None when missing."""

    raw: str
    low: Decimal | None
    high: Decimal | None
    footnote: str = ""
    approximate: bool = False

    @property
    def missing(self) -> bool:
        return self.low is None

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.low != self.high


def _number(text: str, raw: str) -> Decimal:
    text = text.strip()
    if _THOUSANDS_DOT.match(text):
        return Decimal(text.replace(".", "").replace(",", "."))
    if _THOUSANDS_SPACE.match(text):
        return Decimal(text.replace(" ", "").replace(",", "."))
    if _DECIMAL_COMMA.match(text):
        return Decimal(text.replace(",", "."))
    if _DECIMAL_POINT.match(text):
        return Decimal(text)
    raise FigureError(_("„%(raw)s“ ist keine Zahl.") % {"raw": raw})


def parse_figure(raw: str) -> Figure:
    """The figure printed as ``raw``; ``FigureError`` if it is none."""
    text = _SPACES.sub(" ", raw).strip()
    footnote = ""
    if _FOOTNOTE.search(text) and not _FIGURE_FOOTNOTE.search(text):
        raise FigureError(
            _("„%(raw)s“: mehr als %(max)s Fußnotenzeichen.") % {"raw": raw, "max": MAX_FOOTNOTE}
        )
    found = _FIGURE_FOOTNOTE.search(text)
    if found:
        footnote = found.group(0)
        text = text[: found.start()].strip()
    if text.endswith("%"):
        text = text[:-1].strip()
    if text in _MISSING:
        return Figure(raw=raw, low=None, high=None, footnote=footnote)
    approximate = False
    found = _APPROXIMATE.match(text)
    if found:
        approximate = True
        text = text[found.end() :]
    sign = Decimal(1)
    if text[:1] in ("-", "−"):
        sign, text = Decimal(-1), text[1:].strip()
    ranged = _RANGE.match(text) if sign > 0 else None
    if ranged:
        low, high = _number(ranged["low"], raw), _number(ranged["high"], raw)
        if low > high:
            raise FigureError(_("„%(raw)s“: der Bereich beginnt über seinem Ende.") % {"raw": raw})
        return Figure(raw=raw, low=low, high=high, footnote=footnote, approximate=approximate)
    value = sign * _number(text, raw)
    return Figure(raw=raw, low=value, high=value, footnote=footnote, approximate=approximate)


# Column headings ------------------------------------------------------------------------------

COUNT, PERCENT, RANK, OTHER = "count", "percent", "rank", "other"
_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")


def column_year(label: str) -> int | None:
    """The year a heading names ("Anzahl 2019" → 2019), or None."""
    found = _YEAR.search(label)
    return int(found.group(1)) if found else None


def without_year(label: str) -> str:
    """A heading without its year, spaces and case folded ("Männer 2016" → "männer")."""
    return " ".join(_YEAR.sub(" ", label).casefold().split())


def column_kind(label: str) -> str:
    """What a column holds, from its heading: a rank ("Rang"), a percentage ("in %", "(%)",
    "Anteil"), a count ("Anzahl", or a bare year) or something else (kept, not computed with)."""
    text = label.casefold()
    if re.search(r"\brang", text):
        return RANK
    if "%" in text or "prozent" in text or "anteil" in text:
        return PERCENT
    if "anzahl" in text or "zahl" in text or re.fullmatch(r"\s*(19|20)\d{2}\s*", text):
        return COUNT
    return OTHER


# Region names ---------------------------------------------------------------------------------

# A row whose name begins so is the printed total ("Deutschland insgesamt", "Summe der Länder").
TOTAL_PREFIXES = ("gesamt", "insgesamt", "deutschland", "summe")
TOTAL_KEYS = {"bundesgebiet"}
# A row whose name begins so sums some of the regions: never a region of its own.
AGGREGATE_PREFIXES = ("frueheresbundesgebiet", "neuelaender", "neuebundeslaender", "altebundeslaender")
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def region_label(raw: str) -> str:
    """A printed region name without its line-break artefacts ("Mecklenburg- Vorpommern",
    "Nordrhein-\\nWestfalen" → "…-…"), extra spaces and trailing footnote marks."""
    text = _SPACES.sub(" ", raw).strip()
    text = _FOOTNOTE.sub("", text).strip()
    return re.sub(r"\s*-\s+|\s+-\s*", "-", text)


def region_key(raw: str) -> str:
    """The key names are matched by: letters and digits only, case and umlaut spelling folded
    ("Baden-Wuerttemberg" and "Baden-Württemberg" meet)."""
    text = unicodedata.normalize("NFC", region_label(raw)).casefold().translate(_TRANSLITERATION)
    return "".join(character for character in text if character.isalnum())


def is_total(raw: str) -> bool:
    """Whether a row is the printed total ("Gesamt", "Insgesamt", "Deutschland insgesamt", …)."""
    key = region_key(raw)
    return key in TOTAL_KEYS or key.startswith(TOTAL_PREFIXES)


def is_aggregate(raw: str) -> bool:
    """Whether a row sums a part of the regions ("Früheres Bundesgebiet", "Neue Länder")."""
    return region_key(raw).startswith(AGGREGATE_PREFIXES)


# Kreise ---------------------------------------------------------------------------------------

STADT, LANDKREIS = "kreisfreie_stadt", "landkreis"  # ``core.Kreis.Kind``
# A Kreis's name key → the (AGS, kind) of the Kreise so named ("muenchen": the city and the Kreis).
KreisKeys = dict[str, list[tuple[str, str]]]
# How documents mark a Kreis's kind, before or after its name ("Lkr. Borken", "Köln, Stadt",
# "Kreisfreie Stadt Münster", "Borken (Kreis)"). A marker after the name needs a comma or a
# bracket: "Neustadt" is no "Neu" marked as a city.
_KIND_MARKERS = (
    (STADT, r"kreisfreie\s+stadt|stadtkreis|stadt"),
    (LANDKREIS, r"landkreis|lkr\.?|lk|kreis|städteregion|regionalverband|region"),
)
_MARKED = [
    (kind, re.compile(rf"^(?:{words})\s+(?P<name>.+)$|^(?P<before>.+?)(?:,\s*|\s*\()(?:{words})\)?$"))
    for kind, words in _KIND_MARKERS
]


def kreis_name(raw: str) -> tuple[str, str | None]:
    """The key of a printed Kreis name without its marker, and the kind the marker says (None
    without one): "Lkr. Borken" → ("borken", LANDKREIS), "Köln, Stadt" → ("koeln", STADT)."""
    label = unicodedata.normalize("NFC", region_label(raw)).casefold()
    for kind, pattern in _MARKED:
        found = pattern.match(label)
        if found:
            return region_key(found["name"] or found["before"]), kind
    return region_key(label), None


def kreis_candidates(raw: str, kreise: KreisKeys) -> list[str]:
    """The keys (AGS) of the Kreise a printed name can mean; ``kreise`` maps each Kreis's name
    key to its (AGS, kind)s. The whole name first ("Hochsauerlandkreis", "Rhein-Kreis Neuss"),
    then the name without its marker, of the kind the marker says. One candidate is a match;
    several ("München": the city and the Landkreis) are left for the reader to mark, never
    guessed."""
    whole = kreise.get(region_key(raw))
    if whole:
        return [ags for ags, _kind in whole]
    key, kind = kreis_name(raw)
    return [ags for ags, found in kreise.get(key, []) if kind in (None, found)]
