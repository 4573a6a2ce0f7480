"""Time the partner matching ("Partner finden") against a hand-written SQL baseline, at national scale.

For each need of ``generate_matching.NEEDS`` (created there, in the network of the need's Kreis):

- **selector**: ``matching.selectors.need_matches`` in-process, in the network's scope, as the
  network's coordinator (position, prefilter, features, scoring in Python, ranking);
- **page**: ``/matching/needs/<pk>/`` through Django's test client, signed in as that coordinator
  (middleware, the need, weights, knowledge answers, template);
- **raw SQL**: through ``connection.cursor()``, the same data the selector reads: the need's position
  (mean of the located organisations of its Gemeinde, else of its Kreis), the prefilter (the same
  overlap sum and order, ``LIMIT 300``) written as a join on grouped tags and offers instead of one
  correlated subquery per organisation, then the candidates' tags, offers, cooperations with the
  network and requests in every network in the last 365 days, and the network's weights. Not in the
  baseline: the two rating queries over check-ins (the generated data has no check-ins), and the
  scoring, which is Python in both: it is timed on its own ("scoring") on the baseline's candidates.

The script checks that the baseline's prefilter returns the selector's prefilter ids in the same
order, that the candidates built from its rows equal the selector's (tags, offers, counts, points),
and that scoring them gives the selector's ranking; it prints "yes" or "NO". Medians and 95th
percentiles of N runs after a warm-up. Run bench/generate.py, bench/generate_cooperation.py and
bench/generate_matching.py first.

    DATABASE_URL=... AUGENHOEHE_HOME=... AUGENHOEHE_ALLOWED_HOSTS=testserver \\
        .venv/bin/python bench/matching.py [--runs 15] [--warmup 2] [--profile 25]
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from datetime import timedelta
from math import cos, radians

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "augenhoehe.config.settings")
django.setup()

sys.path.insert(0, os.path.dirname(__file__))

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402
from generate_matching import DESCRIPTION, NEEDS  # noqa: E402

from augenhoehe.accounts.middleware import network_scope  # noqa: E402
from augenhoehe.accounts.models import NetworkMembership, NetworkRole  # noqa: E402
from augenhoehe.directory.choices import Staffing  # noqa: E402
from augenhoehe.directory.models import Tag  # noqa: E402
from augenhoehe.matching import scoring, selectors  # noqa: E402
from augenhoehe.matching.choices import Format  # noqa: E402
from augenhoehe.matching.models import Need  # noqa: E402

SCHEMES = {
    Tag.Scheme.LANGUAGE: "languages",
    Tag.Scheme.COUNTRY: "countries",
    Tag.Scheme.FIELD: "fields",
    Tag.Scheme.TARGET_GROUP: "target_groups",
}
SOUGHT_SCHEMES = (Tag.Scheme.LANGUAGE, Tag.Scheme.COUNTRY)


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))


def _number(value) -> float | None:
    return None if value is None else float(value)


def _json(value) -> list:
    return json.loads(value) if isinstance(value, str) else value


def raw_position(cursor, need: Need, kreis: str | None) -> tuple[float, float] | None:
    places = [("gemeinde_id", need.gemeinde_id)] if need.gemeinde_id else []
    places += [("kreis_id", kreis)] if kreis else []
    for column, value in places:
        cursor.execute(
            "SELECT AVG(latitude), AVG(longitude) FROM directory_organisation"
            f" WHERE latitude IS NOT NULL AND {column} = %s",
            [value],
        )
        latitude, longitude = cursor.fetchone()
        if latitude is not None and longitude is not None:
            return float(latitude), float(longitude)
    return None


def raw_prefilter(cursor, need: Need, kreis: str | None, point) -> list[tuple]:
    """The selector's overlap (100 per sought language or community tag, 1 per field or target group
    tag, 1 for an offer of the format, 50 within the box of 2 × NEAR_KM, 10 each for the Gemeinde and
    the Kreis), greater than 0, most first, then by id, at most PREFILTER_LIMIT."""
    tag_terms, tag_args = [], []
    for scheme, name in SCHEMES.items():
        codes = getattr(need, name)
        if codes:
            tag_terms.append(f"(scheme = %s AND code IN ({_marks(codes)}))")
            tag_args += [scheme, *codes]
    parts, arguments, joins, join_args = [], [], [], []
    if tag_terms:
        joins.append(
            "LEFT JOIN (SELECT organisation_id,"
            f" SUM(CASE WHEN scheme IN (%s, %s) THEN {selectors.SOUGHT} ELSE {selectors.OTHER} END) AS points"
            f" FROM directory_tag WHERE {' OR '.join(tag_terms)} GROUP BY organisation_id) t"
            " ON t.organisation_id = o.id"
        )
        join_args += [*SOUGHT_SCHEMES, *tag_args]
        parts.append("COALESCE(t.points, 0)")
    if need.format:
        joins.append(
            "LEFT JOIN (SELECT DISTINCT organisation_id FROM matching_outreachoffer WHERE format = %s) f"
            " ON f.organisation_id = o.id"
        )
        join_args.append(need.format)
        parts.append(f"CASE WHEN f.organisation_id IS NOT NULL THEN {selectors.OTHER} ELSE 0 END")
    if point is not None:
        km = 2 * scoring.NEAR_KM
        dlat, dlon = km / 111.0, km / (111.0 * cos(radians(point[0])))
        parts.append(
            "CASE WHEN o.latitude BETWEEN %s AND %s AND o.longitude BETWEEN %s AND %s"
            f" THEN {selectors.NEAR} ELSE 0 END"
        )
        arguments += [point[0] - dlat, point[0] + dlat, point[1] - dlon, point[1] + dlon]
    for column, value in (("gemeinde_id", need.gemeinde_id), ("kreis_id", kreis)):
        if value:
            parts.append(f"CASE WHEN o.{column} = %s THEN {selectors.PLACE} ELSE 0 END")
            arguments.append(value)
    if not parts:
        return []
    cursor.execute(
        "SELECT * FROM (SELECT o.id, o.name, o.city, k.name, k.kind, o.gemeinde_id, o.kreis_id, o.latitude,"
        f" o.longitude, o.staffing, o.is_published, {' + '.join(parts)} AS overlap"
        f" FROM directory_organisation o JOIN core_kreis k ON k.ags = o.kreis_id {' '.join(joins)}) x"
        f" WHERE overlap > 0 ORDER BY overlap DESC, id LIMIT {selectors.PREFILTER_LIMIT}",
        # The SELECT list (the box and the places) comes before the joins in the statement.
        [*arguments, *join_args],
    )
    return cursor.fetchall()


def raw_features(cursor, need: Need, ids: list[int]) -> dict:
    found: dict = {"tags": [], "offers": [], "cooperations": {}, "asked": {}, "weights": None}
    if not ids:
        return found
    marks = _marks(ids)
    cursor.execute(
        "SELECT organisation_id, scheme, code FROM directory_tag"
        f" WHERE organisation_id IN ({marks}) AND scheme IN ({_marks(SCHEMES)})",
        [*ids, *SCHEMES],
    )
    found["tags"] = cursor.fetchall()
    cursor.execute(
        "SELECT organisation_id, format, languages, target_groups, reached, year FROM matching_outreachoffer"
        f" WHERE organisation_id IN ({marks}) ORDER BY id",
        ids,
    )
    found["offers"] = cursor.fetchall()
    cursor.execute(
        "SELECT organisation_id, COUNT(DISTINCT cooperation_id) FROM cooperation_partner"
        f" WHERE network_id = %s AND organisation_id IN ({marks}) GROUP BY organisation_id",
        [need.network_id, *ids],
    )
    found["cooperations"] = dict(cursor.fetchall())
    since = timezone.now() - timedelta(days=selectors.ASKED_DAYS)
    leaving_out = " AND cooperation_id <> %s" if need.cooperation_id is not None else ""
    cursor.execute(
        "SELECT organisation_id, COUNT(*) FROM cooperation_partner"
        f" WHERE organisation_id IN ({marks}) AND added_at >= %s{leaving_out} GROUP BY organisation_id",
        [*ids, since, *([need.cooperation_id] if leaving_out else [])],
    )
    found["asked"] = dict(cursor.fetchall())
    cursor.execute(
        f"SELECT {', '.join(scoring.FACTORS)} FROM matching_weights WHERE network_id = %s", [need.network_id]
    )
    found["weights"] = cursor.fetchone()
    return found


def raw_matching(need: Need) -> dict:
    """Everything the selector reads for ``need``, in hand-written SQL (no ORM, no scoring)."""
    kreis = need.kreis_id or (need.gemeinde.kreis_id if need.gemeinde is not None else None)
    with connection.cursor() as cursor:
        point = raw_position(cursor, need, kreis)
        rows = raw_prefilter(cursor, need, kreis, point)
        found = raw_features(cursor, need, [row[0] for row in rows])
    return {"kreis": kreis, "point": point, "rows": rows, **found}


def candidates_of(raw: dict) -> list[scoring.Candidate]:
    """The baseline's rows as the scoring reads them (what ``selectors._candidates`` builds)."""
    tags = {row[0]: {name: set() for name in SCHEMES.values()} for row in raw["rows"]}
    for pk, scheme, code in raw["tags"]:
        tags[pk][SCHEMES[scheme]].add(code)
    offers: dict[int, list] = {}
    for pk, format, languages, groups, reached, year in raw["offers"]:
        label = str(Format(format).label) if format in Format.values else format
        offers.setdefault(pk, []).append(
            scoring.OfferFeatures(
                format, label, frozenset(_json(languages)), frozenset(_json(groups)), reached, year
            )
        )
    result = []
    for pk, _name, _city, _kname, _kkind, gemeinde, kreis, latitude, longitude, staffing, *_rest in raw[
        "rows"
    ]:
        result.append(
            scoring.Candidate(
                organisation_id=pk,
                **{name: frozenset(codes) for name, codes in tags[pk].items()},
                gemeinde=gemeinde,
                kreis=kreis,
                point=None if latitude is None else (_number(latitude), _number(longitude)),
                volunteers_only=staffing == Staffing.VOLUNTEERS_ONLY,
                offers=tuple(offers.get(pk, ())),
                cooperations=raw["cooperations"].get(pk, 0),
                asked=raw["asked"].get(pk, 0),
            )
        )
    return result


