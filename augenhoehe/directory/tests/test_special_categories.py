"""Religious or political self-understanding (GDPR Art. 9) is public only where the organisation
chose so, and staff reads of it are logged (issue 9, point 6)."""

import importlib
import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from augenhoehe.core.models import LogEntry
from augenhoehe.core.services import log_reads
from augenhoehe.directory import services
from augenhoehe.directory.models import Organisation
from augenhoehe.testing.factories import MSO_ADMIN

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions", "unscoped")]

READ = "organisation.special_categories.viewed"


@pytest.fixture
def mosque(organisation_factory, users):
    organisation = organisation_factory(
        name="Moscheeverein Verl", city="Verl", self_understanding="religious", public_fields=["email"]
    )
    organisation.representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)
    return organisation


def test_visitors_do_not_learn_the_orientation_anywhere(mosque, client):
    """The finding: the organisation's religious or political orientation was always public."""
    page = client.get(mosque.get_absolute_url()).content.decode()
    api = client.get(f"/api/v1/organisations/{mosque.pk}/").json()
    export = json.loads(b"".join(client.get(reverse("exports:organisations_json")).streaming_content))
    search = client.get(reverse("directory:search"), {"q": "religiös"}).content.decode()
    facet = client.get(reverse("directory:search"), {"self_understanding": "religious"}).content.decode()

    assert "religiös" not in page
    assert "self_understanding" not in api
    assert export["organisations"][0]["self_understanding"] is None
    assert "Moscheeverein" not in search
    assert 'name="self_understanding"' not in client.get(reverse("directory:search")).content.decode()
    assert "Moscheeverein" in facet  # the filter is not offered to visitors, so it does not narrow


def test_the_organisation_may_choose_to_show_it(mosque, client, users):
    services.organisation_update(
        organisation=mosque, actor=users["mso_member"], fields={"public_fields": ["email", "orientation"]}
    )

    assert "religiös" in client.get(mosque.get_absolute_url()).content.decode()
    assert (
        client.get(f"/api/v1/organisations/{mosque.pk}/").json()["self_understanding"]["code"] == "religious"
    )
    assert "Moscheeverein" in client.get(reverse("directory:search"), {"q": "religiös"}).content.decode()


def test_another_network_cannot_make_it_public(mosque, users):
    with pytest.raises(ValidationError):  # publication is the organisation's decision
        services.organisation_update(
            organisation=mosque, actor=users["other_coordinator"], fields={"public_fields": ["orientation"]}
        )


def test_staff_reads_are_logged_where_it_is_not_public(mosque, client_for, users, network):
    client_for("coordinator").get(mosque.get_absolute_url())
    client_for("coordinator").get(f"/api/v1/organisations/{mosque.pk}/")
    client_for("coordinator").get("/api/v1/organisations/")
    b"".join(client_for("coordinator").get(reverse("exports:organisations_csv")).streaming_content)

    entries = LogEntry.objects.filter(action=READ).order_by("pk")
    assert [e.data["via"] for e in entries] == ["page", "api", "api", "export"]
    assert all(e.actor == users["coordinator"] and e.network == network for e in entries)
    assert all(e.data["fields"] == ["self_understanding"] and e.subject == mosque for e in entries)
    assert all("religious" not in json.dumps(e.data) for e in entries)  # which field, never the value


def test_no_log_for_the_organisation_itself_nor_where_it_is_public(mosque, client_for, organisation_factory):
    client_for("mso_member").get(mosque.get_absolute_url())
    public = organisation_factory(name="Offen", self_understanding="political", public_fields=["orientation"])
    client_for("coordinator").get(public.get_absolute_url())

    assert not LogEntry.objects.filter(action=READ).exists()


def test_log_reads_is_a_helper_for_any_restricted_record(mosque, users, network):
    entries = log_reads(
        subjects=[mosque], actor=users["coordinator"], network=network, fields=["b", "a", "a"], via="page"
    )
    assert [(e.action, e.data) for e in entries] == [
        ("organisation.fields_viewed", {"fields": ["a", "b"], "via": "page"})
    ]
    assert log_reads(subjects=[], actor=None, network=None, fields=["a"], via="page") == []


def test_the_migration_takes_existing_orientations_out_of_public_view(mosque):
    Organisation.objects.filter(pk=mosque.pk).update(
        public_fields=["email", "orientation"], search_document="moscheeverein religios"
    )
    migration = importlib.import_module("augenhoehe.directory.migrations.0008_publication_and_suggestions")

    migration.orientation_not_public(apps, None)

    mosque.refresh_from_db()
    assert mosque.public_fields == ["email"]
    assert "religios" not in mosque.search_document and "moscheeverein" in mosque.search_document
