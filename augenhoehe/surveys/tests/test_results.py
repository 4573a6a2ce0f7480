"""The results of twelve hand-made responses: exact n, missing and percentages per question kind."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.surveys.results import percent, survey_results
from augenhoehe.surveys.testing import survey_sample
from augenhoehe.testing.factories import NetworkFactory

from .results_answers import answer_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def results():
    network = NetworkFactory()
    with network_scope(network):
        survey = survey_sample(network=network)
        answer_all(survey)
        found = survey_results(survey=survey)
        yield {result.question.code: result for result in found.questions}, found


def shares(result):
    return {o.option.label: (o.share.count, o.share.percent) for o in result.options}


def test_percentages_are_rounded_half_up_to_one_decimal():
    assert percent(1, 16) == Decimal("6.3")  # 6.25: half up, not to even
    assert percent(1, 80) == Decimal("1.3")  # 1.25
    assert percent(2, 3) == Decimal("66.7")
    assert percent(0, 7) == Decimal("0.0")
    assert percent(3, 0) is None


def test_only_submitted_responses_count(results):
    _by_code, found = results
    assert found.responses == 12
    assert not found.suppressed


def test_multiple_choice_is_a_share_of_respondents_not_of_answers(results):
    by_code, _found = results
    fields = by_code["fields"]
    assert (fields.n, fields.missing) == (11, 1)
    assert shares(fields) == {
        "Bildung": (7, Decimal("63.6")),
        "Kultur": (5, Decimal("45.5")),
        "Sport": (3, Decimal("27.3")),
        "Sonstiges, nämlich": (2, Decimal("18.2")),
    }
    assert sum(p for _c, p in shares(fields).values()) > 100
    assert sorted(fields.others) == ["Nähkurs", "Theater"]


def test_single_choice_with_its_missing_answer(results):
    by_code, _found = results
    form = by_code["form"]
    assert (form.n, form.missing) == (11, 1)
    assert shares(form) == {
        "eingetragener Verein": (8, Decimal("72.7")),
        "Initiative ohne Rechtsform": (2, Decimal("18.2")),
        "andere": (1, Decimal("9.1")),
    }


def test_a_condition_reduces_the_base_to_those_it_was_shown_to(results):
    by_code, _found = results
    partners = by_code["partners"]
    # Shown to the eight registered associations; six answered.
    assert (partners.shown, partners.n, partners.missing) == (8, 6, 2)
    assert shares(partners) == {"ja": (5, Decimal("83.3")), "nein": (1, Decimal("16.7"))}


def test_likert_in_full_and_collapsed_to_agreement(results):
    by_code, _found = results
    trust = by_code["trust"]
    assert (trust.n, trust.missing) == (12, 0)
    assert list(shares(trust).values()) == [
        (3, Decimal("25.0")),
        (5, Decimal("41.7")),
        (2, Decimal("16.7")),
        (2, Decimal("16.7")),
    ]
    assert (trust.agreement.count, trust.agreement.percent) == (8, Decimal("66.7"))


def test_numbers_mean_median_least_and_greatest(results):
    by_code, _found = results
    staff = by_code["staff"]
    assert (staff.n, staff.missing) == (10, 2)
    summary = staff.numbers
    assert (summary.mean, summary.median) == (Decimal("3.2"), Decimal("2.0"))
    assert (str(summary.minimum), str(summary.maximum)) == ("0", "10")


def test_texts_are_listed_even_when_few(results):
    by_code, _found = results
    wish = by_code["wish"]
    assert (wish.n, wish.missing, wish.suppressed) == (3, 9, False)
    assert sorted(wish.texts) == ["=HYPERLINK(1)", "Geld", "Mehr Räume"]
    assert by_code["name"].n == 0


def test_a_survey_with_fewer_than_five_responses_shows_no_figures():
    network = NetworkFactory()
    with network_scope(network):
        survey = survey_sample(network=network)
        from .results_answers import ANSWERS, answer

        for kind, f, form, p, t, s, w in ANSWERS[:4]:
            answer(survey, kind=kind, fields=f, form=form, partners=p, trust=t, staff=s, wish=w)
        found = survey_results(survey=survey)
    assert found.suppressed
    assert all(result.suppressed and not result.options for result in found.questions)
    assert {result.question.code: result.n for result in found.questions}["fields"] == 4


def test_the_database_allows_one_first_row_per_answer():
    network = NetworkFactory()
    with network_scope(network):
        survey = survey_sample(network=network)
        (response,) = answer_all(survey)[:1]
        second = response.answers.filter(question__code="fields", is_first=False).first()
        second.is_first = True
        with pytest.raises(IntegrityError), transaction.atomic():
            second.save()


def test_the_results_take_a_fixed_number_of_queries(django_assert_num_queries):
    network = NetworkFactory()
    with network_scope(network):
        survey = survey_sample(network=network)
        answer_all(survey)
        # Questions, their options and conditions; responses; counts, numbers and respondents in
        # one; shown; texts.
        with django_assert_num_queries(7):
            survey_results(survey=survey)
        answer_all(survey)  # twice the answers: the same queries
        with django_assert_num_queries(7):
            assert survey_results(survey=survey).responses == 24


@pytest.mark.django_db
def test_a_question_added_after_responses_was_not_shown_to_them():
    from datetime import timedelta

    from django.utils import timezone

    from augenhoehe.surveys.choices import QuestionKind
    from augenhoehe.surveys.models import SurveyQuestion, SurveyResponse

    network = NetworkFactory()
    with network_scope(network):
        survey = survey_sample(network=network)
        answer_all(survey)
        wish = SurveyQuestion.objects.get(survey=survey, code="wish")
        SurveyQuestion.objects.create(
            network=network,
            survey=survey,
            section=wish.section,
            position=9,
            code="late",
            kind=QuestionKind.SHORT_TEXT,
            text="Später ergänzt",
        )
        # A condition whose later question was added after all the answers.
        partners = SurveyQuestion.objects.get(survey=survey, code="partners")
        partners.created_at = timezone.now() + timedelta(seconds=1)
        partners.save()
        late = {result.question.code: result for result in survey_results(survey=survey).questions}
        assert (late["late"].shown, late["late"].n, late["late"].missing) == (0, 0, 0)
        assert late["partners"].shown == 0 and late["partners"].n > 0  # noted on the page
        SurveyResponse.objects.filter(survey=survey, submitted_at__isnull=False).update(
            submitted_at=timezone.now() + timedelta(seconds=2)
        )
        again = {result.question.code: result for result in survey_results(survey=survey).questions}
        assert again["late"].shown == 12 and again["late"].missing == 12
        assert again["partners"].shown == 8  # the "eingetragene Vereine"


@pytest.mark.usefixtures("regions")
def test_n_is_each_questions_respondents_when_answers_are_saved_section_by_section(
    network, organisation_factory
):
    # n counts the rows marked is_first; written by the answering services (several sections,
    # multiple choice, re-saved with other answers), it must equal COUNT(DISTINCT response).
    from django.db.models import Count
    from django.utils import timezone

    from augenhoehe.surveys import answering
    from augenhoehe.surveys.models import SurveyAnswer, SurveyInvitation

    with network_scope(network):
        survey = survey_sample(network=network)
        questionnaire = answering.questionnaire_load(survey=survey)
        by_code = {question.code: question for question in questionnaire.questions}

        def chosen(code, *positions):
            options = list(by_code[code].options.all())
            return [answering.AnswerValue(option=options[position].pk) for position in positions]

        for index in range(7):
            organisation = organisation_factory(name=f"Verein {index}", email=f"v{index}@example.org")
            invitation = SurveyInvitation.objects.create(
                network=network, survey=survey, organisation=organisation, invited_at=timezone.now()
            )
            response = answering.response_open(invitation=invitation)
            for section in questionnaire.sections:
                questions = questionnaire.section_questions(section)
                for values in (
                    {
                        by_code["fields"].pk: chosen("fields", 0, 1),
                        by_code["form"].pk: chosen("form", 1),
                        by_code["trust"].pk: chosen("trust", 0),
                    },
                    {
                        by_code["fields"].pk: chosen("fields", 0, 1, 2)[: 1 + index % 3],
                        by_code["form"].pk: chosen("form", index % 2),
                        by_code["trust"].pk: chosen("trust", index % 4),
                        by_code["partners"].pk: chosen("partners", index % 2),
                        by_code["staff"].pk: [answering.AnswerValue(number=index)],
                        by_code["wish"].pk: [answering.AnswerValue(text=f"Wunsch {index}")],
                    },
                ):
                    answering.section_save(
                        response=response,
                        questionnaire=questionnaire,
                        questions=questions,
                        values={pk: value for pk, value in values.items() if pk in {q.pk for q in questions}},
                        language="de",
                    )
            answering.response_submit(response=response, questionnaire=questionnaire)
        distinct = dict(
            SurveyAnswer.objects.filter(response__survey=survey)
            .values_list("question_id")
            .annotate(Count("response_id", distinct=True))
        )
        found = survey_results(survey=survey)
    assert {result.question.pk: result.n for result in found.questions if result.n} == distinct
    assert distinct[by_code["fields"].pk] == 7


@pytest.mark.django_db
def test_a_likert_item_without_agreement_options_has_no_agreement_row():
    from augenhoehe.surveys.models import SurveyOption

    network = NetworkFactory()
    with network_scope(network):
        survey = survey_sample(network=network)
        answer_all(survey)
        SurveyOption.objects.filter(question__survey=survey, question__code="trust").update(
            is_agreement=False
        )
        found = {result.question.code: result for result in survey_results(survey=survey).questions}
    assert found["trust"].agreement is None
