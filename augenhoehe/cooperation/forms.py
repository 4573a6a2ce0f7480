"""Forms of the cooperation pages; they only read input, the services decide."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from augenhoehe.directory.models import Organisation

from .choices import TRANSITIONS, FundingSource, Stage, Topic, VettingCheck, VettingStatus
from .models import Cooperation


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class VettingForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Stand"),
        choices=VettingStatus.choices,
        widget=forms.RadioSelect,
        help_text=_("„Keine Bedenken“ und „Bedenken“ gelten erst, wenn eine zweite Person sie bestätigt."),
    )
    checks = forms.MultipleChoiceField(
        label=_("Was wurde geprüft?"),
        choices=VettingCheck.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sources = forms.CharField(
        label=_("Quellen und Ergebnis"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Wen Sie gefragt und was Sie gelesen haben, mit Datum."),
    )
    reviewed_on = forms.DateField(label=_("Geprüft am"), widget=DateInput, required=False)
    next_review_on = forms.DateField(label=_("Nächste Prüfung"), widget=DateInput, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        reviewed = cleaned.get("reviewed_on") or timezone.localdate()
        following = cleaned.get("next_review_on")
        if following and following <= reviewed:
            self.add_error("next_review_on", _("Die nächste Prüfung liegt nach dem Tag der Prüfung."))
        return cleaned


class VettingDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])


class OrganisationsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        # Many associations share a name pattern ("Elternverein {city}"): the place tells them apart.
        return f"{obj.name} ({obj.city})"


class CooperationForm(forms.ModelForm):
    organisations = OrganisationsField(
        label=_("Organisationen"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Die Organisationen in den Kreisen Ihres Netzwerks; ab „MSO gefunden“ mindestens eine."),
    )

    class Meta:
        model = Cooperation
        fields = ["title", "topic", "network_goals", "mso_gain"]
        widgets = {
            "network_goals": forms.Textarea(attrs={"rows": 3}),
            "mso_gain": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisations"]
        assert isinstance(field, OrganisationsField)
        field.queryset = organisations
        topic = self.fields["topic"]
        assert isinstance(topic, forms.ChoiceField)
        topic.choices = Topic.choices


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Nächste Phase"))
    note = forms.CharField(
        label=_("Anmerkung"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Die beteiligten Organisationen lesen die Anmerkung im Verlauf."),
    )

    def __init__(self, *args, current: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        stage = self.fields["stage"]
        assert isinstance(stage, forms.ChoiceField)
        stage.choices = [(code, Stage(code).label) for code in TRANSITIONS.get(current, ())]


class FundingPeriodForm(forms.Form):
    source = forms.ChoiceField(label=_("Förderquelle"), choices=FundingSource.choices)
    amount = forms.DecimalField(
        label=_("Betrag (Euro)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        error_messages={"min_value": _("Der Betrag ist eine Zahl von 0 Euro an.")},
    )
    starts_on = forms.DateField(label=_("Beginn"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ende"), widget=DateInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on <= starts_on:
            self.add_error("ends_on", _("Das Ende liegt nach dem Beginn."))
        return cleaned
