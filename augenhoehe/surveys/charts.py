"""The results' charts as geometry for SVG templates (no JS): horizontal bars for choices, one
stacked bar for a Likert item.

Bars grow in the reading direction (from the right on a right-to-left page). Each bar carries its
percentage as text; the stacked bar's parts differ by pattern as well as by shade (``PATTERNS``),
so the charts read without colour, and every chart has a table with the same numbers beside it.
A hidden figure has no bar, only its mark. Labels are shortened to fit a phone; the table holds
the whole labels.

Not merged with ``events/figure_charts.py``: that chart draws two bars per line against one base,
this one a bar per option and a stacked bar; what they share is a few lines of arithmetic.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format

WIDTH = 480
LABEL = 180  # the labels' column
VALUE = 60  # room for "100,0 %" after the bar
LINE = 26
BAR = 16
TOP = 4
LABEL_CHARS = 24
# The stacked bar's parts in order: (fill, pattern drawn over it or "", colour of its number).
# Shades alone would not do for people who do not see colour or print in black and white.
PATTERNS = [
    ("#1f5f8b", "", "#ffffff"),
    ("#d6e6f2", "hatch", "#1d2328"),
    ("#ffffff", "dots", "#1d2328"),
    ("#9cc2dd", "cross", "#1d2328"),
    ("#eef3f7", "", "#1d2328"),
    ("#ffffff", "", "#1d2328"),
]
STACK_HEIGHT = 28
SEGMENT_LABEL_MIN = 34  # narrower parts leave their number to the legend and the table


def percent_text(value: Decimal | None, hidden: str = "–") -> str:
    """ "63,6 %" in the active language's number format; ``hidden`` without a value."""
    return hidden if value is None else f"{number_format(value, 1)} %"


@dataclass(frozen=True)
class Bar:
    label: str
    label_y: float
    x: float
    y: float
    width: float
    value: str
    value_x: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    label_x: float
    label_anchor: str
    value_anchor: str
    axis_x: float
    direction: str
    bar_height: int = BAR


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(shares: list[tuple[str, Decimal | None]], *, rtl: bool = False) -> BarChart:
    """A bar per (label, percentage), scaled to 100 %."""
    span = WIDTH - LABEL - VALUE
    axis = WIDTH - LABEL if rtl else LABEL
    bars = []
    for index, (label, value) in enumerate(shares):
        top = TOP + index * LINE
        width = (
            0.0 if value is None else round(span * float(min(max(value, Decimal(0)), Decimal(100))) / 100, 1)
        )
        x = axis - width if rtl else axis
        bars.append(
            Bar(
                label=_short(str(label)),
                label_y=top + BAR / 2,
                x=x,
                y=top,
                width=width,
                value=percent_text(value),
                value_x=x - 4 if rtl else x + width + 4,
            )
        )
    return BarChart(
        width=WIDTH,
        height=TOP * 2 + LINE * len(bars),
        bars=bars,
        label_x=WIDTH - 4 if rtl else 4,
        label_anchor="start",
        value_anchor="end" if rtl else "start",
        axis_x=axis,
        direction="rtl" if rtl else "ltr",
    )


@dataclass(frozen=True)
class Segment:
    label: str
    fill: str
    pattern: str
    ink: str
    x: float
    width: float
    value: str
    text_x: float
    show_value: bool


@dataclass(frozen=True)
class StackedBar:
    width: int
    height: int
    segments: list[Segment]
    direction: str
    text_y: float = STACK_HEIGHT / 2


def stacked_bar(shares: list[tuple[str, Decimal | None]], *, rtl: bool = False) -> StackedBar:
    """The parts of one bar of 100 %, in the scale's order (from the right on an RTL page)."""
    segments = []
    start = 0.0
    total = sum((value for _label, value in shares if value is not None), Decimal(0)) or Decimal(100)
    for index, (label, value) in enumerate(shares):
        width = 0.0 if value is None else round(WIDTH * float(value / total), 1)
        x = WIDTH - start - width if rtl else start
        fill, pattern, ink = PATTERNS[index % len(PATTERNS)]
        segments.append(
            Segment(
                label=str(label),
                fill=fill,
                pattern=pattern,
                ink=ink,
                x=x,
                width=width,
                value=percent_text(value),
                text_x=x + width / 2,
                show_value=width >= SEGMENT_LABEL_MIN,
            )
        )
        start += width
    return StackedBar(width=WIDTH, height=STACK_HEIGHT, segments=segments, direction="rtl" if rtl else "ltr")
