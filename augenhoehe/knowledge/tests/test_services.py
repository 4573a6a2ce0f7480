"""The answer's way: contributed by an organisation, reviewed by its network, public once published."""

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from augenhoehe.core.models import LogEntry
from augenhoehe.knowledge import selectors, services
from augenhoehe.knowledge.models import Answer
from augenhoehe.testing.factories import UserFactory

from .conftest import answer_fields

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def test_a_submitted_answer_waits_and_is_not_public(submit, users, network):
    answer = submit()
    assert answer.status == "submitted"
    assert selectors.answer_public_list() == []
    assert selectors.answers_for(country="TR") == []
    assert [a.pk for a in selectors.answer_review_list(viewer=users["coordinator"], network=network)] == [
        answer.pk
    ]


def test_publishing_makes_it_public_and_is_audited(submit, users):
    answer = submit()
    services.answer_publish(answer=answer, actor=users["coordinator"])
    assert [a.pk for a in selectors.answer_public_list()] == [answer.pk]
    assert [a.pk for a in selectors.answers_for(country="tr")] == [answer.pk]
    assert selectors.answers_for(country="SY") == []
    assert selectors.answers_for(country="TR", language="tr") == []
    answer.refresh_from_db()
    assert answer.reviewer == users["coordinator"] and answer.reviewed_at is not None
    with scopes_disabled():
        actions = list(
            LogEntry.objects.filter(object_id=str(answer.pk), action__startswith="knowledge.").values_list(
                "action", flat=True
            )
        )
    assert sorted(actions) == ["knowledge.answer.published", "knowledge.answer.submitted"]


def test_returning_needs_a_reason_and_the_organisation_may_rework(submit, users, writer):
    answer = submit()
    with pytest.raises(ValidationError) as refused:
        services.answer_return(answer=answer, actor=users["coordinator"], reason="  ")
    assert "reason" in refused.value.message_dict
    services.answer_return(answer=answer, actor=users["coordinator"], reason="Bitte ein Beispiel nennen.")
    assert answer.status == "returned" and selectors.answer_public_list() == []
    assert selectors.answer_get_for_author(user=writer, pk=answer.pk) == answer
    services.answer_resubmit(answer=answer, actor=writer, **answer_fields(text="Mit Beispiel: Koranschule."))
    answer.refresh_from_db()
    assert answer.status == "submitted" and answer.text == "Mit Beispiel: Koranschule."
    # Submitted again, it is no longer the organisation's to change.
    with pytest.raises(ValidationError):
        services.answer_resubmit(answer=answer, actor=writer, **answer_fields())


def test_only_the_network_it_was_contributed_to_reviews_it(submit, users):
    answer = submit()
    for outsider in (users["other_coordinator"], UserFactory()):
        with pytest.raises(ValidationError):
            services.answer_publish(answer=answer, actor=outsider)
    services.answer_publish(answer=answer, actor=users["coordinator"])
    with pytest.raises(ValidationError):  # published: nothing waits any more
        services.answer_return(answer=answer, actor=users["coordinator"], reason="zu spät")


def test_only_a_representative_contributes_and_only_to_a_responsible_network(
    organisation, writer, network, other_network, users
):
    with pytest.raises(ValidationError) as refused:
        services.answer_submit(
            organisation=organisation, network=network, actor=users["coordinator"], **answer_fields()
        )
    assert "organisation" in refused.value.message_dict
    # Dortmund is not responsible for Gütersloh.
    with pytest.raises(ValidationError) as refused:
        services.answer_submit(
            organisation=organisation, network=other_network, actor=writer, **answer_fields()
        )
    assert "network" in refused.value.message_dict
    assert selectors.contribution_networks(organisation=organisation) == [network]
    with pytest.raises(ValidationError) as refused:
        services.answer_submit(
            organisation=organisation, network=network, actor=writer, **answer_fields(country="XX", text="")
        )
    assert {"country", "text"} <= set(refused.value.message_dict)
    with scopes_disabled():
        assert not Answer.objects.exists()


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Bildungsverständnis", True),
        ("bildungsverstandnis", True),
        ("BILDUNGSVERSTAENDNIS", True),
        ("Kita-Eingewöhnung", False),
        ("Schule bildungsverständnis", True),
        ("Schule Kindergarten", False),
    ],
)
def test_search_folds_umlauts(submit, users, query, found):
    services.answer_publish(answer=submit(), actor=users["coordinator"])
    assert bool(selectors.answer_public_list(query=query)) is found


def test_search_finds_kita_eingewoehnung(submit, users):
    services.answer_publish(
        answer=submit(question="arrival", text="Die Kita-Eingewöhnung mit einer vertrauten Person hilft."),
        actor=users["coordinator"],
    )
    services.answer_publish(answer=submit(), actor=users["coordinator"])
    assert [a.question for a in selectors.answer_public_list(query="kita-eingewohnung")] == ["arrival"]
    assert [a.question for a in selectors.answer_public_list(query="Kita-Eingewöhnung")] == ["arrival"]
    assert [a.question for a in selectors.answer_public_list(question="education")] == ["education"]
    assert len(selectors.answer_public_list(country="TR")) == 2
    assert selectors.answer_public_list(country="SY") == []


def test_answers_for_come_in_the_guides_order(submit, users):
    for question in ("informal", "education", "arrival"):
        services.answer_publish(answer=submit(question=question), actor=users["coordinator"])
    assert [a.question for a in selectors.answers_for(country="TR")] == ["education", "arrival", "informal"]
