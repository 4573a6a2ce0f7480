import pytest

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.surveys.testing import survey_sample
from augenhoehe.testing.factories import NetworkFactory

pytestmark = pytest.mark.django_db


def test_the_sample_survey_has_a_question_of_every_kind_and_a_condition():
    network = NetworkFactory()
    with network_scope(network):
        survey = survey_sample(network=network)
        kinds = set(survey.questions.values_list("kind", flat=True))
        assert kinds == {"single", "multiple", "likert", "number", "short_text", "long_text"}
        partners = survey.questions.get(code="partners")
        assert [o.label for o in partners.condition_options.all()] == ["eingetragener Verein"]
        trust = survey.questions.get(code="trust")
        assert [o.is_agreement for o in trust.options.all()] == [True, True, False, False]
        fields = survey.questions.get(code="fields")
        assert fields.translated("text", "ar") == ("في أي مجالات تعملون؟", "ar")
        assert fields.translated("text", "fa") == ("In welchen Feldern sind Sie tätig?", "de")
