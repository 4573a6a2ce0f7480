"""``knowledge.view_answer`` and its queryset twin ``selectors.visible_answers`` agree for every role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django_scopes import scopes_disabled

from augenhoehe.knowledge import services
from augenhoehe.knowledge.models import Answer
from augenhoehe.knowledge.selectors import visible_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def test_the_predicate_and_its_queryset_twin_agree(submit, users, writer):
    published = submit()
    services.answer_publish(answer=published, actor=users["coordinator"])
    returned = submit(question="childcare")
    services.answer_return(answer=returned, actor=users["coordinator"], reason="Bitte genauer.")
    waiting = submit(question="arrival")
    people = {**users, "anonymous": AnonymousUser(), "writer": writer}
    expected = {
        "anonymous": {published},
        "mso_member": {published},
        "other_coordinator": {published},
        "coordinator": {published, returned, waiting},
        "network_admin": {published, returned, waiting},
        "writer": {published, returned, waiting},
    }
    with scopes_disabled():
        answers = list(Answer.objects.all())
        for role, person in people.items():
            by_rule = {a for a in answers if person.has_perm("knowledge.view_answer", a)}
            by_query = set(Answer.objects.filter(visible_answers(user=person)))
            assert by_rule == by_query == expected[role], role
    assert writer.has_perm("knowledge.change_answer", returned)
    assert not writer.has_perm("knowledge.change_answer", waiting)
    assert not users["coordinator"].has_perm("knowledge.change_answer", returned)
