"""The surveys an organisation has still to answer, in its own space (``participation.signals``;
participation does not import this app), each with its personal link: a representative may open
the answer page directly, as the one who got the mail would."""

from django.db.models import Exists, OuterRef, Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from augenhoehe.directory.permissions import represents
from augenhoehe.participation.signals import SpaceSection, space_sections

from .choices import SurveyStatus
from .distribution import invitation_token
from .models import SurveyInvitation, SurveyResponse


@receiver(space_sections, dispatch_uid="surveys.space")
def space_surveys(sender, *, request, organisation, **kwargs) -> SpaceSection | None:
    """One query: its open invitations without a submitted response, in every network."""
    if not represents(request.user, organisation):
        return None
    now = timezone.now()
    # Across networks, as the shared cooperations are read: only this organisation's own invitations.
    with scopes_disabled():
        submitted = SurveyResponse.objects.filter(
            survey_id=OuterRef("survey_id"), organisation=organisation, submitted_at__isnull=False
        )
        invitations = list(
            SurveyInvitation.objects.filter(
                Q(survey__closes_at__isnull=True) | Q(survey__closes_at__gt=now),
                organisation=organisation,
                invited_at__isnull=False,
                survey__status=SurveyStatus.OPEN,
            )
            .exclude(Exists(submitted))
            .select_related("survey", "network")
            .order_by("survey__closes_at", "pk")
        )
    language = translation.get_language() or ""
    surveys = [
        {
            "title": invitation.survey.translated("title", language)[0],
            "network": invitation.network.name,
            "closes_at": invitation.survey.closes_at,
            "url": reverse("surveys:answer", kwargs={"token": invitation_token(invitation)}),
        }
        for invitation in invitations
    ]
    return SpaceSection(template="surveys/_space.html", order=40, context={"surveys": surveys})
