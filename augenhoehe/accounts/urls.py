from django.contrib.auth import views as auth_views
from django.urls import path

from . import network_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", network_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("network/", network_views.network_switch, name="network_switch"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
]
