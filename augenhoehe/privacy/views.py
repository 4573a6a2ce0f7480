"""A person's own data, consents and erasure; the DPO's retention rules, record of processing and requests."""

import json
from typing import Any

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from augenhoehe.core import rights
from augenhoehe.core.audit import REDACTED, REDACTED_TEXT

from . import record as processing
from . import selectors, services
from .forms import EraseForm, EraseOwnForm, PersonForm


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if value == REDACTED:
        return str(REDACTED_TEXT)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ", timespec="minutes") if hasattr(value, "hour") else value.isoformat()
    return str(value)


def _sections(export: dict[str, Any]) -> list[dict[str, Any]]:
    """The export as tables a person reads: one per kind of data, a column per field present."""
    sections = []
    for label, part in export.items():
        names = [name for name in part["labels"] if any(name in row for row in part["rows"])]
        extra = sorted({key for row in part["rows"] for key in row} - set(names))
        columns = names + extra
        sections.append(
            {
                "label": label,
                "title": part["title"],
                "columns": [part["labels"].get(name, name) for name in columns],
                "rows": [[_shown(row.get(name)) for name in columns] for row in part["rows"]],
            }
        )
    return sections


def _download(content: str | bytes, *, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@never_cache
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """Everything held about the signed-in person, readable and printable, with their consents."""
    person = rights.Person.of(request.user)
    export = services.person_export_logged(person=person, actor=request.user)
    consents = selectors.consents_of(viewer=request.user)
    context = {
        "sections": _sections(export),
        "consents": consents,
        "purposes": selectors.purposes_for(viewer=request.user, consents=consents),
        "now": timezone.now(),
    }
    return render(request, "privacy/mine.html", context)


@login_required
@never_cache
@require_GET
def mine_json(request: HttpRequest) -> HttpResponse:
    """The same data as a JSON file (Art. 15 and 20 DSGVO)."""
    export = services.person_export_logged(person=rights.Person.of(request.user), actor=request.user)
    return _download(
        rights.export_json(export), name="augenhoehe-meine-daten.json", content_type="application/json"
    )


@login_required
@never_cache
def erase_mine(request: HttpRequest) -> HttpResponse:
    """Show what erasing one's account would change; with the password, erase it and sign out."""
    person = rights.Person.of(request.user)
    form = EraseOwnForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_erase(person=person, actor=request.user, reason="self-service")
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            logout(request)
            return render(request, "privacy/erased.html", {"own": True})
    try:
        preview = rights.erasure_preview(person=person)
        refusal = ""
    except ValidationError as error:
        preview, refusal = None, " ".join(error.messages)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "preview": preview, "refusal": refusal}
    return render(request, "privacy/erase_mine.html", context, status=status)


@login_required
@require_POST
def consent_give(request: HttpRequest) -> HttpResponse:
    try:
        services.consent_give(user=request.user, purpose=request.POST.get("purpose", ""))
    except ValidationError:
        return render(request, "400.html", status=400)
    return redirect("privacy:mine")


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    consent = selectors.consent_get_for_user(user=request.user, pk=pk)
    services.consent_withdraw(consent=consent, actor=request.user)
    return redirect("privacy:mine")


def _register_reader(request: HttpRequest) -> None:
    if not request.user.has_perm("privacy.view_register"):
        raise PermissionDenied


@login_required
@require_GET
def retention_rules(request: HttpRequest) -> HttpResponse:
    """The retention rules per kind of data, their periods and last runs."""
    rules = selectors.retention_overview(viewer=request.user)
    return render(request, "privacy/retention.html", {"rules": rules})


@login_required
@require_GET
def record(request: HttpRequest) -> HttpResponse:
    """The record of processing activities (Art. 30 DSGVO), generated from every app's declarations."""
    _register_reader(request)
    context = {
        "details": processing.controller(),
        "entries": processing.processing_record(),
        "measures": processing.measures(),
        "today": timezone.localdate(),
    }
    return render(request, "privacy/record.html", context)


@login_required
@require_GET
def record_download(request: HttpRequest) -> HttpResponse:
    _register_reader(request)
    return _download(
        processing.record_xlsx(),
        name="verarbeitungsverzeichnis.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _dpo(request: HttpRequest) -> None:
    if not request.user.has_perm("privacy.act_for_person"):
        raise PermissionDenied


def _person_of(request: HttpRequest, form: PersonForm) -> rights.Person:
    return selectors.person_for(
        viewer=request.user,
        username=form.cleaned_data["username"],
        email=form.cleaned_data["email"],
        name=form.cleaned_data["name"],
    )


@login_required
@never_cache
@require_GET
def person(request: HttpRequest) -> HttpResponse:
    """For the DPO: find a person (with or without an account), see their data and what erasure would do."""
    _dpo(request)
    form = PersonForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
    status = 200
    if request.GET and form.is_valid():
        found = _person_of(request, form)
        export = services.person_export_logged(person=found, actor=request.user)
        try:
            preview, refusal = rights.erasure_preview(person=found), ""
        except ValidationError as error:
            preview, refusal = None, " ".join(error.messages)
        context |= {
            "found": found,
            "sections": _sections(export),
            "preview": preview,
            "refusal": refusal,
            "erase_form": EraseForm(initial=form.cleaned_data),
            "query": request.GET.urlencode(),
        }
    elif request.GET:
        status = 400
    return render(request, "privacy/person.html", context, status=status)


@login_required
@never_cache
@require_GET
def person_json(request: HttpRequest) -> HttpResponse:
    _dpo(request)
    form = PersonForm(request.GET)
    if not form.is_valid():
        return render(request, "privacy/person.html", {"form": form}, status=400)
    export = services.person_export_logged(person=_person_of(request, form), actor=request.user)
    return _download(
        rights.export_json(export), name="augenhoehe-auskunft.json", content_type="application/json"
    )


@login_required
@require_POST
def person_erase(request: HttpRequest) -> HttpResponse:
    """For the DPO: erase the person the form names, across every app."""
    _dpo(request)
    form = EraseForm(request.POST)
    if form.is_valid():
        found = _person_of(request, form)
        try:
            report = services.person_erase(
                person=found, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return render(request, "privacy/erased.html", {"own": False, "report": report})
    return render(request, "privacy/person.html", {"form": form, "erase_form": form}, status=400)
