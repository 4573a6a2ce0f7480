"""Where caches live: a store every process and host shares.

Kept apart from ``settings`` so that tests can build the same configuration for another store
(Redis) and compare.
"""

from pathlib import Path

from dj_database_url import DBConfig

# Both tables are created by a migration of ``core``, whatever the configuration says today, so
# that switching between Redis and the database needs no extra step.
CACHE_TABLE = "augenhoehe_cache"
PROGRESS_TABLE = "augenhoehe_cache_progress"

# The connection that writes import progress beside the import's own transaction (PostgreSQL).
PROGRESS_DATABASE = "progress"


def caches_config(*, redis_url: str, database_engine: str, progress_dir: Path) -> dict:
    """Django's ``CACHES``: Redis if a URL is given, else the database (files for progress on SQLite)."""
    if redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": "augenhoehe",
            },
            "progress": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": "augenhoehe-progress",
            },
        }
    caches = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE},
        "progress": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": PROGRESS_TABLE},
    }
    if database_engine == "django.db.backends.sqlite3":
        # An import writes in one transaction, and SQLite lets no second writer in meanwhile, not
        # even through another connection. An SQLite installation is one host by nature, so its
        # progress goes to files there, which the worker and every web process on the host share.
        caches["progress"] = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(progress_dir),
        }
    return caches


def progress_database(default: DBConfig) -> DBConfig:
    """A second alias for the default database, so progress is committed while an import is not.

    In tests it mirrors ``default``: the same test database, and tests need not ask for it.
    """
    return {**default, "TEST": {"MIRROR": "default"}}


class ProgressRouter:
    """Send the progress cache's table to its own connection; never migrate through that one."""

    def _is_progress(self, model) -> bool:
        return model._meta.app_label == "django_cache" and model._meta.db_table == PROGRESS_TABLE

    def db_for_read(self, model, **hints):
        return PROGRESS_DATABASE if self._is_progress(model) else None

    def db_for_write(self, model, **hints):
        return PROGRESS_DATABASE if self._is_progress(model) else None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db == PROGRESS_DATABASE else None
