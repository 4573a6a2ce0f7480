"""Forms of an organisation's people page: invite someone, change a role."""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from augenhoehe.directory.models import RepresentativeRole


class RepresentativeInvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"), max_length=254)
    role = forms.ChoiceField(
        label=_("Rolle"),
        choices=RepresentativeRole.choices,
        initial=RepresentativeRole.MEMBER,
        help_text=_("Die Administration lädt weitere Personen ein und entscheidet, was öffentlich ist."),
    )
    language = forms.ChoiceField(
        label=_("Sprache der Einladung"),
        choices=settings.LANGUAGES,
        help_text=_("Die Einladung und die späteren E-Mails an die Person sind in dieser Sprache."),
    )

    def __init__(self, *args, admins_only: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.fields["language"].initial = translation.get_language() or settings.LANGUAGE_CODE
        if admins_only:
            # Staff standing in invite the organisation's first admin, nobody else.
            role = self.fields["role"]
            assert isinstance(role, forms.ChoiceField)
            role.choices = [(RepresentativeRole.ADMIN.value, RepresentativeRole.ADMIN.label)]
            self.fields["role"].initial = RepresentativeRole.ADMIN


class RepresentativeRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=RepresentativeRole.choices)
