"""Registrations per second for an event when everyone registers at once, against the real server.

On PostgreSQL only (the seat decision's row lock is what is measured). Makes a fresh database
(the name in ``DATABASE_URL`` plus ``_events``, dropped and created anew), migrates it, creates a
published event with ``--seats`` seats, starts ``augenhoehe serve`` (gunicorn, ``--workers``
processes, default one per core, with ``--threads`` threads each, no task worker) on a free port
with the rate limits raised (``AUGENHOEHE_EVENT_REGISTRATION_RATE``, ``…_MAIL_RATE``) and mails
rendered but printed to nowhere (console backend, output discarded).

The clients run in ``--processes`` separate processes with ``--threads-per-process`` threads each,
so that the client's Python does not take the server's place on the cores' GIL. ``--people``
people go through it as a browser does, in three phases that all of them pass at once:

1. GET the form (CSRF cookie and token);
2. POST it (302): timed on its own, these are the "registration POSTs arriving at once";
3. GET the confirmation link's page and POST its button (200). The link is the signed token the
   mail carries, computed here with the same key for the registration's key, read before this
   phase in one query for everyone (not timed).

Then it checks: exactly ``--seats`` confirmed, the rest waiting, no error answer (exit status 1
otherwise). It prints the POSTs per second and the complete registrations per second (all three
phases). The baseline, in the same run, with the same clients against the same server: requests
per second for ``/`` (a redirect: Django's middleware and nothing else) and for ``/impressum/``
(a page rendered from the base template), printed as ratios.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/augenhoehe_bench AUGENHOEHE_HOME=bench/.data \\
    AUGENHOEHE_ALLOWED_HOSTS=testserver,127.0.0.1,localhost AUGENHOEHE_SECRET_KEY=… \\
        .venv/bin/python bench/events.py [--people 500] [--seats 100] [--processes 4] \\
        [--threads-per-process 12] [--workers N] [--threads 8] [--baseline-requests 2000]
"""

import argparse
import http.cookiejar
import multiprocessing
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import psycopg

PYTHON = sys.executable
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def fresh_database(url: str) -> str:
    """The URL of a new, empty database beside the one in ``url``."""
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/") + "_events"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def browser(jar: http.cookiejar.CookieJar | None = None):
    """An opener with its own cookies that does not follow redirects: one person's browser."""
    jar = jar if jar is not None else http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect()), jar


def request(opener, url: str, data: dict | None = None) -> tuple[int, str]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with opener.open(url, data=body, timeout=120) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


# --- What each client process does (module level: the pool pickles it by name) --------------------

_THREADS = 1


def _client_start(threads: int) -> None:
    global _THREADS
    _THREADS = threads


def _each(function, items: list) -> list:
    with ThreadPoolExecutor(max_workers=_THREADS) as pool:
        return list(pool.map(function, items))


def _form(job: tuple[str, int, int]) -> tuple[int, str, list, str | None]:
    """Phase 1: GET the form; (n, CSRF token, cookies, problem)."""
    base, event_pk, n = job
    opener, jar = browser()
    status, page = request(opener, f"{base}/events/{event_pk}/register/")
    if status != 200:
        return n, "", [], f"form {status}"
    return n, CSRF.search(page)[1], [(c.name, c.value) for c in jar], None


def _opener_with(cookies: list):
    jar = http.cookiejar.CookieJar()
    for name, value in cookies:
        jar.set_cookie(
            http.cookiejar.Cookie(
                0,
                name,
                value,
                None,
                False,
                "127.0.0.1",
                False,
                False,
                "/",
                True,
                False,
                None,
                True,
                None,
                None,
                {},
            )
        )
    return browser(jar)[0]


def _post(job: tuple[str, int, int, str, list]) -> str | None:
    """Phase 2: POST the form (302)."""
    base, event_pk, n, token, cookies = job
    data = {"csrfmiddlewaretoken": token, "name": f"Person {n}", "email": f"person{n}@example.org"}
    status, page = request(
        _opener_with(cookies), f"{base}/events/{event_pk}/register/", data | {"consent": "on"}
    )
    return None if status == 302 else f"register {status}: {page[:200]}"


def _confirm(job: tuple[str, str, list]) -> str | None:
    """Phase 3: the confirmation link's page (200) and its button (200)."""
    base, path, cookies = job
    opener = _opener_with(cookies)
    status, page = request(opener, base + path)
    if status != 200:
        return f"confirm page {status}"
    status, page = request(opener, base + path, {"csrfmiddlewaretoken": CSRF.search(page)[1]})
    return None if status == 200 else f"confirm {status}: {page[:200]}"


def _get(url: str) -> str | None:
    status, _page = request(browser()[0], url)
    return None if status in (200, 302) else f"GET {url}: {status}"


def _batch(args: tuple) -> list:
    """One process's share of a phase, run by its threads."""
    name, jobs = args
    return _each(globals()[name], jobs)


def _phase(pool, name: str, jobs: list, processes: int) -> tuple[list, float]:
    """Run ``jobs`` through ``name`` in all client processes at once; (results, seconds)."""
    shares = [jobs[i::processes] for i in range(processes)]
    started = time.perf_counter()
    results = pool.map(_batch, [(name, share) for share in shares])
    elapsed = time.perf_counter() - started
    return [r for share in results for r in share], elapsed


