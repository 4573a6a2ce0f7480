"""Proposals of the reviewed fields: a representative's edit is split, the network decides."""

import contextvars
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from augenhoehe.core.models import LogEntry
from augenhoehe.directory import proposals, selectors, services
from augenhoehe.directory.models import ProfileProposal
from augenhoehe.mail.services import LANGUAGE_HEADER
from augenhoehe.testing.factories import MSO_ADMIN

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]


@pytest.fixture(autouse=True)
def _addresses(regions, users):
    # ``regions`` first: a transactional test flushed the ones the migration loaded, and the
    # networks of ``users`` need their Kreise.
    for role, person in users.items():
        if person is not None:
            person.email = f"{role}@example.org"
            person.save()


@pytest.fixture
def organisation(organisation_factory, users):
    organisation = organisation_factory(
        name="Elternverein Gütersloh", description="Alt", street="Kirchstr. 1"
    )
    organisation.representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)
    return organisation


def edit(organisation, actor, **fields):
    return proposals.organisation_edit(organisation=organisation, actor=actor, fields=fields)


def actions(organisation) -> list[str]:
    return list(
        LogEntry.shared.filter(object_id=organisation.pk, action__startswith="directory.proposal.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_a_representative_saves_the_rest_at_once_and_proposes_the_name(organisation, users, mailoutbox):
    member = users["mso_member"]

    saved, proposal = edit(organisation, member, description="Neu", name="Elternverein Gütersloh e. V.")

    saved.refresh_from_db()
    assert saved.description == "Neu"
    assert saved.name == "Elternverein Gütersloh"
    assert proposal is not None and proposal.status == ProfileProposal.Status.OPEN
    assert proposal.fields == {"name": "Elternverein Gütersloh e. V."}
    assert proposal.previous == {"name": "Elternverein Gütersloh"}
    assert proposal.author == member
    assert actions(organisation) == ["directory.proposal.created"]
    entry = LogEntry.shared.get(action="directory.proposal.created")
    assert entry.data["changes"] == {"name": ["Elternverein Gütersloh", "Elternverein Gütersloh e. V."]}
    # The staff of the network answering for Gütersloh are told, the other network's are not.
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [users["coordinator"].email, users["network_admin"].email]
    )
    assert "Elternverein Gütersloh" in mailoutbox[0].subject
    assert f"/organisations/proposals/{proposal.pk}/" in mailoutbox[0].body
    assert f"/organisations/proposals/{proposal.pk}/" in mailoutbox[0].alternatives[0][0]


def test_saving_nothing_reviewed_or_the_same_values_proposes_nothing(organisation, users, mailoutbox):
    _saved, proposal = edit(
        organisation,
        users["mso_member"],
        description="Neu",
        name="Elternverein Gütersloh",
        city="Gütersloh",
        kreis=None,
        street="Kirchstr. 1",
        latitude="",
        criterion_aims=organisation.criterion_aims,
    )

    assert proposal is None
    assert not ProfileProposal.objects.exists()
    assert mailoutbox == []


def test_a_second_edit_joins_the_open_proposal(organisation, users, mailoutbox):
    member = users["mso_member"]
    _saved, first = edit(organisation, member, name="Neuer Name")

    _saved, second = edit(
        organisation, member, city="Harsewinkel", street="Am Markt 2", latitude="51.9", longitude="8.2"
    )

    assert second is not None and second.pk == first.pk
    assert ProfileProposal.objects.count() == 1
    assert second.fields["name"] == "Neuer Name"
    assert second.fields["city"] == "Harsewinkel"
    assert second.fields["kreis"] == "05754" and second.fields["gemeinde"]
    assert second.fields["latitude"] == "51.900000"
    assert second.previous["street"] == "Kirchstr. 1"
    assert actions(organisation) == ["directory.proposal.created", "directory.proposal.updated"]
    updated = LogEntry.shared.get(action="directory.proposal.updated")
    # The Kreis stays the same, so only what changes is in the history.
    assert set(updated.data["changes"]) == {"city", "street", "latitude", "longitude", "gemeinde_id"}
    assert len(mailoutbox) == 2  # one arrival, to the network's two people


def test_an_invalid_proposal_is_refused_and_nothing_is_saved(organisation, users):
    with pytest.raises(ValidationError) as refused:
        edit(organisation, users["mso_member"], description="Neu", city="Atlantis")

    assert "city" in refused.value.message_dict
    organisation.refresh_from_db()
    assert organisation.description == "Alt"
    assert not ProfileProposal.objects.exists()


def test_a_representative_cannot_change_a_reviewed_field_directly(organisation, users):
    with pytest.raises(ValidationError) as refused:
        services.organisation_update(
            organisation=organisation,
            actor=users["mso_member"],
            fields={"name": "Anders", "city": "Harsewinkel"},
        )

    # Harsewinkel lies in the same Kreis: the city (and the Gemeinde it names) changes.
    assert set(refused.value.message_dict) == {"name", "city"}
    organisation.refresh_from_db()
    assert organisation.name == "Elternverein Gütersloh"


def test_staff_change_reviewed_fields_at_once(organisation, users):
    saved, proposal = edit(organisation, users["other_coordinator"], name="Direkt geändert")

    assert proposal is None
    saved.refresh_from_db()
    assert saved.name == "Direkt geändert"


def test_withdraw(organisation, users):
    _saved, proposal = edit(organisation, users["mso_member"], name="Neuer Name")

    with pytest.raises(PermissionDenied):
        proposals.proposal_withdraw(proposal=proposal, actor=users["coordinator"])
    proposals.proposal_withdraw(proposal=proposal, actor=users["mso_member"])

    proposal.refresh_from_db()
    assert proposal.status == ProfileProposal.Status.WITHDRAWN
    assert selectors.proposal_open_for(organisation=organisation) is None
    assert actions(organisation)[-1] == "directory.proposal.withdrawn"
    with pytest.raises(ValidationError):
        proposals.proposal_withdraw(proposal=proposal, actor=users["mso_member"])


def test_accept_applies_through_the_update_service_and_logs(organisation, users, mailoutbox, network):
    member = users["mso_member"]
    member.language = "tr"
    member.save()
    _saved, proposal = edit(organisation, member, name="Neuer Name", city="Harsewinkel", criterion_aims="no")
    mailoutbox.clear()

    proposals.proposal_accept(proposal=proposal, actor=users["coordinator"])

    organisation.refresh_from_db()
    assert organisation.name == "Neuer Name"
    assert organisation.city == "Harsewinkel" and organisation.gemeinde.name == "Harsewinkel"
    assert organisation.criterion_aims == "no"
    assert "harsewinkel" in organisation.search_document  # the search index follows
    proposal.refresh_from_db()
    assert proposal.status == ProfileProposal.Status.ACCEPTED
    assert (proposal.reviewed_by, proposal.reviewed_network) == (users["coordinator"], network)
    changed = LogEntry.shared.filter(object_id=organisation.pk, action="organisation.changed").latest("pk")
    assert changed.actor == users["coordinator"]
    assert changed.data["changes"]["name"] == ["Elternverein Gütersloh", "Neuer Name"]
    accepted = LogEntry.shared.get(action="directory.proposal.accepted")
    assert accepted.data["network"] == network.name and accepted.actor == users["coordinator"]
    [mail] = mailoutbox
    assert mail.to == [member.email] and mail.extra_headers[LANGUAGE_HEADER] == "tr"
    assert network.name in mail.body


def test_representatives_propose_umbrellas_the_network_sets_them(organisation, organisation_factory, users):
    umbrella = organisation_factory(name="Dachverband NRW", kind="umbrella")
    _saved, proposal = proposals.organisation_edit(
        organisation=organisation, actor=users["mso_member"], fields={}, umbrellas=[umbrella]
    )
    assert proposal.fields == {"umbrellas": [umbrella.pk]}
    assert not organisation.umbrella_memberships.exists()

    proposals.proposal_accept(proposal=proposal, actor=users["network_admin"])

    assert list(organisation.umbrella_memberships.values_list("umbrella_id", flat=True)) == [umbrella.pk]


def test_reject_needs_a_reason_and_tells_the_author(organisation, users, mailoutbox):
    _saved, proposal = edit(organisation, users["mso_member"], name="Neuer Name")
    mailoutbox.clear()

    with pytest.raises(ValidationError) as refused:
        proposals.proposal_reject(proposal=proposal, actor=users["coordinator"], reason="  ")
    assert "reason" in refused.value.message_dict
    proposals.proposal_reject(proposal=proposal, actor=users["coordinator"], reason="Bitte Satzung schicken.")

    organisation.refresh_from_db()
    assert organisation.name == "Elternverein Gütersloh"
    proposal.refresh_from_db()
    assert proposal.status == ProfileProposal.Status.REJECTED and proposal.reason == "Bitte Satzung schicken."
    entry = LogEntry.shared.get(action="directory.proposal.rejected")
    assert entry.data["reason"] == "Bitte Satzung schicken."
    [mail] = mailoutbox
    assert "Bitte Satzung schicken." in mail.body and "Bitte Satzung schicken." in mail.alternatives[0][0]


def test_another_network_may_not_decide(organisation, users):
    _saved, proposal = edit(organisation, users["mso_member"], name="Neuer Name")

    with pytest.raises(PermissionDenied):
        proposals.proposal_accept(proposal=proposal, actor=users["other_coordinator"])
    with pytest.raises(PermissionDenied):
        proposals.proposal_reject(proposal=proposal, actor=users["mso_member"], reason="nein")
    assert selectors.proposals_to_review(viewer=users["other_coordinator"]).count() == 0
    assert list(selectors.proposals_to_review(viewer=users["coordinator"])) == [proposal]


def test_a_stale_proposal_is_refused_with_its_field_errors(organisation, users):
    _saved, proposal = edit(organisation, users["mso_member"], name="Neuer Name", city="Harsewinkel")
    # Meanwhile the stored place no longer fits: Harsewinkel does not lie in Dortmund.
    ProfileProposal.objects.filter(pk=proposal.pk).update(fields=proposal.fields | {"kreis": "05913"})

    with pytest.raises(ValidationError) as refused:
        proposals.proposal_accept(proposal=proposal, actor=users["coordinator"])

    assert "city" in refused.value.message_dict
    organisation.refresh_from_db()
    proposal.refresh_from_db()
    assert organisation.name == "Elternverein Gütersloh"
    assert proposal.status == ProfileProposal.Status.OPEN


def test_a_vanished_umbrella_is_a_clear_error(organisation, users):
    proposal = ProfileProposal.objects.create(organisation=organisation, fields={"umbrellas": [987654]})

    with pytest.raises(ValidationError) as refused:
        proposals.proposal_accept(proposal=proposal, actor=users["coordinator"])
    assert "umbrellas" in refused.value.message_dict


def test_accept_locks_the_proposal_and_decides_once(organisation, users):
    _saved, proposal = edit(organisation, users["mso_member"], name="Neuer Name")
    seen_by_second_reviewer = ProfileProposal.objects.get(pk=proposal.pk)

    with CaptureQueriesContext(connection) as queries:
        proposals.proposal_accept(proposal=proposal, actor=users["coordinator"])
    with pytest.raises(ValidationError):
        proposals.proposal_reject(proposal=seen_by_second_reviewer, actor=users["network_admin"], reason="x")

    proposal.refresh_from_db()
    assert proposal.status == ProfileProposal.Status.ACCEPTED
    if connection.features.has_select_for_update:
        locking = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
        assert any('"directory_profileproposal"' in sql.split("FROM")[1] for sql in locking)


def test_without_an_answering_network_the_proposal_waits(organisation_factory, users, mailoutbox):
    organisation = organisation_factory(name="Verein in Köln", city="Köln")
    organisation.representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)

    _saved, proposal = edit(organisation, users["mso_member"], name="Neuer Name")

    assert proposal.status == ProfileProposal.Status.OPEN
    assert selectors.networks_answering_for(organisation=organisation) == []
    assert mailoutbox == []
    with pytest.raises(PermissionDenied):
        proposals.proposal_accept(proposal=proposal, actor=users["coordinator"])


