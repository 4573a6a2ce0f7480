"""Reads of networks, regions and the audit log."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.module_loading import import_string

# accounts builds on core's networks; the roles a person holds in one are read through its one function.
from .models import Gemeinde, Kreis, Land, LogEntry, Network
from .pagination import page_of
from .regions import lookup_name, spelling
from .services import log_read


def network_roles(user, network) -> frozenset[str]:
    """The role codes ``user`` holds in ``network``, from the function ``settings.NETWORK_ROLES`` names.

    Memberships are the accounts app's; core reads them through this setting (as Django's auth
    reads ``AUTH_USER_MODEL``) so that core depends on no app.
    """
    return import_string(settings.NETWORK_ROLES)(user, network)


LOG_ENTRIES_PER_PAGE = 50


def land_list() -> QuerySet[Land]:
    """All Länder, by name."""
    return Land.objects.all()


def kreis_list() -> QuerySet[Kreis]:
    """All Kreise with their Land, by name."""
    return Kreis.objects.select_related("land")


def gemeinde_candidates(*, city: str, kreis: Kreis | None = None) -> list[Gemeinde]:
    """The Gemeinden an address's city may mean, narrowed to ``kreis`` if given.

    Folding makes "Muenster" find "Münster"; where folding joins two names
    (Münster, Munster) the one spelled as typed wins. "Halle" finds the
    qualified names "Halle (Westf.)", "Halle (Saale)" when no Gemeinde is
    called just "Halle".
    """
    key = lookup_name(city)
    if not key:
        return []
    gemeinden = Gemeinde.objects.select_related("kreis__land")
    if kreis is not None:
        gemeinden = gemeinden.filter(kreis=kreis)
    found = _spelled_as_typed(city, list(gemeinden.filter(lookup_name=key)[:_CANDIDATES]))
    if found:
        return found
    return [g for g in gemeinden.filter(lookup_name__startswith=f"{key} ")[:_CANDIDATES] if "(" in g.name]


_CANDIDATES = 20


def _spelled_as_typed(city: str, found: list[Gemeinde]) -> list[Gemeinde]:
    if len(found) > 1:
        typed = spelling(city)
        found = [g for g in found if spelling(g.name) == typed] or found
    return found


def gemeinde_candidates_many(
    pairs: Iterable[tuple[str, Kreis | None]],
) -> dict[tuple[str, Kreis | None], list[Gemeinde]]:
    """``gemeinde_candidates(city=…, kreis=…)`` for many (city, Kreis) pairs, with one query per
    thousand names; pairs whose city is no Gemeinde's name are left out (ask ``gemeinde_candidates``)."""
    pairs = {(city, kreis) for city, kreis in pairs if lookup_name(city)}
    keys = sorted({lookup_name(city) for city, _kreis in pairs})
    named: dict[str, list[Gemeinde]] = {}
    for start in range(0, len(keys), 1000):
        gemeinden = Gemeinde.objects.select_related("kreis__land").filter(
            lookup_name__in=keys[start : start + 1000]
        )
        for gemeinde in gemeinden.order_by("name", "pk"):
            named.setdefault(gemeinde.lookup_name, []).append(gemeinde)
    found = {}
    for city, kreis in pairs:
        same = [g for g in named.get(lookup_name(city), []) if kreis is None or g.kreis_id == kreis.pk]
        if same:
            found[(city, kreis)] = _spelled_as_typed(city, same[:_CANDIDATES])
    return found


def log_entries_readable(entries: QuerySet[LogEntry], *, viewer) -> QuerySet[LogEntry]:
    """``entries`` without the restricted ones ``viewer`` holds none of the named roles for.

    The roles come from ``accounts.permissions.network_roles`` only. The few
    distinct restrictions are read first (one query), so the page can still be
    filtered, counted and paginated by the database.
    """
    restricted = (
        entries.exclude(restricted_to=[]).order_by().values_list("network_id", "restricted_to").distinct()
    )
    pairs = {(network_id, tuple(roles)) for network_id, roles in restricted}
    networks = Network.objects.in_bulk({network_id for network_id, _roles in pairs} - {None})
    readable = Q(restricted_to=[])
    for network_id, roles in pairs:
        if network_roles(viewer, networks.get(network_id)) & set(roles):
            readable |= Q(network_id=network_id, restricted_to=list(roles))
    return entries.filter(readable)


def network_log(*, viewer, network: Network, action: str = "") -> QuerySet[LogEntry]:
    """The network's own audit entries that ``viewer`` may read, newest first, with their actors.

    Only the network's admins read its log; anyone else gets ``PermissionDenied``.
    """
    if "admin" not in network_roles(viewer, network):
        raise PermissionDenied
    entries = LogEntry.objects.filter(network=network)
    if action:
        entries = entries.filter(action=action)
    readable = log_entries_readable(entries, viewer=viewer)
    # The subjects are named in the summaries: one query per kind of subject, not one per entry.
    return readable.select_related("actor", "content_type").prefetch_related("subject")


def network_log_actions(*, network: Network) -> list[str]:
    """The actions that occur in the network's log, for the filter."""
    return sorted(
        LogEntry.objects.filter(network=network).order_by().values_list("action", flat=True).distinct()
    )


def network_get_for_admin(*, user, slug: str) -> Network:
    """The network whose log ``user`` opens: 404 if ``user`` holds no role in it, 403 if not its admin."""
    network = Network.objects.filter(slug=slug).first()
    roles = network_roles(user, network) if network else frozenset()
    if network is None or not roles:
        raise Http404
    if "admin" not in roles:
        raise PermissionDenied
    return network


def network_log_page(*, viewer, network: Network, action: str = "", page: str | int | None = None):
    """One page of the network's log; reading restricted entries on it is itself logged."""
    entries = network_log(viewer=viewer, network=network, action=action)
    shown = page_of(entries, number=page, per_page=LOG_ENTRIES_PER_PAGE)
    restricted = [entry.pk for entry in shown if entry.restricted_to]
    if restricted:
        log_read(
            subject=network,
            actor=viewer,
            network=network,
            action="network.log.viewed",
            data={"entries": restricted},
        )
    return shown
