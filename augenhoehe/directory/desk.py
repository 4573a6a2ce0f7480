"""The desk's panel of open proposals, added through the cooperation app's signal (the desk is
the cooperation app's page; this module is imported only once the apps are ready)."""

from django.dispatch import receiver

from augenhoehe.cooperation.sections import PageSection
from augenhoehe.cooperation.signals import desk_panels

from . import selectors


@receiver(desk_panels, dispatch_uid="directory.proposals")
def proposals_panel(sender, *, request, network, today, **kwargs) -> PageSection:
    # One query: the open proposals of the organisations the person's networks answer for.
    count = selectors.proposals_to_review(viewer=request.user).count()
    return PageSection(template="directory/_desk_proposals.html", order=5, context={"count": count})
