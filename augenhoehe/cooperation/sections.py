"""The sections other apps add to a cooperation's staff page and panels they add to the desk (see
``signals``)."""

from dataclasses import dataclass, field
from typing import Any, cast

from django.http import HttpRequest

from .models import Cooperation
from .signals import desk_panels, detail_sections


@dataclass(frozen=True)
class PageSection:
    """A template included on the cooperation's page, ``order`` placing it among the others (after the
    records, before the stage change), with the context it needs beside the page's own."""

    template: str
    order: int = 50
    context: dict[str, Any] = field(default_factory=dict)


def _in_order(responses) -> list[PageSection]:
    sections = [section for _receiver, section in responses if section is not None]
    return sorted(sections, key=lambda section: (section.order, section.template))


def sections_for(request: HttpRequest, cooperation: Cooperation, forms: dict[str, Any]) -> list[PageSection]:
    """Every app's section for this page, in order. ``forms``: the failed POST's bound forms a receiver
    takes out (so that ``detail_page`` can tell a form nobody asked for)."""
    return _in_order(
        cast(
            list[tuple[object, PageSection | None]],
            detail_sections.send(sender=Cooperation, request=request, cooperation=cooperation, forms=forms),
        )
    )


def desk_panels_for(request: HttpRequest, network, today) -> list[PageSection]:
    """Every app's panel for the desk, in order, after the desk's own five."""
    return _in_order(
        cast(
            list[tuple[object, PageSection | None]],
            desk_panels.send(sender=Cooperation, request=request, network=network, today=today),
        )
    )
