"""A breakdown of the outreach figures as an SVG bar chart, computed here and drawn by a template (no JS).

Two bars per line: registered (solid) and attended (outlined, lighter), both as a share of everyone
registered, so that they differ without colour too. Bars grow in the reading direction: from the
left, or from the right on a right-to-left page, where the labels are set right to left too. Labels
are shortened to fit a phone; the table beside the chart holds the whole labels and the numbers. A
hidden line (another co-organiser's few people) has no bars, only "< 3".
"""

from dataclasses import dataclass

from .figures import SMALL, Breakdown

WIDTH = 320
LINE = 30  # height of one line (two bars and the gap)
BAR = 10
TOP = 4
LABEL = 118  # the labels' column
VALUE = 40  # room for "100 %" after the longer bar
LABEL_CHARS = 18


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    value: str  # "42 %"
    value_x: float


@dataclass(frozen=True)
class Line:
    label: str
    label_y: float
    registered: Bar
    attended: Bar


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    lines: list[Line]
    label_x: float
    label_anchor: str
    value_anchor: str
    axis_x: float  # where the bars start
    direction: str  # of the labels' text: "rtl" on a right-to-left page


def _short(label) -> str:
    label = str(label)
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(breakdown: Breakdown, *, rtl: bool = False) -> BarChart:
    """The chart of ``breakdown``: a line per row, its bars scaled to the share of everyone registered."""
    span = WIDTH - LABEL - VALUE
    axis = WIDTH - LABEL if rtl else LABEL

    def bar(share: int, y: float, hidden: bool) -> Bar:
        # Never beyond the plot, whatever the share.
        width = 0 if hidden else round(span * min(max(share, 0), 100) / 100, 1)
        x = axis - width if rtl else axis
        value_x = x - 4 if rtl else x + width + 4
        return Bar(x=x, y=y, width=width, value=f"< {SMALL}" if hidden else f"{share} %", value_x=value_x)

    lines = []
    for index, row in enumerate(breakdown.rows):
        top = TOP + index * LINE
        lines.append(
            Line(
                label=_short(row.label),
                label_y=top + BAR,
                registered=bar(row.registered_percent, top, row.hidden),
                attended=bar(row.attended_percent, top + BAR + 2, row.hidden),
            )
        )
    return BarChart(
        width=WIDTH,
        height=TOP * 2 + LINE * len(lines),
        lines=lines,
        label_x=WIDTH - 4 if rtl else 4,
        # "start" in the labels' own direction: the right edge of right-to-left text.
        label_anchor="start",
        value_anchor="end" if rtl else "start",
        axis_x=axis,
        direction="rtl" if rtl else "ltr",
    )