def test_the_demo_has_one_open_proposal_for_its_coordinators(regions):
    from augenhoehe.accounts.models import User
    from augenhoehe.directory.demo import demo_load, proposals_demo

    demo_load()
    proposal = proposals_demo()
    assert proposals_demo() is None  # idempotent

    assert proposal is not None and proposal.status == ProfileProposal.Status.OPEN
    assert {"street", "postal_code", "latitude", "longitude"} <= set(proposal.fields)
    assert "umgezogen" in proposal.message
    assert proposal.organisation.representations.filter(user__username="mso-mitglied").exists()
    # Its Kreis or the network that created it: the demo's Gütersloh office created every profile.
    answering = selectors.networks_answering_for(organisation=proposal.organisation)
    coordinators = User.objects.filter(
        network_memberships__network__in=answering, username__endswith="koordination"
    )
    assert {"gt-koordination", "beide-koordination"} <= {c.username for c in coordinators}
    for coordinator in coordinators:
        assert list(selectors.proposals_to_review(viewer=coordinator)) == [proposal]


def test_a_representative_may_not_propose_an_umbrella_they_may_not_know_of(
    organisation, organisation_factory, users
):
    hidden = organisation_factory(name="Geheimer Dachverband", kind="umbrella", is_published=False)

    with pytest.raises(ValidationError) as refused:
        proposals.organisation_edit(
            organisation=organisation, actor=users["mso_member"], fields={}, umbrellas=[hidden]
        )

    assert "umbrellas" in refused.value.message_dict
    assert not ProfileProposal.objects.filter(organisation=organisation).exists()


