"""The base every list page builds on.

A list page works without JavaScript: its filters are a form and its page
links are plain links, each answered with the whole page. Where htmx is
active, the same requests carry ``HX-Request`` and get only the results
partial (``_results.html``) to swap in. The one exception is htmx's history
restore (back button after the snapshot was evicted), which asks with
``HX-Request`` too but needs the whole page.
"""

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views import View
from django_htmx.middleware import HtmxDetails

from .pagination import page_of
from .typing import NetworkRequest

# A shared cache must not answer a plain request with a partial or a history restore with one.
VARY = ["HX-Request", "HX-History-Restore-Request"]


def wants_results_only(request: HttpRequest) -> bool:
    """Whether htmx asks for the results partial alone, not for the whole page."""
    htmx: HtmxDetails | None = getattr(request, "htmx", None)
    if not htmx:
        return False
    return not htmx.history_restore_request


def render_list(
    request: HttpRequest,
    *,
    template_name: str,
    results_template_name: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    """The whole list page, or only its results when htmx asks; either way marked as varying by it."""
    chosen = results_template_name if wants_results_only(request) else template_name
    response = render(request, chosen, context, status=status)
    patch_vary_headers(response, VARY)
    return response


class ListPageView(View):
    """A list page: one page of ``get_object_list()`` as ``page``, whole or as the results partial.

    Templates link pages with ``{% include "core/_pagination.html" %}``, which keeps
    the rest of the query string (search terms, filters, sort). A view whose
    selector cuts the page itself (the directory search counts facets over all
    matches) overrides ``get_context_data`` and passes that ``page``.
    """

    request: NetworkRequest
    template_name: str
    results_template_name: str
    paginate_by = 50
    page_parameter = "page"
    http_method_names = ["get", "head", "options"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data())

    def get_object_list(self) -> QuerySet[Any] | Sequence[Any]:
        """What the page lists, in a stable order (pagination of an unordered list repeats rows)."""
        raise NotImplementedError

    def get_page(self) -> Page:
        return page_of(
            self.get_object_list(),
            number=self.request.GET.get(self.page_parameter),
            per_page=self.paginate_by,
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {"page": self.get_page(), **kwargs}

    def render_to_response(self, context: dict[str, Any], *, status: int = 200) -> HttpResponse:
        return render_list(
            self.request,
            template_name=self.template_name,
            results_template_name=self.results_template_name,
            context=context,
            status=status,
        )
