"""A choropleth: regions coloured by a figure in five classes, with its legend and the same data
as a table (pure; the shapes come from ``geodata``, the figures from the caller).

Decisions:
- **Quantile classes**: the breaks are the values at the fifths of the sorted figures, so each
  class holds about as many regions; counts of organisations are skewed (NRW alone holds almost
  a third), and equal intervals would paint almost every Land in the lightest class. The
  figures the breaks are taken from are the exact values and both ends of every range: all of
  them are printed numbers, nothing is guessed. Equal breaks collapse, so a small or uniform
  set has fewer than five classes.
- A class is [break, next break); the last one includes its top. The legend says "from – to
  under", with the lowest and highest figure at the ends.
- A **range** (750–2.500) takes a class only when both ends fall into the same class; otherwise
  it is hatched and called "Spanne". A region without a figure is hatched grey, "keine Angabe".
- The class number is in the table and in each region's ``<title>``, so the map can be read
  without telling colours apart.
- Palette: ColorBrewer "Blues" (sequential, 5 classes), light to dark.
"""

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .computing import Interval

PALETTE = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
CLASSES = len(PALETTE)
CLASSED, SPAN, MISSING = "classed", "span", "missing"


@dataclass(frozen=True)
class LegendEntry:
    number: int
    low: Decimal
    high: Decimal
    last: bool
    colour: str


@dataclass(frozen=True)
class MapRegion:
    key: str
    name: str
    path: str
    value: Interval | None
    text: str  # the value as the reader reads it
    state: str  # CLASSED, SPAN or MISSING
    number: int | None  # the class, 1 = lowest

    @property
    def colour(self) -> str | None:
        return PALETTE[self.number - 1] if self.number else None

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
    places: int  # decimals of the legend's figures

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


def breaks(values: Iterable[Interval]) -> list[Decimal]:
    """The lower bounds of the classes (quantiles, see the module's docstring), lowest first."""
    figures = sorted({bound for value in values for bound in (value.low, value.high)})
    if not figures:
        return []
    return sorted({figures[len(figures) * number // CLASSES] for number in range(CLASSES)})


def classify(value: Interval | None, lower_bounds: list[Decimal]) -> tuple[str, int | None]:
    """The state and class of a value: a range only when both ends fall into one class."""
    if value is None or not lower_bounds:
        return MISSING, None
    low, high = bisect_right(lower_bounds, value.low), bisect_right(lower_bounds, value.high)
    if low != high:
        return SPAN, None
    return CLASSED, low


def legend(lower_bounds: list[Decimal], highest: Decimal | None) -> list[LegendEntry]:
    uppers = [*lower_bounds[1:], highest if highest is not None else lower_bounds[-1]]
    return [
        LegendEntry(
            number=index + 1, low=low, high=high, last=index == len(lower_bounds) - 1, colour=PALETTE[index]
        )
        for index, (low, high) in enumerate(zip(lower_bounds, uppers, strict=True))
    ]


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
    ``values`` (key → figure; absent = no figure), the table ordered by name."""
    known = [value for value in values.values() if value is not None]
    lower_bounds = breaks(known)
    regions = []
    for region_key in sorted(shapes, key=lambda k: (names.get(k, k), k)):
        value = values.get(region_key)
        state, number = classify(value, lower_bounds)
        regions.append(
            MapRegion(
                key=region_key,
                name=names.get(region_key, region_key),
                path=shapes[region_key],
                value=value,
                text=formatter(value),
                state=state,
                number=number,
            )
        )
    highest = max((value.high for value in known), default=None)
    return Choropleth(
        key=key,
        title=title,
        description=description,
        viewbox=viewbox,
        regions=regions,
        legend=legend(lower_bounds, highest) if lower_bounds else [],
        places=places,
    )
