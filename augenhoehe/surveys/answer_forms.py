"""The form of one section of a questionnaire, in the respondent's language.

Every field is optional here: required questions are checked on submitting (``answering.missing``),
so that a half-answered page can still be saved as it goes. What the form refuses is input no
honest page sends: an option of another question, more choices than there are options, a number
out of bounds or a text over its length, a field for a question not on this page. Then nothing is
stored and the message stands next to the question.

Numbers are read as Germans write them: "1.234" is a thousand and more, "3,5" three and a half.
"""

import re
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from .answering import AnswerValue
from .choices import QuestionKind
from .models import SurveyQuestion

SHORT_TEXT_LENGTH = 200
LONG_TEXT_LENGTH = 5000
OTHER_TEXT_LENGTH = 200
FIELD_NAME = re.compile(r"^q(\d+)(_other)?$")
THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")


def field_name(question: SurveyQuestion) -> str:
    return f"q{question.pk}"


class GermanDecimalField(forms.DecimalField):
    """A number as written in German: thousands with dots, decimals with a comma (a lone dot is a
    decimal point, as phones offer it)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("\u00a0", "")
            if THOUSANDS.match(value):
                value = value.replace(".", "")
            value = value.replace(",", ".")
        return super().to_python(value)


def german_number(value: Decimal | None) -> str:
    """``value`` as the respondent typed it: no trailing zeros, a decimal comma."""
    return "" if value is None else f"{value.normalize():f}".replace(".", ",")


def _number_field(question: SurveyQuestion) -> forms.Field:
    validators: list = []
    if question.number_min is not None:
        validators.append(MinValueValidator(question.number_min))
    if question.number_max is not None:
        validators.append(MaxValueValidator(question.number_max))
    return GermanDecimalField(
        required=False,
        max_digits=12,
        decimal_places=2,
        validators=validators,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def _field(question: SurveyQuestion, language: str) -> forms.Field:
    choices = [(str(o.pk), o.translated("label", language)[0]) for o in question.options.all()]
    if question.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
        return forms.ChoiceField(required=False, choices=choices, widget=forms.RadioSelect)
    if question.kind == QuestionKind.MULTIPLE:
        return BoundedMultipleChoiceField(
            required=False, choices=choices, widget=forms.CheckboxSelectMultiple
        )
    if question.kind == QuestionKind.NUMBER:
        return _number_field(question)
    if question.kind == QuestionKind.SHORT_TEXT:
        return forms.CharField(required=False, max_length=SHORT_TEXT_LENGTH)
    return forms.CharField(
        required=False, max_length=LONG_TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )


class BoundedMultipleChoiceField(forms.MultipleChoiceField):
    """Check boxes: no more values than there are options (no honest page sends duplicates)."""

    def __init__(self, *, choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(choices=choices, **kwargs)
        self.most = len(choices)

    def validate(self, value) -> None:
        if len(value) > self.most:
            raise forms.ValidationError(
                _("Mehr Antworten gewählt, als es Möglichkeiten gibt. Es wurde nichts gespeichert."),
                code="too_many",
            )
        super().validate(value)


class SectionForm(forms.Form):
    """The questions of one section (those ``questions`` lists, in order)."""

    def __init__(self, *args, questions: list[SurveyQuestion], language: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.questions_by_name = {field_name(q): q for q in questions}
        for question in questions:
            self.fields[field_name(question)] = _field(question, language)
            if any(o.is_other for o in question.options.all()):
                self.fields[f"{field_name(question)}_other"] = forms.CharField(
                    required=False, max_length=OTHER_TEXT_LENGTH
                )

    def clean(self):
        data = super().clean()
        foreign = [key for key in self.data if FIELD_NAME.match(key) and key not in self.fields]
        if foreign:
            raise forms.ValidationError(
                _(
                    "Diese Antworten gehören nicht zu diesem Teil des Fragebogens. Es wurde nichts gespeichert."
                )
            )
        return data

    def invalid_questions(self) -> list[SurveyQuestion]:
        """The questions whose input was refused (after ``is_valid``)."""
        return [
            q
            for q in self.questions
            if field_name(q) in self.errors or f"{field_name(q)}_other" in self.errors
        ]

    def values(self, questions: list[SurveyQuestion] | None = None) -> dict[int, list[AnswerValue]]:
        """The answers given to ``questions`` (all the form's by default), by question id (an empty
        list: the question was left empty)."""
        data = self.cleaned_data
        values: dict[int, list[AnswerValue]] = {}
        for question in self.questions if questions is None else questions:
            given = data.get(field_name(question))
            other = data.get(f"{field_name(question)}_other", "")
            if question.has_options:
                chosen = given if isinstance(given, list) else [given] if given else []
                values[question.pk] = [
                    AnswerValue(option=int(pk), text=other) for pk in dict.fromkeys(chosen)
                ]
            elif question.kind == QuestionKind.NUMBER:
                values[question.pk] = [AnswerValue(number=given)] if given is not None else []
            else:
                values[question.pk] = [AnswerValue(text=given)] if given else []
        return values


def initial_for(questions: list[SurveyQuestion], answers: dict[int, list[AnswerValue]]) -> dict:
    """The form's initial values from the stored answers."""
    initial: dict = {}
    for question in questions:
        stored = answers.get(question.pk, [])
        name = field_name(question)
        if question.kind == QuestionKind.MULTIPLE:
            initial[name] = [str(v.option) for v in stored]
        elif question.has_options:
            initial[name] = str(stored[0].option) if stored else None
        elif question.kind == QuestionKind.NUMBER:
            initial[name] = german_number(stored[0].number) if stored else ""
        else:
            initial[name] = stored[0].text if stored else ""
        other = next((v.text for v in stored if v.text), "")
        if other:
            initial[f"{name}_other"] = other
    return initial
