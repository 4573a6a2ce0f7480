"""Vetting holds only with four eyes; cooperations move through the guide's stages, each step dated and logged."""

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import NetworkRole
from augenhoehe.cooperation import services
from augenhoehe.cooperation.choices import TRANSITIONS, Stage
from augenhoehe.cooperation.models import Cooperation, StageChange, Vetting
from augenhoehe.core.models import LogEntry
from augenhoehe.testing.factories import representative, staff

from .conftest import cooperation_fields

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def _record(network, organisation, actor, status, **fields):
    return services.vetting_record(
        network=network, organisation=organisation, actor=actor, status=status, **fields
    )


def test_a_result_holds_only_once_a_second_person_approves(
    in_network, users, second_coordinator, organisation_factory
):
    organisation = organisation_factory()
    coordinator = users["coordinator"]
    vetting = _record(
        in_network, organisation, coordinator, "no_concerns", checks=["umbrella"], sources="Dachverband X"
    )
    assert vetting.status == "not_reviewed" and vetting.proposed_status == "no_concerns"

    # The same person cannot approve their own proposal.
    with pytest.raises(ValidationError, match="zweite Person"):
        services.vetting_decide(vetting=vetting, actor=coordinator, approve=True)
    vetting.refresh_from_db()
    assert vetting.status == "not_reviewed" and vetting.approved_by is None

    # A second coordinator is a second person, but a coordinator's proposal needs an admin.
    with pytest.raises(ValidationError, match="Administration"):
        services.vetting_decide(vetting=vetting, actor=second_coordinator, approve=True)
    vetting.refresh_from_db()
    assert vetting.status == "not_reviewed" and vetting.proposed_status == "no_concerns"

    admin = users["network_admin"]
    vetting = services.vetting_decide(vetting=vetting, actor=admin, approve=True)
    assert vetting.status == "no_concerns" and vetting.proposed_status == ""
    assert vetting.approved_by == admin and vetting.approved_at is not None
    with pytest.raises(ValidationError, match="wartet kein Ergebnis"):
        services.vetting_decide(vetting=vetting, actor=admin, approve=True)


def test_concerns_too_need_the_second_person_and_can_be_turned_down(in_network, users, organisation_factory):
    """An admin's proposal is approved (or turned down) by any second person of the staff."""
    organisation = organisation_factory()
    _record(in_network, organisation, users["network_admin"], "no_concerns")
    vetting = Vetting.objects.get()
    services.vetting_decide(vetting=vetting, actor=users["coordinator"], approve=True)
    # Later the admin proposes concerns: "no concerns" still holds until someone else decides.
    vetting = _record(
        in_network, organisation, users["network_admin"], "concerns", checks=["constitution_protection"]
    )
    assert (vetting.status, vetting.proposed_status) == ("no_concerns", "concerns")
    vetting = services.vetting_decide(vetting=vetting, actor=users["coordinator"], approve=False)
    assert (vetting.status, vetting.proposed_status) == ("no_concerns", "")


def test_review_stages_hold_at_once_and_replace_a_waiting_result(in_network, users, organisation_factory):
    organisation = organisation_factory()
    _record(in_network, organisation, users["coordinator"], "concerns")
    vetting = _record(in_network, organisation, users["coordinator"], "in_review")
    assert (vetting.status, vetting.proposed_status) == ("in_review", "")
    assert Vetting.objects.count() == 1


def test_only_the_networks_own_staff_record_or_approve(
    in_network, users, second_coordinator, organisation_factory, other_network
):
    organisation = organisation_factory()
    mso = representative(organisation)
    for outsider in (users["other_coordinator"], mso):
        with pytest.raises(ValidationError):
            _record(in_network, organisation, outsider, "in_review")
    vetting = _record(in_network, organisation, users["coordinator"], "no_concerns")
    for outsider in (users["other_coordinator"], mso):
        with pytest.raises(ValidationError):
            services.vetting_decide(vetting=vetting, actor=outsider, approve=True)
    vetting.refresh_from_db()
    assert vetting.status == "not_reviewed"
    # Staff of both networks approve only as staff of this one; here they are not.
    both = staff(other_network, NetworkRole.ADMIN)
    with pytest.raises(ValidationError):
        services.vetting_decide(vetting=vetting, actor=both, approve=True)


def test_bad_vetting_input_changes_nothing(in_network, users, organisation_factory):
    from datetime import date

    organisation = organisation_factory()
    for fields in (
        {"status": "ok"},
        {"status": "in_review", "checks": ["horoscope"]},
        {"status": "in_review", "reviewed_on": date(2026, 5, 1), "next_review_on": date(2026, 4, 1)},
    ):
        with pytest.raises(ValidationError):
            services.vetting_record(
                network=in_network, organisation=organisation, actor=users["coordinator"], **fields
            )
    assert not Vetting.objects.exists()
    assert not LogEntry.objects.filter(action__startswith="vetting.").exists()


