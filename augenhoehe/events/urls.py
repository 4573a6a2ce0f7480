"""The events' URLs, one module per part, all in the ``events`` namespace."""

from . import urls_events, urls_feedback, urls_figures, urls_polls, urls_registration

app_name = "events"

urlpatterns = [
    *urls_events.urlpatterns,
    *urls_registration.urlpatterns,
    *urls_polls.urlpatterns,
    *urls_feedback.urlpatterns,
    *urls_figures.urlpatterns,
]
