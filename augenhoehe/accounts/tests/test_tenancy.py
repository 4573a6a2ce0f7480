"""Tenancy fails loudly: network-owned rows are read in a network's scope or not at all."""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import ScopeError, scopes_disabled

from augenhoehe.accounts.middleware import SESSION_KEY, network_scope
from augenhoehe.accounts.models import Invitation, NetworkMembership, NetworkRole
from augenhoehe.accounts.permissions import is_network_admin_of, is_staff_of, network_roles
from augenhoehe.api.models import ApiToken
from augenhoehe.checkins.models import Checkin, CheckinContact, CheckinLink, CheckinPlan, Rating, Response
from augenhoehe.cooperation.models import (
    Comment,
    Compensation,
    ContactEntry,
    Cooperation,
    Document,
    FundingPeriod,
    Partner,
    StageChange,
    Task,
    Vetting,
)
from augenhoehe.core.models import LogEntry
from augenhoehe.directory import services
from augenhoehe.directory.models import ChangeSuggestion, InternalNote, RepresentativeRole
from augenhoehe.events.models import (
    Event,
    EventOrganiser,
    Feedback,
    FeedbackLink,
    Poll,
    PollBallot,
    PollOption,
    ProgrammeItem,
    Registration,
    RegistrationQuestion,
    Series,
)
from augenhoehe.imports.models import ImportBatch, ImportRow, ImportValueMapping
from augenhoehe.interpreters.models import Booking, Interpreter, InterpreterLanguage
from augenhoehe.knowledge.models import Answer
from augenhoehe.matching.models import Need, Weights
from augenhoehe.participation.models import ProfileReminder
from augenhoehe.statistics.models import StatisticsColumn, StatisticsRow, StatisticsTable, StatisticsValue
from augenhoehe.surveys.models import (
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
)
from augenhoehe.testing.factories import NetworkFactory, UserFactory, representative, staff

pytestmark = pytest.mark.django_db

# Every model that belongs to a network, and the path from it to its network.
SCOPED = {
    NetworkMembership: "network",
    Invitation: "network",
    InternalNote: "network",
    ChangeSuggestion: "network",
    ImportBatch: "network",
    ImportRow: "batch__network",
    ImportValueMapping: "network",
    ApiToken: "network",
    LogEntry: "network",
    Vetting: "network",
    Cooperation: "network",
    Partner: "network",
    StageChange: "network",
    FundingPeriod: "network",
    ContactEntry: "network",
    Task: "network",
    Document: "network",
    Compensation: "network",
    Comment: "network",
    Interpreter: "network",
    InterpreterLanguage: "network",
    Booking: "network",
    Answer: "network",
    Need: "network",
    Weights: "network",
    CheckinPlan: "network",
    CheckinContact: "network",
    Checkin: "network",
    CheckinLink: "network",
    Response: "network",
    Rating: "network",
    Series: "network",
    Event: "network",
    EventOrganiser: "network",
    ProgrammeItem: "network",
    RegistrationQuestion: "network",
    Registration: "network",
    FeedbackLink: "network",
    Feedback: "network",
    Poll: "network",
    PollOption: "network",
    PollBallot: "network",
    StatisticsTable: "network",
    StatisticsColumn: "network",
    StatisticsRow: "network",
    StatisticsValue: "network",
    Survey: "network",
    SurveySection: "network",
    SurveyQuestion: "network",
    SurveyOption: "network",
    SurveyInvitation: "network",
    SurveyResponse: "network",
    SurveyAnswer: "network",
    ProfileReminder: "network",
}


def test_every_model_with_a_network_key_is_scoped():
    """Walk the models: whatever carries a network (directly or through its batch) is listed above."""
    found = set()
    for model in apps.get_models():
        names = {f.name for f in model._meta.get_fields()}
        if "network" in names and model._meta.get_field("network").related_model.__name__ == "Network":
            found.add(model)
        if "batch" in names:
            found.add(model)
    # Users and Kreise point at networks through many-to-many relations of the Network itself.
    assert found == set(SCOPED)
    for model in SCOPED:
        with pytest.raises(ScopeError):
            list(model.objects.all())
        with pytest.raises(ScopeError):
            model.objects.filter(pk=1).exists()


def test_a_scope_shows_its_own_network_only(organisation_factory):
    first, second = NetworkFactory(), NetworkFactory()
    organisation = organisation_factory()
    writers = {network: staff(network) for network in (first, second)}
    for network, writer in writers.items():
        with network_scope(network):
            services.internal_note_create(organisation=organisation, network=network, actor=writer, text="x")

    with network_scope(first):
        assert {n.network for n in InternalNote.objects.all()} == {first}
        assert {e.network for e in LogEntry.objects.all()} == {first}
        # A related manager is scoped too: the organisation's notes of another network stay hidden.
        assert organisation.internal_notes.count() == 1
    with network_scope(None):
        assert not InternalNote.objects.exists()
    assert LogEntry.shared.filter(action="organisation.created").count() == 1


