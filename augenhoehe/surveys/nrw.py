"""The questionnaire of the NRW study (Klie 2022: 257 MSOs in nine cities, 2018) as a template.

The data live in ``data/nrw_2018.json``: every text as ``[German, Turkish, Arabic]``. The seed
document prints the study's chart headings and counts (21 fields of activity asked as Likert
items, "trifft voll und ganz zu" and "trifft eher zu" counted as agreement; 17 activities for
refugees; funding sources, cooperation partners (n = 196, those who cooperate), difficulties in
cooperations, a self-assessment), not the charts' items; the items here rebuild them in plain
words (docs/surveys.md). "Sonstiges, nämlich" closes the open lists (funding, partners,
difficulties). The last section, "Angaben zu Ihrer Organisation" (paid staff, volunteers, a
wish to the municipality), is an addition of ours: the document does not report such questions.
Options the document does not name are left out, above all answers that exclude the others
("Keine Schwierigkeiten") in a multiple choice, where they could be ticked beside their opposite.

A template is applied through the builder's services, so its survey is a draft like any other
and every row is audited the same way.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from augenhoehe.core.models import Network

from . import builder
from .builder import OptionSpec
from .models import Survey, SurveyQuestion, SurveySection, Translated

DATA = Path(__file__).parent / "data"
# Template key → (file, name on the page).
TEMPLATES = {"nrw-2018": ("nrw_2018.json", gettext_lazy("NRW-Studie"))}
# The order of the languages in each text's list after German.
TRANSLATED = ("tr", "ar")
AGREEMENT_POINTS = 2


@cache
def template_data(template: str) -> dict[str, Any]:
    """The template's questionnaire as shipped (read once)."""
    if template not in TEMPLATES:
        raise ValidationError(_("Diese Vorlage gibt es nicht."))
    with (DATA / TEMPLATES[template][0]).open(encoding="utf-8") as file:
        return json.load(file)


def _translate(row: Translated, **texts: list[str]) -> None:
    """Store the Turkish and Arabic versions of ``texts`` (field → [de, tr, ar]) on ``row``."""
    row.translations = {
        language: {field: versions[index] for field, versions in texts.items() if versions[index]}
        for index, language in enumerate(TRANSLATED, start=1)
    }
    row.save(update_fields=["translations"])


def _question(section: SurveySection, actor, spec: dict, data: dict, earlier: dict) -> SurveyQuestion:
    kind = spec["kind"]
    options = data[spec["options"]] if isinstance(spec.get("options"), str) else spec.get("options", [])
    options = list(options) + ([data["other"]] if spec.get("other") else [])
    specs = [
        OptionSpec(label=o[0], is_other=spec.get("other", False) and o is data["other"]) for o in options
    ]
    condition, condition_options = None, []
    if "condition" in spec:
        key, position = spec["condition"]
        condition = earlier[key]
        condition_options = [condition.options.order_by("position")[position]]
    text, help_text = spec["text"], spec.get("help_text", ["", "", ""])
    question = builder.question_save(
        section=section,
        actor=actor,
        options=specs,
        condition_question=condition,
        condition_options=condition_options,
        kind=kind,
        text=text[0],
        help_text=help_text[0],
        required=spec.get("required", False),
        number_min=spec.get("number_min"),
        number_max=spec.get("number_max"),
    )
    _translate(question, text=text, help_text=help_text)
    for option, versions in zip(question.options.order_by("position"), options, strict=True):
        _translate(option, label=versions)
    return question


def _likert_items(section: SurveySection, actor, items: list, data: dict) -> None:
    scale = [
        OptionSpec(label=labels[0], is_agreement=index < AGREEMENT_POINTS)
        for index, labels in enumerate(data["likert"])
    ]
    for text in items:
        question = builder.question_save(
            section=section, actor=actor, options=scale, kind="likert", text=text[0], help_text=""
        )
        _translate(question, text=text)
        for option, versions in zip(question.options.order_by("position"), data["likert"], strict=True):
            _translate(option, label=versions)


@transaction.atomic
def survey_create_from_template(*, network: Network, actor, template: str) -> Survey:
    """A new draft survey of ``network`` holding the template's questions, in German, Turkish and
    Arabic."""
    data = template_data(template)
    survey = builder.survey_create(
        network=network,
        actor=actor,
        title=data["title"][0],
        introduction=data["introduction"][0],
        languages=TRANSLATED,
        template=template,
    )
    _translate(survey, title=data["title"], introduction=data["introduction"])
    earlier: dict[str, SurveyQuestion] = {}
    for spec in data["sections"]:
        section = builder.section_create(
            survey=survey, actor=actor, title=spec["title"][0], description=spec["description"][0]
        )
        _translate(section, title=spec["title"], description=spec["description"])
        for question in spec["questions"]:
            if question["kind"] == "likert":
                _likert_items(section, actor, question["items"], data)
            else:
                made = _question(section, actor, question, data, earlier)
                if "key" in question:
                    earlier[question["key"]] = made
    return survey
