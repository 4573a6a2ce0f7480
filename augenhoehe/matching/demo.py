"""Demo outreach offers for many demo organisations, and a few needs per demo network, one of them
already started as a cooperation. Everything here is invented."""

import random
from datetime import date, timedelta

from django.db import transaction
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import User
from augenhoehe.cooperation.demo import NETWORKS
from augenhoehe.core.languages import Language
from augenhoehe.core.models import Kreis, Network
from augenhoehe.core.selectors import gemeinde_candidates
from augenhoehe.directory.models import Organisation, Tag

from . import selectors, services
from .choices import Format
from .models import Need, OutreachOffer

SEED = 2026
# Share of the demo organisations that describe offers on their profile.
WITH_OFFERS = 0.6

# Which formats an organisation offers, by its fields of activity; what each is about.
FORMATS_BY_FIELD = {
    "parents": [Format.INFO_EVENING, Format.PARENTS_CAFE],
    "early_childhood": [Format.INFO_EVENING, Format.ACCOMPANIMENT],
    "women": [Format.WOMENS_BRUNCH],
    "counselling": [Format.ACCOMPANIMENT, Format.COUNSELLING, Format.LANGUAGE_MEDIATION],
    "language_courses": [Format.HOMEWORK_HELP],
    "education": [Format.HOMEWORK_HELP, Format.INFO_EVENING],
    "refugee_aid": [Format.ACCOMPANIMENT, Format.LANGUAGE_MEDIATION],
}
TOPICS = {
    Format.INFO_EVENING: [
        "Informationsabend Kita",
        "Informationsabend Schule und Kita",
        "Infoabend Kita-Anmeldung",
    ],
    Format.PARENTS_CAFE: ["Elterncafé am Samstag", "Elterncafé mit Kinderbetreuung"],
    Format.WOMENS_BRUNCH: ["Frauenbrunch", "Frauenfrühstück mit Gesprächsrunde"],
    Format.ACCOMPANIMENT: [
        "Begleitung zu Kita- und Behördenterminen",
        "Begleitung zum Kinderarzt und zur Kita",
    ],
    Format.COUNSELLING: ["Sprechstunde für Familien"],
    Format.LANGUAGE_MEDIATION: ["Sprachmittlung bei Elterngesprächen"],
    Format.HOMEWORK_HELP: ["Hausaufgabenhilfe für Grundschulkinder"],
}
TARGETS = {
    Format.INFO_EVENING: ["parents", "families_young_children"],
    Format.PARENTS_CAFE: ["parents", "families_young_children"],
    Format.WOMENS_BRUNCH: ["women"],
    Format.ACCOMPANIMENT: ["families_young_children", "newly_arrived", "refugees"],
    Format.COUNSELLING: ["parents", "newly_arrived"],
    Format.LANGUAGE_MEDIATION: ["parents", "refugees"],
    Format.HOMEWORK_HELP: ["young_people", "parents"],
}

# (network slug, description, target groups, languages, countries, place, Kreis, fields, format, in days)
NEEDS = [
    ("ki-guetersloh", "Wir wollen arabischsprachige Eltern zur Kita-Anmeldung informieren.", ["parents"],
     ["ar"], ["SY"], "Gütersloh", "05754", ["early_childhood"], Format.INFO_EVENING, 30),
    ("ki-guetersloh", "Ein Frauenbrunch für türkischsprachige Mütter mit kleinen Kindern.", ["women"],
     ["tr"], ["TR"], "Verl", "05754", ["women", "early_childhood"], Format.WOMENS_BRUNCH, 45),
    ("ki-guetersloh", "Ukrainische Familien zu Kita-Terminen begleiten.", ["families_young_children"],
     ["uk"], ["UA"], "", "05754", ["early_childhood"], Format.ACCOMPANIMENT, None),
    ("dortmund", "Ein Elterncafé für Familien aus Eritrea in der Nordstadt.", ["parents"],
     ["ti"], ["ER"], "Dortmund", "05913", ["parents"], Format.PARENTS_CAFE, 21),
    ("dortmund", "Informationsabend zur Kita auf Kurdisch.", ["parents", "families_young_children"],
     ["ku"], ["IQ", "SY"], "Dortmund", "05913", ["early_childhood"], Format.INFO_EVENING, 60),
]  # fmt: skip


