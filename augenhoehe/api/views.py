"""The organisation endpoints: the directory's list and profile, and writes through its services."""

import re

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from augenhoehe.core.selectors import kreis_list
from augenhoehe.directory import services
from augenhoehe.directory.facets import (
    FACETS,
    MAX_FILTER_VALUES,
    PAGE_SIZE,
    facets_for,
    organisation_matches,
    organisation_order,
)
from augenhoehe.directory.forms import DirectorySearchForm
from augenhoehe.directory.models import Organisation
from augenhoehe.directory.profile_fields import visible_fields
from augenhoehe.directory.selectors import (
    organisation_get_for_user,
    organisation_umbrellas,
    organisation_visible_queryset,
)

from . import schema
from .base import ApiView
from .errors import FilterNotAllowed, UnknownReference
from .representation import organisation_data
from .selectors import organisation_visible_fields
from .serializers import (
    ListQuerySerializer,
    OrganisationPageSerializer,
    OrganisationSerializer,
    OrganisationUpdateSerializer,
    OrganisationWriteSerializer,
)

ID = re.compile(r"[0-9]{1,19}")


def _search_arguments(request) -> dict:
    """Validated search state from the query string; any unknown value is a 400 naming its parameter."""
    viewer = request.user
    # A plain dict: DRF would read an empty "?sort=" from a QueryDict as "not given".
    params = request.query_params
    query = ListQuerySerializer(
        data={key: params[key] for key in ListQuerySerializer().fields if key in params}
    )
    query.is_valid()
    # The page ignores values beyond the limit; a client is told, as the schema's maxItems says.
    too_many = {
        f.key: [_("Höchstens %(count)d Werte je Filter.") % {"count": MAX_FILTER_VALUES}]
        for f in FACETS
        if len(params.getlist(f.key)) > MAX_FILTER_VALUES
    }
    if too_many:
        raise exceptions.ValidationError(too_many)
    facets = facets_for(viewer)
    form = DirectorySearchForm(request.query_params, viewer=viewer, facets=facets)
    form.is_valid()
    errors = dict(query.errors)
    errors |= {key: value for key, value in form.errors.items() if key not in ("q", "sort", "page")}
    if errors.keys() - {"umbrella"}:
        raise exceptions.ValidationError({key: value for key, value in errors.items() if key != "umbrella"})
    offered = {f.key for f in facets}
    # Silently ignoring a filter would let the client believe the results were filtered.
    refused = {
        f.key: [_("Nach diesem Feld können nur Mitarbeitende eines Netzwerks filtern.")]
        for f in FACETS
        if f.key not in offered and f.key in request.query_params
    }
    if refused:
        raise FilterNotAllowed(refused)
    if errors:
        # An umbrella is a record, not a vocabulary value: one the viewer cannot see is "not found".
        raise UnknownReference(errors)
    data = form.cleaned_data
    return {
        "query": query.validated_data.get("q", ""),
        "filters": {f.key: data.get(f.key, []) for f in facets},
        "sort": query.validated_data.get("sort") or "relevance",
        "page": query.validated_data.get("page", 1),
        "page_size": query.validated_data.get("page_size", PAGE_SIZE),
    }


def _detail(organisation: Organisation, viewer) -> dict:
    umbrellas = organisation_umbrellas(organisation=organisation, viewer=viewer)
    return organisation_data(organisation, shown=visible_fields(viewer, organisation), umbrellas=umbrellas)


def _organisation_id(pk: str) -> int:
    if not ID.fullmatch(pk) or not 0 < int(pk) < 2**63:
        raise exceptions.NotFound()
    return int(pk)


def _network(request):
    """The network the request acts in: the token's, or the signed-in person's active one."""
    return getattr(request._request, "network", None)


def _service_arguments(data: dict, viewer) -> dict:
    """The serializer's values as the services take them (Kreis and umbrellas as rows)."""
    data = dict(data)
    arguments: dict = {"tags": data.pop("tags", None), "umbrellas": None}
    if "umbrellas" in data:
        ids = set(data.pop("umbrellas"))
        umbrellas = list(organisation_visible_queryset(viewer=viewer).filter(pk__in=ids))
        if missing := ids - {u.pk for u in umbrellas}:
            raise exceptions.ValidationError(
                {
                    "umbrellas": [
                        _("Unbekannte Organisationen: %(ids)s")
                        % {"ids": ", ".join(map(str, sorted(missing)))}
                    ]
                }
            )
        arguments["umbrellas"] = umbrellas
    if data.get("kreis"):
        kreis = kreis_list().filter(ags=data["kreis"]).first()
        if kreis is None:
            raise exceptions.ValidationError({"kreis": [_("Diesen Kreis gibt es nicht.")]})
        data["kreis"] = kreis
    elif "kreis" in data:
        data["kreis"] = None
    if "based_on" in data:
        arguments["based_on"] = data.pop("based_on")
    arguments["fields"] = data
    return arguments


