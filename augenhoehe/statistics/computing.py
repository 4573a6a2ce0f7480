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
- **Per 100,000 inhabitants**: value × 100,000 / population, for rows matched to a Land.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .parsing import COUNT, Figure

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


@dataclass
class Sheet:
    """A table as printed: the region column's heading, the other columns, the rows."""

    region_heading: str
    columns: list[Column]
    rows: list[Row]

    @property
    def regions(self) -> list[Row]:
        return [row for row in self.rows if not row.is_total]

    @property
    def total_row(self) -> Row | None:
        return next((row for row in self.rows if row.is_total), None)


AGREES, CONSISTENT, DIFFERS, NOT_PRINTED, INCOMPLETE = "agrees", "consistent", "differs", "none", "incomplete"


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
    total: Interval | None  # None when a region's figure is missing
    missing: int
    printed_total: Figure | None
    agreement: str
    regions: list[RegionFigures] = field(default_factory=list)


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
    """Each value's share of their sum in %, with exact bounds for ranges."""
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
    """Standard competition ranks, largest first, with rank ranges where ranges leave it open."""
    result: list[Rank | None] = []
    for index, value in enumerate(values):
        if value is None:
            result.append(None)
            continue
        others = [other for position, other in enumerate(values) if position != index and other is not None]
        certainly_larger = sum(1 for other in others if other.low > value.high)
        possibly_larger = sum(1 for other in others if other.high > value.low)
        tied = value.exact and any(other.exact and other.low == value.low for other in others)
        result.append(Rank(best=1 + certainly_larger, worst=1 + possibly_larger, tied=tied))
    return result


def column_report(sheet: Sheet, index: int) -> ColumnReport:
    """Total, its comparison with the printed total, shares and ranks of one column."""
    regions = sheet.regions
    figures = [row.figures[index] if index < len(row.figures) else Figure("", None, None) for row in regions]
    values = [interval(figure) for figure in figures]
    known = [value for value in values if value is not None]
    missing = len(values) - len(known)
    total = total_of(known) if not missing else None
    total_row = sheet.total_row
    printed = total_row.figures[index] if total_row and index < len(total_row.figures) else None
    region_shares = shares(known) if not missing else [None] * len(values)
    region_ranks = ranks(values)
    report = ColumnReport(
        column=sheet.columns[index],
        index=index,
        total=total,
        missing=missing,
        printed_total=printed,
        agreement=compare_total(total, printed),
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


def changes(sheet: Sheet) -> list[Change]:
    """The change between each pair of count columns with consecutive years."""
    dated = sorted(
        (
            (column.year, index)
            for index, column in enumerate(sheet.columns)
            if column.kind == COUNT and column.year is not None
        ),
    )
    result = []
    for (_, first), (_, second) in zip(dated, dated[1:], strict=False):
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


def region_per_inhabitants(report: ColumnReport, population: dict[str, int]) -> list[Interval | None]:
    """Each region's figure per 100,000 inhabitants where its Land's population is known."""
    result: list[Interval | None] = []
    for region in report.regions:
        value = interval(region.figure)
        people = population.get(region.row.land or "")
        result.append(per_inhabitants(value, people) if value is not None and people else None)
    return result
