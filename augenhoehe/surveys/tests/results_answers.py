"""Twelve organisations' hand-made answers to the sample survey, for the results' tests.

Every expected figure can be counted by hand from ``ANSWERS``; the tests spell them out.
Responses carry no organisation (as after a deletion) except where a test adds some; ``kind``
is the profile attribute crossed by. A thirteenth response, not submitted, must count nowhere.
"""

from decimal import Decimal

from django.utils import timezone

from augenhoehe.surveys.answering import mark_first
from augenhoehe.surveys.models import Survey, SurveyAnswer, SurveyResponse

# Per response: kind, fields (multiple; "Sonstiges" with its text), form (single), partners
# (shown only for "eingetragener Verein"), trust (Likert position), staff (number), wish (text).
ANSWERS = [
    ("cultural", ["Bildung", "Kultur"], "eingetragener Verein", "ja", 1, 0, "Mehr Räume"),
    ("cultural", ["Bildung"], "eingetragener Verein", "ja", 1, 0, ""),
    ("cultural", ["Bildung", "Sport"], "eingetragener Verein", "ja", 1, 1, ""),
    (
        "cultural",
        ["Bildung", "Kultur", ("Sonstiges, nämlich", "Theater")],
        "eingetragener Verein",
        "ja",
        2,
        2,
        "",
    ),
    ("cultural", ["Bildung"], "eingetragener Verein", "ja", 2, 2, "=HYPERLINK(1)"),
    ("cultural", ["Bildung", "Kultur"], "eingetragener Verein", "nein", 2, 3, ""),
    ("religious", ["Kultur"], "eingetragener Verein", None, 2, 5, ""),
    ("religious", ["Sport"], "eingetragener Verein", None, 2, 8, "Geld"),
    (
        "religious",
        ["Sport", ("Sonstiges, nämlich", "Nähkurs")],
        "Initiative ohne Rechtsform",
        None,
        3,
        10,
        "",
    ),
    ("religious", ["Bildung"], "Initiative ohne Rechtsform", None, 3, 1, ""),
    ("political", ["Kultur"], "andere", None, 4, None, ""),
    ("political", [], None, None, 4, None, ""),
]


def answer(survey: Survey, *, kind: str, fields, form, partners, trust, staff, wish, submitted=True, **more):
    """One response with the given answers (call in the survey's network scope)."""
    network = survey.network
    response = SurveyResponse.objects.create(
        network=network, survey=survey, kind=kind, submitted_at=timezone.now() if submitted else None, **more
    )
    questions = {q.code: q for q in survey.questions.prefetch_related("options")}
    rows = []

    def choose(code, label, text=""):
        option = next(o for o in questions[code].options.all() if o.label == label)
        rows.append(
            SurveyAnswer(
                network=network, response=response, question=questions[code], option=option, text=text
            )
        )

    for field in fields:
        label, text = field if isinstance(field, tuple) else (field, "")
        choose("fields", label, text)
    if form:
        choose("form", form)
    if partners:
        choose("partners", partners)
    choose("trust", questions["trust"].options.all()[trust - 1].label)
    if staff is not None:
        rows.append(
            SurveyAnswer(
                network=network, response=response, question=questions["staff"], number=Decimal(staff)
            )
        )
    if wish:
        rows.append(SurveyAnswer(network=network, response=response, question=questions["wish"], text=wish))
    mark_first(rows)
    SurveyAnswer.objects.bulk_create(rows)
    return response


def answer_all(survey: Survey) -> list[SurveyResponse]:
    """The twelve submitted responses of ``ANSWERS`` and one that was not submitted."""
    responses = [
        answer(survey, kind=kind, fields=f, form=form, partners=p, trust=t, staff=s, wish=w)
        for kind, f, form, p, t, s, w in ANSWERS
    ]
    answer(
        survey,
        kind="cultural",
        fields=["Sport"],
        form="andere",
        partners=None,
        trust=4,
        staff=99,
        wish="",
        submitted=False,
    )
    return responses
