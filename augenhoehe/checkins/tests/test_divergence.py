"""Divergence, the trend and the matching's ratings, from hand-made ratings with exact results."""

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from augenhoehe.accounts.middleware import network_scope

from .. import selectors, services
from ..choices import score
from .conftest import add_contact, link_in, make_cooperation, ratings, start

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def answer_both(cooperation, actor, ours: dict, theirs: dict, *, today=None, mails_before=0):
    """A check-in on ``today`` answered by the network (``ours``) and the one partner (``theirs``)."""
    checkin = start(cooperation, actor, today=today)
    _language, secret = link_in(mail.outbox[-1])
    services.link_response_submit(token=secret, ratings=theirs, language="tr")
    with network_scope(cooperation.network):
        services.network_response_submit(checkin=checkin, actor=actor, ratings=ours)
    return checkin


def test_the_margin_flags_a_difference_of_two_or_more_not_one():
    assert [selectors.divergent(4, other) for other in (5, 4, 3, 2, 1)] == [False, False, False, True, True]
    assert selectors.divergent(None, 1) is False and selectors.divergent(5, None) is False
    assert selectors.divergent(5, 3, margin=2) is False and selectors.divergent(5, 2, margin=2) is True


def test_obstacles_are_turned_round_into_scores():
    assert score("trust", 5) == 5 and score("feels_used", 5) == 1 and score("resources", 2) == 4
    assert score("feels_used", None) is None


def test_the_flags_of_hand_made_ratings(network, users, cooperation, köprü):
    add_contact(cooperation, köprü, users["coordinator"])
    ours = ratings(4, feels_used=1, communication=5, trust=None, resources=2)
    theirs = ratings(4, feels_used=5, communication=4, trust=1, resources=4, recognition=2)
    answer_both(cooperation, users["coordinator"], ours, theirs)
    with network_scope(network):
        section = selectors.cooperation_section(
            cooperation=cooperation, partners=list(cooperation.partners.all())
        )
    flagged = [
        (d.factor, d.network_score, d.organisation_score, d.organisation_worse) for d in section.divergences
    ]
    # feels_used: they agree fully (score 1), we not at all (score 5); recognition 4 vs 2;
    # resources: agreements 2 and 4 (scores 4 and 2). communication 5 vs 4 is within the margin,
    # trust has no value on our side.
    assert flagged == [
        ("recognition", 4, 2, True),
        ("resources", 4, 2, True),
        ("feels_used", 5, 1, True),
    ]
    assert section.divergences[0].organisation_name == "Köprü Kültür Derneği"
    with override_settings(CHECKIN_MARGIN=2):
        with network_scope(network):
            wider = selectors.cooperation_section(
                cooperation=cooperation, partners=list(cooperation.partners.all())
            )
        assert [d.factor for d in wider.divergences] == ["feels_used"]


def test_the_organisation_may_see_it_better_too(network, users, cooperation, köprü):
    add_contact(cooperation, köprü, users["coordinator"])
    answer_both(cooperation, users["coordinator"], ratings(4, target_group=2), ratings(4, target_group=5))
    with network_scope(network):
        section = selectors.cooperation_section(
            cooperation=cooperation, partners=list(cooperation.partners.all())
        )
    (divergence,) = section.divergences
    assert (divergence.factor, divergence.difference, divergence.organisation_worse) == (
        "target_group",
        3,
        False,
    )


def test_the_trend_has_each_sides_scores_per_checkin(network, users, cooperation, köprü):
    add_contact(cooperation, köprü, users["coordinator"])
    today = timezone.localdate()
    from datetime import timedelta

    answer_both(
        cooperation,
        users["coordinator"],
        ratings(3, feels_used=2),
        ratings(4, feels_used=4),
        today=today - timedelta(days=42),
    )
    answer_both(
        cooperation, users["coordinator"], ratings(4, feels_used=1), ratings(None, feels_used=5), today=today
    )
    with network_scope(network):
        section = selectors.cooperation_section(
            cooperation=cooperation, partners=list(cooperation.partners.all())
        )
    used = next(t for t in section.trend if t.factor == "feels_used")
    assert used.dates == [today - timedelta(days=42), today]
    assert [(s.side, s.scores) for s in used.series] == [("network", [4, 5]), ("organisation", [2, 1])]
    trust = next(t for t in section.trend if t.factor == "trust")
    assert trust.rows == [(today - timedelta(days=42), [3, 4]), (today, [4, None])]
    # The page flags the latest check-in's divergences (agreements 1 and 5); the older one's (2 and
    # 4) show in the trend.
    assert [(d.checkin.due_on, d.factor) for d in section.divergences] == [(today, "feels_used")]


