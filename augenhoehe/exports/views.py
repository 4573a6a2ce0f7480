"""Downloads of a directory search result, and of one organisation as a vCard.

The list exports take the directory page's query string unchanged, so a user
exports exactly what they see, with the fields they may see.
"""

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from augenhoehe.core.services import log_action
from augenhoehe.core.throttling import minutes_to_wait
from augenhoehe.directory.facets import facets_for, organisation_search_results
from augenhoehe.directory.forms import DirectorySearchForm
from augenhoehe.directory.selectors import organisation_get_for_user
from augenhoehe.directory.services import special_category_reads_log

from . import formats
from .people import people_csv_chunks, people_xlsx_file
from .selectors import organisation_export_rows, organisations_with_hidden_special_categories
from .throttles import export_wait
from .vcard import organisation_vcard
from .xlsx import xlsx_file

FILE_STEM = "augenhoehe-organisationen"

Rows = Iterable[dict[str, Any]]
# format → (file suffix, content type, rows → chunks of bytes)
STREAMED: dict[str, tuple[str, str, Callable[[Rows], Iterator[bytes]]]] = {
    "csv": (".csv", "text/csv; charset=utf-8", formats.csv_chunks),
    "excel_csv": ("-excel.csv", "text/csv; charset=windows-1252", formats.excel_csv_chunks),
    "json": (
        ".json",
        "application/json",
        lambda rows: formats.json_chunks(rows, exported_at=timezone.now()),
    ),
    "geojson": (
        ".geojson",
        "application/geo+json",
        lambda rows: formats.geojson_chunks(rows, exported_at=timezone.now()),
    ),
    # The layout for people, in the reader's language (FORMAT.md).
    "people_csv": (
        "-tabelle.csv",
        "text/csv; charset=utf-8",
        lambda rows: people_csv_chunks(rows, language=translation.get_language()),
    ),
}
# Workbooks are written whole before they are sent: format → (file suffix, rows → file).
WORKBOOKS = {"xlsx": (".xlsx", xlsx_file), "people_xlsx": ("-tabelle.xlsx", people_xlsx_file)}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@never_cache
def organisations_export(request: HttpRequest, format: str) -> HttpResponseBase:
    """The directory search result for the same query string, in ``format``; 400 for a bad query,
    429 when the requester downloaded too often (see ``throttles``)."""
    wait = export_wait(request)
    if wait is not None:
        return _throttled(request, wait)
    form = DirectorySearchForm(request.GET, viewer=request.user, facets=facets_for(request.user))
    form.is_valid()
    # The page number means nothing here; every other error stops the export.
    errors = {key: messages for key, messages in form.errors.items() if key != "page"}
    if errors:
        return _bad_query(request, form, errors)
    organisations = organisation_search_results(viewer=request.user, **form.search_arguments())
    if format == "geojson":
        # Only located profiles become features; the others need not be read at all.
        organisations = organisations.filter(latitude__isnull=False)
    _audit(request, format, organisations)
    rows = organisation_export_rows(
        organisations=organisations, viewer=request.user, readable=format.startswith("people_")
    )
    filename = f"{FILE_STEM}-{timezone.localdate().isoformat()}"
    if format in WORKBOOKS:
        suffix, workbook = WORKBOOKS[format]
        return FileResponse(
            workbook(rows), as_attachment=True, filename=filename + suffix, content_type=XLSX_TYPE
        )
    suffix, content_type, serialise = STREAMED[format]
    response = StreamingHttpResponse(serialise(rows), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename + suffix)
    return response


@require_GET
@never_cache
def organisation_vcard_download(request: HttpRequest, pk: int) -> HttpResponse:
    """One organisation as a vCard; 404 where the viewer may not see the profile."""
    organisation = organisation_get_for_user(user=request.user, pk=pk)
    uid = request.build_absolute_uri(organisation.get_absolute_url())
    response = HttpResponse(
        organisation_vcard(organisation=organisation, viewer=request.user, uid=uid),
        content_type="text/vcard; charset=utf-8",
    )
    name = slugify(organisation.name) or f"organisation-{organisation.pk}"
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.vcf")
    return response


def _bad_query(request: HttpRequest, form: DirectorySearchForm, errors: dict) -> HttpResponse:
    problems = [
        {"key": key, "label": form.fields[key].label if key in form.fields else key, "messages": messages}
        for key, messages in errors.items()
    ]
    back = reverse("directory:search") + "?" + request.GET.urlencode()
    return render(request, "exports/bad_query.html", {"problems": problems, "back": back}, status=400)


def _audit(request: HttpRequest, format: str, organisations) -> None:
    """Who downloaded what (format and query), and which special categories staff read with it.

    Visitors are not logged: they download what the directory page shows everyone, and
    logging them would mean keeping their addresses. They are throttled instead.
    """
    user = request.user
    if not user.is_authenticated:
        return
    network = getattr(request, "network", None)
    log_action(
        subject=network or user,
        action="exports.downloaded",
        actor=user,
        network=network,
        data={"format": format, "query": request.GET.urlencode()[:1000]},
    )
    special_category_reads_log(
        organisations=organisations_with_hidden_special_categories(organisations=organisations, viewer=user),
        viewer=user,
        network=network,
        via="export",
    )


def _throttled(request: HttpRequest, wait: int) -> HttpResponse:
    response = render(request, "exports/throttled.html", {"minutes": minutes_to_wait(wait)}, status=429)
    response["Retry-After"] = str(wait)
    return response
