"""The need a cooperation was started from, on the cooperation's page: its description (which the
cooperation's goals do not copy, see ``describe.need_goals``) and the way back to its results."""

from django.dispatch import receiver

from augenhoehe.cooperation.sections import PageSection
from augenhoehe.cooperation.signals import detail_sections

from .describe import need_facts
from .selectors import need_visible_queryset


@receiver(detail_sections, dispatch_uid="matching.need")
def need_section(sender, *, request, cooperation, forms, **kwargs) -> PageSection | None:
    need = (
        need_visible_queryset(viewer=request.user, network=request.network)
        .filter(cooperation=cooperation)
        .select_related("kreis", "gemeinde")
        .first()
    )
    if need is None:
        return None
    return PageSection(
        template="matching/_cooperation_section.html",
        order=5,
        context={"need": need, "facts": need_facts(need)},
    )
