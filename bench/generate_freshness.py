"""Generate what the fresh-data benchmark needs on top of ``generate.py`` and
``generate_cooperation.py``: confirmations spread over three years, representatives with e-mail
addresses, profiles created by a network outside its Kreise, and reminders already sent.

- ``confirmed_at`` of 85 % of the profiles falls evenly into the last three years (by one of their
  representatives where they have one, else by nobody named); the other 15 % were never confirmed
  and were created up to four years ago. ``created_at`` lies before any confirmation.
- 55 % of the profiles have one or two representatives (accounts ``vertretung-…``): 90 % with an
  address, 95 % active, languages as people choose them.
- 3 % were created by the network of another Kreis of the same Land (the list's "created by it").
- A quarter of the profiles last confirmed more than eleven months ago were reminded in the last
  200 days by their Kreis's network, a twentieth also by another network.

``generate.py`` gives every profile ``confirmed_at`` within 400 days (40 % none) and the time of the
run as ``created_at``: with the default period of 12 months hardly anything would be stale. This
step rewrites only those two columns, ``confirmed_by`` and ``created_by_network`` of the profiles;
the other benchmarks time neither (the search orders by relevance and name, the export writes the
column either way). Deterministic (fixed seed) and idempotent: does nothing if the representatives
exist already.

    DATABASE_URL=... AUGENHOEHE_HOME=... .venv/bin/python bench/generate_freshness.py
"""

import os
import random
import sys
import time
from collections import defaultdict
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "augenhoehe.config.settings")
django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from augenhoehe.accounts.models import User  # noqa: E402
from augenhoehe.core.models import Network  # noqa: E402
from augenhoehe.directory import caching  # noqa: E402
from augenhoehe.directory.models import Organisation, Representation, RepresentativeRole  # noqa: E402
from augenhoehe.participation.models import ProfileReminder  # noqa: E402

SEED = 14_003
PREFIX = "vertretung-"
YEAR = 365
NEVER_CONFIRMED = 0.15
REPRESENTED = 0.55
CREATED_ELSEWHERE = 0.03
REMINDED, REMINDED_ELSEWHERE = 0.25, 0.05
LANGUAGES = ["", "", "de", "de", "tr", "ar", "uk", "ru", "en", "pl", "fa"]


def _bulk(model, rows: list) -> list:
    return model.objects.bulk_create(rows, batch_size=2_000)


def representatives(rng: random.Random, organisation_ids: list[int]) -> dict[int, list[User]]:
    """One or two accounts for 55 % of the profiles, with their representations."""
    password = make_password(None)
    planned: list[tuple[int, User]] = []
    for pk in organisation_ids:
        if rng.random() >= REPRESENTED:
            continue
        for n in range(rng.choice((1, 1, 2))):
            email = f"v{pk}-{n}@mso.example" if rng.random() < 0.9 else ""
            user = User(
                username=f"{PREFIX}{pk}-{n}",
                email=email,
                password=password,
                is_active=rng.random() < 0.95,
                language=rng.choice(LANGUAGES),
            )
            planned.append((pk, user))
    users = _bulk(User, [user for _pk, user in planned])
    _bulk(
        Representation,
        [
            Representation(
                organisation_id=pk,
                user=user,
                role=RepresentativeRole.ADMIN if user.username.endswith("-0") else RepresentativeRole.MEMBER,
            )
            for (pk, _user), user in zip(planned, users, strict=True)
        ],
    )
    found: dict[int, list[User]] = defaultdict(list)
    for (pk, _user), user in zip(planned, users, strict=True):
        found[pk].append(user)
    return found


def generate() -> dict[str, int]:
    rng = random.Random(SEED)
    now = timezone.now()
    rows = list(Organisation.objects.order_by("pk").values_list("pk", "kreis_id", "email"))
    network_of = dict(Network.kreise.through.objects.values_list("kreis_id", "network_id"))
    in_land = defaultdict(list)
    for kreis_id, network_id in sorted(network_of.items()):
        in_land[kreis_id[:2]].append(network_id)
    accounts = representatives(rng, [pk for pk, _kreis, _email in rows])
    updates, reminders = [], []
    for pk, kreis_id, email in rows:
        if rng.random() < NEVER_CONFIRMED:
            confirmed, by = None, None
            created = now - timedelta(days=rng.uniform(30, 4 * YEAR))
        else:
            confirmed = now - timedelta(days=rng.uniform(0, 3 * YEAR))
            by = rng.choice(accounts[pk]).pk if accounts[pk] and rng.random() < 0.5 else None
            created = confirmed - timedelta(days=rng.uniform(0, 3 * YEAR))
        own = network_of.get(kreis_id)
        elsewhere = None
        if rng.random() < CREATED_ELSEWHERE:
            elsewhere = rng.choice([n for n in in_land[kreis_id[:2]] if n != own] or [own])
        updates.append((confirmed, created, by, elsewhere, pk))
        if (confirmed or created) > now - timedelta(days=11 * 30):
            continue
        addresses = [u.email for u in accounts[pk] if u.email and u.is_active] or [email]
        if own and rng.random() < REMINDED:
            sent = now - timedelta(days=rng.uniform(1, 200))
            reminders.append(
                ProfileReminder(network_id=own, organisation_id=pk, recipients=addresses, sent_at=sent)
            )
        if rng.random() < REMINDED_ELSEWHERE:
            other = rng.choice(list(network_of.values()))
            sent = now - timedelta(days=rng.uniform(1, 200))
            reminders.append(
                ProfileReminder(network_id=other, organisation_id=pk, recipients=addresses, sent_at=sent)
            )
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        # One prepared statement for every row: bulk_update's CASE over 20,000 rows is slow.
        cursor.executemany(
            "UPDATE directory_organisation SET confirmed_at = %s, created_at = %s, confirmed_by_id = %s,"
            " created_by_network_id = %s WHERE id = %s",
            [(adapt(c), adapt(created), by, net, pk) for c, created, by, net, pk in updates],
        )
    _bulk(ProfileReminder, reminders)
    return {
        "representatives": sum(len(users) for users in accounts.values()),
        "profiles": len(updates),
        "never confirmed": sum(1 for row in updates if row[0] is None),
        "created elsewhere": sum(1 for row in updates if row[3] is not None),
        "reminders": len(reminders),
    }


def main() -> None:
    with scopes_disabled():
        if User.objects.filter(username__startswith=PREFIX).exists():
            print(f"generate_freshness: representatives exist already on {connection.vendor}, nothing to do")
            return
        if not Network.kreise.through.objects.exists():
            sys.exit("generate_freshness: run bench/generate.py and bench/generate_cooperation.py first")
        started = time.perf_counter()
        with transaction.atomic():
            counts = generate()
            caching.directory_changed()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    figures = ", ".join(f"{value} {name}" for name, value in counts.items())
    print(f"generate_freshness: {figures} in {time.perf_counter() - started:.1f} s on {connection.vendor}")


if __name__ == "__main__":
    main()
