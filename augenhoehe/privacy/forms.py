from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _


class _ServiceErrors(forms.Form):
    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for name, messages in error.message_dict.items():
            self.add_error(None if name == NON_FIELD_ERRORS or name not in self.fields else name, messages)


class EraseOwnForm(_ServiceErrors):
    """Erasing one's own account: the password confirms it is really them."""

    password = forms.CharField(
        label=_("Ihr Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Das Passwort stimmt nicht."), code="wrong_password")
        return password


class PersonForm(_ServiceErrors):
    """Whom the data protection officer acts for: an account, an address, a name as it appears in text."""

    username = forms.CharField(label=_("Benutzername"), required=False, max_length=150)
    email = forms.EmailField(label=_("E-Mail-Adresse"), required=False)
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_("Vor- und Nachname, so wie sie in Freitext stehen können (mindestens 5 Zeichen)."),
    )

    def clean(self):
        cleaned = super().clean() or {}
        if not any(cleaned.get(name) for name in ("username", "email", "name")):
            raise ValidationError(
                _("Bitte nennen Sie einen Benutzernamen, eine E-Mail-Adresse oder einen Namen.")
            )
        name = cleaned.get("name", "")
        if name and len(name.strip()) < 5:
            self.add_error(
                "name", _("Ein so kurzer Name käme auch in anderen Wörtern vor; bitte vollständig.")
            )
        return cleaned


class EraseForm(PersonForm):
    reason = forms.CharField(
        label=_("Grund"),
        max_length=300,
        help_text=_("Zum Beispiel: Antrag vom 1. Dezember. Namen werden aus dem Grund entfernt."),
    )
