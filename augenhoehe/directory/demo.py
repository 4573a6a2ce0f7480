"""Fictional demo data: networks, users and ~150 MSOs in five NRW districts.

Every name, address, phone number and person here is invented. Telephone
numbers come from the range reserved for fiction (030 23125 xxx), e-mail
addresses use the reserved ``.example`` domain.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.memberships import user_memberships
from augenhoehe.accounts.models import NetworkMembership, NetworkRole, User
from augenhoehe.core.languages import Language
from augenhoehe.core.models import Kreis, Network
from augenhoehe.core.text import words

from . import caching, choices, services
from .models import Organisation, ProfileProposal, Representation, RepresentativeRole, Tag
from .proposals import organisation_edit

DEMO_PASSWORD = "augenhoehe-demo"  # noqa: S105 – published on purpose, demo only
SEED = 2025
# What the demo organisations chose to show; none of them publishes its self-understanding (Art. 9).
_DEMO_PUBLIC_FIELDS = [code for code in choices.PublicField.values if code != choices.PublicField.ORIENTATION]


@dataclass(frozen=True)
class Place:
    city: str
    postal_code: str
    kreis: str


PLACES = [
    Place("Gütersloh", "33330", "05754"), Place("Gütersloh", "33332", "05754"),
    Place("Rheda-Wiedenbrück", "33378", "05754"), Place("Verl", "33415", "05754"),
    Place("Harsewinkel", "33428", "05754"), Place("Halle (Westf.)", "33790", "05754"),
    Place("Versmold", "33775", "05754"), Place("Steinhagen", "33803", "05754"),
    Place("Rietberg", "33397", "05754"), Place("Schloß Holte-Stukenbrock", "33758", "05754"),
    Place("Dortmund", "44137", "05913"), Place("Dortmund", "44145", "05913"),
    Place("Dortmund", "44147", "05913"), Place("Dortmund", "44339", "05913"),
    Place("Bielefeld", "33602", "05711"), Place("Bielefeld", "33647", "05711"),
    Place("Bielefeld", "33719", "05711"), Place("Hamm", "59065", "05915"),
    Place("Hamm", "59077", "05915"), Place("Herford", "32052", "05758"),
]  # fmt: skip

# Approximate town centres (WGS84) of the demo places; profiles lie a little around them.
CITY_CENTRES = {
    "Gütersloh": (51.9065, 8.3784), "Rheda-Wiedenbrück": (51.8463, 8.3001), "Verl": (51.8833, 8.5167),
    "Harsewinkel": (51.9622, 8.2297), "Halle (Westf.)": (52.0603, 8.3600), "Versmold": (52.0422, 8.1533),
    "Steinhagen": (52.0050, 8.4139), "Rietberg": (51.8000, 8.4286),
    "Schloß Holte-Stukenbrock": (51.8833, 8.6167), "Dortmund": (51.5136, 7.4653),
    "Bielefeld": (52.0211, 8.5347), "Hamm": (51.6806, 7.8150), "Herford": (52.1146, 8.6734),
    "Düsseldorf": (51.2277, 6.7735),
}  # fmt: skip
# Share of profiles with coordinates; the rest show how the map export leaves them out.
LOCATED_SHARE = 0.85

STREETS = [
    "Bahnhofstraße", "Kirchstraße", "Lindenweg", "Am Markt", "Schulstraße", "Brückenstraße",
    "Gartenstraße", "Mühlenweg", "Parkallee", "Wiesenstraße", "Friedensplatz", "Bergstraße",
]  # fmt: skip


@dataclass(frozen=True)
class Community:
    country: str
    languages: tuple[str, ...]
    names: tuple[str, ...]
    people: tuple[str, ...]


COMMUNITIES = [
    Community("TR", ("tr", "de"), (
        "Türkischer Elternverein {city}", "Deutsch-Türkischer Kulturverein {city}", "Köprü – Brücke {city}",
        "Anadolu Sport- und Kulturverein {city}", "Türkisch-Islamische Gemeinde {city}", "Frauentreff Yıldız {city}",
    ), ("Ayşe Demir", "Mehmet Yılmaz", "Elif Kaya", "Hakan Öztürk")),
    Community("SY", ("ar", "ku", "de"), (
        "Syrischer Kultur- und Bildungsverein {city}", "Jasmin – Arabische Familien {city}",
        "Brückenbauer Syrien-Deutschland {city}", "Arabischer Elternkreis {city}",
    ), ("Rana Haddad", "Omar Al-Khatib", "Lina Mansour")),
    Community("IQ", ("ku", "ar", "de"), (
        "Kurdisches Kulturzentrum {city}", "Êzîdisches Forum {city}", "Mesopotamien Kulturverein {city}",
    ), ("Dilan Aydın", "Azad Hasan", "Nazdar Ali")),
    Community("UA", ("uk", "ru", "de"), (
        "Ukrainischer Verein Mriya {city}", "Ukrainische Elterninitiative {city}", "Kalyna – Ukrainische Kultur {city}",
    ), ("Olena Kovalenko", "Andrij Melnyk", "Iryna Shevchenko")),
    Community("RU", ("ru", "de"), (
        "Deutsch-Russischer Begegnungsverein {city}", "Integrationsverein Aussiedler {city}",
        "Kulturklub Raduga {city}",
    ), ("Natalia Becker", "Viktor Schmidt", "Swetlana Wagner")),
    Community("PL", ("pl", "de"), ("Polnische Katholische Mission {city}", "Deutsch-Polnischer Elternverein {city}"),
              ("Agnieszka Nowak", "Piotr Wiśniewski")),
    Community("GR", ("el", "de"), ("Griechische Gemeinde {city}", "Griechischer Elternverein {city}"),
              ("Eleni Papadopoulou", "Giorgos Nikolaidis")),
    Community("IT", ("it", "de"), ("Italienischer Kulturkreis {city}", "Circolo Italiano {city}"),
              ("Giulia Russo", "Marco Bianchi")),
    Community("ER", ("ti", "am", "de"), ("Eritreischer Gemeindeverein {city}", "Habesha Familienforum {city}"),
              ("Senait Tesfay", "Yonas Gebremedhin")),
    Community("AF", ("fa", "prs", "ps", "de"), ("Afghanischer Kulturverein {city}", "Afghanische Frauen in {city}"),
              ("Mariam Ahmadi", "Farid Noori")),
    Community("IR", ("fa", "de"), ("Iranischer Kultur- und Bildungsverein {city}", "Persischer Literaturkreis {city}"),
              ("Shirin Rahimi", "Babak Karimi")),
    Community("GH", ("tw", "en", "de"), ("Ghana Union {city}", "Afrikanischer Elternverein {city}"),
              ("Akosua Mensah", "Kwame Boateng")),
    Community("CD", ("fr", "de"), ("Kongolesische Gemeinschaft {city}", "Afrika-Forum {city}"),
              ("Grâce Mbuyi", "Patrick Kabongo")),
    Community("BA", ("sh", "de"), ("Bosnischer Kultur- und Sportverein {city}", "Balkan-Brücke {city}"),
              ("Amra Hodžić", "Emir Begić")),
    Community("VN", ("vi", "de"), ("Vietnamesischer Familienverein {city}",), ("Thi Lan Nguyen", "Minh Tran")),
    Community("RO", ("ro", "de"), ("Rumänischer Kulturverein {city}",), ("Ioana Popescu", "Andrei Ionescu")),
    Community("ES", ("es", "de"), ("Spanischer Elternverein {city}", "Lateinamerikanisches Forum {city}"),
              ("Carmen López", "Diego Fernández")),
]  # fmt: skip

KIND_HINTS = {
    "Elternverein": choices.Kind.PARENTS, "Elterninitiative": choices.Kind.PARENTS,
    "Elternkreis": choices.Kind.PARENTS, "Sport": choices.Kind.LEISURE_SPORT, "Gemeinde": choices.Kind.RELIGIOUS,
    "Mission": choices.Kind.RELIGIOUS, "Forum": choices.Kind.OTHER,
}  # fmt: skip

FIELD_SETS: dict[str, list[str]] = {
    choices.Kind.PARENTS: ["parents", "early_childhood", "education", "counselling"],
    choices.Kind.LEISURE_SPORT: ["sport", "youth", "leisure", "encounter"],
    choices.Kind.RELIGIOUS: ["religion", "culture", "encounter", "care", "humanitarian"],
    choices.Kind.CULTURAL: ["culture", "encounter", "education", "language_courses", "women"],
    choices.Kind.OTHER: [
        "counselling",
        "refugee_aid",
        "labour_market",
        "anti_discrimination",
        "education",
    ],
}

UMBRELLAS = [
    ("Landesnetzwerk der Migrantenselbstorganisationen NRW (fiktiv)", "Düsseldorf", "05111", None),
    ("Dachverband der Migrantenorganisationen Ostwestfalen-Lippe", "Bielefeld", "05711", 0),
    ("Netzwerk afrikanischer Vereine Westfalen", "Dortmund", "05913", 0),
    ("Verbund ukrainischer Initiativen Westfalen", "Hamm", "05915", None),
    ("Forum der Elternvereine Ruhr", "Dortmund", "05913", 0),
]

DESCRIPTION = (
    "{name} ist ein {kind} und wurde {year} von Zugewanderten und ihren Nachkommen gegründet. "
    "Wir bieten {offer} und arbeiten eng mit Familien aus der Community zusammen. "
    "Unsere Angebote finden auf {languages} statt."
)
OFFERS = {
    "parents": "Elterncafés und Informationsabende zu Kita und Schule",
    "early_childhood": "Begleitung beim Einstieg in Kita und Kindertagespflege",
    "sport": "Sportgruppen für Kinder und Jugendliche",
    "religion": "Gottesdienste, Feste und Seelsorge",
    "culture": "Musik, Tanz und Feste",
    "counselling": "Beratung zu Behörden, Aufenthalt und Arbeit",
    "language_courses": "Deutschkurse und Herkunftssprachenunterricht",
    "refugee_aid": "Hilfe für neu angekommene Geflüchtete",
    "women": "einen Frauenbrunch und Gesprächskreise",
}


def _slug(text: str) -> str:
    return "-".join(words(text))[:40].strip("-")


def _networks_and_users() -> None:
    guetersloh, _ = Network.objects.get_or_create(
        slug="ki-guetersloh", defaults={"name": "Kommunales Integrationszentrum Kreis Gütersloh"}
    )
    guetersloh.kreise.set(Kreis.objects.filter(ags="05754"))
    dortmund, _ = Network.objects.get_or_create(
        slug="dortmund", defaults={"name": "Integrationsbüro Stadt Dortmund"}
    )
    dortmund.kreise.set(Kreis.objects.filter(ags="05913"))
    admin, coordinator = NetworkRole.ADMIN, NetworkRole.COORDINATOR
    people = [
        ("gt-admin", "Johanna", "Berger", [(guetersloh, admin)]),
        ("gt-koordination", "Samira", "Yousef", [(guetersloh, coordinator)]),
        ("do-admin", "Thomas", "Krüger", [(dortmund, admin)]),
        ("do-koordination", "Leyla", "Arslan", [(dortmund, coordinator)]),
        ("beide-koordination", "Jonas", "Weber", [(guetersloh, coordinator), (dortmund, coordinator)]),
        ("mso-mitglied", "Emre", "Çelik", []),
    ]
    for username, first, last, memberships in people:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@augenhoehe.example"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        # Loading demo data is an operator's act across networks, like a migration.
        with scopes_disabled():
            for network, role in memberships:
                NetworkMembership.objects.get_or_create(user=user, network=network, defaults={"role": role})


def _represented_organisation() -> Organisation | None:
    """The demo organisation the MSO login represents: the first parents' association."""
    organisations = Organisation.objects.order_by("pk")
    return organisations.filter(kind=choices.Kind.PARENTS).first() or organisations.first()


