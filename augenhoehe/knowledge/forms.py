"""Forms of the knowledge base: an answer, the review, and the public filter."""

from typing import cast

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from augenhoehe.core.languages import Language
from augenhoehe.core.models import Network
from augenhoehe.core.translations import TranslationsFormMixin
from augenhoehe.directory.models import Organisation

from .choices import Question
from .models import ANSWER_MAX_LENGTH, Answer


class AnswerForm(TranslationsFormMixin, forms.Form):
    """An organisation's answer. ``organisations`` and ``networks`` are those the person may write
    for and to; a choice with one option is not asked. The answer may come in other languages too."""

    translatable_fields = Answer.TRANSLATABLE
    original_language_field = "language"

    organisation = forms.ModelChoiceField(
        label=_("Sie schreiben für"),
        queryset=Organisation.objects.none(),
        error_messages={"required": _("Bitte wählen Sie Ihre Organisation.")},
    )
    network = forms.ModelChoiceField(
        label=_("An das Netzwerk"),
        queryset=Network.objects.none(),
        help_text=_("Es prüft Ihre Antwort, bevor sie öffentlich wird."),
        error_messages={"required": _("Bitte wählen Sie das Netzwerk.")},
    )
    question = forms.ChoiceField(
        label=_("Frage"),
        choices=[("", "—"), *Question.choices],
        error_messages={"required": _("Bitte wählen Sie die Frage, die Sie beantworten.")},
    )
    country = forms.ChoiceField(
        label=_("Herkunftsland der Community"),
        choices=[],
        help_text=_("Für welche Community gilt Ihre Antwort?"),
        error_messages={"required": _("Bitte wählen Sie das Herkunftsland.")},
    )
    language = forms.ChoiceField(
        label=_("Sprache Ihrer Antwort"),
        choices=Language.choices,
        error_messages={"required": _("Bitte wählen Sie die Sprache Ihrer Antwort.")},
    )
    text = forms.CharField(
        label=_("Ihre Antwort"),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        help_text=_("Nach der Prüfung lesen alle sie, mit Ihrer Organisation als Verfasserin."),
        error_messages={"required": _("Bitte schreiben Sie Ihre Antwort.")},
    )

    def __init__(self, *args, organisations, networks, **kwargs) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("language", get_language())
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["country"]).choices = [("", "—"), *countries]
        self.only: dict[str, Organisation | Network] = {}
        organisation_field = self.fields["organisation"]
        network_field = self.fields["network"]
        organisation_field.queryset = organisations  # type: ignore[attr-defined]
        network_field.queryset = networks  # type: ignore[attr-defined]
        for name, field in (("organisation", organisation_field), ("network", network_field)):
            choices = list(field.queryset)  # type: ignore[attr-defined]
            if len(choices) == 1:
                self.fields.pop(name)
                self.only[name] = choices[0]

    def chosen(self, name: str):
        """The organisation or network chosen, or the only one there is."""
        return self.cleaned_data.get(name) or self.only.get(name)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Warum geben Sie die Antwort zurück?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Die Organisation liest die Begründung und kann die Antwort überarbeiten."),
        error_messages={"required": _("Bitte schreiben Sie der Organisation, warum.")},
    )


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Suche im Text"), required=False, max_length=200)
    question = forms.ChoiceField(label=_("Frage"), required=False)
    country = forms.ChoiceField(label=_("Herkunftsland"), required=False)

    def __init__(self, *args, countries_with_answers: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["question"]).choices = [("", _("Alle Fragen")), *Question.choices]
        # The countries with answers are offered; any other valid one (a link from the matching
        # page for a community without answers yet) is accepted and finds none.
        asked = str((self.data or {}).get("country", ""))
        codes = {*countries_with_answers, *([asked] if asked in countries else [])}
        cast(forms.ChoiceField, self.fields["country"]).choices = [
            ("", _("Alle Herkunftsländer")),
            *sorted(((code, countries.name(code)) for code in codes), key=lambda c: str(c[1])),
        ]
