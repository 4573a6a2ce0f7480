"""The field registry: one answer to "who sees which field", and validation in the model.

For each role, the page, the API, the export and the vCard show the same fields of a
profile, the ones ``visible_fields`` names; and every entry point refuses the same
impossible postal code and founding year with the message at the field.
"""

import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.api.models import Scope
from augenhoehe.api.services import api_token_create
from augenhoehe.core.models import LogEntry
from augenhoehe.directory import profile_fields, services
from augenhoehe.directory.models import Organisation
from augenhoehe.directory.profile_fields import EDITORS, FIELDS, PUBLIC, visible_fields
from augenhoehe.imports import services as importing
from augenhoehe.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

# Fields an optional group or the editors' group guards: where outputs could drift apart.
GUARDED = {field.name for field in FIELDS if field.group != PUBLIC}
VCARD_FIELDS = {"street", "email", "phone", "website", "contact_person"}
POSTAL_CODE_ERROR = "Eine Postleitzahl hat fünf Ziffern."


def year_error(year) -> str:
    return f"{year} ist als Gründungsjahr nicht möglich (1800 bis heute)."


@pytest.fixture
def profile(users):
    """A published profile with every field filled; only e-mail and legal details are public."""
    organisation = OrganisationFactory(
        name="Afrika-Forum Gütersloh",
        short_name="AFG",
        street="Berliner Straße 12",
        postal_code="33330",
        latitude=Decimal("51.906500"),
        longitude=Decimal("8.378400"),
        email="info@afrika-forum.example",
        phone="+49 5241 123456",
        website="https://afrika-forum.example",
        contact_person="Amara Diallo",
        legal_form="ev",
        charitable=True,
        founding_year=1998,
        level="municipal",
        active_in="both",
        self_understanding="religious",
        svr_type="culture",
        staffing="mixed",
        volunteers="21_40",
        employees="2_5",
        member_count=345,
        criterion_aims="yes",
        criterion_members="yes",
        criterion_structures="yes",
        public_fields=["email", "legal"],
        tags={"language": ["fr", "de"], "field": ["encounter"]},
    )
    organisation.representatives.add(users["mso_member"])
    return services.organisation_confirm(organisation=organisation, actor=users["coordinator"])


def page_fields(client, organisation) -> set[str]:
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    shown = set()
    for section in response.context["sections"]:
        for fact in section.facts:
            assert all(str(value) in body for value in fact.values), fact
        shown |= section.fields
    return shown


def api_fields(client, organisation) -> set[str]:
    response = client.get(f"/api/v1/organisations/{organisation.pk}/")
    assert response.status_code == 200
    return set(response.json())


def export_fields(client) -> set[str]:
    response = client.get(reverse("exports:organisations_json"))
    (row,) = json.loads(b"".join(response.streaming_content))["organisations"]
    return {column for column, value in row.items() if value not in (None, "", [])}


def vcard_fields(client, organisation) -> set[str]:
    raw = client.get(reverse("exports:organisation_vcard", kwargs={"pk": organisation.pk})).content.decode()
    text = raw.replace("\r\n ", "")
    shown = {"email"} if "\r\nEMAIL" in text else set()
    shown |= {"phone"} if "\r\nTEL" in text else set()
    shown |= {"website"} if "\r\nURL:" in text else set()
    shown |= {"street"} if "Berliner Straße 12" in text else set()
    return shown | ({"contact_person"} if "Amara Diallo" in text else set())


@pytest.mark.parametrize(
    ("role", "editor"), [("anonymous", False), ("mso_member", True), ("coordinator", True)]
)
def test_page_api_export_and_vcard_show_the_same_fields(client_for, users, profile, role, editor):
    client = client_for(role)
    viewer = users[role] or AnonymousUser()
    expected = visible_fields(viewer, profile) & GUARDED
    groups = {field.group for field in FIELDS if field.name in expected}
    assert groups == (
        set(profile_fields.choices.PublicField.values) | {EDITORS} if editor else {"email", "legal"}
    )

    on_page = {field.name for field in FIELDS if field.group != EDITORS}
    exported = {field.name for field in FIELDS if field.exported}
    assert page_fields(client, profile) & GUARDED == expected & on_page
    # is_published and confirmed_at the API gives everyone (see the registry's note).
    assert api_fields(client, profile) & GUARDED - {"is_published", "confirmed_at"} == expected - {
        "is_published",
        "confirmed_at",
    }
    assert export_fields(client) & GUARDED == expected & exported
    assert vcard_fields(client, profile) == expected & VCARD_FIELDS