class OrganisationListView(ApiView):
    @schema.documented(
        operation_id="organisations_list",
        summary=_("Verzeichnis durchsuchen"),
        parameters=schema.LIST_PARAMETERS,
        responses={200: OrganisationPageSerializer, **schema.errors(400, 401, 403, 404, 429)},
    )
    def get(self, request):
        arguments = _search_arguments(request)
        viewer = request.user
        matches = organisation_matches(viewer=viewer, query=arguments["query"], filters=arguments["filters"])
        results = organisation_order(
            matches.results, query=arguments["query"], sort=arguments["sort"]
        ).prefetch_related(
            "tags",
            Prefetch(
                "umbrellas",
                queryset=organisation_visible_queryset(viewer=viewer).only("pk", "name"),
                to_attr="visible_umbrellas",
            ),
        )
        paginator = Paginator(results, arguments["page_size"])
        try:
            page = paginator.page(arguments["page"])
        except EmptyPage as error:
            raise exceptions.NotFound(_("Diese Seite gibt es nicht.")) from error
        organisations = list(page.object_list)
        shown = organisation_visible_fields(viewer=viewer, organisations=organisations)
        services.special_category_reads_log(
            organisations=organisations, viewer=viewer, network=_network(request), via="api"
        )
        return Response(
            {
                "count": paginator.count,
                "page": page.number,
                "page_size": arguments["page_size"],
                "pages": paginator.num_pages,
                "fuzzy": matches.fuzzy,
                "results": [
                    # The stubs' plugin loses the Prefetch's ``to_attr`` once rows pass through the Paginator.
                    organisation_data(o, shown=shown[o.pk], umbrellas=o.visible_umbrellas)  # type: ignore[attr-defined]
                    for o in organisations
                ],
            }
        )

    @schema.documented(
        operation_id="organisations_create",
        summary=_("Organisation anlegen"),
        request=OrganisationWriteSerializer,
        responses={201: OrganisationSerializer, **schema.errors(400, 401, 403, 415, 429)},
    )
    def post(self, request):
        if not request.user.has_perm("directory.add_organisation"):
            raise exceptions.PermissionDenied()
        serializer = OrganisationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        arguments = _service_arguments(serializer.validated_data, request.user)
        arguments["umbrellas"] = arguments["umbrellas"] or ()
        organisation = services.organisation_create(
            actor=request.user, network=_network(request), **arguments
        )
        organisation = organisation_get_for_user(user=request.user, pk=organisation.pk)
        return Response(_detail(organisation, request.user), status=status.HTTP_201_CREATED)


class OrganisationDetailView(ApiView):
    @schema.documented(
        operation_id="organisations_retrieve",
        summary=_("Ein Profil"),
        parameters=[schema.ID_PARAMETER],
        responses={200: OrganisationSerializer, **schema.errors(401, 404, 429)},
    )
    def get(self, request, pk: str):
        organisation = organisation_get_for_user(user=request.user, pk=_organisation_id(pk))
        services.special_category_reads_log(
            organisations=[organisation], viewer=request.user, network=_network(request), via="api"
        )
        return Response(_detail(organisation, request.user))

    @schema.documented(
        operation_id="organisations_partial_update",
        summary=_("Profil ändern"),
        parameters=[schema.ID_PARAMETER],
        request=OrganisationUpdateSerializer(partial=True),
        responses={200: OrganisationSerializer, **schema.errors(400, 401, 403, 404, 415, 429)},
    )
    def patch(self, request, pk: str):
        organisation = organisation_get_for_user(
            user=request.user, pk=_organisation_id(pk), permission="directory.change_organisation"
        )
        serializer = OrganisationUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        arguments = _service_arguments(serializer.validated_data, request.user)
        services.organisation_update(organisation=organisation, actor=request.user, **arguments)
        organisation = organisation_get_for_user(user=request.user, pk=organisation.pk)
        return Response(_detail(organisation, request.user))
