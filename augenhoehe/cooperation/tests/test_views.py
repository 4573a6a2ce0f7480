"""The desk's pages: staff of the network only, reads of vetting logged, bad input answered next to the field."""

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation import services
from augenhoehe.cooperation.choices import Stage
from augenhoehe.cooperation.models import Cooperation, Vetting
from augenhoehe.core.models import LogEntry
from augenhoehe.directory.models import RepresentativeRole
from augenhoehe.testing.factories import representative, staff

from .conftest import cooperation_fields

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def _vetting(network, organisation, actor, status="no_concerns", **fields):
    with network_scope(network):
        return services.vetting_record(
            network=network, organisation=organisation, actor=actor, status=status, **fields
        )


def _reads(network, action="vetting.viewed"):
    with network_scope(network):
        return list(LogEntry.objects.filter(action=action))


def test_reading_a_vetting_is_logged_restricted(client_for, users, network, organisation_factory):
    organisation = organisation_factory()
    vetting = _vetting(network, organisation, users["coordinator"], sources="Dachverband angefragt")
    page = client_for("network_admin").get(reverse("cooperation:vetting", args=[organisation.pk]))
    assert page.status_code == 200
    assert "Dachverband angefragt" in page.content.decode()
    reads = _reads(network)
    assert [(e.actor, e.object_id, e.restricted_to) for e in reads] == [
        (users["network_admin"], str(vetting.pk), ["admin", "coordinator"])
    ]
    listing = client_for("coordinator").get(reverse("cooperation:vetting_list"))
    assert listing.status_code == 200 and organisation.name in listing.content.decode()
    [entry] = _reads(network, "vetting.list.viewed")
    assert entry.data == {"vettings": [vetting.pk]} and entry.restricted_to == ["admin", "coordinator"]


def test_another_network_and_the_mso_never_see_a_networks_vetting(
    client_for, users, network, other_network, organisation_factory, client
):
    organisation = organisation_factory(name="Verein Geprüft")
    _vetting(network, organisation, users["coordinator"], status="concerns", sources="GEHEIMER-VERMERK")
    mso = representative(organisation, RepresentativeRole.ADMIN)
    client.force_login(mso)
    for url in (reverse("cooperation:vetting", args=[organisation.pk]), reverse("cooperation:vetting_list")):
        assert client.get(url).status_code == 403
        assert client_for("anonymous").get(url).status_code == 302
    # The other network's own page about the organisation: its own (empty) review, nothing of network 1's.
    other = client_for("other_coordinator")
    page = other.get(reverse("cooperation:vetting", args=[organisation.pk])).content.decode()
    assert "GEHEIMER-VERMERK" not in page and "wartet auf Bestätigung" not in page
    assert "Verein Geprüft" not in other.get(reverse("cooperation:vetting_list")).content.decode()
    # The profile: staff see the way to their own vetting, the MSO and visitors see none of it.
    profile = reverse("directory:detail", args=[organisation.pk])
    for viewer in (client, client_for("anonymous")):
        text = viewer.get(profile).content.decode()
        assert "GEHEIMER-VERMERK" not in text and "Prüfung" not in text and "Kooperation beginnen" not in text
    assert "Kooperation beginnen" in client_for("coordinator").get(profile).content.decode()
    assert _reads(other_network) == []


def test_the_proposer_is_asked_for_a_second_person_who_then_approves(
    client_for, users, network, organisation_factory
):
    organisation = organisation_factory()
    url = reverse("cooperation:vetting", args=[organisation.pk])
    coordinator = client_for("coordinator")
    response = coordinator.post(
        url,
        {
            "status": "no_concerns",
            "checks": ["umbrella", "integration_officer"],
            "sources": "Integrationsrat",
        },
    )
    assert response.status_code == 302
    page = coordinator.get(url).content.decode()
    assert "Ergebnis bestätigen" not in page and "zweite Person" in page
    # Posting the approval anyway changes nothing.
    coordinator.post(reverse("cooperation:vetting_decide", args=[organisation.pk]), {"decision": "approve"})
    with scopes_disabled():
        assert Vetting.objects.get().status == "not_reviewed"
    # A second coordinator is told that the administration decides, and is offered no button.
    second = Client()
    second.force_login(staff(network, username="zweite-koordination"))
    page = second.get(url).content.decode()
    assert "Ergebnis bestätigen" not in page and "bestätigt die Administration" in page
    admin = client_for("network_admin")
    assert "Ergebnis bestätigen" in admin.get(url).content.decode()
    admin.post(reverse("cooperation:vetting_decide", args=[organisation.pk]), {"decision": "approve"})
    with scopes_disabled():
        vetting = Vetting.objects.get()
    assert vetting.status == "no_concerns" and vetting.approved_by == users["network_admin"]


