"""The cooperation endpoints: a network's cooperations for its staff and its tokens, through the
cooperation app's selectors and services, so the API and the pages behave alike.

Only the network's staff (signed in, or a token of the network) reach them; an MSO representative
reads its cooperations on its pages. No vetting is read here.
"""

import re

from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, Paginator
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from augenhoehe.cooperation import selectors, services
from augenhoehe.cooperation.models import Cooperation
from augenhoehe.directory.facets import PAGE_SIZE

from . import schema
from .base import ApiView
from .cooperation_representation import cooperation_data, cooperation_detail_data
from .cooperation_serializers import (
    CooperationDetailSerializer,
    CooperationListQuerySerializer,
    CooperationPageSerializer,
    CooperationWriteSerializer,
    StageWriteSerializer,
)
from .models import ApiToken
from .permissions import TokenScope
from .services import api_token_write

ID = re.compile(r"[0-9]{1,19}")


def _pk(pk: str) -> int:
    if not ID.fullmatch(pk) or not 0 < int(pk) < 2**63:
        raise exceptions.NotFound()
    return int(pk)


def _network(request):
    """The network the request acts in: the token's, or the signed-in person's active one."""
    return getattr(request._request, "network", None)


def _token(request) -> ApiToken | None:
    return request.auth if isinstance(request.auth, ApiToken) else None


def _organisations(ids: list[int], *, network):
    """The organisations named by id, as the page takes them: ``selectors.organisation_choices``
    includes every id sent, so any existing organisation may be named; an unknown id is a field error."""
    wanted = set(ids)
    found = list(
        selectors.organisation_choices(network=network, include=sorted(wanted)).filter(pk__in=wanted)
    )
    if missing := wanted - {organisation.pk for organisation in found}:
        raise exceptions.ValidationError(
            {
                "organisations": [
                    _("Unbekannte Organisationen: %(ids)s") % {"ids": ", ".join(map(str, sorted(missing)))}
                ]
            }
        )
    return found


def _cooperation(request, pk: str | int, *, permission: str = "") -> Cooperation:
    """Fetch and authorise: another network's cooperation is a 404, anyone not on the staff a 403."""
    number = pk if isinstance(pk, int) else _pk(pk)
    cooperation = selectors.cooperation_get_for_user(user=request.user, network=_network(request), pk=number)
    if permission and not request.user.has_perm(permission, cooperation):
        raise PermissionDenied
    return cooperation


def _detail(cooperation: Cooperation) -> dict:
    return cooperation_detail_data(
        cooperation,
        stage_changes=selectors.cooperation_stage_changes(cooperation=cooperation),
        funding_periods=selectors.cooperation_funding_periods(cooperation=cooperation),
    )


def _query(request) -> dict:
    # A plain dict: DRF would read an empty "?stage=" from a QueryDict as "not given".
    params = request.query_params
    fields = CooperationListQuerySerializer().fields
    query = CooperationListQuerySerializer(data={key: params[key] for key in fields if key in params})
    query.is_valid(raise_exception=True)
    return dict(query.validated_data)


class CooperationApiView(ApiView):
    """Only signed-in staff and tokens: reading private data needs credentials (401 without)."""

    permission_classes = [IsAuthenticated, TokenScope]


class CooperationListView(CooperationApiView):
    @schema.documented(
        operation_id="cooperations_list",
        summary=_("Kooperationen des Netzwerks"),
        parameters=schema.COOPERATION_LIST_PARAMETERS,
        responses={200: CooperationPageSerializer, **schema.errors(400, 401, 403, 404, 429)},
    )
    def get(self, request):
        query = _query(request)
        cooperations = selectors.cooperation_list(
            viewer=request.user, network=_network(request), stage=query.get("stage", "")
        )
        page_size = query.get("page_size", PAGE_SIZE)
        paginator = Paginator(cooperations, page_size)
        try:
            page = paginator.page(query.get("page", 1))
        except EmptyPage as error:
            raise exceptions.NotFound(_("Diese Seite gibt es nicht.")) from error
        return Response(
            {
                "count": paginator.count,
                "page": page.number,
                "page_size": page_size,
                "pages": paginator.num_pages,
                "results": [cooperation_data(cooperation) for cooperation in page.object_list],
            }
        )

    @schema.documented(
        operation_id="cooperations_create",
        summary=_("Kooperation anlegen"),
        request=CooperationWriteSerializer,
        responses={201: CooperationDetailSerializer, **schema.errors(400, 401, 403, 415, 429)},
    )
    def post(self, request):
        network = _network(request)
        if network is None or not request.user.has_perm("cooperation.add_cooperation", network):
            raise PermissionDenied
        serializer = CooperationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        organisations = _organisations(fields.pop("organisations", []), network=network)
        cooperation = api_token_write(
            token=_token(request),
            action="cooperation.created",
            write=lambda: services.cooperation_create(
                network=network, actor=request.user, organisations=organisations, **fields
            ),
        )
        return Response(_detail(_cooperation(request, cooperation.pk)), status=status.HTTP_201_CREATED)


class CooperationDetailView(CooperationApiView):
    @schema.documented(
        operation_id="cooperations_retrieve",
        summary=_("Eine Kooperation"),
        parameters=[schema.ID_PARAMETER],
        responses={200: CooperationDetailSerializer, **schema.errors(401, 403, 404, 429)},
    )
    def get(self, request, pk: str):
        return Response(_detail(_cooperation(request, pk)))

    @schema.documented(
        operation_id="cooperations_partial_update",
        summary=_("Kooperation ändern"),
        description=_("Die Phase ändert sich nur über „…/stage/“."),
        parameters=[schema.ID_PARAMETER],
        request=CooperationWriteSerializer(partial=True),
        responses={200: CooperationDetailSerializer, **schema.errors(400, 401, 403, 404, 415, 429)},
    )
    def patch(self, request, pk: str):
        cooperation = _cooperation(request, pk, permission="cooperation.change_cooperation")
        serializer = CooperationWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        # Without "organisations" the partners stay as they are (and keep their own goals).
        organisations = None
        if "organisations" in fields:
            organisations = _organisations(fields.pop("organisations"), network=cooperation.network)
        api_token_write(
            token=_token(request),
            action="cooperation.changed",
            write=lambda: services.cooperation_update(
                cooperation=cooperation, actor=request.user, organisations=organisations, **fields
            ),
        )
        return Response(_detail(_cooperation(request, cooperation.pk)))


class CooperationStageView(CooperationApiView):
    @schema.documented(
        operation_id="cooperations_stage_create",
        summary=_("Phase wechseln"),
        description=_(
            "Wie auf der Seite der Kooperation: erlaubt sind die Phasen in „next_stages“; ab "
            "„MSO gefunden“ nennt die Kooperation mindestens eine Organisation."
        ),
        parameters=[schema.ID_PARAMETER],
        request=StageWriteSerializer,
        responses={200: CooperationDetailSerializer, **schema.errors(400, 401, 403, 404, 415, 429)},
    )
    def post(self, request, pk: str):
        cooperation = _cooperation(request, pk, permission="cooperation.change_cooperation")
        serializer = StageWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        api_token_write(
            token=_token(request),
            action="cooperation.stage.changed",
            write=lambda: services.cooperation_stage_change(
                cooperation=cooperation,
                actor=request.user,
                stage=serializer.validated_data["stage"],
                note=serializer.validated_data.get("note", ""),
            ),
        )
        return Response(_detail(_cooperation(request, cooperation.pk)))
