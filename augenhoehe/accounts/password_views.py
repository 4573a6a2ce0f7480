"""Forgotten passwords: a one-time link by mail, in the app's frame and the reader's language."""

from typing import Any

from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils import translation

from augenhoehe.mail.services import language_of, mail_send

from . import services


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, its mail written in the account's language through the app's mail service,
    with both parts. Anyone may type an address into the form, so the asker's language counts only
    for an account that has not chosen one."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        mail_send(
            to=[to_email],
            template="accounts/mail/password_reset",
            context=context,
            language=language_of(context["user"], fallback=translation.get_language() or ""),
        )


class _InvalidIs400:
    """A form with errors is answered 400, as every form of the app is."""

    def form_invalid(self, form):
        response = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = 400
        return response


class PasswordResetView(_InvalidIs400, auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
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
