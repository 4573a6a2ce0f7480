"""The outreach figures on an event's organisers' page (``signals.organiser_sections``) and the events
an organisation co-organises on its profile (``directory.signals.profile_app_sections``; the directory
does not import this app)."""

from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from augenhoehe.accounts.permissions import is_staff_of
from augenhoehe.cooperation.sections import PageSection
from augenhoehe.directory.permissions import represented
from augenhoehe.directory.signals import ProfileSection, profile_app_sections

from . import figures
from .figure_views import figures_context, organisations_of_reader
from .signals import organiser_sections


@receiver(organiser_sections, dispatch_uid="events.figures")
def figures_section(sender, *, request, event, **kwargs) -> PageSection | None:
    """Four queries, however many registrations the event has."""
    if not request.user.has_perm("events.view_event_private", event):
        return None
    context = figures_context([event], organisations=organisations_of_reader(request.user, event))
    return PageSection(template="events/figures/_event.html", order=80, context=context)


def public_path(event) -> str:
    return reverse("events:detail", kwargs={"pk": event.pk})


@receiver(profile_app_sections, dispatch_uid="events.profile")
def profile_events(sender, *, request, organisation, **kwargs) -> ProfileSection | None:
    """The events to come (everyone); what the events reached for the organisation's members (all its
    events) and the active network's staff (that network's events). One query, two with figures."""
    user = request.user
    now = timezone.now()
    upcoming = figures.organisation_upcoming(organisation=organisation, now=now)
    network = getattr(request, "network", None)
    if organisation.pk in represented(user):
        reached = figures.organisation_figures(organisation=organisation, network_ids=None, now=now)
    elif network is not None and is_staff_of(user, network):
        reached = figures.organisation_figures(organisation=organisation, network_ids=[network.pk], now=now)
    else:
        reached = None
    if not upcoming and (reached is None or not reached.events):
        return None
    return ProfileSection(
        template="events/figures/_profile.html",
        order=20,
        context={
            "upcoming": [(event, public_path(event)) for event in upcoming],
            "reached": reached,
            "organisation": organisation,
        },
    )
