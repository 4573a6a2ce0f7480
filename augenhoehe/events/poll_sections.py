"""The live polls' section on the organisers' page of an event (``signals.organiser_sections``)."""

from django.dispatch import receiver

from augenhoehe.cooperation.sections import PageSection

from .poll_forms import PollForm
from .poll_views import polls_section_context
from .signals import organiser_sections


@receiver(organiser_sections, dispatch_uid="events.polls.section")
def polls_section(sender, *, request, event, **kwargs) -> PageSection:
    context = polls_section_context(request, event, PollForm(prefix="poll"))
    return PageSection(template="events/polls/_section.html", order=60, context=context)
