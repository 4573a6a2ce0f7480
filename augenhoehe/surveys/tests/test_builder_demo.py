"""The demo's surveys: per demo network the NRW questionnaire, open and closing in three weeks,
sent to its organisations and mostly answered (conditions kept), and a draft."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.surveys.choices import SurveyStatus
from augenhoehe.surveys.demo import seed
from augenhoehe.surveys.models import Survey, SurveyAnswer, SurveyInvitation, SurveyResponse


@pytest.mark.django_db
def test_the_demo_surveys(settings):
    settings.EMAIL_BACKEND = "augenhoehe.mail.backends.OutboxBackend"
    call_command("demo", no_serve=True)
    with scopes_disabled():
        studies = list(Survey.objects.filter(template="nrw-2018"))
        assert len(studies) == 2
        assert Survey.objects.filter(status=SurveyStatus.DRAFT).count() == 2
        for study in studies:
            assert study.status == SurveyStatus.OPEN
            assert timedelta(days=20) < study.closes_at - timezone.now() <= timedelta(weeks=3)
            invited = SurveyInvitation.objects.filter(survey=study).count()
            submitted = SurveyResponse.objects.filter(survey=study, submitted_at__isnull=False)
            started = SurveyResponse.objects.filter(survey=study, submitted_at__isnull=True)
            assert invited >= 10 and submitted.count() > invited / 2 and started.exists()
            assert all(r.kind for r in submitted)
            # Nobody who said "nein" to refugee aid answered what the organisation does for refugees.
            refugees = study.questions.get(text__startswith="Ist Ihre Organisation seit 2015/16")
            said_no = SurveyAnswer.objects.filter(question=refugees, option__label="nein").values("response")
            dependent = refugees.dependent_questions.get()
            assert not SurveyAnswer.objects.filter(question=dependent, response__in=said_no).exists()
            assert SurveyAnswer.objects.filter(question=dependent).exists()
            # Every answer has exactly one first row: the results count respondents by it.
            answered = SurveyAnswer.objects.filter(response__survey=study)
            pairs = answered.values("response", "question").distinct().count()
            assert pairs and answered.filter(is_first=True).count() == pairs
    assert seed() == 0  # once only
