"""The results' pages for a network's staff: the figures (with a cross table by a profile
attribute chosen in a GET form), the raw answers' download and the printable report.

All three read the survey through ``survey_get_for_results`` (403 off the staff, 404 for another
network's survey) and compute with the same functions, so page, report and export agree.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from augenhoehe.core.typing import NetworkRequest

from . import export, report
from .crossing import ATTRIBUTES, cross_tables
from .results import survey_get_for_results, survey_results
from .results_display import question_displays

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CrossForm(forms.Form):
    by = forms.ChoiceField(
        label=_("Aufschlüsseln nach"),
        required=False,
        choices=[("", _("keinem Merkmal")), *((key, label) for key, (label, _codes) in ATTRIBUTES.items())],
    )


def results_context(request: NetworkRequest, pk: int, *, by: str = "") -> dict:
    """The survey, its results for display and, with ``by``, its cross tables."""
    survey = survey_get_for_results(user=request.user, network=request.network, pk=pk)
    results = survey_results(survey=survey)
    rtl = translation.get_language_bidi()
    tables = cross_tables(results=results, attribute=by) if by and not results.suppressed else []
    return {
        "survey": survey,
        "results": results,
        "questions": question_displays(results, tables, rtl=rtl),
        "by_label": ATTRIBUTES[by][0] if by else "",
    }


@login_required
@require_GET
def survey_results_page(request: NetworkRequest, pk: int) -> HttpResponse:
    """The figures per question; a cross table by the attribute the form names."""
    form = CrossForm(request.GET)
    valid = form.is_valid()
    context = results_context(request, pk, by=form.cleaned_data.get("by", "") if valid else "")
    return render(
        request, "surveys/results/page.html", context | {"form": form}, status=200 if valid else 400
    )


@login_required
@require_GET
@never_cache
def survey_export(request: NetworkRequest, pk: int, format: str) -> HttpResponse | StreamingHttpResponse:
    """Every submitted response's raw answers as CSV (streamed) or XLSX; audited."""
    survey = survey_get_for_results(user=request.user, network=request.network, pk=pk)
    if format not in ("csv", "xlsx"):
        raise Http404
    export.answers_export_log(survey=survey, actor=request.user, format=format)
    filename = f"befragung-{survey.pk}-antworten-{timezone.localdate().isoformat()}.{format}"
    if format == "xlsx":
        return FileResponse(
            export.answers_xlsx(survey=survey), as_attachment=True, filename=filename, content_type=XLSX_TYPE
        )
    response = StreamingHttpResponse(
        export.answers_csv(survey=survey), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
@require_GET
def survey_report(request: NetworkRequest, pk: int) -> HttpResponse:
    """The results as a printable PDF (with the cross tables of ``?by=``); a bad ``?by=`` gets the
    page with its message, as on the page."""
    form = CrossForm(request.GET)
    if not form.is_valid():
        return survey_results_page(request, pk)
    context = results_context(request, pk, by=form.cleaned_data.get("by", ""))
    response = HttpResponse(
        report.report_pdf(request=request, context=context | {"in_report": True}),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = content_disposition_header(False, f"befragung-{pk}-bericht.pdf") or ""
    return response
