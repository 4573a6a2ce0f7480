"""The live polls' pages: the organisers' list and new poll, the big screen with its live results
and QR code, and the participants' short link (no account, in the visitor's language)."""

import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework.throttling import SimpleRateThrottle

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.throttling import minutes_to_wait
from augenhoehe.core.typing import NetworkRequest

from . import polls
from .choices import PollStatus
from .poll_forms import AnswerForm, PollForm

VOTER_COOKIE = "augenhoehe_voter"
VOTER_COOKIE_AGE = 24 * 60 * 60


class BallotThrottle(SimpleRateThrottle):
    """Answers per address and poll: generous, since a hundred people may share a venue's Wi-Fi (one
    address behind its router), but a script that fetches a new cookie for every answer cannot
    flood a poll; and another poll from that address is counted apart."""

    scope = "events_poll_ballot"
    rate = "300/10m"

    def __init__(self, poll) -> None:
        super().__init__()
        self.poll_pk = poll.pk

    def parse_rate(self, rate):
        # DRF reads only "n/unit"; here the unit may have a count ("10m").
        number, period = rate.split("/")
        units = int(period[:-1] or 1)
        return int(number), units * {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[-1]]

    def get_cache_key(self, request, view):
        ident = f"{self.get_ident(request)}:{self.poll_pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


def _ballot_wait(request: HttpRequest, poll) -> int | None:
    """Seconds until this address may answer ``poll`` again, or None (and the answer is counted)."""
    throttle = BallotThrottle(poll)
    if throttle.allow_request(request, None):  # type: ignore[arg-type]
        return None
    return int(throttle.wait() or 1)


def short_link(request: HttpRequest, poll) -> str:
    """The absolute short link the room types or scans, on the host the organisers reached."""
    return request.build_absolute_uri(reverse("events:poll_answer", kwargs={"code": poll.code}))


def qr_svg(url: str) -> bytes:
    """The QR code of ``url`` as SVG, sized by the page (no fixed width and height)."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer,
        kind="svg",
        scale=1,
        border=4,
        omitsize=True,
        xmldecl=False,
        svgclass="poll-qr",
        lineclass=None,
    )
    return buffer.getvalue()


def _back(request: HttpRequest, poll) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("events:polls", pk=poll.event_id)


def polls_section_context(request: HttpRequest, event, form: PollForm | None = None) -> dict:
    """What ``events/polls/_section.html`` needs: the event's polls with their results (None for a
    prepared one), in the same few queries however many polls there are."""
    with network_scope(event.network):
        event_polls = polls.polls_of(event=event)
        results = polls.results_of(event=event, polls=event_polls)
    rows = [(poll, results.get(poll.pk)) for poll in event_polls]
    return {"polls_event": event, "polls_rows": rows, "poll_form": form}


@login_required
@require_http_methods(["GET", "POST"])
def event_polls(request: NetworkRequest, pk: int) -> HttpResponse:
    """The event's polls and a new one (the same section as on the organisers' event page)."""
    event = polls.event_for_organiser(user=request.user, pk=pk)
    form = PollForm(request.POST if request.method == "POST" else None, prefix="poll")
    if request.method == "POST" and form.is_valid():
        try:
            with network_scope(event.network):
                poll = polls.poll_create(
                    event=event,
                    actor=request.user,
                    question=form.cleaned_data["question"],
                    kind=form.cleaned_data["kind"],
                    options=form.option_list(),
                )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Die Umfrage ist angelegt. Öffnen Sie sie, wenn es so weit ist."))
            return redirect(reverse("events:polls", kwargs={"pk": event.pk}) + f"#poll-{poll.pk}")
    status = 400 if form.errors else 200
    # The list page includes the section as the event's page does: its context as ``section``.
    context = {"event": event, "section": polls_section_context(request, event, form)}
    return render(request, "events/polls/list.html", context, status=status)


def _add_errors(form, error: ValidationError) -> None:
    """A service's refusal next to the field it is about (or above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
@require_POST
def poll_open(request: NetworkRequest, pk: int) -> HttpResponse:
    poll = polls.poll_for_organiser(user=request.user, pk=pk)
    with network_scope(poll.network):
        polls.poll_open(poll=poll, actor=request.user)
    messages.success(request, _("Die Umfrage ist offen: Antworten werden gezählt."))
    return _back(request, poll)


