"""Generate a national-scale directory: 20,000 organisations in all 400 Kreise.

Deterministic (fixed seed) and idempotent: does nothing if the organisations
are there already. Rows go in with ``bulk_create`` for speed, but
``search_document`` and ``name_folded`` are filled exactly as the services
fill them, so the full-text indexes are real.

    DATABASE_URL=... AUGENHOEHE_HOME=... .venv/bin/python bench/generate.py
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

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from augenhoehe.core.languages import Language  # noqa: E402
from augenhoehe.core.models import Gemeinde, Kreis  # noqa: E402
from augenhoehe.core.text import fold  # noqa: E402
from augenhoehe.directory import caching, choices, demo, search  # noqa: E402
from augenhoehe.directory.demo import Community  # noqa: E402
from augenhoehe.directory.models import Organisation, Tag, UmbrellaMembership  # noqa: E402

SEED = 20_000
TARGET = 20_000
MIN_PER_KREIS = 8
# Rough population in 100,000s: the big cities get more organisations.
BIG_CITIES = {
    "11000": 37, "02000": 19, "09162": 15, "03241": 12, "05315": 11, "06412": 8, "08111": 6,
    "05111": 6, "14713": 6, "05913": 6, "05113": 6, "04011": 6, "14612": 6, "09564": 5, "05112": 5,
}  # fmt: skip
DISTRICTS = ["Nord", "Süd", "Ost", "West", "Mitte", "Innenstadt", "Altstadt", "Neustadt"]
EXTRA_COMMUNITIES = [
    Community("MA", ("ar", "fr", "de"), ("Marokkanischer Kulturverein {city}", "Atlas – Maghreb-Forum {city}"),
              ("Fatima El Amrani", "Youssef Benali")),
    Community("LB", ("ar", "fr", "de"), ("Libanesischer Kulturverein Zedern {city}",), ("Nour Khalil",)),
    Community("PS", ("ar", "de"), ("Palästinensische Gemeinde {city}", "Arabisches Kulturhaus {city}"),
              ("Samir Odeh",)),
    Community("XK", ("sq", "de"), ("Albanischer Kulturverein Illyria {city}",), ("Arben Krasniqi",)),
    Community("PT", ("pt", "de"), ("Portugiesischer Kulturverein {city}",), ("Ana Silva",)),
    Community("NG", ("yo", "en", "de"), ("Nigerianische Gemeinschaft {city}",), ("Chiamaka Okafor",)),
    Community("LK", ("ta", "de"), ("Tamilischer Kulturverein {city}",), ("Kavitha Selvaraj",)),
    Community("SO", ("so", "ar", "de"), ("Somalischer Elternverein {city}",), ("Hodan Warsame",)),
]  # fmt: skip
ALL_COMMUNITIES = demo.COMMUNITIES + EXTRA_COMMUNITIES
COMMUNITY_WEIGHTS = [{"TR": 5, "SY": 3, "UA": 3, "RU": 2, "PL": 2}.get(c.country, 1) for c in ALL_COMMUNITIES]
# Big cities and a few more get a local umbrella: 16 Länder + 25 communities + 19 cities = 60.
CITY_UMBRELLAS = [*BIG_CITIES, "05711", "05314", "08222", "09761"]
SENTENCES = [
    "Der Verein ist offen für alle Generationen.",
    "Neue Mitglieder sind im Verein jederzeit willkommen.",
    "Wir arbeiten mit dem Elternverein der Grundschule im Stadtteil zusammen.",
    "Treffpunkt ist unser Vereinsheim; Termine stehen auf der Website.",
    "Wir bieten Hausaufgabenhilfe, Kulturabende und Ausflüge an.",
    "Ehrenamtliche begleiten Familien zu Ämtern und Beratungsstellen.",
    "Einmal im Jahr feiern wir ein Kulturfest mit der Nachbarschaft.",
]
OTHER_KINDS = [choices.Kind.POLITICAL, choices.Kind.OTHER, choices.Kind.LEISURE_SPORT]


def kreis_counts(rng: random.Random, kreise: list[Kreis], total: int) -> dict[str, int]:
    """Every Kreis gets a few; the rest follows rough population weights."""
    counts = dict.fromkeys((k.ags for k in kreise), MIN_PER_KREIS)
    weights = [BIG_CITIES.get(k.ags, 2.0 if k.kind == Kreis.Kind.KREISFREIE_STADT else 1.5) for k in kreise]
    for kreis in rng.choices(kreise, weights=weights, k=total - sum(counts.values())):
        counts[kreis.ags] += 1
    return counts


def city_of(gemeinde: Gemeinde) -> str:
    return gemeinde.name.split(",")[0].replace("(Krfr. St)", "").strip()


def unique_name(rng: random.Random, seen: set[str], template: str, city: str, big: bool, year: int) -> str:
    """The community's name for the place (or a district of it), made unique by founding year or number."""
    place = f"{city}-{rng.choice(DISTRICTS)}" if big and rng.random() < 0.6 else city
    name = template.format(city=place)
    if name in seen:
        name = f"{name} (gegr. {year})"
    n = 2
    while name in seen:
        name, n = f"{template.format(city=place)} {n}", n + 1
    seen.add(name)
    return name