def test_a_stale_edit_proposes_nothing_and_tells_no_one(organisation, users, mailoutbox):
    stale = "2000-01-01T00:00:00+00:00"

    with pytest.raises(ValidationError) as refused:
        proposals.organisation_edit(
            organisation=organisation,
            actor=users["mso_member"],
            fields={"name": "Neuer Name"},
            based_on=stale,
        )

    assert "Jemand hat dieses Profil geändert" in " ".join(refused.value.messages)
    assert not ProfileProposal.objects.filter(organisation=organisation).exists()
    assert mailoutbox == []


def test_a_representative_who_is_staff_of_another_network_still_proposes(
    organisation, organisation_factory, users
):
    # ``other_coordinator`` works for a network that does not answer for this organisation.
    colleague = users["other_coordinator"]
    organisation.representatives.add(colleague, through_defaults=MSO_ADMIN)
    umbrella = organisation_factory(name="Dachverband NRW", kind="umbrella")

    saved, proposal = edit(organisation, colleague, name="Eigener Name", criterion_aims="no")

    saved.refresh_from_db()
    assert saved.name == "Elternverein Gütersloh" and saved.criterion_aims != "no"
    assert proposal is not None and proposal.fields == {"name": "Eigener Name", "criterion_aims": "no"}
    # Nor through the update service directly (the API's path): not the name, not an umbrella.
    with pytest.raises(ValidationError):
        services.organisation_update(
            organisation=organisation, actor=colleague, fields={"name": "Eigener Name"}
        )
    with pytest.raises(ValidationError):
        services.organisation_update(
            organisation=organisation, actor=colleague, fields={}, umbrellas=[umbrella]
        )
    # Staff of the answering network who also represent it are the network: they change it at once.
    organisation.representatives.add(users["coordinator"], through_defaults=MSO_ADMIN)
    saved, proposal = edit(organisation, users["coordinator"], name="Vom Netzwerk")
    saved.refresh_from_db()
    assert saved.name == "Vom Netzwerk" and proposal is None


