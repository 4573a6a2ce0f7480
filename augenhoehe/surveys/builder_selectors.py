"""Reads of the questionnaire builder: the network's surveys with their counts, one survey (or
section, question) fetched and authorised, and a survey's outline in order.

Every read runs in the active network's scope (the middleware's); the permission is asked with
the network, so a member of another network finds nothing (404) and someone on no network's
staff is refused (403).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from augenhoehe.core.models import Network

from .models import Survey, SurveyInvitation, SurveyOption, SurveyQuestion, SurveyResponse, SurveySection


def network_for_builder(*, user, network: Network | None) -> Network:
    """The active network if ``user`` may build its surveys; 403 otherwise."""
    if network is None or not user.has_perm("surveys.manage_survey", network):
        raise PermissionDenied
    return network


def _count(queryset: QuerySet) -> Coalesce:
    counted = queryset.filter(survey=OuterRef("pk")).order_by().values("survey").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n"), output_field=IntegerField()), 0)


def survey_list(*, viewer, network: Network | None) -> QuerySet[Survey]:
    """The network's surveys, newest first, each with how many were invited and have answered
    (one query)."""
    network = network_for_builder(user=viewer, network=network)
    return Survey.objects.filter(network=network).annotate(
        invited=_count(SurveyInvitation.objects.all()),
        answered=_count(SurveyResponse.objects.filter(submitted_at__isnull=False)),
    )


def survey_get_for_user(*, user, network: Network | None, pk: int) -> Survey:
    """Fetch and authorise in one step: 403 off the network's staff, 404 for another network's survey."""
    network = network_for_builder(user=user, network=network)
    survey = Survey.objects.filter(network=network, pk=pk).select_related("network").first()
    if survey is None:
        raise Http404
    return survey


def section_get_for_user(*, user, network: Network | None, pk: int) -> SurveySection:
    """A section of one of the network's surveys, with its survey; as ``survey_get_for_user``."""
    network = network_for_builder(user=user, network=network)
    section = SurveySection.objects.filter(network=network, pk=pk).select_related("survey__network").first()
    if section is None:
        raise Http404
    return section


def question_get_for_user(*, user, network: Network | None, pk: int) -> SurveyQuestion:
    """A question of one of the network's surveys, with its section and survey."""
    network = network_for_builder(user=user, network=network)
    question = (
        SurveyQuestion.objects.filter(network=network, pk=pk)
        .select_related("section", "survey__network")
        .prefetch_related(_options(), "condition_options")
        .first()
    )
    if question is None:
        raise Http404
    return question


def _options() -> Prefetch:
    return Prefetch("options", queryset=SurveyOption.objects.order_by("position", "pk"))


def survey_outline(*, survey: Survey) -> list[SurveySection]:
    """The survey's sections in order, each with its questions, their options and conditions
    (four queries whatever the size)."""
    questions = (
        SurveyQuestion.objects.order_by("position", "pk")
        .select_related("condition_question")
        .prefetch_related(
            _options(), Prefetch("condition_options", queryset=SurveyOption.objects.order_by("position"))
        )
    )
    return list(
        survey.sections.order_by("position", "pk").prefetch_related(Prefetch("questions", queryset=questions))
    )


def questions_before(*, survey: Survey, section: SurveySection, position: int | None) -> list[SurveyQuestion]:
    """The questions that come before ``position`` in ``section`` (all of it when ``None``), with
    their options: those a condition may name."""
    questions = survey.questions.select_related("section").prefetch_related(_options())
    return [
        question
        for question in questions.order_by("section__position", "position", "pk")
        if (question.section.position, question.position) < (section.position, position or 10**9)
    ]
