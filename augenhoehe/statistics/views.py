"""The statistics pages, for a network's staff: its tables with an upload form, and one table as
printed with its computed figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from augenhoehe.core.typing import NetworkRequest

from . import computing, selectors, services
from .forms import TableUploadForm
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
    population = selectors.population_laender()
    source = selectors.population_source()
    reports = [
        {
            "report": report,
            "agreement": agreement_text(report),
            "per_inhabitants": computing.per_inhabitants_applies(report.column, source.year),
            "regions": zip(
                report.regions,
                computing.region_per_inhabitants(report, population, source.year),
                strict=True,
            ),
        }
        for report in computing.count_reports(sheet)
    ]
    figures = [figure for row in sheet.rows for figure in row.figures]
    context = {
        "table": table,
        "sheet": sheet,
        "reports": reports,
        "changes": computing.changes(sheet),
        "ranking_method": RANKING_METHOD,
        "has_ranges": any(figure.is_range for figure in figures),
        "footnotes": sorted({figure.footnote for figure in figures if figure.footnote}),
        "unmatched": [row.label for row in sheet.regions if row.land is None],
        "set_apart": [row.label for row in sheet.set_apart],
        "population": source,
        "population_years": (
            source.year - computing.POPULATION_YEARS_APART,
            source.year + computing.POPULATION_YEARS_APART,
        ),
    }
    return render(request, "statistics/table.html", context)
