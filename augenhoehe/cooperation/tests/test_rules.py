"""Each object rule agrees with its queryset twin for every role; approval needs the second person."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import NetworkRole
from augenhoehe.cooperation import services
from augenhoehe.cooperation.models import Cooperation, Vetting
from augenhoehe.cooperation.permissions import can_approve_vetting, can_view_vetting
from augenhoehe.cooperation.selectors import cooperation_visible_queryset, vetting_visible_queryset
from augenhoehe.directory.models import RepresentativeRole
from augenhoehe.testing.factories import NetworkFactory, representative, staff

from .conftest import cooperation_fields

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


@pytest.fixture
def world(organisation_factory):
    first, second = NetworkFactory(), NetworkFactory()
    organisations = [organisation_factory(), organisation_factory(is_published=False)]
    people = {
        "anonymous": AnonymousUser(),
        "mso_admin": representative(organisations[0], RepresentativeRole.ADMIN),
        "coordinator_1": staff(first),
        "admin_1": staff(first, NetworkRole.ADMIN),
        "coordinator_2": staff(second),
        "coordinator_both": staff(first, also=[second]),
    }
    for network, writer in ((first, people["coordinator_1"]), (second, people["coordinator_2"])):
        with network_scope(network):
            for organisation in organisations:
                services.vetting_record(
                    network=network, organisation=organisation, actor=writer, status="concerns"
                )
            services.cooperation_create(
                network=network, actor=writer, organisations=organisations, **cooperation_fields()
            )
    return first, second, people


def test_view_rules_agree_with_the_querysets_for_every_role_and_network(world):
    first, second, people = world
    for network in (first, second, None):
        with scopes_disabled():
            vettings, cooperations = list(Vetting.objects.all()), list(Cooperation.objects.all())
        with network_scope(network):
            for role, person in people.items():
                visible = set(
                    vetting_visible_queryset(viewer=person, network=network).values_list("pk", flat=True)
                )
                by_rule = {
                    v.pk
                    for v in vettings
                    if v.network_id == getattr(network, "pk", None) and can_view_vetting(person, v)
                }
                assert visible == by_rule, (role, network)
                visible = set(
                    cooperation_visible_queryset(viewer=person, network=network).values_list("pk", flat=True)
                )
                by_rule = {
                    c.pk
                    for c in cooperations
                    if c.network_id == getattr(network, "pk", None)
                    and person.has_perm("cooperation.view_cooperation", c)
                }
                assert visible == by_rule, (role, network)
    # The MSO and visitors read none; each network's staff only their own network's.
    with network_scope(first):
        assert not vetting_visible_queryset(viewer=people["mso_admin"], network=first).exists()
        assert vetting_visible_queryset(viewer=people["coordinator_1"], network=first).count() == 2
        assert not vetting_visible_queryset(viewer=people["coordinator_2"], network=first).exists()


def test_approval_is_for_a_second_person_of_the_same_network(world):
    first, _second, people = world
    with scopes_disabled():
        vetting = Vetting.objects.get(network=first, organisation__is_published=True)
    assert vetting.reviewer == people["coordinator_1"] and vetting.proposed_status == "concerns"
    allowed = {role for role, person in people.items() if can_approve_vetting(person, vetting)}
    # A coordinator proposed it: only an admin of the network approves (a second coordinator does not).
    assert allowed == {"admin_1"}
    assert {
        role for role, person in people.items() if person.has_perm("cooperation.approve_vetting", vetting)
    } == allowed
    # An admin's proposal: any second person of the network's staff approves it, the admin not herself.
    vetting.reviewer = people["admin_1"]
    allowed = {role for role, person in people.items() if can_approve_vetting(person, vetting)}
    assert allowed == {"coordinator_1", "coordinator_both"}
