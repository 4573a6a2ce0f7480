"""Pages of a long list, as every list page and selector cuts them."""

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def page_of(
    object_list: QuerySet[Any] | Sequence[Any], *, number: object, per_page: int, count: int | None = None
) -> Page:
    """Page ``number`` of ``object_list``.

    The number comes from the URL, so anything may arrive: what is not a whole
    number, or is below one, gives the first page; a number past the end the last.
    A bookmark to page 9 of a list that has shrunk still shows results, never an error.
    ``count``, where the caller knows it already, saves the paginator its count query.
    """
    paginator = Paginator(object_list, per_page)
    if count is not None:
        paginator.count = count  # a cached_property, set before its first use
    try:
        wanted = int(str(number))
    except ValueError:
        wanted = 1
    return paginator.page(min(max(wanted, 1), paginator.num_pages))
