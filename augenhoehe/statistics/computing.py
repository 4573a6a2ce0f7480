"""Totals, shares, ranks, change between years and figures per 100,000 inhabitants, computed
from printed figures (pure functions over ``Sheet``; no database).

Every value is an interval [low, high]; an exact figure has low == high. Ranges are carried
through by interval arithmetic, never replaced by a midpoint:

- **Total** of a count column: the sum of the regions' lows and the sum of their highs (a range
  when any region is one). It is compared with the printed total: "agrees" when both are the
  same, "consistent" when the printed total lies within the computed range, "differs" otherwise.
- **Share** of a region: value / sum of all regions, in %. With ranges, the bounds are exact:
  the smallest share is low / (low + the others' highs), the largest high / (high + the others'
  lows) (a share grows with the value and shrinks with the others'). Shares need every region's
  figure: with one missing, there are none.
- **Rank**: standard competition ranking ("1224"): the largest value is 1, ties share the best
  rank and the next rank skips as many places. A region's rank is 1 + the number of regions
  certainly larger (their low above its high); when ranges make it uncertain, the rank is the
  range up to 1 + the number of regions possibly larger ("2–5"). Ties are marked.
- **Change** between two years: later minus earlier ([l2 - h1, h2 - l1]) and in % of the earlier
  (bounds l2/h1 - 1 and h2/l1 - 1; none when the earlier figure can be 0).
- **Per 100,000 inhabitants**: value × 100,000 / population, for rows matched to a Land or a
  Kreis, in columns whose year is within two years of the population's.
"""

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from .parsing import COUNT, Figure, is_aggregate, without_year

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Interval:
    low: Decimal
    high: Decimal

    @property
    def exact(self) -> bool:
        return self.low == self.high

    def contains(self, other: "Interval") -> bool:
        return self.low <= other.low and other.high <= self.high


@dataclass(frozen=True)
class Column:
    label: str
    year: int | None
    kind: str


@dataclass(frozen=True)
class Row:
    label: str
    land: str | None  # the Land's key (AGS), or None when the name matched none
    is_total: bool
    figures: tuple[Figure, ...]
    kreis: str | None = None  # the Kreis's key (AGS) in a table of Kreise

    @property
    def region(self) -> str | None:
        """The key of the region the row is matched to: a Kreis (five digits) or a Land (two)."""
        return self.kreis or self.land


@dataclass
class Sheet:
    """A table as printed: the region column's heading, the other columns, the rows."""

    region_heading: str
    columns: list[Column]
    rows: list[Row]

    @property
    def mostly_matched(self) -> bool:
        """Whether more than half of the rows that are neither total nor aggregate are matched
        to a region (Länder, or Kreise: the importer matches a table to one of them)."""
        candidates = [row for row in self.rows if not row.is_total and not is_aggregate(row.label)]
        return sum(1 for row in candidates if row.region is not None) * 2 > len(candidates)

    @property
    def of_kreise(self) -> bool:
        """Whether the table's rows are Kreise (else Länder, or regions of neither)."""
        return any(row.kreis for row in self.rows)

    def _counted(self, row: Row, mostly_matched: bool) -> bool:
        if row.is_total or is_aggregate(row.label):
            return False
        return row.region is not None or not mostly_matched

    @property
    def regions(self) -> list[Row]:
        """The rows summed, shared and ranked: not the total, not an aggregate ("Neue Länder"),
        and, when most rows are Länder (Kreise), only the Länder (Kreise)."""
        mostly = self.mostly_matched
        return [row for row in self.rows if self._counted(row, mostly)]

    @property
    def set_apart(self) -> list[Row]:
        """The rows kept out of the computations other than the total ("nicht zugeordnet")."""
        mostly = self.mostly_matched
        return [row for row in self.rows if not row.is_total and not self._counted(row, mostly)]

    @property
    def total_row(self) -> Row | None:
        return next((row for row in self.rows if row.is_total), None)


AGREES, CONSISTENT, DIFFERS, NOT_PRINTED, INCOMPLETE = "agrees", "consistent", "differs", "none", "incomplete"
NEGATIVE = "negative"


