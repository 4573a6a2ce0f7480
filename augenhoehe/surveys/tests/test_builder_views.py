"""The builder's pages for each role, their forms' messages, and the list's query count."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.surveys.choices import QuestionKind, SurveyStatus
from augenhoehe.surveys.models import Survey, SurveyInvitation, SurveyOption, SurveyQuestion, SurveyResponse
from augenhoehe.surveys.nrw import survey_create_from_template
from augenhoehe.surveys.testing import survey_sample

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


@pytest.fixture
def sample(network):
    with network_scope(network):
        return survey_sample(network=network, status=SurveyStatus.DRAFT)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("mso_member", 403),
        ("coordinator", 200),
        ("network_admin", 200),
        ("other_coordinator", 404),
    ],
)
def test_each_role_reaches_the_overview_as_stated(client_for, sample, role, expected):
    response = client_for(role).get(reverse("surveys:detail", args=[sample.pk]))
    assert response.status_code == expected


@pytest.mark.parametrize(
    "name", ["surveys:edit", "surveys:section_add", "surveys:open", "surveys:delete", "surveys:translate"]
)
def test_another_networks_coordinator_finds_nothing(client_for, sample, name):
    kwargs = {"pk": sample.pk} | ({"language": "ar"} if name == "surveys:translate" else {})
    response = client_for("other_coordinator").post(reverse(name, kwargs=kwargs))
    assert response.status_code == 404
    with network_scope(sample.network):
        assert Survey.objects.get(pk=sample.pk).status == SurveyStatus.DRAFT


def test_the_list_counts_invited_and_answered_in_one_query(
    client_for, network, organisation_factory, django_assert_num_queries
):
    client = client_for("coordinator")
    with network_scope(network):
        for index in range(3):
            survey = survey_sample(network=network, title=f"Befragung {index}")
            for number in range(index + 1):
                organisation = organisation_factory()
                invitation = SurveyInvitation.objects.create(
                    network=network, survey=survey, organisation=organisation
                )
                SurveyResponse.objects.create(
                    network=network,
                    survey=survey,
                    organisation=organisation,
                    invitation=invitation,
                    submitted_at=timezone.now() if number else None,
                )
    # The session, the user, their memberships, and the surveys with both counts.
    with django_assert_num_queries(4):
        response = client.get(reverse("surveys:list"))
    rows = {s.title: (s.invited, s.answered) for s in response.context["surveys"]}
    assert rows == {"Befragung 0": (1, 0), "Befragung 1": (2, 1), "Befragung 2": (3, 2)}


def test_a_coordinator_builds_a_likert_item_with_edited_labels(client_for, sample):
    with network_scope(sample.network):
        section = sample.sections.get(position=2)
    response = client_for("coordinator").post(
        reverse("surveys:question_add", args=[section.pk]),
        {
            "kind": QuestionKind.LIKERT,
            "text": "Wir fühlen uns gehört.",
            "options": "stimmt genau\nstimmt eher\nteils\nstimmt eher nicht\nstimmt gar nicht",
            "scale": "5",
            "agreement": "2",
        },
    )
    assert response.status_code == 302
    with network_scope(sample.network):
        question = SurveyQuestion.objects.get(survey=sample, text="Wir fühlen uns gehört.")
        assert question.code == "q1"  # the sample's codes are words; the first number is free
        assert [(o.label, o.is_agreement) for o in question.options.order_by("position")] == [
            ("stimmt genau", True),
            ("stimmt eher", True),
            ("teils", False),
            ("stimmt eher nicht", False),
            ("stimmt gar nicht", False),
        ]


def test_bad_input_is_shown_at_its_field_and_nothing_changes(client_for, sample):
    client = client_for("coordinator")
    with network_scope(sample.network):
        section = sample.sections.get(position=1)
        trust = SurveyQuestion.objects.get(survey=sample, code="trust")
        before = SurveyQuestion.objects.count()
    response = client.post(
        reverse("surveys:question_add", args=[section.pk]),
        {
            "kind": QuestionKind.SINGLE,
            "text": "x" * 501,
            "options": "a\n" + "b" * 300,
            "condition_question": str(trust.pk),  # a later question: not offered
            "scale": "4",
            "agreement": "2",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) >= {"text", "options", "condition_question"}
    response = client.post(
        reverse("surveys:edit", args=[sample.pk]),
        {"title": "Neu", "closes_at": (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 400
    assert "Vergangenheit" in str(response.context["form"].errors["closes_at"])
    response = client.post(
        reverse("surveys:edit", args=[sample.pk]), {"title": "Neu", "closes_at": "99999-01-01T10:00"}
    )
    assert response.status_code == 400
    with network_scope(sample.network):
        assert SurveyQuestion.objects.count() == before
        assert Survey.objects.get(pk=sample.pk).title == "Befragung der MSO"


def test_the_closing_date_is_german_time(client_for, sample):
    response = client_for("coordinator").post(
        reverse("surveys:edit", args=[sample.pk]),
        {"title": "Befragung", "closes_at": "2099-07-01T18:00", "languages": ["ar", "fa"]},
    )
    assert response.status_code == 302
    with network_scope(sample.network):
        survey = Survey.objects.get(pk=sample.pk)
    assert survey.closes_at.isoformat() == "2099-07-01T16:00:00+00:00"
    assert survey.languages == ["ar", "fa"]


def test_the_translation_page_marks_direction_and_counts_what_is_missing(client_for, sample):
    client = client_for("coordinator")
    url = reverse("surveys:translate", args=[sample.pk, "ar"])
    page = client.get(url)
    missing = page.context["missing"]
    assert 'lang="ar" dir="rtl"' in page.content.decode()
    with network_scope(sample.network):
        form = SurveyQuestion.objects.get(survey=sample, code="form")
    # The page posts every input; what it showed is kept.
    shown = {name: field.initial for name, field in page.context["form"].fields.items()}
    response = client.post(url, shown | {f"question-{form.pk}-text": "ما الشكل القانوني لمنظمتكم؟"})
    assert response.status_code == 302
    assert client.get(url).context["missing"] == missing - 1
    assert client.get(reverse("surveys:translate", args=[sample.pk, "uk"])).status_code == 404
    assert client.post(url, {f"question-{form.pk}-text": "x" * 6000}).status_code == 400


def test_a_refused_action_is_a_message_not_an_error_page(client_for, sample):
    client = client_for("coordinator")
    with network_scope(sample.network):
        partners = SurveyQuestion.objects.get(survey=sample, code="partners")
        form = SurveyQuestion.objects.get(survey=sample, code="form")
    response = client.post(reverse("surveys:question_delete", args=[form.pk]), follow=True)
    assert "hängt von dieser ab" in response.content.decode()
    response = client.post(reverse("surveys:section_up", args=[partners.section_id]), follow=True)
    assert "danach käme" in response.content.decode()
    response = client.post(reverse("surveys:open", args=[sample.pk]))
    with network_scope(sample.network):
        assert Survey.objects.get(pk=sample.pk).status == SurveyStatus.OPEN


def test_a_template_is_applied_from_the_list(client_for, network):
    client = client_for("coordinator")
    response = client.post(reverse("surveys:create_from_template"), {"template": "nrw-2018"})
    assert response.status_code == 302
    assert client.post(reverse("surveys:create_from_template"), {"template": "nope"}).status_code == 404
    with network_scope(network):
        survey = Survey.objects.get()
    assert survey.template == "nrw-2018"
    assert client.get(survey.get_absolute_url()).status_code == 200


def test_the_overview_does_not_grow_with_the_questionnaire(
    client_for, network, users, django_assert_max_num_queries
):
    client = client_for("coordinator")
    with network_scope(network):
        small = survey_sample(network=network, status=SurveyStatus.DRAFT)
        large = survey_create_from_template(network=network, actor=users["coordinator"], template="nrw-2018")
    counted = []
    for survey in (small, large):
        with django_assert_max_num_queries(30) as queries:
            assert client.get(reverse("surveys:detail", args=[survey.pk])).status_code == 200
        counted.append(len(queries))
    assert counted[0] == counted[1]


def test_the_translation_page_asks_each_german_text_once_and_links_it(client_for, network, users):
    client = client_for("coordinator")
    with network_scope(network):
        survey = survey_create_from_template(network=network, actor=users["coordinator"], template="nrw-2018")
    url = reverse("surveys:translate", args=[survey.pk, "ar"])
    page = client.get(url)
    texts = [text for text, _field in page.context["rows"]]
    germans = [text.german for text in texts]
    assert len(germans) == len(set(germans))
    rather = next(text for text in texts if text.german == "trifft eher zu")
    assert len(rather.places) == 29  # one scale point of every Likert item
    html = page.content.decode()
    assert f'id="german-{rather.name}"' in html and f'aria-describedby="german-{rather.name}"' in html
    shown = {name: field.initial for name, field in page.context["form"].fields.items()}
    assert client.post(url, shown | {rather.name: "ينطبق غالبًا"}).status_code == 302
    with network_scope(network):
        points = SurveyOption.objects.filter(question__survey=survey, label="trifft eher zu")
        assert {option.translated("label", "ar")[0] for option in points} == {"ينطبق غالبًا"}


def test_a_conditions_answers_are_joined_in_the_page_language(client_for, sample):
    with network_scope(sample.network):
        form = SurveyQuestion.objects.get(survey=sample, code="form")
        partners = SurveyQuestion.objects.get(survey=sample, code="partners")
        partners.condition_options.set(form.options.filter(position__lte=2))
    arabic = {"„{answer}“": "«{answer}»", "{one} oder {other}": "{one} أو {other}"}
    with mock.patch("augenhoehe.surveys.builder_views._", lambda text: arabic.get(text, text)):
        html = client_for("coordinator").get(reverse("surveys:detail", args=[sample.pk])).content.decode()
    assert (
        '«<bdi lang="de">eingetragener Verein</bdi>» أو «<bdi lang="de">Initiative ohne Rechtsform</bdi>»'
        in html
    )
