"""Time the fresh-data part (issue 14) against hand-written SQL baselines, on national-scale data.

1. The stale list ``/freshness/`` of the network that answers for the most profiles, through
   Django's test client as its coordinator (signed in, middleware, template and all), against raw
   SQL of what the page shows: the count of the network's stale profiles (its Kreise or created by
   it, last confirmed before its period), the first page of 25, oldest first, with who confirmed
   them, how many addresses a reminder would reach, this network's reminders and until when no
   reminder may go out (any network's reminders).
2. The daily run's selection: ``freshness.reminders_due`` for every network, as
   ``reminders_due_send`` lists it before it mails anyone, against raw SQL of the same ids, once as
   one statement per network and once as one statement for all networks.

Each takes the median of N runs after a warm-up; the baselines' rows are checked against the
application's. Run bench/generate.py, bench/generate_cooperation.py and bench/generate_freshness.py
first.

    DATABASE_URL=... AUGENHOEHE_HOME=... AUGENHOEHE_ALLOWED_HOSTS=testserver \\
        .venv/bin/python bench/freshness.py [--runs 25]
"""

import argparse
import os
import statistics
import time
from datetime import UTC, datetime

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "augenhoehe.config.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from augenhoehe.accounts.middleware import SESSION_KEY, network_scope  # noqa: E402
from augenhoehe.accounts.models import NetworkMembership, NetworkRole  # noqa: E402
from augenhoehe.core.models import Network  # noqa: E402
from augenhoehe.participation import freshness  # noqa: E402

ANSWERS_FOR = """(o.kreis_id IN (SELECT kreis_id FROM core_network_kreise WHERE network_id = %s)
    OR o.created_by_network_id = %s)"""
LAST = "COALESCE(o.confirmed_at, o.created_at)"
# Reminded within 30 days, or a reminder open: within the link's 60 days and after the last confirmation.
BLOCKED = f"""EXISTS (SELECT 1 FROM participation_profilereminder r WHERE r.organisation_id = o.id
    AND (r.sent_at > %s OR (r.sent_at > %s AND r.sent_at > {LAST})))"""


def _aware(value) -> datetime:
    """A datetime column as PostgreSQL returns it; SQLite's raw cursor gives naive UTC (or text)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _in(ids: list[int]) -> str:
    return ", ".join(str(pk) for pk in ids)


def _blocked_until(last_confirmed: datetime, sent: list[datetime], now: datetime) -> datetime | None:
    recent = [moment for moment in sent if moment > now - freshness.LINK_MAX_AGE]
    if not recent:
        return None
    last = max(recent)
    until = [last + freshness.REMINDER_GAP] if last + freshness.REMINDER_GAP > now else []
    if last > last_confirmed:
        until.append(last + freshness.LINK_MAX_AGE)
    return max(until) if until else None


def raw_stale_page(network: Network, now: datetime) -> dict:
    """What the list shows, in hand-written SQL: count, first page, recipients, reminders."""
    adapt = connection.ops.adapt_datetimefield_value
    cutoff = adapt(freshness.stale_cutoff(network=network, now=now))
    where = f"{ANSWERS_FOR} AND {LAST} < %s"
    arguments = [network.pk, network.pk, cutoff]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM directory_organisation o WHERE {where}", arguments)
        count = cursor.fetchone()[0]
        cursor.execute(
            "SELECT o.id, o.name, o.confirmed_at, o.created_at, o.email, u.first_name, u.last_name, u.username"
            " FROM directory_organisation o LEFT JOIN accounts_user u ON u.id = o.confirmed_by_id"
            f" WHERE {where} ORDER BY {LAST}, o.id LIMIT {freshness.PER_PAGE}",
            arguments,
        )
        page = cursor.fetchall()
        ids = [row[0] for row in page]
        addresses: dict[int, set[str]] = {pk: set() for pk in ids}
        reminders: dict[int, list[tuple[int, datetime, object]]] = {pk: [] for pk in ids}
        if ids:
            cursor.execute(
                "SELECT r.organisation_id, u.email FROM directory_representation r"
                " JOIN accounts_user u ON u.id = r.user_id"
                f" WHERE r.organisation_id IN ({_in(ids)}) AND u.is_active = %s AND u.email <> ''",
                [True],
            )
            for pk, email in cursor.fetchall():
                addresses[pk].add(email.lower())
            cursor.execute(
                "SELECT organisation_id, network_id, sent_at, recipients FROM participation_profilereminder"
                f" WHERE organisation_id IN ({_in(ids)}) AND (network_id = %s OR sent_at > %s)",
                [network.pk, adapt(now - freshness.LINK_MAX_AGE)],
            )
            for pk, network_id, sent_at, recipients in cursor.fetchall():
                reminders[pk].append((network_id, _aware(sent_at), recipients))
    rows = []
    for pk, name, confirmed_at, created_at, email, first, last, username in page:
        last_confirmed = _aware(confirmed_at or created_at)
        sent = [moment for _network, moment, _to in reminders[pk]]
        rows.append(
            {
                "id": pk,
                "name": name,
                "confirmed_by": f"{first} {last}".strip() or username,
                "own_reminders": sum(1 for network_id, *_rest in reminders[pk] if network_id == network.pk),
                "recipients": len(addresses[pk]) or (1 if email else 0),
                "blocked_until": _blocked_until(last_confirmed, sent, now),
            }
        )
    return {"count": count, "rows": rows}


def app_stale_page(user, network: Network, now: datetime) -> dict:
    """The same figures from the application's selector, to check the baseline."""
    with network_scope(network):
        page = freshness.stale_page(viewer=user, network=network, page=1, now=now)
    return {
        "count": page.paginator.count,
        "rows": [
            {
                "id": row.organisation.pk,
                "own_reminders": len(row.reminders),
                "recipients": len(row.recipients),
                "blocked_until": row.blocked_until,
            }
            for row in page.object_list
        ],
    }


