"""Run Python in another process against this test's database and caches, as a second host would."""

import os
import subprocess
import sys
from urllib.parse import quote

from django.db import connection


def database_url() -> str:
    """The URL of the database this test runs on (the test database, not the configured one)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    credentials = quote(settings["USER"] or "", safe="")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"], safe="")
    host = f"{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{settings['NAME']}"


def environment(**variables: str | None) -> dict[str, str]:
    """This process's environment on the test database; a variable given as None is removed."""
    env = os.environ | {
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "augenhoehe.config.settings",
    }
    for name, value in variables.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run_python(code: str, *args: str, env: dict[str, str], cwd=None) -> subprocess.CompletedProcess:
    """Run ``code`` with ``args`` in a fresh interpreter; its output is text."""
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )
