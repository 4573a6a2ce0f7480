"""Types shared by the apps' annotations."""

from typing import TYPE_CHECKING, Any, Self, TypeVar

from django.http import HttpRequest
from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.db import models

    # The stubs' precise type of a text that may be a lazy translation (what ``gettext_lazy`` returns).
    from django.utils.functional import _StrOrPromise as StrOrPromise
    from django_htmx.middleware import HtmxDetails

    from augenhoehe.core.models import Network

    _M = TypeVar("_M", bound=models.Model)

    class NetworkScopedManager(models.Manager[_M]):
        """What ``django_scopes.ScopedManager(network=…)`` returns.

        django-scopes builds its manager class inside a function and ships no
        types, so the stubs' plugin cannot see it. A model declares the type
        (only for the type checker, hence the quotes) of ``objects`` and of
        ``_default_manager``, from which the plugin derives reverse relations
        such as ``batch.rows``::

            objects: ClassVar["NetworkScopedManager[Model]"] = ScopedManager(network="network")
            _default_manager: ClassVar["NetworkScopedManager[Model]"]
        """

        def with_scope(self, **scope: Any) -> Self: ...

        def with_scopes_disabled(self) -> Self: ...

else:
    StrOrPromise = str | Promise


class NetworkRequest(HttpRequest):
    """A request as the views see it, after the middleware have run.

    ``accounts.middleware.ActiveNetworkMiddleware`` sets ``network`` (the network
    the person works in now, or None for visitors and MSO members) and
    django-htmx sets ``htmx``. Only annotations: nothing is ever created from it.
    """

    network: "Network | None"
    htmx: "HtmxDetails"


__all__ = ["NetworkRequest", "NetworkScopedManager", "StrOrPromise"]
