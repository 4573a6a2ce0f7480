from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from augenhoehe.core.models import Kreis, LogEntry
from augenhoehe.directory import services
from augenhoehe.directory.models import InternalNote, Organisation, Tag, UmbrellaMembership

# These tests read stored rows of any network directly; pages and services keep their own scope.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]


def test_create_resolves_city_to_gemeinde_kreis_and_land(organisation_factory):
    organisation = organisation_factory(city="Rheda-Wiedenbrück")

    assert organisation.gemeinde.name.startswith("Rheda-Wiedenbrück")
    assert organisation.kreis.ags == "05754"
    assert organisation.kreis.land.name == "Nordrhein-Westfalen"


def test_unknown_city_without_kreis_is_refused_and_nothing_is_written(organisation_factory):
    with pytest.raises(ValidationError) as error:
        organisation_factory(city="Atlantis")

    assert "city" in error.value.message_dict
    assert not Organisation.objects.exists()
    assert not LogEntry.objects.exists()


def test_part_of_town_is_accepted_with_the_kreis_the_user_chose(organisation_factory):
    organisation = organisation_factory(city="Marienfeld", kreis=Kreis.objects.get(ags="05754"))

    assert organisation.gemeinde is None
    assert organisation.kreis_id == "05754"


def test_ambiguous_city_asks_for_the_kreis(organisation_factory):
    # Several Gemeinden in Germany are called Neustadt.
    with pytest.raises(ValidationError) as error:
        organisation_factory(city="Brühl")

    assert "kreis" in error.value.message_dict


def test_a_kreis_that_contradicts_the_city_is_an_error(organisation_factory):
    with pytest.raises(ValidationError) as error:
        organisation_factory(city="Dortmund", kreis=Kreis.objects.get(ags="05754"))

    assert "city" in error.value.message_dict


def test_update_records_who_changed_what(organisation_factory, users):
    organisation = organisation_factory(name="Elternverein Gütersloh", tags={Tag.Scheme.LANGUAGE: ["tr"]})
    coordinator = users["coordinator"]

    services.organisation_update(
        organisation=organisation,
        actor=coordinator,
        fields={"name": "Türkischer Elternverein Gütersloh", "city": "Verl"},
        tags={Tag.Scheme.LANGUAGE: ["tr", "de"]},
    )

    entry = LogEntry.objects.filter(action="organisation.changed").get()
    assert entry.actor == coordinator
    assert entry.network is None  # the profile is shared, so is its history
    assert entry.data["changes"]["name"] == [
        "Elternverein Gütersloh",
        "Türkischer Elternverein Gütersloh",
    ]
    assert entry.data["changes"]["city"] == ["Gütersloh", "Verl"]
    assert entry.data["changes"]["tags.language"] == [["tr"], ["de", "tr"]]
    organisation.refresh_from_db()
    assert organisation.gemeinde.name.startswith("Verl")


def test_update_without_changes_writes_no_history(organisation_factory, users):
    organisation = organisation_factory(name="Kalyna")

    services.organisation_update(
        organisation=organisation, actor=users["coordinator"], fields={"name": "Kalyna"}
    )

    assert not LogEntry.objects.filter(action="organisation.changed").exists()


def test_invalid_update_changes_nothing(organisation_factory, users):
    organisation = organisation_factory(name="Kalyna", founding_year=1999)

    with pytest.raises(ValidationError):
        services.organisation_update(
            organisation=organisation,
            actor=users["coordinator"],
            fields={"name": "Neu", "founding_year": 1200},
        )

    organisation.refresh_from_db()
    assert (organisation.name, organisation.founding_year) == ("Kalyna", 1999)


def test_umbrella_cycles_are_refused(organisation_factory, users):
    land = organisation_factory(name="Landesnetzwerk", kind="umbrella")
    region = organisation_factory(name="Regionalverband", kind="umbrella", umbrellas=[land])

    with pytest.raises(ValidationError) as error:
        services.organisation_update(
            organisation=land, actor=users["coordinator"], fields={}, umbrellas=[region]
        )

    assert "umbrellas" in error.value.message_dict
    assert UmbrellaMembership.objects.count() == 1


def test_confirm_sets_date_and_person(organisation_factory, users):
    organisation = organisation_factory()

    services.organisation_confirm(organisation=organisation, actor=users["mso_member"])

    organisation.refresh_from_db()
    assert organisation.confirmed_by == users["mso_member"]
    assert organisation.confirmed_at is not None


def test_internal_notes_belong_to_the_authors_network(organisation_factory, users, network):
    organisation = organisation_factory()

    note = services.internal_note_create(
        organisation=organisation, network=network, actor=users["coordinator"], text=" Termin im Mai "
    )

    assert note.network == network
    assert note.text == "Termin im Mai"
    entry = LogEntry.objects.get(action="organisation.note.added")
    assert entry.network == network


def test_only_staff_of_the_network_write_its_internal_notes(organisation_factory, users, network):
    for role in ["mso_member", "other_coordinator"]:
        with pytest.raises(ValidationError):
            services.internal_note_create(
                organisation=organisation_factory(), network=network, actor=users[role], text="x"
            )
    assert not InternalNote.objects.exists()


def test_criteria_result():
    organisation = Organisation(criterion_aims="yes", criterion_members="yes", criterion_structures="yes")
    assert organisation.criteria_result == "met"
    organisation.criterion_members = "unknown"
    assert organisation.criteria_result == "open"
    organisation.criterion_structures = "no"
    assert organisation.criteria_result == "not_met"


@pytest.mark.parametrize(
    "fields",
    [
        {"founding_year": 1799},
        {"latitude": Decimal("51.9")},
        {"longitude": Decimal("8.4")},
        {"latitude": Decimal("91"), "longitude": Decimal("8.4")},
        {"latitude": Decimal("51.9"), "longitude": Decimal("181")},
    ],
)
def test_every_check_constraint_is_also_checked_in_python(regions, fields):
    """The services skip Django's constraint queries; the same rules must hold without them."""
    organisation = Organisation(name="Verein", kind="cultural", city="Verl", kreis_id="05754", **fields)
    violated = [
        constraint.name
        for constraint in Organisation._meta.constraints
        if not _holds(constraint, organisation)
    ]
    assert len(violated) == 1
    with pytest.raises(ValidationError) as raised:
        organisation.full_clean(exclude=["gemeinde", "kreis"], validate_constraints=False)
    assert set(raised.value.message_dict) <= {"founding_year", "latitude", "longitude"}


def _holds(constraint, organisation) -> bool:
    try:
        constraint.validate(Organisation, organisation)
    except ValidationError:
        return False
    return True