def profile(rng, name, kind, kreis, gemeinde, community, now, year=None) -> tuple[Organisation, dict]:
    year = year or rng.randint(1961, 2024)
    field_pool = demo.FIELD_SETS.get(kind, demo.FIELD_SETS[choices.Kind.OTHER])
    fields = sorted(rng.sample(field_pool, k=rng.randint(2, min(4, len(field_pool)))))
    languages = list(community.languages) if community else ["de", "en"]
    if rng.random() < 0.2 and "en" not in languages:
        languages.append("en")
    languages = sorted(rng.sample(languages, k=rng.randint(1, min(4, len(languages)))))
    staffing = rng.choices(list(choices.Staffing.values), weights=[41, 45, 14])[0]
    offer = next((demo.OFFERS[f] for f in fields if f in demo.OFFERS), "Begegnung und Austausch")
    description = demo.DESCRIPTION.format(
        name=name,
        kind=choices.Kind(kind).label,
        year=year,
        offer=offer,
        languages=", ".join(str(Language(c).label) for c in languages),
    )
    description += " " + " ".join(rng.sample(SENTENCES, k=rng.randint(0, 2)))
    org = Organisation(
        name=name,
        kind=kind,
        self_understanding={"religious": "religious", "umbrella": "mixed"}.get(
            kind, rng.choice(["cultural", "social", "mixed", "national", "political"])
        ),
        svr_type=rng.choice(list(choices.SvrType.values)),
        description=description.strip(),
        street=f"{rng.choice(demo.STREETS)} {rng.randint(1, 120)}",
        postal_code=f"{rng.randint(1067, 99998):05d}",
        city=city_of(gemeinde),
        gemeinde=gemeinde,
        kreis=kreis,
        email=f"kontakt{rng.randint(1, 9999)}@verein.example",
        phone=f"030 23125 {rng.randint(100, 999)}",
        contact_person=rng.choice(community.people) if community else "Alex Schneider",
        legal_form=rng.choices(["ev", "unregistered", "ggmbh"], weights=[85, 12, 3])[0],
        charitable=rng.random() < 0.6,
        founding_year=year,
        level=rng.choice(["neighbourhood", "municipal", "municipal", "district"]),
        active_in=rng.choices(["germany", "both"], weights=[70, 30])[0],
        staffing=staffing,
        volunteers=rng.choice(list(choices.VolunteersBand.values)),
        employees="0" if staffing == "volunteers_only" else rng.choice(["1", "2_5", "6plus"]),
        member_count=rng.randint(8, 400),
        criterion_aims=rng.choices(["yes", "unknown"], weights=[85, 15])[0],
        criterion_members=rng.choices(["yes", "unknown", "no"], weights=[80, 17, 3])[0],
        criterion_structures=rng.choices(["yes", "unknown"], weights=[85, 15])[0],
        is_published=kind == choices.Kind.UMBRELLA or rng.random() < 0.85,
        public_fields=sorted(rng.sample(list(choices.PublicField.values), k=rng.randint(2, 6))),
        confirmed_at=now - timedelta(days=rng.randint(3, 400)) if rng.random() < 0.6 else None,
    )
    tags = {
        Tag.Scheme.FIELD: fields,
        Tag.Scheme.TARGET_GROUP: sorted(rng.sample(list(choices.TargetGroup.values), k=rng.randint(1, 3))),
        Tag.Scheme.LANGUAGE: languages,
        Tag.Scheme.COUNTRY: [community.country if community else "DE"],
        Tag.Scheme.FUNCTION: sorted(rng.sample(list(choices.Function.values), k=rng.randint(1, 2))),
    }
    org.search_document = search.document_for(org, tags)
    org.name_folded = fold(org.name)
    return org, tags


