"""Forgotten passwords: a one-time link by mail, in the app's frame and the reader's language."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from . import services


class _InvalidIs400:
    """A form with errors is answered 400, as every form of the app is."""

    def form_invalid(self, form):
        response = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = 400
        return response


class PasswordResetView(_InvalidIs400, auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    subject_template_name = "accounts/mail/password_reset_subject.txt"
    email_template_name = "accounts/mail/password_reset.txt"
    html_email_template_name = "accounts/mail/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_sent")


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(_InvalidIs400, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_reset_record(user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
