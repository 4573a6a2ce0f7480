"""Live polls: who may create, open, close and present them; answering by the short code once per
participant; the counts (multiple choice as shares of the respondents, words without regard to
case); the QR code; the rate limit; the section on the organisers' event page."""

import re
from urllib.parse import quote

import pytest
import segno
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.models import LogEntry

from .. import poll_views, polls
from ..choices import PollStatus
from ..models import Poll, PollBallot, PollOption
from ..sections import organiser_sections_for
from .polls_support import event_fixture, make_event, make_poll, verein_fixture  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

ORGANISERS = ["coordinator", "network_admin", "mso_member"]


def answer(client: Client, poll, **data):
    """Answer as a phone does: the page first (it sets the voter's cookie), then the answer."""
    if poll_views.VOTER_COOKIE not in client.cookies:
        client.get(reverse("events:poll_answer", args=[poll.code]))
    return client.post(reverse("events:poll_answer", args=[poll.code]), data)


def ballots(poll) -> int:
    with scopes_disabled():
        return PollBallot.objects.filter(poll=poll).count()


def results(poll) -> polls.Results:
    with network_scope(poll.network):
        return polls.poll_results(poll=poll)


def option_pks(poll) -> dict[str, int]:
    with scopes_disabled():
        return {option.label: option.pk for option in PollOption.objects.filter(poll=poll)}


# The organisers' pages


@pytest.mark.parametrize("name", ["events:polls", "events:poll_present", "events:poll_results"])
def test_organisers_see_the_pages_others_are_told_nothing_exists(client_for, event, name):
    poll = make_poll(event)
    pk = event.pk if name == "events:polls" else poll.pk
    url = reverse(name, args=[pk])
    for role in ORGANISERS:
        assert client_for(role).get(url).status_code == 200, role
    assert client_for("other_coordinator").get(url).status_code == 404
    response = client_for("anonymous").get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_a_member_of_an_organisation_that_does_not_co_organise_is_told_nothing_exists(
    client_for, network, users, organisation_factory
):
    from augenhoehe.testing.factories import RepresentationFactory

    RepresentationFactory(user=users["mso_member"], organisation=organisation_factory(name="Anderer Verein"))
    other = make_event(network)
    assert client_for("mso_member").get(reverse("events:polls", args=[other.pk])).status_code == 404