def _coordinates(name: str, city: str) -> dict[str, Decimal | None]:
    """A point within about 2 km of the town centre, or none; the same for the same name.

    A random generator of its own, so the rest of the demo data stays as it was.
    """
    rng = random.Random(f"{SEED}:{name}")
    centre = CITY_CENTRES.get(city)
    if centre is None or rng.random() >= LOCATED_SHARE:
        return {"latitude": None, "longitude": None}
    latitude, longitude = centre[0] + rng.uniform(-0.015, 0.015), centre[1] + rng.uniform(-0.025, 0.025)
    return {"latitude": Decimal(f"{latitude:.6f}"), "longitude": Decimal(f"{longitude:.6f}")}


def _profile(rng: random.Random, name: str, kind: str, place: Place, community: Community | None) -> dict:
    year = rng.randint(1965, 2023)
    fields = FIELD_SETS.get(kind, FIELD_SETS[choices.Kind.OTHER])
    chosen = sorted(set(rng.sample(fields, k=rng.randint(2, len(fields)))))
    languages = community.languages if community else ("de", "en")
    staffing = rng.choices(list(choices.Staffing.values), weights=[41, 45, 14])[0]
    offer = next((OFFERS[f] for f in chosen if f in OFFERS), "Begegnung und Austausch")
    language_names = ", ".join(str(Language(code).label) for code in languages)
    return {
        "fields": {
            "name": name,
            "kind": kind,
            "self_understanding": {"religious": "religious", "umbrella": "mixed"}.get(
                kind, rng.choice(["cultural", "social", "mixed", "national"])
            ),
            "svr_type": rng.choice(list(choices.SvrType.values)),
            "description": DESCRIPTION.format(
                name=name,
                kind=choices.Kind(kind).label,
                year=year,
                offer=offer,
                languages=language_names,
            ),
            "street": f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
            **_coordinates(name, place.city),
            "postal_code": place.postal_code,
            "city": place.city,
            "kreis": Kreis.objects.get(ags=place.kreis),
            "email": f"kontakt@{_slug(name)}.example",
            "phone": f"030 23125 {rng.randint(100, 999)}",
            "website": f"https://{_slug(name)}.example/",
            "contact_person": rng.choice(community.people) if community else "Alex Schneider",
            "legal_form": rng.choices(["ev", "unregistered", "ggmbh"], weights=[85, 12, 3])[0],
            "charitable": rng.random() < 0.6,
            "founding_year": year,
            "level": rng.choice(["neighbourhood", "municipal", "municipal", "district"]),
            "active_in": rng.choices(["germany", "both"], weights=[70, 30])[0],
            "staffing": staffing,
            "volunteers": rng.choice(list(choices.VolunteersBand.values)),
            "employees": "0" if staffing == "volunteers_only" else rng.choice(["1", "2_5", "6plus"]),
            "member_count": rng.randint(8, 400),
            "criterion_aims": rng.choices(["yes", "unknown"], weights=[85, 15])[0],
            "criterion_members": rng.choices(["yes", "unknown", "no"], weights=[80, 17, 3])[0],
            "criterion_structures": rng.choices(["yes", "unknown"], weights=[85, 15])[0],
            "is_published": rng.random() < 0.85,
            "public_fields": sorted(rng.sample(_DEMO_PUBLIC_FIELDS, k=rng.randint(2, 6))),
        },
        "tags": {
            Tag.Scheme.FIELD: chosen,
            Tag.Scheme.TARGET_GROUP: sorted(
                set(rng.sample(list(choices.TargetGroup.values), k=rng.randint(1, 3)))
            ),
            Tag.Scheme.LANGUAGE: list(languages),
            Tag.Scheme.COUNTRY: [community.country] if community else [],
            Tag.Scheme.FUNCTION: sorted(set(rng.sample(list(choices.Function.values), k=rng.randint(1, 3)))),
        },
    }


