"""The translation page's texts and their saving: every German text of a survey beside its
translation into one offered language.

Decisions: a text is named on the page by ``<kind>-<pk>-<field>`` (kind ``survey``, ``section``,
``question``, ``option``), so one plain form holds them all. Saving writes only the texts the page
named and that belong to this survey (a tampered name is ignored); an empty input removes the
translation, and the respondent then reads the German text (``Translated.translated``).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from augenhoehe.core.services import log_action

from .models import Survey, Translated

# Languages written right to left (of ``augenhoehe.core.languages.Language``).
RIGHT_TO_LEFT = frozenset({"ar", "fa", "prs", "ps", "ur", "he", "ckb"})
# Far above any real translation of the longest field (an introduction), far below a flood.
MAX_TEXT = 5000


@dataclass(frozen=True)
class Text:
    """One German text of the survey and its translation into the page's language."""

    name: str
    label: str
    german: str
    translation: str
    long: bool


def _rows(survey: Survey) -> list[tuple[str, str, Translated]]:
    """(kind, label, row) for every translatable row of the survey, in the questionnaire's order."""
    rows: list[tuple[str, str, Translated]] = [("survey", _("Befragung"), survey)]
    sections = survey.sections.order_by("position").prefetch_related("questions__options")
    for section in sections:
        rows.append(("section", _("Abschnitt %(n)d") % {"n": section.position}, section))
        for question in section.questions.all():
            rows.append(("question", question.code, question))
            rows += [
                ("option", f"{question.code} · {option.position}", option)
                for option in question.options.all()
            ]
    return rows


def survey_texts(*, survey: Survey, language: str) -> list[Text]:
    """The survey's German texts that are not empty, with their translation into ``language``."""
    texts = []
    for kind, label, row in _rows(survey):
        for field in row.TRANSLATABLE:
            german = getattr(row, field)
            if german:
                texts.append(
                    Text(
                        name=f"{kind}-{row.pk}-{field}",
                        label=f"{label} · {getattr(row._meta.get_field(field), 'verbose_name', field)}",
                        german=german,
                        translation=(row.translations.get(language) or {}).get(field, ""),
                        long=field in ("introduction", "description", "help_text"),
                    )
                )
    return texts


@transaction.atomic
def survey_translations_save(*, survey: Survey, actor, language: str, texts: dict[str, str]) -> int:
    """Store the translations into ``language`` given by name (``Text.name``); return how many changed."""
    if language not in survey.languages:
        raise ValidationError(_("Diese Sprache bietet die Befragung nicht an."))
    if any(len(text) > MAX_TEXT for text in texts.values()):
        raise ValidationError(_("Ein Text ist zu lang (höchstens %(n)d Zeichen).") % {"n": MAX_TEXT})
    changed = 0
    for kind, _label, row in _rows(survey):
        before = dict(row.translations.get(language) or {})
        after = dict(before)
        for field in row.TRANSLATABLE:
            name = f"{kind}-{row.pk}-{field}"
            if name in texts:
                after[field] = texts[name].strip()
        after = {field: text for field, text in after.items() if text}
        if after != before:
            row.translations = (
                {**row.translations, language: after}
                if after
                else {code: value for code, value in row.translations.items() if code != language}
            )
            row.save(update_fields=["translations"])
            changed += 1
    log_action(
        subject=survey,
        action="surveys.translations.changed",
        actor=actor,
        network=survey.network,
        data={"language": language, "rows": changed},
    )
    return changed
