"""Demo events, after the source document of issue 12: in the Gütersloh demo network the online lunch
series "Über den Tellerrand" with its held first date as printed (programme, the live poll on the
participants' background, the feedback as written), its next three dates (the printed ones lie in
the past: all three moved by the same number of weeks, so that the first is a few weeks ahead and
weekday, hour and spacing stay as printed), an information evening in Arabic and German with an
interpreter of the pool, and a women's brunch in Turkish, each co-organised with a demo
organisation; in the Dortmund network a held parents' café co-organised by the organisation of the
demo login ``mso-mitglied``, so that its member sees on the profile what its events reached.

The speakers are named as in the published programme. Participants, poll ballots and the
organisations' events are invented; participants' e-mails use example.org. Rows are made directly
(the events' services are built beside this module) but keep their rules: never more confirmed
than seats, the waiting list in ``queued_at`` order, a consent per registration.
"""

import hashlib
import random
import secrets
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import User
from augenhoehe.core.models import Kreis, Network
from augenhoehe.directory.models import Organisation, Tag
from augenhoehe.interpreters import services as interpreter_services
from augenhoehe.interpreters.choices import BookingStatus
from augenhoehe.interpreters.models import Interpreter
from augenhoehe.privacy.models import Consent

from .choices import EventStatus, Format, PollKind, PollStatus, QuestionKind, RegistrationStatus, StepFree
from .models import (
    Event,
    EventLanguage,
    EventOrganiser,
    Feedback,
    Poll,
    PollBallot,
    PollOption,
    ProgrammeItem,
    Registration,
    RegistrationQuestion,
    Series,
)
from .polls import CODE_ALPHABET, CODE_LENGTH
from .registration import CONSENT_PURPOSE

NETWORK = ("ki-guetersloh", "gt-koordination")
SEED = 2025
SERIES_TITLE = "Über den Tellerrand: Impulse zu Integration und Teilhabe"
SERIES_DESCRIPTION = (
    "Ein Online-Format zur Mittagszeit: eine Stunde, ein Impuls aus Wissenschaft oder Praxis, Fragen "
    "und Diskussion. Das Kommunale Integrationszentrum Kreis Gütersloh lädt ein. (Demo: Die Termine "
    "nach dem 21. Mai 2025 sind gegenüber dem gedruckten Programm um dieselbe Zahl von Wochen "
    "verschoben, damit sie noch bevorstehen; Wochentag, Uhrzeit und Abstände sind die gedruckten.)"
)

# The poll and the background question: the document names the question, not its options.
BACKGROUND = "Mit welchem Hintergrund nehmen Sie heute hauptsächlich an der Veranstaltung teil?"
BACKGROUND_OPTIONS = [
    "Kommunale Verwaltung",
    "Migrantenselbstorganisation",
    "Wohlfahrtsverband oder freier Träger",
    "Schule, Kita oder Bildung",
    "Ehrenamt",
    "Sonstiges",
]
# Ballots per option, in the order above (38 of the 41 who came answered).
BALLOTS = [11, 9, 8, 4, 4, 2]

