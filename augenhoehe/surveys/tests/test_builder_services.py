"""The builder's services: dense positions, conditions only on earlier questions, the frozen
structure once answers exist, the checks before opening, and the NRW template."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.models import LogEntry
from augenhoehe.surveys import builder
from augenhoehe.surveys.builder import DOWN, UP, OptionSpec
from augenhoehe.surveys.builder_translations import survey_texts, survey_translations_save
from augenhoehe.surveys.choices import QuestionKind, SurveyStatus
from augenhoehe.surveys.models import SurveyOption, SurveyQuestion, SurveyResponse
from augenhoehe.surveys.nrw import survey_create_from_template, template_data
from augenhoehe.surveys.testing import survey_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoped(network):
    with network_scope(network):
        yield network


@pytest.fixture
def draft(scoped, users):
    return builder.survey_create(network=scoped, actor=users["coordinator"], title="Befragung 2026")


def choice(section, actor, text, labels, **more):
    return builder.question_save(
        section=section,
        actor=actor,
        kind=more.pop("kind", QuestionKind.SINGLE),
        text=text,
        options=[OptionSpec(label) for label in labels],
        **more,
    )


def codes(survey):
    return list(survey.questions.order_by("section__position", "position").values_list("code", flat=True))


def test_questions_get_stable_codes_and_dense_positions(draft, users):
    actor = users["coordinator"]
    section = builder.section_create(survey=draft, actor=actor, title="Teil 1")
    first = choice(section, actor, "Eins?", ["ja", "nein"])
    second = choice(section, actor, "Zwei?", ["ja", "nein"])
    third = choice(section, actor, "Drei?", ["ja", "nein"])
    builder.question_delete(question=second, actor=actor)
    fourth = choice(section, actor, "Vier?", ["ja", "nein"])
    # q2 is not given again: exports keep naming the same question the same way.
    assert codes(draft) == ["q1", "q3", "q4"]
    assert [q.position for q in section.questions.order_by("position")] == [1, 2, 3]
    builder.question_move(question=fourth, actor=actor, direction=UP)
    builder.question_move(question=first, actor=actor, direction=UP)  # already first: stays
    assert codes(draft) == ["q1", "q4", "q3"]
    third.refresh_from_db()
    assert third.position == 3
    assert LogEntry.objects.filter(action="surveys.question.moved").count() == 2


def test_a_condition_names_an_earlier_question_with_options_and_its_own_options(draft, users):
    actor = users["coordinator"]
    section = builder.section_create(survey=draft, actor=actor, title="Teil 1")
    form = choice(section, actor, "Verein?", ["ja", "nein"])
    yes = form.options.get(position=1)
    partners = choice(
        section, actor, "Mit wem?", ["Schule", "Kita"], condition_question=form, condition_options=[yes]
    )
    assert list(partners.condition_options.all()) == [yes]
    with pytest.raises(ValidationError) as refused:
        choice(section, actor, "Falsch", ["a", "b"], condition_question=form, condition_options=[])
    assert "condition_options" in refused.value.message_dict
    with pytest.raises(ValidationError):
        # An option of another question than the condition's.
        choice(
            section,
            actor,
            "Falsch",
            ["a", "b"],
            condition_question=form,
            condition_options=[partners.options.first()],
        )
    with pytest.raises(ValidationError):
        # Itself: a question is not earlier than itself.
        builder.question_save(
            section=section,
            actor=actor,
            question=form,
            kind=QuestionKind.SINGLE,
            text="Verein?",
            options=[OptionSpec("ja"), OptionSpec("nein")],
            condition_question=form,
            condition_options=[yes],
        )
    # Moving the dependent question above its condition is refused, and nothing moves.
    with pytest.raises(ValidationError):
        builder.question_move(question=partners, actor=actor, direction=UP)
    assert codes(draft) == ["q1", "q2"]
    assert section.questions.count() == 2


def test_opening_needs_a_question_and_two_options_per_choice(draft, users):
    actor = users["coordinator"]
    with pytest.raises(ValidationError, match="noch keine Frage"):
        builder.survey_open(survey=draft, actor=actor)
    section = builder.section_create(survey=draft, actor=actor, title="Teil 1")
    lonely = choice(section, actor, "Nur eine?", ["ja"])
    with pytest.raises(ValidationError, match="zwei Antwortmöglichkeiten"):
        builder.survey_open(survey=draft, actor=actor)
    builder.question_save(
        section=section,
        actor=actor,
        question=lonely,
        kind=QuestionKind.SINGLE,
        text="Nur eine?",
        options=[OptionSpec("ja"), OptionSpec("nein")],
    )
    builder.survey_open(survey=draft, actor=actor)
    assert draft.status == SurveyStatus.OPEN
    with pytest.raises(ValidationError):
        builder.survey_delete(survey=draft, actor=actor)
    builder.survey_close(survey=draft, actor=actor)
    assert draft.status == SurveyStatus.CLOSED


def test_a_closing_date_in_the_past_is_refused(scoped, users):
    with pytest.raises(ValidationError) as refused:
        builder.survey_create(
            network=scoped,
            actor=users["coordinator"],
            title="X",
            closes_at=timezone.now() - timedelta(hours=1),
        )
    assert "closes_at" in refused.value.message_dict


def test_answers_freeze_the_structure_but_not_the_texts(scoped, users, organisation_factory):
    actor = users["coordinator"]
    survey = survey_sample(network=scoped)
    SurveyResponse.objects.create(network=scoped, survey=survey, organisation=organisation_factory())
    fields = survey.questions.get(code="fields")
    with pytest.raises(ValidationError):
        builder.question_delete(question=fields, actor=actor)
    with pytest.raises(ValidationError):
        builder.section_delete(section=fields.section, actor=actor)
    labels = [OptionSpec(o.label, is_other=o.is_other) for o in fields.options.order_by("position")]
    with pytest.raises(ValidationError) as refused:
        builder.question_save(
            section=fields.section,
            actor=actor,
            question=fields,
            kind=QuestionKind.SINGLE,
            text=fields.text,
            options=labels,
        )
    assert "kind" in refused.value.message_dict
    with pytest.raises(ValidationError):
        builder.question_save(
            section=fields.section,
            actor=actor,
            question=fields,
            kind=fields.kind,
            text=fields.text,
            options=labels[:2],
        )
    corrected = [OptionSpec("Bildung und Schule"), *labels[1:]]
    builder.question_save(
        section=fields.section,
        actor=actor,
        question=fields,
        kind=fields.kind,
        text="Ihre Felder?",
        options=corrected,
    )
    fields.refresh_from_db()
    assert fields.text == "Ihre Felder?"
    assert fields.options.get(position=1).label == "Bildung und Schule"
    assert fields.options.count() == 4


def test_translations_are_saved_per_language_and_counted(scoped, users):
    survey = survey_sample(network=scoped, status=SurveyStatus.DRAFT)
    question = survey.questions.get(code="form")
    name = f"question-{question.pk}-text"
    texts = {t.name: t for t in survey_texts(survey=survey, language="ar")}
    assert texts[name].translation == ""
    survey_translations_save(
        survey=survey,
        actor=users["coordinator"],
        language="ar",
        texts={name: " ما الشكل القانوني؟ ", "question-0-text": "x"},
    )
    question.refresh_from_db()
    assert question.translated("text", "ar") == ("ما الشكل القانوني؟", "ar")
    # Emptied again: the German text is what the respondent reads.
    survey_translations_save(survey=survey, actor=users["coordinator"], language="ar", texts={name: ""})
    question.refresh_from_db()
    assert "ar" not in question.translations
    with pytest.raises(ValidationError):
        survey_translations_save(survey=survey, actor=users["coordinator"], language="uk", texts={name: "x"})


def test_the_nrw_template_builds_the_study_in_three_languages(scoped, users):
    survey = survey_create_from_template(network=scoped, actor=users["coordinator"], template="nrw-2018")
    data = template_data("nrw-2018")
    assert survey.status == SurveyStatus.DRAFT and survey.languages == ["tr", "ar"]
    questions = SurveyQuestion.objects.filter(survey=survey)
    # 21 fields of activity and 8 self-assessment items (Likert), and nine more questions.
    assert questions.filter(kind=QuestionKind.LIKERT).count() == 21 + 8
    assert questions.count() == 21 + 8 + 9
    assert len(data["sections"][1]["questions"][1]["options"]) == 17
    likert = questions.filter(kind=QuestionKind.LIKERT).first()
    assert [(o.label, o.is_agreement) for o in likert.options.order_by("position")][:3] == [
        ("trifft voll und ganz zu", True),
        ("trifft eher zu", True),
        ("trifft eher nicht zu", False),
    ]
    funding = questions.get(text="Woher bekommt Ihre Organisation Geld?")
    other = funding.options.order_by("position").last()
    assert other.is_other and other.label == "Sonstiges, nämlich"
    # Options the document does not name, and that would sit beside their opposites, are not there.
    texts = set(SurveyOption.objects.filter(question__survey=survey).values_list("label", flat=True))
    assert not texts & {"Wir haben kein Geld", "Keine Schwierigkeiten"}
    partners = questions.get(text="Mit wem arbeitet Ihre Organisation zusammen?")
    assert [o.label for o in partners.condition_options.all()] == ["ja"]
    # Every text has its Turkish and Arabic version.
    for language in ("tr", "ar"):
        assert all(text.translation for text in survey_texts(survey=survey, language=language))
    builder.survey_open(survey=survey, actor=users["coordinator"])


def test_moving_sections_keeps_conditions_pointing_back(draft, users):
    actor = users["coordinator"]
    first = builder.section_create(survey=draft, actor=actor, title="A")
    second = builder.section_create(survey=draft, actor=actor, title="B")
    form = choice(first, actor, "Verein?", ["ja", "nein"])
    choice(
        second,
        actor,
        "Mit wem?",
        ["Schule", "Kita"],
        condition_question=form,
        condition_options=[form.options.first()],
    )
    with pytest.raises(ValidationError):
        builder.section_move(section=first, actor=actor, direction=DOWN)
    first.refresh_from_db()
    assert first.position == 1
