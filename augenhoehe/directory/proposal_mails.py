"""The proposals' mails: to the staff of the networks answering for the organisation when one
arrives, and to its author with the decision; each in the recipient's own language."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from augenhoehe.core.models import LogEntry
from augenhoehe.mail.services import language_of, mail_send

from .models import ProfileProposal
from .selectors import networks_answering_for


def _url(name: str, **kwargs) -> str:
    return settings.AUGENHOEHE_BASE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def reviewers_of(proposal: ProfileProposal) -> list:
    """The active staff (admins and coordinators) of every network answering for the organisation."""
    networks = networks_answering_for(organisation=proposal.organisation)
    return list(
        get_user_model()
        .objects.filter(is_active=True, network_memberships__network__in=networks)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def proposal_arrived_send(*, proposal: ProfileProposal) -> int:
    """Tell the reviewers that an organisation proposes a change; return how many were told."""
    context = {
        "organisation": proposal.organisation.name,
        "link": _url("directory:proposal", pk=proposal.pk),
    }
    people = reviewers_of(proposal)
    for person in people:
        mail_send(
            to=[person.email],
            template="directory/mail/proposal_arrived",
            context=context,
            language=language_of(person),
        )
    return len(people)


def proposers_of(proposal: ProfileProposal) -> list:
    """Everyone who made or added to the proposal (its author first), active and with an address."""
    logged = LogEntry.shared.filter(
        object_id=str(proposal.organisation_id),
        action__in=("directory.proposal.created", "directory.proposal.updated"),
        data__proposal=proposal.pk,
    ).values_list("actor_id", flat=True)
    ids = {pk for pk in (proposal.author_id, *logged) if pk is not None}
    people = get_user_model().objects.filter(pk__in=ids, is_active=True).exclude(email="")
    return sorted(people, key=lambda person: (person.pk != proposal.author_id, person.pk))


def proposal_decided_send(*, proposal: ProfileProposal) -> int:
    """Tell whoever proposed how the network decided, with the reason of a rejection."""
    context = {
        "organisation": proposal.organisation.name,
        "network": proposal.reviewed_network.name if proposal.reviewed_network else "",
        "accepted": proposal.status == ProfileProposal.Status.ACCEPTED,
        "reason": proposal.reason,
        "link": _url("directory:history", pk=proposal.organisation_id),
    }
    return sum(
        mail_send(
            to=[person.email],
            template="directory/mail/proposal_decided",
            context=context,
            language=language_of(person),
        )
        for person in proposers_of(proposal)
    )
