"""A small directory with every kind of visibility the exports must respect."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from augenhoehe.directory.models import Organisation, Tag
from augenhoehe.testing.factories import MSO_ADMIN

CONFIRMED = datetime(2024, 12, 31, 14, 5, tzinfo=ZoneInfo("Europe/Berlin"))
DESCRIPTION = 'Elterncafé, Hausaufgabenhilfe; "Kita-Einstieg"\nzweite Zeile'


@pytest.fixture
def directory(organisation_factory, users):
    umbrella = organisation_factory(
        name="Bundesverband Türkischer Elternvereine", kind="umbrella", city="Köln"
    )
    secret_umbrella = organisation_factory(
        name="Geheimer Dachverband", kind="umbrella", city="Dortmund", is_published=False
    )
    eltern = organisation_factory(
        name="Türkischer Elternverein Gütersloh",
        short_name="TEV",
        kind="parents",
        self_understanding="social",
        description=DESCRIPTION,
        street="Berliner Straße 12",
        postal_code="33330",
        email="kontakt@elternverein.example",
        phone="+49 5241 12345",
        website="https://elternverein.example/",
        contact_person="Ayşe Demir",
        legal_form="ev",
        charitable=True,
        founding_year=1998,
        staffing="volunteers_only",
        volunteers="10_20",
        member_count=40,
        criterion_aims="yes",
        criterion_members="yes",
        public_fields=["email", "phone"],
        tags={
            Tag.Scheme.LANGUAGE: ["tr", "de"],
            Tag.Scheme.FIELD: ["parents", "early_childhood"],
            Tag.Scheme.COUNTRY: ["TR"],
            Tag.Scheme.TARGET_GROUP: ["families_young_children"],
        },
        umbrellas=[umbrella, secret_umbrella],
    )
    eltern.representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)
    Organisation.objects.filter(pk=eltern.pk).update(confirmed_at=CONFIRMED)
    eltern.refresh_from_db()
    syrisch = organisation_factory(
        name="Syrischer Kulturverein",
        city="Verl",
        email="verborgen@syrisch.example",
        tags={Tag.Scheme.LANGUAGE: ["ar"]},
    )
    entwurf = organisation_factory(
        name="Kurdischer Entwurf e. V.", city="Dortmund", is_published=False, email="entwurf@example.org"
    )
    return {
        "umbrella": umbrella,
        "secret_umbrella": secret_umbrella,
        "eltern": eltern,
        "syrisch": syrisch,
        "entwurf": entwurf,
    }
