"""The events' parts that add sections to an event's pages (``signals``) or run tasks: imported once
when Django starts. Each part adds its own import line here."""

from . import registration_sections, registration_tasks  # noqa: F401  (registration: page sections, daily task)
from . import figure_sections  # noqa: F401  (figures: organisers' page, organisation profiles)
from .feedback_sections import feedback_section  # noqa: F401  feedback (helper C)
from .poll_sections import polls_section  # noqa: F401  live polls (helper C)
