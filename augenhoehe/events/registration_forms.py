"""The registration form: who comes, the organisers' questions, needs, and the consent."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.languages import Language

from .choices import QuestionKind
from .models import RegistrationQuestion
from .registration import CONSENT_PURPOSE


def question_field_name(question: RegistrationQuestion) -> str:
    return f"question_{question.pk}"


class LenientId(forms.IntegerField):
    """An id from a link that may be edited or broken: anything but a valid one is None, not an
    error (a person cannot correct a hidden field), and never a number the database cannot hold."""

    def clean(self, value):
        try:
            return super().clean(value)
        except ValidationError:
            return None


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-Mail"),
        max_length=254,
        help_text=_("Wir schicken Ihnen einen Link, mit dem Sie die Anmeldung bestätigen."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation_name = forms.CharField(
        label=_("Organisation (freiwillig)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    interpretation = forms.ChoiceField(
        label=_("Ich brauche Verdolmetschung in"),
        choices=[("", _("Keine Verdolmetschung nötig")), *Language.choices],
        required=False,
    )
    accessibility_needs = forms.CharField(
        label=_("Bedarf an Barrierefreiheit (freiwillig)"),
        max_length=1000,
        required=False,
        help_text=_("z. B. Rollstuhlplatz, Gebärdensprache, Kinderbetreuung"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consent = forms.BooleanField(
        label=CONSENT_PURPOSE.text,
        error_messages={"required": _("Ohne Ihre Einwilligung können wir Sie nicht anmelden.")},
    )
    # The co-organising organisation whose link the person came through (checked by the service).
    via = LenientId(required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)

    def __init__(self, *args, questions: list[RegistrationQuestion], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        fields = dict(self.fields)
        self.fields.clear()
        for name in ("name", "email", "organisation_name"):
            self.fields[name] = fields.pop(name)
        for question in questions:
            self.fields[question_field_name(question)] = self._question_field(question)
        self.fields.update(fields)

    @staticmethod
    def _question_field(question: RegistrationQuestion) -> forms.Field:
        if question.kind == QuestionKind.CHOICE:
            return forms.ChoiceField(
                label=question.label,
                required=question.required,
                choices=[("", "–"), *((option, option) for option in question.option_list)],
            )
        return forms.CharField(
            label=question.label,
            required=question.required,
            max_length=1000,
            widget=forms.Textarea(attrs={"rows": 2}),
        )

    def answers(self) -> dict[str, str]:
        """{question id: answer} of the answered questions."""
        answers = {}
        for question in self.questions:
            value = (self.cleaned_data.get(question_field_name(question)) or "").strip()
            if value:
                answers[str(question.pk)] = value
        return answers