@transaction.atomic
def demo_load() -> int:
    """Load the demo data unless it is there already; return the number of organisations created."""
    _networks_and_users()
    if Organisation.objects.exists():
        return 0
    rng = random.Random(SEED)
    coordinator = User.objects.get(username="gt-koordination")
    guetersloh = Network.objects.get(slug="ki-guetersloh")
    umbrellas: list[Organisation] = []
    for name, city, kreis, parent in UMBRELLAS:
        place = Place(city, "", kreis)
        profile = _profile(rng, name, choices.Kind.UMBRELLA, place, None)
        profile["fields"].update(is_published=True, postal_code="")
        parents = [umbrellas[parent]] if parent is not None else []
        umbrellas.append(
            services.organisation_create(actor=coordinator, umbrellas=parents, network=guetersloh, **profile)
        )

    created = len(umbrellas)
    seen: set[str] = set()
    while created < 150:
        community = rng.choice(COMMUNITIES)
        place = rng.choice(PLACES)
        name = rng.choice(community.names).format(city=place.city)
        if name in seen:
            continue
        seen.add(name)
        kind = next((k for hint, k in KIND_HINTS.items() if hint in name), choices.Kind.CULTURAL)
        members_of = _umbrellas_for(rng, umbrellas, community, kind, place)
        organisation = services.organisation_create(
            actor=coordinator,
            umbrellas=members_of,
            network=guetersloh,
            **_profile(rng, name, kind, place, community),
        )
        if rng.random() < 0.6:
            services.organisation_confirm(organisation=organisation, actor=coordinator)
        created += 1

    Representation.objects.get_or_create(
        organisation=_represented_organisation(),
        user=User.objects.get(username="mso-mitglied"),
        defaults={"role": RepresentativeRole.ADMIN},
    )
    Organisation.objects.filter(confirmed_at__isnull=False).update(
        confirmed_at=timezone.now() - timedelta(days=rng.randint(3, 400))
    )
    caching.directory_changed()  # an update() sends no signal; the search sorts by confirmation
    _notes()
    _translated_descriptions(coordinator)
    return created


