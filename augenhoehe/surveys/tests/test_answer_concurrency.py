"""Two saves of one response at the same moment (an autosave and a click on "Weiter"): the lock on
the response makes them wait for each other, so neither trips over the other's answers. Only
PostgreSQL runs them truly at once; SQLite writes one after the other anyway."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.surveys import answering
from augenhoehe.surveys.models import SurveyAnswer, SurveyInvitation
from augenhoehe.surveys.testing import survey_sample

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs truly concurrent writes"),
]
THREADS = 6
ROUNDS = 5


def test_concurrent_saves_of_one_response_never_raise(network, organisation_factory):
    organisation = organisation_factory(name="Elternverein", email="eltern@example.org")
    with network_scope(network):
        survey = survey_sample(network=network, closes_at=timezone.now() + timedelta(days=5))
        invitation = SurveyInvitation.objects.create(
            network=network, survey=survey, organisation=organisation, email=organisation.email
        )
        response = answering.response_open(invitation=invitation)
        questionnaire = answering.questionnaire_load(survey=survey)
    section = questionnaire.sections[0]
    questions = questionnaire.section_questions(section)
    chosen = {q.pk: [answering.AnswerValue(option=q.options.all()[0].pk)] for q in questions if q.has_options}
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def save() -> None:
        try:
            with network_scope(network):
                for _round in range(ROUNDS):
                    barrier.wait()
                    answering.section_save(
                        response=response,
                        questionnaire=questionnaire,
                        questions=questions,
                        values=chosen,
                        language="de",
                    )
        except BaseException as error:  # noqa: BLE001  (reported by the test)
            errors.append(error)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=save) for _thread in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with scopes_disabled():
        assert SurveyAnswer.objects.filter(response=response).count() == len(chosen)
