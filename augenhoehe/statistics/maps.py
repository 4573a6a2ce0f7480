"""The maps the pages show: an imported table's Länder or Kreise, and the directory's live figures per Land
and per Kreis, each coloured by the figure the reader chose (``choropleth`` does the colouring).

Per 100,000 inhabitants uses the bundled population of 31.12.2018 (``geodata``), for the
directory's live counts too: it is the newest population the app ships, and the page says so.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import formatting, geodata
from .choropleth import Choropleth, choropleth
from .computing import ColumnReport, Interval, interval, per_inhabitants
from .live import Tally

COUNT, SHARE, PER_100K, VOLUNTEERS = "count", "share", "per_100k", "volunteers"
TABLE_FIGURES = [
    (COUNT, gettext_lazy("Anzahl")),
    (SHARE, gettext_lazy("Anteil an der Summe (%)")),
    (PER_100K, gettext_lazy("Je 100.000 Einwohner")),
]
DIRECTORY_FIGURES = [
    (COUNT, gettext_lazy("Anzahl der Organisationen")),
    (PER_100K, gettext_lazy("Organisationen je 100.000 Einwohner")),
    (VOLUNTEERS, gettext_lazy("Anteil nur ehrenamtlich geführt (%)")),
]
PLACES = {COUNT: 0, SHARE: 1, PER_100K: 1, VOLUNTEERS: 1}


def _formatter(figure: str):
    if figure in (SHARE, VOLUNTEERS):
        return formatting.percent
    return lambda value: formatting.interval(value, PLACES[figure])


def _map(
    *, key: str, title: str, what: str, regions: str, shapes: geodata.Shapes, figure: str, **data
) -> Choropleth:
    """A choropleth of ``shapes`` by ``figure``, described for a screen reader."""
    description = _(
        "Karte: %(regions)s, eingefärbt nach „%(what)s“ in bis zu fünf Klassen von hell (wenig) bis "
        "dunkel (viel). Schraffiert: keine Angabe oder eine Spanne über mehrere Klassen. Die Zahlen "
        "stehen in der Tabelle neben der Karte."
    ) % {"regions": regions, "what": what}
    return choropleth(
        key=key,
        title=title,
        description=description,
        viewbox=shapes.viewbox,
        shapes=shapes.paths,
        formatter=_formatter(figure),
        places=PLACES[figure],
        **data,
    )


def table_map(
    *,
    report: ColumnReport,
    per_100k: list[Interval | None],
    figure: str,
    names: dict[str, str],
    shapes: geodata.Shapes,
    regions: str,
) -> Choropleth:
    """The regions of an imported table's count column, by count, share or per 100,000: the
    16 Länder, or the Kreise of the Länder a table of Kreise lies in (``shapes``, ``regions``
    naming them for the description)."""
    values: dict[str, Interval | None] = {}
    for region, per in zip(report.regions, per_100k, strict=True):
        if region.row.region is not None:
            by_figure = {COUNT: interval(region.figure), SHARE: region.share, PER_100K: per}
            values[region.row.region] = by_figure[figure]
    what = _("%(column)s: %(figure)s") % {
        "column": report.column.label,
        "figure": dict(TABLE_FIGURES)[figure],
    }
    return _map(
        key="table-map",
        title=what,
        what=what,
        regions=regions,
        shapes=shapes,
        figure=figure,
        names=names,
        values=values,
    )


def _tally_value(tally: Tally, figure: str, population: int | None) -> Interval | None:
    if figure == VOLUNTEERS:
        return tally.volunteers_share
    count = Interval(Decimal(tally.total), Decimal(tally.total))
    if figure == PER_100K:
        return per_inhabitants(count, population) if population else None
    return count


def directory_map(
    *, key: str, land: str | None, tallies: list[tuple], figure: str, regions: str
) -> Choropleth:
    """The directory's figures per Land (``land`` None) or per Kreis of ``land``."""
    shapes = geodata.laender_shapes() if land is None else geodata.kreise_shapes(land=land)
    population = geodata.population_laender() if land is None else geodata.population_kreise()
    names = {region.pk: str(region if land is None else region.display_name) for region, _tally in tallies}
    values = {region.pk: _tally_value(tally, figure, population.get(region.pk)) for region, tally in tallies}
    what = str(dict(DIRECTORY_FIGURES)[figure])
    return _map(
        key=key,
        title=_("%(figure)s: %(regions)s") % {"figure": what, "regions": regions},
        what=what,
        regions=regions,
        shapes=shapes,
        figure=figure,
        names=names,
        values=values,
    )
