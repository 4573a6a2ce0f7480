"""Writes of the knowledge base: an organisation contributes an answer, the network reviews it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.models import Network
from augenhoehe.core.services import log_action
from augenhoehe.directory.models import Organisation
from augenhoehe.directory.permissions import represented

from .choices import AnswerStatus
from .models import Answer
from .selectors import contribution_networks


def _log(answer: Answer, action: str, actor) -> None:
    # Neither the text nor a reason: they are the answer's, and change or go with it. Of its
    # versions in other languages, only which languages there are.
    log_action(
        subject=answer,
        action=action,
        actor=actor,
        network=answer.network,
        data={
            "organisation": answer.organisation_id,
            "question": answer.question,
            "country": answer.country,
            "translations": sorted(answer.translations),
        },
    )


@transaction.atomic
def answer_submit(
    *,
    organisation: Organisation,
    network: Network,
    actor,
    question: str,
    country: str,
    language: str,
    text: str,
    translations: dict[str, dict[str, str]] | None = None,
) -> Answer:
    """Contribute an answer of ``organisation`` (which ``actor`` represents) to ``network`` (one
    responsible for its Kreis), with versions in other languages; it waits for the network's review."""
    if organisation.pk not in represented(actor):
        raise ValidationError({"organisation": _("Sie vertreten diese Organisation nicht.")})
    if network not in contribution_networks(organisation=organisation):
        raise ValidationError({"network": _("Dieses Netzwerk ist für Ihre Organisation nicht zuständig.")})
    answer = Answer(
        network=network,
        organisation=organisation,
        author=actor,
        question=question,
        country=country,
        language=language,
        text=text.strip(),
        translations=translations or {},
    )
    with network_scope(network):
        answer.full_clean()
        answer.save()
        _log(answer, "knowledge.answer.submitted", actor)
    return answer


@transaction.atomic
def answer_resubmit(
    *,
    answer: Answer,
    actor,
    question: str,
    country: str,
    language: str,
    text: str,
    translations: dict[str, dict[str, str]] | None = None,
) -> Answer:
    """Rework a returned answer and submit it again, for the organisation ``actor`` represents."""
    if not actor.has_perm("knowledge.change_answer", answer):
        raise ValidationError(_("Nur eine zurückgegebene Antwort Ihrer Organisation kann bearbeitet werden."))
    answer.question, answer.country, answer.language, answer.text = question, country, language, text.strip()
    if translations is not None:
        answer.translations = translations
    answer.status, answer.author = AnswerStatus.SUBMITTED, actor
    with network_scope(answer.network):
        answer.full_clean()
        answer.save()
        _log(answer, "knowledge.answer.resubmitted", actor)
    return answer


def _require_review(answer: Answer, actor) -> None:
    if not actor.has_perm("knowledge.review_answer", answer):
        raise ValidationError(_("Nur Mitarbeitende dieses Netzwerks dürfen das."))
    if answer.status != AnswerStatus.SUBMITTED:
        raise ValidationError(_("Diese Antwort wartet nicht auf eine Prüfung."))


@transaction.atomic
def answer_publish(*, answer: Answer, actor) -> Answer:
    """Publish a submitted answer: from now on everyone reads it, with its organisation as author."""
    _require_review(answer, actor)
    answer.status, answer.return_reason = AnswerStatus.PUBLISHED, ""
    answer.reviewer, answer.reviewed_at = actor, timezone.now()
    with network_scope(answer.network):
        answer.full_clean()
        answer.save()
        _log(answer, "knowledge.answer.published", actor)
    return answer


@transaction.atomic
def answer_return(*, answer: Answer, actor, reason: str) -> Answer:
    """Give a submitted answer back to its organisation, with the reason it reads."""
    _require_review(answer, actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte schreiben Sie der Organisation, warum.")})
    answer.status, answer.return_reason = AnswerStatus.RETURNED, reason
    answer.reviewer, answer.reviewed_at = actor, timezone.now()
    with network_scope(answer.network):
        answer.full_clean()
        answer.save()
        _log(answer, "knowledge.answer.returned", actor)
    return answer
