"""Who may see and change an event: the staff of its network, and the members of the organisations
co-organising it (they see it and may edit it, as the network's partners on equal footing).

The participant list is the organisers' too; an anonymous person reaches an event's public page only
once it is published, and their own registration only through its signed link.
"""

import rules

from augenhoehe.accounts.permissions import is_network_staff, is_staff_of
from augenhoehe.directory.permissions import is_mso_member, represented


@rules.predicate
def co_organises(user, event) -> bool:
    """Represents an organisation that co-organises ``event`` (one query per event asked)."""
    if event is None or event.pk is None:
        return False
    ours = represented(user)
    if not ours:
        return False
    from django_scopes import scopes_disabled

    from .models import EventOrganiser

    # The member works outside any network's scope; the event's key bounds the question.
    with scopes_disabled():
        return EventOrganiser.objects.filter(event_id=event.pk, organisation_id__in=ours).exists()


@rules.predicate
def is_published(user, event) -> bool:
    from .choices import EventStatus

    return event is not None and event.status != EventStatus.DRAFT


rules.add_perm("events.add_event", is_staff_of)  # asked with the network
rules.add_perm("events.change_event", is_staff_of | co_organises)
rules.add_perm("events.view_event_private", is_staff_of | co_organises)
rules.add_perm("events.view_event", is_published | is_staff_of | co_organises)
rules.add_perm("events.change_series", is_staff_of)
# The figures of a whole series: the network's staff (co-organisers see those of their events).
rules.add_perm("events.view_series_figures", is_staff_of)
# Publishing, cancelling, choosing the co-organisers and linking the pool's bookings: the network's
# staff alone. The co-organisers edit the event with it (``change_event``), they do not decide for it.
rules.add_perm("events.manage_event", is_staff_of)
# The organisers' list (``events:manage``): the staff of a network, and whoever represents an
# organisation (the events it co-organises; an empty list for the others).
rules.add_perm("events.view_event_list", is_network_staff | is_mso_member)
