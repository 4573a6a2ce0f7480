"""Figures as a German reader writes them ("1.234", "29,2 %", "750–2.500"), in the active
language's format, for the pages and the command alike."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .computing import ColumnReport, Interval, Rank
from .parsing import Figure

DASH = "–"


def rounded(value: Decimal, places: int = 0) -> Decimal:
    """``value`` rounded to ``places`` decimals as it is printed (no "-0")."""
    result = value.quantize(Decimal(1).scaleb(-places)) if places else value.quantize(Decimal(1))
    return abs(result) if result == 0 else result


def number(value: Decimal, places: int = 0) -> str:
    """``value`` rounded to ``places`` decimals, with thousands grouped."""
    return number_format(rounded(value, places), decimal_pos=places, force_grouping=True)


def places_of(value: Decimal) -> int:
    """How many decimals a printed figure had (29,2 → 1), so that it is shown as printed."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def interval(value: Interval | None, places: int = 0, suffix: str = "", signed: bool = False) -> str:
    """An exact value as one number, a range as "low–high"; "–" for none."""
    if value is None:
        return DASH
    sign = "+" if signed else ""

    def one(part: Decimal) -> str:
        text = number(part, places)
        return (sign + text) if signed and part > 0 else text

    if value.exact:
        return one(value.low) + suffix
    return f"{one(value.low)}{DASH}{one(value.high)}{suffix}"


def figure(value: Figure) -> str:
    """A stored figure as printed, in the reader's format, with its footnote mark and "ca."."""
    if value.low is None or value.high is None:
        return DASH + value.footnote
    places = max(places_of(value.low), places_of(value.high))
    text = interval(Interval(value.low, value.high), places)
    if value.approximate:
        text = _("ca. %(figure)s") % {"figure": text}
    return text + value.footnote


def percent(value: Interval | None, signed: bool = False) -> str:
    return interval(value, 1, " %", signed=signed)


def rank(value: Rank | None) -> str:
    """ "3", "13 (geteilt)" for a tie, "2–5" when ranges leave it open."""
    if value is None:
        return DASH
    if not value.exact:
        return f"{value.best}{DASH}{value.worst}"
    if value.tied:
        return _("%(rank)s (geteilt)") % {"rank": value.best}
    return str(value.best)


def total(report: ColumnReport) -> str:
    """A column's computed total, "ca. …" when a figure in it is approximate."""
    text = interval(report.total)
    if report.approximate and report.total is not None:
        text = _("ca. %(figure)s") % {"figure": text}
    return text