@login_required
@require_POST
def poll_close(request: NetworkRequest, pk: int) -> HttpResponse:
    poll = polls.poll_for_organiser(user=request.user, pk=pk)
    with network_scope(poll.network):
        polls.poll_close(poll=poll, actor=request.user)
    messages.success(request, _("Die Umfrage ist geschlossen. Die Ergebnisse bleiben."))
    return _back(request, poll)


@login_required
@require_GET
def poll_present(request: NetworkRequest, pk: int) -> HttpResponse:
    """The big screen: the question, the QR code, the short link in large letters, the live results."""
    poll = polls.poll_for_organiser(user=request.user, pk=pk)
    link = short_link(request, poll)
    with network_scope(poll.network):
        context = {
            "poll": poll,
            "event": poll.event,
            "results": polls.poll_results(poll=poll),
            # Without the scheme: shorter to read off the screen, and browsers add it.
            "link_text": link.split("://", 1)[-1],
        }
        return render(request, "events/polls/present.html", context)


@require_GET
def poll_results(request: HttpRequest, pk: int) -> HttpResponse:
    """The live part of the big screen (state and results), which htmx fetches every two seconds
    while the poll is open; the part of a poll that is not open asks for nothing more.

    A session that ended meanwhile is sent to the login page as a whole page (``HX-Redirect``),
    not swapped into the results."""
    if not request.user.is_authenticated:
        login = redirect_to_login(reverse("events:poll_present", kwargs={"pk": pk}))
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = login.url
            return response
        return redirect_to_login(request.get_full_path())
    poll = polls.poll_for_organiser(user=request.user, pk=pk)
    with network_scope(poll.network):
        context = {"poll": poll, "results": polls.poll_results(poll=poll)}
        return render(request, "events/polls/_live.html", context)


@require_GET
def poll_qr(request: HttpRequest, code: str) -> HttpResponse:
    """The QR code of a poll's short link. Public: the code is shown to the whole room anyway."""
    poll = polls.poll_for_code(code)
    response = HttpResponse(qr_svg(short_link(request, poll)), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def poll_answer(request: HttpRequest, code: str) -> HttpResponse:
    """The participant's page: the question as the organisers wrote it, the answer, once.

    The page sets the participant's cookie; an answer is counted only with the cookie it set, so
    that a browser which drops the cookie cannot answer again and again. An answer sent without it
    (cookies blocked, or the page opened long ago) is shown again with the cookie now set, to be
    sent once more."""
    poll = polls.poll_for_code(code)
    cookie = request.COOKIES.get(VOTER_COOKIE, "")
    has_cookie = 16 <= len(cookie) <= 64
    new_cookie = "" if has_cookie else polls.voter_new()
    voter = polls.voter_hash(poll=poll, cookie=new_cookie or cookie)
    state, status = "form", 200
    with network_scope(poll.network):
        form = AnswerForm(request.POST if request.method == "POST" else None, poll=poll)
        if poll.status != PollStatus.OPEN:
            # A clear page, not an error: the room is told the poll is over (or not yet open).
            state = "closed" if poll.status == PollStatus.CLOSED else "not_open"
        elif polls.has_answered(poll=poll, voter=voter):
            state = "answered"
        elif request.method == "POST" and not has_cookie:
            state = "again"
        elif request.method == "POST":
            wait = _ballot_wait(request, poll)
            if wait is not None:
                return render(
                    request, "events/polls/wait.html", {"minutes": minutes_to_wait(wait)}, status=429
                )
            if form.is_valid():
                try:
                    polls.ballot_cast(
                        poll=poll,
                        voter=voter,
                        option_ids=form.option_ids(),
                        word=form.cleaned_data.get("word", ""),
                    )
                except polls.PollNotOpen:
                    state = "closed"
                except polls.AlreadyAnswered:
                    state = "answered"
                except ValidationError as error:
                    _add_errors(form, error)
                    status = 400
                else:
                    state = "thanks"
            else:
                status = 400
        response = render(
            request, "events/polls/answer.html", {"poll": poll, "form": form, "state": state}, status=status
        )
    if new_cookie:
        response.set_cookie(
            VOTER_COOKIE,
            new_cookie,
            max_age=VOTER_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response
