"""Forms of the live polls: the organisers' new poll and the participant's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import PollKind
from .models import Poll
from .polls import WORD_MAX


class PollForm(forms.Form):
    question = forms.CharField(label=_("Frage"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Art der Antwort"),
        choices=PollKind.choices,
        initial=PollKind.SINGLE,
        widget=forms.RadioSelect,
    )
    options = forms.CharField(
        label=_("Antwortmöglichkeiten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Eine pro Zeile, mindestens zwei (nicht bei „Ein Wort oder kurzer Text“)."),
    )

    def option_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]


class AnswerForm(forms.Form):
    """The participant's answer: one option (radio), several (checkboxes) or a word."""

    def __init__(self, *args, poll: Poll, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.poll = poll
        if poll.kind == PollKind.WORD:
            self.fields["word"] = forms.CharField(
                label=_("Ihre Antwort"),
                max_length=WORD_MAX,
                help_text=_("Ein Wort oder ein kurzer Text, höchstens 60 Zeichen."),
                error_messages={"required": _("Bitte schreiben Sie ein Wort oder einen kurzen Text.")},
            )
            return
        choices = [(str(option.pk), option.label) for option in poll.options.all()]
        multiple = poll.kind == PollKind.MULTIPLE
        field_class = forms.MultipleChoiceField if multiple else forms.ChoiceField
        self.fields["options"] = field_class(
            label=_("Ihre Antwort (mehrere möglich)") if multiple else _("Ihre Antwort"),
            choices=choices,
            widget=forms.CheckboxSelectMultiple if multiple else forms.RadioSelect,
            # A value that is none of the options (another poll's, tampered) is told the same.
            error_messages={
                "required": _("Bitte wählen Sie eine Antwort."),
                "invalid_choice": _("Bitte wählen Sie eine Antwort."),
                "invalid_list": _("Bitte wählen Sie eine Antwort."),
            },
        )

    def option_ids(self) -> list[int]:
        chosen = self.cleaned_data.get("options") or []
        return [int(pk) for pk in ([chosen] if isinstance(chosen, str) else chosen)]
