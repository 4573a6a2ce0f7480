from django.urls import path

from . import proposal_views, suggestion_views, views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("count/", views.result_count, name="count"),
    path("map/", views.map_view, name="map"),
    path("start/", views.landing, name="landing"),
    path("new/", views.OrganisationCreateView.as_view(), name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.OrganisationUpdateView.as_view(), name="update"),
    path("<int:pk>/history/", views.history_view, name="history"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/notes/", views.note_add, name="note_add"),
    path("<int:pk>/suggest/", suggestion_views.suggest, name="suggest"),
    path("suggestions/", suggestion_views.suggestion_list, name="suggestions"),
    path("suggestions/<int:pk>/", suggestion_views.suggestion_detail, name="suggestion"),
    path("proposals/", proposal_views.proposal_list, name="proposals"),
    path("proposals/<int:pk>/", proposal_views.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/withdraw/", proposal_views.proposal_withdraw, name="proposal_withdraw"),
]
