"""The outreach figures' own pages: an event's (for its organisers) and a series' (for the network's staff).

The event's figures also show on its organisers' page (``figure_sections``); these pages give them
a link of their own, to share within the office or print.
"""

from collections.abc import Collection

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django_scopes import scopes_disabled

from augenhoehe.accounts.permissions import is_network_staff, is_staff_of
from augenhoehe.cooperation.sections import PageSection
from augenhoehe.core.typing import NetworkRequest
from augenhoehe.directory.permissions import represented

from . import figures
from .figure_charts import bar_chart
from .models import Event, Series
from .permissions import co_organises


def figures_context(events: list[Event], *, organisations: Collection[int] | None = None) -> dict:
    """What ``events/figures/_figures.html`` needs: the figures and a chart per breakdown.

    ``organisations``: those the reader represents, when they read as a co-organiser rather than as
    the network's staff: other co-organisers' small lines are hidden from them.
    """
    found = figures.figures_for(events)
    via = found.via if organisations is None else figures.via_for_organisations(found.via, organisations)
    rtl = translation.get_language_bidi()
    return {
        "figures": found,
        "charts": [(breakdown, bar_chart(breakdown, rtl=rtl)) for breakdown in [*found.backgrounds, via]],
    }


def organisations_of_reader(user, event: Event) -> Collection[int] | None:
    """``None`` for the staff of the event's network (they see every line exactly), else the
    organisations the user represents (a co-organiser's member)."""
    return None if is_staff_of(user, event) else set(represented(user))


def event_for_figures(*, request: NetworkRequest, pk: int) -> Event:
    """The event whose figures ``request.user`` may read: one of the active network's events for its
    staff, or an event of any network that an organisation the user represents co-organises.
    Anyone else is told nothing exists (404)."""
    user = request.user
    with scopes_disabled():  # a co-organiser's member works outside any network's scope
        event = Event.objects.filter(pk=pk).select_related("series").first()
    if event is None:
        raise Http404
    in_active_network = request.network is not None and event.network_id == request.network.pk
    if in_active_network and user.has_perm("events.view_event_private", event):
        return event
    if co_organises(user, event):
        return event
    raise Http404


@login_required
def event_figures(request: NetworkRequest, pk: int) -> HttpResponse:
    event = event_for_figures(request=request, pk=pk)
    context = figures_context([event], organisations=organisations_of_reader(request.user, event))
    section = PageSection(template="events/figures/_event.html", context=context)
    return render(request, "events/figures/event.html", {"event": event, "section": section})


@login_required
def series_figures(request: NetworkRequest, pk: int) -> HttpResponse:
    """A series' figures, all its published events together and each on its own line: the network's staff."""
    if not is_network_staff(request.user):
        raise PermissionDenied
    # In the active network's scope: another network's series is not found.
    series = Series.objects.filter(pk=pk).first()
    if series is None or not request.user.has_perm("events.view_series_figures", series):
        raise Http404
    events = figures.series_events(series=series)
    context = figures_context(events)
    return render(
        request,
        "events/figures/series.html",
        {
            "series": series,
            "per_event": figures.event_lines(events),
            "section": PageSection(template="events/figures/_event.html", context=context),
        },
    )
