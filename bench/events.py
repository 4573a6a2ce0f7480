"""Registrations per second for an event when everyone registers at once, against the real server.

On PostgreSQL only (the seat decision's row lock is what is measured). Makes a fresh database
(the name in ``DATABASE_URL`` plus ``_events``, dropped and created anew), migrates it, creates a
published event with ``--seats`` seats, starts ``augenhoehe serve`` (gunicorn, ``--workers``
processes with 4 threads each, no task worker) on a free port with the rate limits raised
(``AUGENHOEHE_EVENT_REGISTRATION_RATE``, ``…_MAIL_RATE``) and mails rendered but printed to
nowhere (console backend, output discarded), and lets ``--people`` people register at once from
``--clients`` threads. Each person does what a browser does: GET the form (CSRF cookie and
token), POST it (302), GET the confirmation link's page and POST its button (200). The link is
the signed token the mail carries, computed here with the same key, for the registration's key
read from the database (one indexed query per person, inside the measured time).

Then it checks: exactly ``--seats`` confirmed, the rest waiting, no error answer, and prints the
rate. The baseline, in the same run: as many plain INSERTs of registration rows through raw SQL,
one statement and commit each (what a row costs at least), printed as a ratio.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/augenhoehe_bench AUGENHOEHE_HOME=bench/.data \\
    AUGENHOEHE_ALLOWED_HOSTS=testserver,127.0.0.1,localhost AUGENHOEHE_SECRET_KEY=… \\
        .venv/bin/python bench/events.py [--people 500] [--seats 100] [--clients 50] [--workers 4]
"""

import argparse
import http.cookiejar
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


def browser():
    """An opener with its own cookies that does not follow redirects: one person's browser."""
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())


def request(opener, url: str, data: dict | None = None) -> tuple[int, str]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with opener.open(url, data=body, timeout=120) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--clients", type=int, default=50, help="threads sending requests at once")
    parser.add_argument(
        "--workers", type=int, default=4, help="server processes (augenhoehe serve --workers)"
    )
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

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    event = make_event(args.seats)

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
        run(base, event, args)
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


def person(base: str, event_pk: int, n: int) -> str | None:
    """Register and confirm one person as a browser would; None, or what went wrong."""
    from django.db import connection
    from django_scopes import scopes_disabled

    from augenhoehe.events.models import Registration
    from augenhoehe.events.registration_links import CONFIRM, link_token

    opener = browser()
    form = f"{base}/events/{event_pk}/register/"
    status, page = request(opener, form)
    if status != 200:
        return f"form {status}"
    email = f"person{n}@example.org"
    data = {
        "csrfmiddlewaretoken": CSRF.search(page)[1],
        "name": f"Person {n}",
        "email": email,
        "consent": "on",
    }
    status, page = request(opener, form, data)
    if status != 302:
        return f"register {status}: {page[:200]}"
    try:
        with scopes_disabled():
            pk = (
                Registration.objects.filter(event_id=event_pk, email=email).values_list("pk", flat=True).get()
            )
    finally:
        connection.close()
    confirm = f"{base}/events/registration/confirm/{link_token(pk, CONFIRM)}/"
    status, page = request(opener, confirm)
    if status != 200:
        return f"confirm page {status}"
    status, page = request(opener, confirm, {"csrfmiddlewaretoken": CSRF.search(page)[1]})
    if status != 200:
        return f"confirm {status}: {page[:200]}"
    return None


def run(base: str, event, args) -> None:
    from django.db import connection
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from augenhoehe.events.models import Event, Registration

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.clients) as pool:
        problems = [p for p in pool.map(lambda n: person(base, event.pk, n), range(args.people)) if p]
    elapsed = time.perf_counter() - started
    with scopes_disabled():
        statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    confirmed, waiting = statuses.count("confirmed"), statuses.count("waiting")
    rate = args.people / elapsed

    # The baseline: the same number of rows, one plain INSERT and commit each.
    with scopes_disabled():
        other = Event.objects.create(
            network=event.network, title="Baseline", starts_at=event.starts_at, ends_at=event.ends_at
        )
    now = timezone.now()
    insert = (
        "INSERT INTO events_registration (network_id, event_id, status, name, email, organisation_name,"
        " language, interpretation, accessibility_needs, answers, created_at) VALUES"
        " (%s, %s, 'unconfirmed', %s, %s, '', 'de', '', '', '{}', %s)"
    )
    connection.close()
    with connection.cursor() as cursor:  # autocommit: each statement its own transaction
        base_started = time.perf_counter()
        for n in range(args.people):
            cursor.execute(insert, [event.network_id, other.pk, f"Person {n}", f"person{n}@example.org", now])
        base_elapsed = time.perf_counter() - base_started
    baseline = args.people / base_elapsed

    print(
        f"== Registration at once: {args.people} people, {args.seats} seats, {args.clients} clients,"
        f" {args.workers} server processes, PostgreSQL"
    )
    print(f"   {args.people} registrations confirmed in {elapsed:.1f} s: {rate:.1f} registrations/s")
    print(f"   baseline: {args.people} plain INSERTs in {base_elapsed:.2f} s: {baseline:.0f}/s")
    print(f"   ratio: one registration (4 requests) costs {baseline / rate:.0f}× a plain INSERT")
    print(f"   confirmed {confirmed}, waiting {waiting}, errors {len(problems)}")
    for problem in problems[:5]:
        print(f"   error: {problem}")
    if problems or confirmed != args.seats or waiting != args.people - args.seats:
        raise SystemExit(f"expected {args.seats} confirmed, {args.people - args.seats} waiting and no error")


if __name__ == "__main__":
    main()
