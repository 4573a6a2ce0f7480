"""The results as a printable report: the results page's figures, tables and SVG charts laid out
for A4 and turned into a PDF by WeasyPrint (Debian's Pango underneath; DejaVu for Arabic glyphs).

The report's HTML carries its own styles and fetches nothing: its URL fetcher refuses every
request, so a PDF never reaches another host, and what is printed is what was rendered here.
"""

from django.http import HttpRequest
from django.template.loader import render_to_string
from weasyprint import HTML


def _no_fetching(url: str, *args, **kwargs):
    raise ValueError(f"The report fetches nothing: {url}")


def report_pdf(*, request: HttpRequest, context: dict) -> bytes:
    """The PDF of ``context`` (``results_views.results_context``) in the request's language."""
    html = render_to_string("surveys/results/report.html", context, request=request)
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()
