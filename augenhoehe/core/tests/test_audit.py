"""The audit log: restricted entries, reads of them, and redaction of personal values."""

import pytest
from django.urls import reverse

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import NetworkRole
from augenhoehe.accounts.permissions import network_roles
from augenhoehe.core.audit import REDACTED, action_label
from augenhoehe.core.models import LogEntry
from augenhoehe.core.selectors import log_entries_readable
from augenhoehe.core.services import log_action, log_read, log_redact
from augenhoehe.directory.services import organisation_update
from augenhoehe.testing.factories import staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(organisation_factory, users):
    return organisation_factory(
        name="Elternverein Verl",
        city="Verl",
        email="kontakt@eltern.example",
        phone="05246 123",
        contact_person="Ayşe Demir",
        street="Hauptstraße 1",
        actor=users["coordinator"],
    )


def test_network_roles_name_the_role_in_that_network_only(users, network, other_network):
    assert network_roles(users["network_admin"], network) == {"admin"}
    assert network_roles(users["coordinator"], network) == {"coordinator"}
    assert network_roles(users["coordinator"], other_network) == frozenset()
    assert network_roles(users["mso_member"], network) == frozenset()
    assert network_roles(users["coordinator"], None) == frozenset()
    inactive = staff(network, NetworkRole.ADMIN, is_active=False)
    assert network_roles(inactive, network) == frozenset()


def test_restricted_entries_are_read_only_by_the_named_roles_of_their_network(
    users, network, other_network, unscoped
):
    subject = network
    open_entry = log_action(subject=subject, action="test.open", network=network)
    admins = log_action(subject=subject, action="test.admins", network=network, restricted_to=["admin"])
    both = log_action(
        subject=subject, action="test.both", network=network, restricted_to=["coordinator", "admin", "admin"]
    )
    elsewhere = log_action(
        subject=subject, action="test.x", network=other_network, restricted_to=["coordinator"]
    )
    assert both.restricted_to == ["admin", "coordinator"]  # sorted and unique, so equal ones compare equal

    def readable(role):
        # Every network's entries at once (``unscoped``), so that the roles alone decide.
        return set(log_entries_readable(LogEntry.objects.all(), viewer=users[role]))

    assert readable("network_admin") == {open_entry, admins, both}
    assert readable("coordinator") == {open_entry, both}
    assert readable("other_coordinator") == {open_entry, elsewhere}
    assert readable("mso_member") == {open_entry}


def test_a_read_is_logged_with_its_reader(users, network):
    entry = log_read(subject=network, actor=users["network_admin"], network=network)
    assert (entry.action, entry.actor, entry.network, entry.object_id) == (
        "network.viewed",
        users["network_admin"],
        network,
        str(network.pk),
    )


def test_redaction_replaces_personal_values_and_keeps_what_changed(profile, users):
    organisation_update(
        organisation=profile,
        actor=users["coordinator"],
        fields={"email": "neu@eltern.example", "phone": "", "member_count": 40},
    )
    # A profile is shared data: its entries belong to no network.
    created = LogEntry.shared.get(action="organisation.created", object_id=profile.pk)
    assert created.data["fields"]["email"] == "kontakt@eltern.example"

    redacted = log_redact(subject=profile, actor=users["network_admin"], reason="Auskunftsersuchen Nr. 7")

    assert {entry.action for entry in redacted} == {"organisation.created", "organisation.changed"}
    created.refresh_from_db()
    fields = created.data["fields"]
    assert (fields["email"], fields["phone"], fields["contact_person"], fields["street"]) == (REDACTED,) * 4
    assert (fields["name"], fields["city"]) == ("Elternverein Verl", "Verl")  # not personal
    assert created.redacted_at is not None
    assert created.data["_redacted"] == ["contact_person", "email", "phone", "street"]
    changed = LogEntry.shared.get(action="organisation.changed", object_id=profile.pk)
    # The keys stay: the history still says that the e-mail and the phone changed, and that the phone went.
    assert changed.data["changes"]["email"] == [REDACTED, REDACTED]
    assert changed.data["changes"]["phone"] == [REDACTED, ""]
    assert changed.data["changes"]["member_count"] == [None, 40]
    assert changed.data["_redacted"] == ["email", "phone"]

    record = LogEntry.shared.get(action="log.redacted")
    assert (record.actor, record.object_id) == (users["network_admin"], str(profile.pk))
    assert record.data == {
        "entries": sorted([created.pk, changed.pk]),
        "fields": ["contact_person", "email", "phone", "street"],
        "reason": "Auskunftsersuchen Nr. 7",
    }
    every_entry = LogEntry.objects.with_scopes_disabled().values_list("data", flat=True)
    assert "kontakt@eltern.example" not in str(every_entry)
    # Redacting again finds nothing left to redact and records nothing.
    assert log_redact(subject=profile, actor=users["network_admin"], reason="noch einmal") == []
    assert LogEntry.shared.filter(action="log.redacted").count() == 1


def test_redaction_can_be_narrowed_to_declared_fields_only(profile, users):
    entry = LogEntry.shared.get(action="organisation.created", object_id=profile.pk)
    log_redact(entries=[entry], fields=["phone"], actor=users["network_admin"], reason="Widerspruch")
    entry.refresh_from_db()
    assert entry.data["fields"]["phone"] == REDACTED
    assert entry.data["fields"]["email"] == "kontakt@eltern.example"
    with pytest.raises(ValueError, match="not declared personal"):
        log_redact(entries=[entry], fields=["name"], actor=users["network_admin"], reason="Widerspruch")
    entry.refresh_from_db()
    assert entry.data["fields"]["name"] == "Elternverein Verl"


def test_redaction_reaches_every_networks_entries_whichever_network_is_active(
    profile, users, network, other_network
):
    # A network's own, restricted entry about the profile (as a vetting record will write).
    vetted = log_action(
        subject=profile,
        action="organisation.vetted",
        actor=users["network_admin"],
        network=network,
        data={"fields": {"contact_person": "Ayşe Demir", "name": "Elternverein Verl"}},
        restricted_to=["admin"],
    )
    # Run while another network is active (or none): redaction is the installation's, not a network's.
    with network_scope(other_network):
        redacted = log_redact(subject=profile, actor=users["network_admin"], reason="Löschung")
    assert vetted.pk in {entry.pk for entry in redacted}
    vetted.refresh_from_db()
    assert vetted.data["fields"] == {"contact_person": REDACTED, "name": "Elternverein Verl"}
    with network_scope(None):
        assert LogEntry.shared.get(action="organisation.created").data["fields"]["email"] == REDACTED


def test_the_history_says_a_value_was_removed(profile, users, client_for):
    organisation_update(
        organisation=profile, actor=users["coordinator"], fields={"email": "neu@eltern.example"}
    )
    log_redact(subject=profile, actor=users["network_admin"], reason="Löschung")
    response = client_for("coordinator").get(reverse("directory:history", kwargs={"pk": profile.pk}))
    assert response.status_code == 200
    content = response.content.decode()
    assert "(entfernt)" in content
    assert "neu@eltern.example" not in content and "kontakt@eltern.example" not in content
    assert "Profil geändert" in content


def test_actions_read_the_same_everywhere():
    assert action_label("import.mapped") == "Spalten zugeordnet"
    assert action_label("organisation.changed") == "Profil geändert"
    assert action_label("unknown.action") == "unknown.action"
