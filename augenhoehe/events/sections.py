"""Collects the sections the events' parts add to an event's pages (see ``signals``)."""

from typing import cast

from django.http import HttpRequest

from augenhoehe.cooperation.sections import PageSection

from .models import Event
from .signals import organiser_sections, public_sections


def _in_order(responses) -> list[PageSection]:
    sections = [section for _receiver, section in responses if section is not None]
    return sorted(sections, key=lambda section: (section.order, section.template))


def organiser_sections_for(request: HttpRequest, event: Event) -> list[PageSection]:
    return _in_order(
        cast(
            list[tuple[object, PageSection | None]],
            organiser_sections.send(sender=Event, request=request, event=event),
        )
    )


def public_sections_for(request: HttpRequest, event: Event) -> list[PageSection]:
    return _in_order(
        cast(
            list[tuple[object, PageSection | None]],
            public_sections.send(sender=Event, request=request, event=event),
        )
    )
