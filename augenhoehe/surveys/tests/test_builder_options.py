"""Saving a question's options: lines are matched to stored options by label, so answers,
translations and conditions stay on the option they belong to; what answers or conditions rely on
is refused; the survey's row is locked; a closed survey stays as it is; codes are unique."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.surveys import builder
from augenhoehe.surveys.builder import OptionSpec
from augenhoehe.surveys.builder_forms import QuestionForm
from augenhoehe.surveys.choices import QuestionKind, SurveyStatus
from augenhoehe.surveys.models import SurveyAnswer, SurveyResponse
from augenhoehe.surveys.testing import LIKERT_LABELS, survey_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(network):
    with network_scope(network):
        yield survey_sample(network=network, status=SurveyStatus.DRAFT)


@pytest.fixture
def actor(users):
    return users["coordinator"]


def save(question, actor, labels, **more):
    """Save ``question`` with ``labels`` (strings or ``OptionSpec``) and otherwise as it is."""
    options = [label if isinstance(label, OptionSpec) else OptionSpec(label) for label in labels]
    return builder.question_save(
        section=question.section,
        actor=actor,
        question=question,
        kind=more.pop("kind", question.kind),
        text=question.text,
        options=options,
        **more,
    )


def answered(sample, question, label, text=""):
    """A response choosing ``label`` for ``question``: the survey is frozen."""
    response = SurveyResponse.objects.get_or_create(network=sample.network, survey=sample)[0]
    option = question.options.get(label=label)
    SurveyAnswer.objects.create(
        network=sample.network, response=response, question=question, option=option, text=text
    )
    return option


def labels(question):
    return list(question.options.order_by("position").values_list("label", flat=True))


def test_deleting_a_middle_line_keeps_translations_and_conditions_on_their_option(sample, actor):
    form = sample.questions.get(code="form")
    partners = sample.questions.get(code="partners")
    other = form.options.get(label="andere")
    other.translations = {"ar": {"label": "غير ذلك"}}
    other.save()
    partners.condition_options.set([other])
    save(form, actor, ["eingetragener Verein", "andere"])
    other.refresh_from_db()
    assert (other.position, other.label, other.translations) == (2, "andere", {"ar": {"label": "غير ذلك"}})
    assert list(partners.condition_options.all()) == [other]
    assert labels(form) == ["eingetragener Verein", "andere"]


def test_a_corrected_label_keeps_its_row_and_loses_the_old_translation(sample, actor):
    form = sample.questions.get(code="form")
    first = form.options.get(position=1)
    first.translations = {"ar": {"label": "جمعية مسجلة"}}
    first.save()
    save(form, actor, ["eingetragener Verein (e. V.)", "Initiative ohne Rechtsform", "andere"])
    first.refresh_from_db()
    assert (first.label, first.translations) == ("eingetragener Verein (e. V.)", {})


def test_answers_keep_their_option_when_one_goes_and_one_comes(sample, actor):
    form = sample.questions.get(code="form")
    club = answered(sample, form, "eingetragener Verein")
    with pytest.raises(ValidationError) as refused:
        save(form, actor, ["Initiative ohne Rechtsform", "andere", "gGmbH"])
    assert "options" in refused.value.message_dict
    club.refresh_from_db()
    assert club.label == "eingetragener Verein"
    # An answered option does not move either; adding at the end does.
    with pytest.raises(ValidationError):
        save(form, actor, ["Initiative ohne Rechtsform", "eingetragener Verein", "andere"])
    save(form, actor, ["eingetragener Verein", "Initiative ohne Rechtsform", "andere", "gGmbH"])
    assert labels(form) == ["eingetragener Verein", "Initiative ohne Rechtsform", "andere", "gGmbH"]


def test_other_namely_stays_once_answered(sample, actor):
    fields = sample.questions.get(code="fields")
    other = answered(sample, fields, "Sonstiges, nämlich", text="Nachbarschaftshilfe")
    with pytest.raises(ValidationError) as refused:
        save(fields, actor, ["Bildung", "Kultur", "Sport", "Sonstiges, nämlich"])
    assert "other_last" in refused.value.message_dict
    other.refresh_from_db()
    assert other.is_other


def test_a_scale_keeps_its_points_once_answered(sample, actor):
    trust = sample.questions.get(code="trust")
    answered(sample, trust, "trifft eher nicht zu")
    five = [*LIKERT_LABELS[:2], "teils, teils", *LIKERT_LABELS[2:]]
    with pytest.raises(ValidationError) as refused:
        save(trust, actor, [OptionSpec(label, is_agreement=i < 2) for i, label in enumerate(five)])
    assert "scale" in refused.value.message_dict
    assert labels(trust) == LIKERT_LABELS


def test_in_a_draft_five_points_keep_the_four_in_their_rows(sample, actor):
    trust = sample.questions.get(code="trust")
    before = dict(trust.options.values_list("label", "pk"))
    five = [*LIKERT_LABELS[:2], "teils, teils", *LIKERT_LABELS[2:]]
    save(trust, actor, [OptionSpec(label, is_agreement=i < 2) for i, label in enumerate(five)])
    after = dict(trust.options.values_list("label", "pk"))
    assert {label: after[label] for label in LIKERT_LABELS} == before
    assert labels(trust) == five


def test_a_question_others_depend_on_keeps_its_options(sample, actor):
    form = sample.questions.get(code="form")
    with pytest.raises(ValidationError) as refused:
        save(form, actor, [], kind=QuestionKind.NUMBER)
    assert "kind" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        # "eingetragener Verein" is the answer that shows "partners".
        save(form, actor, ["Initiative ohne Rechtsform", "andere"])
    assert "options" in refused.value.message_dict
    form.refresh_from_db()
    assert form.kind == QuestionKind.SINGLE and len(labels(form)) == 3


def test_a_condition_without_answers_stops_the_opening(sample):
    partners = sample.questions.get(code="partners")
    partners.condition_options.clear()
    problems = builder.survey_open_problems(survey=sample)
    assert any("Bedingung ohne Antworten" in problem for problem in problems)


def test_default_scale_labels_are_stored_in_german_whatever_the_page_language(sample):
    form = QuestionForm(
        {"kind": QuestionKind.LIKERT, "text": "Wir werden gehört.", "scale": "5", "agreement": "2"},
        earlier=[],
        code_editable=True,
    )
    # Arabic page, with a catalogue that translates the labels.
    with (
        translation.override("ar"),
        mock.patch.object(translation._trans, "gettext", lambda text: f"ترجمة {text}", create=True),
    ):
        assert form.is_valid(), form.errors
        specs = form.service_fields()["options"]
    assert [spec.label for spec in specs] == [
        "trifft voll und ganz zu",
        "trifft eher zu",
        "teils, teils",
        "trifft eher nicht zu",
        "trifft gar nicht zu",
    ]


@pytest.mark.skipif(not connection.features.has_select_for_update, reason="the database has no row locks")
def test_structure_writes_lock_the_survey_row(sample, actor):
    section = sample.sections.get(position=1)
    writes = [
        lambda: builder.section_create(survey=sample, actor=actor, title="Neu"),
        lambda: builder.question_save(
            section=section, actor=actor, kind=QuestionKind.NUMBER, text="Wie viele?", options=[]
        ),
    ]
    for write in writes:
        with CaptureQueriesContext(connection) as queries:
            write()
        sql = [query["sql"] for query in queries.captured_queries]
        assert any("FOR UPDATE" in one and '"surveys_survey"' in one for one in sql)


def test_a_closed_survey_keeps_its_structure(network, actor):
    with network_scope(network):
        survey = survey_sample(network=network, status=SurveyStatus.CLOSED)
        section = survey.sections.get(position=2)
        wish = survey.questions.get(code="wish")
        refused = [
            lambda: builder.section_update(section=section, actor=actor, title="Neu", description=""),
            lambda: builder.section_move(section=section, actor=actor, direction=builder.UP),
            lambda: builder.section_delete(section=section, actor=actor),
            lambda: builder.question_move(question=wish, actor=actor, direction=builder.UP),
            lambda: builder.question_delete(question=wish, actor=actor),
        ]
        for write in refused:
            with pytest.raises(ValidationError, match="abgeschlossen"):
                write()
        assert survey.sections.count() == 2 and survey.questions.filter(code="wish").exists()


def test_a_code_given_twice_is_refused_at_the_code(sample, actor):
    staff = sample.questions.get(code="staff")
    with pytest.raises(ValidationError) as refused:
        save(staff, actor, [], code="form")
    assert "Kürzel" in refused.value.message_dict["code"][0]
