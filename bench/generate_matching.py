"""Generate what the partner matching reads on top of ``generate.py`` and ``generate_cooperation.py``:
coordinates for the organisations, outreach offers, and the benchmark's needs.

- **Coordinates.** ``generate.py`` leaves latitude and longitude empty, and our region data has no
  coordinates. Each Land gets its rough real centre; its Kreise are laid out around it on a grid of
  about 30 km in AGS order (neighbouring keys are mostly neighbouring Kreise); a few Kreise the needs
  ask about get their real centre. A Gemeinde lies within about 11 km of its Kreis' point (a
  kreisfreie Stadt: at it), an organisation within about 2 km of its Gemeinde (in a kreisfreie Stadt
  spread over the city). 85 % are located, as in the demo; the rest show the fallback to Gemeinde
  and Kreis. Fictitious but plausible: what matters for the benchmark is how many organisations lie
  within 60 km of a need (a few hundred to a few thousand), as in Germany.
- **Offers.** About 45 % of the organisations (not the umbrellas) get one or two outreach offers in
  their own languages and for their own target groups.
- **Needs.** ``NEEDS`` below, created through ``matching.services.need_create`` by the coordinator
  of the network of the need's Kreis (``generate_cooperation.py``'s "KI <Kreis>").

Deterministic (fixed seed: coordinates and offers depend only on the organisation's id and the
generated data) and idempotent: each of the three steps does nothing if its rows exist already.

    DATABASE_URL=... AUGENHOEHE_HOME=... .venv/bin/python bench/generate_matching.py
"""

import hashlib
import math
import os
import random
import sys
import time
from collections import defaultdict
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "augenhoehe.config.settings")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from augenhoehe.accounts.middleware import network_scope  # noqa: E402
from augenhoehe.accounts.models import NetworkMembership, NetworkRole  # noqa: E402
from augenhoehe.core.models import Gemeinde, Kreis  # noqa: E402
from augenhoehe.directory import caching  # noqa: E402
from augenhoehe.directory.models import Organisation, Tag  # noqa: E402
from augenhoehe.matching import services  # noqa: E402
from augenhoehe.matching.choices import Format  # noqa: E402
from augenhoehe.matching.models import Need, OutreachOffer  # noqa: E402

SEED = 4_711
LOCATED_SHARE = 0.85
OFFER_SHARE = 0.45
# Rough centres of the Länder (latitude, longitude).
LAND_CENTRES = {
    "01": (54.20, 9.70), "02": (53.55, 10.00), "03": (52.75, 9.30), "04": (53.08, 8.80),
    "05": (51.45, 7.55), "06": (50.60, 9.00), "07": (49.90, 7.40), "08": (48.60, 9.00),
    "09": (49.00, 11.40), "10": (49.38, 6.95), "11": (52.52, 13.40), "12": (52.40, 13.50),
    "13": (53.80, 12.50), "14": (51.00, 13.30), "15": (51.90, 11.70), "16": (50.90, 11.00),
}  # fmt: skip
# Real centres of the Kreise the needs ask about and their neighbours.
KREIS_CENTRES = {
    "05754": (51.88, 8.40), "05711": (52.02, 8.53), "05758": (52.12, 8.67), "05913": (51.51, 7.47),
    "05382": (50.78, 7.28), "05314": (50.73, 7.10), "08136": (48.85, 10.10), "11000": (52.52, 13.40),
}  # fmt: skip
GRID_KM = 30
# Where an organisation lies around its Gemeinde's point, in degrees (latitude, longitude).
SPREAD = {"town": (0.015, 0.025), "city": (0.05, 0.08), "11000": (0.10, 0.16)}
FORMATS = list(Format.values)
FORMAT_WEIGHTS = [5, 3, 3, 2, 2, 3, 2, 1]
# The needs timed by bench/matching.py: (label, Kreis, Gemeinde's lookup name or None, fields of need_create).
NEEDS = [
    ("Arabisch, Eltern, Gütersloh, Informationsabend", "05754", "gutersloh",
     {"languages": ["ar"], "target_groups": ["parents"], "format": Format.INFO_EVENING}),
    ("Türkisch, Frauen, Berlin, Frauenbrunch", "11000", "berlin",
     {"languages": ["tr"], "target_groups": ["women"], "format": Format.WOMENS_BRUNCH}),
    ("Russisch, Ältere, nur Kreis (Rhein-Sieg-Kreis), Beratung", "05382", None,
     {"languages": ["ru"], "target_groups": ["older_people"], "format": Format.COUNSELLING}),
    ("Tigrinya, Geflüchtete, Bopfingen (Ostalbkreis), Begleitung", "08136", "bopfingen",
     {"languages": ["ti"], "countries": ["ER"], "target_groups": ["refugees"], "format": Format.ACCOMPANIMENT}),
    ("ohne Sprache: Jugend, Bildung, Dortmund, Hausaufgabenhilfe", "05913", "dortmund",
     {"fields": ["youth", "education"], "target_groups": ["young_people"], "format": Format.HOMEWORK_HELP}),
]  # fmt: skip
DESCRIPTION = "Benchmark: {label}"


def _unit(key: str) -> tuple[float, float]:
    """Two numbers in [-1, 1) from ``key``, the same on every run and machine."""
    digest = hashlib.sha256(key.encode()).digest()
    return (
        int.from_bytes(digest[:4]) / 2**31 - 1,
        int.from_bytes(digest[4:8]) / 2**31 - 1,
    )


