"""Forms of the pool: a person with their consent record, and a booking for a cooperation."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from augenhoehe.cooperation.models import Cooperation
from augenhoehe.core.languages import Language

from .choices import BookingStatus
from .models import Booking, Interpreter


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class InterpreterForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Sprachen"), choices=Language.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Interpreter
        fields = [
            "name",
            "qualification",
            "places",
            "availability",
            "fee_per_hour",
            "volunteer",
            "email",
            "phone",
            "consent_given_on",
            "consent_form",
        ]
        widgets = {"consent_given_on": DateInput}
        help_texts = {
            "consent_given_on": _("Ohne Einwilligung wird die Person nicht gelistet und ist nicht buchbar."),
        }

    def clean_consent_given_on(self):
        given = self.cleaned_data.get("consent_given_on")
        if given and given > timezone.localdate():
            raise forms.ValidationError(_("Die Einwilligung kann nicht in der Zukunft liegen."))
        return given


class BookingForm(forms.ModelForm):
    # The queryset is the network's open cooperations, set per form (no scope at import time).
    cooperation: "forms.ModelChoiceField[Cooperation]" = forms.ModelChoiceField(
        label=_("Kooperation"), queryset=None
    )

    def __init__(self, *args, cooperations, languages: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cooperation = self.fields["cooperation"]
        assert isinstance(cooperation, forms.ModelChoiceField)
        cooperation.queryset = cooperations
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)
        language.choices = [(code, label) for code, label in Language.choices if code in languages]

    class Meta:
        model = Booking
        fields = ["cooperation", "starts_at", "language", "fee_agreed", "note"]
        widgets = {"starts_at": DateTimeInput, "note": forms.Textarea(attrs={"rows": 3})}

    def clean_starts_at(self):
        starts_at = self.cleaned_data.get("starts_at")
        if starts_at and starts_at <= timezone.now():
            raise forms.ValidationError(_("Eine neue Buchung liegt in der Zukunft."))
        return starts_at


class BookingStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Stand"), choices=BookingStatus.choices)


def booking_form(data, *, cooperations, interpreter: Interpreter, cooperation: Cooperation | None = None):
    """A booking form for ``interpreter``: their languages, the network's open cooperations."""
    languages = [language.code for language in interpreter.languages.all()]
    initial = {"cooperation": cooperation.pk} if cooperation else {}
    # The form's model validation sees the booking's network and person (language, same network).
    instance = Booking(network=interpreter.network, interpreter=interpreter)
    return BookingForm(
        data, cooperations=cooperations, languages=languages, initial=initial, instance=instance
    )
