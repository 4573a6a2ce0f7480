"""The demo's organisation space: the organisation the login ``mso-mitglied`` represents has a
survey still to answer (the network's open study, if it was not invited yet or answered it already),
an event to come it co-organises, a second person of its own, and an invitation still waiting.
Idempotent."""

from django.db.models import Q
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.models import User
from augenhoehe.directory.demo import DEMO_PASSWORD
from augenhoehe.directory.models import Organisation, Representation, RepresentativeRole
from augenhoehe.events.models import Event, EventOrganiser
from augenhoehe.surveys.models import Survey, SurveyInvitation

from . import people
from .models import RepresentativeInvitation


def _represented() -> tuple[Organisation, User] | None:
    admin = User.objects.filter(username="mso-mitglied").first()
    if admin is None:
        return None
    representation = (
        Representation.objects.filter(user=admin, role=RepresentativeRole.ADMIN)
        .select_related("organisation")
        .order_by("organisation_id")
        .first()
    )
    return (representation.organisation, admin) if representation else None


def _survey_to_answer(organisation: Organisation) -> None:
    # The demo loads every network at once, like a migration.
    with scopes_disabled():
        waiting = SurveyInvitation.objects.filter(
            organisation=organisation, survey__status="open", invited_at__isnull=False
        ).exclude(survey__responses__organisation=organisation, survey__responses__submitted_at__isnull=False)
        if waiting.exists():
            return
        asked = SurveyInvitation.objects.filter(organisation=organisation).values("survey_id")
        # Only a network that answers for it asks it: responsible for its Kreis, or its profile's maker.
        responsible = Q(network__kreise=organisation.kreis_id) | Q(network=organisation.created_by_network_id)
        survey = (
            Survey.objects.filter(responsible, status="open").exclude(pk__in=asked).order_by("pk").first()
        )
        if survey is not None:
            SurveyInvitation.objects.create(
                network=survey.network,
                survey=survey,
                organisation=organisation,
                email=organisation.email or "info@verein.example",
                invited_at=timezone.now(),
            )


def _event_to_come(organisation: Organisation) -> int:
    """Its events lie in the past: it is asked to co-organise the next one of its network too."""
    now = timezone.now()
    with scopes_disabled():
        if EventOrganiser.objects.filter(organisation=organisation, event__ends_at__gte=now).exists():
            return 0
        upcoming = Event.objects.filter(ends_at__gte=now, status__in=["published", "draft"]).order_by(
            "starts_at"
        )
        event = upcoming.filter(network__kreise=organisation.kreis_id).first() or upcoming.first()
        if event is None:
            return 0
        EventOrganiser.objects.create(network=event.network, event=event, organisation=organisation)
    return 1


def space_demo() -> int:
    """Fill the demo organisation's space; how many rows it added."""
    found = _represented()
    if found is None:
        return 0
    organisation, admin = found
    added = 0
    _survey_to_answer(organisation)
    added += _event_to_come(organisation)
    member, created = User.objects.get_or_create(
        username="mso-kassenwart",
        defaults={"first_name": "Fatma", "last_name": "Öztürk", "email": "mso-kassenwart@augenhoehe.example"},
    )
    if created:
        member.set_password(DEMO_PASSWORD)
        member.save(update_fields=["password"])
    _row, made = Representation.objects.get_or_create(
        user=member, organisation=organisation, defaults={"role": RepresentativeRole.MEMBER}
    )
    added += made
    if not RepresentativeInvitation.objects.filter(organisation=organisation).exists():
        people.representative_invite(
            organisation=organisation,
            actor=admin,
            email="jugendgruppe@verein.example",
            role=RepresentativeRole.MEMBER,
            language="tr",
        )
        added += 1
    return added
