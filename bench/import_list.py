"""Time the import of a 20,000-row list into the national directory, against a plain bulk insert.

The list is new organisations spread over all Kreise, in the export's CSV
format (FORMAT.md), with names close to stored ones in the same Kreis, so the
duplicate search finds candidates as it would in a real office list. The
import runs as a user runs it: read the file, check every row (validation,
place resolution, duplicates), write all rows through the directory's
services (new profiles through ``organisations_create_many``, which checks each
as ``organisation_create`` does and inserts them in bulk). The baseline, measured in the same run, is ``bulk_create`` of the
same profiles and their tags: the least a database needs to store them, timed before and after
the import (their mean is the baseline).
Everything happens in transactions that are rolled back, so the generated
directory stays as it was.

    DATABASE_URL=... AUGENHOEHE_HOME=... .venv/bin/python bench/import_list.py [--rows 20000]
"""

import argparse
import os
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "augenhoehe.config.settings")
django.setup()

sys.path.insert(0, str(Path(__file__).parent))

import generate  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from augenhoehe.accounts.middleware import network_scope  # noqa: E402
from augenhoehe.accounts.models import NetworkMembership, NetworkRole, User  # noqa: E402
from augenhoehe.core.models import Gemeinde, Kreis, Network  # noqa: E402
from augenhoehe.directory import choices  # noqa: E402
from augenhoehe.directory.models import Organisation, Tag  # noqa: E402
from augenhoehe.exports.formats import csv_chunks  # noqa: E402
from augenhoehe.exports.selectors import organisation_export_row  # noqa: E402
from augenhoehe.imports import services as importing  # noqa: E402
from augenhoehe.imports.models import ImportBatch  # noqa: E402

SEED = 7


class Rollback(Exception):
    pass


def planned_rows(count: int) -> list[tuple[Organisation, dict]]:
    """``count`` new profiles, as bench/generate.py makes them, named after stored ones."""
    rng = random.Random(SEED)
    now = timezone.now()
    kreise = list(Kreis.objects.order_by("ags"))
    gemeinden = defaultdict(list)
    for gemeinde in Gemeinde.objects.order_by("ags"):
        gemeinden[gemeinde.kreis_id].append(gemeinde)
    planned = []
    for number in range(1, count + 1):
        kreis = rng.choice(kreise)
        gemeinde = rng.choice(gemeinden[kreis.ags])
        community = rng.choices(generate.ALL_COMMUNITIES, weights=generate.COMMUNITY_WEIGHTS)[0]
        name = f"{rng.choice(community.names).format(city=generate.city_of(gemeinde))} – Gruppe {number}"
        kind = rng.choice([choices.Kind.CULTURAL, choices.Kind.PARENTS, *generate.OTHER_KINDS])
        organisation, tags = generate.profile(rng, name, kind, kreis, gemeinde, community, now)
        organisation.confirmed_at = None
        planned.append((organisation, tags))
    return planned


def as_csv(planned: list[tuple[Organisation, dict]]) -> bytes:
    rows = []
    for organisation, tags in planned:
        pairs = [(scheme, code) for scheme, codes in tags.items() for code in codes]
        row = organisation_export_row(organisation, editor=True, tags=pairs, umbrellas=[])
        row["land"] = organisation.kreis_id[:2]
        rows.append(row)
    return b"".join(csv_chunks(rows))


def timed(action):
    """(result, seconds, queries) of ``action()``; queries are counted, not kept."""
    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        result = action()
        elapsed = time.perf_counter() - started
    return result, elapsed, count


def bench_import(content: bytes, actor, network) -> dict[str, tuple[float, int]]:
    figures = {}
    try:
        with transaction.atomic():
            batch, figures["read"] = _split(
                timed(
                    lambda: importing.import_start(
                        network=network, actor=actor, file_name="liste.csv", content=content
                    )
                )
            )
            importing.import_map(batch=batch, mapping=batch.mapping, default_kind="other", actor=actor)
            _batch, figures["check"] = _split(timed(lambda: importing.import_check(batch=batch, actor=actor)))
            counts = dict(batch.counts)
            importing.import_confirm(batch=batch, skip_errors=False, actor=actor)
            _batch, figures["write"] = _split(timed(lambda: importing.import_run(batch=batch, actor=actor)))
            if batch.status != ImportBatch.Status.DONE:
                sys.exit(f"import_list: the import failed: {batch.failure}")
            created = Organisation.objects.count()
            figures["_counts"] = counts
            figures["_created"] = created
            raise Rollback
    except Rollback:
        pass
    return figures


def bench_bulk(planned: list[tuple[Organisation, dict]]) -> tuple[float, int]:
    def insert():
        organisations = [organisation for organisation, _tags in planned]
        for organisation in organisations:
            organisation.pk = None
        Organisation.objects.bulk_create(organisations, batch_size=1000)
        Tag.objects.bulk_create(
            [
                Tag(organisation_id=organisation.pk, scheme=scheme, code=code)
                for organisation, tags in planned
                for scheme, codes in tags.items()
                for code in codes
            ],
            batch_size=5000,
        )

    try:
        with transaction.atomic():
            _none, elapsed, queries = timed(insert)
            raise Rollback
    except Rollback:
        pass
    return elapsed, queries


def _split(result):
    value, elapsed, queries = result
    return value, (elapsed, queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    stored = Organisation.objects.count()
    planned = planned_rows(args.rows)
    content = as_csv(planned)
    network, _created = Network.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    actor, _created = User.objects.get_or_create(username="bench-koordination")
    NetworkMembership.objects.with_scopes_disabled().get_or_create(
        user=actor, network=network, defaults={"role": NetworkRole.COORDINATOR}
    )
    print(
        f"import_list on {connection.vendor}: {args.rows} rows ({len(content) / 1e6:.1f} MB CSV) "
        f"into {stored} stored organisations"
    )
    # The baseline runs before and after the import and counts as their mean: on a machine whose
    # load changes within minutes, one baseline minutes away from the import skews the ratio.
    before_seconds, bulk_queries = bench_bulk(planned)
    with network_scope(network):
        figures = bench_import(content, actor, network)
    after_seconds, _queries = bench_bulk(planned)
    bulk_seconds = (before_seconds + after_seconds) / 2
    print(f"  bulk insert before the import {before_seconds:.1f} s, after it {after_seconds:.1f} s")
    counts, created = figures.pop("_counts"), figures.pop("_created")
    print(f"  check found: {counts}; after writing: {created} organisations")
    print(f"  {'step':<28} {'s':>8} {'× bulk':>8} {'queries':>9} {'ms/row':>7}")
    print(
        f"  {'bulk insert (baseline)':<28} {bulk_seconds:8.1f} {1:8.1f} {bulk_queries:9d} {bulk_seconds * 1000 / args.rows:7.2f}"
    )
    total = 0.0
    for step, (seconds, queries) in figures.items():
        total += seconds
        print(
            f"  {step:<28} {seconds:8.1f} {seconds / bulk_seconds:8.1f} {queries:9d} {seconds * 1000 / args.rows:7.2f}"
        )
    print(f"  {'import in all':<28} {total:8.1f} {total / bulk_seconds:8.1f}")


if __name__ == "__main__":
    main()