def generate() -> None:
    rng = random.Random(SEED)
    now = timezone.now()
    kreise = list(Kreis.objects.select_related("land").order_by("ags"))
    by_ags = {k.ags: k for k in kreise}
    gemeinden = defaultdict(list)
    for gemeinde in Gemeinde.objects.order_by("ags"):
        gemeinden[gemeinde.kreis_id].append(gemeinde)

    planned: list[tuple[Organisation, dict]] = []

    def umbrella(name: str, kreis: Kreis, community: Community | None = None) -> int:
        gemeinde = max(gemeinden[kreis.ags], key=lambda g: ("Stadt" in g.name, -int(g.ags)))
        planned.append(profile(rng, name, choices.Kind.UMBRELLA, kreis, gemeinde, community, now))
        return len(planned) - 1

    # 60 umbrellas: one per Land, one per community, one per big city.
    capitals = {}
    for land_id in sorted({k.land_id for k in kreise}):
        in_land = [k for k in kreise if k.land_id == land_id]
        kreis = next((k for k in in_land if k.kind == Kreis.Kind.KREISFREIE_STADT), in_land[0])
        capitals[land_id] = umbrella(
            f"Landesnetzwerk der Migrantenselbstorganisationen {kreis.land.name}", kreis
        )
    federations = {
        c.country: umbrella(f"{c.names[0].format(city='Deutschland')} – Bundesverband", by_ags[ags], c)
        for c, ags in zip(ALL_COMMUNITIES, rng.choices(list(BIG_CITIES), k=len(ALL_COMMUNITIES)), strict=True)
    }
    city_umbrella = {
        ags: umbrella(f"Dachverband der Migrantenorganisationen {by_ags[ags].name}", by_ags[ags])
        for ags in CITY_UMBRELLAS
    }
    seen = {org.name for org, _tags in planned}
    umbrella_count = len(planned)

    memberships: list[tuple[int, int]] = [(city_umbrella[a], capitals[a[:2]]) for a in city_umbrella]
    counts = kreis_counts(rng, kreise, TARGET - umbrella_count)
    for ags, count in counts.items():
        kreis, towns = by_ags[ags], gemeinden[ags]
        town_weights = [4 if "Stadt" in g.name else 1 for g in towns]
        big = kreis.kind == Kreis.Kind.KREISFREIE_STADT
        for _ in range(count):
            community = rng.choices(ALL_COMMUNITIES, weights=COMMUNITY_WEIGHTS)[0]
            gemeinde = rng.choices(towns, weights=town_weights)[0]
            template = rng.choice(community.names)
            year = rng.randint(1961, 2024)
            name = unique_name(rng, seen, template, city_of(gemeinde), big, year)
            kind = next((k for hint, k in demo.KIND_HINTS.items() if hint in name), None)
            kind = kind or (rng.choice(OTHER_KINDS) if rng.random() < 0.15 else choices.Kind.CULTURAL)
            index = len(planned)
            planned.append(profile(rng, name, kind, kreis, gemeinde, community, now, year))
            if rng.random() < 0.10:
                memberships.append((index, capitals[kreis.land_id]))
            if rng.random() < 0.10:
                memberships.append((index, federations[community.country]))
            if ags in city_umbrella and rng.random() < 0.25:
                memberships.append((index, city_umbrella[ags]))

    organisations = [org for org, _tags in planned]
    Organisation.objects.bulk_create(organisations, batch_size=1000)
    tags = [
        Tag(organisation_id=o.pk, scheme=s, code=c) for o, t in planned for s, cs in t.items() for c in cs
    ]
    Tag.objects.bulk_create(tags, batch_size=5000)
    UmbrellaMembership.objects.bulk_create(
        [UmbrellaMembership(member=organisations[m], umbrella=organisations[u]) for m, u in memberships],
        batch_size=5000,
    )
    print(f"  {umbrella_count} umbrellas, {len(memberships)} memberships, {len(tags)} tags")


def check_index(total: int) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Planner statistics after the bulk load, as autovacuum would gather them shortly.
            cursor.execute("ANALYZE")
            return
        cursor.execute(f"SELECT count(*) FROM {search.FTS_TABLE}")
        indexed = cursor.fetchone()[0]
        # Raises if the FTS5 index disagrees with the content table.
        cursor.execute(
            f"INSERT INTO {search.FTS_TABLE}({search.FTS_TABLE}, rank) VALUES ('integrity-check', 1)"
        )
    print(f"  FTS5 rows: {indexed} of {total}, integrity-check passed")
    if indexed != total:
        sys.exit("generate: the FTS5 index does not match the organisations")


def main() -> None:
    call_command("migrate", verbosity=0)
    existing = Organisation.objects.count()
    if existing >= TARGET:
        print(f"generate: {existing} organisations exist already on {connection.vendor}, nothing to do")
        return
    if existing:
        sys.exit(f"generate: expected an empty directory, found {existing} organisations")
    started = time.perf_counter()
    with transaction.atomic():
        generate()
        # bulk_create sends no signals: a search cached before (none, normally) must not stay.
        caching.directory_changed()
    elapsed = time.perf_counter() - started
    total = Organisation.objects.count()
    published = Organisation.objects.filter(is_published=True).count()
    print(
        f"generate: {total} organisations ({published} published) in {elapsed:.1f} s on {connection.vendor}"
    )
    check_index(total)


if __name__ == "__main__":
    main()
