"""The questionnaire builder's pages, for a network's staff (``surveys.manage_survey``).

Forms post to their own page and answer 400 with the messages at their fields; the single actions
(move, delete, open, close) are small POST views that go back to the overview with a message, the
refusal of a service (a frozen structure, a condition that would point forward) included.
"""

from collections.abc import Callable
from functools import reduce

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from augenhoehe.core.languages import Language
from augenhoehe.core.typing import NetworkRequest

from . import builder, nrw
from . import builder_selectors as selectors
from .builder_forms import QuestionForm, SectionForm, SurveyForm, TranslationForm
from .builder_translations import RIGHT_TO_LEFT, survey_texts, survey_translations_save
from .choices import SurveyStatus
from .models import Survey

MOVES = (builder.UP, builder.DOWN)


def _form_page(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    return render(request, f"surveys/builder/{template}", context, status=status)


@login_required
@require_http_methods(["GET"])
def survey_list(request: NetworkRequest) -> HttpResponse:
    """The network's surveys with their state, closing date and counts."""
    surveys = selectors.survey_list(viewer=request.user, network=request.network)
    return render(request, "surveys/list.html", {"surveys": surveys, "templates": nrw.TEMPLATES})


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request: NetworkRequest) -> HttpResponse:
    """A new, empty draft."""
    network = selectors.network_for_builder(user=request.user, network=request.network)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = builder.survey_create(network=network, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, _("Die Befragung ist angelegt. Jetzt Abschnitte und Fragen hinzufügen.")
            )
            return redirect(survey)
    status = 400 if form.is_bound else 200
    return _form_page(request, "survey_form.html", {"form": form, "survey": None}, status)


@login_required
@require_POST
def survey_from_template(request: NetworkRequest) -> HttpResponse:
    """A new draft holding a shipped template's questionnaire."""
    network = selectors.network_for_builder(user=request.user, network=request.network)
    template = request.POST.get("template", "")
    if template not in nrw.TEMPLATES:
        raise Http404
    survey = nrw.survey_create_from_template(network=network, actor=request.user, template=template)
    messages.success(
        request, _("Die Befragung ist aus der Vorlage angelegt. Prüfen und anpassen, dann starten.")
    )
    return redirect(survey)


def _either(labels: list[str]) -> SafeString:
    """„a“ oder „b“ in the page's language, each German label marked as German."""
    quoted = [
        format_html(_("„{answer}“"), answer=format_html('<bdi lang="de">{}</bdi>', label)) for label in labels
    ]
    return reduce(lambda one, other: format_html(_("{one} oder {other}"), one=one, other=other), quoted)


def _outline(survey: Survey) -> list:
    """The survey's outline with each conditional question's answers in words (``condition_answers``)."""
    sections = selectors.survey_outline(survey=survey)
    for section in sections:
        for question in section.questions.all():
            labels = [option.label for option in question.condition_options.all()]
            question.condition_answers = _either(labels) if labels else ""  # type: ignore[attr-defined]
    return sections


