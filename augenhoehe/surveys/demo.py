"""Demo surveys: in each demo network the NRW study's questionnaire (the template), open and
closing in three weeks, sent to the network's demo organisations, most of which have answered
(a few started and stopped), and one small draft.

The questionnaires are made through the builder's services; invitations, responses and answers
are made directly (the answering part is built beside this module), with the profile copied into
each submitted response as the answering service does. The answers are invented but believable:
each Likert item has its own level of agreement, each option its own share, conditions are kept
("no" to refugee aid asks nothing about it).
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import User
from augenhoehe.cooperation.demo import NETWORKS
from augenhoehe.core.models import Network
from augenhoehe.directory.models import Organisation

from . import builder
from .answering import mark_first
from .builder import OptionSpec
from .choices import QuestionKind
from .models import Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse
from .nrw import survey_create_from_template

SEED = 2018
# Of every twelve organisations, one started and stopped, and one has not answered yet (by place
# in the list, so a small demo network has both too).
STARTED, SILENT = 5, 11
WISHES = [
    "Feste Ansprechpersonen in der Verwaltung, die auch nach dem Projekt bleiben.",
    "Förderung, die länger als ein Jahr läuft, und weniger Formulare.",
    "Räume, die wir am Abend und am Wochenende nutzen dürfen.",
    "Dass man uns früher fragt und nicht erst, wenn alles geplant ist.",
]


def seed() -> int:
    """Load the demo surveys once (skipped when any survey exists); return how many responses."""
    with scopes_disabled():
        if Survey.objects.exists():
            return 0
    made = 0
    rng = random.Random(SEED)  # noqa: S311 – invented demo data, not a secret
    for slug, (coordinator_name, _admin) in NETWORKS.items():
        network = Network.objects.filter(slug=slug).first()
        coordinator = User.objects.filter(username=coordinator_name).first()
        if network is None or coordinator is None:
            continue
        organisations = list(Organisation.objects.filter(kreis__in=network.kreise.all()).order_by("pk"))
        with network_scope(network):
            made += _study(network, coordinator, organisations, rng)
            _draft(network, coordinator)
    return made


@transaction.atomic
def _study(network: Network, coordinator, organisations: list[Organisation], rng: random.Random) -> int:
    survey = survey_create_from_template(network=network, actor=coordinator, template="nrw-2018")
    builder.survey_update(
        survey=survey,
        actor=coordinator,
        title=survey.title,
        introduction=survey.introduction,
        languages=survey.languages,
        closes_at=timezone.now() + timedelta(weeks=3),
    )
    builder.survey_open(survey=survey, actor=coordinator)
    questions = list(
        SurveyQuestion.objects.filter(survey=survey)
        .order_by("section__position", "position")
        .prefetch_related("options", "condition_options")
    )
    levels = {q.pk: rng.uniform(0.15, 0.85) for q in questions}
    answers: list[SurveyAnswer] = []
    responses = 0
    sent = timezone.now() - timedelta(days=10)
    for index, organisation in enumerate(organisations):
        invitation = SurveyInvitation.objects.create(
            network=network,
            survey=survey,
            organisation=organisation,
            email=organisation.email,
            language=rng.choice(["de", "de", "de", "tr", "ar"]),
            invited_at=sent,
        )
        if index % 12 == SILENT:
            continue
        response = _response(survey, invitation, organisation, submitted=index % 12 != STARTED, rng=rng)
        asked = questions if response.submitted_at else questions[: len(questions) // 3]
        answers += _answers(response, asked, levels, rng)
        responses += 1
    mark_first(answers)
    SurveyAnswer.objects.bulk_create(answers, batch_size=1000)
    return responses


def _response(survey, invitation, organisation, *, submitted: bool, rng: random.Random) -> SurveyResponse:
    started = invitation.invited_at + timedelta(days=rng.randint(0, 6), hours=rng.randint(1, 20))
    profile = (
        {
            "kreis_id": organisation.kreis_id,
            "kind": organisation.kind,
            "self_understanding": organisation.self_understanding,
            "staffing": organisation.staffing,
        }
        if submitted
        else {}
    )
    return SurveyResponse.objects.create(
        network=survey.network,
        survey=survey,
        organisation=organisation,
        invitation=invitation,
        language=invitation.language,
        started_at=started,
        submitted_at=started + timedelta(minutes=rng.randint(8, 40)) if submitted else None,
        **profile,
    )


def _answers(response, questions, levels, rng: random.Random) -> list[SurveyAnswer]:
    chosen: dict[int, set[int]] = {}
    rows = []
    for question in questions:
        condition = {o.pk for o in question.condition_options.all()}
        if (
            question.condition_question_id
            and not chosen.get(question.condition_question_id, set()) & condition
        ):
            continue
        level = levels[question.pk]
        common = {"network": response.network, "response": response, "question": question}
        options = list(question.options.all())
        if question.kind == QuestionKind.LIKERT:
            agree = rng.random() < level
            picks = [options[rng.choice([0, 1] if agree else [2, 3])]]
        elif question.kind == QuestionKind.SINGLE:
            picks = [options[0] if rng.random() < level + 0.15 else options[1]]
        elif question.kind == QuestionKind.MULTIPLE:
            picks = _multiple(options, level, rng)
        else:
            value = _value(question, response, rng)
            if value is not None:
                rows.append(SurveyAnswer(**common, **value))
            continue
        chosen[question.pk] = {o.pk for o in picks}
        rows += [
            SurveyAnswer(**common, option=o, text="Nachbarschaftshilfe" if o.is_other else "") for o in picks
        ]
    return rows


def _multiple(options, level: float, rng: random.Random) -> list:
    picks = [o for i, o in enumerate(options) if rng.random() < (0.04 if o.is_other else level / (1 + i / 6))]
    return picks or [options[0]]


def _value(question: SurveyQuestion, response: SurveyResponse, rng: random.Random) -> dict | None:
    if question.kind == QuestionKind.NUMBER:
        paid = "bezahlte" in question.text
        if paid and response.organisation and response.organisation.staffing == "volunteers_only":
            return {"number": Decimal(0)}
        return {"number": Decimal(rng.randint(0, 8) if paid else rng.randint(3, 60))}
    return {"text": rng.choice(WISHES)} if rng.random() < 0.3 else None


def _draft(network: Network, coordinator) -> None:
    survey = builder.survey_create(
        network=network, actor=coordinator, title="Elternarbeit und Kita (Entwurf)", languages=["ar", "tr"]
    )
    section = builder.section_create(survey=survey, actor=coordinator, title="Ihre Angebote für Eltern")
    builder.question_save(
        section=section,
        actor=coordinator,
        kind=QuestionKind.MULTIPLE,
        text="Welche Angebote machen Sie für Eltern von Kita-Kindern?",
        options=[
            OptionSpec("Informationsabende"),
            OptionSpec("Elterncafé"),
            OptionSpec("Begleitung zur Kita-Anmeldung"),
            OptionSpec("Sonstiges, nämlich", is_other=True),
        ],
    )
    builder.question_save(
        section=section,
        actor=coordinator,
        kind=QuestionKind.NUMBER,
        text="Wie viele Familien erreichen Sie damit im Jahr?",
        number_min=Decimal(0),
    )