def test_the_first_author_stays_and_everyone_who_proposed_hears_the_decision(organisation, users, mailoutbox):
    from augenhoehe.testing.factories import UserFactory

    second = UserFactory(username="zweite", email="zweite@example.org")
    organisation.representatives.add(second, through_defaults=MSO_ADMIN)
    _saved, proposal = edit(organisation, users["mso_member"], name="Neuer Name")
    _saved, joined = edit(organisation, second, street="Bahnhofstr. 2")
    assert joined.pk == proposal.pk and joined.author == users["mso_member"]
    mailoutbox.clear()

    proposals.proposal_reject(proposal=joined, actor=users["coordinator"], reason="Bitte Satzung schicken.")

    assert sorted(m.to[0] for m in mailoutbox) == sorted([users["mso_member"].email, second.email])


def test_deciding_locks_the_profile_before_the_proposal(organisation, users):
    """The order ``organisation_edit`` takes them in: otherwise a save and a decision deadlock."""
    _saved, proposal = edit(organisation, users["mso_member"], name="Neuer Name")

    with CaptureQueriesContext(connection) as queries:
        proposals.proposal_accept(proposal=proposal, actor=users["coordinator"])

    if not connection.features.has_select_for_update:
        pytest.skip("SQLite locks the whole database")
    tables = [
        q["sql"].split("FROM")[1].split()[0] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]
    ]
    assert tables[0] == '"directory_organisation"'
    assert '"directory_profileproposal"' in tables


