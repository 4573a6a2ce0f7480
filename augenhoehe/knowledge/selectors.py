"""Reads of the knowledge base.

Published answers are public and are read across networks: a community's knowledge is the
same whichever office it was contributed to. Everything else is read in the scope of the
answer's network, by that network's staff or the organisation that wrote it.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django_scopes import scopes_disabled

from augenhoehe.accounts.memberships import user_memberships
from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.models import Network
from augenhoehe.core.text import fold
from augenhoehe.directory.models import Organisation
from augenhoehe.directory.permissions import represented

from .choices import AnswerStatus, Question
from .models import Answer


def _published() -> QuerySet[Answer]:
    return (
        Answer.objects.filter(status=AnswerStatus.PUBLISHED)
        .select_related("organisation")
        .order_by("question", "country", "-created_at", "-pk")
    )


def answer_public_list(*, country: str = "", question: str = "", query: str = "") -> list[Answer]:
    """Published answers, filtered by country of origin, question and a text search.

    The search is ``icontains`` over the folded text (umlauts and case folded once on save,
    the query the same way): a scan, which is plenty for the few thousand answers a
    knowledge base of this kind reaches; a full-text index would be the next step."""
    # Deliberately across networks: published answers are public, whichever network reviewed them.
    with scopes_disabled():
        answers = _published()
        if country:
            answers = answers.filter(country=country.upper())
        if question:
            answers = answers.filter(question=question)
        for word in fold(query).split():
            answers = answers.filter(text_folded__contains=word)
        return list(answers)


def answers_for(*, country: str, language: str | None = None) -> list[Answer]:
    """Published answers for the community of ``country`` (ISO 3166 code), optionally only those
    written in ``language`` (code of ``core.languages.Language``); in the order of the guide's
    questions, newest first within a question. For the matching page, beside its results."""
    # Deliberately across networks: published answers are public (see ``answer_public_list``).
    with scopes_disabled():
        answers = _published().filter(country=country.upper())
        if language:
            answers = answers.filter(language=language)
        order = {code: index for index, code in enumerate(Question.values)}
        return sorted(answers, key=lambda answer: order[answer.question])


def answer_public_countries() -> list[str]:
    """The country codes that have at least one published answer, for the filter."""
    with scopes_disabled():
        return sorted(
            Answer.objects.filter(status=AnswerStatus.PUBLISHED).values_list("country", flat=True).distinct()
        )


def answer_mine_list(*, viewer) -> list[Answer]:
    """Every answer of the organisations ``viewer`` represents, in every network; 403 for someone
    who represents none."""
    if not viewer.has_perm("knowledge.add_answer"):
        raise PermissionDenied
    # Deliberately across networks: a representative belongs to no network, and their organisation
    # may contribute to several. Only the rows of their own organisations are read.
    with scopes_disabled():
        return list(
            Answer.objects.filter(organisation_id__in=list(represented(viewer)))
            .select_related("organisation", "network")
            .order_by("-updated_at", "-pk")
        )


def answer_get_for_author(*, user, pk: int) -> Answer:
    """Fetch and authorise in one step: an answer of an organisation ``user`` represents, if it was
    returned to them for rework; 404 otherwise (the network's staff review it elsewhere)."""
    # Across networks for the same reason as ``answer_mine_list``; filtered to their organisations.
    with scopes_disabled():
        answer = (
            Answer.objects.filter(pk=pk, organisation_id__in=list(represented(user)))
            .select_related("organisation", "network")
            .first()
        )
    if answer is None or not user.has_perm("knowledge.change_answer", answer):
        raise Http404
    return answer


def answer_review_list(*, viewer, network: Network | None) -> list[Answer]:
    """The answers submitted to ``network`` that wait for its review, oldest first; 403 for
    anyone but its staff."""
    if network is None or not viewer.has_perm("knowledge.review_answer", network):
        raise PermissionDenied
    with network_scope(network):
        return list(
            Answer.objects.filter(status=AnswerStatus.SUBMITTED)
            .select_related("organisation")
            .order_by("created_at", "pk")
        )


def answer_get_for_review(*, user, network: Network | None, pk: int) -> Answer:
    """Fetch and authorise in one step: an answer contributed to ``network``, for its staff."""
    if network is None or not user.has_perm("knowledge.review_answer", network):
        raise PermissionDenied
    with network_scope(network):
        answer = Answer.objects.filter(pk=pk).select_related("organisation").first()
    if answer is None:
        raise Http404
    return answer


def visible_answers(*, user) -> Q:
    """Queryset twin of ``knowledge.view_answer``: published, of an organisation ``user``
    represents, or of a network ``user`` works for."""
    networks = list(user_memberships(user=user).networks)
    return (
        Q(status=AnswerStatus.PUBLISHED)
        | Q(organisation_id__in=list(represented(user)))
        | Q(network_id__in=networks)
    )


def contribution_networks(*, organisation: Organisation) -> list[Network]:
    """The networks an organisation contributes to: those responsible for its Kreis (the office
    that works with its community there), and the one that created its profile. Kept simple: no
    neighbouring Kreise, no nationwide networks."""
    condition = Q(pk=organisation.created_by_network_id) if organisation.created_by_network_id else Q()
    if organisation.kreis_id:
        condition |= Q(kreise=organisation.kreis_id)
    if not condition:
        return []
    return list(Network.objects.filter(condition).distinct().order_by("name"))
