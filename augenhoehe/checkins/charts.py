"""The trend of one factor as an SVG line chart, computed here and drawn by a template (no JS).

Scores run 1 (bottom) to 5 (top). Time runs in the reading direction: left to right, or right to
left on a right-to-left page. Each series has its own dash pattern and marker shape besides its
colour, so that the lines differ without colour too; a missing score leaves a gap in its line.
"""

from dataclasses import dataclass

from .selectors import FactorTrend

WIDTH, HEIGHT = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 28, 12, 10, 26
# (stroke dash pattern, marker): the network first, then the organisations.
# Dash and marker per series (the colour comes from the stylesheet, by the same number), so that lines
# differ without colour too. A cooperation with more partners than styles repeats them from the second on.
STYLES = [
    ("", "circle"),
    ("6 4", "square"),
    ("2 3", "diamond"),
    ("10 3 2 3", "triangle"),
    ("1 3", "square"),
    ("12 4", "diamond"),
]


def style_of(index: int) -> int:
    """The style of the ``index``-th series: the network's (0) is never repeated."""
    return index if index < len(STYLES) else 1 + (index - 1) % (len(STYLES) - 1)


def marker_path(marker: str, x: float, y: float) -> str:
    """SVG path data of a marker centred on (x, y)."""
    if marker == "circle":
        return f"M{x - 3.5},{y} a3.5,3.5 0 1,0 7,0 a3.5,3.5 0 1,0 -7,0 z"
    if marker == "square":
        return f"M{x - 3.5},{y - 3.5} h7 v7 h-7 z"
    if marker == "diamond":
        return f"M{x},{y - 4.5} l4.5,4.5 l-4.5,4.5 l-4.5,-4.5 z"
    return f"M{x},{y - 4.5} l4.5,8 h-9 z"


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    score: int
    marker: str

    @property
    def path(self) -> str:
        return marker_path(self.marker, self.x, self.y)


@dataclass(frozen=True)
class Line:
    name: str
    index: int
    dash: str
    marker: str
    segments: list[str]  # SVG path data, one per run of given scores
    points: list[Point]

    @property
    def sample(self) -> str:
        """The marker of the legend's sample line (30 × 12)."""
        return marker_path(self.marker, 15, 6)


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    anchor: str  # the first and last date keep inside the chart


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    lines: list[Line]
    grid: list[tuple[float, int]]  # (y, score)
    ticks: list[Tick]
    axis_x: float  # where the score labels stand
    plot_left: float
    plot_right: float


def _y(value: float) -> float:
    return round(TOP + (5 - value) * (HEIGHT - TOP - BOTTOM) / 4, 1)


def _anchor(index: int, count: int, rtl: bool) -> str:
    if count < 2 or 0 < index < count - 1:
        return "middle"
    first = index == 0
    return "start" if first != rtl else "end"


def trend_chart(
    trend: FactorTrend, *, rtl: bool = False, date_format=lambda d: f"{d.day}.{d.month}."
) -> Chart:
    """The chart of ``trend``: one line per side over its check-ins."""
    count = len(trend.dates)
    span = WIDTH - LEFT - RIGHT
    if rtl:
        plot_left, plot_right = RIGHT, WIDTH - LEFT
    else:
        plot_left, plot_right = LEFT, WIDTH - RIGHT

    def x(index: int) -> float:
        step = span / (count - 1) if count > 1 else 0
        offset = span / 2 if count == 1 else index * step
        return round(plot_right - offset if rtl else plot_left + offset, 1)

    lines = []
    for index, series in enumerate(trend.series):
        style = style_of(index)
        dash, marker = STYLES[style]
        points: list[Point] = []
        segments: list[str] = []
        run: list[str] = []
        for position, value in enumerate(series.scores):
            if value is None:
                if run:
                    segments.append(" ".join(run))
                run = []
                continue
            point = Point(x(position), _y(value), value, marker)
            points.append(point)
            run.append(f"{'M' if not run else 'L'}{point.x},{point.y}")
        if run:
            segments.append(" ".join(run))
        lines.append(Line(series.name, style, dash, marker, segments, points))
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        lines=lines,
        grid=[(_y(value), value) for value in range(1, 6)],
        ticks=[Tick(x(i), date_format(d), _anchor(i, count, rtl)) for i, d in enumerate(trend.dates)],
        axis_x=WIDTH - LEFT + 8 if rtl else LEFT - 8,
        plot_left=plot_left,
        plot_right=plot_right,
    )