@dataclass(frozen=True)
class Rank:
    best: int
    worst: int
    tied: bool

    @property
    def exact(self) -> bool:
        return self.best == self.worst


@dataclass
class RegionFigures:
    row: Row
    figure: Figure
    share: Interval | None
    rank: Rank | None


@dataclass
class ColumnReport:
    column: Column
    index: int
    total: Interval | None  # None when a region's figure is missing or negative
    missing: int
    printed_total: Figure | None
    agreement: str
    regions: list[RegionFigures] = field(default_factory=list)
    approximate: bool = False  # the total includes a "ca." figure
    negative: bool = False  # a figure can be below 0: no total, no shares


def interval(figure: Figure) -> Interval | None:
    if figure.low is None or figure.high is None:
        return None
    return Interval(figure.low, figure.high)


def total_of(values: list[Interval]) -> Interval:
    """The sum of intervals: a range when any of them is one."""
    return Interval(sum((v.low for v in values), Decimal(0)), sum((v.high for v in values), Decimal(0)))


def compare_total(computed: Interval | None, printed: Figure | None) -> str:
    """Whether the regions' total agrees with the printed one (see the module's docstring)."""
    printed_interval = interval(printed) if printed is not None else None
    if printed_interval is None:
        return NOT_PRINTED
    if computed is None:
        return INCOMPLETE
    if computed == printed_interval:
        return AGREES
    if computed.contains(printed_interval):
        return CONSISTENT
    return DIFFERS


def shares(values: list[Interval]) -> list[Interval | None]:
    """Each value's share of their sum in %, with exact bounds for ranges; none when a value can
    be negative (a share of a balance means nothing)."""
    if any(value.low < 0 for value in values):
        return [None] * len(values)
    total = total_of(values)
    result: list[Interval | None] = []
    for value in values:
        others_low, others_high = total.low - value.low, total.high - value.high
        smallest, largest = value.low + others_high, value.high + others_low
        if smallest == 0 or largest == 0:
            result.append(None)
            continue
        result.append(Interval(value.low / smallest * HUNDRED, value.high / largest * HUNDRED))
    return result


def ranks(values: list[Interval | None]) -> list[Rank | None]:
    """Standard competition ranks, largest first, with rank ranges where ranges leave it open.
    A missing value could be anywhere: the worst rank of every other region grows by the number
    missing. O(n log n): lows and highs sorted once, counted by bisection."""
    known = [value for value in values if value is not None]
    missing = len(values) - len(known)
    lows = sorted(value.low for value in known)
    highs = sorted(value.high for value in known)
    exact_counts = Counter(value.low for value in known if value.exact)
    result: list[Rank | None] = []
    for value in values:
        if value is None:
            result.append(None)
            continue
        # others whose low is above this high (this one's own low never is)
        certainly_larger = len(lows) - bisect_right(lows, value.high)
        # others whose high is above this low (this one's own high is when it is a range)
        possibly_larger = len(highs) - bisect_right(highs, value.low) - (0 if value.exact else 1)
        tied = value.exact and exact_counts[value.low] > 1
        result.append(Rank(best=1 + certainly_larger, worst=1 + possibly_larger + missing, tied=tied))
    return result


def column_report(sheet: Sheet, index: int) -> ColumnReport:
    """Total, its comparison with the printed total, shares and ranks of one column."""
    regions = sheet.regions
    figures = [row.figures[index] if index < len(row.figures) else Figure("", None, None) for row in regions]
    values = [interval(figure) for figure in figures]
    known = [value for value in values if value is not None]
    missing = len(values) - len(known)
    negative = any(value.low < 0 for value in known)
    total = total_of(known) if not missing and not negative else None
    total_row = sheet.total_row
    printed = total_row.figures[index] if total_row and index < len(total_row.figures) else None
    region_shares = shares(known) if not missing and not negative else [None] * len(values)
    region_ranks = ranks(values)
    agreement = compare_total(total, printed)
    if negative and agreement == INCOMPLETE:
        agreement = NEGATIVE
    report = ColumnReport(
        column=sheet.columns[index],
        index=index,
        total=total,
        missing=missing,
        printed_total=printed,
        agreement=agreement,
        approximate=total is not None and any(figure.approximate for figure in figures),
        negative=negative,
    )
    for row, figure, share, rank in zip(regions, figures, region_shares, region_ranks, strict=True):
        report.regions.append(RegionFigures(row=row, figure=figure, share=share, rank=rank))
    return report


