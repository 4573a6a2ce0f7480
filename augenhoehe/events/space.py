"""The events an organisation co-organises (published) or is asked to co-organise (still a draft),
in its own space (``participation.signals``; participation does not import this app)."""

from django.dispatch import receiver
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.directory.permissions import represents
from augenhoehe.participation.signals import SpaceSection, space_sections

from .choices import EventStatus
from .models import Event


@receiver(space_sections, dispatch_uid="events.space")
def space_events(sender, *, request, organisation, **kwargs) -> SpaceSection | None:
    """One query: its events to come, in every network (it may work with several)."""
    if not represents(request.user, organisation):
        return None
    with scopes_disabled():
        events = list(
            Event.objects.filter(
                organisers__organisation=organisation,
                status__in=[EventStatus.PUBLISHED, EventStatus.DRAFT],
                ends_at__gte=timezone.now(),
            )
            .select_related("network")
            .order_by("starts_at", "pk")[:20]
        )
    return SpaceSection(template="events/_space.html", order=30, context={"events": events})
