"""``organisations_create_many``: the rules of ``organisation_create`` for each profile, written in bulk."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from augenhoehe.core.models import LogEntry
from augenhoehe.directory import services
from augenhoehe.directory.models import Organisation, Tag

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions", "unscoped")]

PLACES = ["Verl", "Gütersloh", "Harsewinkel", "Rheda-Wiedenbrück"]


def profiles(count: int, name: str) -> list[services.NewProfile]:
    return [
        services.NewProfile(
            fields={"name": f"{name} {n}", "kind": "cultural", "city": PLACES[n % len(PLACES)]},
            tags={"field": ["culture"], "language": ["tr", "de"]},
        )
        for n in range(count)
    ]


def test_the_queries_do_not_grow_with_the_profiles(users):
    # 20 profiles fit into one insert on either database (SQLite: 999 parameters a statement).
    def queries(count: int, name: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            created = services.organisations_create_many(
                actor=users["coordinator"], profiles=profiles(count, name)
            )
        assert [o.name for o in created] == [f"{name} {n}" for n in range(count)]
        return len(captured)

    ContentType.objects.get_for_model(Organisation)  # cached for the process after its first use
    assert queries(2, "Kulturverein") == queries(20, "Elternverein")
    assert Tag.objects.filter(organisation__name__startswith="Elternverein").count() == 20 * 3
    assert LogEntry.objects.filter(action="organisation.created").count() == 22


def test_a_profile_that_breaks_a_rule_names_its_place_and_nothing_is_written(users):
    given = profiles(3, "Verein")
    given[1] = services.NewProfile(fields={"name": "Verein ohne Ort", "kind": "cultural", "city": "Atlantis"})
    with pytest.raises(services.ProfileRejected) as rejected:
        services.organisations_create_many(actor=users["coordinator"], profiles=given)
    assert rejected.value.index == 1
    assert "city" in rejected.value.error.message_dict
    assert not Organisation.objects.exists()
    assert not LogEntry.objects.filter(action="organisation.created").exists()
