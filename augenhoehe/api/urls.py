from django.urls import path, re_path

from . import cooperation_views, docs_views, token_views, views

app_name = "api"

urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    # Any segment reaches the view, so a malformed id is a JSON 404 rather than Django's HTML page.
    re_path(
        r"^organisations/(?P<pk>[^/]+)/$", views.OrganisationDetailView.as_view(), name="organisation_detail"
    ),
    path("cooperations/", cooperation_views.CooperationListView.as_view(), name="cooperation_list"),
    re_path(
        r"^cooperations/(?P<pk>[^/]+)/$",
        cooperation_views.CooperationDetailView.as_view(),
        name="cooperation_detail",
    ),
    re_path(
        r"^cooperations/(?P<pk>[^/]+)/stage/$",
        cooperation_views.CooperationStageView.as_view(),
        name="cooperation_stage",
    ),
    path("schema/", docs_views.SchemaView.as_view(), name="schema"),
    path("docs/", docs_views.DocsView.as_view(), name="docs"),
    path("tokens/", token_views.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", token_views.token_revoke, name="token_revoke"),
]
