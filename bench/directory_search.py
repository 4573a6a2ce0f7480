"""Time the directory search page against a hand-written SQL baseline.

For the start page, ``GET /organisations/?land=05&kind=cultural&language=ar`` and that search with
each term, the page runs through Django's test client as an anonymous visitor, uncached (a new
directory data version before each run) and from the cache, and the same search runs as raw SQL:
the count, the first page of 20 by name and all eight facets' counts. Each takes the median of N
runs after a warm-up. Run bench/generate.py first.

    DATABASE_URL=... AUGENHOEHE_HOME=... AUGENHOEHE_ALLOWED_HOSTS=testserver \\
        .venv/bin/python bench/directory_search.py [--runs 15] [--slowest 3] [--profile 30]
"""

import argparse
import cProfile
import functools
import os
import pstats
import statistics
import time
from urllib.parse import urlencode

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "augenhoehe.config.settings")
django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from augenhoehe.directory import caching, search  # noqa: E402
from augenhoehe.directory.facets import organisation_search  # noqa: E402
from augenhoehe.directory.models import Organisation  # noqa: E402

# "kulturverien" is a typo: no document matches, so the page falls back to similar names.
TERMS = ["verein", "kultur", "elternverein", "kulturverien"]
FACETS = {"land": "05", "kind": "cultural", "language": "ar"}
PAGE_SIZE = 20

# The filters as hand-written SQL: values within a facet are alternatives, facets narrow each other.
CONDITIONS = {
    "land": "k.land_id = %s",
    "kind": "o.kind = %s",
    "language": "EXISTS (SELECT 1 FROM directory_tag t"
    " WHERE t.organisation_id = o.id AND t.scheme = 'language' AND t.code = %s)",
}
FROM = "FROM directory_organisation o LEFT JOIN core_kreis k ON k.ags = o.kreis_id"
# What an anonymous visitor's page counts: every facet but the staff-only ones (staffing, and the
# self-understanding, a special category since issue 9), each with every filter except its own.
# (value expression, extra FROM, extra condition, parameter)
FACET_COUNTS = {
    "land": ("k.land_id", "", "", None),
    "kreis": ("o.kreis_id", "", "", None),
    "kind": ("o.kind", "", "", None),
    **{
        scheme: ("ft.code", " JOIN directory_tag ft ON ft.organisation_id = o.id", "ft.scheme = %s", scheme)
        for scheme in ("field", "target_group", "language", "country")
    },
    # Only published umbrellas: the page names no hidden one.
    "umbrella": (
        "m.umbrella_id",
        " JOIN directory_umbrellamembership m ON m.member_id = o.id"
        " JOIN directory_organisation u ON u.id = m.umbrella_id",
        "u.is_published",
        None,
    ),
}


def text_match(term: str, fuzzy: bool) -> tuple[str, str]:
    """The hand-written full-text (or, for a typo, name similarity) condition and its parameter."""
    if fuzzy:
        return f"word_similarity(%s, o.name_folded) >= {search.FUZZY_THRESHOLD}", term
    if connection.vendor == "postgresql":
        return f"{pg_document()} @@ to_tsquery('german', %s)", f"{term}:*"
    fts = search.FTS_TABLE
    return f"o.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)", f'"{term}"*'


@functools.cache
def pg_document() -> str:
    """The indexed tsvector: the stored column where the schema has one, else the expression."""
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "directory_organisation")
    if any(column.name == "search_vector" for column in columns):
        return "o.search_vector"
    return "to_tsvector('german', o.search_document)"


def where(term: str, fuzzy: bool, filters: dict[str, str], leave_out: str = "") -> tuple[str, list]:
    parts, params = ["o.is_published"], []
    if term:
        match, param = text_match(term, fuzzy)
        parts.append(match)
        params.append(param)
    for key, value in filters.items():
        if key != leave_out:
            parts.append(CONDITIONS[key])
            params.append(value)
    return " AND ".join(parts), params


def raw_search(term: str, fuzzy: bool, filters: dict[str, str]) -> tuple[int, list[tuple], dict]:
    """The count, the first page of 20 by name and every facet's counts, in plain SQL."""
    condition, params = where(term, fuzzy, filters)
    facets = {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) {FROM} WHERE {condition}", params)  # noqa: S608
        count = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT o.id, o.name, o.city, o.kind, k.name {FROM} WHERE {condition}"  # noqa: S608
            f" ORDER BY o.name_folded, o.id LIMIT {PAGE_SIZE}",
            params,
        )
        rows = cursor.fetchall()
        for key, (value, joins, extra, param) in FACET_COUNTS.items():
            condition, params = where(term, fuzzy, filters, leave_out=key)
            if extra:
                condition = f"{extra} AND {condition}"
            cursor.execute(
                f"SELECT {value}, count(*) {FROM}{joins} WHERE {condition} GROUP BY 1",  # noqa: S608
                ([param] if param else []) + params,
            )
            facets[key] = {str(v): n for v, n in cursor.fetchall() if v not in (None, "")}
    return count, rows, facets


