"""Template helpers of the directory search: the values a facet lists, and the active filters,
each with a link that removes it."""

from dataclasses import dataclass

from django import template
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.typing import StrOrPromise

register = template.Library()


@dataclass(frozen=True)
class ActiveFilter:
    facet: StrOrPromise
    label: str
    href: str


def _without(query: QueryDict, key: str, value: str | None = None) -> str:
    """The search URL with ``key`` (or only its ``value``) and the page number removed."""
    kept = query.copy()
    kept.pop("page", None)
    if value is None:
        kept.pop(key, None)
    else:
        kept.setlist(key, [v for v in kept.getlist(key) if v != value])
    encoded = kept.urlencode()
    return reverse("directory:search") + (f"?{encoded}" if encoded else "")


@register.simple_tag
def active_filters(result, query: QueryDict, search_term: str) -> list[ActiveFilter]:
    """The search term and every applied filter value, as links that take it away."""
    active = []
    if search_term:
        active.append(ActiveFilter(facet=_("Suchbegriff"), label=search_term, href=_without(query, "q")))
    for facet in result.facets:
        for value in facet.values:
            if value.selected:
                active.append(
                    ActiveFilter(
                        facet=facet.label, label=value.label, href=_without(query, facet.key, value.value)
                    )
                )
    return active


# Without a chosen Land, the Kreis facet lists this many Kreise (those with most results), not 400.
KREISE_WITHOUT_LAND = 8


@dataclass(frozen=True)
class ShownValues:
    values: list
    hidden: int


@register.simple_tag
def facet_shown(facet, filters: dict[str, list[str]]) -> ShownValues:
    """The values ``facet`` lists. The Kreise only within a chosen Land; without one, the Kreise
    with most results and those chosen (a list of 400 helps nobody, and made up most of the page)."""
    if facet.key != "kreis" or filters.get("land"):
        return ShownValues(facet.values, 0)
    # Chosen values come first (see facets._facet_result).
    shown = facet.values[: max(KREISE_WITHOUT_LAND, facet.selected_count)]
    return ShownValues(shown, len(facet.values) - len(shown))
