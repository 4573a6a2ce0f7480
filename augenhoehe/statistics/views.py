"""The statistics pages, for a network's staff: its tables with an upload form, one table as
printed with its computed figures and a map of its Länder or Kreise, and the directory's live
figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from augenhoehe.core.selectors import kreis_list, land_list
from augenhoehe.core.typing import NetworkRequest

from . import computing, geodata, live, maps, parsing, selectors, services
from .forms import DirectoryMapForm, TableMapForm, TableUploadForm
from .printing import RANKING_METHOD, agreement_text


def _list_page(request: NetworkRequest, form: TableUploadForm, status: int = 200) -> HttpResponse:
    tables = selectors.table_list(viewer=request.user, network=request.network)
    return render(request, "statistics/list.html", {"tables": tables, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def table_list(request: NetworkRequest) -> HttpResponse:
    """The network's tables and the upload form; a refused file shows its reasons at the field."""
    if request.method == "GET":
        return _list_page(request, TableUploadForm())
    network = request.network
    if network is None or not request.user.has_perm("statistics.import_statistics", network):
        raise PermissionDenied
    form = TableUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = services.table_import(
                network=network,
                actor=request.user,
                content=upload.read(),
                filename=upload.name,
                title=form.cleaned_data["title"],
                source=form.cleaned_data["source"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            messages.success(request, _("Die Tabelle ist importiert."))
            return redirect(table)
    return _list_page(request, form, status=400)


@login_required
@require_http_methods(["GET"])
def table_detail(request: NetworkRequest, pk: int) -> HttpResponse:
    """The table as printed, then per count column its total, shares and ranks, and the change
    between years."""
    table = selectors.table_get_for_user(user=request.user, network=request.network, pk=pk)
    sheet = selectors.table_sheet(table=table)
    population = geodata.population_kreise() if sheet.of_kreise else geodata.population_laender()
    source = geodata.population_source()
    reports = []
    for report in computing.count_reports(sheet):
        per_100k = computing.region_per_inhabitants(report, population, source.year)
        reports.append(
            {
                "report": report,
                "agreement": agreement_text(report),
                "per_inhabitants": computing.per_inhabitants_applies(report.column, source.year),
                "per_100k": per_100k,
                "regions": list(zip(report.regions, per_100k, strict=True)),
            }
        )
    figures = [figure for row in sheet.rows for figure in row.figures]
    context = {
        "table": table,
        "sheet": sheet,
        "reports": reports,
        "changes": computing.changes(sheet),
        "ranking_method": RANKING_METHOD,
        "has_ranges": any(figure.is_range for figure in figures),
        "footnotes": sorted({figure.footnote for figure in figures if figure.footnote}),
        "unmatched": [row.label for row in sheet.regions if row.region is None],
        "set_apart": [row.label for row in sheet.set_apart],
        "ambiguous": _ambiguous(sheet),
        "population": source,
        **_table_map(request, reports, sheet),
        "population_years": (
            source.year - computing.POPULATION_YEARS_APART,
            source.year + computing.POPULATION_YEARS_APART,
        ),
    }
    return render(request, "statistics/table.html", context)


def _bound(form_class, request: NetworkRequest, defaults: dict[str, str], **choices):
    """A map form bound to the query string over the defaults; the chosen values, or the
    defaults when a value is not one of the choices (the form then shows why)."""
    form = form_class({**defaults, **request.GET.dict()}, **choices)
    if form.is_valid():
        return form, form.cleaned_data
    fallback = form_class(defaults, **choices)
    fallback.is_valid()
    return form, {**fallback.cleaned_data, **form.cleaned_data}


def _ambiguous(sheet: computing.Sheet) -> list[tuple[str, list[str]]]:
    """The rows of a table of Kreise set apart because their name can mean several Kreise, each
    with the Kreise it can mean (for the reader to mark the file and import it again)."""
    if not sheet.of_kreise:
        return []
    keys = selectors.kreis_keys()
    meanings = [(row.label, parsing.kreis_candidates(row.label, keys)) for row in sheet.set_apart]
    meanings = [(label, kreise) for label, kreise in meanings if len(kreise) > 1]
    if not meanings:
        return []
    names = {kreis.pk: str(kreis) for kreis in kreis_list()}
    return [(label, [names[ags] for ags in kreise]) for label, kreise in meanings]


def _regions_drawn(sheet: computing.Sheet) -> tuple[geodata.Shapes, dict[str, str], str]:
    """The shapes, names and description of the regions a table's map draws: the 16 Länder, or
    the Kreise of the Länder its Kreise lie in."""
    laender = {land.pk: land.name for land in land_list()}
    if not sheet.of_kreise:
        return geodata.laender_shapes(), laender, _("die 16 Länder")
    keys = sorted({row.kreis[:2] for row in sheet.regions if row.kreis})
    names = {kreis.pk: str(kreis) for kreis in kreis_list().filter(land__in=keys)}
    regions = _("die Kreise in %(land)s") % {"land": ", ".join(laender[key] for key in keys)}
    return geodata.kreise_shapes_in(laender=keys), names, regions


def _table_map(request: NetworkRequest, reports: list[dict], sheet: computing.Sheet) -> dict:
    """The map of the chosen count column and figure, of the Länder or of the Kreise (in the
    table's Länder); none without a count column or without a row that is a region (a table of
    cities)."""
    if not reports or not any(row.region for row in sheet.regions):
        return {}
    columns = [(index, item["report"].column.label) for index, item in enumerate(reports)]
    form, chosen = _bound(TableMapForm, request, {"column": "0", "figure": maps.COUNT}, columns=columns)
    item = reports[chosen["column"]]
    shapes, names, regions = _regions_drawn(sheet)
    choropleth = maps.table_map(
        report=item["report"],
        per_100k=item["per_100k"],
        figure=chosen["figure"],
        names=names,
        shapes=shapes,
        regions=regions,
    )
    return {"map_form": form, "map": choropleth, "map_attribution": shapes.attribution}


@login_required
@require_http_methods(["GET"])
def directory(request: NetworkRequest) -> HttpResponse:
    """Live figures from the directory: the network's Kreise, a Land's Kreise and the Länder, as
    maps and tables, by the chosen figure."""
    network = request.network
    if network is None or not request.user.has_perm("statistics.view_statistics", network):
        raise PermissionDenied
    laender = [(land.pk, land.name) for land in land_list()]
    default = {"land": live.network_land(network=network) or laender[0][0], "figure": maps.COUNT}
    form, chosen = _bound(DirectoryMapForm, request, default, laender=laender)
    figures = live.directory_figures(viewer=request.user, network=network, land=chosen["land"])
    context = {
        "form": form,
        "figures": figures,
        "kreise_map": maps.directory_map(
            key="kreise-map",
            land=figures.land.pk,
            tallies=figures.land_kreise,
            figure=chosen["figure"],
            regions=_("die Kreise in %(land)s") % {"land": figures.land.name},
        ),
        "laender_map": maps.directory_map(
            key="laender-map",
            land=None,
            tallies=figures.laender,
            figure=chosen["figure"],
            regions=_("die 16 Länder"),
        ),
        "population": geodata.population_source(),
        "attribution": geodata.laender_shapes().attribution,
    }
    return render(request, "statistics/directory.html", context)
