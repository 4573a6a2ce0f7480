"""The feedback's pages: the organisers' answers (average, n, texts, CSV) and the button that asks
the participants, and the participant's one-time link (no account)."""

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework.throttling import SimpleRateThrottle

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.throttling import minutes_to_wait
from augenhoehe.core.typing import NetworkRequest
from augenhoehe.exports.formats import LineWriter
from augenhoehe.interchange.format import neutralised

from . import feedback
from .feedback_forms import FeedbackForm
from .polls import event_for_organiser

# Excel opens a CSV as UTF-8 only when it starts with the byte order mark.
BOM = "\ufeff"


class WrongLinkThrottle(SimpleRateThrottle):
    """Unknown feedback links opened, per address: guessing a secret is slowed down (429)."""

    scope = "events_feedback_wrong_link"
    rate = "20/hour"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def _blocked_for(request: HttpRequest) -> int | None:
    """Seconds the address must wait after too many unknown links, or None (not counted)."""
    throttle = WrongLinkThrottle()
    allowed, duration = throttle.parse_rate(throttle.rate)
    assert allowed is not None and duration is not None
    history = [
        t
        for t in throttle.cache.get(throttle.get_cache_key(request, None), [])
        if t > throttle.timer() - duration
    ]
    if len(history) < allowed:
        return None
    return max(1, int(duration - (throttle.timer() - history[-1])))


def feedback_section_context(request: HttpRequest, event) -> dict:
    """What ``events/feedback/_section.html`` needs."""
    with network_scope(event.network):
        return {"feedback_event": event, "feedback": feedback.feedback_summary(event=event)}


@login_required
@require_GET
def event_feedback(request: NetworkRequest, pk: int) -> HttpResponse:
    """The answers to an event: average with n, how often each rating, the texts."""
    event = event_for_organiser(user=request.user, pk=pk)
    context = {"event": event, "section": feedback_section_context(request, event)}
    return render(request, "events/feedback/page.html", context)


@login_required
@require_POST
def feedback_request(request: NetworkRequest, pk: int) -> HttpResponse:
    """ "Um Rückmeldung bitten": the participants who have not been asked get their link now."""
    event = event_for_organiser(user=request.user, pk=pk)
    try:
        sent = feedback.feedback_requests_send(
            event=event, actor=request.user, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if sent:
            messages.success(
                request,
                translation.ngettext(
                    "%(count)s Person wurde um Rückmeldung gebeten.",
                    "%(count)s Personen wurden um Rückmeldung gebeten.",
                    sent,
                )
                % {"count": sent},
            )
        else:
            messages.info(request, _("Alle Teilnehmenden wurden schon um Rückmeldung gebeten."))
    return redirect("events:feedback", pk=event.pk)


@login_required
@require_GET
def feedback_csv(request: NetworkRequest, pk: int) -> HttpResponse:
    """The answers as CSV for Excel (UTF-8 with BOM); text that starts like a formula is neutralised."""
    event = event_for_organiser(user=request.user, pk=pk)
    with network_scope(event.network):
        rows = feedback.feedback_rows(event=event)
    writer = csv.writer(LineWriter(), dialect="excel")
    lines = [BOM + writer.writerow([_("Tag"), _("Bewertung (1 bis 5)"), _("Was nehmen Sie mit?")])]
    lines += [writer.writerow([day.isoformat(), rating, neutralised(text)]) for day, rating, text in rows]
    response = HttpResponse("".join(lines).encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rueckmeldungen-{event.pk}.csv"'
    return response


def _language(request: HttpRequest, fallback: str) -> str:
    """The language the visitor chose on the site (its cookie), else the link's."""
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        return translation.get_language() or fallback
    return fallback or "de"


def _public(
    request: HttpRequest, template: str, context: dict, language: str, status: int = 200
) -> HttpResponse:
    with translation.override(language):
        response = render(request, template, context, status=status)
    response["Content-Language"] = language
    return response


# No CSRF token: the secret in the path is what authorises the answer, and a page elsewhere cannot
# know it; a mail app's browser that drops cookies would otherwise lose the answer to a 403.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def feedback_give(request: HttpRequest, token: str) -> HttpResponse:
    """The participant's feedback through the personal link: once.

    Only unknown links count towards the block, and only they are blocked: a valid link (256 random
    bits, not guessable) always opens, so a venue's shared address that mistyped links too often
    does not lock out the people behind it with their real ones.
    """
    try:
        link = feedback.link_for_token(token=token)
    except feedback.LinkInvalid as invalid:
        if invalid.reason == "unknown":  # guessing; a used link is a person coming back
            wait = _blocked_for(request)
            if wait is not None:
                return _public(
                    request,
                    "events/feedback/wait.html",
                    {"minutes": minutes_to_wait(wait)},
                    _language(request, ""),
                    status=429,
                )
            WrongLinkThrottle().allow_request(request, None)  # type: ignore[arg-type]
        language = _language(request, invalid.language)
        status = 404 if invalid.reason == "unknown" else 410
        return _public(request, "events/feedback/invalid.html", {"reason": invalid.reason}, language, status)
    language = _language(request, link.language)
    with translation.override(language):
        form = FeedbackForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                feedback.feedback_give(
                    token=token, rating=int(form.cleaned_data["rating"]), text=form.cleaned_data["text"]
                )
            except feedback.LinkInvalid as invalid:
                return _public(
                    request, "events/feedback/invalid.html", {"reason": invalid.reason}, language, 410
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return _public(request, "events/feedback/thanks.html", {"event": link.event}, language)
    status = 400 if form.errors else 200
    return _public(
        request, "events/feedback/give.html", {"form": form, "event": link.event}, language, status
    )
