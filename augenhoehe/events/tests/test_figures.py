"""The outreach figures on a hand-made event: exact counts, shares, both breakdowns, after anonymisation
too, and a fixed number of queries."""

import pytest
from django_scopes import scopes_disabled

from augenhoehe.events import figures, retention
from augenhoehe.events.choices import EventStatus, QuestionKind, RegistrationStatus
from augenhoehe.events.figure_charts import bar_chart
from augenhoehe.events.models import Registration, RegistrationQuestion

from .figures_world import background_question, event_make, hand_made, registration_make, series_make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


@pytest.fixture
def partners(organisation_factory):
    return organisation_factory(name="Verein X"), organisation_factory(name="Verein Y")


def lines(breakdown) -> dict[str, tuple[int, int, int, int]]:
    return {
        str(row.label): (row.registered, row.registered_percent, row.attended, row.attended_percent)
        for row in breakdown.rows
    }


def assert_the_hand_made_figures(found) -> None:
    assert (found.registered, found.unconfirmed, found.confirmed, found.waiting, found.cancelled) == (
        6,
        1,
        4,
        1,
        2,
    )
    assert (found.attended, found.attended_percent) == (3, 50)
    (background,) = found.backgrounds
    assert background.title == "Mit welchem Hintergrund nehmen Sie teil?"
    assert background.n == background.held_n == found.via.n == 6 and found.not_asked == 0
    # The options in their order (one nobody chose), then the registrations without an answer.
    assert lines(background) == {
        "Verwaltung": (2, 33, 1, 17),
        "Migrantenselbstorganisation": (3, 50, 1, 17),
        "Wohlfahrtsverband": (0, 0, 0, 0),
        "keine Angabe": (1, 17, 1, 17),
    }
    assert [str(row.label) for row in background.rows][-1] == "keine Angabe"
    assert lines(found.via) == {
        "Verein X": (3, 50, 2, 33),
        "Verein Y": (1, 17, 0, 0),
        "direkt": (2, 33, 1, 17),
    }


def test_the_figures_of_a_hand_made_event(network, partners):
    event = hand_made(network, *partners)
    assert_the_hand_made_figures(figures.figures_for([event]))


def test_the_figures_stay_the_same_after_anonymisation(network, partners):
    event = hand_made(network, *partners, days=-100)
    before = figures.figures_for([event])
    with scopes_disabled():
        assert retention.participants_anonymise(90) == 8
        assert not Registration.objects.filter(event=event).exclude(name="").exists()
        # The free-text answers went; the background answers stayed.
        assert all(len(answers) <= 1 for answers in Registration.objects.values_list("answers", flat=True))
    after = figures.figures_for([event])
    assert after == before
    assert_the_hand_made_figures(after)


def test_the_queries_do_not_grow_with_the_registrations(network, partners, django_assert_num_queries):
    def registrations(event, n: int) -> None:
        question = background_question(event)
        for number in range(n):
            registration_make(
                event,
                status=RegistrationStatus.CONFIRMED,
                checked_in=number % 2 == 0,
                answers={str(question.pk): ["Verwaltung", "Wohlfahrtsverband"][number % 2]},
                via=partners[number % 3] if number % 3 < 2 else None,
            )

    small, large = (
        event_make(network, organisers=partners, days=-1),
        event_make(network, organisers=partners, days=-1),
    )
    registrations(small, 2)
    registrations(large, 50)
    with django_assert_num_queries(4):
        found = figures.figures_for([small])
    assert found.registered == 2
    with django_assert_num_queries(4):
        found = figures.figures_for([large])
    assert found.registered == 50 and found.attended == 25
    assert lines(found.backgrounds[0])["Wohlfahrtsverband"] == (25, 50, 0, 0)


def test_a_series_adds_its_events_up_each_with_its_own_question(network, partners, django_assert_num_queries):
    series = series_make(network)
    first = event_make(network, series=series, organisers=partners, days=-30)
    second = event_make(network, series=series, days=-2)
    event_make(network, series=series, status=EventStatus.DRAFT)  # not counted
    one, two = background_question(first), background_question(second)
    c = RegistrationStatus.CONFIRMED
    registration_make(first, status=c, checked_in=True, answers={str(one.pk): "Verwaltung"}, via=partners[0])
    registration_make(first, status=c, answers={str(one.pk): "Wohlfahrtsverband"})
    registration_make(second, status=c, checked_in=True, answers={str(two.pk): "Verwaltung"})
    # The other event's question id in the answers is not this event's answer.
    registration_make(second, status=c, answers={str(one.pk): "Verwaltung"})

    with scopes_disabled():
        events = figures.series_events(series=series)
    assert events == [first, second]
    with django_assert_num_queries(4):
        found = figures.figures_for(events)
    assert (found.events, found.registered, found.attended) == (2, 4, 2)
    # The same question with the same options: one breakdown over both events.
    (background,) = found.backgrounds
    assert background.events == 2 and background.n == 4
    assert lines(background) == {
        "Verwaltung": (2, 50, 2, 50),
        "Migrantenselbstorganisation": (0, 0, 0, 0),
        "Wohlfahrtsverband": (1, 25, 0, 0),
        "keine Angabe": (1, 25, 0, 0),
    }
    per_event = figures.event_lines(events)
    assert [(line.registered, line.attended) for line in per_event] == [(2, 1), (2, 1)]