def score_all(need: Need, raw: dict, candidates: list[scoring.Candidate]) -> list[int]:
    """The scoring and order of the selector, on the baseline's candidates (no ratings: see above)."""
    weights = scoring.WeightSet(*raw["weights"]) if raw["weights"] else scoring.DEFAULT_WEIGHTS
    features = scoring.NeedFeatures(
        languages=frozenset(need.languages),
        countries=frozenset(need.countries),
        fields=frozenset(need.fields),
        target_groups=frozenset(need.target_groups),
        format=need.format,
        gemeinde=need.gemeinde_id,
        kreis=raw["kreis"],
        point=raw["point"],
    )
    names = {row[0]: row[1] for row in raw["rows"]}
    scored = [(scoring.score(features, c, weights, {}).score, c.organisation_id) for c in candidates]
    scored.sort(key=lambda item: (-item[0], names[item[1]], item[1]))
    return [pk for _score, pk in scored[: selectors.RESULTS_LIMIT]]


def _rounded(candidate: scoring.Candidate) -> scoring.Candidate:
    """Coordinates compared to the micro-degree the column holds (drivers differ in the float)."""
    point = candidate.point and (round(candidate.point[0], 6), round(candidate.point[1], 6))
    return scoring.Candidate(**{**candidate.__dict__, "point": point})


