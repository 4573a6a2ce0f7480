from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/<int:pk>/role/", views.member_role, name="member_role"),
    path("people/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("people/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("people/invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("leave/", views.leave, name="leave"),
]