def test_every_vetting_change_is_logged_restricted_to_the_networks_staff(
    in_network, users, second_coordinator, organisation_factory
):
    organisation = organisation_factory()
    vetting = _record(
        in_network, organisation, users["coordinator"], "no_concerns", sources="Frau K., Integrationsrat"
    )
    services.vetting_decide(vetting=vetting, actor=users["network_admin"], approve=True)
    entries = list(
        LogEntry.objects.filter(object_id=str(vetting.pk), action__startswith="vetting.").order_by("pk")
    )
    assert [entry.action for entry in entries] == ["vetting.proposed", "vetting.approved"]
    assert all(entry.restricted_to == ["admin", "coordinator"] for entry in entries)
    assert all(entry.network == in_network for entry in entries)
    assert entries[0].data["sources"] == "Frau K., Integrationsrat"
    # Nothing about the vetting is in the shared (network-less) log that the profile's history reads.
    assert not LogEntry.shared.filter(action__startswith="vetting.").exists()


def test_a_cooperation_needs_what_the_mso_gains(in_network, users):
    with pytest.raises(ValidationError) as error:
        services.cooperation_create(
            network=in_network, actor=users["coordinator"], **cooperation_fields(mso_gain="  ")
        )
    assert "mso_gain" in error.value.message_dict
    assert not Cooperation.objects.exists()


def test_a_cooperation_moves_through_the_stages_each_step_dated_and_logged(
    in_network, users, organisation_factory
):
    organisation = organisation_factory()
    actor = users["coordinator"]
    cooperation = services.cooperation_create(network=in_network, actor=actor, **cooperation_fields())
    assert cooperation.stage == Stage.GOALS_DEFINED
    # "MSO gefunden" needs an organisation.
    with pytest.raises(ValidationError, match="mindestens eine Organisation"):
        services.cooperation_stage_change(cooperation=cooperation, stage=Stage.MSO_FOUND, actor=actor)
    services.cooperation_update(cooperation=cooperation, actor=actor, organisations=[organisation])
    path = [Stage.MSO_FOUND, Stage.FIRST_CONTACT, Stage.AGREED, Stage.ACTIVE, Stage.EVALUATED]
    for stage in path:
        cooperation = services.cooperation_stage_change(
            cooperation=cooperation, stage=stage, actor=actor, note=f"nach {stage}"
        )
    assert cooperation.stage == Stage.EVALUATED
    changes = list(StageChange.objects.filter(cooperation=cooperation).order_by("changed_at", "pk"))
    assert [c.to_stage for c in changes] == [Stage.GOALS_DEFINED, *path]
    assert all(c.changed_at and c.actor == actor for c in changes)
    logged = LogEntry.objects.filter(
        action="cooperation.stage.changed", object_id=str(cooperation.pk)
    ).order_by("pk")
    assert [(e.data["from"], e.data["to"]) for e in logged] == list(
        zip([Stage.GOALS_DEFINED, *path[:-1]], path, strict=True)
    )
    # "ausgewertet" is final.
    with pytest.raises(ValidationError):
        services.cooperation_stage_change(cooperation=cooperation, stage=Stage.ENDED, actor=actor)


@pytest.mark.parametrize("start", list(Stage.values))
def test_only_the_allowed_steps_are_taken(in_network, users, organisation_factory, start):
    actor = users["coordinator"]
    cooperation = services.cooperation_create(
        network=in_network, actor=actor, organisations=[organisation_factory()], **cooperation_fields()
    )
    Cooperation.objects.filter(pk=cooperation.pk).update(stage=start)
    cooperation.refresh_from_db()
    for target in Stage.values:
        if target in TRANSITIONS[start]:
            continue
        with pytest.raises(ValidationError):
            services.cooperation_stage_change(cooperation=cooperation, stage=target, actor=actor)
    assert Cooperation.objects.get().stage == start
    for target in TRANSITIONS[start]:
        Cooperation.objects.filter(pk=cooperation.pk).update(stage=start)
        services.cooperation_stage_change(cooperation=cooperation, stage=target, actor=actor)
        assert Cooperation.objects.get().stage == target


def test_another_networks_staff_cannot_change_a_cooperation(in_network, users, other_network):
    cooperation = services.cooperation_create(
        network=in_network, actor=users["coordinator"], **cooperation_fields()
    )
    with pytest.raises(ValidationError):
        services.cooperation_stage_change(
            cooperation=cooperation, stage=Stage.ENDED, actor=users["other_coordinator"]
        )
    with network_scope(other_network), pytest.raises(ValidationError):
        services.cooperation_update(
            cooperation=cooperation, actor=users["other_coordinator"], organisations=[]
        )
    with scopes_disabled():
        assert Cooperation.objects.get().stage == Stage.GOALS_DEFINED