# The description in Turkish and Arabic, as an association writes it for its own community.
DESCRIPTION_TR = (
    "{name}: Gönüllü bir derneğiz. Ailelere kreş, okul ve resmi işlerde yardım ediyoruz. "
    "Her ay veli kahvaltısı yapıyoruz. Türkçe, Arapça ve Almanca konuşuyoruz."
)
DESCRIPTION_AR = (
    "{name}: نحن جمعية تطوعية. نساعد العائلات في أمور الحضانة والمدرسة والمعاملات الرسمية. "
    "نلتقي كل شهر على فطور للأهالي. نتحدث العربية والتركية والألمانية."
)


def _translated_descriptions(actor) -> None:
    """A few profiles of Turkish- and Arabic-speaking communities describe themselves in those
    languages too (through the service: the history and the search index show it)."""
    speakers = (
        Organisation.objects.filter(
            is_published=True, tags__scheme=Tag.Scheme.LANGUAGE, tags__code__in=["tr", "ar"]
        )
        .exclude(kind=choices.Kind.UMBRELLA)
        .distinct()
        .order_by("pk")[:4]
    )
    for organisation in speakers:
        services.organisation_update(
            organisation=organisation,
            actor=actor,
            fields={
                "translations": {
                    "tr": {"description": DESCRIPTION_TR.format(name=organisation.name)},
                    "ar": {"description": DESCRIPTION_AR.format(name=organisation.name)},
                }
            },
        )


