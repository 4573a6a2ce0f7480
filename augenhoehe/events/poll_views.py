"""The live polls' pages: the organisers' list and new poll, the big screen with its live results
and QR code, and the participants' short link (no account, in the visitor's language)."""

import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
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
from augenhoehe.core.throttling import minutes_to_wait, wait_seconds
from augenhoehe.core.typing import NetworkRequest

from . import polls
from .choices import PollStatus
from .poll_forms import AnswerForm, PollForm

VOTER_COOKIE = "augenhoehe_voter"
VOTER_COOKIE_AGE = 24 * 60 * 60


class BallotThrottle(SimpleRateThrottle):
    """Answers per address: generous, since a hundred people may share a venue's Wi-Fi (one address
    behind its router), but a phone that clears its cookie again and again cannot flood a poll."""

    scope = "events_poll_ballot"
    rate = "300/10m"

    def parse_rate(self, rate):
        # DRF reads only "n/unit"; here the unit may have a count ("10m").
        number, period = rate.split("/")
        units = int(period[:-1] or 1)
        return int(number), units * {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[-1]]

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


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
    """What ``events/polls/_section.html`` needs: the event's polls with their results."""
    with network_scope(event.network):
        rows = [(poll, polls.poll_results(poll=poll)) for poll in polls.polls_of(event=event)]
    return {"polls_event": event, "polls_rows": rows, "poll_form": form}


@login_required
@require_http_methods(["GET", "POST"])
def event_polls(request: NetworkRequest, pk: int) -> HttpResponse:
    """The event's polls and a new one (the same section as on the organisers' event page)."""
    event = polls.event_for_organiser(user=request.user, network=request.network, pk=pk)
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
    context = {"event": event} | polls_section_context(request, event, form)
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
    poll = polls.poll_for_organiser(user=request.user, network=request.network, pk=pk)
    with network_scope(poll.network):
        polls.poll_open(poll=poll, actor=request.user)
    messages.success(request, _("Die Umfrage ist offen: Antworten werden gezählt."))
    return _back(request, poll)


@login_required
@require_POST
def poll_close(request: NetworkRequest, pk: int) -> HttpResponse:
    poll = polls.poll_for_organiser(user=request.user, network=request.network, pk=pk)
    with network_scope(poll.network):
        polls.poll_close(poll=poll, actor=request.user)
    messages.success(request, _("Die Umfrage ist geschlossen. Die Ergebnisse bleiben."))
    return _back(request, poll)


@login_required
@require_GET
def poll_present(request: NetworkRequest, pk: int) -> HttpResponse:
    """The big screen: the question, the QR code, the short link in large letters, the live results."""
    poll = polls.poll_for_organiser(user=request.user, network=request.network, pk=pk)
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


@login_required
@require_GET
def poll_results(request: NetworkRequest, pk: int) -> HttpResponse:
    """The results alone, which the big screen fetches every two seconds (htmx)."""
    poll = polls.poll_for_organiser(user=request.user, network=request.network, pk=pk)
    with network_scope(poll.network):
        return render(request, "events/polls/_results.html", {"results": polls.poll_results(poll=poll)})


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
    """The participant's page: the question as the organisers wrote it, the answer, once."""
    poll = polls.poll_for_code(code)
    cookie = request.COOKIES.get(VOTER_COOKIE, "")
    new_cookie = "" if 16 <= len(cookie) <= 64 else polls.voter_new()
    voter = polls.voter_hash(new_cookie or cookie)
    state, status = "form", 200
    with network_scope(poll.network):
        form = AnswerForm(request.POST if request.method == "POST" else None, poll=poll)
        if poll.status != PollStatus.OPEN:
            # A clear page, not an error: the room is told the poll is over (or not yet open).
            state = "closed" if poll.status == PollStatus.CLOSED else "not_open"
        elif polls.has_answered(poll=poll, voter=voter):
            state = "answered"
        elif request.method == "POST":
            wait = wait_seconds(request, [BallotThrottle])
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
