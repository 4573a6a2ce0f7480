from django.urls import path

from . import views

app_name = "checkins"

urlpatterns = [
    path("cooperation/<int:pk>/", views.cooperation_checkins, name="cooperation"),
    path("cooperation/<int:pk>/plan/", views.plan_set, name="plan"),
    path("cooperation/<int:pk>/contact/", views.contact_set, name="contact"),
    path("cooperation/<int:pk>/contact/remove/", views.contact_remove, name="contact_remove"),
    path("cooperation/<int:pk>/start/", views.checkin_start, name="start"),
    path("<int:pk>/answer/", views.network_answer, name="network_answer"),
    # The organisation's personal link: no account, the secret is the authorisation.
    path("link/<str:language>/<str:token>/", views.answer, name="answer"),
]
