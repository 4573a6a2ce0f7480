"""Rows: what each role sees, and a query count that does not grow with the result."""

import pytest
from django.contrib.auth.models import AnonymousUser

from augenhoehe.directory.choices import PublicField
from augenhoehe.directory.facets import organisation_search, organisation_search_results
from augenhoehe.directory.models import Organisation
from augenhoehe.directory.permissions import visible_field_groups
from augenhoehe.directory.services import TRACKED_FIELDS
from augenhoehe.exports.selectors import organisation_export_rows
from augenhoehe.interchange.format import COLUMNS, EDITOR_COLUMNS, FIELD_GROUP_OF_COLUMN
from augenhoehe.testing.directory import CONFIRMED
from augenhoehe.testing.factories import MSO_ADMIN

pytestmark = pytest.mark.django_db

STAFF = ["coordinator", "network_admin", "other_coordinator"]


def rows_for(viewer, query="", **filters) -> dict[str, dict]:
    viewer = viewer or AnonymousUser()
    organisations = organisation_search_results(viewer=viewer, query=query, filters=filters)
    return {row["name"]: row for row in organisation_export_rows(organisations=organisations, viewer=viewer)}


def test_every_profile_field_has_a_column_or_a_reason():
    # Guards the documented format: a new profile field must be exported or excluded on purpose.
    not_exported = {"gemeinde_id", "kreis_id"}  # exported as gemeinde_ags / kreis_ags
    assert set(TRACKED_FIELDS) - not_exported <= set(COLUMNS)
    assert set(FIELD_GROUP_OF_COLUMN.values()) == set(PublicField.values)


def test_visitors_get_published_profiles_and_their_public_fields_only(directory):
    rows = rows_for(None)
    assert list(rows) == [
        "Bundesverband Türkischer Elternvereine",
        "Syrischer Kulturverein",
        "Türkischer Elternverein Gütersloh",
    ]
    eltern = rows["Türkischer Elternverein Gütersloh"]
    assert list(eltern) == list(COLUMNS)
    assert eltern["email"] == "kontakt@elternverein.example"
    assert eltern["phone"] == "+49 5241 12345"
    for hidden in ("street", "website", "contact_person", "legal_form", "charitable", "founding_year",
                   "staffing", "volunteers", "employees", "member_count", "criterion_aims",
                   "criterion_members", "criterion_structures", *EDITOR_COLUMNS):  # fmt: skip
        assert eltern[hidden] is None, hidden
    assert eltern["postal_code"] == "33330"
    assert eltern["kreis_ags"] == "05754"
    assert eltern["land"] == "05"
    assert eltern["gemeinde_ags"].startswith("05754")
    assert eltern["languages"] == ["de", "tr"]
    assert eltern["fields"] == ["early_childhood", "parents"]
    assert eltern["countries"] == ["TR"]
    # The unpublished umbrella does not show up, not even by its id.
    assert eltern["umbrellas"] == [directory["umbrella"].pk]
    assert rows["Syrischer Kulturverein"]["email"] is None


def test_a_representative_sees_everything_of_their_own_organisation_only(directory, users):
    rows = rows_for(users["mso_member"])
    assert "Kurdischer Entwurf e. V." not in rows
    eltern = rows["Türkischer Elternverein Gütersloh"]
    assert eltern["street"] == "Berliner Straße 12"
    assert eltern["contact_person"] == "Ayşe Demir"
    assert (eltern["legal_form"], eltern["charitable"], eltern["founding_year"]) == ("ev", True, 1998)
    assert (eltern["staffing"], eltern["volunteers"], eltern["member_count"]) == (
        "volunteers_only",
        "10_20",
        40,
    )
    assert eltern["criterion_structures"] == "unknown"
    assert eltern["is_published"] is True
    assert eltern["public_fields"] == ["email", "phone"]
    assert eltern["confirmed_at"] == CONFIRMED
    assert eltern["umbrellas"] == [directory["umbrella"].pk]
    assert rows["Syrischer Kulturverein"]["email"] is None
    assert rows["Syrischer Kulturverein"]["is_published"] is None


@pytest.mark.parametrize("role", STAFF)
def test_staff_see_every_profile_with_every_field(directory, users, role):
    rows = rows_for(users[role])
    assert len(rows) == 5
    assert rows["Kurdischer Entwurf e. V."]["email"] == "entwurf@example.org"
    assert rows["Kurdischer Entwurf e. V."]["is_published"] is False
    assert rows["Syrischer Kulturverein"]["email"] == "verborgen@syrisch.example"
    umbrellas = rows["Türkischer Elternverein Gütersloh"]["umbrellas"]
    assert umbrellas == sorted([directory["umbrella"].pk, directory["secret_umbrella"].pk])


@pytest.mark.parametrize("role", ["anonymous", "mso_member", *STAFF])
def test_the_batch_check_agrees_with_the_permission_rules(directory, users, role):
    viewer = users[role] or AnonymousUser()
    for row in rows_for(users[role]).values():
        organisation = Organisation.objects.get(pk=row["id"])
        shown = visible_field_groups(viewer, organisation)
        for column, group in FIELD_GROUP_OF_COLUMN.items():
            expected = getattr(organisation, column) if group in shown else None
            assert row[column] == expected, (row["name"], column)
        editor = viewer.has_perm("directory.change_organisation", organisation)
        assert (row["is_published"] is not None) == editor


def test_full_text_and_filters_apply_like_on_the_page(directory):
    page = organisation_search(viewer=AnonymousUser(), query="tuerkisch", filters={})
    expected = [organisation.name for organisation in page.page.object_list]
    assert sorted(expected) == ["Bundesverband Türkischer Elternvereine", "Türkischer Elternverein Gütersloh"]
    assert list(rows_for(None, query="tuerkisch")) == expected
    assert list(rows_for(None, language=["ar"])) == ["Syrischer Kulturverein"]
    assert list(rows_for(None, language=["ar", "tr"], kind=["parents"])) == [
        "Türkischer Elternverein Gütersloh"
    ]


@pytest.mark.parametrize("role", ["anonymous", "mso_member", "coordinator"])
def test_queries_do_not_grow_with_the_number_of_organisations(
    organisation_factory, users, role, django_assert_max_num_queries
):
    viewer = users[role] or AnonymousUser()
    umbrella = organisation_factory(name="Dachverband", kind="umbrella")

    def export() -> int:
        organisations = organisation_search_results(viewer=viewer, query="", filters={})
        return len(list(organisation_export_rows(organisations=organisations, viewer=viewer)))

    def add(n: int) -> None:
        for _ in range(n):
            organisation = organisation_factory(tags={"language": ["tr", "de"], "field": ["culture"]},
                                                umbrellas=[umbrella])  # fmt: skip
            organisation.representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)

    add(3)
    # The person's network memberships, Django's permissions of the user (two), the represented
    # organisations, the rows, tags, umbrella memberships.
    with django_assert_max_num_queries(7) as few:
        assert export() == 4
    add(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert export() == 31
