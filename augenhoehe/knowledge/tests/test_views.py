"""The knowledge base's pages, role by role."""

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from augenhoehe.directory.models import RepresentativeRole
from augenhoehe.knowledge import services
from augenhoehe.knowledge.models import Answer
from augenhoehe.testing.factories import representative, sign_in

from .conftest import answer_fields

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def client_of(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def test_the_public_list_shows_only_published_answers_grouped_by_question(
    client, submit, users, organisation, django_assert_num_queries
):
    waiting = submit(text="NOCH-NICHT-GEPRUEFT")
    for question in ("education", "childcare", "arrival"):
        services.answer_publish(answer=submit(question=question), actor=users["coordinator"])
    with django_assert_num_queries(2):  # a visitor: the countries for the filter, answers with organisations
        response = client.get(reverse("knowledge:list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "NOCH-NICHT-GEPRUEFT" not in page and waiting.status == "submitted"
    assert page.count('<article class="section stack answer"') == 3
    assert (
        page.index("Bildung“ im jeweiligen") < page.index("Kindertagesbetreuung im") < page.index("Ankommen")
    )
    # The author organisation, linked to its public profile; the text in its language.
    assert organisation.get_absolute_url() in page
    assert 'lang="de" dir="ltr"' in page
    for question in ("informal", "outreach", "helpers"):
        services.answer_publish(answer=submit(question=question), actor=users["coordinator"])
    with django_assert_num_queries(2):  # the same with twice as many answers
        client.get(reverse("knowledge:list"))


def test_the_public_list_filters_and_searches(client, submit, users):
    services.answer_publish(answer=submit(), actor=users["coordinator"])
    services.answer_publish(
        answer=submit(question="arrival", country="SY", text="Kita-Eingewöhnung mit Begleitung."),
        actor=users["coordinator"],
    )
    url = reverse("knowledge:list")
    assert client.get(url, {"q": "Bildungsverstaendnis"}).context["count"] == 1
    assert client.get(url, {"q": "kita-eingewohnung"}).context["count"] == 1
    assert client.get(url, {"country": "SY"}).context["count"] == 1
    assert client.get(url, {"question": "education", "country": "SY"}).context["count"] == 0
    assert client.get(url, {"country": "ZZ"}).status_code == 400  # not a choice: said at the field
    # A community without answers yet (a link from the matching page) finds none, without an error.
    empty = client.get(url, {"country": "ER"})
    assert (empty.status_code, empty.context["count"]) == (200, 0)
    assert client.get(url).context["count"] == 2


def test_an_unpublished_organisation_is_named_but_not_linked(client, submit, users, organisation):
    answer = submit()
    services.answer_publish(answer=answer, actor=users["coordinator"])
    with scopes_disabled():
        type(organisation).objects.filter(pk=organisation.pk).update(is_published=False)
    page = client.get(reverse("knowledge:list")).content.decode()
    assert "Türkischer Elternverein Gütersloh" in page
    assert organisation.get_absolute_url() not in page


def test_a_representative_contributes_from_their_profile(writer, organisation, network):
    client = client_of(writer)
    profile = client.get(organisation.get_absolute_url()).content.decode()
    create = reverse("knowledge:create")
    assert f"{create}?organisation={organisation.pk}" in profile
    page = client.get(create)
    assert page.status_code == 200
    # One organisation, one responsible network: neither is asked, both are named.
    assert "id_organisation" not in page.content.decode() and network.name in page.content.decode()
    refused = client.post(create, {"question": "education", "country": "TR", "language": "de", "text": ""})
    assert refused.status_code == 400 and "Bitte schreiben Sie Ihre Antwort." in refused.content.decode()
    response = client.post(create, answer_fields())
    assert response.status_code == 302 and response.url == reverse("knowledge:mine")
    with scopes_disabled():
        answer = Answer.objects.get()
    assert (answer.organisation, answer.network, answer.author, answer.status) == (
        organisation,
        network,
        writer,
        "submitted",
    )
    mine = client.get(reverse("knowledge:mine")).content.decode()
    assert "Eingereicht, wartet auf Prüfung" in mine


def test_staff_and_strangers_do_not_contribute(client_for, users):
    for role in ("coordinator", "mso_member"):  # mso_member represents nothing here
        assert client_for(role).get(reverse("knowledge:create")).status_code == 403
        assert client_for(role).get(reverse("knowledge:mine")).status_code == 403
    assert client_for("anonymous").get(reverse("knowledge:create")).status_code == 302


def test_review_lists_the_networks_submitted_answers_with_count(
    submit, client_for, django_assert_num_queries
):
    submit()
    submit(question="childcare")
    client = client_for("coordinator")
    response = client.get(reverse("knowledge:review"))
    assert response.status_code == 200 and response.context["count"] == 2
    assert "2 Antworten warten auf Prüfung" in response.content.decode()
    # The other network's staff have nothing of it to review.
    assert client_for("other_coordinator").get(reverse("knowledge:review")).context["count"] == 0
    submit(question="arrival")
    with django_assert_num_queries(4):  # session, user, memberships, answers with organisations
        assert client.get(reverse("knowledge:review")).context["count"] == 3


def test_review_publishes_and_returns(submit, client_for, client, writer):
    published, returned = submit(), submit(question="childcare")
    staff = client_for("coordinator")
    decide = "knowledge:decide"
    assert staff.post(reverse(decide, args=[published.pk]), {"decision": "publish"}).status_code == 302
    empty = staff.post(reverse(decide, args=[returned.pk]), {"decision": "return", "reason": ""})
    assert empty.status_code == 400 and f"id_return_{returned.pk}_reason_error" in empty.content.decode()
    staff.post(reverse(decide, args=[returned.pk]), {"decision": "return", "reason": "Bitte ein Beispiel."})
    published.refresh_from_db(), returned.refresh_from_db()
    assert (published.status, returned.status, returned.return_reason) == (
        "published",
        "returned",
        "Bitte ein Beispiel.",
    )
    # Another network cannot find it; a representative may not review.
    assert client_for("other_coordinator").post(reverse(decide, args=[returned.pk])).status_code == 404
    assert client_of(writer).post(reverse(decide, args=[returned.pk])).status_code == 403
    page = client.get(reverse("knowledge:list")).content.decode()
    assert published.text in page and f"answer-{returned.pk}" not in page
    mine = client_of(writer).get(reverse("knowledge:mine")).content.decode()
    assert "Bitte ein Beispiel." in mine and reverse("knowledge:update", args=[returned.pk]) in mine


def test_a_returned_answer_is_editable_only_by_its_organisation(
    submit, users, writer, organisation_factory, client_for
):
    answer = submit()
    url = reverse("knowledge:update", args=[answer.pk])
    assert client_of(writer).get(url).status_code == 404  # submitted: not theirs to change now
    services.answer_return(answer=answer, actor=users["coordinator"], reason="Bitte genauer.")
    stranger = representative(organisation_factory(name="Anderer Verein"), RepresentativeRole.ADMIN)
    for other in (client_of(stranger), client_for("coordinator"), client_for("network_admin")):
        assert other.get(url).status_code == 404
    client = client_of(writer)
    assert "Bitte genauer." in client.get(url).content.decode()
    response = client.post(url, answer_fields(text="Genauer: Schule, Koranschule, Sport."))
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.status, answer.text) == ("submitted", "Genauer: Schule, Koranschule, Sport.")
    assert client.get(url).status_code == 404
