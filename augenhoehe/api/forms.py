from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Scope


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Wofür ist das Token? Zum Beispiel: „Fachverfahren Jugendamt“."),
    )
    scope = forms.ChoiceField(
        label=_("Berechtigung"), choices=Scope.choices, initial=Scope.READ, widget=forms.RadioSelect
    )
