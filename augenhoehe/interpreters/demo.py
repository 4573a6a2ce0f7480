"""Demo pool for both demo networks: nine invented interpreters each (one without consent, so not
listed) and bookings for two of the network's demo cooperations. Everything here is invented."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import User
from augenhoehe.cooperation.demo import NETWORKS
from augenhoehe.core.models import Network

from . import selectors, services
from .choices import ConsentForm, Qualification
from .models import Interpreter

# (name, languages, qualification, availability, fee or None for volunteers, consent given)
PEOPLE = [
    ("Rana Haddad", ["ar", "de"], Qualification.INTERPRETER, "Mo–Fr tagsüber", Decimal("55"), True),
    ("Emre Aksoy", ["tr", "de"], Qualification.MEDIATOR, "abends und samstags", Decimal("35"), True),
    ("Dilan Baran", ["ku", "tr", "de"], Qualification.MEDIATOR, "dienstags und donnerstags", None, True),
    ("Maryam Ahmadi", ["fa", "prs", "de"], Qualification.INTERPRETER, "nach Absprache", Decimal("60"), True),
    ("Semhar Tesfay", ["ti", "am", "de"], Qualification.LAY, "nachmittags", None, True),
    ("Olena Kovalenko", ["uk", "ru", "de"], Qualification.INTERPRETER, "Mo–Mi", Decimal("50"), True),
    ("Sergej Wolkow", ["ru", "de"], Qualification.MEDIATOR, "abends", Decimal("30"), True),
    ("Ioana Popescu", ["ro", "de"], Qualification.LAY, "freitags", None, True),
    ("Karim Nasser", ["ar", "ku", "de"], Qualification.LAY, "am Wochenende", None, False),
]


@transaction.atomic
def interpreters_demo() -> int:
    """Load the demo pool once (skipped when any interpreter exists); return how many were added."""
    with scopes_disabled():
        if Interpreter.objects.exists():
            return 0
    created = 0
    for slug, (coordinator_name, _admin) in NETWORKS.items():
        network = Network.objects.filter(slug=slug).first()
        coordinator = User.objects.filter(username=coordinator_name).first()
        if network is None or coordinator is None:
            continue
        with network_scope(network):
            pool = [_person(network, coordinator, row) for row in PEOPLE]
            created += len(pool)
            _bookings(network, coordinator, pool)
    return created


def _person(network: Network, actor, row) -> Interpreter:
    name, languages, qualification, availability, fee, consent = row
    handle = name.lower().replace(" ", ".")
    return services.interpreter_create(
        network=network,
        actor=actor,
        languages=languages,
        name=name,
        qualification=qualification,
        places=network.name,
        availability=availability,
        fee_per_hour=fee,
        volunteer=fee is None,
        email=f"{handle}@example.org",
        phone="",
        consent_given_on=date.today() - timedelta(days=90) if consent else None,
        consent_form=ConsentForm.FORM if consent else "",
    )


def _bookings(network: Network, actor, pool: list[Interpreter]) -> None:
    cooperations = list(selectors.open_cooperations(network=network)[:2])
    soon = timezone.make_aware(datetime.combine(date.today() + timedelta(days=7), time(17, 0)))
    for offset, cooperation in enumerate(cooperations):
        for person in pool[offset * 2 : offset * 2 + 2]:
            services.booking_create(
                interpreter=person,
                actor=actor,
                cooperation=cooperation,
                starts_at=soon + timedelta(days=offset),
                language=next(s.code for s in person.languages.all() if s.code != "de"),
                fee_agreed=person.fee_per_hour,
            )