def test_an_organiser_creates_a_poll_with_a_short_unambiguous_code(client_for, event):
    response = client_for("mso_member").post(
        reverse("events:polls", args=[event.pk]),
        {
            "poll-question": "Woher kommen Sie?",
            "poll-kind": "single",
            "poll-options": "Verl\n\nGütersloh\n verl ",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        poll = Poll.objects.get()
        assert [o.label for o in poll.options.all()] == ["Verl", "Gütersloh"]  # blank and repeated left out
    assert poll.status == PollStatus.DRAFT and poll.network == event.network
    assert re.fullmatch(r"[2-9a-hjkmnp-z]{8}", poll.code), poll.code
    assert not set(poll.code) & set("01lioO")


def test_codes_differ(event):
    codes = {make_poll(event, open=False).code for _ in range(20)}
    assert len(codes) == 20


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        ("single", "Nur eine", "mindestens zwei"),
        ("multiple", "Ja\nja", "mindestens zwei"),
        ("single", "\n".join(str(n) for n in range(13)), "höchstens 12"),
        ("ranking", "Ja\nNein", "Auswahl"),
    ],
)
def test_a_choice_poll_needs_two_to_twelve_options(client_for, event, kind, options, message):
    response = client_for("coordinator").post(
        reverse("events:polls", args=[event.pk]),
        {"poll-question": "Kommen Sie wieder?", "poll-kind": kind, "poll-options": options},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    with scopes_disabled():
        assert not Poll.objects.exists()


def test_a_word_poll_needs_no_options(client_for, event):
    client_for("coordinator").post(
        reverse("events:polls", args=[event.pk]),
        {"poll-question": "Ein Wort zum Abend?", "poll-kind": "word", "poll-options": "ignoriert\nauch"},
    )
    with scopes_disabled():
        poll = Poll.objects.get()
        assert poll.kind == "word" and not poll.options.exists()


def test_another_networks_coordinator_cannot_create_open_or_close(client_for, event):
    poll = make_poll(event, open=False)
    other = client_for("other_coordinator")
    assert other.post(reverse("events:polls", args=[event.pk]), {"poll-question": "X"}).status_code == 404
    assert other.post(reverse("events:poll_open", args=[poll.pk])).status_code == 404
    with scopes_disabled():
        assert Poll.objects.count() == 1
        assert Poll.objects.get().status == PollStatus.DRAFT


def test_opening_and_closing_is_audited_and_opening_one_leaves_the_others(client_for, event):
    first = make_poll(event, question="Erste?")
    second = make_poll(event, question="Zweite?", open=False)
    client = client_for("coordinator")
    response = client.post(
        reverse("events:poll_open", args=[second.pk]),
        {"next": reverse("events:poll_present", args=[second.pk])},
    )
    assert response["Location"] == reverse("events:poll_present", args=[second.pk])
    client.post(reverse("events:poll_close", args=[first.pk]), {"next": "https://elsewhere.example/"})
    with scopes_disabled():
        assert Poll.objects.get(pk=second.pk).status == PollStatus.OPEN
        closed = Poll.objects.get(pk=first.pk)
        assert closed.status == PollStatus.CLOSED and closed.closed_at is not None
        actions = list(
            LogEntry.objects.filter(action__startswith="events.poll.").values_list("action", flat=True)
        )
    assert actions.count("events.poll.opened") == 2 and actions.count("events.poll.closed") == 1


def test_open_and_close_are_post_only(client_for, event):
    poll = make_poll(event)
    assert client_for("coordinator").get(reverse("events:poll_close", args=[poll.pk])).status_code == 405


# Answering


def test_a_participant_answers_once_without_an_account(event):
    poll = make_poll(event)
    client = Client()
    page = client.get(reverse("events:poll_answer", args=[poll.code]))
    assert page.status_code == 200 and "Kommen Sie wieder?" in page.content.decode()
    cookie = page.cookies[poll_views.VOTER_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["max-age"] == 86400
    response = answer(client, poll, options=option_pks(poll)["Ja"])
    assert "Danke! Ihre Antwort ist angekommen." in response.content.decode()
    again = answer(client, poll, options=option_pks(poll)["Nein"])
    assert "Sie haben schon geantwortet" in again.content.decode()
    assert (
        "Sie haben schon geantwortet"
        in client.get(reverse("events:poll_answer", args=[poll.code])).content.decode()
    )
    assert ballots(poll) == 1
    with scopes_disabled():
        ballot = PollBallot.objects.get()
        assert (
            ballot.voter
            == salted_hmac("events.poll.voter", f"{poll.pk}:{cookie.value}", algorithm="sha256").hexdigest()
        )
        assert cookie.value not in ballot.voter and len(ballot.voter) == 64
        assert [o.label for o in ballot.options.all()] == ["Ja"]


def test_one_phones_answers_to_two_polls_cannot_be_joined(event):
    first = make_poll(event, question="Hintergrund?", options=("MSO", "Verwaltung"))
    second = make_poll(event, kind="word", options=(), question="Ihr Ort?")
    client = Client()
    answer(client, first, options=option_pks(first)["MSO"])
    answer(client, second, word="Verl")
    with scopes_disabled():
        voters = dict(PollBallot.objects.values_list("poll_id", "voter"))
    assert len(voters) == 2 and voters[first.pk] != voters[second.pk]


def test_an_answer_without_the_pages_cookie_is_not_counted_but_shown_again(event):
    poll = make_poll(event)
    client = Client()
    url = reverse("events:poll_answer", args=[poll.code])
    response = client.post(url, {"options": option_pks(poll)["Ja"]})
    assert response.status_code == 200 and "Bitte noch einmal absenden" in response.content.decode()
    assert f'value="{option_pks(poll)["Ja"]}" id="id_options_0" required checked' in response.content.decode()
    assert poll_views.VOTER_COOKIE in response.cookies and ballots(poll) == 0
    again = client.post(url, {"options": option_pks(poll)["Ja"]})
    assert "Danke! Ihre Antwort ist angekommen." in again.content.decode()
    assert ballots(poll) == 1


def test_a_phone_that_drops_its_cookie_cannot_answer_again_and_again(event):
    poll = make_poll(event)
    client = Client()
    client.get(reverse("events:poll_answer", args=[poll.code]))
    for _ in range(5):
        client.cookies.pop(poll_views.VOTER_COOKIE, None)
        client.post(reverse("events:poll_answer", args=[poll.code]), {"options": option_pks(poll)["Ja"]})
    assert ballots(poll) == 0


def test_the_constraint_refuses_a_second_ballot_that_slipped_past_the_check(event, monkeypatch):
    poll = make_poll(event)
    polls.ballot_cast(poll=poll, voter="a" * 64, option_ids=[option_pks(poll)["Ja"]])
    with pytest.raises(polls.AlreadyAnswered), monkeypatch.context() as patch:
        # As if two taps raced past the check: only the unique constraint stands in the way.
        patch.setattr(PollBallot.objects, "filter", lambda **kw: PollBallot.objects.none())
        polls.ballot_cast(poll=poll, voter="a" * 64, option_ids=[option_pks(poll)["Nein"]])
    assert ballots(poll) == 1


@pytest.mark.parametrize("status", ["closed", "draft"])
def test_a_closed_or_prepared_poll_takes_no_answers(event, status):
    poll = make_poll(event, open=status == "closed")
    if status == "closed":
        with network_scope(event.network):
            polls.poll_close(poll=poll, actor=None)
    client = Client()
    page = client.get(reverse("events:poll_answer", args=[poll.code])).content.decode()
    expected = "geschlossen" if status == "closed" else "noch nicht geöffnet"
    assert expected in page and '<form method="post" class="stack"' not in page
    response = answer(client, poll, options=option_pks(poll)["Ja"])
    assert expected in response.content.decode()
    assert ballots(poll) == 0


def test_unknown_or_malformed_codes_are_not_found(event):
    make_poll(event)
    client = Client()
    for code in ["abcdefgh", "ABC", "0000oooo", "a" * 30]:
        assert client.get(reverse("events:poll_answer", args=[code])).status_code == 404


def test_the_code_is_read_without_regard_to_case(event):
    poll = make_poll(event)
    assert Client().get(reverse("events:poll_answer", args=[poll.code.upper()])).status_code == 200


def test_tampered_answers_are_refused_and_nothing_counted(event):
    poll = make_poll(event)
    elsewhere = make_poll(event, options=("A", "B"))
    client = Client()
    client.get(reverse("events:poll_answer", args=[poll.code]))
    for data in [{}, {"options": option_pks(elsewhere)["A"]}, {"options": "x"}, {"word": "Hallo"}]:
        response = answer(client, poll, **data)
        assert response.status_code == 400, data
        assert "Bitte wählen Sie eine Antwort." in response.content.decode()
    assert ballots(poll) == 0


def test_a_single_choice_ballot_with_two_options_is_refused_by_the_service(event):
    poll = make_poll(event)
    with pytest.raises(ValidationError):
        polls.ballot_cast(poll=poll, voter="b" * 64, option_ids=list(option_pks(poll).values()))
    assert ballots(poll) == 0


def test_multiple_choice_shares_are_of_the_respondents(event):
    poll = make_poll(event, kind="multiple", options=("Sprache", "Zeit", "Geld"))
    pks = option_pks(poll)
    for chosen in [["Sprache", "Zeit"], ["Sprache"], ["Sprache", "Geld"], ["Zeit"]]:
        response = answer(Client(), poll, options=[pks[label] for label in chosen])
        assert response.status_code == 200
    found = results(poll)
    assert found.respondents == 4
    assert [(r.label, r.count, r.percent) for r in found.rows] == [
        ("Sprache", 3, 75),
        ("Zeit", 2, 50),
        ("Geld", 1, 25),
    ]


def test_single_choice_shares_round_and_list_every_option(event):
    poll = make_poll(event, options=("Ja", "Nein", "Vielleicht"))
    pks = option_pks(poll)
    for label in ["Ja", "Ja", "Nein"]:
        answer(Client(), poll, options=pks[label])
    assert [(r.label, r.count, r.percent) for r in results(poll).rows] == [
        ("Ja", 2, 67),
        ("Nein", 1, 33),
        ("Vielleicht", 0, 0),
    ]


def test_word_answers_are_trimmed_and_counted_without_regard_to_case(event):
    poll = make_poll(event, kind="word", options=())
    for word in ["Vielfalt", "  vielfalt ", "VIELFALT", "Mut", "Zu-sam-men " + "x" * 70]:
        answer(Client(), poll, word=word)
    found = results(poll)
    assert found.respondents == 4  # the last one is longer than the field allows
    assert [(r.label, r.count, r.percent) for r in found.rows] == [("Vielfalt", 3, 75), ("Mut", 1, 25)]
    assert polls.clean_word("  Zu   sam  men ") == "Zu sam men"
    assert len(polls.clean_word("y" * 80)) == 60


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        (["İstanbul", "istanbul", "ISTANBUL", "istanbul"], "istanbul"),  # Turkish dotted capital I
        (["ışık", "IŞIK", "Işık", "Işık"], "Işık"),  # Turkish dotless i
        (["Café", "Cafe\u0301", "café!"], "Café"),  # composed and decomposed (keyboards differ)
        (["شكرا", "شُكْرًا", "شكـــرا", "شكرا"], "شكرا"),  # short vowels, tatweel
        (["أهلا", "اهلا", "إهلا", "آهلا"], "أهلا"),  # the forms of alef
        (["على", "علي"], "على"),  # final yeh as alef maksura
        (["ﬁne", "fine", "„fine“"], "ﬁne"),  # a ligature (NFKC), quotes at the ends
    ],
)
def test_words_that_differ_only_in_how_they_were_typed_are_counted_together(event, words, shown):
    poll = make_poll(event, kind="word", options=())
    for number, word in enumerate(words):
        polls.ballot_cast(poll=poll, voter=f"{number:064d}", word=word)
    assert [(r.label, r.count) for r in results(poll).rows] == [(shown, len(words))]