def median_ms(action, runs: int, warmup: int) -> float:
    for _ in range(warmup):
        action()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def get_page(client: Client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")


def uncached_ms(client: Client, url: str, runs: int, warmup: int) -> float:
    """The page as its first visitor after a change sees it: a new data version before each run."""
    timings = []
    for n in range(warmup + runs):
        caching.directory_changed()
        started = time.perf_counter()
        get_page(client, url)
        if n >= warmup:
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def slowest(queries: list[dict], n: int) -> list[str]:
    ranked = sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:n]
    return [f"{float(q['time']) * 1000:8.1f} ms  {' '.join(q['sql'].split())[:160]}" for q in ranked]


def page_facets(result) -> dict:
    return {f.key: {v.value: v.count for v in f.values if v.count} for f in result.facets}


def bench_case(client: Client, term: str, filters: dict[str, str], args) -> tuple:
    url = "/organisations/?" + urlencode({"q": term, **filters} if term else filters)
    result = organisation_search(
        viewer=AnonymousUser(), query=term, filters={k: [v] for k, v in filters.items()}
    )
    raw_count, raw_rows, raw_facets = raw_search(term, result.fuzzy, filters)
    same = raw_count == result.total and raw_facets == page_facets(result)
    same = same and [r[0] for r in raw_rows] == [o.pk for o in result.page.object_list] if not term else same

    page_ms = uncached_ms(client, url, args.runs, args.warmup)
    cached_ms = median_ms(lambda: get_page(client, url), args.runs, args.warmup)
    raw_ms = median_ms(lambda: raw_search(term, result.fuzzy, filters), args.runs, args.warmup)
    caching.directory_changed()
    with CaptureQueriesContext(connection) as captured:
        get_page(client, url)
    with CaptureQueriesContext(connection) as captured_cached:
        get_page(client, url)

    mode = "typo: fuzzy name fallback" if result.fuzzy else ("full text" if term else "no term")
    print(f"\nGET {url}  ({mode})")
    print(f"  matching rows      page: {result.total:>6}   raw SQL: {raw_count:>6}")
    print(f"  count and facet counts the same as the raw SQL's: {'yes' if same else 'NO'}")
    print(f"  {'':<34}{'median ms':>10}{'× raw':>8}{'queries':>9}")
    print(f"  {'raw SQL (count, page 1, facets)':<34}{raw_ms:>10.1f}{1:>8.1f}{2 + len(FACET_COUNTS):>9}")
    uncached_queries = len(captured.captured_queries)
    print(f"  {'page, new data version':<34}{page_ms:>10.1f}{page_ms / raw_ms:>8.1f}{uncached_queries:>9}")
    cached_queries = len(captured_cached.captured_queries)
    print(f"  {'page, from the cache':<34}{cached_ms:>10.1f}{cached_ms / raw_ms:>8.2f}{cached_queries:>9}")
    sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    print(f"  {'of page: ms in SQL (1 run)':<34}{sql_ms:>10.1f}")
    if args.slowest:
        print("  slowest statements of the page:")
        for line in slowest(captured.captured_queries, args.slowest):
            print(f"    {line}")
    if args.profile:
        caching.directory_changed()
        profiler = cProfile.Profile()
        profiler.runcall(get_page, client, url)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
    return (url, mode, result.total, raw_ms, page_ms, cached_ms, uncached_queries, same)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per measurement (median)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first")
    parser.add_argument("--slowest", type=int, default=0, help="list the page's N slowest SQL statements")
    parser.add_argument("--profile", type=int, default=0, help="cProfile one uncached page, N lines")
    parser.add_argument("terms", nargs="*", default=TERMS)
    args = parser.parse_args()

    published = Organisation.objects.filter(is_published=True).count()
    total = Organisation.objects.count()
    print(f"== directory search on {connection.vendor}: {total} organisations, {published} published")
    print(f"Median of {args.runs} runs after {args.warmup} warm-up runs, anonymous visitor.")
    print(
        "The baseline is hand-written SQL for what the page shows: the count, the first page of 20\n"
        "and the counts of all eight facets a visitor sees, each with every filter but its own.\n"
        "The page is timed uncached (a new data version before each run, as for the first visitor\n"
        "after a change) and from the cache."
    )
    if connection.vendor == "postgresql":
        print(f"Raw SQL matches on {pg_document()} (GIN-indexed).")
    client = Client()
    cases = [("", {}), ("", FACETS), *((term, FACETS) for term in args.terms)]
    rows = [bench_case(client, term, filters, args) for term, filters in cases]
    print(
        "\n| Database | Page | Rows | Raw SQL ms | Page ms (uncached) | × raw | Page ms (cached) | × raw | Queries | Same counts |"
    )
    print("|---|---|--:|--:|--:|--:|--:|--:|--:|---|")
    for url, mode, found, raw_ms, page_ms, cached_ms, queries, same in rows:
        print(
            f"| {connection.vendor} | `{url}` ({mode}) | {found} | {raw_ms:.1f} | {page_ms:.1f} |"
            f" **{page_ms / raw_ms:.2f}** | {cached_ms:.1f} | {cached_ms / raw_ms:.2f} | {queries} |"
            f" {'yes' if same else 'no'} |"
        )


if __name__ == "__main__":
    main()
