"""Forms of the check-ins: the plan, a partner's contact, and the ratings (one side's statements)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import CANNOT_SAY, CANNOT_SAY_LABEL, STATEMENTS, Agreement, Factor, LinkLanguage, Side
from .models import CheckinContact, CheckinPlan
from .services import Ratings


class PlanForm(forms.ModelForm):
    class Meta:
        model = CheckinPlan
        fields = ["interval_weeks", "active"]


class ContactForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Sprache"), choices=LinkLanguage.choices)

    class Meta:
        model = CheckinContact
        fields = ["name", "email", "language"]


def comment_name(factor: str) -> str:
    return f"{factor}_comment"


class RatingsForm(forms.Form):
    """One side's ratings: a choice per factor's statement (the scale or "kann ich nicht sagen")
    and an optional comment each."""

    def __init__(self, *args, side: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(value), label) for value, label in Agreement.choices] + [
            (CANNOT_SAY, CANNOT_SAY_LABEL)
        ]
        for factor in Factor.values:
            statement = STATEMENTS[factor]
            self.fields[factor] = forms.ChoiceField(
                label=statement.network if side == Side.NETWORK else statement.organisation,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Bitte wählen Sie eine Antwort.")},
            )
            self.fields[comment_name(factor)] = forms.CharField(
                label=_("Anmerkung (freiwillig)"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def statements(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """(choice, comment) per factor, in the factors' order, for the template."""
        return [(self[factor], self[comment_name(factor)]) for factor in Factor.values]

    def ratings(self) -> Ratings:
        data = self.cleaned_data
        return {
            factor: (None if data[factor] == CANNOT_SAY else int(data[factor]), data[comment_name(factor)])
            for factor in Factor.values
        }
