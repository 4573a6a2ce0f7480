"""Time the export of the whole directory (every format, both layouts) against a raw SQL baseline.

A network coordinator (who gets every organisation with every field) downloads
``/exports/organisations.<format>`` with an empty query through Django's test
client, and the streamed response is consumed fully. The baseline, measured in
the same run, fetches the same data with one hand-written SQL statement (tags
and umbrella memberships aggregated in SQL) and writes the same CSV with
Python's csv module into a BytesIO: the least it costs to produce the file.
Both take the median of N runs after a warm-up. Exits non-zero if an export's
row count differs from the baseline's or a download exceeds --limit seconds.
Run bench/generate.py first.

    DATABASE_URL=... AUGENHOEHE_HOME=... AUGENHOEHE_ALLOWED_HOSTS=testserver \\
        .venv/bin/python bench/export.py [--runs 5] [--profile csv]
"""

import argparse
import cProfile
import csv
import io
import json
import os
import pstats
import signal
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "augenhoehe.config.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.exceptions import FieldDoesNotExist  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from augenhoehe.accounts.models import NetworkMembership, NetworkRole  # noqa: E402
from augenhoehe.core.models import Network  # noqa: E402
from augenhoehe.directory.models import Organisation, Tag, UmbrellaMembership  # noqa: E402
from augenhoehe.interchange.format import COLUMNS, TAG_COLUMNS  # noqa: E402

FORMATS = ["csv", "excel_csv", "xlsx", "json", "people_csv", "people_xlsx"]
URL_NAMES = {
    "csv": "exports:organisations_csv",
    "excel_csv": "exports:organisations_excel_csv",
    "xlsx": "exports:organisations_xlsx",
    "json": "exports:organisations_json",
    # The layout for people, in German (the test client sends no language).
    "people_csv": "exports:organisations_people_csv",
    "people_xlsx": "exports:organisations_people_xlsx",
}
XLSX_SHEET = "xl/worksheets/sheet1.xml"

# One statement: the organisations with their Kreis, tags and umbrella memberships aggregated
# into the export's "a|b" cells; the SELECT list follows COLUMNS (see baseline()).
BASELINE_SQL = """
SELECT {select}
FROM {organisation} o
JOIN core_kreis k ON k.ags = o.kreis_id
LEFT JOIN (SELECT organisation_id, {tag_aggregates} FROM {tags} GROUP BY organisation_id) t
       ON t.organisation_id = o.id
LEFT JOIN (SELECT member_id, {umbrella_aggregate} AS umbrellas FROM {memberships} GROUP BY member_id) u
       ON u.member_id = o.id
ORDER BY o.name_folded, o.id
"""
# Export columns that are not a model field of the same name.
RELATED_COLUMNS = {"gemeinde_ags": "o.gemeinde_id", "kreis_ags": "o.kreis_id", "land": "k.land_id"}
RELATED_COLUMNS |= {"umbrellas": "u.umbrellas"} | {column: f"t.{column}" for column in TAG_COLUMNS}


def baseline() -> tuple[str, dict[int, Callable[[Any], str]]]:
    """The baseline statement for this database (string_agg on PostgreSQL, group_concat on
    SQLite) and, by column index, the few conversions left to Python (times, decimals).

    The aggregates read their input from a subquery sorted by code, so the values come
    out sorted without a sort per group (faster on PostgreSQL; SQLite 3.40 has no
    ORDER BY inside group_concat). Neither database promises to keep that order, but
    both do here, and the byte comparison with the export would show it if not.
    """
    postgres = connection.vendor == "postgresql"
    agg = "string_agg({value}, '|')" if postgres else "group_concat({value}, '|')"
    if postgres:
        public_fields = (
            "(SELECT string_agg(v, '|' ORDER BY v) FROM jsonb_array_elements_text(o.public_fields) v)"
        )
    else:
        public_fields = (
            "(SELECT group_concat(value, '|')"
            " FROM (SELECT value FROM json_each(o.public_fields) ORDER BY value))"
        )
    select, converters = [], {}
    for index, column in enumerate(COLUMNS):
        if column in RELATED_COLUMNS:
            select.append(RELATED_COLUMNS[column])
            continue
        if column == "public_fields":
            select.append(public_fields)
            continue
        try:
            field = Organisation._meta.get_field(column)
        except FieldDoesNotExist:
            raise SystemExit(
                f"export column {column!r} is new: add it to the baseline in bench/export.py"
            ) from None
        if isinstance(field, models.BooleanField):
            select.append(f"CASE WHEN o.{field.column} THEN 'true' ELSE 'false' END")
            continue
        select.append(f"o.{field.column}")
        if isinstance(field, models.DateTimeField):
            converters[index] = local_iso
        elif isinstance(field, models.DecimalField):
            converters[index] = lambda value, places=field.decimal_places: (
                "" if value is None else f"{Decimal(str(value)):.{places}f}"
            )
    sql = BASELINE_SQL.format(
        select=", ".join(select),
        organisation=Organisation._meta.db_table,
        tags=f"(SELECT * FROM {Tag._meta.db_table} ORDER BY organisation_id, scheme, code) AS tag",
        memberships=f"(SELECT * FROM {UmbrellaMembership._meta.db_table} ORDER BY member_id, umbrella_id) AS m",
        tag_aggregates=", ".join(
            f"{agg.format(value='code')} FILTER (WHERE scheme = '{scheme}') AS {column}"
            for column, scheme in TAG_COLUMNS.items()
        ),
        umbrella_aggregate=agg.format(value="umbrella_id::text" if postgres else "umbrella_id"),
    )
    return sql, converters


