"""A cooperation's records on its page: contact log, tasks, documents, compensation.

Small POST-only views: on success back to the cooperation, on bad input the page again with the
bound form and its messages at the fields (400). The download is the one GET here.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from augenhoehe.core.typing import NetworkRequest

from .. import selectors, services, uploads
from ..forms_records import CompensationForm, CompensationStatusForm, ContactEntryForm, DocumentForm, TaskForm
from ..models import Cooperation, Document

# The forms of these sections on the cooperation's page (cooperations.DETAIL_FORMS takes them).
RECORD_FORMS: dict[str, Callable[[Cooperation], Form]] = {
    "contact_form": lambda cooperation: ContactEntryForm(cooperation=cooperation),
    "task_form": lambda cooperation: TaskForm(cooperation=cooperation),
    "document_form": lambda cooperation: DocumentForm(),
    "compensation_form": lambda cooperation: CompensationForm(cooperation=cooperation),
    # A placeholder: every row has its own status form; a failed one is passed by this name.
    "compensation_status_form": lambda cooperation: CompensationStatusForm(prefix="status"),
}


def records_context(cooperation: Cooperation, *, status_form: object = None) -> dict[str, Any]:
    """What the four sections show; ``status_form`` is a failed status change, shown in its row."""
    summary = selectors.cooperation_compensation(cooperation=cooperation)

    def status_form_of(row) -> Form:
        if isinstance(status_form, Form) and status_form.prefix == f"status-{row.pk}":
            return status_form
        return CompensationStatusForm.for_row(row)

    return {
        "today": timezone.localdate(),
        "contacts": selectors.cooperation_contacts(cooperation=cooperation),
        "tasks": selectors.cooperation_tasks(cooperation=cooperation),
        "documents": selectors.cooperation_documents(cooperation=cooperation),
        "compensation": summary,
        # Per organisation: its sums, and each row with the form that changes its status.
        "compensation_groups": [
            (group, [(row, status_form_of(row)) for row in group.rows]) for group in summary.groups
        ],
    }


def _page(request: NetworkRequest, cooperation: Cooperation, **forms) -> HttpResponse:
    from .cooperations import detail_page  # the page imports this module for its context

    return detail_page(request, cooperation, status=400, **forms)


def _cooperation(request: NetworkRequest, pk: int) -> Cooperation:
    return selectors.cooperation_get_for_user(user=request.user, network=request.network, pk=pk)


def _done(request: NetworkRequest, cooperation: Cooperation, message: str, anchor: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(f"{cooperation.get_absolute_url()}#{anchor}")


def _attempt(
    request: NetworkRequest, cooperation: Cooperation, change: Callable[[], object], message: str, anchor: str
):
    """A one-button change (remove, done): its refusal, if any, as a message on the page."""
    try:
        change()
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect(f"{cooperation.get_absolute_url()}#{anchor}")
    return _done(request, cooperation, message, anchor)


@login_required
@require_POST
def contact_add(request: NetworkRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    form = ContactEntryForm(request.POST, cooperation=cooperation)
    if form.is_valid():
        try:
            services.contact_entry_add(cooperation=cooperation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _done(request, cooperation, _("Der Kontakt wurde eingetragen."), "contacts-heading")
    return _page(request, cooperation, contact_form=form)


@login_required
@require_POST
def contact_remove(request: NetworkRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    entry = selectors.contact_entry_get_for_user(
        user=request.user, cooperation=cooperation, pk=request.POST.get("contact")
    )
    return _attempt(
        request,
        cooperation,
        lambda: services.contact_entry_remove(entry=entry, actor=request.user),
        _("Der Kontakt wurde entfernt."),
        "contacts-heading",
    )


@login_required
@require_POST
def task_add(request: NetworkRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    form = TaskForm(request.POST, cooperation=cooperation)
    if form.is_valid():
        try:
            services.task_add(cooperation=cooperation, actor=request.user, **form.service_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _done(request, cooperation, _("Die Aufgabe wurde angelegt."), "tasks-heading")
    return _page(request, cooperation, task_form=form)


@login_required
@require_POST
def task_done(request: NetworkRequest, pk: int) -> HttpResponse:
    """Mark a task done, or (``done=0``) open it again."""
    cooperation = _cooperation(request, pk)
    task = selectors.task_get_for_user(
        user=request.user, cooperation=cooperation, pk=request.POST.get("task")
    )
    done = request.POST.get("done") != "0"
    message = _("Die Aufgabe ist erledigt.") if done else _("Die Aufgabe ist wieder offen.")
    return _attempt(
        request,
        cooperation,
        lambda: services.task_complete(task=task, actor=request.user, done=done),
        message,
        "tasks-heading",
    )


@login_required
@require_POST
def task_remove(request: NetworkRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    task = selectors.task_get_for_user(
        user=request.user, cooperation=cooperation, pk=request.POST.get("task")
    )
    return _attempt(
        request,
        cooperation,
        lambda: services.task_remove(task=task, actor=request.user),
        _("Die Aufgabe wurde entfernt."),
        "tasks-heading",
    )


@login_required
@require_POST
def document_add(request: NetworkRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        # One byte more than allowed is enough to know a file is too large.
        content = upload.read(uploads.max_bytes() + 1)
        try:
            services.document_add(
                cooperation=cooperation,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                shared=form.cleaned_data["shared"],
                filename=upload.name or "",
                content=content,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _done(request, cooperation, _("Das Dokument wurde hochgeladen."), "documents-heading")
    return _page(request, cooperation, document_form=form)


@login_required
@require_GET
def document_download(request: NetworkRequest, pk: int, document_pk: int) -> HttpResponse:
    """The file as it was uploaded, always as a download: never shown or run in the browser."""
    cooperation = _cooperation(request, pk)
    document = selectors.document_get_for_user(
        user=request.user, cooperation=cooperation, pk=document_pk, with_content=True
    )
    return attachment(document)


def attachment(document: Document) -> HttpResponse:
    """The file as a download that the browser neither renders nor runs (RFC 6266 file name), for
    the staff's page and the organisation's alike."""
    response = HttpResponse(bytes(document.content), content_type=document.content_type)
    response["Content-Disposition"] = uploads.content_disposition(document.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def document_remove(request: NetworkRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    document = selectors.document_get_for_user(
        user=request.user, cooperation=cooperation, pk=request.POST.get("document")
    )
    return _attempt(
        request,
        cooperation,
        lambda: services.document_remove(document=document, actor=request.user),
        _("Das Dokument wurde entfernt."),
        "documents-heading",
    )


@login_required
@require_POST
def compensation_add(request: NetworkRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    form = CompensationForm(request.POST, cooperation=cooperation)
    if form.is_valid():
        try:
            services.compensation_add(cooperation=cooperation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _done(
                request, cooperation, _("Die Entschädigung wurde eingetragen."), "compensation-heading"
            )
    return _page(request, cooperation, compensation_form=form)


@login_required
@require_POST
def compensation_status(request: NetworkRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    compensation = selectors.compensation_get_for_user(
        user=request.user, cooperation=cooperation, pk=request.POST.get("compensation")
    )
    form = CompensationStatusForm.for_row(compensation, request.POST)
    if form.is_valid():
        try:
            services.compensation_status_set(
                compensation=compensation, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _done(request, cooperation, _("Der Stand wurde geändert."), "compensation-heading")
    return _page(request, cooperation, compensation_status_form=form)


@login_required
@require_POST
def compensation_remove(request: NetworkRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    compensation = selectors.compensation_get_for_user(
        user=request.user, cooperation=cooperation, pk=request.POST.get("compensation")
    )
    return _attempt(
        request,
        cooperation,
        lambda: services.compensation_remove(compensation=compensation, actor=request.user),
        _("Die Entschädigung wurde entfernt."),
        "compensation-heading",
    )
