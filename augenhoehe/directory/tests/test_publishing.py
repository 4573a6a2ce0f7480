"""Who decides a profile's publication (issue 9, point 3), and how every other network suggests.

Publication is the organisation's consent: its MSO admins decide; where it has none, the staff of
the networks responsible for its Kreis, or of the network that created it. Any other network
suggests, and those who decide accept or reject.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from augenhoehe.accounts.models import NetworkRole
from augenhoehe.core.models import LogEntry
from augenhoehe.directory import services
from augenhoehe.directory.models import ChangeSuggestion, Organisation, RepresentativeRole
from augenhoehe.directory.permissions import can_publish
from augenhoehe.directory.selectors import organisation_publishable_queryset
from augenhoehe.testing.factories import NetworkFactory, representative, staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions", "unscoped")]


@pytest.fixture
def draft(organisation_factory):
    """An unpublished profile in the Kreis Gütersloh, with its contact details, and no MSO admin."""
    return organisation_factory(
        name="Elternverein Verl",
        city="Verl",
        is_published=False,
        contact_person="Ayşe Demir",
        email="ayse@elternverein.example",
        phone="+49 5246 1234",
    )


def test_another_networks_staff_cannot_publish_a_draft(draft, users):
    """The finding: Dortmund's staff published Gütersloh's draft, contact person and all."""
    with pytest.raises(ValidationError) as error:
        services.organisation_update(
            organisation=draft,
            actor=users["other_coordinator"],
            fields={"is_published": True, "public_fields": ["contact_person", "email", "phone"]},
        )

    assert set(error.value.message_dict) == {"is_published", "public_fields"}
    draft.refresh_from_db()
    assert not draft.is_published and draft.public_fields == []


def test_another_networks_form_offers_no_publication_and_ignores_it(draft, client_for):
    client = client_for("other_coordinator")
    url = reverse("directory:update", args=[draft.pk])
    form = client.get(url).content.decode()
    assert 'name="is_published"' not in form
    assert reverse("directory:suggest", args=[draft.pk]) in form  # the way to suggest it instead
    data = {
        "name": draft.name,
        "kind": "cultural",
        "city": "Verl",
        "criterion_aims": "unknown",
        "criterion_members": "unknown",
        "criterion_structures": "unknown",
        "is_published": "on",
        "public_fields": ["contact_person"],
    }
    client.post(url, data)

    draft.refresh_from_db()
    assert not draft.is_published and draft.public_fields == []


def test_the_responsible_networks_staff_publish_a_profile_without_mso_admins(draft, users):
    services.organisation_update(
        organisation=draft, actor=users["coordinator"], fields={"is_published": True}
    )

    draft.refresh_from_db()
    assert draft.is_published


def test_the_network_that_created_a_profile_may_publish_it_outside_its_kreise(users, other_network):
    # Dortmund's staff record an association in Verl (Kreis Gütersloh) for their own work.
    created = services.organisation_create(
        actor=users["other_coordinator"],
        network=other_network,
        fields={"name": "Ghana Union", "kind": "cultural", "city": "Verl", "is_published": True},
    )

    assert created.created_by_network == other_network and created.is_published
    assert can_publish(users["other_coordinator"], created)
    assert can_publish(users["coordinator"], created)  # Gütersloh answers for Verl


def test_a_new_profile_outside_the_actors_networks_is_not_published_by_them(users):
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            actor=users["other_coordinator"],
            fields={"name": "Ghana Union", "kind": "cultural", "city": "Verl", "is_published": True},
        )
    assert "is_published" in error.value.message_dict
    assert not Organisation.objects.exists()


def test_a_network_the_actor_does_not_work_for_is_not_recorded_as_creator(users, other_network):
    created = services.organisation_create(
        actor=users["coordinator"],
        network=other_network,
        fields={"name": "X", "kind": "other", "city": "Verl"},
    )
    assert created.created_by_network is None


def test_once_the_organisation_has_mso_admins_only_they_decide(draft, users):
    admin = representative(draft, RepresentativeRole.ADMIN)

    assert not can_publish(users["coordinator"], draft)
    assert can_publish(admin, draft)


def test_publishable_queryset_agrees_with_can_publish_for_every_role(organisation_factory, users, network):
    organisation_factory(name="Verl ohne Vertretung", city="Verl", is_published=False)
    represented = organisation_factory(name="Verl vertreten", city="Verl", is_published=False)
    organisation_factory(name="Dortmund ohne Vertretung", city="Dortmund", is_published=False)
    created_elsewhere = organisation_factory(name="Von Dortmund angelegt", city="Verl")
    Organisation.objects.filter(pk=created_elsewhere.pk).update(
        created_by_network=NetworkFactory(kreise=["05913"])
    )
    mso_admin = representative(represented, RepresentativeRole.ADMIN)
    people = {
        **users,
        "anonymous": AnonymousUser(),
        "mso_admin": mso_admin,
        "admin_both": staff(network, NetworkRole.ADMIN, also=[NetworkFactory(kreise=["05913"])]),
    }
    organisations = list(Organisation.objects.all())
    for role, person in people.items():
        by_query = set(organisation_publishable_queryset(viewer=person).values_list("pk", flat=True))
        by_rule = {o.pk for o in organisations if can_publish(person, o)}
        assert by_query == by_rule, role
    assert {o.name for o in organisations if can_publish(users["other_coordinator"], o)} == {
        "Dortmund ohne Vertretung"
    }


def test_another_network_suggests_and_the_responsible_network_accepts(draft, users, network, other_network):
    suggestion = services.change_suggestion_create(
        organisation=draft,
        network=other_network,
        actor=users["other_coordinator"],
        fields={"is_published": True, "public_fields": ["email"]},
        message="Der Verein möchte in unserer Elternbroschüre stehen.",
    )
    assert suggestion.fields == {"is_published": True, "public_fields": ["email"]}
    draft.refresh_from_db()
    assert not draft.is_published  # nothing changes before those who decide agree

    services.change_suggestion_accept(suggestion=suggestion, actor=users["coordinator"])

    draft.refresh_from_db()
    suggestion.refresh_from_db()
    assert draft.is_published and draft.public_fields == ["email"]
    assert (
        suggestion.status == ChangeSuggestion.Status.ACCEPTED
        and suggestion.reviewed_by == users["coordinator"]
    )
    actions = list(LogEntry.objects.order_by("pk").values_list("action", "network", "actor"))
    assert ("organisation.suggestion.made", other_network.pk, users["other_coordinator"].pk) in actions
    assert ("organisation.changed", None, users["coordinator"].pk) in actions
    assert ("organisation.suggestion.accepted", other_network.pk, users["coordinator"].pk) in actions


def test_a_rejection_needs_a_reason_and_changes_nothing(draft, users, other_network):
    suggestion = services.change_suggestion_create(
        organisation=draft,
        network=other_network,
        actor=users["other_coordinator"],
        fields={"is_published": True},
    )
    with pytest.raises(ValidationError) as error:
        services.change_suggestion_reject(suggestion=suggestion, actor=users["coordinator"], reason="  ")
    assert "reason" in error.value.message_dict

    services.change_suggestion_reject(
        suggestion=suggestion, actor=users["coordinator"], reason="Der Vorstand hat noch nicht zugestimmt."
    )
    suggestion.refresh_from_db()
    draft.refresh_from_db()
    assert suggestion.status == ChangeSuggestion.Status.REJECTED and not draft.is_published
    with pytest.raises(ValidationError):
        services.change_suggestion_accept(suggestion=suggestion, actor=users["coordinator"])


def test_only_those_who_decide_review_and_only_others_suggest(draft, users, network, other_network):
    with pytest.raises(PermissionDenied):  # the responsible network publishes itself
        services.change_suggestion_create(
            organisation=draft, network=network, actor=users["coordinator"], fields={"is_published": True}
        )
    with pytest.raises(PermissionDenied):  # one cannot suggest on behalf of a network one is not in
        services.change_suggestion_create(
            organisation=draft,
            network=network,
            actor=users["other_coordinator"],
            fields={"is_published": True},
        )
    with pytest.raises(ValidationError):  # a suggestion must change the publication
        services.change_suggestion_create(
            organisation=draft,
            network=other_network,
            actor=users["other_coordinator"],
            fields={"is_published": False},
        )
    suggestion = services.change_suggestion_create(
        organisation=draft,
        network=other_network,
        actor=users["other_coordinator"],
        fields={"is_published": True},
    )
    for role in ("other_coordinator", "mso_member"):
        with pytest.raises(PermissionDenied):
            services.change_suggestion_accept(suggestion=suggestion, actor=users[role])
    # Once the organisation has its own MSO admin, the suggestion is theirs to decide.
    admin = representative(draft, RepresentativeRole.ADMIN)
    with pytest.raises(PermissionDenied):
        services.change_suggestion_accept(suggestion=suggestion, actor=users["coordinator"])
    services.change_suggestion_accept(suggestion=suggestion, actor=admin)
    draft.refresh_from_db()
    assert draft.is_published


def test_suggestion_pages(draft, client_for, users, other_network):
    suggesting = client_for("other_coordinator")
    detail = suggesting.get(draft.get_absolute_url()).content.decode()
    assert reverse("directory:suggest", args=[draft.pk]) in detail
    url = reverse("directory:suggest", args=[draft.pk])
    bad = suggesting.post(url, {"message": "nichts"})
    assert bad.status_code == 400 and "ändert nichts an der Veröffentlichung" in bad.content.decode()
    assert not ChangeSuggestion.objects.exists()
    assert (
        suggesting.post(url, {"is_published": "on", "message": "Bitte veröffentlichen."}).status_code == 302
    )
    suggestion = ChangeSuggestion.objects.get()

    reviewing = client_for("coordinator")
    listing = reviewing.get(reverse("directory:suggestions")).content.decode()
    assert suggestion.get_absolute_url() in listing
    assert suggestion.get_absolute_url() in suggesting.get(reverse("directory:suggestions")).content.decode()
    # The suggesting network sees its suggestion, but may not decide it.
    assert suggesting.post(suggestion.get_absolute_url(), {"decision": "accept"}).status_code == 403
    rejected = reviewing.post(suggestion.get_absolute_url(), {"decision": "reject", "reason": ""})
    assert rejected.status_code == 400 and "Grund der Ablehnung" in rejected.content.decode()
    assert reviewing.post(suggestion.get_absolute_url(), {"decision": "accept"}).status_code == 302
    draft.refresh_from_db()
    assert draft.is_published
    # Nobody else learns of it.
    # Once decided it leaves the reviewers' list; the suggesting network keeps it.
    assert client_for("network_admin").get(suggestion.get_absolute_url()).status_code == 404
    assert suggesting.get(suggestion.get_absolute_url()).status_code == 200
    assert client_for("mso_member").get(suggestion.get_absolute_url()).status_code == 404