def app_selection(now: datetime) -> dict[int, list[int]]:
    """What the daily run selects, network by network, before it mails anyone."""
    with scopes_disabled():
        return {
            network.pk: [o.pk for o in freshness.reminders_due(network=network, now=now).only("pk")]
            for network in Network.objects.order_by("pk")
        }


def raw_selection_per_network(now: datetime) -> dict[int, list[int]]:
    """The same ids in hand-written SQL, one statement per network."""
    adapt = connection.ops.adapt_datetimefield_value
    gap, link = adapt(now - freshness.REMINDER_GAP), adapt(now - freshness.LINK_MAX_AGE)
    found = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, freshness_months FROM core_network ORDER BY id")
        for network_id, months in cursor.fetchall():
            cutoff = adapt(freshness.months_before(now, months))
            cursor.execute(
                f"SELECT o.id FROM directory_organisation o WHERE {ANSWERS_FOR} AND {LAST} < %s"
                f" AND NOT {BLOCKED} ORDER BY {LAST}, o.id",
                [network_id, network_id, cutoff, gap, link],
            )
            found[network_id] = [row[0] for row in cursor.fetchall()]
    return found


def raw_selection_at_once(now: datetime) -> dict[int, list[int]]:
    """The same ids in one statement for all networks (each network's cutoff from its period)."""
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, freshness_months FROM core_network ORDER BY id")
        cutoffs = [(pk, adapt(freshness.months_before(now, months))) for pk, months in cursor.fetchall()]
        found: dict[int, list[int]] = {pk: [] for pk, _cutoff in cutoffs}
        if not cutoffs:
            return found
        values = ", ".join(["(%s, %s)"] * len(cutoffs))
        cursor.execute(
            f"""WITH cut (network_id, cutoff) AS (VALUES {values}),
            answered (network_id, organisation_id) AS (
                SELECT nk.network_id, o.id FROM core_network_kreise nk
                JOIN directory_organisation o ON o.kreis_id = nk.kreis_id
                UNION
                SELECT created_by_network_id, id FROM directory_organisation
                WHERE created_by_network_id IS NOT NULL)
            SELECT a.network_id, o.id FROM answered a
            JOIN cut c ON c.network_id = a.network_id
            JOIN directory_organisation o ON o.id = a.organisation_id
            WHERE {LAST} < c.cutoff AND NOT {BLOCKED}
            ORDER BY a.network_id, {LAST}, o.id""",
            [value for pair in cutoffs for value in pair]
            + [adapt(now - freshness.REMINDER_GAP), adapt(now - freshness.LINK_MAX_AGE)],
        )
        for network_id, pk in cursor.fetchall():
            found[network_id].append(pk)
    return found