def test_a_series_with_different_background_questions_has_a_breakdown_each(network):
    """Events asking another question (or other options) are not added into one breakdown; events
    asking none are counted apart and left out of every n."""
    series = series_make(network)
    a = event_make(network, series=series, days=-30)
    b = event_make(network, series=series, days=-20)
    c = event_make(network, series=series, days=-10)  # asks no background question
    d = event_make(network, series=series, days=-5)
    qa, qd = background_question(a), background_question(d, options=["Verwaltung", "Schule"])
    with scopes_disabled():
        qb = RegistrationQuestion.objects.create(
            network=network,
            event=b,
            label="Waren Sie schon einmal bei uns?",
            kind=QuestionKind.CHOICE,
            options="Zum ersten Mal\nSchon öfter",
            is_background=True,
        )
    confirmed = RegistrationStatus.CONFIRMED
    for _ in range(2):
        registration_make(a, status=confirmed, checked_in=True, answers={str(qa.pk): "Verwaltung"})
        registration_make(b, status=confirmed, answers={str(qb.pk): "Zum ersten Mal"})
    for _ in range(6):
        registration_make(c, status=confirmed)
    registration_make(d, status=confirmed, answers={str(qd.pk): "Schule"})
    with scopes_disabled():
        found = figures.figures_for(figures.series_events(series=series))
    assert found.registered == 11
    assert (found.not_asked, found.not_asked_events) == (6, 1)
    by_title = {(b.title, len(b.rows)): b for b in found.backgrounds}
    assert [b.title for b in found.backgrounds] == [
        "Mit welchem Hintergrund nehmen Sie teil?",
        "Waren Sie schon einmal bei uns?",
        "Mit welchem Hintergrund nehmen Sie teil?",
    ]
    first = by_title[("Mit welchem Hintergrund nehmen Sie teil?", 4)]
    assert first.n == 2 and lines(first)["Verwaltung"] == (2, 100, 2, 100)
    second = by_title[("Waren Sie schon einmal bei uns?", 3)]
    assert second.n == 2 and lines(second) == {
        "Zum ersten Mal": (2, 100, 0, 0),
        "Schon öfter": (0, 0, 0, 0),
        "keine Angabe": (0, 0, 0, 0),
    }
    third = by_title[("Mit welchem Hintergrund nehmen Sie teil?", 3)]
    assert third.n == 1 and lines(third)["Schule"] == (1, 100, 0, 0)


def test_an_event_without_registrations_or_background_question(network):
    found = figures.figures_for([event_make(network)])
    assert found.registered == 0 and found.attended_percent == 0
    assert found.backgrounds == [] and (found.not_asked, found.not_asked_events) == (0, 1)
    assert lines(found.via) == {"direkt": (0, 0, 0, 0)}


def test_the_chart_grows_in_the_reading_direction(network, partners):
    found = figures.figures_for([hand_made(network, *partners)])
    ltr, rtl = bar_chart(found.via), bar_chart(found.via, rtl=True)
    first_ltr, first_rtl = ltr.lines[0].registered, rtl.lines[0].registered
    assert first_ltr.value == first_rtl.value == "50 %"
    assert first_ltr.width == first_rtl.width > 0
    assert first_ltr.x == ltr.axis_x and first_rtl.x + first_rtl.width == rtl.axis_x
    assert ltr.label_anchor == rtl.label_anchor == "start"  # in each label's own direction
    assert (ltr.direction, rtl.direction) == ("ltr", "rtl")
    # Every line's bars at most the plot's width; the chart as high as its lines.
    assert all(line.registered.width <= 162 for line in ltr.lines)
    assert ltr.height == 8 + 30 * 3


