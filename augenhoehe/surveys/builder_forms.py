"""Forms of the questionnaire builder.

Decisions:
- Options are one per line in a textarea: a busy coordinator pastes a list from a document or
  mail and reorders lines by hand, which a row per option (a formset) makes slow. A tick makes the
  last line "Sonstiges, nämlich" with a text field. A Likert item uses the same lines for its
  scale points, filled with the default labels when left empty, and asks how many of the first
  points count as agreement.
- Every field of every kind is on the page, grouped and labelled by the kind it is for, so the form
  works without JavaScript; the service ignores what does not fit the kind.
- The condition's answers are one native multiple select, grouped by question: it stays short
  even after 29 Likert items with four points each.
- The services' rules (a past closing date, a frozen structure, a forward condition) come back as
  ``ValidationError`` and are shown next to their field (``add_service_error``).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from augenhoehe.core.languages import Language

from .builder import OptionSpec
from .builder_translations import MAX_TEXT, RIGHT_TO_LEFT, Text
from .choices import QuestionKind
from .models import BASE_LANGUAGE, Survey, SurveyQuestion, SurveySection

# Stored labels are German whatever the staff member's language (marked for the catalogue, so a
# page may show them translated with ``gettext``; translations of a survey's rows are its own).
LIKERT_DEFAULTS = {
    4: [
        gettext_noop("trifft voll und ganz zu"),
        gettext_noop("trifft eher zu"),
        gettext_noop("trifft eher nicht zu"),
        gettext_noop("trifft gar nicht zu"),
    ],
    5: [
        gettext_noop("trifft voll und ganz zu"),
        gettext_noop("trifft eher zu"),
        gettext_noop("teils, teils"),
        gettext_noop("trifft eher nicht zu"),
        gettext_noop("trifft gar nicht zu"),
    ],
}
MAX_OPTIONS = 60
MAX_LABEL = 200
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M"]


class ServiceErrors:
    """Puts a service's ``ValidationError`` next to the field it names, else above the form."""

    def add_service_error(self: forms.BaseForm, error: ValidationError) -> None:  # type: ignore[misc]
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, messages in error.message_dict.items():
            self.add_error(name if name in self.fields else None, messages)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


def _model_fields(model, names: list[str], **widgets: forms.Widget) -> dict[str, forms.Field]:
    """The model's form fields, labels and limits (plain forms: the services change the rows)."""
    chosen: dict[str, type[forms.Widget] | forms.Widget] = dict(widgets)
    return forms.fields_for_model(model, fields=names, widgets=chosen)


