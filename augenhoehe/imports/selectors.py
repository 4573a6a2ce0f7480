"""Reads of a network's imports, scoped to what the viewer may see."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from augenhoehe.core.models import Network

from .models import ImportBatch, ImportValueMapping


def import_batch_list(*, viewer, network: Network | None) -> QuerySet[ImportBatch]:
    """The imports of ``network``, newest first, for its staff; refused to anyone else."""
    # Without a network nobody imports (not even a superuser, whom has_perm lets through).
    if network is None or not viewer.has_perm("imports.import_organisations", network):
        raise PermissionDenied
    return (
        ImportBatch.objects.filter(network=network)
        .select_related("created_by")
        .order_by("-created_at", "-pk")
    )


def import_batch_get_for_user(*, user, network: Network | None, pk) -> ImportBatch:
    """Fetch and authorise in one step: an import of the active network, 404 for any other
    (the scoped manager does not find another network's), 403 for people who may not import."""
    batches = import_batch_list(viewer=user, network=network)
    batch = batches.filter(pk=pk).first()
    if batch is None or not user.has_perm("imports.view_import", batch):
        raise Http404
    return batch


def import_value_mappings(*, network: Network) -> dict[str, dict[str, str]]:
    """The network's kept value mappings: ``{column: {lookup key: "column:code" or ""}}``."""
    kept: dict[str, dict[str, str]] = {}
    for mapping in ImportValueMapping.objects.filter(network=network):
        kept.setdefault(mapping.column, {})[mapping.value] = mapping.target
    return kept