def test_every_exported_column_and_form_field_is_declared_once():
    names = [field.name for field in FIELDS]
    assert len(names) == len(set(names))
    assert set(profile_fields.EXPORT_COLUMNS) == {field.name for field in FIELDS if field.exported}
    assert {field.group for field in FIELDS} == set(profile_fields.choices.PublicField.values) | {
        PUBLIC,
        EDITORS,
    }
    assert set(profile_fields.PERSONAL_FIELDS) == {"street", "email", "phone", "contact_person"}


# --- validation in the model, whatever the entry point ------------------------------------------

FIELDS_OK = {"name": "Neuer Verein", "kind": "cultural", "city": "Gütersloh"}


@pytest.mark.parametrize(("name", "value", "message"), [
    ("postal_code", "1234", POSTAL_CODE_ERROR),
    ("postal_code", "3333O", POSTAL_CODE_ERROR),
    ("founding_year", 20111, year_error(20111)),
    ("founding_year", 1799, year_error(1799)),
])  # fmt: skip
@pytest.mark.usefixtures("unscoped")
def test_a_direct_service_call_is_refused_at_the_field(name, value, message):
    before = (Organisation.objects.count(), LogEntry.objects.count())
    with pytest.raises(ValidationError) as refused:
        services.organisation_create(actor=None, fields=FIELDS_OK | {name: value})
    assert refused.value.message_dict == {name: [message]}

    existing = OrganisationFactory()
    with pytest.raises(ValidationError) as refused:
        services.organisation_update(organisation=existing, actor=None, fields={name: value})
    assert refused.value.message_dict == {name: [message]}
    assert (Organisation.objects.count(), LogEntry.objects.count()) == (before[0] + 1, before[1] + 1)
    existing.refresh_from_db()
    assert getattr(existing, name) in ("", None)


def test_this_years_founding_is_fine():
    year = timezone.localdate().year
    organisation = services.organisation_create(actor=None, fields=FIELDS_OK | {"founding_year": year})
    assert organisation.founding_year == year


def test_the_edit_page_refuses_both_at_their_fields(client_for, profile):
    response = client_for("coordinator").post(
        reverse("directory:update", kwargs={"pk": profile.pk}),
        {"name": profile.name, "kind": "cultural", "city": "Gütersloh", "postal_code": "1234",
         "founding_year": "20111", "criterion_aims": "yes", "criterion_members": "yes",
         "criterion_structures": "yes", "based_on": profile.updated_at.isoformat()},
    )  # fmt: skip
    body = response.content.decode()
    assert response.context["form"].errors == {
        "postal_code": [POSTAL_CODE_ERROR],
        "founding_year": [year_error(20111)],
    }
    assert 'id="id_postal_code_error"' in body and 'id="id_founding_year_error"' in body
    profile.refresh_from_db()
    assert (profile.postal_code, profile.founding_year) == ("33330", 1998)


@pytest.mark.usefixtures("unscoped")
def test_the_api_refuses_both_at_their_fields(users, network, profile):
    with network_scope(network):
        _token, secret = api_token_create(
            network=network, actor=users["network_admin"], name="Client", scope=Scope.WRITE
        )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    before = LogEntry.objects.count()
    response = client.patch(
        f"/api/v1/organisations/{profile.pk}/", {"postal_code": "1234", "founding_year": 20111}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "postal_code": [POSTAL_CODE_ERROR],
        "founding_year": [year_error(20111)],
    }
    assert LogEntry.objects.count() == before
    profile.refresh_from_db()
    assert (profile.postal_code, profile.founding_year) == ("33330", 1998)


def test_the_import_refuses_both_at_their_columns(users, network):
    content = "Name;PLZ;Ort;Gründungsjahr\nVerein A;123;Gütersloh;1998\nVerein B;33330;Gütersloh;20111\nVerein C;3333;Gütersloh;1998\n"
    actor = users["coordinator"]
    with network_scope(network):
        batch = importing.import_start(
            network=network, actor=actor, file_name="liste.csv", content=content.encode()
        )
        importing.import_map(batch=batch, mapping=batch.mapping, default_kind="other", actor=actor)
        batch = importing.import_check(batch=batch, actor=actor)
        rows = {row.number: row for row in batch.rows.order_by("number")}
    assert [(e["column"], e["message"]) for e in rows[2].errors] == [("B (PLZ)", POSTAL_CODE_ERROR)]
    assert [(e["column"], e["message"]) for e in rows[3].errors] == [("D (Gründungsjahr)", year_error(20111))]
    # A leading zero that Excel dropped is put back, not refused.
    assert rows[4].errors == [] and rows[4].values["postal_code"] == "03333"
    assert not Organisation.objects.filter(name__startswith="Verein").exists()