def local_iso(value) -> str:
    """A time as the export writes it: German local time, ISO 8601 with offset."""
    if value is None:
        return ""
    if isinstance(value, str):  # SQLite without a converter
        value = datetime.fromisoformat(value)
    if timezone.is_naive(value):  # SQLite stores UTC without offset
        value = value.replace(tzinfo=UTC)
    return timezone.localtime(value).isoformat(timespec="seconds")


def raw_csv(sql: str, converters: dict[int, Callable[[Any], str]]) -> tuple[int, bytes]:
    """The same CSV as the export, from raw SQL: (rows, bytes)."""
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    buffer = io.BytesIO()
    text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        row = list(row)
        for index, convert in converters.items():
            row[index] = convert(row[index])
        writer.writerow(row)
    text.flush()
    return len(rows), buffer.getvalue()


class TooSlow(Exception):
    pass


def _too_slow(signum, frame):
    raise TooSlow


def download_within(client: Client, url: str, seconds: float) -> bytes:
    """``download``, given up with ``TooSlow`` after ``seconds`` (SIGALRM, main thread)."""
    previous = signal.signal(signal.SIGALRM, _too_slow)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return download(client, url)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def download(client: Client, url: str) -> bytes:
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return b"".join(response.streaming_content)


def count_rows(format: str, data: bytes) -> int:
    """Organisations in a downloaded file, parsed (not counted by lines: descriptions have breaks)."""
    if format == "csv":
        return sum(1 for _ in csv.reader(io.StringIO(data.decode(), newline=""))) - 1
    if format == "excel_csv":
        return sum(1 for _ in csv.reader(io.StringIO(data.decode("cp1252"), newline=""), delimiter=";")) - 1
    if format == "people_csv":
        return (
            sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";")) - 1
        )
    if format == "json":
        document = json.loads(data)
        if document["count"] != len(document["organisations"]):
            raise SystemExit(f"json: count {document['count']} but {len(document['organisations'])} objects")
        return document["count"]
    # Cell text is XML-escaped, so every "<row " opens a row of the sheet.
    with zipfile.ZipFile(io.BytesIO(data)) as workbook:
        return workbook.read(XLSX_SHEET).count(b"<row ") - 1