def busiest_network() -> Network:
    """The network that answers for the most profiles (its Kreise, or created by it)."""
    counts: dict[int, int] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nk.network_id, COUNT(*) FROM core_network_kreise nk"
            " JOIN directory_organisation o ON o.kreis_id = nk.kreis_id GROUP BY nk.network_id"
        )
        counts.update(cursor.fetchall())
        cursor.execute(
            "SELECT created_by_network_id, COUNT(*) FROM directory_organisation o"
            " WHERE created_by_network_id IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM core_network_kreise nk"
            " WHERE nk.network_id = o.created_by_network_id AND nk.kreis_id = o.kreis_id)"
            " GROUP BY created_by_network_id"
        )
        for pk, n in cursor.fetchall():
            counts[pk] = counts.get(pk, 0) + n
    return Network.objects.get(pk=max(counts, key=lambda pk: (counts[pk], -pk)))


def median_ms(action, runs: int, warmup: int) -> float:
    for _ in range(warmup):
        action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def captured(action) -> int:
    executed = []
    with connection.execute_wrapper(lambda execute, *rest: executed.append(1) or execute(*rest)):
        action()
    return len(executed)


def stale_list(args) -> None:
    network = busiest_network()
    with scopes_disabled():
        user = (
            NetworkMembership.objects.select_related("user")
            .filter(network=network, role=NetworkRole.COORDINATOR)
            .order_by("pk")[0]
            .user
        )
    # Signed in as the coordinator, the network chosen as the network switch chooses it
    # (accounts.network_views); the middleware reads it from the session.
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = network.pk
    session.save()
    url = "/freshness/"
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response.wsgi_request.network == network, response.wsgi_request.network
    queries = captured(lambda: client.get(url))
    now = timezone.now()
    raw = raw_stale_page(network, now)
    app = app_stale_page(user, network, now)
    checked = [{key: row[key] for key in app["rows"][0]} for row in raw["rows"]] if app["rows"] else []
    same = raw["count"] == app["count"] and checked == app["rows"]
    page = median_ms(lambda: client.get(url), args.runs, args.warmup)
    selector = median_ms(lambda: app_stale_page(user, network, timezone.now()), args.runs, args.warmup)
    baseline = median_ms(lambda: raw_stale_page(network, timezone.now()), args.runs, args.warmup)
    with scopes_disabled():
        answers_for = freshness.network_organisations(network=network).count()
    blocked = sum(1 for row in raw["rows"] if row["blocked_until"])
    print(
        f"stale list of {network.name} on {connection.vendor} ({answers_for} profiles, {raw['count']} stale;"
        f" first page {len(raw['rows'])} rows, {blocked} blocked; {queries} queries; same as raw SQL:"
        f" {'yes' if same else 'NO'}):\n"
        f"  selector {selector:.1f} ms ÷ raw SQL {baseline:.1f} ms = {selector / baseline:.2f}\n"
        f"  page {page:.1f} ms (signed in, middleware, template) ÷ raw SQL = {page / baseline:.2f}"
    )


def daily_selection(args) -> None:
    now = timezone.now()
    app = app_selection(now)
    per_network = raw_selection_per_network(now)
    at_once = raw_selection_at_once(now)
    same = app == per_network == at_once
    queries = captured(lambda: app_selection(now))
    runs, warmup = max(3, args.runs // 5), min(args.warmup, 1)
    selection = median_ms(lambda: app_selection(now), runs, warmup)
    raw_each = median_ms(lambda: raw_selection_per_network(now), runs, warmup)
    raw_once = median_ms(lambda: raw_selection_at_once(now), runs, warmup)
    due = sum(len(ids) for ids in app.values())
    print(
        f"daily run's selection on {connection.vendor} ({len(app)} networks, {due} profiles to remind;"
        f" {queries} queries; same as raw SQL: {'yes' if same else 'NO'}; median of {runs}):\n"
        f"  reminders_due for every network {selection:.1f} ms"
        f" ÷ raw SQL per network {raw_each:.1f} ms = {selection / raw_each:.2f}\n"
        f"  ÷ raw SQL, one statement for all networks {raw_once:.1f} ms = {selection / raw_once:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    stale_list(args)
    daily_selection(args)


if __name__ == "__main__":
    main()