def proposals_demo() -> ProfileProposal | None:
    """The MSO login's organisation has moved: its new address waits for the network's check
    (idempotent: nothing happens once the organisation has any proposal)."""
    organisation = Organisation.objects.filter(representations__user__username="mso-mitglied").first()
    if organisation is None or organisation.proposals.exists():
        return None
    # Another town of the same Kreis where there is one, else another part of the same town.
    nearby = [
        p for p in PLACES if p.kreis == organisation.kreis_id and p.postal_code != organisation.postal_code
    ]
    place = next((p for p in nearby if p.city != organisation.city), nearby[0] if nearby else None)
    if place is None:
        return None
    latitude, longitude = CITY_CENTRES[place.city]
    _profile, proposal = organisation_edit(
        organisation=organisation,
        actor=User.objects.get(username="mso-mitglied"),
        fields={
            "street": "Am Markt 7",
            "postal_code": place.postal_code,
            "city": place.city,
            "latitude": f"{latitude:.4f}",
            "longitude": f"{longitude:.4f}",
        },
        message="Wir sind umgezogen: Unsere neuen Räume sind im Familienzentrum am Markt.",
    )
    return proposal


# What each office noted about an association of its own Kreis: private to that network.
NOTES = [
    ("gt-koordination", "05754", "Erstgespräch im Elterncafé: Der Vorstand möchte beim Infoabend "
     "„Kita-Einstieg“ mitwirken und Eltern in ihrer Sprache ansprechen."),
    ("gt-admin", "05754", "Dachverband beim Integrationsrat erfragt; Rückmeldung bis Monatsende."),
    ("do-koordination", "05913", "Raumbedarf für die Hausaufgabenhilfe: dienstags und donnerstags ab 15 Uhr."),
]  # fmt: skip