def kreis_points() -> dict[str, tuple[float, float]]:
    by_land = defaultdict(list)
    for kreis in Kreis.objects.order_by("ags"):
        by_land[kreis.land_id].append(kreis.ags)
    points = {}
    for land, keys in by_land.items():
        centre_lat, centre_lon = LAND_CENTRES[land]
        side = math.ceil(math.sqrt(len(keys)))
        dlat = GRID_KM / 111.0
        dlon = GRID_KM / (111.0 * math.cos(math.radians(centre_lat)))
        for index, ags in enumerate(keys):
            row, column = divmod(index, side)
            points[ags] = (
                centre_lat + (row - (side - 1) / 2) * dlat,
                centre_lon + (column - (side - 1) / 2) * dlon,
            )
    return points | KREIS_CENTRES


def set_coordinates() -> int:
    """Latitude and longitude for 85 % of the organisations; returns how many were located."""
    kreise = kreis_points()
    kinds = dict(Kreis.objects.values_list("ags", "kind"))
    gemeinden = {}
    for ags, kreis_id in Gemeinde.objects.values_list("ags", "kreis_id"):
        lat, lon = kreise[kreis_id]
        if kinds[kreis_id] == Kreis.Kind.LANDKREIS:
            a, b = _unit(f"gemeinde:{ags}")
            lat, lon = lat + 0.1 * a, lon + 0.15 * b
        gemeinden[ags] = (lat, lon)
    rows = []
    for pk, gemeinde_id, kreis_id in Organisation.objects.values_list("pk", "gemeinde_id", "kreis_id"):
        rng = random.Random(f"{SEED}:{pk}")
        if rng.random() >= LOCATED_SHARE:
            continue
        lat, lon = gemeinden[gemeinde_id] if gemeinde_id else kreise[kreis_id]
        spread = SPREAD.get(kreis_id) or SPREAD["city" if kinds[kreis_id] != Kreis.Kind.LANDKREIS else "town"]
        lat += rng.uniform(-spread[0], spread[0])
        lon += rng.uniform(-spread[1], spread[1])
        rows.append((Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}"), pk))
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE directory_organisation SET latitude = %s, longitude = %s WHERE id = %s", rows
        )
    return len(rows)


def create_offers() -> int:
    tags: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    schemes = [Tag.Scheme.LANGUAGE, Tag.Scheme.TARGET_GROUP]
    for pk, scheme, code in (
        Tag.objects.filter(scheme__in=schemes)
        .order_by("organisation_id", "code")
        .values_list("organisation_id", "scheme", "code")
    ):
        tags[pk][scheme].append(code)
    offers = []
    for pk in Organisation.objects.exclude(kind="umbrella").order_by("pk").values_list("pk", flat=True):
        rng = random.Random(f"{SEED}:offers:{pk}")
        if rng.random() >= OFFER_SHARE:
            continue
        languages = tags[pk][Tag.Scheme.LANGUAGE]
        groups = tags[pk][Tag.Scheme.TARGET_GROUP]
        for format in sorted(set(rng.choices(FORMATS, weights=FORMAT_WEIGHTS, k=rng.randint(1, 2)))):
            reached = rng.randint(5, 200) if rng.random() < 0.7 else None
            offers.append(
                OutreachOffer(
                    organisation_id=pk,
                    format=format,
                    description=f"{Format(format).label} im Stadtteil",
                    languages=rng.sample(languages, k=rng.randint(1, len(languages))) if languages else [],
                    target_groups=rng.sample(groups, k=rng.randint(1, len(groups))) if groups else [],
                    reached=reached,
                    year=rng.randint(2019, 2025) if reached is not None else None,
                )
            )
    OutreachOffer.objects.bulk_create(offers, batch_size=2_000)
    return len(offers)


def create_needs() -> int:
    created = 0
    for label, kreis_id, place, fields in NEEDS:
        with scopes_disabled():
            membership = (
                NetworkMembership.objects.select_related("user", "network")
                .filter(network__kreise=kreis_id, role=NetworkRole.COORDINATOR)
                .order_by("pk")
                .first()
            )
        if membership is None:
            sys.exit(f"generate_matching: no network for Kreis {kreis_id}; run generate_cooperation.py first")
        network, user = membership.network, membership.user
        description = DESCRIPTION.format(label=label)
        with network_scope(network):
            if Need.objects.filter(network=network, description=description).exists():
                continue
            gemeinde = None
            if place is not None:
                gemeinde = (
                    Gemeinde.objects.filter(kreis_id=kreis_id, lookup_name=place).order_by("ags").first()
                )
                if gemeinde is None:
                    sys.exit(f"generate_matching: no Gemeinde {place!r} in Kreis {kreis_id}")
            kreis = None if gemeinde else Kreis.objects.get(ags=kreis_id)
            services.need_create(
                network=network, actor=user, description=description, kreis=kreis, gemeinde=gemeinde, **fields
            )
        created += 1
    return created


def main() -> None:
    started = time.perf_counter()
    done = []
    with transaction.atomic():
        if not Organisation.objects.filter(latitude__isnull=False).exists():
            done.append(f"{set_coordinates()} organisations located")
            caching.directory_changed()
        if not OutreachOffer.objects.exists():
            done.append(f"{create_offers()} offers")
        created = create_needs()
        if created:
            done.append(f"{created} needs")
    if not done:
        print(f"generate_matching: coordinates, offers and needs exist already on {connection.vendor}")
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"generate_matching: {', '.join(done)} in {time.perf_counter() - started:.1f} s on {connection.vendor}"
    )


if __name__ == "__main__":
    main()
