"""The demo fills the knowledge base: published answers of four communities in both networks, one
answer waiting for review and one returned."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from augenhoehe.knowledge.models import Answer


@pytest.mark.django_db
def test_the_demo_has_answers_of_four_communities_one_waiting_one_returned():
    call_command("demo", no_serve=True)
    with scopes_disabled():
        published = Counter(Answer.objects.filter(status="published").values_list("network__slug", "country"))
        waiting = list(Answer.objects.exclude(status="published").values_list("status", flat=True))
        questions = set(Answer.objects.filter(status="published").values_list("question", flat=True))
        count = Answer.objects.count()
    assert {country for _slug, country in published} == {"TR", "SY", "UA", "ER"}
    assert {slug for slug, _country in published} == {"ki-guetersloh", "dortmund"}
    assert len(questions) == 8
    assert sorted(waiting) == ["returned", "submitted"]
    call_command("demo", no_serve=True)  # a second run adds nothing
    with scopes_disabled():
        assert Answer.objects.count() == count
    page = Client().get(reverse("knowledge:list"), {"q": "Bildungsverständnis"}).content.decode()
    assert "Bildungsverständnis in vielen türkeistämmigen Familien" in page
