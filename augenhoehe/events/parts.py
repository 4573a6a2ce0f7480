"""The events' parts that add sections to an event's pages (``signals``), a section to an
organisation's profile, or a daily task: imported once when Django starts."""

from . import (  # noqa: F401  (each module connects its receivers when imported)
    feedback_sections,
    figure_sections,
    poll_sections,
    registration_sections,
    registration_tasks,
)
