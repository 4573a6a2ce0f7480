"""The registration on an event's pages: the form in a box on the public page, the counts and the
way to the participant list on the organisers' page (``signals``)."""

from django.dispatch import receiver

from augenhoehe.cooperation.sections import PageSection

from . import registration_selectors as selectors
from .registration_views import registration_context
from .signals import organiser_sections, public_sections


@receiver(public_sections, dispatch_uid="events.registration.box")
def registration_box(sender, *, request, event, **kwargs) -> PageSection:
    return PageSection(
        template="events/registration/_box.html", order=20, context=registration_context(request, event)
    )


@receiver(organiser_sections, dispatch_uid="events.registration.participants")
def participants_section(sender, *, request, event, **kwargs) -> PageSection:
    return PageSection(
        template="events/registration/_organiser_section.html",
        order=20,
        context={
            "event": event,
            "counts": selectors.counts_of(event),
            "can_change": request.user.has_perm("events.change_event", event),
        },
    )
