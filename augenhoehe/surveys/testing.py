"""A small questionnaire for tests: one question of every kind, a Likert item and a condition."""

from augenhoehe.core.models import Network

from .choices import QuestionKind, SurveyStatus
from .models import Survey, SurveyOption, SurveyQuestion, SurveySection

LIKERT_LABELS = ["trifft voll und ganz zu", "trifft eher zu", "trifft eher nicht zu", "trifft gar nicht zu"]


def survey_sample(*, network: Network, status: str = SurveyStatus.OPEN, **fields) -> Survey:
    """``fields`` (``title``, ``closes_at``, ``languages``…) go to the survey. Call in a scope.

    Questions by code: ``fields`` (multiple, with "other, namely"), ``form`` (single), ``staff``
    (number), ``trust`` (Likert of 4 points, the first two agreement), ``partners`` (single, shown
    only if ``form`` is "eingetragener Verein"), ``wish`` (long text), ``name`` (short text).
    """
    fields.setdefault("title", "Befragung der MSO")
    fields.setdefault("languages", ["ar", "tr"])
    survey = Survey.objects.create(network=network, status=status, **fields)
    common = {"network": network, "survey": survey}
    first = SurveySection.objects.create(**common, position=1, title="Ihre Organisation")
    second = SurveySection.objects.create(
        **common, position=2, title="Zusammenarbeit", translations={"ar": {"title": "التعاون"}}
    )

    def question(section, position, code, kind, text, options=(), **more):
        q = SurveyQuestion.objects.create(
            **common, section=section, position=position, code=code, kind=kind, text=text, **more
        )
        for index, option in enumerate(options, start=1):
            label, *flags = option if isinstance(option, tuple) else (option,)
            SurveyOption.objects.create(
                network=network,
                question=q,
                position=index,
                label=label,
                is_other="other" in flags,
                is_agreement="agree" in flags,
            )
        return q

    question(
        first,
        1,
        "fields",
        QuestionKind.MULTIPLE,
        "In welchen Feldern sind Sie tätig?",
        ["Bildung", "Kultur", "Sport", ("Sonstiges, nämlich", "other")],
        required=True,
        translations={
            "ar": {"text": "في أي مجالات تعملون؟"},
            "tr": {"text": "Hangi alanlarda çalışıyorsunuz?"},
        },
    )
    form = question(
        first,
        2,
        "form",
        QuestionKind.SINGLE,
        "Welche Rechtsform hat Ihre Organisation?",
        ["eingetragener Verein", "Initiative ohne Rechtsform", "andere"],
        required=True,
    )
    question(first, 3, "staff", QuestionKind.NUMBER, "Wie viele Hauptamtliche?", number_min=0)
    question(
        second,
        1,
        "trust",
        QuestionKind.LIKERT,
        "Die Kommune nimmt uns ernst.",
        [(LIKERT_LABELS[0], "agree"), (LIKERT_LABELS[1], "agree"), LIKERT_LABELS[2], LIKERT_LABELS[3]],
    )
    partners = question(
        second,
        2,
        "partners",
        QuestionKind.SINGLE,
        "Arbeiten Sie als Verein mit dem Jugendamt zusammen?",
        ["ja", "nein"],
        condition_question=form,
    )
    partners.condition_options.set([form.options.get(position=1)])
    question(second, 3, "wish", QuestionKind.LONG_TEXT, "Was wünschen Sie sich?")
    question(second, 4, "name", QuestionKind.SHORT_TEXT, "Name der Person, die ausfüllt")
    return survey