def test_the_desk_panel_is_one_query_over_each_cooperations_latest_compared_checkin(
    network, users, köprü, elternverein, django_assert_num_queries
):
    from datetime import timedelta

    today = timezone.localdate()
    calm = make_cooperation(network, users["coordinator"], [köprü], title="Sprachcafé")
    used = make_cooperation(network, users["coordinator"], [elternverein], title="Elterncafé")
    better = make_cooperation(network, users["coordinator"], [köprü], title="Vorlesestunde")
    for work, organisation in ((calm, köprü), (used, elternverein), (better, köprü)):
        add_contact(work, organisation, users["coordinator"])
    # Sprachcafé diverged once, but its latest compared check-in agrees.
    answer_both(calm, users["coordinator"], ratings(5), ratings(2), today=today - timedelta(days=30))
    answer_both(calm, users["coordinator"], ratings(4), ratings(4), today=today)
    answer_both(used, users["coordinator"], ratings(4, feels_used=1), ratings(4, feels_used=5))
    answer_both(better, users["coordinator"], ratings(3), ratings(3, target_group=5))
    # A newer check-in of the Elterncafé that only the network answered does not hide the signal.
    with network_scope(network):
        newer = services.checkin_start(cooperation=used, today=today + timedelta(days=1))
        services.network_response_submit(checkin=newer, actor=users["coordinator"], ratings=ratings(4))
    with network_scope(network), django_assert_num_queries(1):
        panel = selectors.desk_divergences(viewer=users["coordinator"], network=network)
    assert (panel.cooperations, panel.worse) == (2, 1)
    assert [(d.title, d.factor, d.network_score, d.organisation_score) for d in panel.first] == [
        ("Elterncafé", "feels_used", 5, 1),
        ("Vorlesestunde", "target_group", 3, 5),
    ]


def test_organisation_ratings_give_each_sides_mean_score_in_two_queries(
    network, other_network, users, köprü, elternverein, organisation_factory
):
    first = make_cooperation(network, users["coordinator"], [köprü], title="Elterncafé")
    both = make_cooperation(network, users["coordinator"], [köprü, elternverein], title="Frauenbrunch")
    add_contact(first, köprü, users["coordinator"])
    add_contact(both, köprü, users["coordinator"], email="k2@example.org")
    add_contact(both, elternverein, users["coordinator"], email="e@example.org", language="ar")
    # Elterncafé: we agree 4 with all but feels_used (2): seven success factors 4, resources
    # (an obstacle) 4 → score 2, feels_used 2 → 4: 28 + 2 + 4 = 34. Köprü agrees 3 with all but
    # feels_used (5 → score 1): 21 + 3 + 1 = 25.
    answer_both(first, users["coordinator"], ratings(4, feels_used=2), ratings(3, feels_used=5))
    # Frauenbrunch: our side agrees 5 with all but trust ("kann ich nicht sagen"): six success
    # factors 5, both obstacles 5 → score 1: 30 + 1 + 1 = 32 over 8 values. Köprü agrees 2 with
    # all: 14 + 4 + 4 = 22. The Elternverein does not answer.
    checkin = start(both, users["coordinator"])
    links = {m.to[0]: link_in(m)[1] for m in mail.outbox[-2:]}
    services.link_response_submit(token=links["k2@example.org"], ratings=ratings(2), language="tr")
    with network_scope(network):
        services.network_response_submit(
            checkin=checkin, actor=users["coordinator"], ratings=ratings(5, trust=None)
        )
    stranger = organisation_factory(name="Fremder Verein")
    with CaptureQueriesContext(connection) as queries:
        found = selectors.organisation_ratings(
            network=network, organisation_ids=[köprü.pk, elternverein.pk, stranger.pk]
        )
    assert len(queries) <= 2
    # Köprü: ours over 9 + 8 values = (34 + 32) / 17; theirs (25 + 22) / 18.
    assert found[köprü.pk] == pytest.approx((66 / 17, 47 / 18))
    # The Elternverein was asked only in the Frauenbrunch: our 32 / 8 there, none of its own.
    assert found[elternverein.pk] == (4.0, None)
    assert found[stranger.pk] == (None, None)
    # Another network sees none of it.
    assert selectors.organisation_ratings(network=other_network, organisation_ids=[köprü.pk]) == {
        köprü.pk: (None, None)
    }