def _notes() -> None:
    """A few internal notes, so that each network's log and the profiles show what staff keep."""
    for username, kreis, text in NOTES:
        author = User.objects.get(username=username)
        network = next(
            n
            for n, _role in user_memberships(user=author).networks.values()
            if n.kreise.filter(ags=kreis).exists()
        )
        organisation = (
            Organisation.objects.filter(kreis_id=kreis, kind=choices.Kind.PARENTS).order_by("pk").first()
        )
        if organisation is not None:
            services.internal_note_create(organisation=organisation, network=network, actor=author, text=text)


def _umbrellas_for(rng, umbrellas, community, kind, place) -> list[Organisation]:
    chosen = []
    if place.kreis in {"05754", "05711", "05758"} and rng.random() < 0.5:
        chosen.append(umbrellas[1])
    if community.country in {"GH", "CD", "ER"} and rng.random() < 0.8:
        chosen.append(umbrellas[2])
    if community.country == "UA":
        chosen.append(umbrellas[3])
    if kind == choices.Kind.PARENTS and place.kreis in {"05913", "05915"}:
        chosen.append(umbrellas[4])
    return chosen


def demo_logins() -> list[tuple[str, str]]:
    """(username, roles) for the printed demo logins, read from their memberships."""
    logins = []
    users = User.objects.filter(username__in=DEMO_USERNAMES).prefetch_related("representations__organisation")
    with scopes_disabled():
        memberships = list(
            NetworkMembership.objects.filter(user__in=users)
            .select_related("network")
            .order_by("network__name")
        )
    for user in sorted(users, key=lambda u: DEMO_USERNAMES.index(u.username)):
        roles = [f"{m.get_role_display()}, {m.network.name}" for m in memberships if m.user_id == user.pk]
        roles += [f"{r.get_role_display()}, {r.organisation.name}" for r in user.representations.all()]
        logins.append((user.username, "; ".join(roles)))
    return logins


DEMO_USERNAMES = [
    "gt-admin",
    "gt-koordination",
    "do-admin",
    "do-koordination",
    "beide-koordination",
    "mso-mitglied",
]
