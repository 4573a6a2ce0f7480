"""The organisation's pages behind its personal link (no account): one section per page, saved as it
goes (htmx on each change, and every button), submitted on the last page.

Decisions:
- The link is the authorisation, so there is no CSRF token (as for the check-ins): a phone's in-app
  browser that drops cookies would otherwise lose the answers; a page elsewhere cannot know the link.
- The questionnaire's language is the one chosen on the page (``?lang=``), else the one last used
  (kept with the response, so another device opens in it), else the invitation's. The page around
  it is in that language where the site has it, else in German; every questionnaire text whose
  language differs from the page's carries its own ``lang`` and ``dir``.
- Questions whose condition is on the same page are rendered, hidden while it does not hold, so
  that a small script shows them live; without the script, "Weiter" stays on the page when a
  question appeared, so that it can be answered.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.languages import Language
from augenhoehe.core.typing import NetworkRequest

from . import answering, distribution
from .answer_forms import SectionForm, field_name, initial_for
from .choices import QuestionKind
from .models import BASE_LANGUAGE, Survey, SurveyInvitation, SurveyQuestion, SurveyResponse

WITHDRAWN = _lazy(
    "Ihre Antworten gelten nicht mehr als abgeschickt, weil Pflichtantworten fehlen. "
    "Bitte ergänzen Sie sie und senden Sie erneut ab."
)
# Written right to left; Django's language table knows most, not all of the directory's languages.
RIGHT_TO_LEFT = {"ar", "fa", "prs", "ps", "ckb", "ur", "he"}


def direction(language: str) -> str:
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"


def _offered(survey: Survey) -> list[str]:
    return [BASE_LANGUAGE, *(code for code in survey.languages if code != BASE_LANGUAGE)]


def _language(request: NetworkRequest, survey: Survey, *remembered: str) -> str:
    offered = _offered(survey)
    asked = request.POST.get("lang") or request.GET.get("lang") or ""
    return next((code for code in (asked, *remembered) if code in offered), BASE_LANGUAGE)


def _chrome(language: str) -> str:
    return language if language in dict(settings.LANGUAGES) else BASE_LANGUAGE


def _language_name(code: str) -> str:
    try:
        return translation.get_language_info(code)["name_local"]
    except KeyError:
        with translation.override(BASE_LANGUAGE):
            return str(Language(code).label) if code in Language.values else code


def _public(request: NetworkRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    return render(request, f"surveys/answer/{template}", context, status=status)


def _url(token: str, **params) -> str:
    return reverse("surveys:answer", kwargs={"token": token}) + "?" + urlencode(params)


def _invitation(token: str) -> SurveyInvitation | None:
    try:
        return distribution.invitation_for_token(token=token)
    except Http404:
        return None


def _describe(bound, *, help_text: bool, error: bool) -> None:
    """Tie a number's or text's message, help and bounds to its input (``aria-describedby``)."""
    question = bound.form.questions_by_name[bound.name]
    bounded = question.number_min is not None or question.number_max is not None
    parts = [
        ("error", error or bool(bound.errors)),
        ("helptext", help_text),
        ("bounds", question.kind == QuestionKind.NUMBER and bounded),
    ]
    described = " ".join(f"{bound.auto_id}_{suffix}" for suffix, present in parts if present)
    if described:
        bound.field.widget.attrs["aria-describedby"] = described


class Page:
    """What the section page shows: the questions with their texts in the chosen language."""

    def __init__(self, *, questionnaire, number: int, answers, language: str) -> None:
        self.questionnaire = questionnaire
        self.count = len(questionnaire.sections)
        self.number = min(max(number, 1), max(self.count, 1))
        self.section = questionnaire.sections[self.number - 1] if self.count else None
        self.language = language
        self.visible = questionnaire.visible(answers)
        on_page = questionnaire.section_questions(self.section) if self.section else []
        shown: list[SurveyQuestion] = []
        for question in on_page:
            if question.pk in self.visible or question.condition_question_id in {q.pk for q in shown}:
                shown.append(question)
        self.questions = shown

    def text(self, row, field_name_: str) -> dict:
        text, language = row.translated(field_name_, self.language)
        return {"text": text, "lang": language, "dir": direction(language)}

    def items(self, form: SectionForm, missing: dict[int, str]) -> list[dict]:
        ids = {q.pk for q in self.questions}
        items = []
        for question in self.questions:
            name = field_name(question)
            bound = form[name]
            options = list(question.options.all())
            condition = question.condition_question_id if question.condition_question_id in ids else None
            help_text = self.text(question, "help_text")
            if not question.has_options:
                _describe(bound, help_text=bool(help_text["text"]), error=bool(missing.get(question.pk)))
            items.append(
                {
                    "question": question,
                    "field": bound,
                    "other": form[f"{name}_other"] if f"{name}_other" in form.fields else None,
                    "text": self.text(question, "text"),
                    "help": help_text,
                    "choices": [
                        {"widget": widget, "option": option, "label": self.text(option, "label")}
                        for widget, option in zip(bound, options, strict=False)
                    ]
                    if question.has_options
                    else [],
                    "hidden": question.pk not in self.visible,
                    "condition_field": f"q{condition}" if condition else "",
                    "condition_options": " ".join(str(o.pk) for o in question.condition_options.all()),
                    "missing": missing.get(question.pk, ""),
                }
            )
        return items


def _context(invitation, response, page: Page, form: SectionForm, token: str, missing: dict[int, str]):
    survey = invitation.survey
    elsewhere = [
        {
            "number": number,
            "title": page.text(section, "title"),
            "questions": [
                page.text(q, "text") for q in page.questionnaire.section_questions(section) if q.pk in missing
            ],
        }
        for number, section in enumerate(page.questionnaire.sections, start=1)
        if number != page.number
    ]
    return {
        "token": token,
        "survey": survey,
        "organisation": invitation.organisation.name,
        "response": response,
        "title": page.text(survey, "title"),
        "introduction": page.text(survey, "introduction"),
        "page": page,
        "section_title": page.text(page.section, "title") if page.section else None,
        "section_description": page.text(page.section, "description") if page.section else None,
        "form": form,
        "items": page.items(form, missing),
        "missing_elsewhere": [s for s in elsewhere if s["questions"]],
        "languages": [(code, _language_name(code), direction(code)) for code in _offered(survey)],
        "language": page.language,
        "is_last": page.number >= page.count,
    }


def _section_number(request: NetworkRequest) -> int:
    raw = request.POST.get("section") or request.GET.get("section") or "1"
    # ``isdigit`` alone takes "²", which ``int`` refuses.
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 4 else 1


def _after_save(
    request, *, token, page: Page, response, before: set[int], action: str
) -> HttpResponse | None:
    """Where a saved page leads: back, on, or the thanks; ``None`` to show the page again."""
    answers = answering.answers_of(response=response)
    missing = answering.missing(questionnaire=page.questionnaire, answers=answers)
    after = page.questionnaire.visible(answers)
    appeared = [q for q in page.questions if q.pk in after and q.pk not in before and q.pk not in answers]
    language = page.language
    if action == "back":
        return redirect(_url(token, lang=language, section=page.number - 1))
    if action == "next":
        if appeared:
            messages.info(request, _("Nach Ihrer Antwort gibt es hier eine weitere Frage."))
            return redirect(_url(token, lang=language, section=page.number))
        if any(q.pk in missing for q in page.questions):
            messages.warning(
                request,
                _("Im vorigen Abschnitt fehlen noch Antworten. Sie können sie vor dem Absenden ergänzen."),
            )
        return redirect(_url(token, lang=language, section=page.number + 1))
    if action == "submit":
        try:
            answering.response_submit(response=response, questionnaire=page.questionnaire)
        except ValidationError:
            return None
        return redirect(
            reverse("surveys:answer_thanks", kwargs={"token": token}) + "?" + urlencode({"lang": language})
        )
    return redirect(_url(token, lang=language, section=page.number))


def _autosave(request: NetworkRequest, *, response, page: Page, form: SectionForm) -> HttpResponse:
    """A change saved by htmx: the questions whose input is fine are saved, the others named in the
    status (always a 200, so that htmx shows it); input no honest page sends saves nothing."""
    if form.non_field_errors():
        return _public(request, "_status.html", {"refused": True})
    unsaved = form.invalid_questions()
    saved = [q for q in page.questions if q not in unsaved]
    withdrawn = answering.section_save(
        response=response,
        questionnaire=page.questionnaire,
        questions=saved,
        values=form.values(saved),
        language=page.language,
    )
    context = {
        "unsaved": [page.text(q, "text") for q in unsaved],
        "withdrawn": WITHDRAWN if withdrawn else "",
    }
    return _public(request, "_status.html", context)


def _answer(request: NetworkRequest, invitation: SurveyInvitation, token: str) -> HttpResponse:
    if request.method == "POST":
        response = answering.response_open(invitation=invitation)
    else:
        # Reading creates nothing: a link scanner's visit must not count as "started".
        response = answering.response_find(invitation=invitation) or SurveyResponse(
            survey=invitation.survey, organisation=invitation.organisation, language=invitation.language
        )
    survey = invitation.survey
    language = _language(request, survey, response.language, invitation.language)
    with translation.override(_chrome(language)):
        return _section(request, invitation, token, response, language)


def _section(request: NetworkRequest, invitation, token: str, response, language: str) -> HttpResponse:
    survey = invitation.survey
    questionnaire = answering.questionnaire_load(survey=survey)
    answers = answering.answers_of(response=response)
    page = Page(
        questionnaire=questionnaire, number=_section_number(request), answers=answers, language=language
    )
    missing: dict[int, str] = {}
    if request.method == "POST":
        form = SectionForm(request.POST, questions=page.questions, language=language)
        action = request.POST.get("action", "save")
        valid = form.is_valid()
        if request.htmx:
            return _autosave(request, response=response, page=page, form=form)
        if valid:
            if answering.section_save(
                response=response,
                questionnaire=questionnaire,
                questions=page.questions,
                values=form.values(),
                language=language,
            ):
                messages.warning(request, WITHDRAWN)
            done = _after_save(
                request, token=token, page=page, response=response, before=page.visible, action=action
            )
            if done is not None:
                return done
            answers = answering.answers_of(response=response)
            missing = answering.missing(questionnaire=questionnaire, answers=answers)
            page = Page(questionnaire=questionnaire, number=page.number, answers=answers, language=language)
            form = SectionForm(
                initial=initial_for(page.questions, answers), questions=page.questions, language=language
            )
    else:
        form = SectionForm(
            initial=initial_for(page.questions, answers), questions=page.questions, language=language
        )
    status = 400 if form.errors or missing else 200
    return _public(
        request, "section.html", _context(invitation, response, page, form, token, missing), status=status
    )


def _open(request: NetworkRequest, token: str, view) -> HttpResponse:
    """The invitation the link names, in its network's scope, if the survey still takes answers."""
    invitation = _invitation(token)
    if invitation is None:
        with translation.override(_chrome(request.GET.get("lang", BASE_LANGUAGE))):
            return _public(request, "invalid.html", {}, status=404)
    with network_scope(invitation.network):
        survey = invitation.survey
        if not survey.is_open_at():
            language = _language(request, survey, invitation.language)
            context = {
                "title": survey.translated("title", language)[0],
                "organisation": invitation.organisation.name,
            }
            with translation.override(_chrome(language)):
                return _public(request, "closed.html", context)
        return view(request, invitation, token)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: NetworkRequest, token: str) -> HttpResponse:
    """One section of the questionnaire: read, save, go back or on, submit."""
    return _open(request, token, _answer)


def _thanks(request: NetworkRequest, invitation: SurveyInvitation, token: str) -> HttpResponse:
    response = answering.response_find(invitation=invitation)
    if response is None or response.submitted_at is None:
        return redirect(_url(token))
    language = _language(request, invitation.survey, response.language)
    context = {
        "token": token,
        "title": invitation.survey.translated("title", language)[0],
        "closes_at": invitation.survey.closes_at,
        "language": language,
    }
    with translation.override(_chrome(language)):
        return _public(request, "thanks.html", context)


@never_cache
@require_http_methods(["GET", "HEAD"])
def answer_thanks(request: NetworkRequest, token: str) -> HttpResponse:
    """After submitting: thanks, and how to correct the answers until the closing date."""
    return _open(request, token, _thanks)