def test_a_series_attendance_is_of_the_dates_held_those_to_come_apart(network):
    series = series_make(network)
    held = event_make(network, series=series, days=-30)
    coming = event_make(network, series=series, days=30)
    question = background_question(held)
    for number in range(10):
        registration_make(
            held,
            status=RegistrationStatus.CONFIRMED,
            checked_in=number < 8,
            answers={str(question.pk): "Verwaltung"},
        )
    for _ in range(30):
        registration_make(coming, status=RegistrationStatus.CONFIRMED)
    with scopes_disabled():
        events = figures.series_events(series=series)
    found = figures.figures_for(events)
    assert (found.registered, found.registered_held, found.registered_upcoming) == (40, 10, 30)
    assert (found.attended, found.attended_percent, found.held_events, found.upcoming_events) == (8, 80, 1, 1)
    assert (found.via.n, found.via.held_n) == (40, 10)
    assert lines(found.via)["direkt"] == (40, 100, 8, 80)
    assert lines(found.backgrounds[0])["Verwaltung"] == (10, 100, 8, 80)
    assert [line.held for line in figures.event_lines(events)] == [True, False]


def test_an_event_to_come_has_no_attendance_yet(network):
    event = event_make(network, days=3)
    registration_make(event, status=RegistrationStatus.CONFIRMED)
    found = figures.figures_for([event])
    assert (found.registered, found.registered_held, found.registered_upcoming) == (1, 0, 1)
    assert found.held_events == 0 and found.attended_percent == 0


@pytest.mark.parametrize(
    "answer", [7, 7.5, True, ["Verwaltung", "Schule"], {"a": "Verwaltung"}, "Ich heiße Aylin Demir, Tel 0170"]
)
def test_answers_not_among_the_options_make_one_line_on_every_database(network, answer):
    """A number, a list, an object or a text that is no option (a name, even): never printed, never a
    crash, the same line on SQLite and PostgreSQL."""
    event = event_make(network, days=-3)
    question = background_question(event)
    c = RegistrationStatus.CONFIRMED
    registration_make(event, status=c, checked_in=True, answers={str(question.pk): answer})
    registration_make(event, status=c, answers={str(question.pk): ["Wohlfahrtsverband"]})
    registration_make(event, status=c, answers={str(question.pk): "Verwaltung"})
    found = figures.figures_for([event])
    assert lines(found.backgrounds[0]) == {
        "Verwaltung": (1, 33, 0, 0),
        "Migrantenselbstorganisation": (0, 0, 0, 0),
        "Wohlfahrtsverband": (0, 0, 0, 0),
        "nicht mehr angeboten": (2, 67, 1, 33),
        "keine Angabe": (0, 0, 0, 0),
    }


def test_an_option_of_digits_matches_on_every_database(network):
    """SQLite hands a number back as a number: it still matches the option of the same digits."""
    event = event_make(network, days=-3)
    question = background_question(event, options=["1", "2"])
    registration_make(event, status=RegistrationStatus.CONFIRMED, answers={str(question.pk): "1"})
    assert lines(figures.figures_for([event]).backgrounds[0])["1"] == (1, 100, 0, 0)


def test_attended_never_exceeds_registered(network):
    """Checked in without a confirmed registration (reset, or a row written by another part): counted
    nowhere, so attendance stays within registrations and the bars within the chart."""
    event = event_make(network, days=-3)
    question = background_question(event)
    registration_make(
        event, status=RegistrationStatus.CONFIRMED, checked_in=True, answers={str(question.pk): "Verwaltung"}
    )
    for _ in range(2):
        registration_make(event, status=RegistrationStatus.UNCONFIRMED, confirmed=False, checked_in=True)
    found = figures.figures_for([event])
    assert (found.registered, found.attended, found.attended_percent) == (1, 1, 100)
    assert sum(row.attended for row in found.backgrounds[0].rows) == found.attended
    assert figures.event_lines([event])[0].attended == 1


def test_a_bar_never_leaves_the_chart():
    row = figures.Row("Verwaltung", registered=1, attended=3, n=1, held_n=1)
    breakdown = figures.Breakdown("via", "via", "Über", [row], n=1, held_n=1, events=1)
    for rtl in (False, True):
        chart = bar_chart(breakdown, rtl=rtl)
        bar = chart.lines[0].attended
        assert bar.width == 162 and bar.value == "300 %"
        assert bar.x >= 0 and bar.x + bar.width <= chart.width


def test_other_co_organisers_small_lines_are_hidden_from_an_organisation(network, partners):
    x, y = partners
    found = figures.figures_for([hand_made(network, x, y)])  # X: 3 registered, Y: 1
    for_x = figures.via_for_organisations(found.via, {x.pk})
    assert [(str(row.label), row.hidden) for row in for_x.rows] == [
        ("Verein X", False),
        ("Verein Y", True),
        ("direkt", False),
    ]
    for_y = figures.via_for_organisations(found.via, {y.pk})
    assert [row.hidden for row in for_y.rows] == [False, False, False]  # X has 3: shown
    chart = bar_chart(for_x)
    assert chart.lines[1].registered.width == 0 and chart.lines[1].registered.value == "< 3"
