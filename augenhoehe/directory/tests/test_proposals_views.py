"""The proposal pages for each role, the form's hints, the history, the desk and the API."""

import pytest
from django.urls import reverse

from augenhoehe.directory import proposals
from augenhoehe.directory.models import Organisation, ProfileProposal
from augenhoehe.testing.factories import MSO_ADMIN, representative, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]

HINT = "Name, Adresse, Dachverband und die drei Kriterien prüft das Netzwerk, bevor sie erscheinen."


@pytest.fixture
def organisation(organisation_factory, users):
    organisation = organisation_factory(name="Elternverein Gütersloh", description="Alt")
    organisation.representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)
    return organisation


@pytest.fixture
def proposal(organisation, users):
    _saved, proposal = proposals.organisation_edit(
        organisation=organisation,
        actor=users["mso_member"],
        fields={"name": "Elternverein Gütersloh e. V."},
        message="Wir sind jetzt eingetragen.",
    )
    return proposal


def form_data(organisation: Organisation, **overrides) -> dict:
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "city": organisation.city,
        "description": organisation.description,
        "criterion_aims": organisation.criterion_aims,
        "criterion_members": organisation.criterion_members,
        "criterion_structures": organisation.criterion_structures,
        "based_on": organisation.updated_at.isoformat(),
    }
    return data | overrides


def test_the_form_says_what_the_network_reviews(client_for, organisation):
    page = client_for("mso_member").get(reverse("directory:update", args=[organisation.pk])).content.decode()

    assert HINT in page
    assert (
        page.count("Prüft das Netzwerk.") >= 8
    )  # name, street, postal code, city, Kreis, 2 coordinates, criteria
    assert 'name="umbrellas"' in page or "Mitglied in Dachverbänden" in page
    assert "noch kein Netzwerk zuständig" not in page


def test_staff_see_no_hint_and_change_everything(client_for, organisation):
    page = client_for("coordinator").get(reverse("directory:update", args=[organisation.pk])).content.decode()

    assert HINT not in page and "Prüft das Netzwerk." not in page


def test_one_save_publishes_the_description_and_proposes_the_name(client_for, organisation, mailoutbox):
    client = client_for("mso_member")
    url = reverse("directory:update", args=[organisation.pk])

    response = client.post(url, form_data(organisation, description="Neu und frisch", name="Anderer Name"))

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.description == "Neu und frisch" and organisation.name == "Elternverein Gütersloh"
    page = client.get(response["Location"]).content.decode()
    assert HINT in page  # the success message says so plainly
    form = client.get(url).content.decode()
    assert "Vorgeschlagen: <bdi>Anderer Name</bdi> – wartet auf Prüfung." in form
    proposal = ProfileProposal.objects.get()
    assert reverse("directory:proposal_withdraw", args=[proposal.pk]) in form


def test_a_proposal_that_does_not_validate_shows_the_error_at_the_field(client_for, organisation):
    url = reverse("directory:update", args=[organisation.pk])

    response = client_for("mso_member").post(url, form_data(organisation, description="Neu", city="Atlantis"))

    assert response.status_code == 200
    assert "Den Ort „Atlantis“ kennen wir nicht" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.description == "Alt" and not ProfileProposal.objects.exists()


def test_without_an_answering_network_the_form_says_the_proposal_waits(
    client_for, organisation_factory, users
):
    organisation = organisation_factory(name="Verein in Köln", city="Köln")
    organisation.representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)

    page = client_for("mso_member").get(reverse("directory:update", args=[organisation.pk])).content.decode()

    assert "Für Ihren Kreis ist noch kein Netzwerk zuständig." in page


def test_the_list_shows_open_proposals_in_a_fixed_number_of_queries(
    client_for, organisation_factory, users, django_assert_num_queries, proposal
):
    client = client_for("coordinator")
    url = reverse("directory:proposals")
    client.get(url)  # the session and its network are read once

    with django_assert_num_queries(5) as few:
        page = client.get(url).content.decode()
    assert "Elternverein Gütersloh" in page
    for number in range(3):
        other = organisation_factory(name=f"Weiterer Verein {number}")
        member = representative(other, "admin")
        proposals.organisation_edit(organisation=other, actor=member, fields={"name": f"Neu {number}"})
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count('href="/organisations/proposals/') == 4
    assert "Elternverein" not in client_for("other_coordinator").get(url).content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator", 200), ("network_admin", 200), ("mso_member", 200), ("other_coordinator", 404)],
)
def test_who_reads_a_proposal(client_for, proposal, role, status):
    response = client_for(role).get(reverse("directory:proposal", args=[proposal.pk]))

    assert response.status_code == status


def test_a_representative_of_another_organisation_is_told_nothing_exists(
    client, organisation_factory, proposal
):
    stranger = representative(organisation_factory(name="Anderer Verein"), "admin")
    sign_in(client, stranger)
    assert client.get(reverse("directory:proposal", args=[proposal.pk])).status_code == 404
    response = client.post(reverse("directory:proposal_withdraw", args=[proposal.pk]))
    assert response.status_code == 404


def test_the_detail_shows_old_and_new_and_the_message(client_for, proposal):
    page = client_for("coordinator").get(reverse("directory:proposal", args=[proposal.pk])).content.decode()

    assert (
        '<td dir="auto">Elternverein Gütersloh</td><td dir="auto">Elternverein Gütersloh e. V.</td>' in page
    )
    assert "Wir sind jetzt eingetragen." in page
    assert 'value="accept"' in page
    # The representative reads it, but decides nothing.
    own = client_for("mso_member").get(reverse("directory:proposal", args=[proposal.pk])).content.decode()
    assert 'value="accept"' not in own and "Vorschlag zurückziehen" in own


