"""Pages of an import: upload, map the columns, watch the check, preview and decide, confirm.

Short lists are checked and written during the request; long ones by the task
worker, while the page shows the progress (htmx polling, or a plain reload
without JavaScript).
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from augenhoehe.core.pagination import page_of
from augenhoehe.core.throttling import minutes_to_wait
from augenhoehe.core.typing import NetworkRequest, StrOrPromise
from augenhoehe.core.views import ListPageView

from . import services, tasks, value_mapping, value_services
from .columns import label_of
from .forms import (
    ImportConfirmForm,
    ImportMappingForm,
    ImportUploadForm,
    ImportValuesForm,
    PublishForm,
    RowDecisionForm,
)
from .infile import merged_into
from .models import ImportBatch, ImportRow
from .publishing import created_rows
from .publishing import import_publish as import_publish_service
from .reading import UnreadableFile
from .samples import scanned_rows
from .selectors import import_batch_get_for_user, import_batch_list
from .summary import blocked_reasons
from .throttles import upload_wait
from .values import value_labels

ROWS_PER_PAGE = 50
# Filters of the preview: key → (label, rows)
FILTERS: dict[str, tuple[StrOrPromise, dict[str, Any]]] = {
    "all": (gettext_lazy("Alle"), {}),
    "error": (gettext_lazy("Blockiert (Fehler)"), {"action": ImportRow.Action.ERROR}),
    "duplicates": (
        gettext_lazy("Mögliche Duplikate"),
        {"action__in": services.DECIDABLE_DUPLICATES, "has_candidates": True},
    ),
    "create": (gettext_lazy("Neu"), {"action": ImportRow.Action.CREATE}),
    "update": (
        gettext_lazy("Aktualisieren oder zusammenführen"),
        {"action__in": [ImportRow.Action.UPDATE, ImportRow.Action.MERGE]},
    ),
    "unchanged": (gettext_lazy("Unverändert"), {"action": ImportRow.Action.UNCHANGED}),
    "skip": (gettext_lazy("Übersprungen"), {"action": ImportRow.Action.SKIP}),
    "warnings": (gettext_lazy("Mit Warnungen"), {"has_warnings": True}),
}


def _staff(request: NetworkRequest) -> None:
    """Refuse (403) anyone who may not import for the active network."""
    import_batch_list(viewer=request.user, network=request.network)


def _batch_for(request: NetworkRequest, pk) -> ImportBatch:
    """The import, if it belongs to the active network; 404 otherwise (another network's is not revealed:
    the scoped manager does not find it)."""
    return import_batch_get_for_user(user=request.user, network=request.network, pk=pk)


@method_decorator([login_required, require_http_methods(["GET", "POST"])], name="dispatch")
class ImportListView(ListPageView):
    """The network's imports, and the upload of a new list."""

    template_name = "imports/import_list.html"
    results_template_name = "imports/_import_batches.html"
    http_method_names = ["get", "post"]

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        _staff(self.request)
        return super().dispatch(request, *args, **kwargs)

    def get_object_list(self) -> QuerySet[ImportBatch]:
        return import_batch_list(viewer=self.request.user, network=self.request.network)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        return {"form": ImportUploadForm(), "batches": context["page"], **context}

    def post(self, request: NetworkRequest) -> HttpResponse:
        assert request.network is not None  # dispatch let only the network's staff in
        form = ImportUploadForm(request.POST, request.FILES)
        if wait := upload_wait(request):
            # Counted before the list is read and checked, so refused uploads cost little.
            form.add_error(
                "file",
                ngettext(
                    "Sie haben in kurzer Zeit sehr viele Listen hochgeladen. "
                    "Bitte versuchen Sie es in %(minutes)d Minute wieder.",
                    "Sie haben in kurzer Zeit sehr viele Listen hochgeladen. "
                    "Bitte versuchen Sie es in %(minutes)d Minuten wieder.",
                    minutes_to_wait(wait),
                )
                % {"minutes": minutes_to_wait(wait)},
            )
            response = self.render_to_response(self.get_context_data(form=form), status=429)
            response["Retry-After"] = str(wait)
            return response
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                batch = services.import_start(
                    network=request.network, actor=request.user, file_name=upload.name, content=upload.read()
                )
            except UnreadableFile as error:
                form.add_error("file", str(error))
            else:
                return redirect(batch)
        return self.render_to_response(self.get_context_data(form=form), status=400)


import_list = ImportListView.as_view()


@login_required
@require_GET
def import_detail(request: NetworkRequest, pk) -> HttpResponse:
    """Whatever the import needs now: the mapping, its progress, the preview, or the outcome."""
    batch = _batch_for(request, pk)
    if batch.status == ImportBatch.Status.MAPPING:
        return _mapping_page(request, batch, *_mapping_form(batch))
    if batch.status == ImportBatch.Status.VALUES:
        return _values_page(request, batch, ImportValuesForm(batch=batch))
    if batch.is_busy:
        return _progress_page(request, batch)
    if batch.status == ImportBatch.Status.CHECKED:
        return _preview_page(request, batch, ImportConfirmForm())
    return _result_page(request, batch)


