"""The distribution (staff: invite, the invitations, remind) and the answering (personal link) pages."""

from django.urls import path

from . import answer_views, invite_views

urlpatterns = [
    path("<int:pk>/invite/", invite_views.invite, name="invite"),
    path("<int:pk>/invitations/", invite_views.invitations, name="invitations"),
    path("<int:pk>/remind/", invite_views.remind, name="remind"),
    # The organisation's personal link: no account, the signed link is the authorisation.
    path("answer/<str:token>/", answer_views.answer, name="answer"),
    path("answer/<str:token>/thanks/", answer_views.answer_thanks, name="answer_thanks"),
]
