"""The live polls: the organisers' pages by event or poll, the participants' short link by code."""

from django.urls import path

from . import poll_views

urlpatterns = [
    path("<int:pk>/polls/", poll_views.event_polls, name="polls"),
    path("polls/<int:pk>/open/", poll_views.poll_open, name="poll_open"),
    path("polls/<int:pk>/close/", poll_views.poll_close, name="poll_close"),
    path("polls/<int:pk>/present/", poll_views.poll_present, name="poll_present"),
    path("polls/<int:pk>/results/", poll_views.poll_results, name="poll_results"),
    # The short link the room types from the screen: no account, the code is the poll.
    path("p/<str:code>/", poll_views.poll_answer, name="poll_answer"),
    path("p/<str:code>/qr.svg", poll_views.poll_qr, name="poll_qr"),
]
