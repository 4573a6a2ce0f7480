"""The outbox: the mails the demo (or a test installation) kept instead of sending them."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from . import selectors


@login_required
@never_cache
def outbox(request: HttpRequest) -> HttpResponse:
    """The mails the admin may read, newest first."""
    page = selectors.outbox_page(
        viewer=request.user,
        network=request.network,  # type: ignore[attr-defined]
        number=request.GET.get("page", 1),
    )
    return render(request, "mail/outbox.html", {"page": page})


@login_required
@never_cache
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One mail: its plain text, and its HTML part in a sandbox that runs no script."""
    mail = selectors.outbox_mail_get_for_user(
        user=request.user,
        network=request.network,  # type: ignore[attr-defined]
        pk=pk,
    )
    return render(request, "mail/detail.html", {"mail": mail})
