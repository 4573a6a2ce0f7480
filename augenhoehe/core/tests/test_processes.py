"""The installation as processes: the secret key, ``augenhoehe demo`` and ``augenhoehe serve``."""

import os
import selectors
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from augenhoehe.__main__ import DEMO_KEY_FILE

from .processes import run_python

SETUP = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"


def bare_environment(home, **variables: str) -> dict[str, str]:
    """This environment without a key, debug mode or database: an installation in ``home``."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"AUGENHOEHE_SECRET_KEY", "AUGENHOEHE_DEBUG", "DATABASE_URL", "AUGENHOEHE_CACHE_DIR"}
    }
    return (
        env
        | {"AUGENHOEHE_HOME": str(home), "DJANGO_SETTINGS_MODULE": "augenhoehe.config.settings"}
        | variables
    )


def test_without_a_secret_key_the_app_refuses_to_start_and_writes_nothing(tmp_path):
    started = run_python(SETUP, env=bare_environment(tmp_path), cwd=tmp_path)

    assert started.returncode != 0
    assert "ImproperlyConfigured: AUGENHOEHE_SECRET_KEY is not set" in started.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_secret_key_comes_from_the_environment(tmp_path):
    started = run_python(SETUP, env=bare_environment(tmp_path, AUGENHOEHE_SECRET_KEY="k" * 60), cwd=tmp_path)

    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "k" * 60
    assert list(tmp_path.iterdir()) == []


def test_debug_mode_starts_without_a_key(tmp_path):
    started = run_python(SETUP, env=bare_environment(tmp_path, AUGENHOEHE_DEBUG="1"), cwd=tmp_path)

    assert started.returncode == 0, started.stderr
    assert started.stdout.strip().startswith("django-insecure-")
    assert list(tmp_path.iterdir()) == []


def augenhoehe(*args: str, env: dict[str, str], cwd) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "augenhoehe", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory):
    """A home the demo prepared, without being given a key: SQLite, migrated, demo data, its key."""
    home = tmp_path_factory.mktemp("demo")
    prepared = augenhoehe("demo", "--no-serve", env=bare_environment(home), cwd=home)
    assert prepared.returncode == 0, prepared.stderr
    return home


def test_the_demo_makes_its_key_once_and_keeps_it(demo_home):
    key_file = demo_home / DEMO_KEY_FILE
    key = key_file.read_text()
    assert len(key) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600

    again = augenhoehe("demo", "--no-serve", env=bare_environment(demo_home), cwd=demo_home)

    assert again.returncode == 0, again.stderr
    assert "Demo-Daten sind schon da" in again.stdout
    assert key_file.read_text() == key  # so the sessions of the first run stay valid


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def first_line(stream, *, timeout: float) -> str:
    """The first line a process prints, waiting at most ``timeout`` seconds."""
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        assert selector.select(timeout), f"nothing printed within {timeout} s"
    return stream.readline()


def living_in_group(group: int, seconds: float = 30) -> list[int]:
    """The processes of ``group`` still alive (zombies not counted: a container's first process need
    not reap the orphans), waiting up to ``seconds`` for the ones already dying."""
    deadline = time.monotonic() + seconds
    while True:
        living = []
        for status in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = status.read_text().rsplit(")", 1)[1].split()
            except OSError:  # gone while we looked
                continue
            state, process_group = fields[0], int(fields[2])
            if process_group == group and state != "Z":
                living.append(int(status.parent.name))
        if not living or time.monotonic() > deadline:
            return living
        time.sleep(0.1)


def test_serve_starts_the_processes_it_names_and_stops_them_all(demo_home):
    port = free_port()
    env = bare_environment(demo_home, AUGENHOEHE_SECRET_KEY=(demo_home / DEMO_KEY_FILE).read_text())
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "augenhoehe", "serve", "--port", str(port), "--workers", "2"],
        env=env | {"PYTHONUNBUFFERED": "1"},
        cwd=demo_home,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group: the server, its workers and the task worker
    )
    try:
        # Printed once the port is open; a request then waits for a worker to take it.
        announced = first_line(server.stdout, timeout=120)
        assert f"http://127.0.0.1:{port}/ mit 2 Prozessen" in announced
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=120) as answer:  # noqa: S310
            assert answer.status == 200
            assert b'name="password"' in answer.read()

        server.terminate()
        assert server.wait(timeout=120) == 0
        assert not living_in_group(server.pid), "a worker outlived the server"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        server.stdout.close()
