"""Signals through which the events' parts add themselves to an event's pages, each in its own module
(registration, live polls, feedback, figures), as the cooperation's page takes the sections of the
apps built on it (``cooperation.signals``).

Receivers return ``None`` (nothing to add) or a ``cooperation.sections.PageSection``.
"""

from django.dispatch import Signal

# Sent while the organisers' page of an event is rendered, with ``request`` and ``event``.
organiser_sections = Signal()

# Sent while the public page of an event is rendered, with ``request`` and ``event``.
public_sections = Signal()
