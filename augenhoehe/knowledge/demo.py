"""Demo answers of the communities' organisations to the guide's central questions, in both demo
networks: most published, one waiting for review, one returned with a reason."""

from django.db import transaction
from django_scopes import scopes_disabled

from augenhoehe.accounts.models import User
from augenhoehe.core.models import Network
from augenhoehe.directory.models import Organisation, Representation, Tag

from . import services
from .demo_data import ANSWERS, RETURNED, SUBMITTED
from .models import Answer

# Answers whose original is in the community's language: (country, question) → (language, text).
ORIGINALS = {
    ("TR", "education"): (
        "tr",
        "Türkiye kökenli birçok ailede eğitim denince önce okul ve iyi bir diploma akla gelir. Kreş "
        "çoğu zaman eğitim yeri değil, bakım yeri olarak görülür. Eğitimciler çocukların oyunla neler "
        "öğrendiğini anlatınca bu hızla değişir.",
    ),
}
NETWORKS = {"ki-guetersloh": "gt-koordination", "dortmund": "do-koordination"}


@transaction.atomic
def knowledge_demo() -> int:
    """Load the demo answers once; return how many were created."""
    with scopes_disabled():
        if Answer.objects.exists():
            return 0
    created = 0
    for turn, (slug, reviewer_name) in enumerate(NETWORKS.items()):
        network = Network.objects.filter(slug=slug).first()
        reviewer = User.objects.filter(username=reviewer_name).first()
        if network is None or reviewer is None:
            continue
        for country, answers in ANSWERS.items():
            organisation = _organisation(network, country)
            if organisation is None:
                continue
            author = _author(organisation)
            # Each network gets half of a community's answers: together they cover them all, and no
            # text appears twice in the public list.
            for index, (question, text) in enumerate(answers.items()):
                if index % 2 != turn:
                    continue
                # One answer was written in Turkish; its German version is the text above.
                original = ORIGINALS.get((country, question))
                answer = services.answer_submit(
                    organisation=organisation,
                    network=network,
                    actor=author,
                    question=question,
                    country=country,
                    language=original[0] if original else "de",
                    text=original[1] if original else text,
                    translations={"de": {"text": text}} if original else None,
                )
                services.answer_publish(answer=answer, actor=reviewer)
                created += 1
        created += _waiting(network, reviewer) if turn == 0 else 0
    return created


def _organisation(network: Network, country: str) -> Organisation | None:
    """An organisation of the network's Kreise that serves the community of ``country``."""
    tagged = Tag.objects.filter(scheme=Tag.Scheme.COUNTRY, code=country).values("organisation")
    return (
        Organisation.objects.filter(pk__in=tagged, kreis__in=network.kreise.all())
        .exclude(kind="umbrella")
        .order_by("pk")
        .first()
    )


def _author(organisation: Organisation) -> User:
    """Someone who represents ``organisation``; the demo gives it a representative if it has none."""
    representation = Representation.objects.filter(organisation=organisation).select_related("user").first()
    if representation is not None:
        return representation.user
    user, _created = User.objects.get_or_create(
        username=f"demo-verein-{organisation.pk}", defaults={"first_name": "Demo", "last_name": "Verein"}
    )
    Representation.objects.get_or_create(user=user, organisation=organisation, defaults={"role": "admin"})
    return user


def _waiting(network: Network, reviewer: User) -> int:
    """One answer waiting for review and one returned, both in ``network``."""
    created = 0
    for country, question, text, *reason in (SUBMITTED, RETURNED):
        organisation = _organisation(network, country)
        if organisation is None:
            continue
        answer = services.answer_submit(
            organisation=organisation,
            network=network,
            actor=_author(organisation),
            question=question,
            country=country,
            language="de",
            text=text,
        )
        if reason:
            services.answer_return(answer=answer, actor=reviewer, reason=reason[0])
        created += 1
    return created
