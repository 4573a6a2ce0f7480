"""A choropleth: regions coloured by a figure in up to five classes, with its legend and the
same data as a table (pure; the shapes come from ``geodata``, the figures from the caller).

Decisions:
- The figures are **rounded as printed** (``places``) before anything else: the classes, the
  legend and the table then agree with what the reader reads, and two breaks can never print
  alike ("1,1 bis 1,1").
- A class is (lower bound, upper bound], its upper end included; the first class includes its
  lower end too. The legend says "0 bis 150", then "über 150 bis 750".
- **Printed categories first**: when the figures hold ranges (the document's "0–150",
  "150–750", "750–2.500"), their ends are the breaks, with the lowest and highest figure at the
  ends. A range lies in the class whose bounds enclose it, so "150–750" is the class "über 150
  bis 750": the document's categories meet at their ends and mean just that. Only a range that
  reaches across a break (e.g. 100–800) is hatched and called "Spanne". When the ends would
  make more than five classes, quantiles are used instead.
- **Quantile classes** otherwise: the upper bounds are the figures at the fifths of all sorted
  figures (both ends of a range count), so each class holds about a fifth of the regions; counts
  are skewed (NRW alone holds almost a third), and equal intervals would paint almost every
  Land in the lightest class. Regions with the same figure stay in one class, so ties and small
  sets give fewer and unequal classes (40 regions at 0 are one class).
- A region without a figure is hatched grey, "keine Angabe".
- The class number is in the table and in each region's ``<title>``, so the map can be read
  without telling colours apart.
- Palette: ColorBrewer "Blues" for as many classes as there are (3, 4 or 5; one or two classes
  take colours of the three), so the top class is always dark.
"""

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from django.utils.translation import gettext as _

from . import formatting
from .computing import Interval

CLASSES = 5
PALETTES = {
    1: ("#6baed6",),
    2: ("#deebf7", "#3182bd"),
    3: ("#deebf7", "#9ecae1", "#3182bd"),
    4: ("#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"),
    5: ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"),
}
CLASSED, SPAN, MISSING = "classed", "span", "missing"


@dataclass(frozen=True)
class LegendEntry:
    number: int
    low: Decimal
    high: Decimal
    text: str  # the class's bounds as the reader reads them
    colour: str


@dataclass(frozen=True)
class MapRegion:
    key: str
    name: str
    path: str
    text: str  # the value as the reader reads it
    state: str  # CLASSED, SPAN or MISSING
    number: int | None  # the class, 1 = lowest
    colour: str | None  # None: hatched

    @property
    def label(self) -> str:
        """The region's ``<title>``: name, value and what its colour means."""
        if self.state == MISSING:
            return _("%(name)s: keine Angabe") % {"name": self.name}
        if self.state == SPAN:
            return _("%(name)s: %(value)s (Spanne über mehrere Klassen)") % {
                "name": self.name,
                "value": self.text,
            }
        return _("%(name)s: %(value)s (Klasse %(number)s)") % {
            "name": self.name,
            "value": self.text,
            "number": self.number,
        }


@dataclass(frozen=True)
class Choropleth:
    key: str  # unique on the page: the SVG's ids derive from it
    title: str
    description: str
    viewbox: list[int]
    regions: list[MapRegion]
    legend: list[LegendEntry]

    @property
    def viewbox_text(self) -> str:
        return " ".join(str(number) for number in self.viewbox)

    @property
    def outline(self) -> float:
        """The regions' outline, about one pixel at the map's usual width, in map units."""
        return round(max(self.viewbox[2:]) / 700, 2)

    @property
    def hatch(self) -> float:
        """The spacing of the hatching, in map units."""
        return round(max(self.viewbox[2:]) / 90, 1)

    @property
    def stripe(self) -> float:
        return round(self.hatch / 3, 1)

    @property
    def has_span(self) -> bool:
        return any(region.state == SPAN for region in self.regions)

    @property
    def has_missing(self) -> bool:
        return any(region.state == MISSING for region in self.regions)


def _quantiles(figures: list[Decimal]) -> list[Decimal]:
    count = len(figures)
    tops = {figures[(count * number - 1) // CLASSES] for number in range(1, CLASSES + 1)}
    return [figures[0], *sorted(tops)]


def bounds(values: Iterable[Interval]) -> list[Decimal]:
    """The lowest figure, then each class's upper bound (see the module's docstring)."""
    values = list(values)
    if not values:
        return []
    figures = sorted(bound for value in values for bound in {value.low, value.high})
    ends = {bound for value in values if not value.exact for bound in (value.low, value.high)}
    tops = sorted((ends | {figures[-1]}) - {figures[0]})
    if ends and len(tops) <= CLASSES:
        return [figures[0], *tops]
    return _quantiles(figures)


def classify(value: Interval | None, class_bounds: list[Decimal]) -> tuple[str, int | None]:
    """The state and class of a value: a range only when one class's bounds enclose it."""
    if value is None or not class_bounds:
        return MISSING, None
    number = max(1, bisect_left(class_bounds, value.high))
    if value.low < class_bounds[number - 1]:
        return SPAN, None
    return CLASSED, number


def legend(class_bounds: list[Decimal], formatter: Callable[[Interval | None], str]) -> list[LegendEntry]:
    colours = PALETTES[len(class_bounds) - 1]
    entries = []
    for number, (low, high) in enumerate(pairwise(class_bounds), 1):
        texts = {"low": formatter(Interval(low, low)), "high": formatter(Interval(high, high))}
        if number > 1:
            text = _("über %(low)s bis %(high)s") % texts
        elif low == high:
            text = texts["low"]
        else:
            text = _("%(low)s bis %(high)s") % texts
        entries.append(LegendEntry(number=number, low=low, high=high, text=text, colour=colours[number - 1]))
    return entries


def choropleth(
    *,
    key: str,
    title: str,
    description: str,
    viewbox: list[int],
    shapes: dict[str, str],
    names: dict[str, str],
    values: dict[str, Interval | None],
    formatter: Callable[[Interval | None], str],
    places: int = 0,
) -> Choropleth:
    """A map of the regions in ``shapes`` (key → path), named by ``names``, coloured by
    ``values`` (key → figure; absent = no figure) rounded to ``places`` decimals, the table
    ordered by name."""
    printed = {
        key: Interval(formatting.rounded(value.low, places), formatting.rounded(value.high, places))
        for key, value in values.items()
        if value is not None
    }
    class_bounds = bounds(printed.values())
    entries = legend(class_bounds, formatter) if class_bounds else []
    regions = []
    for region_key in sorted(shapes, key=lambda k: (names.get(k, k), k)):
        state, number = classify(printed.get(region_key), class_bounds)
        regions.append(
            MapRegion(
                key=region_key,
                name=names.get(region_key, region_key),
                path=shapes[region_key],
                text=formatter(values.get(region_key)),
                state=state,
                number=number,
                colour=entries[number - 1].colour if number else None,
            )
        )
    return Choropleth(
        key=key, title=title, description=description, viewbox=viewbox, regions=regions, legend=entries
    )