# --- The run --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--processes", type=int, default=4, help="client processes")
    parser.add_argument("--threads-per-process", type=int, default=12, help="client threads per process")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes")
    parser.add_argument("--threads", type=int, default=8, help="threads per server process")
    parser.add_argument("--baseline-requests", type=int, default=2000)
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("bench/events.py measures PostgreSQL: set DATABASE_URL=postgres://…")
    os.environ["DATABASE_URL"] = fresh_database(os.environ["DATABASE_URL"])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "augenhoehe.config.settings")
    os.environ["AUGENHOEHE_EVENT_REGISTRATION_RATE"] = "1000000/hour"
    os.environ["AUGENHOEHE_EVENT_REGISTRATION_MAIL_RATE"] = "1000000/hour"
    os.environ["AUGENHOEHE_EMAIL_BACKEND"] = "console"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    event = make_event(args.seats)
    connection.close()  # the client processes fork from here: none inherits an open connection

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        [
            PYTHON,
            "-m",
            "augenhoehe",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--no-worker",
        ],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/events/{event.pk}/register/", timeout=5).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise SystemExit("augenhoehe serve did not answer within 60 s")
        context = multiprocessing.get_context("fork")
        with context.Pool(args.processes, _client_start, (args.threads_per_process,)) as pool:
            run(pool, base, event, args)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def make_event(seats: int):
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from augenhoehe.core.models import Network
    from augenhoehe.events.models import Event

    start = timezone.now() + timedelta(days=7)
    with scopes_disabled():
        network = Network.objects.create(name="Bench-Netzwerk", slug="bench-events")
        return Event.objects.create(
            network=network,
            title="Über den Tellerrand",
            status="published",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            capacity=seats,
        )


def run(pool, base: str, event, args) -> None:
    from django_scopes import scopes_disabled

    from augenhoehe.events.models import Registration
    from augenhoehe.events.registration_links import CONFIRM, link_token

    processes, people = args.processes, range(args.people)
    # Warm-up: every server thread has loaded its templates and opened its connection.
    _phase(
        pool, "_get", [f"{base}/events/{event.pk}/register/"] * (args.workers * args.threads * 2), processes
    )

    baselines = {}
    for path in ("/", "/impressum/"):
        results, seconds = _phase(pool, "_get", [base + path] * args.baseline_requests, processes)
        problems = [r for r in results if r]
        if problems:
            raise SystemExit(f"baseline {path}: {problems[:3]}")
        baselines[path] = args.baseline_requests / seconds

    forms, form_seconds = _phase(pool, "_form", [(base, event.pk, n) for n in people], processes)
    problems = [problem for _n, _token, _cookies, problem in forms if problem]
    cookies = {n: jar for n, _token, jar, _problem in forms}
    posts, post_seconds = _phase(
        pool, "_post", [(base, event.pk, n, token, jar) for n, token, jar, _problem in forms], processes
    )
    problems += [p for p in posts if p]
    with scopes_disabled():
        keys = dict(Registration.objects.filter(event=event).values_list("email", "pk"))
    confirm_jobs = [
        (
            base,
            f"/events/registration/confirm/{link_token(keys[f'person{n}@example.org'], CONFIRM)}/",
            cookies[n],
        )
        for n in people
        if f"person{n}@example.org" in keys
    ]
    confirms, confirm_seconds = _phase(pool, "_confirm", confirm_jobs, processes)
    problems += [p for p in confirms if p]

    with scopes_disabled():
        statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    confirmed, waiting = statuses.count("confirmed"), statuses.count("waiting")
    total = form_seconds + post_seconds + confirm_seconds
    post_rate = args.people / post_seconds
    complete_rate = args.people / total
    clients = args.processes * args.threads_per_process

    print(
        f"== Registration at once: {args.people} people, {args.seats} seats, PostgreSQL;"
        f" server {args.workers} processes × {args.threads} threads;"
        f" client {args.processes} processes × {args.threads_per_process} threads ({clients} at once)"
    )
    for path, rate in baselines.items():
        print(f"   baseline GET {path}: {rate:.0f} requests/s")
    print(f"   form pages (GET):        {args.people / form_seconds:6.1f}/s  ({form_seconds:.1f} s)")
    print(
        f"   registration POSTs:      {post_rate:6.1f}/s  ({post_seconds:.1f} s)"
        f"  = {post_rate / baselines['/']:.2f} × GET /, {post_rate / baselines['/impressum/']:.2f} × GET /impressum/"
    )
    print(f"   confirmations (GET+POST): {args.people / confirm_seconds:6.1f}/s  ({confirm_seconds:.1f} s)")
    print(
        f"   complete registrations:  {complete_rate:6.1f}/s  ({total:.1f} s, 4 requests each)"
        f"  = {4 * complete_rate / baselines['/']:.2f} × GET / in requests"
    )
    print(f"   confirmed {confirmed}, waiting {waiting}, errors {len(problems)}")
    for problem in problems[:5]:
        print(f"   error: {problem}")
    if problems or confirmed != args.seats or waiting != args.people - args.seats:
        raise SystemExit(f"expected {args.seats} confirmed, {args.people - args.seats} waiting and no error")


if __name__ == "__main__":
    main()
