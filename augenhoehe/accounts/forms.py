from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import NetworkRole


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"), max_length=254)
    role = forms.ChoiceField(label=_("Rolle"), choices=NetworkRole.choices, initial=NetworkRole.COORDINATOR)
    language = forms.ChoiceField(
        label=_("Sprache der Einladung"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("Die Einladung und die späteren E-Mails an die Person sind in dieser Sprache."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = translation.get_language() or settings.LANGUAGE_CODE


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=NetworkRole.choices)


class RegistrationForm(forms.Form):
    """A new person's account; the e-mail address comes from the invitation."""

    first_name = forms.CharField(label=_("Vorname"), max_length=150)
    last_name = forms.CharField(label=_("Nachname"), max_length=150)
    username = forms.CharField(
        label=_("Benutzername"),
        max_length=150,
        help_text=_("Damit melden Sie sich an. Buchstaben, Ziffern und @ . + - _"),
    )
    password = forms.CharField(
        label=_("Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Mindestens 8 Zeichen, nicht nur Ziffern, kein gängiges Passwort."),
    )
    password_again = forms.CharField(
        label=_("Passwort wiederholen"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["username"].widget.attrs["autocomplete"] = "username"

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if data.get("password") and data.get("password_again") not in (None, data["password"]):
            self.add_error("password_again", _("Die beiden Passwörter stimmen nicht überein."))
        return data


def add_service_errors(form: forms.Form, error) -> None:
    """Put a service's ValidationError at the form's fields; what has no field goes above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class TokenForm(forms.Form):
    """A code from the authenticator app (six digits) or a recovery code."""

    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class TotpSetupForm(forms.Form):
    token = forms.CharField(
        label=_("Code aus der App"),
        max_length=6,
        help_text=_("Die sechs Ziffern, die die App nach dem Einrichten zeigt."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