FIRST_TITLE = "Integration gemeinsam gestalten: Migrantenselbstorganisationen als Partner und Impulsgeber"
FIRST_DAY = date(2025, 5, 21)
FIRST_DESCRIPTION = (
    "Impulsvortrag von Dr. Anna Wiebke Klie (Multikulturelles Forum e.V.): Definition und Funktionen "
    "von MSO, Ergebnisse einer Befragung von 257 MSO in neun Großstädten in NRW, Beispiele guter "
    "Praxis und Empfehlungen für die Zusammenarbeit mit Kommunen."
)
# (title, speaker, role, organisation, moderation), as printed in the programme.
PROGRAMME = [
    (
        "Begrüßung",
        "Manuel Erdmeier",
        "Leitung",
        "Kommunales Integrationszentrum Kreis Gütersloh",
        False,
    ),
    (
        "Arbeit des Kommunalen Integrationszentrums in Bezug auf Migrantenselbstorganisationen",
        "Gesche Zangs",
        "",
        "KI Kreis Gütersloh",
        False,
    ),
    (
        "Impulsvortrag „Integration gemeinsam gestalten: Migrantenselbstorganisationen als Partner & "
        "Impulsgeber“",
        "Dr. Anna Wiebke Klie",
        "",
        "Multikulturelles Forum e.V.",
        False,
    ),
    ("Fragen und Diskussion", "Dr. Anna Noack", "Moderation", "KI Kreis Gütersloh", True),
    ("Ausblick", "Dr. Anna Noack", "", "KI Kreis Gütersloh", False),
]
# "Was nehmen Sie mit?" as the participants wrote it, with a rating each.
FEEDBACK = [
    (5, "Sehr gutes, kurzweiliges Format - perfekt für die Mittagszeit :) Vielen Dank!"),
    (5, "Sehr gute Organisation und spannendes Thema!"),
    (4, "Eine gute Veranstaltung, gutes Format"),
    (5, "Kurz und knapp super"),
    (5, "Kurz und prägnant - sehr gut"),
    (5, "tolle Veranstaltung - sehr gelungen und interessant - vielen Dank!"),
    (5, "hat mir sehr gut gefallen, tolle technische Umsetzung"),
    (
        4,
        "Es war auf jedenfall eine ausreichende Veranstaltung und ganz toll. Gerne wünsche ich mir "
        "mehrere solche Themen mit solche Inhalte zwar mit den Migration Hintergrund generell",
    ),
]
# The next dates as printed ("Juli 2025", "3. November 2025", "Dezember 2025"; where the document
# names only the month, its third Wednesday, as the first date): printed day, title, speaker,
# organisation, topic, seats, confirmed, waiting. The first has seats left, the second is full with a
# waiting list. ``_next_dates`` moves them all by the same whole number of weeks.
NEXT = [
    (
        date(2025, 7, 16),
        "Von Arbeit bis Zusammenleben - Wie Flüchtlingsintegration in Kommunen gelingen kann",
        "Claudia Walther",
        "Bertelsmann Stiftung",
        "refugee_aid",
        100,
        37,
        0,
    ),
    (
        date(2025, 11, 3),
        "Antidiskriminierung praktisch im Betrieb: „Betriebe leben Vielfalt“",
        "",
        "berami e.V.",
        "anti_discrimination",
        30,
        30,
        6,
    ),
    (
        date(2025, 12, 17),
        "Berufsorientierung und -beratung von Geflüchteten: Analoge und digitale Tools",
        "Dr. Martin Noack",
        "Bertelsmann Stiftung",
        "labour_market",
        80,
        12,
        0,
    ),
]

# Invented participants.
FIRST_NAMES = [
    "Aylin", "Jonas", "Fatma", "Lukas", "Mariam", "Sven", "Olena", "Hamid", "Katarzyna", "Emma", "Yusuf",
    "Sophie", "Nadia", "Bernd", "Amira", "Tobias", "Leyla", "Dragan", "Hanna", "Kwame", "Ewa", "Murat",
    "Julia", "Tesfaye", "Sabine", "Reza", "Ioana", "Anke", "Khaled", "Marta",
]  # fmt: skip
LAST_NAMES = [
    "Demir", "Schulte", "Haddad", "Kowalski", "Brinkmann", "Yıldız", "Petrenko", "Nasser", "Hoffmann",
    "Osei", "Wagner", "Rahimi", "Popescu", "Lange", "Kaya", "Berhane", "Meier", "Nowak", "Al-Sayed",
    "Vogt", "Öztürk", "Husić", "Becker", "Mensah", "Sommer",
]  # fmt: skip
ORGANISATIONS = [
    "Kreis Gütersloh",
    "Stadt Rheda-Wiedenbrück",
    "Caritasverband",
    "Diakonie Gütersloh",
    "Familienzentrum",
    "",
    "",
]


