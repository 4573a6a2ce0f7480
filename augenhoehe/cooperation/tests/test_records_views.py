"""The records on a cooperation's page: the network's staff only, bad input answered at the field
(400), and a page that costs the same with one row of each kind or ten."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation import services
from augenhoehe.cooperation.models import Compensation, ContactEntry, Document, Task
from augenhoehe.directory.models import RepresentativeRole
from augenhoehe.testing.factories import representative, sign_in

from . import samples
from .conftest import cooperation_fields

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


@pytest.fixture
def partner(organisation_factory):
    return organisation_factory(name="Köprü e. V.")


@pytest.fixture
def cooperation(network, users, partner):
    with network_scope(network):
        return services.cooperation_create(
            network=network, actor=users["coordinator"], organisations=[partner], **cooperation_fields()
        )


def _fill(cooperation, users, partner, count, start=0):
    """``count`` rows of each kind; the owners and people vary, as on a real page."""
    actor, admin = users["coordinator"], users["network_admin"]
    today = timezone.localdate()
    with network_scope(cooperation.network):
        for number in range(start, start + count):
            services.contact_entry_add(
                cooperation=cooperation,
                actor=actor,
                kind="call",
                happened_on=today - timedelta(days=number),
                outcome=f"Ergebnis {number}",
                person=admin if number % 2 else actor,
                organisation=partner,
                next_step="Anrufen",
                next_step_due=today,
                shared=bool(number % 2),
            )
            task = services.task_add(
                cooperation=cooperation,
                actor=actor,
                title=f"Aufgabe {number}",
                owner=actor if number % 2 else None,
                owner_organisation=None if number % 2 else partner,
                due_on=today - timedelta(days=number - 3),
            )
            if number % 3 == 0:
                services.task_complete(task=task, actor=admin)
            services.document_add(
                cooperation=cooperation,
                actor=actor,
                kind="minutes",
                title=f"Protokoll {number}",
                filename="protokoll.pdf",
                content=samples.pdf(),
            )
            services.compensation_add(
                cooperation=cooperation,
                actor=actor,
                organisation=partner,
                kind="fee",
                amount=Decimal("100.00"),
                status=["planned", "promised", "claimed", "paid"][number % 4],
            )


def test_the_page_costs_the_same_with_one_row_of_each_kind_or_ten(
    client_for, users, cooperation, partner, django_assert_num_queries
):
    client = client_for("coordinator")
    _fill(cooperation, users, partner, 1)
    client.get(cooperation.get_absolute_url())  # the session and memberships, once
    with CaptureQueriesContext(connection) as one:
        page = client.get(cooperation.get_absolute_url())
    assert "Ergebnis 0" in page.content.decode()
    _fill(cooperation, users, partner, 9, start=1)
    with django_assert_num_queries(len(one)):
        page = client.get(cooperation.get_absolute_url())
    text = page.content.decode()
    assert "Ergebnis 9" in text and "Aufgabe 9" in text and "Protokoll 9" in text
    assert "1.000,00 €" in text  # ten fees of 100 euros, summed


def test_the_sections_show_what_a_reader_needs(client_for, users, cooperation, partner):
    today = timezone.localdate()
    with network_scope(cooperation.network):
        services.contact_entry_add(
            cooperation=cooperation,
            actor=users["coordinator"],
            kind="visit",
            happened_on=today,
            outcome="Gutes Gespräch",
            organisation=partner,
            with_whom="Frau Yılmaz",
            shared=True,
        )
        services.task_add(
            cooperation=cooperation,
            actor=users["coordinator"],
            title="Raum buchen",
            due_on=today - timedelta(days=1),
        )
        services.funding_period_add(
            cooperation=cooperation,
            actor=users["coordinator"],
            source="state",
            amount=Decimal("2000"),
            starts_on=today,
            ends_on=today + timedelta(days=100),
        )
        services.compensation_add(
            cooperation=cooperation,
            actor=users["coordinator"],
            organisation=partner,
            kind="room",
            amount=Decimal("500"),
            status="paid",
        )
    text = client_for("coordinator").get(cooperation.get_absolute_url()).content.decode()
    assert "Besuch bei der MSO" in text and "Frau Yılmaz" in text and "sichtbar für die Organisation" in text
    assert "überfällig" in text  # in words, not by colour alone
    assert "Das sind 25 % der Förderung." in text
    assert "Für die Organisation sichtbar – die MSO liest diesen Eintrag" in text


def test_contacts_tasks_and_compensation_are_added_and_changed_on_the_page(
    client_for, users, cooperation, partner
):
    client = client_for("coordinator")
    pk = cooperation.pk
    response = client.post(
        reverse("cooperation:contact_add", args=[pk]),
        {
            "contact-kind": "visit",
            "contact-happened_on": timezone.localdate().isoformat(),
            "contact-organisation": partner.pk,
            "contact-person": users["coordinator"].pk,
            "contact-outcome": "Vereinbarung besprochen",
            "contact-shared": "on",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("cooperation:task_add", args=[pk]),
        {"task-title": "Flyer", "task-owner": f"organisation-{partner.pk}", "task-shared": "on"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("cooperation:compensation_add", args=[pk]),
        {
            "compensation-organisation": partner.pk,
            "compensation-kind": "fee",
            "compensation-amount": "150.50",
            "compensation-status": "promised",
        },
    )
    assert response.status_code == 302, response.content.decode()
    with network_scope(cooperation.network):
        entry, task, row = ContactEntry.objects.get(), Task.objects.get(), Compensation.objects.get()
    assert entry.shared and entry.organisation == partner and entry.recorded_by == users["coordinator"]
    assert task.owner_organisation == partner and task.owner is None and task.shared
    assert row.amount == Decimal("150.50")
    assert client.post(reverse("cooperation:task_done", args=[pk]), {"task": task.pk}).status_code == 302
    bad = client.post(
        reverse("cooperation:compensation_status", args=[pk]),
        {
            "compensation": row.pk,
            f"status-{row.pk}-status": "claimed",
            f"status-{row.pk}-paid_on": "2026-13-45",
        },
    )
    assert bad.status_code == 400 and f'id="id_status-{row.pk}-paid_on_error"' in bad.content.decode()
    good = client.post(
        reverse("cooperation:compensation_status", args=[pk]),
        {"compensation": row.pk, f"status-{row.pk}-status": "paid"},
    )
    assert good.status_code == 302
    with network_scope(cooperation.network):
        task.refresh_from_db()
        row.refresh_from_db()
    assert task.is_done and row.status == "paid" and row.paid_on == timezone.localdate()
    for name, field, value in [
        ("contact_remove", "contact", entry.pk),
        ("task_remove", "task", task.pk),
        ("compensation_remove", "compensation", row.pk),
    ]:
        assert client.post(reverse(f"cooperation:{name}", args=[pk]), {field: value}).status_code == 302
    with scopes_disabled():
        assert not (ContactEntry.objects.exists() or Task.objects.exists() or Compensation.objects.exists())


@pytest.mark.parametrize(
    ("url", "data", "error_id"),
    [
        (
            "contact_add",
            {"contact-kind": "call", "contact-happened_on": "31.02.2026", "contact-outcome": "x"},
            "id_contact-happened_on_error",
        ),
        (
            "contact_add",
            {"contact-kind": "call", "contact-happened_on": "2026-01-01"},
            "id_contact-outcome_error",
        ),
        ("task_add", {"task-title": "", "task-due_on": "morgen"}, "id_task-due_on_error"),
        ("task_add", {"task-title": "X", "task-owner": "person-999999"}, "id_task-owner_error"),
        (
            "compensation_add",
            {"compensation-kind": "fee", "compensation-amount": "-5", "compensation-status": "planned"},
            "id_compensation-amount_error",
        ),
    ],
)
def test_bad_input_is_answered_at_the_field_with_400(client_for, cooperation, url, data, error_id):
    response = client_for("coordinator").post(reverse(f"cooperation:{url}", args=[cooperation.pk]), data)
    assert response.status_code == 400
    assert f'id="{error_id}"' in response.content.decode()
    with scopes_disabled():
        assert not (ContactEntry.objects.exists() or Task.objects.exists() or Compensation.objects.exists())


def test_the_mso_another_network_and_visitors_reach_none_of_the_records(
    client, client_for, users, cooperation, partner, other_network
):
    _fill(cooperation, users, partner, 1)
    with network_scope(cooperation.network):
        entry, task = ContactEntry.objects.get(), Task.objects.get()
        document, row = Document.objects.get(), Compensation.objects.get()
    pk = cooperation.pk
    posts = {
        "contact_add": {"contact-kind": "call", "contact-happened_on": "2026-01-01", "contact-outcome": "x"},
        "contact_remove": {"contact": entry.pk},
        "task_add": {"task-title": "X"},
        "task_done": {"task": task.pk},
        "task_remove": {"task": task.pk},
        "document_add": {
            "document-kind": "other",
            "document-title": "X",
            "document-file": SimpleUploadedFile("x.pdf", samples.pdf()),
        },
        "document_remove": {"document": document.pk},
        "compensation_add": {
            "compensation-organisation": partner.pk,
            "compensation-kind": "fee",
            "compensation-amount": "1",
            "compensation-status": "planned",
        },
        "compensation_status": {"compensation": row.pk, f"status-{row.pk}-status": "paid"},
        "compensation_remove": {"compensation": row.pk},
    }
    mso = representative(partner, RepresentativeRole.ADMIN)
    sign_in(client, mso)
    others = {"mso": (client, 403), "other_coordinator": (client_for("other_coordinator"), 404)}
    others["anonymous"] = (client_for("anonymous"), 302)
    download = reverse("cooperation:document_download", args=[pk, document.pk])
    for role, (viewer, status) in others.items():
        assert viewer.get(download).status_code == status, role
        for name, data in posts.items():
            for value in data.values():
                if hasattr(value, "seek"):
                    value.seek(0)
            assert viewer.post(reverse(f"cooperation:{name}", args=[pk]), data).status_code == status, (
                role,
                name,
            )
    with scopes_disabled():
        assert (ContactEntry.objects.count(), Task.objects.count(), Document.objects.count()) == (1, 1, 1)
        assert Compensation.objects.get().status == row.status and task.done_at == Task.objects.get().done_at


def test_a_record_of_another_cooperation_is_not_found(client_for, users, cooperation, partner, network):
    with network_scope(network):
        other = services.cooperation_create(
            network=network,
            actor=users["coordinator"],
            organisations=[partner],
            **cooperation_fields(title="Andere"),
        )
    _fill(other, users, partner, 1)
    with network_scope(network):
        document = Document.objects.get()
        task = Task.objects.get()
    client = client_for("coordinator")
    assert (
        client.get(reverse("cooperation:document_download", args=[cooperation.pk, document.pk])).status_code
        == 404
    )
    assert (
        client.post(reverse("cooperation:task_remove", args=[cooperation.pk]), {"task": task.pk}).status_code
        == 404
    )
    assert (
        client.post(reverse("cooperation:task_remove", args=[cooperation.pk]), {"task": "x"}).status_code
        == 404
    )


def test_the_list_of_documents_never_loads_their_content(users, cooperation, partner):
    from augenhoehe.cooperation import selectors

    _fill(cooperation, users, partner, 2)
    with network_scope(cooperation.network):
        documents = list(selectors.cooperation_documents(cooperation=cooperation))
        with CaptureQueriesContext(connection) as queries:
            assert [d.uploaded_by for d in documents] == [users["coordinator"]] * 2
    assert all("content" in document.get_deferred_fields() for document in documents)
    assert len(queries) == 0  # the uploader came in the same query