@login_required
@require_http_methods(["GET"])
def survey_detail(request: NetworkRequest, pk: int) -> HttpResponse:
    """The builder's overview: sections with their questions in order, and what can be done."""
    survey = selectors.survey_get_for_user(user=request.user, network=request.network, pk=pk)
    context = {
        "survey": survey,
        "sections": _outline(survey),
        "frozen": builder.survey_is_frozen(survey=survey),
        "problems": builder.survey_open_problems(survey=survey)
        if survey.status == SurveyStatus.DRAFT
        else [],
        "languages": [(code, Language(code).label) for code in survey.languages],
    }
    return render(request, "surveys/builder/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: NetworkRequest, pk: int) -> HttpResponse:
    """The survey's settings: title, introduction, languages, closing date."""
    survey = selectors.survey_get_for_user(user=request.user, network=request.network, pk=pk)
    initial = {name: getattr(survey, name) for name in ("title", "introduction", "languages", "closes_at")}
    form = SurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            builder.survey_update(survey=survey, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Gespeichert."))
            return redirect(survey)
    status = 400 if form.is_bound else 200
    return _form_page(request, "survey_form.html", {"form": form, "survey": survey}, status)


def _action(request: NetworkRequest, survey: Survey, act: Callable[[], object], done: str) -> HttpResponse:
    """Run a service; its refusal becomes an error message on the overview."""
    try:
        act()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(survey)


@login_required
@require_POST
def survey_state(request: NetworkRequest, pk: int, action: str) -> HttpResponse:
    """Open, close or delete the survey."""
    survey = selectors.survey_get_for_user(user=request.user, network=request.network, pk=pk)
    if action == "delete":
        try:
            builder.survey_delete(survey=survey, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(survey)
        messages.success(request, _("Der Entwurf ist gelöscht."))
        return redirect("surveys:list")
    services = {
        "open": (builder.survey_open, _("Die Befragung läuft. Jetzt können Sie einladen.")),
        "close": (builder.survey_close, _("Die Befragung ist abgeschlossen.")),
    }
    service, done = services[action]
    return _action(request, survey, lambda: service(survey=survey, actor=request.user), done)


@login_required
@require_http_methods(["GET", "POST"])
def section_form(request: NetworkRequest, pk: int, section_pk: int | None = None) -> HttpResponse:
    """Add a section to the survey, or change one."""
    survey = selectors.survey_get_for_user(user=request.user, network=request.network, pk=pk)
    section = None
    if section_pk is not None:
        section = selectors.section_get_for_user(user=request.user, network=request.network, pk=section_pk)
        if section.survey_id != survey.pk:
            raise Http404
    initial = {"title": section.title, "description": section.description} if section else None
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if section is None:
                builder.section_create(survey=survey, actor=request.user, **form.cleaned_data)
            else:
                builder.section_update(section=section, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return redirect(survey)
    status = 400 if form.is_bound else 200
    return _form_page(
        request, "section_form.html", {"form": form, "survey": survey, "section": section}, status
    )


@login_required
@require_POST
def section_action(request: NetworkRequest, pk: int, action: str) -> HttpResponse:
    """Move a section up or down, or delete it."""
    section = selectors.section_get_for_user(user=request.user, network=request.network, pk=pk)
    if action in MOVES:
        act = lambda: builder.section_move(section=section, actor=request.user, direction=action)  # noqa: E731
        return _action(request, section.survey, act, _("Verschoben."))
    act = lambda: builder.section_delete(section=section, actor=request.user)  # noqa: E731
    return _action(request, section.survey, act, _("Der Abschnitt ist gelöscht."))


@login_required
@require_http_methods(["GET", "POST"])
def question_form(
    request: NetworkRequest, section_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    """Add a question at the end of a section (``section_pk``), or change one (``pk``)."""
    question = None
    if pk is not None:
        question = selectors.question_get_for_user(user=request.user, network=request.network, pk=pk)
        section = question.section
    else:
        section = selectors.section_get_for_user(
            user=request.user, network=request.network, pk=section_pk or 0
        )
    survey = section.survey
    earlier = selectors.questions_before(
        survey=survey, section=section, position=question.position if question else None
    )
    form = QuestionForm(
        request.POST or None,
        earlier=earlier,
        code_editable=survey.status == SurveyStatus.DRAFT,
        question=question,
    )
    if request.method == "POST" and form.is_valid():
        try:
            builder.question_save(
                section=section, actor=request.user, question=question, **form.service_fields()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Die Frage ist gespeichert."))
            return redirect(survey)
    context = {
        "form": form,
        "survey": survey,
        "section": section,
        "question": question,
        "frozen": builder.survey_is_frozen(survey=survey),
    }
    return _form_page(request, "question_form.html", context, 400 if form.is_bound else 200)


@login_required
@require_POST
def question_action(request: NetworkRequest, pk: int, action: str) -> HttpResponse:
    """Move a question up or down within its section, or delete it."""
    question = selectors.question_get_for_user(user=request.user, network=request.network, pk=pk)
    if action in MOVES:
        act = lambda: builder.question_move(question=question, actor=request.user, direction=action)  # noqa: E731
        return _action(request, question.survey, act, _("Verschoben."))
    act = lambda: builder.question_delete(question=question, actor=request.user)  # noqa: E731
    return _action(request, question.survey, act, _("Die Frage ist gelöscht."))


@login_required
@require_http_methods(["GET", "POST"])
def survey_translate(request: NetworkRequest, pk: int, language: str) -> HttpResponse:
    """Every German text of the survey beside an input for its translation into ``language``."""
    survey = selectors.survey_get_for_user(user=request.user, network=request.network, pk=pk)
    if language not in survey.languages:
        raise Http404
    texts = survey_texts(survey=survey, language=language)
    form = TranslationForm(request.POST or None, texts=texts, language=language)
    if request.method == "POST" and form.is_valid():
        survey_translations_save(
            survey=survey, actor=request.user, language=language, texts=form.cleaned_data
        )
        messages.success(request, _("Die Übersetzungen sind gespeichert."))
        return redirect("surveys:translate", pk=survey.pk, language=language)
    context = {
        "survey": survey,
        "form": form,
        "rows": [(text, form[text.name]) for text in texts],
        "missing": sum(not text.translation for text in texts),
        "language": language,
        "language_name": Language(language).label,
        "direction": "rtl" if language in RIGHT_TO_LEFT else "ltr",
    }
    return _form_page(request, "translate.html", context, 400 if form.is_bound else 200)
