"""The conversation on the staff's cooperation page (the organisation's side: ``views.shared``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from augenhoehe.core.typing import NetworkRequest

from .. import selectors, services
from ..shared_forms import CommentForm
from .cooperations import detail_page
from .shared import add_errors


@login_required
@require_POST
def comment_add(request: NetworkRequest, pk: int) -> HttpResponse:
    """The network's staff write in the cooperation's conversation."""
    cooperation = selectors.cooperation_get_for_user(user=request.user, network=request.network, pk=pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(cooperation=cooperation, actor=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Ihr Kommentar wurde gespeichert."))
            return redirect(cooperation)
    return detail_page(request, cooperation, status=400, comment_form=form)


@login_required
@require_POST
def comment_remove(request: NetworkRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_get_for_user(user=request.user, network=request.network, pk=pk)
    comment = selectors.comment_get_for_user(
        user=request.user, cooperation=cooperation, pk=request.POST.get("comment", "")
    )
    try:
        services.comment_remove(comment=comment, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Der Kommentar wurde entfernt."))
    return redirect(cooperation)