def count_reports(sheet: Sheet) -> list[ColumnReport]:
    """A report for every count column, in the printed order."""
    return [column_report(sheet, index) for index, column in enumerate(sheet.columns) if column.kind == COUNT]


def difference(earlier: Interval, later: Interval) -> Interval:
    return Interval(later.low - earlier.high, later.high - earlier.low)


def change_percent(earlier: Interval, later: Interval) -> Interval | None:
    """The change in % of the earlier figure; None when the earlier figure can be 0 or less."""
    if earlier.low <= 0:
        return None
    return Interval(
        (later.low / earlier.high - 1) * HUNDRED,
        (later.high / earlier.low - 1) * HUNDRED,
    )


@dataclass
class Change:
    earlier: Column
    later: Column
    # per region row: (absolute, percent); None where a figure is missing
    rows: list[tuple[Row, Interval | None, Interval | None]]


def series_key(label: str) -> str:
    """A heading without its year: "Männer Anzahl 2016" and "Männer Anzahl 2019" are one series."""
    return without_year(label)


def changes(sheet: Sheet) -> list[Change]:
    """The change between count columns of one series (the same heading once the year is
    removed) with consecutive, different years."""
    series: dict[str, list[tuple[int, int]]] = {}
    for index, column in enumerate(sheet.columns):
        if column.kind == COUNT and column.year is not None:
            series.setdefault(series_key(column.label), []).append((column.year, index))
    pairs = []
    for dated in series.values():
        dated.sort()
        pairs += [
            (first, second)
            for (year, first), (later_year, second) in zip(dated, dated[1:], strict=False)
            if later_year != year
        ]
    result = []
    for first, second in sorted(pairs, key=lambda pair: (sheet.columns[pair[0]].year or 0, pair[0])):
        rows: list[tuple[Row, Interval | None, Interval | None]] = []
        for row in sheet.rows:
            before = interval(row.figures[first]) if first < len(row.figures) else None
            after = interval(row.figures[second]) if second < len(row.figures) else None
            if before is None or after is None:
                rows.append((row, None, None))
            else:
                rows.append((row, difference(before, after), change_percent(before, after)))
        result.append(Change(earlier=sheet.columns[first], later=sheet.columns[second], rows=rows))
    return result


def per_inhabitants(value: Interval, population: int, per: int = 100_000) -> Interval:
    """``value`` per ``per`` inhabitants of a population."""
    factor = Decimal(per) / Decimal(population)
    return Interval(value.low * factor, value.high * factor)


# How many years a column's year may lie from the population's year for figures per 100,000.
POPULATION_YEARS_APART = 2


def per_inhabitants_applies(column: Column, population_year: int) -> bool:
    """Whether a column's figures are divided by the population: only when its year lies within
    ``POPULATION_YEARS_APART`` years of the population's."""
    return column.year is not None and abs(column.year - population_year) <= POPULATION_YEARS_APART


def region_per_inhabitants(
    report: ColumnReport, population: dict[str, int], population_year: int
) -> list[Interval | None]:
    """Each region's figure per 100,000 inhabitants where its Land's or Kreis's population is
    known and the column's year is near the population's (``per_inhabitants_applies``)."""
    if not per_inhabitants_applies(report.column, population_year):
        return [None] * len(report.regions)
    result: list[Interval | None] = []
    for region in report.regions:
        value = interval(region.figure)
        people = population.get(region.row.region or "")
        result.append(per_inhabitants(value, people) if value is not None and people else None)
    return result