def test_words_are_kept_composed(event):
    poll = make_poll(event, kind="word", options=())
    polls.ballot_cast(poll=poll, voter="c" * 64, word="Cafe\u0301")
    with scopes_disabled():
        assert PollBallot.objects.get().word == "Café"


def test_different_words_stay_apart(event):
    poll = make_poll(event, kind="word", options=())
    for number, word in enumerate(["Mut", "Mut", "Mit", "mit", "Mut-Mut"]):
        polls.ballot_cast(poll=poll, voter=f"{number:064d}", word=word)
    assert [(r.label, r.count) for r in results(poll).rows] == [("Mit", 2), ("Mut", 2), ("Mut-Mut", 1)]


def test_one_address_cannot_flood_a_poll_but_answers_another(event, monkeypatch):
    monkeypatch.setattr(poll_views.BallotThrottle, "rate", "2/10m")
    poll = make_poll(event)
    statuses = [answer(Client(), poll, options=option_pks(poll)["Ja"]).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert ballots(poll) == 2
    other = make_poll(event, question="Und nächstes Jahr?")
    assert answer(Client(), other, options=option_pks(other)["Ja"]).status_code == 200
    assert ballots(other) == 1


def test_a_full_room_behind_one_address_answers(event):
    poll = make_poll(event)
    for _ in range(100):
        response = answer(Client(), poll, options=option_pks(poll)["Ja"])
        assert "Danke!" in response.content.decode()
    assert ballots(poll) == 100


# The big screen and the QR code


def modules_of(svg: str) -> list[list[bool]]:
    """The dark modules segno's SVG path draws (scale 1: ``M``/``m`` moves, ``h`` runs)."""
    path = re.search(r' d="([^"]+)"', svg)[1]
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg)[1])
    grid = [[False] * size for _ in range(size)]
    x = y = 0.0
    for command, numbers in re.findall(r"([MmHh])([-\d.\s]+)", path):
        values = [float(v) for v in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            for column in range(int(x), int(x + values[0])):
                grid[int(y)][column] = True
            x += values[0]
    return grid


def test_the_qr_code_encodes_the_short_link(event):
    poll = make_poll(event)
    response = Client().get(reverse("events:poll_qr", args=[poll.code]))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.startswith("<svg") and "<path" in svg
    link = f"http://testserver/events/p/{poll.code}/"
    expected = segno.make(link, error="m", micro=False)
    drawn = modules_of(svg)
    border = 4
    inner = [row[border:-border] for row in drawn[border:-border]]
    assert inner == [[bool(cell) for cell in row] for row in expected.matrix]
    assert inner != [[bool(cell) for cell in row] for row in segno.make(link + "x", error="m").matrix]


def test_the_big_screen_shows_the_link_the_qr_code_and_polls_the_results(client_for, event):
    poll = make_poll(event)
    answer(Client(), poll, options=option_pks(poll)["Ja"])
    page = client_for("coordinator").get(reverse("events:poll_present", args=[poll.pk])).content.decode()
    assert f"testserver/events/p/{poll.code}/" in page
    assert reverse("events:poll_qr", args=[poll.code]) in page
    live = (
        f'hx-get="{reverse("events:poll_results", args=[poll.pk])}" hx-trigger="every 2s" hx-swap="outerHTML"'
    )
    assert live in page
    # The scrolling region (which keeps the focus) is outside what is swapped.
    assert page.index('role="region"') < page.index('id="poll-live"')
    partial = client_for("mso_member").get(reverse("events:poll_results", args=[poll.pk])).content.decode()
    assert "<html" not in partial and partial.strip().startswith('<div id="poll-live"')
    assert live in partial and 'id="poll-status">Offen<' in partial
    assert 'data-respondents="1"' in partial and "100 %" in partial and "n = 1" in partial


@pytest.mark.parametrize("status", ["closed", "draft"])
def test_the_big_screen_stops_asking_when_the_poll_is_not_open(client_for, event, status):
    poll = make_poll(event, open=status == "closed")
    if status == "closed":
        answer(Client(), poll, options=option_pks(poll)["Ja"])
        with network_scope(event.network):
            polls.poll_close(poll=poll, actor=None)
    client = client_for("coordinator")
    partial = client.get(reverse("events:poll_results", args=[poll.pk]), HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert partial.status_code == 200 and 'id="poll-live"' in html
    assert "hx-get" not in html and "hx-trigger" not in html
    page = client.get(reverse("events:poll_present", args=[poll.pk])).content.decode()
    assert "hx-trigger" not in page
    assert 'id="poll-status">%s<' % ("Geschlossen" if status == "closed" else "Vorbereitet") in html


def test_an_ended_session_sends_the_big_screen_to_the_login_page(event):
    poll = make_poll(event)
    url = reverse("events:poll_results", args=[poll.pk])
    response = Client().get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response.content == b""
    present = reverse("events:poll_present", args=[poll.pk])
    assert response["HX-Redirect"] == f"{reverse('accounts:login')}?next={quote(present, safe='/')}"
    plain = Client().get(url)
    assert plain.status_code == 302 and plain["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("kind", ["single", "multiple", "word"])
def test_the_live_part_asks_the_database_the_same_few_times_however_many_answers(client_for, event, kind):
    client = client_for("coordinator")
    counts = []
    for many in (1, 30):
        poll = make_poll(event, kind=kind, options=() if kind == "word" else ("A", "B", "C", "D"))
        pks = option_pks(poll)
        for number in range(many):
            polls.ballot_cast(
                poll=poll,
                voter=f"{number:064d}",
                option_ids=[] if kind == "word" else [pks["A"], pks["B"]][: 1 + (kind == "multiple")],
                word=f"Wort {number % 7}",
            )
        url = reverse("events:poll_results", args=[poll.pk])
        client.get(url)  # the session's first request reads more (the network, the user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, HTTP_HX_REQUEST="true").status_code == 200
        counts.append(len(queries.captured_queries))
    # The session, the user, the membership; the poll; the ballots, the options, the words.
    assert counts[0] == counts[1] <= 7, counts


def test_the_organisers_section_asks_the_database_the_same_few_times_however_many_polls(
    client_for, event, django_assert_num_queries
):
    client = client_for("coordinator")
    url = reverse("events:polls", args=[event.pk])

    def polls_of_each_kind():
        for kind in ["single", "multiple", "word"]:
            poll = make_poll(event, kind=kind, options=() if kind == "word" else ("A", "B"))
            pks = option_pks(poll)
            polls.ballot_cast(
                poll=poll, voter="v" * 64, option_ids=[] if kind == "word" else [pks["A"]], word="Mut"
            )
        make_poll(event, open=False)  # a prepared one: no results

    client.get(url)  # the session's first request reads more (the network, the user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200  # no poll yet
    # The session, the user, the membership; the event; its polls, their options, their words.
    assert len(queries.captured_queries) <= 7
    for _ in range(3):
        polls_of_each_kind()
        with django_assert_num_queries(len(queries.captured_queries)):
            page = client.get(url)
    assert page.content.decode().count('class="poll-list__item"') == 12


def test_the_results_stay_after_closing_on_the_organisers_section(client_for, event, users):
    poll = make_poll(event, question="Hat es sich gelohnt?")
    for label in ["Ja", "Nein", "Ja", "Ja"]:
        answer(Client(), poll, options=option_pks(poll)[label])
    with network_scope(event.network):
        polls.poll_close(poll=poll, actor=None)
    request = RequestFactory().get("/")
    request.user = users["coordinator"]
    sections = organiser_sections_for(request, event)
    templates = [section.template for section in sections]
    assert "events/polls/_section.html" in templates and "events/feedback/_section.html" in templates
    section = sections[templates.index("events/polls/_section.html")]
    html = render_to_string(section.template, {"section": section.context}, request=request)
    assert "Hat es sich gelohnt?" in html and "n = 4" in html and "75 %" in html and "25 %" in html
    assert reverse("events:poll_present", args=[poll.pk]) in html