def timed(action, runs: int, warmup: int) -> tuple[float, float]:
    """Median and 95th percentile in ms."""
    for _ in range(warmup):
        action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]
    return statistics.median(times), p95


def counted(action) -> tuple[int, float]:
    """Queries and their time in ms in one run."""
    times: list[float] = []

    def wrapper(execute, *rest):
        started = time.perf_counter()
        try:
            return execute(*rest)
        finally:
            times.append((time.perf_counter() - started) * 1000)

    with connection.execute_wrapper(wrapper):
        action()
    return len(times), sum(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--profile", type=int, default=0, help="print N lines of a cProfile of each selector")
    args = parser.parse_args()
    print(
        f"matching on {connection.vendor}: median / p95 ms of {args.runs} runs after {args.warmup} warm-up;"
        " ratios of medians to the raw SQL"
    )
    header = (
        f"{'need':<58} {'pre':>4} {'raw SQL':>13} {'scoring':>7} {'selector':>13} {'× raw':>6}"
        f" {'× raw+sc':>8} {'page':>13} {'× raw':>6} {'q sel/page':>10} {'SQL ms sel/raw':>14} same"
    )
    print(header)
    for label, _kreis_id, _place, _fields in NEEDS:
        with scopes_disabled():
            need = (
                Need.objects.select_related("kreis", "gemeinde", "cooperation", "network")
                .filter(description=DESCRIPTION.format(label=label))
                .first()
            )
            if need is None:
                sys.exit(f"matching: no need {label!r}; run bench/generate_matching.py first")
            user = (
                NetworkMembership.objects.select_related("user")
                .get(network=need.network, role=NetworkRole.COORDINATOR)
                .user
            )
        network = need.network

        def selector(need=need, user=user, network=network):
            with network_scope(network):
                return selectors.need_matches(viewer=user, need=need)

        client = Client()
        client.force_login(user)
        url = f"/matching/needs/{need.pk}/"

        def page(client=client, url=url):
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        # The answers agree?
        raw = raw_matching(need)
        with network_scope(network):
            features = selectors.need_features(need)
            prefiltered = selectors._prefiltered(need, features)
            ours = [_rounded(c) for c in selectors._candidates(need, prefiltered)]
        matches = selector()
        theirs = [_rounded(c) for c in candidates_of(raw)]
        same = (
            [o.pk for o in prefiltered] == [row[0] for row in raw["rows"]]
            and ours == theirs
            and [m.organisation.pk for m in matches] == score_all(need, raw, candidates_of(raw))
            and (features.point is None) == (raw["point"] is None)
        )
        selector_queries, selector_sql = counted(selector)
        page_queries, _page_sql = counted(page)
        raw_queries, raw_sql = counted(lambda need=need: raw_matching(need))

        raw_ms, raw_p95 = timed(lambda need=need: raw_matching(need), args.runs, args.warmup)
        candidates = candidates_of(raw)
        # The Python side for the baseline: candidates from its rows, scored and ordered.
        scoring_ms, _ = timed(
            lambda need=need, raw=raw: score_all(need, raw, candidates_of(raw)), args.runs, args.warmup
        )
        selector_ms, selector_p95 = timed(selector, args.runs, args.warmup)
        page_ms, page_p95 = timed(page, args.runs, args.warmup)
        print(
            f"{label:<58} {len(raw['rows']):>4} {raw_ms:>6.1f}/{raw_p95:>6.1f} {scoring_ms:>7.1f}"
            f" {selector_ms:>6.1f}/{selector_p95:>6.1f} {selector_ms / raw_ms:>6.2f}"
            f" {selector_ms / (raw_ms + scoring_ms):>8.2f} {page_ms:>6.1f}/{page_p95:>6.1f} {page_ms / raw_ms:>6.2f}"
            f" {selector_queries:>4}/{page_queries:<5} {selector_sql:>6.1f}/{raw_sql:>6.1f}"
            f" {'yes' if same else 'NO'}  ({raw_queries} raw queries, {len(candidates)} candidates,"
            f" top: {matches[0].organisation.name if matches else '–'})"
        )
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(selector)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
