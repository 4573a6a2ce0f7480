"""Pages of the knowledge base: the public list, an organisation's answers and its form, the review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from augenhoehe.core.models import Network
from augenhoehe.core.typing import NetworkRequest
from augenhoehe.directory.models import Organisation
from augenhoehe.directory.permissions import represented

from . import selectors, services
from .choices import Question
from .forms import AnswerForm, FilterForm, ReturnForm
from .models import Answer


def add_errors(form: Form, error: ValidationError) -> None:
    """A service's refusal, shown at the field it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            name = {"return_reason": "reason"}.get(name, name)
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def answer_list(request: HttpRequest) -> HttpResponse:
    """Published answers, grouped by the guide's questions; filter by country and question, search."""
    form = FilterForm(request.GET or None, countries_with_answers=selectors.answer_public_countries())
    filters = form.cleaned_data if form.is_valid() else {}
    answers = selectors.answer_public_list(
        country=filters.get("country", ""), question=filters.get("question", ""), query=filters.get("q", "")
    )
    groups = [
        (label, [answer for answer in answers if answer.question == code]) for code, label in Question.choices
    ]
    context = {
        "form": form,
        "groups": [(label, found) for label, found in groups if found],
        "count": len(answers),
        "filtered": bool(filters and any(filters.values())),
    }
    return render(
        request, "knowledge/list.html", context, status=200 if form.is_valid() or not form.is_bound else 400
    )


@login_required
def answer_mine(request: HttpRequest) -> HttpResponse:
    """The answers of the organisations the person represents, with where each stands."""
    answers = selectors.answer_mine_list(viewer=request.user)
    return render(request, "knowledge/mine.html", {"answers": answers})


def _form(request: HttpRequest, *, data=None, answer: Answer | None = None, initial=None) -> AnswerForm:
    if answer is not None:
        organisations = Organisation.objects.filter(pk=answer.organisation_id)
        networks = Network.objects.filter(pk=answer.network_id)
    else:
        organisations = Organisation.objects.filter(pk__in=list(represented(request.user))).order_by("name")
        pks = {n.pk for o in organisations for n in selectors.contribution_networks(organisation=o)}
        networks = Network.objects.filter(pk__in=pks).order_by("name")
    return AnswerForm(data, organisations=organisations, networks=networks, initial=initial)


@login_required
def answer_create(request: HttpRequest) -> HttpResponse:
    """An organisation's representative contributes an answer to a network responsible for it."""
    if not request.user.has_perm("knowledge.add_answer"):
        raise PermissionDenied
    initial = {}
    if request.GET.get("organisation", "").isdigit():
        initial["organisation"] = int(request.GET["organisation"])
    form = _form(request, data=request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_submit(
                organisation=form.chosen("organisation"),
                network=form.chosen("network"),
                actor=request.user,
                question=form.cleaned_data["question"],
                country=form.cleaned_data["country"],
                language=form.cleaned_data["language"],
                text=form.cleaned_data["text"],
                translations=form.cleaned_data["translations"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Danke! Ihre Antwort wurde eingereicht; das Netzwerk prüft sie."))
            return redirect("knowledge:mine")
    no_network = "network" not in form.fields and "network" not in form.only
    status = 400 if request.method == "POST" else 200
    return render(request, "knowledge/form.html", {"form": form, "no_network": no_network}, status=status)


@login_required
def answer_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Rework a returned answer and submit it again."""
    answer = selectors.answer_get_for_author(user=request.user, pk=pk)
    initial = {
        "question": answer.question,
        "country": answer.country,
        "language": answer.language,
        "text": answer.text,
        "translations": answer.translations,
    }
    form = _form(
        request, data=request.POST if request.method == "POST" else None, answer=answer, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_resubmit(
                answer=answer,
                actor=request.user,
                question=form.cleaned_data["question"],
                country=form.cleaned_data["country"],
                language=form.cleaned_data["language"],
                text=form.cleaned_data["text"],
                translations=form.cleaned_data["translations"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Ihre überarbeitete Antwort wurde erneut eingereicht."))
            return redirect("knowledge:mine")
    status = 400 if request.method == "POST" else 200
    return render(request, "knowledge/form.html", {"form": form, "answer": answer}, status=status)


def _review_page(request: NetworkRequest, *, forms: dict[int, ReturnForm] | None = None, status: int = 200):
    answers = selectors.answer_review_list(viewer=request.user, network=request.network)
    forms = forms or {}
    rows = [(a, forms.get(a.pk) or ReturnForm(auto_id=f"id_return_{a.pk}_%s")) for a in answers]
    return render(request, "knowledge/review.html", {"rows": rows, "count": len(rows)}, status=status)


@login_required
def answer_review(request: NetworkRequest) -> HttpResponse:
    """The answers submitted to the active network that wait for its review."""
    return _review_page(request)


@login_required
@require_POST
def answer_decide(request: NetworkRequest, pk: int) -> HttpResponse:
    """Publish a submitted answer, or return it to its organisation with a reason."""
    answer = selectors.answer_get_for_review(user=request.user, network=request.network, pk=pk)
    if request.POST.get("decision") == "publish":
        try:
            services.answer_publish(answer=answer, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Die Antwort ist veröffentlicht."))
        return redirect("knowledge:review")
    form = ReturnForm(request.POST, auto_id=f"id_return_{answer.pk}_%s")
    if form.is_valid():
        try:
            services.answer_return(answer=answer, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Die Antwort ging mit Ihrer Begründung an die Organisation zurück."))
            return redirect("knowledge:review")
    return _review_page(request, forms={answer.pk: form}, status=400)
