"""Rate limits count in a store every process shares: two processes, one limit."""

import os
import uuid

import pytest

from augenhoehe.core.tests.processes import environment, run_python

from .test_read import URL

# One process of a second host: anonymous requests from one address, their status codes printed.
REQUESTS = """
import sys, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="localhost", REMOTE_ADDR=sys.argv[1])
print(" ".join(str(client.get(sys.argv[2]).status_code) for _ in range(int(sys.argv[3]))))
"""

REDIS_URL = os.environ.get("AUGENHOEHE_TEST_REDIS_URL", "")


@pytest.mark.parametrize(
    "redis_url",
    [
        pytest.param("", id="database"),
        pytest.param(
            REDIS_URL,
            id="redis",
            marks=pytest.mark.skipif(not REDIS_URL, reason="AUGENHOEHE_TEST_REDIS_URL is not set"),
        ),
    ],
)
def test_two_processes_share_the_anonymous_limit(transactional_db, redis_url):
    # Transactional: a test's open transaction would hold SQLite's write lock, and the other
    # processes' cache writes would fail (quietly, as the database cache does).
    # A fresh address, so counts left in Redis or the cache table by an earlier run do not count.
    address = f"198.51.100.{uuid.uuid4().int % 250}-{uuid.uuid4().hex[:8]}"
    env = environment(AUGENHOEHE_REDIS_URL=redis_url or None)

    first = run_python(REQUESTS, address, URL, "40", env=env)
    second = run_python(REQUESTS, address, URL, "30", env=env)

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    # 60 a minute per address: the second process gets what the first left, then 429.
    assert first.stdout.split() == ["200"] * 40
    assert second.stdout.split() == ["200"] * 20 + ["429"] * 10