def _in_thread(work, errors: list) -> threading.Thread:
    """``work`` in a thread of its own (own database connection, the test's context)."""
    context = contextvars.copy_context()

    def run() -> None:
        try:
            context.run(work)
        except Exception as error:  # noqa: BLE001 - the test asserts there is none
            errors.append(error)
        finally:
            connection.close()

    return threading.Thread(target=run)


def _until_a_connection_waits_for_a_lock(seconds: float = 10) -> None:
    """Return once a connection to this database waits for a lock it was not granted (``pg_locks``;
    ``pg_stat_activity`` names the database, its snapshot cleared for each look)."""
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_locks JOIN pg_stat_activity USING (pid)"
                " WHERE NOT granted AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.01)
    raise AssertionError("nobody came to wait for the lock")


@pytest.mark.django_db(transaction=True)
def test_a_save_while_a_reviewer_accepts_waits_instead_of_deadlocking(organisation, users, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks of two connections at once")
    member = users["mso_member"]
    _saved, proposal = edit(organisation, member, name="Neuer Name")
    locked = threading.Event()
    compare = proposals.reviewed_changes

    def after_the_profile_is_locked(*args, **kwargs):
        # The representative's save (the first to get here) holds the profile's lock: the reviewer
        # starts now, and the save goes on once the reviewer is seen waiting for that lock.
        if not locked.is_set():
            locked.set()
            _until_a_connection_waits_for_a_lock()
        return compare(*args, **kwargs)

    monkeypatch.setattr(proposals, "reviewed_changes", after_the_profile_is_locked)

    def accept() -> None:
        assert locked.wait(10)
        proposals.proposal_accept(proposal=proposal, actor=users["coordinator"])

    errors: list[Exception] = []
    threads = [
        _in_thread(lambda: edit(organisation, member, street="Bahnhofstr. 2"), errors),
        _in_thread(accept, errors),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    organisation.refresh_from_db()
    proposal.refresh_from_db()
    assert proposal.status == ProfileProposal.Status.ACCEPTED
    # The reviewer waited for the save, so the street added meanwhile was accepted with the name.
    assert (organisation.name, organisation.street) == ("Neuer Name", "Bahnhofstr. 2")


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_deciding_at_once_decide_once(organisation, users, mailoutbox):
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks of two connections at once")
    _saved, proposal = edit(organisation, users["mso_member"], name="Neuer Name")
    mailoutbox.clear()
    start = threading.Barrier(2)

    def accept() -> None:
        start.wait(5)
        proposals.proposal_accept(proposal=proposal, actor=users["coordinator"])

    def reject() -> None:
        start.wait(5)
        proposals.proposal_reject(proposal=proposal, actor=users["network_admin"], reason="Nein.")

    errors: list[Exception] = []
    threads = [_in_thread(accept, errors), _in_thread(reject, errors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert len(errors) == 1, errors
    [refused] = errors
    assert isinstance(refused, ValidationError) and "schon entschieden" in refused.messages[0]
    decisions = LogEntry.shared.filter(
        object_id=organisation.pk, action__in=["directory.proposal.accepted", "directory.proposal.rejected"]
    )
    assert decisions.count() == 1
    assert len(mailoutbox) == 1
