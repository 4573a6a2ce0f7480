"""A signal through which other apps add a section to an organisation's own space (its
cooperations, check-ins due, events, surveys to answer), so that participation imports none of
them; as ``directory.signals.profile_app_sections`` does for the profile page."""

from dataclasses import dataclass, field
from typing import Any, cast

from django.dispatch import Signal
from django.http import HttpRequest

# Sent while an organisation's space is rendered for one of its representatives, with ``request``
# and ``organisation``. A receiver returns ``None`` (nothing to say at all) or a ``SpaceSection``
# (also when its list is empty: the section says so), and costs a fixed number of queries.
space_sections = Signal()


@dataclass(frozen=True)
class SpaceSection:
    """A template included in the space, ``order`` placing it among the others; it reads its
    ``context`` as ``section``."""

    template: str
    order: int = 50
    context: dict[str, Any] = field(default_factory=dict)


def space_sections_for(request: HttpRequest, organisation) -> list[SpaceSection]:
    """Every app's section for this organisation's space, in order."""
    responses = cast(
        list[tuple[object, SpaceSection | None]],
        space_sections.send(sender=type(organisation), request=request, organisation=organisation),
    )
    sections = [section for _receiver, section in responses if section is not None]
    return sorted(sections, key=lambda section: (section.order, section.template))
