"""Contact log, tasks, documents and compensation: staff of the network only, partners only,
every change in the audit log without the free text."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation import services
from augenhoehe.cooperation.models import Compensation, ContactEntry, Task
from augenhoehe.core.audit import entry_summary
from augenhoehe.core.models import LogEntry

from . import samples
from .conftest import cooperation_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(organisation_factory):
    return organisation_factory(name="Köprü e. V.")


@pytest.fixture
def cooperation(network, users, partner, in_network):
    return services.cooperation_create(
        network=network, actor=users["coordinator"], organisations=[partner], **cooperation_fields()
    )


def _log(action):
    return list(LogEntry.objects.filter(action=action))


def _contact(cooperation, actor, **fields):
    values = {
        "kind": "visit",
        "happened_on": timezone.localdate(),
        "outcome": "Vertraulich: Vorstand zögert noch",
    } | fields
    return services.contact_entry_add(cooperation=cooperation, actor=actor, **values)


def test_a_contact_is_saved_and_logged_without_its_text(cooperation, users, partner):
    entry = _contact(
        cooperation,
        users["coordinator"],
        person=users["network_admin"],
        organisation=partner,
        with_whom="Frau Yılmaz",
        next_step="Vereinbarung schicken",
        next_step_due=timezone.localdate() + timedelta(days=7),
        shared=True,
    )
    assert (entry.network, entry.recorded_by, entry.shared) == (
        cooperation.network,
        users["coordinator"],
        True,
    )
    [logged] = _log("cooperation.contact.added")
    assert logged.object_id == str(cooperation.pk) and logged.actor == users["coordinator"]
    assert logged.data == {
        "contact": entry.pk,
        "kind": "visit",
        "happened_on": timezone.localdate().isoformat(),
        "organisation": partner.pk,
        "shared": True,
    }
    assert entry_summary(logged) == f"Besuch bei der MSO, {timezone.localdate().isoformat()}"
    services.contact_entry_remove(entry=entry, actor=users["network_admin"])
    assert not ContactEntry.objects.exists()
    [removed] = _log("cooperation.contact.removed")
    assert "Vorstand" not in str(removed.data) and "Yılmaz" not in str(logged.data)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "telepathy"}, "kind"),
        ({"happened_on": timezone.localdate() + timedelta(days=1)}, "happened_on"),
        ({"outcome": "  "}, "outcome"),
        ({"next_step_due": timezone.localdate()}, "next_step"),
    ],
)
def test_bad_contact_input_is_named_at_its_field(cooperation, users, fields, field):
    with pytest.raises(ValidationError) as error:
        _contact(cooperation, users["coordinator"], **fields)
    assert field in error.value.message_dict
    assert not ContactEntry.objects.exists() and not _log("cooperation.contact.added")


def test_records_name_only_the_cooperations_partners_and_the_networks_people(
    cooperation, users, organisation_factory
):
    stranger = organisation_factory(name="Anderer Verein")
    with pytest.raises(ValidationError) as error:
        _contact(cooperation, users["coordinator"], organisation=stranger)
    assert "organisation" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _contact(cooperation, users["coordinator"], person=users["other_coordinator"])
    assert "person" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.task_add(
            cooperation=cooperation, actor=users["coordinator"], title="Flyer", owner_organisation=stranger
        )
    assert "owner_organisation" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.task_add(
            cooperation=cooperation, actor=users["coordinator"], title="Flyer", owner=users["mso_member"]
        )
    assert "owner" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.compensation_add(
            cooperation=cooperation,
            actor=users["coordinator"],
            organisation=stranger,
            kind="fee",
            amount=Decimal("100"),
        )
    assert "organisation" in error.value.message_dict
    with scopes_disabled():
        assert not (ContactEntry.objects.exists() or Task.objects.exists() or Compensation.objects.exists())


def test_only_the_networks_staff_write_records(cooperation, users, partner):
    for actor in (users["mso_member"], users["other_coordinator"]):
        with pytest.raises(ValidationError):
            _contact(cooperation, actor)
        with pytest.raises(ValidationError):
            services.task_add(cooperation=cooperation, actor=actor, title="Flyer")
        with pytest.raises(ValidationError):
            services.document_add(
                cooperation=cooperation,
                actor=actor,
                kind="other",
                title="X",
                filename="x.pdf",
                content=samples.pdf(),
            )
        with pytest.raises(ValidationError):
            services.compensation_add(
                cooperation=cooperation, actor=actor, organisation=partner, kind="fee", amount=Decimal("1")
            )
    assert not LogEntry.objects.filter(action__startswith="cooperation.").exclude(
        action="cooperation.created"
    )


def test_a_task_is_owned_by_a_person_or_an_organisation_and_done_and_reopened(cooperation, users, partner):
    with pytest.raises(ValidationError) as error:
        services.task_add(
            cooperation=cooperation,
            actor=users["coordinator"],
            title="Flyer",
            owner=users["coordinator"],
            owner_organisation=partner,
        )
    assert "owner_organisation" in error.value.message_dict
    task = services.task_add(
        cooperation=cooperation,
        actor=users["coordinator"],
        title="Flyer übersetzen",
        owner_organisation=partner,
        due_on=timezone.localdate(),
        shared=True,
    )
    task = services.task_complete(task=task, actor=users["network_admin"])
    assert task.is_done and task.done_by == users["network_admin"]
    services.task_complete(task=task, actor=users["network_admin"])  # done twice: one entry
    task = services.task_complete(task=task, actor=users["coordinator"], done=False)
    assert not task.is_done and task.done_by is None
    assert [
        e.action for e in LogEntry.objects.filter(action__startswith="cooperation.task.").order_by("pk")
    ] == [
        "cooperation.task.added",
        "cooperation.task.done",
        "cooperation.task.reopened",
    ]
    [added] = _log("cooperation.task.added")
    assert added.data["owner_organisation"] == partner.pk and "Flyer" not in str(added.data)
    services.task_remove(task=task, actor=users["coordinator"])
    assert not Task.objects.exists() and _log("cooperation.task.removed")


def test_compensation_moves_through_its_statuses_with_a_payment_day(cooperation, users, partner):
    today = timezone.localdate()
    row = services.compensation_add(
        cooperation=cooperation,
        actor=users["coordinator"],
        organisation=partner,
        kind="expense_allowance",
        amount=Decimal("240.00"),
        note="für drei Abende",
    )
    assert row.status == "planned" and row.paid_on is None
    with pytest.raises(ValidationError) as error:
        services.compensation_status_set(
            compensation=row, actor=users["coordinator"], status="promised", paid_on=today
        )
    assert "paid_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.compensation_status_set(
            compensation=row, actor=users["coordinator"], status="paid", paid_on=today + timedelta(days=1)
        )
    assert "paid_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.compensation_status_set(compensation=row, actor=users["coordinator"], status="gift")
    assert "status" in error.value.message_dict
    row = services.compensation_status_set(compensation=row, actor=users["coordinator"], status="paid")
    assert (row.status, row.paid_on) == ("paid", today)
    [changed] = _log("cooperation.compensation.status.changed")
    assert changed.data == {
        "compensation": row.pk,
        "from": "planned",
        "to": "paid",
        "paid_on": today.isoformat(),
    }
    assert entry_summary(changed) == "geplant → ausgezahlt"
    [added] = _log("cooperation.compensation.added")
    assert added.data["amount"] == "240.00" and "Abende" not in str(added.data)
    assert entry_summary(added) == "Aufwandsentschädigung: 240.00 €, geplant"
    services.compensation_remove(compensation=row, actor=users["network_admin"])
    assert not Compensation.objects.exists() and _log("cooperation.compensation.removed")


@pytest.mark.parametrize("amount", [Decimal("-1"), Decimal("NaN")])
def test_a_bad_amount_is_named_at_its_field(cooperation, users, partner, amount):
    with pytest.raises(ValidationError) as error:
        services.compensation_add(
            cooperation=cooperation,
            actor=users["coordinator"],
            organisation=partner,
            kind="fee",
            amount=amount,
        )
    assert "amount" in error.value.message_dict
    assert not Compensation.objects.exists()


def test_records_of_one_network_are_not_found_in_another(cooperation, users, other_network):
    _contact(cooperation, users["coordinator"])
    with network_scope(other_network):
        assert not ContactEntry.objects.exists()


def test_a_contact_without_an_organisation_is_with_the_only_partner(
    cooperation, users, partner, organisation_factory
):
    """So the desk's "no contact for a year" counts it; with two partners it stays open."""
    assert _contact(cooperation, users["coordinator"]).organisation == partner
    other = organisation_factory(name="Elternverein Verl")
    services.cooperation_update(
        cooperation=cooperation, actor=users["coordinator"], organisations=[partner, other]
    )
    assert _contact(cooperation, users["coordinator"]).organisation is None


def test_changing_a_cooperation_without_naming_its_organisations_keeps_them_and_their_goals(
    cooperation, users, partner
):
    services.partner_goals_set(
        partner=cooperation.partners.get(), actor=users["coordinator"], goals="Eigene Ziele"
    )
    services.cooperation_update(cooperation=cooperation, actor=users["coordinator"], title="Neuer Titel")
    assert [(p.organisation, p.goals) for p in cooperation.partners.all()] == [(partner, "Eigene Ziele")]
