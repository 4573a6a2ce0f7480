"""The feedback's section on the organisers' page of an event (``signals.organiser_sections``)."""

from django.dispatch import receiver

from augenhoehe.cooperation.sections import PageSection

from .feedback_views import feedback_section_context
from .signals import organiser_sections


@receiver(organiser_sections, dispatch_uid="events.feedback.section")
def feedback_section(sender, *, request, event, **kwargs) -> PageSection:
    return PageSection(
        template="events/feedback/_section.html", order=70, context=feedback_section_context(request, event)
    )
