"""The translation page's texts and their saving: every German text of a survey beside its
translation into one offered language.

Decisions: the page has one input per distinct German text: the 29 Likert items' four scale
points are four inputs, not 116, and saving one writes it to every row with that German text. A
text is named on the page by its first place, ``<kind>-<pk>-<field>`` (kind ``survey``,
``section``, ``question``, ``option``), so one plain form holds them all. Saving writes only the
texts the page named and that belong to this survey (a tampered name is ignored); an empty input
removes the translation, and the respondent then reads the German text (``Translated.translated``).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from augenhoehe.core.services import log_action

from .models import Survey, Translated

# Languages written right to left (of ``augenhoehe.core.languages.Language``).
RIGHT_TO_LEFT = frozenset({"ar", "fa", "prs", "ps", "ur", "he", "ckb"})
# Far above any real translation of the longest field (an introduction), far below a flood.
MAX_TEXT = 5000


@dataclass(frozen=True)
class Text:
    """One distinct German text of the survey, its translation into the page's language, and the
    places it stands (``(kind, pk, field)``; the first gives ``name``)."""

    name: str
    label: str
    german: str
    translation: str
    long: bool
    places: tuple[tuple[str, int, str], ...]


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
    """The survey's distinct German texts that are not empty, in order of first appearance, with
    their translation into ``language`` (the first place's that has one)."""
    found: dict[str, list[tuple[str, str, Translated, str]]] = {}
    for kind, label, row in _rows(survey):
        for field in row.TRANSLATABLE:
            if german := getattr(row, field):
                found.setdefault(german, []).append((kind, label, row, field))
    texts = []
    for german, places in found.items():
        kind, label, row, field = places[0]
        label = f"{label} · {getattr(row._meta.get_field(field), 'verbose_name', field)}"
        if len(places) > 1:
            more = len(places) - 1
            label = ngettext(
                "%(label)s (und %(n)d weitere Stelle)", "%(label)s (und %(n)d weitere Stellen)", more
            ) % {"label": label, "n": more}
        translations = ((r.translations.get(language) or {}).get(f, "") for _k, _l, r, f in places)
        texts.append(
            Text(
                name=f"{kind}-{row.pk}-{field}",
                label=label,
                german=german,
                translation=next((text for text in translations if text), ""),
                long=field in ("introduction", "description", "help_text"),
                places=tuple((k, r.pk, f) for k, _l, r, f in places),
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
    given = {
        place: texts[text.name].strip()
        for text in survey_texts(survey=survey, language=language)
        if text.name in texts
        for place in text.places
    }
    changed = 0
    for kind, _label, row in _rows(survey):
        before = dict(row.translations.get(language) or {})
        after = dict(before)
        for field in row.TRANSLATABLE:
            if (kind, row.pk, field) in given:
                after[field] = given[kind, row.pk, field]
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
