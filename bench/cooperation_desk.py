"""Time the coordinator's desk against a hand-written SQL baseline, on national-scale data.

The desk ``/cooperations/desk/`` of the network with the most partner organisations runs through
Django's test client as its coordinator (signed in, middleware, template and all); the baseline runs
what the desk shows as raw SQL: cooperations by stage, the counts and first five of the tasks due,
the counts of reviews due and waiting, the cooperations whose funding ends within 90 days with
nothing to follow, and the count and first five of the organisations not contacted for a year. Each
takes the median of N runs after a warm-up. Run bench/generate.py and bench/generate_cooperation.py
first.

    DATABASE_URL=... AUGENHOEHE_HOME=... AUGENHOEHE_ALLOWED_HOSTS=testserver \\
        .venv/bin/python bench/cooperation_desk.py [--runs 25]
"""

import argparse
import os
import statistics
import time
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "augenhoehe.config.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from augenhoehe.accounts.middleware import network_scope  # noqa: E402
from augenhoehe.accounts.models import NetworkMembership, NetworkRole  # noqa: E402
from augenhoehe.cooperation import selectors  # noqa: E402
from augenhoehe.cooperation.choices import FUNDING_WARNING_DAYS  # noqa: E402
from augenhoehe.cooperation.models import Partner  # noqa: E402
from augenhoehe.cooperation.selectors import NOT_CONTACTED_DAYS, REVIEW_DUE_DAYS, TASK_DUE_DAYS  # noqa: E402

CLOSED = ("evaluated", "ended")


def _in(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


def raw_desk(network_id: int, user_id: int, today) -> dict:
    """What the desk shows, in hand-written SQL (the same rows and counts)."""
    soon = today + timedelta(days=TASK_DUE_DAYS)
    cutoff = today - timedelta(days=NOT_CONTACTED_DAYS)
    open_partner = f"""FROM cooperation_partner p JOIN cooperation_cooperation pc ON pc.id = p.cooperation_id
        WHERE p.network_id = %s AND pc.stage NOT IN ({_in(CLOSED)})"""
    not_contacted = f"""
        SELECT o.id, o.name, lc.last FROM directory_organisation o
        LEFT JOIN (SELECT organisation_id, MAX(happened_on) AS last FROM cooperation_contactentry
                   WHERE network_id = %s GROUP BY organisation_id) lc ON lc.organisation_id = o.id
        JOIN (SELECT p.organisation_id, MIN(p.added_at) AS since {open_partner}
              GROUP BY p.organisation_id) ps ON ps.organisation_id = o.id
        WHERE lc.last < %s OR (lc.last IS NULL AND ps.since < %s)"""
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT stage, COUNT(*) FROM cooperation_cooperation WHERE network_id = %s GROUP BY stage",
            [network_id],
        )
        found["stages"] = cursor.fetchall()
        due = f"""FROM cooperation_task t JOIN cooperation_cooperation c ON c.id = t.cooperation_id
            WHERE t.network_id = %s AND t.done_at IS NULL AND c.stage NOT IN ({_in(CLOSED)})
            AND t.due_on <= %s"""
        cursor.execute(
            "SELECT COUNT(*), SUM(CASE WHEN t.owner_id = %s THEN 1 ELSE 0 END),"
            f" SUM(CASE WHEN t.due_on < %s THEN 1 ELSE 0 END) {due}",
            [user_id, today, network_id, soon],
        )
        found["tasks"] = cursor.fetchone()
        cursor.execute(
            "SELECT t.id, t.title, t.due_on, c.id, c.title, u.first_name, u.last_name, oo.name"
            f" {due.replace('WHERE', 'LEFT JOIN accounts_user u ON u.id = t.owner_id LEFT JOIN directory_organisation oo ON oo.id = t.owner_organisation_id WHERE', 1)}"
            " ORDER BY CASE WHEN t.owner_id = %s THEN 0 ELSE 1 END, t.due_on, t.id LIMIT 5",
            [network_id, soon, user_id],
        )
        found["first_tasks"] = cursor.fetchall()
        cursor.execute(
            "SELECT SUM(CASE WHEN next_review_on <= %s THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN proposed_status <> '' THEN 1 ELSE 0 END)"
            " FROM cooperation_vetting WHERE network_id = %s",
            [today + timedelta(days=REVIEW_DUE_DAYS), network_id],
        )
        found["reviews"] = cursor.fetchone()
        cursor.execute(
            "SELECT c.id, c.title, MAX(f.ends_on) AS until FROM cooperation_cooperation c"
            " JOIN cooperation_fundingperiod f ON f.cooperation_id = c.id WHERE c.network_id = %s"
            " GROUP BY c.id, c.title HAVING MAX(f.ends_on) >= %s AND MAX(f.ends_on) <= %s"
            " ORDER BY until, c.title, c.id",
            [network_id, today, today + timedelta(days=FUNDING_WARNING_DAYS)],
        )
        found["funding"] = cursor.fetchall()
        since = timezone.make_aware(timezone.datetime.combine(cutoff, timezone.datetime.min.time()))
        arguments = [network_id, network_id, cutoff, since]
        cursor.execute(f"SELECT COUNT(*) FROM ({not_contacted}) nc", arguments)
        found["not_contacted"] = cursor.fetchone()
        cursor.execute(
            f"SELECT * FROM ({not_contacted}) nc ORDER BY CASE WHEN last IS NULL THEN 0 ELSE 1 END, last, name, id"
            " LIMIT 5",
            arguments,
        )
        found["first_not_contacted"] = cursor.fetchall()
    return found


def median_ms(action, runs: int, warmup: int) -> float:
    for _ in range(warmup):
        action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    with scopes_disabled():
        network_id = (
            Partner.objects.values("network_id")
            .annotate(n=Count("organisation", distinct=True))
            .order_by("-n")
        )[0]["network_id"]
        membership = NetworkMembership.objects.select_related("user", "network").get(
            network_id=network_id, role=NetworkRole.COORDINATOR
        )
    user, network = membership.user, membership.network
    client = Client()
    client.force_login(user)
    url = "/cooperations/desk/"
    executed = []
    with connection.execute_wrapper(lambda execute, *rest: executed.append(1) or execute(*rest)):
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    today = timezone.localdate()

    def panels() -> None:
        where = {"viewer": user, "network": network}
        with network_scope(network):
            selectors.desk_stages(**where)
            selectors.desk_tasks(**where, today=today)
            selectors.desk_reviews(**where, today=today)
            selectors.desk_funding(**where, today=today)
            selectors.desk_not_contacted(**where, today=today)

    page = median_ms(lambda: client.get(url), args.runs, args.warmup)
    in_process = median_ms(panels, args.runs, args.warmup)
    raw = median_ms(lambda: raw_desk(network_id, user.pk, today), args.runs, args.warmup)
    found = raw_desk(network_id, user.pk, today)
    print(
        f"desk of {network.name} on {connection.vendor} ({len(executed)} queries; tasks due {found['tasks'][0]},"
        f" funding ending {len(found['funding'])}, not contacted {found['not_contacted'][0]}):\n"
        f"  selectors {in_process:.1f} ms ÷ raw SQL {raw:.1f} ms = {in_process / raw:.1f}\n"
        f"  page {page:.1f} ms (signed in, middleware, template) ÷ raw SQL = {page / raw:.1f}"
    )


if __name__ == "__main__":
    main()
