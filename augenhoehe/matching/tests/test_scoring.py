"""The ranking on cases where the right answer is obvious; pure functions, no database."""

from dataclasses import replace

import pytest
from django.utils import translation

from ..scoring import DEFAULT_WEIGHTS, Candidate, NeedFeatures, OfferFeatures, WeightSet, explanation, score

GUETERSLOH = (51.9065, 8.3784)
VERL = (51.8833, 8.5167)
DORTMUND = (51.5136, 7.4653)

# "arabischsprachige Eltern in Gütersloh"
NEED = NeedFeatures(
    languages=frozenset({"ar"}),
    target_groups=frozenset({"parents"}),
    gemeinde="05754008",
    kreis="05754",
    point=GUETERSLOH,
)


def org(pk: int, **features) -> Candidate:
    return Candidate(organisation_id=pk, **features)


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def test_an_arabic_speaking_organisation_in_guetersloh_beats_a_turkish_speaking_one_in_dortmund():
    arabic = org(1, languages=frozenset({"ar", "de"}), gemeinde="05754008", kreis="05754", point=GUETERSLOH)
    turkish = org(2, languages=frozenset({"tr", "de"}), gemeinde="05913000", kreis="05913", point=DORTMUND)
    first, second = score(NEED, arabic), score(NEED, turkish)
    assert first.score > second.score
    texts = [reason.text for reason in first.reasons]
    assert "Gleiche Sprache: Arabisch" in texts
    assert "Entfernung etwa 0 km" in texts
    # Dortmund is 77 km away as the crow flies: beyond 60 km, the full distance weight is taken off;
    # and it speaks no Arabic, which the page says.
    assert [(r.text, r.points) for r in second.reasons] == [
        ("Entfernung etwa 77 km", -20.0),
        ("Spricht keine der gesuchten Sprachen, gehört zu keiner der gesuchten Communities", 0),
    ]


def test_a_near_association_of_another_language_does_not_outrank_a_farther_one_that_speaks_it():
    """The reviewer's case: a Turkish-only association in Gütersloh scored 20, an Arabic-speaking one
    20 km away 16.8, for Arabic-speaking parents."""
    turkish_here = org(1, languages=frozenset({"tr"}), point=GUETERSLOH)
    arabic_20_km = org(2, languages=frozenset({"ar"}), point=(51.9065, 8.67))
    assert score(NEED, arabic_20_km).score > score(NEED, turkish_here).score
    assert score(NEED, turkish_here).score == 0  # near, but nearness earns nothing without the language


def test_of_two_equal_organisations_the_one_asked_five_times_in_twelve_months_ranks_lower():
    rested = org(1, languages=frozenset({"ar"}), point=GUETERSLOH)
    busy = replace(rested, organisation_id=2, asked=5)
    assert score(NEED, rested).score > score(NEED, busy).score
    assert score(NEED, rested).score - score(NEED, busy).score == 5 * DEFAULT_WEIGHTS.overload
    texts = [reason.text for reason in score(NEED, busy).reasons]
    assert "In den letzten 12 Monaten 5-mal angefragt (alle Netzwerke)" in texts


def test_a_volunteers_only_organisation_loses_twice_as_much_for_the_same_requests():
    paid = org(1, languages=frozenset({"ar"}), asked=2)
    volunteers = replace(paid, organisation_id=2, volunteers_only=True)
    assert score(NEED, paid).score - score(NEED, volunteers).score == 2 * DEFAULT_WEIGHTS.overload
    assert any("nur Ehrenamtliche" in reason.text for reason in score(NEED, volunteers).reasons)


def test_nearer_beats_farther():
    near = org(1, languages=frozenset({"ar"}), point=GUETERSLOH)
    verl = replace(near, organisation_id=2, point=VERL)
    dortmund = replace(near, organisation_id=3, point=DORTMUND)
    assert score(NEED, near).score > score(NEED, verl).score > score(NEED, dortmund).score


def test_a_near_partner_beats_a_far_one_with_a_perfect_offer():
    """A women's brunch for Turkish-speaking mothers in Verl: an association in Verl that speaks
    Turkish ranks above one in Hamm (52 km) whose offer fits in format, language and target group."""
    need = NeedFeatures(
        languages=frozenset({"tr"}), target_groups=frozenset({"women"}), format="womens_brunch", point=VERL
    )
    brunch = OfferFeatures(
        format="womens_brunch",
        format_label="Frauenbrunch",
        languages=frozenset({"tr"}),
        target_groups=frozenset({"women"}),
        reached=80,
    )
    in_verl = org(1, languages=frozenset({"tr"}), point=(51.8870, 8.5130))
    in_hamm = org(
        2,
        languages=frozenset({"tr"}),
        target_groups=frozenset({"women"}),
        point=(51.6739, 7.8150),
        offers=(brunch,),
    )
    assert score(need, in_verl).score > score(need, in_hamm).score


def test_without_coordinates_the_same_gemeinde_beats_the_same_kreis_beats_elsewhere():
    need = replace(NEED, point=None)
    arabic = frozenset({"ar"})
    same_place = org(1, languages=arabic, gemeinde="05754008", kreis="05754")
    same_kreis = org(2, languages=arabic, gemeinde="05754044", kreis="05754")
    elsewhere = org(3, languages=arabic, gemeinde="05913000", kreis="05913")
    # The language's 10 each, and the whole, half or minus half the distance weight of 20.
    assert [score(need, c).score for c in (same_place, same_kreis, elsewhere)] == [30, 20, 0]
    assert ("Im selben Ort", 20) in [(r.text, r.points) for r in score(need, same_place).reasons]
    assert ("Im selben Kreis", 10) in [(r.text, r.points) for r in score(need, same_kreis).reasons]
    assert ("Anderer Kreis, Entfernung unbekannt", -10) in [
        (r.text, r.points) for r in score(need, elsewhere).reasons
    ]