class SurveyForm(ServiceErrors, forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Auch anbieten in"),
        required=False,
        choices=[(code, label) for code, label in Language.choices if code != BASE_LANGUAGE],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Deutsch ist immer dabei. Die Übersetzungen tragen Sie danach je Sprache ein."),
    )
    closes_at = forms.DateTimeField(
        label=_("Antworten möglich bis"),
        required=False,
        widget=DateTimeInput(),
        input_formats=DATETIME_FORMATS,
        error_messages={"invalid": _("Bitte Datum und Uhrzeit wie 30.06.2026 18:00 eingeben.")},
        help_text=_("Deutsche Zeit. Leer lassen, wenn Sie die Befragung von Hand abschließen."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        own = _model_fields(Survey, ["title", "introduction"], introduction=forms.Textarea(attrs={"rows": 4}))
        self.fields = {**own, **self.fields}


class SectionForm(ServiceErrors, forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields = _model_fields(
            SurveySection, ["title", "description"], description=forms.Textarea(attrs={"rows": 3})
        )


class QuestionForm(ServiceErrors, forms.Form):
    options = forms.CharField(
        label=_("Antwortmöglichkeiten, eine je Zeile"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Bei Auswahl und Skala. Um einen Text zu verbessern, die Zeile an ihrer Stelle ändern; "
            "bei einer Skala leer lassen für die üblichen Stufen."
        ),
    )
    other_last = forms.BooleanField(
        label=_("Die letzte Zeile ist „Sonstiges, nämlich“ mit einem Textfeld"), required=False
    )
    scale = forms.TypedChoiceField(
        label=_("Stufen der Skala"),
        choices=[(4, _("4 Stufen")), (5, _("5 Stufen (mit „teils, teils“)"))],
        coerce=int,
        initial=4,
    )
    agreement = forms.IntegerField(
        label=_("So viele der ersten Stufen zählen als Zustimmung"), min_value=1, max_value=4, initial=2
    )
    condition_question = forms.TypedChoiceField(
        label=_("Nur zeigen, wenn bei Frage …"), required=False, coerce=int, empty_value=None
    )
    condition_options = forms.TypedMultipleChoiceField(
        label=_("… eine dieser Antworten gewählt wurde"), required=False, coerce=int
    )

    def __init__(
        self,
        *args,
        earlier: list[SurveyQuestion],
        code_editable: bool,
        question: SurveyQuestion | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        own = _model_fields(
            SurveyQuestion,
            ["kind", "text", "help_text", "required", "number_min", "number_max", "code"],
            help_text=forms.Textarea(attrs={"rows": 2}),
        )
        self.fields = {**own, **self.fields}
        self.fields["kind"].widget.attrs["data-question-kind"] = ""
        self.earlier = {q.pk: q for q in earlier if q.has_options}
        self.fields["condition_question"].choices = [("", _("– immer zeigen –"))] + [  # type: ignore[attr-defined]
            (q.pk, f"{q.code}: {q.text}") for q in self.earlier.values()
        ]
        self.fields["condition_options"].choices = [  # type: ignore[attr-defined]
            (f"{q.code}: {q.text}", [(o.pk, o.label) for o in q.options.all()]) for q in self.earlier.values()
        ]
        self.fields["condition_question"].widget.attrs["data-condition-question"] = ""
        self.fields["condition_options"].widget.attrs.update({"size": 8, "data-condition-options": ""})
        self.fields["code"].required = False
        self.fields["code"].help_text = _("Name der Frage in Exporten; wird vergeben, wenn leer.")
        self.fields["code"].disabled = not code_editable
        if question is not None:
            self._initial_from(question)

    def _initial_from(self, question: SurveyQuestion) -> None:
        options = list(question.options.all())
        self.initial.update(forms.model_to_dict(question, fields=list(self.fields)))
        self.initial.update(
            options="\n".join(o.label for o in options),
            other_last=bool(options) and options[-1].is_other,
            scale=5 if len(options) == 5 else 4,
            agreement=sum(o.is_agreement for o in options) or 2,
            condition_options=[o.pk for o in question.condition_options.all()],
        )

    def clean_options(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]
        if len(lines) > MAX_OPTIONS:
            raise ValidationError(_("Höchstens %(n)d Antwortmöglichkeiten.") % {"n": MAX_OPTIONS})
        if any(len(line) > MAX_LABEL for line in lines):
            raise ValidationError(_("Eine Zeile ist zu lang (höchstens %(n)d Zeichen).") % {"n": MAX_LABEL})
        return lines

    def clean(self) -> dict:
        data = super().clean() or {}
        kind, lines = data.get("kind"), data.get("options")
        if lines is None or kind is None:
            return data
        if kind == QuestionKind.LIKERT:
            data["option_specs"] = self._likert(lines, data.get("scale") or 4, data.get("agreement") or 2)
        elif kind in QuestionKind.with_options():
            if data.get("other_last") and not lines:
                self.add_error("other_last", _("Dafür braucht es mindestens eine Zeile."))
            specs = [OptionSpec(line) for line in lines]
            if data.get("other_last") and specs:
                specs[-1] = OptionSpec(specs[-1].label, is_other=True)
            data["option_specs"] = specs
        else:
            data["option_specs"] = []
        data["condition_question_row"] = self.earlier.get(data.get("condition_question") or 0)
        options = {o.pk: o for q in self.earlier.values() for o in q.options.all()}
        data["condition_option_rows"] = [
            options[pk] for pk in data.get("condition_options") or [] if pk in options
        ]
        return data

    def service_fields(self) -> dict:
        """The cleaned values as ``builder.question_save`` takes them."""
        data = self.cleaned_data
        return {
            "options": data["option_specs"],
            "condition_question": data["condition_question_row"],
            "condition_options": data["condition_option_rows"],
            **{
                name: data[name]
                for name in ("kind", "text", "help_text", "required", "number_min", "number_max", "code")
            },
        }

    def _likert(self, lines: list[str], scale: int, agreement: int) -> list[OptionSpec]:
        labels = lines or LIKERT_DEFAULTS[scale]
        if len(labels) != scale:
            self.add_error(
                "options", _("Die Skala hat %(n)d Stufen: bitte genau so viele Zeilen.") % {"n": scale}
            )
        if agreement >= len(labels):
            self.add_error("agreement", _("Mindestens eine Stufe muss als Ablehnung zählen."))
        return [OptionSpec(label, is_agreement=index < agreement) for index, label in enumerate(labels)]


class TranslationForm(forms.Form):
    """An input per German text, in the language's writing direction."""

    def __init__(self, *args, texts: list[Text], language: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        attrs = {"lang": language, "dir": "rtl" if language in RIGHT_TO_LEFT else "ltr"}
        name = Language(language).label
        for text in texts:
            # The German text stands above the input (``german-<name>``): read out with it.
            own = attrs | {"aria-describedby": f"german-{text.name}"}
            widget = forms.Textarea(attrs=own | {"rows": 3}) if text.long else forms.TextInput(attrs=own)
            self.fields[text.name] = forms.CharField(
                label=f"{text.label} – {name}",
                required=False,
                max_length=MAX_TEXT,
                initial=text.translation,
                widget=widget,
            )
