"""Who may change publication and umbrella memberships, and what visitors can infer."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from augenhoehe.core.models import Kreis, LogEntry
from augenhoehe.directory import services
from augenhoehe.directory.models import Organisation, UmbrellaMembership
from augenhoehe.testing.factories import MSO_ADMIN

# These tests read stored rows of any network directly; pages and services keep their own scope.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]


@pytest.fixture
def represented(organisation_factory, users):
    organisation = organisation_factory(name="Elternverein Verl", city="Verl", public_fields=["email"])
    organisation.representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)
    return organisation


def test_hidden_umbrellas_do_not_appear_in_the_public_facet(client, organisation_factory):
    hidden = organisation_factory(name="Geheimer Dachverband", kind="umbrella", is_published=False)
    organisation_factory(name="Öffentliches Mitglied", umbrellas=[hidden])

    body = client.get(reverse("directory:search")).content.decode()
    probe = client.get(reverse("directory:search"), {"umbrella": [str(hidden.pk)]}).content.decode()

    assert "Geheimer Dachverband" not in body
    assert "Geheimer Dachverband" not in probe
    assert "Unbekannter Filterwert" in probe  # the filter is refused, not applied


def test_staff_see_hidden_umbrellas_in_the_facet(client_for, organisation_factory):
    hidden = organisation_factory(name="Geheimer Dachverband", kind="umbrella", is_published=False)
    organisation_factory(name="Mitglied", umbrellas=[hidden])

    assert (
        "Geheimer Dachverband" in client_for("coordinator").get(reverse("directory:search")).content.decode()
    )


def test_mso_members_cannot_join_umbrellas_themselves(represented, organisation_factory, users):
    umbrella = organisation_factory(name="Bundesverband", kind="umbrella")

    with pytest.raises(ValidationError) as error:
        services.organisation_update(
            organisation=represented, actor=users["mso_member"], fields={}, umbrellas=[umbrella]
        )

    assert "umbrellas" in error.value.message_dict
    assert not UmbrellaMembership.objects.exists()


def test_the_members_form_proposes_umbrellas_instead_of_setting_them(
    client_for, represented, organisation_factory
):
    umbrella = organisation_factory(name="Bundesverband", kind="umbrella")
    client = client_for("mso_member")
    url = reverse("directory:update", args=[represented.pk])

    # Offered with the hint that the network checks it (issue 14: representatives propose umbrellas).
    assert 'name="umbrellas"' in client.get(url).content.decode()
    data = {
        "name": represented.name,
        "kind": "parents",
        "city": "Verl",
        "criterion_aims": represented.criterion_aims,
        "criterion_members": represented.criterion_members,
        "criterion_structures": represented.criterion_structures,
        "umbrellas": [umbrella.pk],
        "is_published": "on",
        "public_fields": ["email", "phone"],
    }
    assert client.post(url, data).status_code == 302

    represented.refresh_from_db()
    assert not UmbrellaMembership.objects.exists()
    assert represented.proposals.get().fields == {"umbrellas": [umbrella.pk]}
    assert represented.public_fields == ["email", "phone"]  # the organisation decides its publication


def test_staff_cannot_change_the_publication_of_a_represented_organisation(represented, users, client_for):
    with pytest.raises(ValidationError) as error:
        services.organisation_update(
            organisation=represented,
            actor=users["other_coordinator"],
            fields={"public_fields": ["email", "phone"]},
        )
    assert "public_fields" in error.value.message_dict

    form = client_for("coordinator").get(reverse("directory:update", args=[represented.pk])).content.decode()
    assert 'name="public_fields"' not in form
    assert 'name="is_published"' not in form


def test_staff_publish_organisations_without_representatives(organisation_factory, users):
    organisation = organisation_factory(is_published=False)

    services.organisation_update(
        organisation=organisation, actor=users["coordinator"], fields={"is_published": True}
    )

    organisation.refresh_from_db()
    assert organisation.is_published


def test_editing_a_profile_in_an_ambiguous_city_keeps_its_place(organisation_factory, users):
    bruehl = organisation_factory(name="Verein in Brühl", city="Brühl", kreis=Kreis.objects.get(ags="05362"))

    services.organisation_update(
        organisation=bruehl,
        actor=users["coordinator"],
        fields={"phone": "030 23125 100", "city": "Brühl", "kreis": None},
    )

    bruehl.refresh_from_db()
    assert bruehl.kreis_id == "05362"
    assert bruehl.gemeinde.kreis_id == "05362"


@pytest.mark.parametrize(
    "tags", [{"language": ["tr", "klingonisch"]}, {"country": ["XX"]}, {"unknown_scheme": ["x"]}]
)
def test_unknown_vocabulary_is_refused_and_nothing_is_written(organisation_factory, tags):
    with pytest.raises(ValidationError):
        organisation_factory(name="Neu", tags=tags)

    assert not Organisation.objects.filter(name="Neu").exists()
    assert not LogEntry.objects.exists()


def test_public_fields_are_normalised(organisation_factory, users):
    organisation = organisation_factory(public_fields=["phone", "email", "email"])
    assert organisation.public_fields == ["email", "phone"]

    services.organisation_update(
        organisation=organisation, actor=users["coordinator"], fields={"public_fields": ["phone", "email"]}
    )
    assert not LogEntry.objects.filter(action="organisation.changed").exists()


def test_history_restore_gets_the_whole_page(client, represented):
    response = client.get(
        reverse("directory:search"), headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )

    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_history_does_not_name_umbrellas_the_reader_may_not_see(
    client_for, represented, organisation_factory, users
):
    hidden = organisation_factory(name="Geheimer Dachverband", kind="umbrella", is_published=False)
    services.organisation_update(
        organisation=represented, actor=users["coordinator"], fields={}, umbrellas=[hidden]
    )

    member_view = client_for("mso_member").get(reverse("directory:history", args=[represented.pk]))
    staff_view = client_for("coordinator").get(reverse("directory:history", args=[represented.pk]))

    assert "Geheimer Dachverband" not in member_view.content.decode()
    assert "Geheimer Dachverband" in staff_view.content.decode()
    assert (
        "Geheimer Dachverband"
        not in client_for("mso_member").get(represented.get_absolute_url()).content.decode()
    )