def _code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Poll.objects.filter(code=code).exists():
            return code


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _shift(printed: date, today: date) -> timedelta:
    """Whole weeks that move ``printed`` to two to three weeks after ``today`` (never back)."""
    weeks = max(0, -(-(today + timedelta(days=14) - printed).days // 7))
    return timedelta(weeks=weeks)


class People:
    """Invented participants, each name once: "Aylin Demir", aylin.demir@example.org."""

    def __init__(self, rng: random.Random) -> None:
        pairs = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
        rng.shuffle(pairs)
        self.pairs = iter(pairs)

    def next(self) -> tuple[str, str]:
        first, last = next(self.pairs)
        handle = f"{first}.{last}".lower()
        for letter, plain in (("ı", "i"), ("ö", "oe"), ("ü", "ue"), ("ć", "c"), ("-", "")):
            handle = handle.replace(letter, plain)
        return f"{first} {last}", f"{handle}@example.org"


@transaction.atomic
def events_demo() -> int:
    """Load the demo events once (skipped when any series exists); return how many events were made."""
    with scopes_disabled():
        if Series.objects.exists():
            return 0
    slug, coordinator_name = NETWORK
    network = Network.objects.filter(slug=slug).first()
    coordinator = User.objects.filter(username=coordinator_name).first()
    if network is None or coordinator is None:
        return 0
    rng = random.Random(SEED)  # noqa: S311 – invented demo data, not a secret
    people = People(rng)
    with network_scope(network):
        series = Series.objects.create(
            network=network, title=SERIES_TITLE, description=SERIES_DESCRIPTION, topic="encounter"
        )
        made = [_first_date(network, series, coordinator, people, rng)]
        made += _next_dates(network, series, coordinator, people, rng)
        arabic, turkish = _partners(network)
        made.append(_information_evening(network, coordinator, arabic, people, rng))
        made.append(_brunch(network, coordinator, turkish, people, rng))
    made += _parents_cafe(people, rng)
    return len(made)


def _event(network, coordinator, **fields) -> Event:
    languages = fields.pop("languages", ["de"])
    organisers = fields.pop("organisers", [])
    event = Event.objects.create(
        network=network, status=EventStatus.PUBLISHED, created_by=coordinator, **fields
    )
    EventLanguage.objects.bulk_create([EventLanguage(event=event, code=code) for code in languages])
    for organisation in organisers:
        EventOrganiser.objects.create(network=network, event=event, organisation=organisation)
    return event


def _question(event: Event, label: str = BACKGROUND, options=BACKGROUND_OPTIONS) -> RegistrationQuestion:
    return RegistrationQuestion.objects.create(
        network=event.network,
        event=event,
        label=label,
        kind=QuestionKind.CHOICE,
        options="\n".join(options),
        is_background=True,
    )


def _register(
    event: Event,
    people: People,
    rng: random.Random,
    *,
    status: str,
    at: datetime,
    question: RegistrationQuestion | None = None,
    weights=None,
    checked_in: bool = False,
    via: Organisation | None = None,
    language: str = "de",
) -> Registration:
    """One invented person's registration, with their consent, as the registration would have left it."""
    name, email = people.next()
    # The wording the registration form shows, in German (the source language), as a consent keeps it.
    consent = Consent.objects.create(
        email=email,
        purpose=CONSENT_PURPOSE.code,
        version=CONSENT_PURPOSE.version,
        text=str(CONSENT_PURPOSE.text),
        language=language,
    )
    Consent.objects.filter(pk=consent.pk).update(given_at=at)
    answers = {}
    if question is not None and rng.random() < 0.9:  # a few leave the question open
        answers[str(question.pk)] = rng.choices(question.option_list, weights=weights)[0]
    confirmed_at = (
        None if status == RegistrationStatus.UNCONFIRMED else at + timedelta(minutes=rng.randint(2, 90))
    )
    return Registration.objects.create(
        network=event.network,
        event=event,
        status=status,
        name=name,
        email=email,
        organisation_name=rng.choice(ORGANISATIONS),
        language=language,
        answers=answers,
        via=via,
        consent=consent,
        created_at=at,
        confirmed_at=confirmed_at,
        queued_at=confirmed_at
        if status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)
        else None,
        cancelled_at=event.starts_at - timedelta(days=1) if status == RegistrationStatus.CANCELLED else None,
        checked_in_at=event.starts_at + timedelta(minutes=rng.randint(-5, 10)) if checked_in else None,
    )


def _registrations(event: Event, people, rng, *, confirmed: int, waiting: int = 0, **kwargs) -> None:
    """``confirmed`` then ``waiting`` registrations over the weeks before the event, in that order (a
    waiting list only forms once the seats are gone)."""
    if event.capacity is not None:
        taken = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()
        if taken + confirmed > event.capacity:
            raise ValueError(
                f"Demo event {event.title!r} has {event.capacity} seats: {taken} taken, "
                f"{confirmed} more confirmed registrations do not fit."
            )
    start = min(event.starts_at - timedelta(days=30), timezone.now() - timedelta(days=20))
    step = (min(event.starts_at, timezone.now()) - start) / (confirmed + waiting + 1)
    attended = kwargs.pop("attended", 0)
    for number in range(confirmed + waiting):
        status = RegistrationStatus.CONFIRMED if number < confirmed else RegistrationStatus.WAITING
        _register(
            event,
            people,
            rng,
            status=status,
            at=start + step * number,
            checked_in=number < attended,
            **kwargs,
        )


def _first_date(network, series, coordinator, people, rng) -> Event:
    """The held first date, as the document describes it."""
    day = FIRST_DAY
    event = _event(
        network,
        coordinator,
        series=series,
        title=FIRST_TITLE,
        description=FIRST_DESCRIPTION,
        topic="encounter",
        format=Format.ONLINE,
        starts_at=_at(day, 12),
        ends_at=_at(day, 13),
        online_url="https://konferenz.example.org/tellerrand-2025-05",
        capacity=100,
        registration_open=False,
    )
    event.created_at = _at(day - timedelta(days=42), 10)
    event.save(update_fields=["created_at"])
    for position, (title, speaker, role, organisation, moderation) in enumerate(PROGRAMME):
        ProgrammeItem.objects.create(
            network=network,
            event=event,
            title=title,
            speaker=speaker,
            speaker_role=role,
            speaker_organisation=organisation,
            is_moderation=moderation,
            position=position,
        )
    question = _question(event)
    # 52 confirmed their address, 41 came, 3 cancelled the day before, 2 never confirmed.
    _registrations(event, people, rng, confirmed=49, attended=41, question=question, weights=BALLOTS)
    for status in [RegistrationStatus.CANCELLED] * 3 + [RegistrationStatus.UNCONFIRMED] * 2:
        _register(
            event, people, rng, status=status, at=event.starts_at - timedelta(days=6), question=question
        )
    _poll(event, rng)
    Feedback.objects.bulk_create(
        [
            Feedback(network=network, event=event, rating=rating, text=text, given_on=day)
            for rating, text in FEEDBACK
        ]
    )
    return event


def _poll(event: Event, rng) -> Poll:
    """The live poll on the participants' background, answered by 38 of those present."""
    poll = Poll.objects.create(
        network=event.network,
        event=event,
        question=BACKGROUND,
        kind=PollKind.SINGLE,
        status=PollStatus.CLOSED,
        code=_code(),
        opened_at=event.starts_at + timedelta(minutes=4),
        closed_at=event.starts_at + timedelta(minutes=8),
    )
    options = [
        PollOption.objects.create(network=event.network, poll=poll, label=label, position=position)
        for position, label in enumerate(BACKGROUND_OPTIONS)
    ]
    assert poll.opened_at is not None
    for option, count in zip(options, BALLOTS, strict=True):
        for _ in range(count):
            ballot = PollBallot.objects.create(
                network=event.network,
                poll=poll,
                # The hash of a random cookie, as the poll page keeps it.
                voter=hashlib.sha256(secrets.token_bytes(16)).hexdigest(),
                created_at=poll.opened_at + timedelta(seconds=rng.randint(5, 230)),
            )
            ballot.options.add(option)
    return poll


def _next_dates(network, series, coordinator, people, rng) -> list[Event]:
    shift = _shift(NEXT[0][0], timezone.localdate())
    made = []
    for printed, title, speaker, organisation, topic, seats, confirmed, waiting in NEXT:
        day = printed + shift
        event = _event(
            network,
            coordinator,
            series=series,
            title=title,
            topic=topic,
            format=Format.ONLINE,
            starts_at=_at(day, 12),
            ends_at=_at(day, 13),
            online_url=f"https://konferenz.example.org/tellerrand-{day:%Y-%m}",
            capacity=seats,
            registration_deadline=_at(day - timedelta(days=1), 12),
        )
        ProgrammeItem.objects.create(
            network=network,
            event=event,
            title="Impulsvortrag",
            speaker=speaker,
            speaker_organisation=organisation,
        )
        question = _question(event)
        _registrations(
            event, people, rng, confirmed=confirmed, waiting=waiting, question=question, weights=BALLOTS
        )
        made.append(event)
    return made


def _partners(network) -> tuple[Organisation | None, Organisation | None]:
    """An Arabic-speaking and a Turkish-speaking organisation of the network's Kreise."""
    ours = Organisation.objects.filter(kreis__in=network.kreise.all()).exclude(kind="umbrella").order_by("pk")
    speaks_arabic = ours.filter(tags__scheme=Tag.Scheme.LANGUAGE, tags__code="ar")
    arabic = (
        speaks_arabic.filter(tags__scheme=Tag.Scheme.COUNTRY, tags__code="SY").first()
        or speaks_arabic.first()
    )
    turkish = (
        ours.filter(tags__scheme=Tag.Scheme.LANGUAGE, tags__code="tr")
        .exclude(pk__in=[arabic.pk] if arabic else [])
        .first()
    )
    return arabic, turkish


def _information_evening(network, coordinator, organisation, people, rng) -> Event:
    """In person, in Arabic and German, an interpreter of the pool booked, the place step-free."""
    day = timezone.localdate() + timedelta(days=12)
    if (day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 6):
        day = date(day.year + (day.month == 12), 1, 7)  # not over the holidays
    day += timedelta(days=(3 - day.weekday()) % 7)  # a Thursday evening
    event = _event(
        network,
        coordinator,
        title="Informationsabend: Kita und Schule in Deutschland",
        description=(
            "Wie finde ich einen Kitaplatz? Wie läuft die Anmeldung zur Grundschule? Fragen und Antworten "
            "auf Arabisch und Deutsch, mit Verdolmetschung. Kinderbetreuung vor Ort."
        ),
        topic="parents",
        format=Format.IN_PERSON,
        starts_at=_at(day, 18),
        ends_at=_at(day, 20),
        place_name="Stadtteilzentrum Blankenhagen, Saal",
        street="Am Markt 4",
        postcode="33330",
        town="Gütersloh",
        kreis=Kreis.objects.filter(ags="05754").first(),
        step_free=StepFree.YES,
        accessibility_note="Stufenloser Eingang, Aufzug, barrierefreies WC; Kinderbetreuung im Nebenraum.",
        capacity=40,
        registration_deadline=_at(day - timedelta(days=2), 12),
        languages=["ar", "de"],
        organisers=[organisation] if organisation else [],
    )
    _book_interpreter(event, coordinator)
    question = _question(
        event,
        "Welche Sprache sprechen Sie zu Hause vor allem?",
        ["Arabisch", "Kurdisch", "Deutsch", "Eine andere"],
    )
    # Most of those who come through the Arabic-speaking association speak Arabic at home; those who
    # register on the German page are mostly teachers and counsellors.
    _registrations(
        event,
        people,
        rng,
        confirmed=14,
        question=question,
        weights=[11, 2, 1, 0],
        via=organisation,
        language="ar",
    )
    _registrations(event, people, rng, confirmed=5, question=question, weights=[1, 0, 5, 1])
    return event


def _book_interpreter(event: Event, coordinator) -> None:
    """Arabic–German from the network's pool, if the pool has someone bookable."""
    interpreter = next(
        (p for p in Interpreter.objects.filter(languages__code="ar").order_by("pk") if p.is_listed), None
    )
    if interpreter is None:
        return
    booking = interpreter_services.booking_create(
        interpreter=interpreter,
        actor=coordinator,
        starts_at=event.starts_at,
        language="ar",
        occasion=event.title,
        fee_agreed=interpreter.fee_per_hour,
    )
    interpreter_services.booking_status_set(
        booking=booking, status=BookingStatus.CONFIRMED, actor=coordinator
    )
    event.interpreter_bookings.add(booking)


def _brunch(network, coordinator, organisation, people, rng) -> Event:
    """Held three weeks ago, in Turkish: the co-organiser's profile shows whom it reached."""
    day = timezone.localdate() - timedelta(days=21)
    day -= timedelta(days=(day.weekday() - 5) % 7)  # a Saturday
    event = _event(
        network,
        coordinator,
        title="Kadın kahvaltısı – Frauenfrühstück: Gesundheit und Vorsorge",
        description="Frühstück und Gespräch auf Türkisch mit einer Ärztin: Vorsorge, Impfungen, Kinderarzt.",
        topic="women",
        format=Format.IN_PERSON,
        starts_at=_at(day, 10),
        ends_at=_at(day, 12, 30),
        place_name="Vereinsräume",
        street="Kirchstraße 12",
        postcode="33330",
        town="Gütersloh",
        kreis=Kreis.objects.filter(ags="05754").first(),
        step_free=StepFree.PARTLY,
        accessibility_note="Zwei Stufen am Eingang, eine Rampe ist da.",
        translations={
            "tr": {
                "title": "Kadın kahvaltısı: Sağlık ve koruyucu hekimlik",
                "description": "Bir doktorla Türkçe kahvaltı ve sohbet: check-up, aşılar, çocuk doktoru.",
                "accessibility_note": "Girişte iki basamak var, bir rampa da var.",
            }
        },
        capacity=25,
        registration_open=False,
        languages=["tr"],
        organisers=[organisation] if organisation else [],
    )
    # The network's background question (as the series asks it); whether they came before is asked
    # too, but is no background.
    question = _question(event)
    RegistrationQuestion.objects.create(
        network=network,
        event=event,
        label="Waren Sie schon einmal bei uns?",
        kind=QuestionKind.CHOICE,
        options="Zum ersten Mal\nSchon öfter",
        position=1,
    )
    # Mostly members of associations and volunteers; hardly anyone from an office.
    weights = [0, 9, 1, 1, 5, 4]
    _registrations(
        event,
        people,
        rng,
        confirmed=18,
        attended=15,
        question=question,
        weights=weights,
        via=organisation,
        language="tr",
    )
    _registrations(
        event, people, rng, confirmed=4, attended=2, question=question, weights=weights, language="tr"
    )
    return event


def _parents_cafe(people, rng) -> list[Event]:
    """Held five weeks ago in the Dortmund network, co-organised by the organisation the demo login
    ``mso-mitglied`` represents (wherever it sits: partners work across Kreise), most people coming
    through it: its member sees on the profile what the event reached."""
    network = Network.objects.filter(slug="dortmund").first()
    coordinator = User.objects.filter(username="do-koordination").first()
    organisation = (
        Organisation.objects.filter(representations__user__username="mso-mitglied").order_by("pk").first()
    )
    if network is None or coordinator is None or organisation is None:
        return []
    day = timezone.localdate() - timedelta(days=35)
    day -= timedelta(days=(day.weekday() - 2) % 7)  # a Wednesday afternoon
    with network_scope(network):
        event = _event(
            network,
            coordinator,
            title="Elterncafé: Mehrsprachig aufwachsen",
            description=(
                "Kaffee, Kuchen und Austausch: Wie Kinder mit mehreren Sprachen gut aufwachsen, was Kita "
                "und Schule dazu beitragen. Auf Deutsch und Englisch, Kinderbetreuung vor Ort."
            ),
            topic="parents",
            format=Format.IN_PERSON,
            starts_at=_at(day, 15),
            ends_at=_at(day, 17),
            place_name="Familienzentrum Nordstadt",
            street="Schulstraße 8",
            postcode="44145",
            town="Dortmund",
            kreis=Kreis.objects.filter(ags="05913").first(),
            step_free=StepFree.YES,
            capacity=30,
            registration_open=False,
            languages=["de", "en"],
            organisers=[organisation],
        )
        question = _question(event)
        weights = [1, 8, 2, 3, 3, 4]
        _registrations(
            event,
            people,
            rng,
            confirmed=15,
            attended=12,
            question=question,
            weights=weights,
            via=organisation,
        )
        _registrations(event, people, rng, confirmed=7, attended=5, question=question, weights=weights)
    return [event]
