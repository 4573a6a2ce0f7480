"""The directory search's cache: rendered results, valid for one version of the directory's data.

Every change that can alter what a search shows (a profile saved, published, unpublished or
deleted, its tags and umbrella memberships, who represents it) gives the directory a new **data
version** once the change is committed. The version is part of every cache key, so an entry
written before the change is never read again: an edit shows at once, to everyone, in every
process and on every host that shares the cache (``config/stores.py``).

The version is a random token, not a counter: if the cache loses it (culled, restarted), the next
request draws a new one and old entries are orphaned, never revived. Entries also expire after
``TIMEOUT``, a bound for a change that reached the database by a path without signals (a raw
``QuerySet.update()`` or ``bulk_create`` outside the services, which call ``directory_changed``
or save the profile).

Each server process also keeps the last ``LOCAL_ENTRIES`` entries in memory, under the same keys:
the version is still read from the shared cache on every request, so memory serves nothing stale.

The key also holds who asks (anonymous visitors share entries; a signed-in person gets their own,
with their staff status, since staff see unpublished profiles and members those they represent),
the language, whether htmx asks, and the query string.
"""

import contextlib
import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from typing import Any

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.http import HttpRequest
from django.utils import translation

from augenhoehe.accounts.permissions import is_network_staff

VERSION_KEY = "directory:data-version"
# The longest an entry lives, whatever happens.
TIMEOUT = 60 * 60
# Entries each server process also keeps in memory (at most some 150 KB each): safe, since the
# key holds the data version, which is read from the shared cache on every request.
LOCAL_ENTRIES = 64

_local: OrderedDict[str, tuple[float, Any]] = OrderedDict()
_local_lock = threading.Lock()


def data_version() -> str:
    """The current version of the directory's data (one cache read)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    # A cache that keeps nothing (the dummy backend) gets a token no entry will match.
    return version or uuid.uuid4().hex


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def directory_changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """Start a new data version once the current transaction commits (at once outside one).

    After the commit, not before: a request between the change and the commit would otherwise
    cache the old data under the new version. Registered once per transaction, however many
    rows an import changes: Django replaces its list of commit hooks on every commit and
    rollback, so a hook in the current list is still to come.
    """
    connection = connections[using]
    if not connection.in_atomic_block:
        _new_version()
        return
    if uncommitted_changes(using):
        return
    transaction.on_commit(_new_version, using=using)
    connection._directory_version_hooks = connection.run_on_commit  # type: ignore[attr-defined]


def uncommitted_changes(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether this connection changed the directory in a transaction not yet committed.

    Such a request sees data no other one sees yet, so it must neither read nor fill the cache
    (a view inside ``ATOMIC_REQUESTS``, a test inside its transaction).
    """
    connection = connections[using]
    if not connection.in_atomic_block:
        return False
    hooks = connection.run_on_commit
    if getattr(connection, "_directory_version_hooks", None) is hooks:
        return True
    # A savepoint rolled back since gives the connection a new list of hooks, without those of the
    # savepoint; the new version's hook may still be among them. (Rare: a scan only then.)
    if any(entry[1] is _new_version for entry in hooks):  # (savepoint ids, hook, robust)
        connection._directory_version_hooks = hooks  # type: ignore[attr-defined]
        return True
    return False


def _changed(sender, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    directory_changed(using)


def connect_signals() -> None:
    """Watch every model whose rows a search shows or decides visibility by (``apps.ready``)."""
    from .models import Organisation, Representation, Tag, UmbrellaMembership

    for model in (Organisation, Tag, UmbrellaMembership, Representation):
        post_save.connect(_changed, sender=model, dispatch_uid=f"directory-cache-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"directory-cache-{model.__name__}-delete")
    # ``migrate`` and ``flush`` (tests between transactional cases) change rows without signals.
    post_migrate.connect(
        _migrated, sender=Organisation._meta.app_config, dispatch_uid="directory-cache-migrate"
    )


def _migrated(sender, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    # Before core's migration the cache table is missing, and nothing is cached yet; the savepoint
    # keeps that failure from spoiling a surrounding transaction on PostgreSQL.
    with contextlib.suppress(DatabaseError), transaction.atomic(using=using):
        _new_version()


def results_key(request: HttpRequest) -> str:
    """The cache key of the search results ``request`` asks for."""
    user = request.user
    if user.is_authenticated:
        viewer = f"user:{user.pk}:{'staff' if is_network_staff(user) else 'person'}"
    else:
        viewer = "anonymous"
    htmx = getattr(request, "htmx", None)
    parts = (
        data_version(),
        viewer,
        translation.get_language() or "",
        f"htmx={bool(htmx)}:restore={bool(htmx and htmx.history_restore_request)}",
        request.GET.urlencode(),
    )
    return "directory:results:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def results_get(key: str) -> Any:
    """The entry under ``key``: from this process's memory, else from the shared cache."""
    with _local_lock:
        kept = _local.get(key)
        if kept is not None and kept[0] > time.monotonic():
            _local.move_to_end(key)
            return kept[1]
    entry = cache.get(key)
    if entry is not None:
        _keep(key, entry)
    return entry


def results_set(key: str, entry: Any) -> None:
    cache.set(key, entry, TIMEOUT)
    _keep(key, entry)


def forget_local_entries() -> None:
    """Empty this process's memory of entries (tests: each test's rows are rolled back, not
    committed, so no new data version follows them)."""
    with _local_lock:
        _local.clear()


def _keep(key: str, entry: Any) -> None:
    with _local_lock:
        _local[key] = (time.monotonic() + TIMEOUT, entry)
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