@transaction.atomic
def matching_demo() -> int:
    """Load the demo offers and needs once (skipped when any need exists); return how many offers."""
    with scopes_disabled():
        if Need.objects.exists():
            return 0
    created = _offers()
    for slug, (coordinator_name, _admin) in NETWORKS.items():
        network = Network.objects.filter(slug=slug).first()
        coordinator = User.objects.filter(username=coordinator_name).first()
        if network is None or coordinator is None:
            continue
        with network_scope(network):
            needs = [_need(network, coordinator, row) for row in NEEDS if row[0] == slug]
            if slug == "ki-guetersloh" and needs:
                _start(needs[0], coordinator)
    return created


def _offers() -> int:
    """Offers for about 60 % of the demo organisations, in their languages, with a believable reach."""
    tags: dict[int, dict[str, list[str]]] = {}
    for organisation_id, scheme, code in Tag.objects.values_list("organisation_id", "scheme", "code"):
        tags.setdefault(organisation_id, {}).setdefault(scheme, []).append(code)
    offers = []
    for organisation in Organisation.objects.order_by("pk"):
        rng = random.Random(f"{SEED}:{organisation.pk}")
        own = tags.get(organisation.pk, {})
        formats = sorted(
            {f for field in own.get(Tag.Scheme.FIELD, []) for f in FORMATS_BY_FIELD.get(field, [])}
        )
        if not formats or rng.random() >= WITH_OFFERS:
            continue
        languages = sorted(own.get(Tag.Scheme.LANGUAGE, []), key=lambda code: code == "de")
        for format in rng.sample(formats, k=min(len(formats), rng.randint(1, 2))):
            spoken = [code for code in languages if code != "de"][:1] or languages[:1]
            label = str(Language(spoken[0]).label) if spoken and spoken[0] in Language.values else ""
            topic = rng.choice(TOPICS[format])
            offers.append(
                OutreachOffer(
                    organisation=organisation,
                    format=format,
                    description=f"{topic} auf {label}" if label else topic,
                    languages=spoken + (["de"] if "de" in languages and spoken != ["de"] else []),
                    target_groups=sorted(rng.sample(TARGETS[format], k=rng.randint(1, len(TARGETS[format])))),
                    reached=rng.choice([8, 12, 15, 20, 25, 30, 40, 60, 85]),
                    year=rng.choice([2024, 2025, 2025]),
                )
            )
    for offer in offers:
        offer.full_clean()
    OutreachOffer.objects.bulk_create(offers)
    return len(offers)


def _need(network: Network, actor, row) -> Need:
    _slug, description, targets, languages, countries, city, kreis_ags, fields, format, in_days = row
    kreis = Kreis.objects.get(ags=kreis_ags)
    gemeinden = gemeinde_candidates(city=city, kreis=kreis) if city else []
    return services.need_create(
        network=network,
        actor=actor,
        description=description,
        target_groups=targets,
        languages=languages,
        countries=countries,
        fields=fields,
        format=format,
        kreis=kreis,
        gemeinde=gemeinden[0] if gemeinden else None,
        wanted_on=date.today() + timedelta(days=in_days) if in_days else None,
    )


def _start(need: Need, actor) -> None:
    best = selectors.need_matches(viewer=actor, need=need, limit=1)
    if best:
        services.need_cooperation_start(
            need=need,
            organisation=best[0].organisation,
            actor=actor,
            title=f"Infoabend Kita auf Arabisch mit {best[0].organisation.name}"[:200],
            mso_gain="Honorar für die Referentin, Räume im Familienzentrum und Kontakt zu den Kitas im Quartier.",
        )