def test_bad_vetting_input_is_answered_next_to_the_field(client_for, organisation_factory):
    organisation = organisation_factory()
    response = client_for("coordinator").post(
        reverse("cooperation:vetting", args=[organisation.pk]),
        {"status": "bestens", "reviewed_on": "2026-05-01", "next_review_on": "2026-04-01"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert 'id="id_status_error"' in text and 'id="id_next_review_on_error"' in text
    assert "Die nächste Prüfung liegt nach dem Tag der Prüfung." in text
    with scopes_disabled():
        assert not Vetting.objects.exists()


def test_a_cooperation_is_started_from_a_profile(client_for, users, network, organisation_factory):
    organisation = organisation_factory(name="Elternverein Verl", city="Verl")
    coordinator = client_for("coordinator")
    profile = coordinator.get(reverse("directory:detail", args=[organisation.pk])).content.decode()
    start = f"{reverse('cooperation:create')}?organisation={organisation.pk}"
    assert start in profile
    form = coordinator.get(start).content.decode()
    assert f'name="organisations" value="{organisation.pk}" id="id_organisations_0" checked>' in form
    # Without what the MSO gains: refused, with the message next to the field.
    missing = coordinator.post(start, cooperation_fields(mso_gain="", organisations=[organisation.pk]))
    assert missing.status_code == 400 and 'id="id_mso_gain_error"' in missing.content.decode()
    response = coordinator.post(start, cooperation_fields(organisations=[organisation.pk]))
    with scopes_disabled():
        cooperation = Cooperation.objects.get()
        assert [p.organisation for p in cooperation.partners.all()] == [organisation]
        assert cooperation.network == network and cooperation.created_by == users["coordinator"]
    assert response.status_code == 302 and response.url == cooperation.get_absolute_url()


def test_the_stage_form_moves_the_cooperation_and_shows_the_guides_advice(
    client_for, users, network, organisation_factory
):
    organisation = organisation_factory()
    with network_scope(network):
        cooperation = services.cooperation_create(
            network=network, actor=users["coordinator"], organisations=[organisation], **cooperation_fields()
        )
    client = client_for("network_admin")
    url = reverse("cooperation:stage", args=[cooperation.pk])
    # A jump is refused with a message, and changes nothing.
    refused = client.post(url, {"stage": Stage.ACTIVE})
    assert refused.status_code == 400 and 'id="id_stage_error"' in refused.content.decode()
    for stage in (Stage.MSO_FOUND, Stage.FIRST_CONTACT):
        assert client.post(url, {"stage": stage, "note": "Treffen im Vereinsheim"}).status_code == 302
    page = client.get(cooperation.get_absolute_url()).content.decode()
    assert "Suchen Sie das persönliche Gespräch" in page  # the advice for "Erstkontakt"
    assert "Treffen im Vereinsheim" in page
    with scopes_disabled():
        assert Cooperation.objects.get().stage == Stage.FIRST_CONTACT
    # Another network's coordinator does not find it.
    assert client_for("other_coordinator").post(url, {"stage": Stage.AGREED}).status_code == 404


def test_the_cooperation_list_does_not_grow_in_queries_with_its_rows(
    client_for, users, network, organisation_factory, django_assert_max_num_queries
):
    organisations = [organisation_factory() for _ in range(3)]
    client = client_for("coordinator")
    client.get(reverse("cooperation:list"))  # sessions and memberships warmed up

    def make(count):
        with network_scope(network):
            for _ in range(count):
                services.cooperation_create(
                    network=network,
                    actor=users["coordinator"],
                    organisations=organisations,
                    **cooperation_fields(),
                )

    make(2)
    with django_assert_max_num_queries(12) as few:
        assert client.get(reverse("cooperation:list")).status_code == 200
    make(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("cooperation:list"))
    assert response.content.decode().count("<tr>") == 13
    filtered = client.get(reverse("cooperation:list"), {"stage": Stage.ACTIVE})
    assert "Keine Kooperationen." in filtered.content.decode()


def test_the_vetting_list_does_not_grow_in_queries_and_filters_waiting_results(
    client_for, users, network, organisation_factory, django_assert_max_num_queries
):
    client = client_for("network_admin")
    client.get(reverse("cooperation:vetting_list"))
    for index in range(2):
        _vetting(
            network,
            organisation_factory(),
            users["coordinator"],
            status="in_review" if index else "no_concerns",
        )
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("cooperation:vetting_list"))
    for _ in range(8):
        _vetting(network, organisation_factory(), users["coordinator"], status="in_review")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("cooperation:vetting_list"))
    assert response.content.decode().count("<tr>") == 11
    waiting = client.get(reverse("cooperation:vetting_list"), {"awaiting": "1"}).content.decode()
    assert waiting.count("<tr>") == 2


def test_the_network_log_names_vetting_entries_for_its_admin(
    client_for, users, network, organisation_factory
):
    organisation = organisation_factory()
    _vetting(network, organisation, users["coordinator"], status="concerns")
    client_for("coordinator").get(reverse("cooperation:vetting", args=[organisation.pk]))
    page = client_for("network_admin").get(reverse("core:network_log", args=[network.slug])).content.decode()
    assert "Prüfergebnis vorgeschlagen" in page and "Prüfung angesehen" in page
    assert "Bedenken" in page  # the summary names the proposed result
    # Network 2's admin reads network 2's log only: nothing of this.
    assert (
        client_for("other_coordinator").get(reverse("core:network_log", args=[network.slug])).status_code
        == 404
    )
