"""The check-ins an organisation has still to answer, in its own space (``participation.signals``;
participation does not import this app): when each is due, and the partner's contact for check-ins.

A link does not keep the address it was mailed to, so the space names today's contact, and says so
(not "sent to"): staff may have changed it since."""

from django.dispatch import receiver
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.directory.permissions import represents
from augenhoehe.participation.signals import SpaceSection, space_sections

from .models import CheckinContact, CheckinLink


@receiver(space_sections, dispatch_uid="checkins.space")
def space_checkins(sender, *, request, organisation, **kwargs) -> SpaceSection | None:
    """Two queries, however many check-ins are open."""
    if not represents(request.user, organisation):
        return None
    # Across networks, as the shared cooperations are read: only this organisation's own links.
    with scopes_disabled():
        links = list(
            CheckinLink.objects.filter(
                organisation=organisation,
                sent_at__isnull=False,
                used_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .select_related("checkin__cooperation__network")
            .order_by("checkin__due_on", "pk")
        )
        cooperations = {link.checkin.cooperation_id for link in links}
        addresses = (
            dict(
                CheckinContact.objects.filter(
                    partner__organisation=organisation, partner__cooperation_id__in=cooperations
                ).values_list("partner__cooperation_id", "email")
            )
            if cooperations
            else {}
        )
    due = [(link, addresses.get(link.checkin.cooperation_id, "")) for link in links]
    return SpaceSection(template="checkins/_space.html", order=20, context={"due": due})