def test_a_representative_may_not_decide(client_for, proposal):
    response = client_for("mso_member").post(
        reverse("directory:proposal", args=[proposal.pk]), {"decision": "accept"}
    )

    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == ProfileProposal.Status.OPEN


def test_accept_and_the_history_shows_proposal_and_decision(client_for, proposal, organisation, network):
    response = client_for("coordinator").post(
        reverse("directory:proposal", args=[proposal.pk]), {"decision": "accept"}
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Elternverein Gütersloh e. V."
    for role in ("mso_member", "coordinator"):
        page = client_for(role).get(reverse("directory:history", args=[organisation.pk])).content.decode()
        assert "Änderung vorgeschlagen (prüft das Netzwerk)" in page
        assert "Vorschlag geprüft und übernommen" in page
        assert f"Geprüft und übernommen für {network.name}." in page


def test_reject_needs_a_reason_next_to_the_field(client_for, proposal, organisation):
    client = client_for("coordinator")
    url = reverse("directory:proposal", args=[proposal.pk])

    empty = client.post(url, {"decision": "reject", "reason": ""})
    assert empty.status_code == 400
    assert 'id="id_reason_error"' in empty.content.decode()

    assert client.post(url, {"decision": "reject", "reason": "Bitte Satzung schicken."}).status_code == 302
    page = client_for("mso_member").get(reverse("directory:history", args=[organisation.pk])).content.decode()
    assert "Grund: Bitte Satzung schicken." in page


def test_a_stale_proposal_is_refused_with_the_field_named(client_for, organisation, users):
    _saved, proposal = proposals.organisation_edit(
        organisation=organisation, actor=users["mso_member"], fields={"city": "Harsewinkel"}
    )
    ProfileProposal.objects.filter(pk=proposal.pk).update(fields=proposal.fields | {"kreis": "05913"})

    response = client_for("coordinator").post(
        reverse("directory:proposal", args=[proposal.pk]), {"decision": "accept"}
    )

    assert response.status_code == 400
    assert "Ort: „Harsewinkel“ liegt nicht im" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.city == "Gütersloh"


def test_withdraw_from_the_form(client_for, proposal, organisation):
    response = client_for("mso_member").post(reverse("directory:proposal_withdraw", args=[proposal.pk]))

    assert response["Location"] == reverse("directory:update", args=[organisation.pk])
    proposal.refresh_from_db()
    assert proposal.status == ProfileProposal.Status.WITHDRAWN
    staff = client_for("coordinator").post(reverse("directory:proposal_withdraw", args=[proposal.pk]))
    assert staff.status_code == 403


def test_the_desk_counts_open_proposals(client_for, proposal):
    page = client_for("coordinator").get(reverse("cooperation:desk")).content.decode()

    assert "1 Vorschlag wartet auf Prüfung." in page
    assert reverse("directory:proposals") in page


def test_the_api_does_not_let_a_representative_change_a_reviewed_field(client_for, organisation):
    client = client_for("mso_member")
    url = f"/api/v1/organisations/{organisation.pk}/"

    refused = client.patch(url, {"name": "Per API"}, content_type="application/json")
    allowed = client.patch(url, {"description": "Per API"}, content_type="application/json")

    assert refused.status_code == 400 and "name" in refused.json()["errors"]
    assert allowed.status_code == 200
    organisation.refresh_from_db()
    assert (organisation.name, organisation.description) == ("Elternverein Gütersloh", "Per API")


def test_an_unpublished_umbrella_is_not_offered_to_a_representative(
    client_for, organisation, organisation_factory
):
    hidden = organisation_factory(name="Geheimer Dachverband", kind="umbrella", is_published=False)
    shown = organisation_factory(name="Offener Dachverband", kind="umbrella", is_published=True)
    client = client_for("mso_member")
    url = reverse("directory:update", args=[organisation.pk])

    page = client.get(url).content.decode()
    assert "Offener Dachverband" in page and "Geheimer Dachverband" not in page
    # Staff may see every profile, so they are offered it.
    assert "Geheimer Dachverband" in client_for("coordinator").get(url).content.decode()

    forged = client.post(url, form_data(organisation, umbrellas=[hidden.pk]))
    assert forged.status_code == 200
    assert 'id="id_umbrellas_error"' in forged.content.decode()
    assert not ProfileProposal.objects.filter(organisation=organisation).exists()
    assert client.post(url, form_data(organisation, umbrellas=[shown.pk])).status_code == 302


def test_a_second_reviewer_of_a_decided_proposal_is_told_so(client_for, proposal):
    url = reverse("directory:proposal", args=[proposal.pk])
    assert client_for("coordinator").post(url, {"decision": "accept"}).status_code == 302

    late = client_for("network_admin")
    response = late.post(url, {"decision": "reject", "reason": "Zu spät."})

    assert response.status_code == 302 and response["Location"] == url
    page = late.get(url).content.decode()
    assert "Über diesen Vorschlag ist schon entschieden." in page
    assert "passen so nicht mehr" not in page
    proposal.refresh_from_db()
    assert proposal.status == ProfileProposal.Status.ACCEPTED
    # Who may never decide is still refused.
    assert client_for("mso_member").post(url, {"decision": "reject", "reason": "x"}).status_code == 403


def test_staff_editing_the_profile_are_told_of_the_open_proposal(client_for, proposal, organisation):
    page = client_for("coordinator").get(reverse("directory:update", args=[organisation.pk])).content.decode()

    assert "Die Organisation hat eine Änderung vorgeschlagen" in page
    assert reverse("directory:proposal", args=[proposal.pk]) in page
    assert "Prüft das Netzwerk." not in page
