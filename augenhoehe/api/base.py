"""The configuration every API view shares, kept in code so settings stay untouched."""

from contextlib import ExitStack

from rest_framework.authentication import SessionAuthentication
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from augenhoehe.accounts.middleware import network_scope

from .authentication import ApiTokenAuthentication
from .errors import api_exception_handler
from .models import ApiToken
from .parsers import BoundedJSONParser
from .permissions import ReadOrSignedIn, TokenScope
from .schema import ApiSchema
from .throttles import AnonymousThrottle, SessionThrottle, TokenThrottle


class JsonOnlyNegotiation(DefaultContentNegotiation):
    """The API speaks JSON only; a browser's ``Accept: text/html`` still gets JSON, not a 406."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ApiView(APIView):
    # The token first: its challenge makes unauthenticated requests a 401, not a 403.
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [ReadOrSignedIn, TokenScope]
    throttle_classes = [AnonymousThrottle, TokenThrottle, SessionThrottle]
    renderer_classes = [JSONRenderer]
    parser_classes = [BoundedJSONParser]
    content_negotiation_class = JsonOnlyNegotiation
    schema = ApiSchema()
    # The network scope a token's request runs in, from ``initial`` to ``finalize_response``.
    _token_scope: ExitStack | None = None

    def initial(self, request, *args, **kwargs):
        """After DRF authenticated: a token acts within its own network (tokens are per network)."""
        super().initial(request, *args, **kwargs)
        if isinstance(request.auth, ApiToken):
            request._request.network = request.auth.network
            self._token_scope = ExitStack()
            self._token_scope.enter_context(network_scope(request.auth.network))

    def finalize_response(self, request, response, *args, **kwargs):
        token_scope = getattr(self, "_token_scope", None)
        if token_scope is not None:
            self._token_scope = None
            token_scope.close()
        return super().finalize_response(request, response, *args, **kwargs)

    def get_exception_handler(self):
        return api_exception_handler
