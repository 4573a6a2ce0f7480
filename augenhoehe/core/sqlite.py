"""SQL functions that PostgreSQL has and the embedded SQLite default lacks; the file's permissions."""

import logging
import os
import stat

from django.db.backends.signals import connection_created
from django.dispatch import receiver

from .text import similarity, word_similarity

logger = logging.getLogger(__name__)

# The database holds people's data: only the account the app runs as may read it.
FILE_MODE = 0o600


@receiver(connection_created)
def register_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("word_similarity", 2, word_similarity, deterministic=True)
        connection.connection.create_function("similarity", 2, similarity, deterministic=True)
        restrict_file(str(connection.settings_dict["NAME"]))


def restrict_file(name: str) -> None:
    """Make the SQLite file ``name`` (and its journal files) readable and writable by its owner alone.

    SQLite creates the file with the process's umask (usually readable by everyone); this runs
    as the first connection opens it, before a row is written.
    """
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    for path in (name, f"{name}-wal", f"{name}-shm", f"{name}-journal"):
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            continue
        if mode == FILE_MODE:
            continue
        try:
            os.chmod(path, FILE_MODE)
        except PermissionError:
            # Another account's file (an operator's copy): not ours to change; the app still runs.
            logger.warning("Cannot restrict %s to its owner (mode %o)", path, mode)
