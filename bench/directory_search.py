"""Time the directory search page against a hand-written SQL baseline.

For each term, ``GET /organisations/?q=<term>&land=05&kind=cultural&language=ar``
runs through Django's test client as an anonymous visitor, and the same
search runs as raw SQL (the count plus the first page of 20 by name). Both
take the median of N runs after a warm-up. Run bench/generate.py first.

    DATABASE_URL=... AUGENHOEHE_HOME=... AUGENHOEHE_ALLOWED_HOSTS=testserver \\
        .venv/bin/python bench/directory_search.py [--runs 15] [--slowest 3]
"""

import argparse
import functools
import os
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

from augenhoehe.directory import search  # noqa: E402
from augenhoehe.directory.facets import organisation_search  # noqa: E402
from augenhoehe.directory.models import Organisation  # noqa: E402

# "kulturverien" is a typo: no document matches, so the page falls back to similar names.
TERMS = ["verein", "kultur", "elternverein", "kulturverien"]
FACETS = {"land": "05", "kind": "cultural", "language": "ar"}
PAGE_SIZE = 20

FROM_WHERE = """
    FROM directory_organisation o JOIN core_kreis k ON k.ags = o.kreis_id
    WHERE o.is_published AND {match} AND k.land_id = %s AND o.kind = %s
      AND EXISTS (SELECT 1 FROM directory_tag t
                  WHERE t.organisation_id = o.id AND t.scheme = 'language' AND t.code = %s)"""
COUNT_SQL = "SELECT count(*)" + FROM_WHERE
PAGE_SQL = (
    "SELECT o.id, o.name, o.city, o.kind, k.name" + FROM_WHERE + f" ORDER BY o.name, o.id LIMIT {PAGE_SIZE}"
)


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


def raw_search(term: str, fuzzy: bool) -> tuple[int, list[tuple]]:
    match, param = text_match(term, fuzzy)
    params = [param, FACETS["land"], FACETS["kind"], FACETS["language"]]
    with connection.cursor() as cursor:
        cursor.execute(COUNT_SQL.format(match=match), params)
        count = cursor.fetchone()[0]
        cursor.execute(PAGE_SQL.format(match=match), params)
        rows = cursor.fetchall()
    return count, rows


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


def slowest(queries: list[dict], n: int) -> list[str]:
    ranked = sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:n]
    return [f"{float(q['time']) * 1000:8.1f} ms  {' '.join(q['sql'].split())[:160]}" for q in ranked]


def bench_term(client: Client, term: str, runs: int, warmup: int, show_slowest: int) -> None:
    url = "/organisations/?" + urlencode({"q": term, **FACETS})
    filters = {key: [value] for key, value in FACETS.items()}
    result = organisation_search(viewer=AnonymousUser(), query=term, filters=filters)
    raw_count, raw_rows = raw_search(term, result.fuzzy)

    page_ms = median_ms(lambda: get_page(client, url), runs, warmup)
    raw_ms = median_ms(lambda: raw_search(term, result.fuzzy), runs, warmup)
    with CaptureQueriesContext(connection) as captured:
        get_page(client, url)

    mode = "typo: fuzzy name fallback, no document matches" if result.fuzzy else "full text"
    print(f"\nGET {url}")
    print(f"  matching rows      page: {result.total:>6}   raw SQL: {raw_count:>6}   ({mode})")
    print(f"  first page rows    page: {len(result.page.object_list):>6}   raw SQL: {len(raw_rows):>6}")
    print(f"  {'':<28}{'median ms':>10}")
    print(f"  {'page (test client GET)':<28}{page_ms:>10.1f}")
    print(f"  {'raw SQL (count + page 1)':<28}{raw_ms:>10.1f}")
    print(f"  {'ratio page / raw':<28}{page_ms / raw_ms:>10.1f}")
    print(f"  {'SQL queries run by page':<28}{len(captured.captured_queries):>10}")
    sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    print(f"  {'of page: ms in SQL (1 run)':<28}{sql_ms:>10.1f}")
    if show_slowest:
        print("  slowest statements of the page:")
        for line in slowest(captured.captured_queries, show_slowest):
            print(f"    {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per measurement (median)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first")
    parser.add_argument("--slowest", type=int, default=0, help="list the page's N slowest SQL statements")
    parser.add_argument("terms", nargs="*", default=TERMS)
    args = parser.parse_args()

    published = Organisation.objects.filter(is_published=True).count()
    total = Organisation.objects.count()
    print(f"== directory search on {connection.vendor}: {total} organisations, {published} published")
    print(f"Median of {args.runs} runs after {args.warmup} warm-up runs, anonymous visitor.")
    print(
        "The page does more than the baseline: the visibility rule, the existence check for the\n"
        "typo fallback, all ten facet counts with their labels, relevance order and template\n"
        "rendering. The baseline runs only the count and the first\n"
        "page of 20 by name, with the same text match and the same three filters."
    )
    if connection.vendor == "postgresql":
        print(f"Raw SQL matches on {pg_document()} (GIN-indexed).")
    client = Client()
    for term in args.terms:
        bench_term(client, term, args.runs, args.warmup, args.slowest)


if __name__ == "__main__":
    main()
