"""The feedback: the organisers' pages by event, the participant's one-time link by its secret."""

from django.urls import path

from . import feedback_views

urlpatterns = [
    path("<int:pk>/feedback/", feedback_views.event_feedback, name="feedback"),
    path("<int:pk>/feedback/request/", feedback_views.feedback_request, name="feedback_request"),
    path("<int:pk>/feedback.csv", feedback_views.feedback_csv, name="feedback_csv"),
    # The personal link: no account, the secret is the authorisation.
    path("f/<str:token>/", feedback_views.feedback_give, name="feedback_give"),
]
