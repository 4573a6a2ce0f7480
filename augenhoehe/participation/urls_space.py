"""The organisation's own space, mounted at ``/mine/``."""

from django.urls import path

from . import space_views

app_name = "space"

urlpatterns = [
    path("", space_views.home, name="home"),
    path("invitation/<str:token>/", space_views.invitation, name="invitation"),
    path("<int:pk>/", space_views.space, name="space"),
    path("<int:pk>/preview/", space_views.preview, name="preview"),
    path("<int:pk>/people/", space_views.people_page, name="people"),
    path("<int:pk>/people/<int:representation_pk>/role/", space_views.representative_role, name="role"),
    path("<int:pk>/people/<int:representation_pk>/remove/", space_views.representative_remove, name="remove"),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/resend/",
        space_views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/revoke/",
        space_views.invitation_revoke,
        name="invitation_revoke",
    ),
]
