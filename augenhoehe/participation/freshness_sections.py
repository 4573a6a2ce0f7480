"""Where staff find the stale profiles: a panel on the desk (``cooperation.signals.desk_panels``)
with their count, and on a profile the network answers for a line "zuletzt bestätigt" with the way
to the list (``directory.signals.profile_app_sections``). Neither app imports this one."""

from django.dispatch import receiver

from augenhoehe.cooperation.sections import PageSection
from augenhoehe.cooperation.signals import desk_panels
from augenhoehe.directory.signals import ProfileSection, profile_app_sections

from .freshness import profile_freshness, stale_count


@receiver(desk_panels, dispatch_uid="participation.freshness")
def freshness_panel(sender, *, request, network, today, **kwargs) -> PageSection:
    """One query, however many profiles the network has."""
    count = stale_count(viewer=request.user, network=network)
    return PageSection(
        template="participation/freshness/_desk_panel.html", order=30, context={"stale": count}
    )


@receiver(profile_app_sections, dispatch_uid="participation.freshness")
def freshness_profile(sender, *, request, organisation, **kwargs) -> ProfileSection | None:
    """One query, for the active network's staff only."""
    found = profile_freshness(
        viewer=request.user, network=getattr(request, "network", None), organisation=organisation
    )
    if found is None:
        return None
    return ProfileSection(template="participation/freshness/_profile.html", order=90, context=found)
