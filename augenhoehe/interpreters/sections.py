"""The interpreters' section on a cooperation's page: who is booked for it, and a way to book."""

from django.dispatch import receiver

from augenhoehe.cooperation.sections import PageSection
from augenhoehe.cooperation.signals import detail_sections

from . import selectors


@receiver(detail_sections, dispatch_uid="interpreters.bookings")
def bookings_section(sender, *, request, cooperation, forms, **kwargs) -> PageSection | None:
    # Everyone who sees a cooperation's staff page works for its network; the pool may still be
    # closed to a role, and then the section is left out rather than shown empty.
    if not request.user.has_perm("interpreters.view_pool", request.network):
        return None
    return PageSection(
        template="interpreters/_cooperation_section.html",
        order=45,
        context={
            "bookings": selectors.bookings_for(cooperation=cooperation),
            "can_book": request.user.has_perm("interpreters.change_pool", request.network)
            and cooperation in selectors.open_cooperations(network=cooperation.network),
        },
    )