def test_a_profile_without_coordinates_does_not_outrank_a_located_one_nearer_by():
    """The reviewer's case: an Arabic association in Berlin without coordinates scored 10, one in
    Ahlen (37 km, located) 5.3."""
    berlin_unlocated = org(1, languages=frozenset({"ar"}), gemeinde="11000000", kreis="11000")
    ahlen = org(2, languages=frozenset({"ar"}), gemeinde="05570004", kreis="05570", point=(51.7633, 7.8911))
    assert score(NEED, ahlen).score > score(NEED, berlin_unlocated).score


# What each factor adds for ``rich`` below, worked out by hand from the default weights: the language
# (10), 0 km (20), asked three times (3 × −4), an information evening in the sought format (6) that
# reached 40 of 100 people (0.4 × 6), two earlier cooperations (2 × 3), rated 4.5 on average (1.5 × 2).
SHARES = {"language": 10, "distance": 20, "overload": -12, "offer": 8.4, "earlier": 6, "rating": 3}


@pytest.mark.parametrize("factor", sorted(SHARES))
def test_a_weight_of_zero_removes_exactly_that_factors_share(factor):
    offer = OfferFeatures(
        "info_evening", "Informationsabend", frozenset({"ar"}), frozenset({"parents"}), 40, 2025
    )
    need = replace(NEED, format="info_evening")
    rich = org(1, languages=frozenset({"ar"}), point=GUETERSLOH, asked=3, cooperations=2, offers=(offer,))
    ratings = {1: (5.0, 4.0)}
    without = replace(DEFAULT_WEIGHTS, **{factor: 0})
    share = score(need, rich, DEFAULT_WEIGHTS, ratings).score - score(need, rich, without, ratings).score
    assert round(share, 1) == SHARES[factor]
    assert score(need, rich, DEFAULT_WEIGHTS, ratings).score == sum(SHARES.values())


def test_an_offer_counts_for_its_format_and_its_reach_not_again_for_language_and_target_group():
    offer = OfferFeatures(
        "info_evening", "Informationsabend", frozenset({"ar"}), frozenset({"parents"}), 40, 2025
    )
    need = replace(NEED, format="info_evening", point=None, gemeinde=None, kreis=None)
    only_offer = WeightSet(**(dict.fromkeys(DEFAULT_WEIGHTS.__dataclass_fields__, 0) | {"offer": 10}))
    scored = score(need, org(1, languages=frozenset({"ar"}), offers=(offer,)), only_offer)
    # The format (10) and 40 of 100 people (0.4 × 10); its Arabic and its parents are named only.
    assert scored.score == 14
    assert scored.reasons[0].text == (
        "Passendes Angebot: Informationsabend auf Arabisch für Eltern, 2025: 40 Personen erreicht"
    )
    other = OfferFeatures("homework_help", "Hausaufgabenhilfe", frozenset({"ar"}), frozenset(), 90, 2025)
    assert score(need, org(2, languages=frozenset({"ar"}), offers=(other,)), only_offer).score == 0
    one = replace(offer, reached=1, year=None)
    text = score(need, org(3, languages=frozenset({"ar"}), offers=(one,)), only_offer).reasons[0].text
    assert text.endswith("für Eltern, 1 Person erreicht")


def test_earlier_cooperations_and_both_sides_ratings_are_named_and_counted():
    candidate = org(7, cooperations=2)
    weights = WeightSet(
        **(dict.fromkeys(DEFAULT_WEIGHTS.__dataclass_fields__, 0) | {"earlier": 3, "rating": 2})
    )
    unrated = score(NEED, candidate, weights, {})
    assert unrated.score == 6
    assert unrated.reasons[0].text == "Frühere Zusammenarbeit: 2 Kooperationen, noch nicht bewertet"
    rated = score(NEED, candidate, weights, {7: (4.5, 3.0)})
    # Mean of both sides 3.75: 0.75 above neutral, × 2.
    assert rated.score == 7.5
    assert (
        rated.reasons[0].text
        == "Frühere Zusammenarbeit: 2 Kooperationen, bewertet 4,5 (Netzwerk) / 3,0 (Organisation)"
    )
    # The network was pleased (5), the organisation felt used (1): both sides count alike, so the
    # ratings lift it no higher than an unrated partner.
    felt_used = score(NEED, candidate, weights, {7: (5.0, 1.0)})
    assert felt_used.score == unrated.score
    poor = score(NEED, candidate, weights, {7: (2.0, 1.0)})
    assert poor.score < unrated.score
    one_side = score(NEED, candidate, weights, {7: (None, 4.0)})
    assert "bewertet – (Netzwerk) / 4,0 (Organisation)" in one_side.reasons[0].text


def test_the_explanation_uses_the_networks_weights():
    lines = explanation(replace(DEFAULT_WEIGHTS, language=12))
    assert lines[0] == "Gleiche Sprache: +12 Punkte je Sprache."
    assert any("−4 Punkte je neuer Kooperation" in line for line in lines)


def test_reasons_name_known_codes_in_the_readers_language_and_leave_out_unknown_ones():
    # The codes of a vocabulary are read once (codes_of), the labels still in the current language.
    need = replace(NEED, fields=frozenset({"education", "youth", "retired-code"}))
    candidate = org(1, languages=frozenset({"ar"}), fields=frozenset({"education", "youth", "retired-code"}))
    assert "Gleiches Tätigkeitsfeld: Bildung, Jugend" in [r.text for r in score(need, candidate).reasons]
    with translation.override("en"):
        texts = [r.text for r in score(need, candidate).reasons]
    assert any("Education" in text and "Youth" in text for text in texts), texts
