"""The ranked partners for a need: a fixed number of queries, a prefilter in SQL, the requests
of every network counted, another network's needs never read."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.models import Gemeinde

from .. import selectors, services
from .conftest import DORTMUND, make_cooperation, make_need, make_organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def test_arabic_speaking_parents_in_guetersloh_find_the_arabic_speaking_organisation_first(users, network):
    make_organisation("Türkischer Elternverein Dortmund", city="Dortmund", languages=["tr", "de"])
    make_organisation("Jasmin – Arabische Familien Gütersloh", tags={"target_group": ["parents"]})
    make_organisation("Arabischer Kreis Dortmund", city="Dortmund")
    make_organisation("Sportverein ohne Überschneidung", city="Dortmund", languages=["it"])
    gemeinde = Gemeinde.objects.get(name="Gütersloh")
    need = make_need(network, users["coordinator"], gemeinde=gemeinde)
    with network_scope(network):
        matches = selectors.need_matches(viewer=users["coordinator"], need=need)
    names = [match.organisation.name for match in matches]
    # The Turkish one in Dortmund shares nothing but nothing: no language, not the place.
    assert names == ["Jasmin – Arabische Familien Gütersloh", "Arabischer Kreis Dortmund"]
    assert [r.text for r in matches[0].reasons][:2] == ["Entfernung etwa 0 km", "Gleiche Sprache: Arabisch"]


def test_the_ranking_takes_a_fixed_number_of_queries_whatever_the_number_of_organisations(
    users, network, other_network, django_assert_num_queries
):
    need = make_need(network, users["coordinator"])
    make_organisation("Erster Verein")

    def rank() -> int:
        with network_scope(network):
            return len(selectors.need_matches(viewer=users["coordinator"], need=need))

    with django_assert_num_queries(8):
        assert rank() == 1
    for index in range(8):
        organisation = make_organisation(f"Verein {index}", city="Dortmund", place=DORTMUND)
        services.offer_create(
            organisation=organisation,
            actor=users["coordinator"],
            format="info_evening",
            languages=["ar"],
            target_groups=["parents"],
        )
        make_cooperation(other_network, users["other_coordinator"], organisation)
        make_cooperation(network, users["coordinator"], organisation)
    with django_assert_num_queries(8):
        assert rank() == 9


def test_the_prefilter_and_the_cap_keep_the_list_short(users, network, monkeypatch):
    monkeypatch.setattr(selectors, "PREFILTER_LIMIT", 3)
    for index in range(5):
        make_organisation(f"Verein {index}", languages=["ar"])
    make_organisation("Verein mit zwei Sprachen", languages=["ar", "ku"])
    need = make_need(network, users["coordinator"], languages=["ar", "ku"])
    with network_scope(network):
        matches = selectors.need_matches(viewer=users["coordinator"], need=need, limit=2)
    # The one that overlaps most survives the prefilter's cut and ranks first.
    assert len(matches) == 2 and matches[0].organisation.name == "Verein mit zwei Sprachen"


def test_the_prefilters_overlap_counts_each_shared_tag_once_and_nothing_for_unshared_ones(users, network):
    """100 per sought language or community, 1 per field or target group, 0 without a shared tag
    (the join of shared tags gives such an organisation one row of NULLs)."""
    far = {"latitude": Decimal("48.137000"), "longitude": Decimal("11.575000")}
    make_organisation(
        "Alles gemeinsam", city="München", place=far, languages=["ar", "ku"],
        tags={"country": ["SY"], "target_group": ["parents", "women"], "field": ["education", "sport"]},
    )  # fmt: skip
    make_organisation("Nur die Zielgruppe", city="München", place=far, languages=["it"],
                      tags={"target_group": ["parents"]})  # fmt: skip
    make_organisation("Nichts gemeinsam", city="München", place=far, languages=["it"])
    need = make_need(
        network, users["coordinator"], languages=["ar", "ku"], countries=["SY"],
        target_groups=["parents", "women"], fields=["education"],
    )  # fmt: skip
    with network_scope(network):
        found = selectors._prefiltered(need, selectors.need_features(need))
    assert [(o.name, o.overlap) for o in found] == [("Alles gemeinsam", 303), ("Nur die Zielgruppe", 1)]


def test_requests_of_every_network_count_and_cooperations_only_of_this_one(users, network, other_network):
    asked = make_organisation("Oft gefragt")
    for turn in range(3):
        make_cooperation(other_network, users["other_coordinator"], asked, title=f"Dortmund {turn}")
    make_cooperation(network, users["coordinator"], asked)
    need = make_need(network, users["coordinator"])
    with network_scope(network):
        (match,) = selectors.need_matches(viewer=users["coordinator"], need=need)
    texts = [reason.text for reason in match.reasons]
    assert match.asked == 4
    assert "In den letzten 12 Monaten 4-mal angefragt (alle Netzwerke)" in texts
    assert "Frühere Zusammenarbeit: 1 Kooperation, noch nicht bewertet" in texts
    # The cooperation started from this very need is not one more request against the partner.
    with network_scope(network):
        services.need_cooperation_start(
            need=need, organisation=asked, actor=users["coordinator"], title="Infoabend", mso_gain="Honorar"
        )
        need.refresh_from_db()
        (match,) = selectors.need_matches(viewer=users["coordinator"], need=need)
    assert match.asked == 4


def test_the_prefilters_cap_keeps_a_near_partner_before_far_ones_with_more_in_common(
    users, network, monkeypatch
):
    """The reviewer's case: across Germany the cap filled with far organisations sharing more tags,
    and the neighbour in Bielefeld (20 km) that speaks Arabic was cut."""
    monkeypatch.setattr(selectors, "PREFILTER_LIMIT", 3)
    make_organisation("Centro Italiano Gütersloh", languages=["it"])  # places the need in Gütersloh
    for index in range(4):
        tags = {"target_group": ["parents"], "field": ["early_childhood"]}
        make_organisation(f"Ferner Elternverein {index}", city="Dortmund", tags=tags)
    make_organisation(
        "Nachbar Bielefeld",
        city="Bielefeld",
        place={"latitude": Decimal("52.0200"), "longitude": Decimal("8.5300")},
    )
    need = make_need(
        network,
        users["coordinator"],
        gemeinde=Gemeinde.objects.get(name="Gütersloh"),
        fields=["early_childhood"],
    )
    with network_scope(network):
        matches = selectors.need_matches(viewer=users["coordinator"], need=need)
    assert matches[0].organisation.name == "Nachbar Bielefeld"


def test_another_networks_need_is_not_found_and_non_staff_are_refused(users, network, other_network):
    need = make_need(network, users["coordinator"])
    with network_scope(other_network), pytest.raises(Http404):
        selectors.need_get_for_user(user=users["other_coordinator"], network=other_network, pk=need.pk)
    with pytest.raises(PermissionDenied):
        selectors.need_get_for_user(user=users["mso_member"], network=None, pk=need.pk)
    with network_scope(network):
        assert selectors.need_get_for_user(user=users["coordinator"], network=network, pk=need.pk) == need
