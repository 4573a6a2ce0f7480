"""Each object rule agrees with its queryset twin, for every role, on a set of profiles."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from augenhoehe.accounts.models import NetworkRole
from augenhoehe.directory import services
from augenhoehe.directory.models import Organisation, RepresentativeRole
from augenhoehe.directory.permissions import can_edit, can_publish, can_view, edit_check
from augenhoehe.directory.selectors import organisation_visible_queryset
from augenhoehe.testing.factories import NetworkFactory, representative, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation_factory):
    published = organisation_factory(name="Offen")
    draft_a = organisation_factory(name="Entwurf A", is_published=False)
    draft_b = organisation_factory(name="Entwurf B", is_published=False)
    organisation_factory(name="Entwurf ohne Vertretung", is_published=False)
    first, second = NetworkFactory(), NetworkFactory()
    member_of_two = representative(draft_a, RepresentativeRole.MEMBER)
    member_of_two.representations.create(organisation=draft_b, role=RepresentativeRole.ADMIN)
    return {
        "anonymous": AnonymousUser(),
        "mso_admin_a": representative(draft_a, RepresentativeRole.ADMIN),
        "mso_member_a": representative(draft_a, RepresentativeRole.MEMBER),
        "member_of_two": member_of_two,
        "mso_of_published": representative(published, RepresentativeRole.ADMIN),
        "coordinator_1": staff(first),
        "admin_2": staff(second, NetworkRole.ADMIN),
        "coordinator_both": staff(first, also=[second]),
    }


def test_can_view_agrees_with_the_visible_queryset_for_every_role(people):
    organisations = list(Organisation.objects.all())
    assert len(organisations) == 4
    for role, person in people.items():
        visible = set(organisation_visible_queryset(viewer=person).values_list("pk", flat=True))
        by_rule = {o.pk for o in organisations if can_view(person, o)}
        assert visible == by_rule, role
        check = edit_check(person)
        assert {o.pk for o in organisations if check(o)} == {
            o.pk for o in organisations if can_edit(person, o)
        }


def test_mso_admins_publish_members_only_edit(people):
    draft_a = Organisation.objects.get(name="Entwurf A")
    assert can_publish(people["mso_admin_a"], draft_a)
    assert can_edit(people["mso_member_a"], draft_a) and not can_publish(people["mso_member_a"], draft_a)
    # Once the organisation has MSO admins, publication is theirs, not the network's.
    assert not can_publish(people["coordinator_1"], draft_a)
    assert can_publish(people["coordinator_1"], Organisation.objects.get(name="Entwurf ohne Vertretung"))

    with pytest.raises(ValidationError):
        services.organisation_update(
            organisation=draft_a, actor=people["mso_member_a"], fields={"is_published": True}
        )
    services.organisation_update(
        organisation=draft_a, actor=people["mso_admin_a"], fields={"is_published": True}
    )
    draft_a.refresh_from_db()
    assert draft_a.is_published


def test_one_person_represents_two_organisations_in_different_roles(people):
    person = people["member_of_two"]
    draft_a, draft_b = Organisation.objects.get(name="Entwurf A"), Organisation.objects.get(name="Entwurf B")
    assert can_edit(person, draft_a) and can_edit(person, draft_b)
    assert not can_publish(person, draft_a) and can_publish(person, draft_b)
