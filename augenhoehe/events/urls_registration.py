"""The registration's URLs: the public form and the links in the mails (no account), and the
organisers' participant list."""

from django.urls import path

from . import registration_views as views

urlpatterns = [
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/registered/", views.registered, name="registered"),
    # The links in the mails: the signed token is the authorisation.
    path("registration/confirm/<str:token>/", views.confirm, name="registration_confirm"),
    path("registration/cancel/<str:token>/", views.cancel, name="registration_cancel"),
    path("<int:pk>/participants/", views.participants, name="participants"),
    path(
        "<int:pk>/participants/<int:registration_pk>/check-in/",
        views.participant_check_in,
        name="participant_check_in",
    ),
    path("<int:pk>/participants/move-up/", views.waiting_list_move_up, name="waiting_list_move_up"),
    path(
        "<int:pk>/participants/export.<str:format>",
        views.participants_export,
        name="participants_export",
    ),
]
