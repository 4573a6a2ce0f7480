"""The organiser part's URLs: the public pages and calendars, and the organisers' pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.public_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/calendar.ics", views.ics, name="ics"),
    path("series/<int:pk>/", views.series, name="series"),
    path("series/<int:pk>/calendar.ics", views.series_ics, name="series_ics"),
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.event_new, name="event_new"),
    path("manage/series/new/", views.series_new, name="series_new"),
    path("manage/series/<int:pk>/edit/", views.series_edit, name="series_edit"),
    path("manage/<int:pk>/", views.organiser_page, name="event"),
    path("manage/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("manage/<int:pk>/publish/", views.event_publish, name="event_publish"),
    path("manage/<int:pk>/cancel/", views.event_cancel, name="event_cancel"),
    path("manage/<int:pk>/organisers/add/", views.organiser_add, name="organiser_add"),
    path("manage/<int:pk>/organisers/remove/", views.organiser_remove, name="organiser_remove"),
    path("manage/<int:pk>/interpreters/link/", views.booking_link, name="booking_link"),
    path("manage/<int:pk>/interpreters/unlink/", views.booking_unlink, name="booking_unlink"),
    path("manage/<int:pk>/programme/add/", views.programme_add, name="programme_add"),
    path("manage/programme/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("manage/programme/<int:pk>/remove/", views.programme_remove, name="programme_remove"),
    path("manage/programme/<int:pk>/move/", views.programme_move, name="programme_move"),
    path("manage/<int:pk>/questions/add/", views.question_add, name="question_add"),
    path("manage/questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("manage/questions/<int:pk>/remove/", views.question_remove, name="question_remove"),
]
