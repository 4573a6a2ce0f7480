"""A panel on the staff's desk: how many requests to be listed wait for the active network (one query)."""

from django.dispatch import receiver

from augenhoehe.cooperation.sections import PageSection
from augenhoehe.cooperation.signals import desk_panels

from .listing import listing_request_open_count


@receiver(desk_panels, dispatch_uid="participation.listing")
def listing_panel(sender, *, request, network, today, **kwargs) -> PageSection | None:
    count = listing_request_open_count(viewer=request.user, network=network)
    return PageSection(
        template="participation/listing/_desk_panel.html", order=20, context={"listing_open": count}
    )
