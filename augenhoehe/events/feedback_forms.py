"""The participant's feedback: a rating from 1 to 5 (a radio group, each value named) and a text."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .feedback import TEXT_MAX

RATINGS = [
    ("5", _("5 – sehr gut")),
    ("4", _("4 – gut")),
    ("3", _("3 – teils, teils")),
    ("2", _("2 – weniger gut")),
    ("1", _("1 – gar nicht gut")),
]


class FeedbackForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("Wie hat Ihnen die Veranstaltung gefallen?"),
        choices=RATINGS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie einen Wert von 1 bis 5.")},
    )
    text = forms.CharField(
        label=_("Was nehmen Sie mit?"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Freiwillig. Bitte schreiben Sie keine Namen oder Kontaktdaten hinein."),
    )