def median_ms(action, runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def coordinator():
    """A network coordinator of a benchmark network, created on first use."""
    network, _ = Network.objects.get_or_create(slug="bench", defaults={"name": "Benchmark-Netzwerk"})
    user, _ = get_user_model().objects.get_or_create(username="bench-coordinator")
    NetworkMembership.objects.with_scopes_disabled().get_or_create(
        user=user, network=network, defaults={"role": NetworkRole.COORDINATOR}
    )
    return user


def load() -> str:
    """The 1, 5 and 15 minute load averages: other work on the machine skews the figures."""
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def first_difference(ours: bytes, theirs: bytes) -> str:
    mine, other = ours.decode().split("\r\n"), theirs.decode().split("\r\n")
    for index, (a, b) in enumerate(zip(mine, other, strict=False)):
        if a != b:
            return f"line {index + 1}:\n      export:   {a[:300]}\n      baseline: {b[:300]}"
    return f"lengths differ: {len(mine)} and {len(other)} lines"


def profile(client: Client, format: str, top: int) -> None:
    url = reverse(URL_NAMES[format])
    profiler = cProfile.Profile()
    profiler.enable()
    download(client, url)
    profiler.disable()
    print(f"\ncProfile of one {format} export, top {top} by own time:")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(top)
    print(f"cProfile of one {format} export, top {top} by cumulative time:")
    stats.sort_stats("cumulative").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement (median)")
    parser.add_argument(
        "--budget",
        type=float,
        default=90,
        help="seconds of timed runs per format at most: a slow format (XLSX) gets fewer runs, at least one",
    )
    parser.add_argument(
        "--limit", type=float, default=180, help="seconds after which one download is given up as too slow"
    )
    parser.add_argument("--profile", choices=FORMATS, action="append", default=[], help="cProfile one export")
    parser.add_argument("--top", type=int, default=25, help="functions listed per profile")
    parser.add_argument("formats", nargs="*", default=FORMATS, help=f"any of {', '.join(FORMATS)}")
    args = parser.parse_args()
    if unknown := set(args.formats) - set(FORMATS):
        parser.error(f"unknown format {', '.join(sorted(unknown))}")

    total = Organisation.objects.count()
    print(f"== export on {connection.vendor}: {total} organisations, as a network coordinator")
    print(
        f"Median of up to {args.runs} runs (as many as fit in {args.budget:.0f} s) after one warm-up run,\n"
        "which also counts the queries and the rows. Export: GET through the test client, streamed\n"
        "response consumed fully. Baseline: one raw SQL statement (tags and umbrellas aggregated in\n"
        "SQL) written as the same CSV with the csv module; the same baseline for every format."
    )
    print(f"Load average before: {load()}")
    client = Client()
    client.force_login(coordinator())
    sql, converters = baseline()

    raw_rows, raw_data = raw_csv(sql, converters)  # warm-up
    raw_ms = median_ms(lambda: raw_csv(sql, converters), args.runs)
    if raw_rows != total:
        raise SystemExit(f"baseline: {raw_rows} rows, but there are {total} organisations")

    header = (
        f"{'format':<10}{'rows':>7}{'bytes':>11}{'runs':>6}{'ms':>10}{'raw ms':>9}{'ratio':>7}{'queries':>9}"
    )
    print(f"\n  {header}")
    identical, difference, slow = None, "", ""
    for format in args.formats:
        url = reverse(URL_NAMES[format])
        started = time.perf_counter()
        try:
            with CaptureQueriesContext(connection) as captured:  # warm-up
                data = download_within(client, url, args.limit)
        except TooSlow:
            slow = f"{format}: the export did not finish within {args.limit:.0f} s"
            print(
                f"  {format:<10}did not finish within {args.limit:.0f} s; the other formats read the same rows"
            )
            break
        warmup_s = time.perf_counter() - started
        queries = len(captured.captured_queries)  # now: the next request resets the log
        rows = count_rows(format, data)
        if rows != raw_rows:
            raise SystemExit(f"{format}: the export has {rows} rows, the raw SQL baseline {raw_rows}")
        if format == "csv":
            identical = data == raw_data
            difference = "" if identical else first_difference(data, raw_data)
        runs = max(1, min(args.runs, int(args.budget // warmup_s)))
        ms = median_ms(lambda url=url: download(client, url), runs)
        print(
            f"  {format:<10}{rows:>7}{len(data):>11}{runs:>6}{ms:>10.1f}{raw_ms:>9.1f}"
            f"{ms / raw_ms:>7.1f}{queries:>9}"
        )
    print(
        f"\n  baseline: {raw_rows} rows, {len(raw_data)} bytes of CSV, median of {args.runs} runs {raw_ms:.1f} ms"
    )
    if identical is not None:
        print(f"  csv export byte for byte identical to the baseline's CSV: {'yes' if identical else 'NO'}")
        if not identical:
            print(f"    first difference, {difference}")
    print(f"Load average after: {load()}")
    if slow:
        raise SystemExit(f"export.py on {connection.vendor}: {slow}")

    for format in args.profile:
        profile(client, format, args.top)


if __name__ == "__main__":
    main()