def _result_page(request, batch, publish_form=None, status=200) -> HttpResponse:
    """The outcome; after a finished import, the profiles it created and a way to publish them."""
    created = list(created_rows(batch)) if batch.status == ImportBatch.Status.DONE else []
    context = {
        "batch": batch,
        "counts": _counts(batch),
        "created": created,
        "unpublished": sum(1 for row in created if row.target and not row.target.is_published),
        "publish_form": publish_form or PublishForm(rows=created),
    }
    return render(request, "imports/import_result.html", context, status=status)


def _mapping_form(batch: ImportBatch, data=None) -> tuple[ImportMappingForm, list[str]]:
    """The mapping form with sample values, and what the reader noticed about the file."""
    return ImportMappingForm(data, batch=batch, samples=batch.samples), batch.notes


def _mapping_page(request, batch, form, notes, status=200) -> HttpResponse:
    context = {"batch": batch, "form": form, "notes": notes, "scanned": scanned_rows(batch.row_count)}
    return render(request, "imports/import_mapping.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def import_mapping(request: NetworkRequest, pk) -> HttpResponse:
    """The column mapping: first after the upload, and again from the value step or the preview
    until the import is confirmed (a new mapping checks every row again)."""
    batch = _batch_for(request, pk)
    if batch.status not in (
        ImportBatch.Status.MAPPING,
        ImportBatch.Status.VALUES,
        ImportBatch.Status.CHECKED,
    ):
        return redirect(batch)
    if request.method == "GET":
        return _mapping_page(request, batch, *_mapping_form(batch))
    form, notes = _mapping_form(batch, request.POST)
    if form.is_valid():
        mapped = services.import_map if batch.status == ImportBatch.Status.MAPPING else services.import_remap
        try:
            mapped(
                batch=batch,
                mapping=form.mapping(),
                default_kind=form.cleaned_data["default_kind"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            tasks.start_check(batch, request.user)
            return redirect(batch)
    return _mapping_page(request, batch, form, notes, status=400)


def _values_page(request, batch, form, status=200) -> HttpResponse:
    context = {
        "batch": batch,
        "form": form,
        "hidden": batch.unknown_values.get("hidden", 0),
        "limit": value_mapping.MAX_SHOWN,
    }
    return render(request, "imports/import_values.html", context, status=status)


@login_required
@require_POST
def import_values(request: NetworkRequest, pk) -> HttpResponse:
    """The value step: what the values the vocabularies did not know mean; then the rows are checked."""
    batch = _batch_for(request, pk)
    if batch.status != ImportBatch.Status.VALUES:
        return redirect(batch)
    form = ImportValuesForm(request.POST, batch=batch)
    if form.is_valid():
        try:
            value_services.import_map_values(batch=batch, choices=form.choices(), actor=request.user)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            tasks.start_check(batch, request.user)
            return redirect(batch)
    return _values_page(request, batch, form, status=400)


def _progress_page(request, batch) -> HttpResponse:
    done, total = tasks.progress_of(batch)
    context = {"batch": batch, "done": done, "total": total or batch.row_count}
    return render(request, "imports/import_progress.html", context)


@login_required
@require_GET
def import_progress(request: NetworkRequest, pk) -> HttpResponse:
    """The progress bar alone, for polling; once the step is over the page reloads."""
    batch = _batch_for(request, pk)
    if not batch.is_busy:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = batch.get_absolute_url()
        return response
    done, total = tasks.progress_of(batch)
    return render(
        request,
        "imports/_import_progress.html",
        {"batch": batch, "done": done, "total": total or batch.row_count},
    )


def _counts(batch: ImportBatch) -> list[tuple[str, StrOrPromise, int]]:
    counts = dict(batch.counts)
    counts["update"] = counts.get("update", 0) + counts.get("merge", 0)
    return [(key, label, counts.get(key, 0)) for key, (label, _filter) in FILTERS.items() if key != "all"]


def _shown(value) -> str:
    """A value of the preview's change list as a person reads it."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _preview_page(request, batch, confirm_form, status=200) -> HttpResponse:
    shown = request.GET.get("show", "all")
    if shown not in FILTERS:
        shown = "all"
    rows = batch.rows.select_related("target")
    conditions = dict(FILTERS[shown][1])
    if conditions.pop("has_candidates", False):
        rows = rows.exclude(candidates=[])
    if conditions.pop("has_warnings", False):
        rows = rows.exclude(warnings=[])
    rows = rows.filter(**conditions)
    blocked = blocked_reasons(batch) if batch.counts.get(ImportRow.Action.ERROR) else []
    column = request.GET.get("column") if shown == "error" else None
    if column is not None:
        rows = rows.filter(number__in=next((r.numbers for r in blocked if r.column == column), []))
    if request.GET.get("rows"):
        # "?rows=2,7": a row and the earlier row of the file it repeats, side by side
        numbers = [
            int(n) for n in request.GET["rows"].split(",")[:10] if n.strip().isdecimal() and len(n) < 7
        ]
        rows, shown = batch.rows.select_related("target").filter(number__in=numbers), "all"
    page = page_of(rows, number=request.GET.get("page"), per_page=ROWS_PER_PAGE)
    for row in page:
        # Rows that resemble stored profiles, or will change one, are the user's decision.
        decidable = (row.candidates and merged_into(row) is None) or row.action in (
            ImportRow.Action.UPDATE,
            ImportRow.Action.MERGE,
        )
        row.decision_form = RowDecisionForm(row=row) if decidable else None
        row.change_list = [
            (label_of(key), _shown(value_labels(key, old)), _shown(value_labels(key, new)))
            for key, (old, new) in row.changes.items()
        ]
    context = {
        "batch": batch,
        "page": page,
        "shown": shown,
        "filters": [(key, label) for key, (label, _f) in FILTERS.items()],
        "counts": _counts(batch),
        "confirm_form": confirm_form,
        "writing": sum(batch.counts.get(action, 0) for action in services.WRITING),
        "inline_rows": services.INLINE_ROWS,
        "blocked": blocked,
        "blocked_column": column,
    }
    return render(request, "imports/import_preview.html", context, status=status)


@login_required
@require_POST
def import_row_decide(request: NetworkRequest, pk, number: int) -> HttpResponse:
    batch = _batch_for(request, pk)
    row = get_object_or_404(batch.rows.select_related("target"), number=number)
    form = RowDecisionForm(request.POST, row=row)
    back = request.POST.get("back") or batch.get_absolute_url()
    if not back.startswith(reverse("imports:detail", kwargs={"pk": batch.pk})):
        back = batch.get_absolute_url()
    if not form.is_valid():
        messages.error(
            request, _("Zeile %(number)s: Bitte wählen Sie eine der Möglichkeiten.") % {"number": number}
        )
        return redirect(back)
    action, target_id = form.action_and_target()
    try:
        services.import_decide(batch=batch, row=row, action=action, target_id=target_id, actor=request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("Zeile %(number)s: %(message)s") % {"number": number, "message": " ".join(error.messages)},
        )
    else:
        messages.success(request, _("Zeile %(number)s: Entscheidung gespeichert.") % {"number": number})
    return redirect(f"{back}#row-{number}")


@login_required
@require_POST
def import_confirm(request: NetworkRequest, pk) -> HttpResponse:
    batch = _batch_for(request, pk)
    form = ImportConfirmForm(request.POST)
    if batch.status != ImportBatch.Status.CHECKED or not form.is_valid():
        return redirect(batch)
    try:
        services.import_confirm(batch=batch, skip_errors=form.cleaned_data["skip_errors"], actor=request.user)
    except ValidationError as error:
        form.add_error("skip_errors", error.message_dict.get("skip_errors", error.messages))
        return _preview_page(request, batch, form, status=400)
    tasks.start_run(batch, request.user)
    return redirect(batch)


@login_required
@require_POST
def import_cancel(request: NetworkRequest, pk) -> HttpResponse:
    batch = _batch_for(request, pk)
    if services.import_cancel(batch=batch, actor=request.user):
        messages.success(request, _("Der Import wurde verworfen; es wurde nichts geändert."))
    return redirect("imports:list")


@login_required
@require_POST
def import_publish(request: NetworkRequest, pk) -> HttpResponse:
    """Publish profiles the import created (the chosen ones, or all), by the directory's rules."""
    batch = _batch_for(request, pk)
    if batch.status != ImportBatch.Status.DONE:
        return redirect(batch)
    form = PublishForm(request.POST, rows=list(created_rows(batch)))
    if not form.is_valid():
        return _result_page(request, batch, form, status=400)
    outcome = import_publish_service(
        batch=batch, actor=request.user, organisation_ids=form.organisation_ids()
    )
    if outcome.published:
        messages.success(
            request,
            ngettext(
                "%(count)s Profil ist jetzt veröffentlicht.",
                "%(count)s Profile sind jetzt veröffentlicht.",
                len(outcome.published),
            )
            % {"count": len(outcome.published)},
        )
    if outcome.refused:
        messages.error(
            request,
            _("Nicht veröffentlicht, weil darüber die Organisation selbst entscheidet: %(names)s")
            % {"names": ", ".join(outcome.refused)},
        )
    return redirect(batch)