def test_network_roles_and_predicates_read_memberships(django_assert_num_queries):
    first, second = NetworkFactory(), NetworkFactory()
    person = staff(first, NetworkRole.ADMIN)
    NetworkMembership.objects.with_scopes_disabled().create(
        user=person, network=second, role=NetworkRole.COORDINATOR
    )

    with django_assert_num_queries(1):
        assert network_roles(person, first) == {"admin"}
        assert network_roles(person, second) == {"coordinator"}
        assert network_roles(person, NetworkFactory.build(pk=999_999)) == frozenset()
        assert is_network_admin_of(person, first) and not is_network_admin_of(person, second)
        assert is_staff_of(person, second)
    assert network_roles(UserFactory(), first) == frozenset()


def test_the_active_network_comes_from_the_session_and_can_be_switched(organisation_factory):
    first = NetworkFactory(name="Netzwerk Eins")
    second = NetworkFactory(name="Netzwerk Zwei")
    both = staff(first, also=[second])
    client = Client()
    client.force_login(both)
    page = client.get(reverse("directory:search")).content.decode()
    assert 'name="network"' in page and "Netzwerk Zwei" in page

    response = client.post(
        reverse("accounts:network_switch"), {"network": second.pk, "next": "/organisations/"}
    )
    assert response.status_code == 302 and response.url == "/organisations/"
    assert client.session[SESSION_KEY] == second.pk
    organisation = organisation_factory()
    client.post(reverse("directory:note_add", args=[organisation.pk]), {"text": "Für Zwei"})
    with scopes_disabled():
        assert InternalNote.objects.get().network == second

    # Not one's own network: refused, and the session keeps its choice.
    stranger = NetworkFactory()
    assert client.post(reverse("accounts:network_switch"), {"network": stranger.pk}).status_code == 404
    assert client.post(reverse("accounts:network_switch"), {"network": "x"}).status_code == 404
    assert client.session[SESSION_KEY] == second.pk


def test_the_switch_is_offered_only_to_people_with_two_networks():
    client = Client()
    client.force_login(staff(NetworkFactory()))
    assert 'name="network"' not in client.get(reverse("directory:search")).content.decode()


def test_login_lands_where_the_person_works(organisation_factory):
    organisation = organisation_factory()
    mso = representative(organisation, RepresentativeRole.ADMIN)
    coordinator = staff(NetworkFactory())
    for person, target in [
        # A representative lands in the organisation's own space (issue 14, point 1).
        (mso, reverse("space:space", args=[organisation.pk])),
        # Staff land on their desk (issue 10: the page after login for staff).
        (coordinator, reverse("cooperation:desk")),
    ]:
        response = Client().post(
            reverse("accounts:login"), {"username": person.username, "password": "geheim-123"}, follow=True
        )
        assert response.redirect_chain[-1] == (target, 302)
    # Representing two organisations: the space offers the choice.
    two = representative(organisation_factory())
    two.representations.create(organisation=organisation_factory())
    response = Client().post(
        reverse("accounts:login"), {"username": two.username, "password": "geheim-123"}, follow=True
    )
    assert response.redirect_chain[-1] == (reverse("space:home"), 302) and response.status_code == 200


def test_an_organisations_space_shows_no_other_organisations_survey_links(organisation_factory):
    """The space's sections read across networks (issue 14): another organisation's personal survey
    link, in another network, never reaches this organisation's representatives."""
    from augenhoehe.surveys.distribution import invitation_token
    from augenhoehe.surveys.models import SurveyInvitation
    from augenhoehe.surveys.testing import survey_sample

    mine, theirs = organisation_factory(), organisation_factory()
    other = NetworkFactory()
    with network_scope(other):
        survey = survey_sample(network=other, title="Befragung der anderen")
        invitation = SurveyInvitation.objects.create(
            network=other,
            survey=survey,
            organisation=theirs,
            email="t@example.org",
            invited_at=timezone.now(),
        )
        token = invitation_token(invitation).split(":")[0]  # its payload (the signature has a timestamp)
    client = Client()
    client.force_login(representative(mine, RepresentativeRole.ADMIN))
    page = client.get(reverse("space:space", args=[mine.pk])).content.decode()
    assert token not in page and "Befragung der anderen" not in page
    client.force_login(representative(theirs, RepresentativeRole.MEMBER))
    assert token in client.get(reverse("space:space", args=[theirs.pk])).content.decode()
