from django.contrib.auth import views as auth_views
from django.urls import path

from . import network_views, password_views, security_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", network_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("network/", network_views.network_switch, name="network_switch"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("password/reset/", password_views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", password_views.PasswordResetSentView.as_view(), name="password_reset_sent"),
    path(
        "password/reset/<uidb64>/<token>/",
        password_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        password_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("security/", security_views.security, name="security"),
    path("security/verify/", security_views.second_factor_verify, name="second_factor_verify"),
    path("security/totp/", security_views.totp_setup, name="totp_setup"),
    path("security/recovery-codes/", security_views.recovery_codes, name="recovery_codes"),
    path("security/<slug:kind>/<int:pk>/remove/", security_views.device_remove, name="device_remove"),
]
