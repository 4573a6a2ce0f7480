"""The directory search: full text, faceted filters with counts, sorting.

Counts follow the usual disjunctive rule: values within one facet are
alternatives (OR), facets narrow each other (AND), and each facet's counts
are taken with every filter applied except its own, so that choosing one
kind still shows how many there are of the others.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import rules
from django.core.paginator import Page
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from augenhoehe.core.languages import Language
from augenhoehe.core.models import Kreis, Land
from augenhoehe.core.pagination import page_of
from augenhoehe.core.text import words
from augenhoehe.core.typing import StrOrPromise

from . import choices, search
from .models import Organisation, Tag, UmbrellaMembership
from .selectors import organisation_visible_queryset

PAGE_SIZE = 20
# Values one filter takes at most: the page reads no more, the API refuses more.
MAX_FILTER_VALUES = 50


@dataclass(frozen=True)
class Facet:
    key: str
    label: StrOrPromise
    column: str = ""
    scheme: str = ""
    # (values, viewer) -> {value: label}; a value without a label is unknown to the viewer.
    labels: Callable[[list[str], object], dict[str, str]] | None = None
    staff_only: bool = False

    def condition(self, values: Sequence[str]) -> Q:
        if self.scheme:
            tagged = Tag.objects.filter(organisation=OuterRef("pk"), scheme=self.scheme, code__in=values)
            return Q(Exists(tagged))
        if self.column:
            return Q(**{f"{self.column}__in": values})
        member = UmbrellaMembership.objects.filter(member=OuterRef("pk"), umbrella_id__in=_ids(values))
        return Q(Exists(member))

    def counts(self, organisations: QuerySet[Organisation], viewer) -> dict[str, int]:
        """How many of ``organisations`` have each value (tag facets: see ``_facet_counts``)."""
        if self.scheme:
            raise ValueError("Tag facets are counted together, in _facet_counts.")
        rows: QuerySet[Any, tuple[Any]]
        if self.column:
            rows = organisations.values_list(self.column)
        else:
            # Only umbrellas the viewer may see: an unpublished one must not show its name or members.
            rows = UmbrellaMembership.objects.filter(
                member__in=organisations, umbrella__in=organisation_visible_queryset(viewer=viewer)
            ).values_list("umbrella_id")
        return {
            str(value): n for value, n in rows.annotate(n=Count("pk")).order_by() if value not in (None, "")
        }


def _choice_labels(vocabulary) -> Callable[[list[str], object], dict[str, str]]:
    return lambda codes, viewer: {code: vocabulary(code).label for code in codes if code in vocabulary.values}


def _land_labels(codes: list[str], viewer) -> dict[str, str]:
    return dict(Land.objects.filter(ags__in=codes).values_list("ags", "name"))


def _kreis_labels(codes: list[str], viewer) -> dict[str, str]:
    return {k.ags: k.display_name for k in Kreis.objects.filter(ags__in=codes)}


def _ids(values: Sequence[str]) -> list[int]:
    """The values that can be ids ("12"; not "²", which counts as a digit, nor beyond a bigint)."""
    return [int(value) for value in values if value.isdecimal() and len(value) < 19]


def _umbrella_labels(ids: list[str], viewer) -> dict[str, str]:
    umbrellas = organisation_visible_queryset(viewer=viewer).filter(
        pk__in=_ids(ids), kind=choices.Kind.UMBRELLA
    )
    return {str(pk): name for pk, name in umbrellas.values_list("pk", "name")}


def _country_labels(codes: list[str], viewer) -> dict[str, str]:
    return {code: countries.name(code) for code in codes if countries.name(code)}


FACETS: tuple[Facet, ...] = (
    Facet("land", _("Land"), column="kreis__land_id", labels=_land_labels),
    Facet("kreis", _("Kreis"), column="kreis_id", labels=_kreis_labels),
    Facet("kind", _("Art"), column="kind", labels=_choice_labels(choices.Kind)),
    Facet(
        "self_understanding",
        _("Selbstverständnis"),
        column="self_understanding",
        labels=_choice_labels(choices.SelfUnderstanding),
        # Religious or political orientation (Art. 9 GDPR) is public only where chosen; a public
        # filter would reveal it for every profile, so only staff may filter by it.
        staff_only=True,
    ),
    Facet(
        "field",
        _("Tätigkeitsfelder"),
        scheme=Tag.Scheme.FIELD,
        labels=_choice_labels(choices.Field),
    ),
    Facet(
        "target_group",
        _("Zielgruppen"),
        scheme=Tag.Scheme.TARGET_GROUP,
        labels=_choice_labels(choices.TargetGroup),
    ),
    Facet("language", _("Sprachen"), scheme=Tag.Scheme.LANGUAGE, labels=_choice_labels(Language)),
    Facet("country", _("Communities"), scheme=Tag.Scheme.COUNTRY, labels=_country_labels),
    # Staffing is an optional public field, so only staff may filter by it.
    Facet(
        "staffing",
        _("Personal"),
        column="staffing",
        labels=_choice_labels(choices.Staffing),
        staff_only=True,
    ),
    Facet("umbrella", _("Dachverband"), labels=_umbrella_labels),
)
FACETS_BY_KEY = {facet.key: facet for facet in FACETS}


class Sort:
    RELEVANCE = "relevance"
    NAME = "name"
    CONFIRMED = "confirmed"
    NEWEST = "newest"

    CHOICES = (
        (RELEVANCE, _("Relevanz")),
        (NAME, _("Name")),
        (CONFIRMED, _("zuletzt bestätigt")),
        (NEWEST, _("zuletzt aufgenommen")),
    )
    ORDER = {
        NAME: ("name_folded", "pk"),
        CONFIRMED: (F("confirmed_at").desc(nulls_last=True), "name_folded", "pk"),
        NEWEST: ("-created_at", "-pk"),
    }


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetResult:
    key: str
    label: StrOrPromise
    values: list[FacetValue]

    @property
    def selected_count(self) -> int:
        return sum(v.selected for v in self.values)


@dataclass
class SearchResult:
    page: Page
    facets: list[FacetResult]
    fuzzy: bool = False
    total: int = 0
    filters: dict[str, list[str]] = field(default_factory=dict)


def facets_for(viewer) -> tuple[Facet, ...]:
    """The facets ``viewer`` may filter by."""
    # Asked of the rule alone: a rule that says no would otherwise fall through to Django's model
    # permissions, two queries for every non-staff search, and no group can hold this permission.
    staff = rules.has_perm("directory.filter_private_fields", viewer)
    return tuple(f for f in FACETS if staff or not f.staff_only)


@dataclass(frozen=True)
class Matches:
    """The organisations a query matches, before facet filters, and the filters that apply."""

    base: QuerySet[Organisation]
    conditions: dict[str, Q]
    filters: dict[str, list[str]]
    fuzzy: bool

    @property
    def results(self) -> QuerySet[Organisation]:
        return self.base.filter(*self.conditions.values())


def organisation_matches(*, viewer, query: str = "", filters: dict[str, list[str]]) -> Matches:
    """What ``viewer`` finds for ``query`` and ``filters`` (shared by the page, exports and the API).

    Falls back to names similar to the query (typos) when no document
    contains every term.
    """
    filters = {f.key: list(filters[f.key]) for f in facets_for(viewer) if filters.get(f.key)}
    base = organisation_visible_queryset(viewer=viewer)
    fuzzy = False
    if words(query):
        matched = base.filter(search.full_text_filter(query))
        if not matched.exists():
            fuzzy = True
            matched = base.filter(search.similar_name_filter(base, query))
        base = matched
    conditions = {key: FACETS_BY_KEY[key].condition(values) for key, values in filters.items()}
    return Matches(base=base, conditions=conditions, filters=filters, fuzzy=fuzzy)


def organisation_search_results(
    *, viewer, query: str = "", filters: dict[str, list[str]], sort: str = Sort.RELEVANCE
) -> QuerySet[Organisation]:
    """Every matching organisation in display order, unpaginated (for exports and the API)."""
    return organisation_order(
        organisation_matches(viewer=viewer, query=query, filters=filters).results, query=query, sort=sort
    )


def organisation_search(
    *,
    viewer,
    query: str = "",
    filters: dict[str, list[str]],
    sort: str = Sort.RELEVANCE,
    page: int = 1,
) -> SearchResult:
    """One page of the directory search, with facet counts."""
    matches = organisation_matches(viewer=viewer, query=query, filters=filters)
    facets = facets_for(viewer)
    counts, total = _facet_counts(facets, matches, viewer)
    facet_results = [_facet_result(f, counts[f.key], matches.filters.get(f.key, []), viewer) for f in facets]
    shown = page_of(
        organisation_order(matches.results, query=query, sort=sort),
        number=page,
        per_page=PAGE_SIZE,
        count=total,
    )
    return SearchResult(
        page=shown,
        facets=facet_results,
        fuzzy=matches.fuzzy,
        total=shown.paginator.count,
        filters=matches.filters,
    )


def _facet_counts(
    facets: Sequence[Facet], matches: Matches, viewer
) -> tuple[dict[str, dict[str, int]], int | None]:
    """Every facet's counts, each with every filter applied but its own, and the number of
    matches where a grouped query found it on the way (else None).

    Facets that share their filters (every one not itself filtered) are counted together: the
    tag facets in one query grouped by scheme and code, the column facets in one query grouped
    by all their columns and summed here, instead of one query (one scan) each. The rows of that
    query, when it applies every filter, add up to the number of matches.
    """
    counts: dict[str, dict[str, int]] = {}
    total = None
    groups: dict[tuple[str, tuple[str, ...]], list[Facet]] = {}
    for facet in facets:
        others = tuple(key for key in matches.conditions if key != facet.key)
        kind = "tag" if facet.scheme else "column" if facet.column else facet.key
        groups.setdefault((kind, others), []).append(facet)
    for (kind, others), group in groups.items():
        organisations = matches.base.filter(*(matches.conditions[k] for k in others))
        if kind == "tag":
            counts.update(_tag_counts(group, organisations))
        elif kind == "column" and len(group) > 1:
            column_counts, matched = _column_counts(group, organisations)
            counts.update(column_counts)
            if len(others) == len(matches.conditions):
                total = matched
        else:
            counts.update((facet.key, facet.counts(organisations, viewer)) for facet in group)
    return counts, total


def _tag_counts(facets: list[Facet], organisations: QuerySet[Organisation]) -> dict[str, dict[str, int]]:
    key_of = {facet.scheme: facet.key for facet in facets}
    counts: dict[str, dict[str, int]] = {facet.key: {} for facet in facets}
    rows = (
        Tag.objects.filter(scheme__in=list(key_of), organisation__in=organisations)
        .values_list("scheme", "code")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for scheme, code, n in rows:
        counts[key_of[scheme]][code] = n
    return counts


def _column_counts(
    facets: list[Facet], organisations: QuerySet[Organisation]
) -> tuple[dict[str, dict[str, int]], int]:
    counts: dict[str, dict[str, int]] = {facet.key: {} for facet in facets}
    total = 0
    rows = organisations.values_list(*(facet.column for facet in facets)).annotate(n=Count("pk")).order_by()
    for *values, n in rows:
        total += n
        for facet, value in zip(facets, values, strict=True):
            if value not in (None, ""):
                facet_counts = counts[facet.key]
                facet_counts[str(value)] = facet_counts.get(str(value), 0) + n
    return counts, total


def _facet_result(facet: Facet, counts: dict[str, int], selected: list[str], viewer) -> FacetResult:
    for value in selected:
        counts.setdefault(value, 0)
    labels = facet.labels(list(counts), viewer) if facet.labels else {}
    values = [
        FacetValue(value=value, label=labels[value], count=n, selected=value in selected)
        for value, n in counts.items()
        if value in labels
    ]
    values.sort(key=lambda v: (not v.selected, -v.count, str(v.label)))
    return FacetResult(key=facet.key, label=facet.label, values=values)


def organisation_order(results: QuerySet[Organisation], *, query: str, sort: str) -> QuerySet[Organisation]:
    """``results`` in the order the directory shows them."""
    results = results.select_related("kreis__land")
    if sort == Sort.RELEVANCE and words(query):
        return results.alias(relevance=search.name_similarity(query)).order_by(
            "-relevance", "name_folded", "pk"
        )
    return results.order_by(*Sort.ORDER.get(sort, Sort.ORDER[Sort.NAME]))
