"""A signal through which other apps add a section to an organisation's profile page, so that the
directory (at the bottom of the picture) imports none of them; as ``cooperation.signals`` does for
the cooperation's page.

The events app adds the events the organisation co-organises (and, for its members and the network's
staff, what they reached).
"""

from dataclasses import dataclass, field
from typing import Any, cast

from django.dispatch import Signal
from django.http import HttpRequest

# Sent while an organisation's profile is rendered, with ``request`` and ``organisation``. A receiver
# returns ``None`` (nothing to add) or a ``ProfileSection``, and costs a fixed number of queries.
profile_app_sections = Signal()


@dataclass(frozen=True)
class ProfileSection:
    """A template included on the profile (after the outreach offers), ``order`` placing it among the
    others; it reads its ``context`` as ``section``, and its heading's level as ``section_heading``
    (2 on the profile page, 3 in the organisation's preview of it)."""

    template: str
    order: int = 50
    context: dict[str, Any] = field(default_factory=dict)


def profile_app_sections_for(request: HttpRequest, organisation) -> list[ProfileSection]:
    """Every app's section for this profile, in order."""
    responses = cast(
        list[tuple[object, ProfileSection | None]],
        profile_app_sections.send(sender=type(organisation), request=request, organisation=organisation),
    )
    sections = [section for _receiver, section in responses if section is not None]
    return sorted(sections, key=lambda section: (section.order, section.template))
