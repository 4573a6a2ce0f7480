"""The outreach figures on a hand-made event: exact counts, shares, both breakdowns, after anonymisation
too, and a fixed number of queries."""

import pytest
from django_scopes import scopes_disabled

from augenhoehe.events import figures, retention
from augenhoehe.events.choices import EventStatus, RegistrationStatus
from augenhoehe.events.figure_charts import bar_chart
from augenhoehe.events.models import Registration

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
    assert found.question == "Mit welchem Hintergrund nehmen Sie teil?"
    assert found.background.n == found.via.n == 6
    # The options in their order (one nobody chose), then the registrations without an answer.
    assert lines(found.background) == {
        "Verwaltung": (2, 33, 1, 17),
        "Migrantenselbstorganisation": (3, 50, 1, 17),
        "Wohlfahrtsverband": (0, 0, 0, 0),
        "keine Angabe": (1, 17, 1, 17),
    }
    assert [str(row.label) for row in found.background.rows][-1] == "keine Angabe"
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

    small, large = event_make(network, organisers=partners), event_make(network, organisers=partners)
    registrations(small, 2)
    registrations(large, 50)
    with django_assert_num_queries(4):
        found = figures.figures_for([small])
    assert found.registered == 2
    with django_assert_num_queries(4):
        found = figures.figures_for([large])
    assert found.registered == 50 and found.attended == 25
    assert lines(found.background)["Wohlfahrtsverband"] == (25, 50, 0, 0)


def test_a_series_adds_its_events_up_each_with_its_own_question(network, partners, django_assert_num_queries):
    series = series_make(network)
    first = event_make(network, series=series, organisers=partners, days=-30)
    second = event_make(network, series=series, days=-2)
    event_make(network, series=series, status=EventStatus.DRAFT)  # not counted
    one, two = background_question(first), background_question(second, options=["Verwaltung", "Schule"])
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
    assert lines(found.background) == {
        "Verwaltung": (2, 50, 2, 50),
        "Migrantenselbstorganisation": (0, 0, 0, 0),
        "Wohlfahrtsverband": (1, 25, 0, 0),
        "Schule": (0, 0, 0, 0),
        "keine Angabe": (1, 25, 0, 0),
    }
    per_event = figures.event_lines(events)
    assert [(line.registered, line.attended) for line in per_event] == [(2, 1), (2, 1)]


def test_an_event_without_registrations_or_background_question(network):
    found = figures.figures_for([event_make(network)])
    assert found.registered == 0 and found.attended_percent == 0 and found.question == ""
    assert lines(found.background) == {"keine Angabe": (0, 0, 0, 0)}
    assert lines(found.via) == {"direkt": (0, 0, 0, 0)}


def test_the_chart_grows_in_the_reading_direction(network, partners):
    found = figures.figures_for([hand_made(network, *partners)])
    ltr, rtl = bar_chart(found.via), bar_chart(found.via, rtl=True)
    first_ltr, first_rtl = ltr.lines[0].registered, rtl.lines[0].registered
    assert first_ltr.value == first_rtl.value == "50 %"
    assert first_ltr.width == first_rtl.width > 0
    assert first_ltr.x == ltr.axis_x and first_rtl.x + first_rtl.width == rtl.axis_x
    assert ltr.label_anchor == "start" and rtl.label_anchor == "end"
    # Every line's bars at most the plot's width; the chart as high as its lines.
    assert all(line.registered.width <= 162 for line in ltr.lines)
    assert ltr.height == 8 + 30 * 3
