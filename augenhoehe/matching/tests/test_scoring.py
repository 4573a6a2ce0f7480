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
    # Dortmund is 77 km away as the crow flies: beyond 60 km, the full distance weight is taken off.
    assert [(r.text, r.points) for r in second.reasons] == [("Entfernung etwa 77 km", -20.0)]


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
    same_place = org(1, gemeinde="05754008", kreis="05754")
    same_kreis = org(2, gemeinde="05754044", kreis="05754")
    elsewhere = org(3, gemeinde="05913000", kreis="05913")
    assert [score(need, c).score for c in (same_place, same_kreis, elsewhere)] == [20, 10, 0]
    assert score(need, same_place).reasons[0].text == "Im selben Ort"
    assert score(need, same_kreis).reasons[0].text == "Im selben Kreis"


@pytest.mark.parametrize("factor", ["language", "distance", "overload", "offer", "earlier", "rating"])
def test_a_weight_of_zero_removes_the_factors_effect(factor):
    offer = OfferFeatures(
        "info_evening", "Informationsabend", frozenset({"ar"}), frozenset({"parents"}), 40, 2025
    )
    rich = org(1, languages=frozenset({"ar"}), point=GUETERSLOH, asked=3, cooperations=2, offers=(offer,))
    plain = org(2)
    ratings = {1: (5.0, 4.0)}
    weights = replace(DEFAULT_WEIGHTS, **{factor: 0})
    with_factor = (
        score(NEED, rich, DEFAULT_WEIGHTS, ratings).score - score(NEED, plain, DEFAULT_WEIGHTS).score
    )
    without = score(NEED, rich, weights, ratings).score - score(NEED, plain, weights).score
    assert with_factor != without
    # Only that factor changed: all weights 0 but that one shows what it alone adds.
    zero = WeightSet(**dict.fromkeys(DEFAULT_WEIGHTS.__dataclass_fields__, 0))
    assert score(NEED, rich, zero, ratings).score == 0


def test_a_matching_offer_counts_per_shared_criterion_and_by_its_reach():
    offer = OfferFeatures(
        "info_evening", "Informationsabend", frozenset({"ar"}), frozenset({"parents"}), 40, 2025
    )
    need = replace(NEED, format="info_evening", point=None, gemeinde=None, kreis=None)
    only_offer = WeightSet(**(dict.fromkeys(DEFAULT_WEIGHTS.__dataclass_fields__, 0) | {"offer": 10}))
    scored = score(need, org(1, offers=(offer,)), only_offer)
    # Format, language and target group (3 × 10) and 40 of 100 people (0.4 × 10).
    assert scored.score == 34
    assert scored.reasons[0].text == (
        "Passendes Angebot: Informationsabend auf Arabisch für Eltern, 2025: 40 Personen erreicht"
    )
    other = OfferFeatures("homework_help", "Hausaufgabenhilfe", frozenset({"tr"}), frozenset(), 90, 2025)
    assert score(need, org(2, offers=(other,)), only_offer).score == 0


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
    # The organisation felt used: the same partner now ranks below an unrated one.
    felt_used = score(NEED, candidate, weights, {7: (5.0, 1.0)})
    assert felt_used.score == 6
    poor = score(NEED, candidate, weights, {7: (2.0, 1.0)})
    assert poor.score < unrated.score
    one_side = score(NEED, candidate, weights, {7: (None, 4.0)})
    assert "bewertet – (Netzwerk) / 4,0 (Organisation)" in one_side.reasons[0].text


def test_the_explanation_uses_the_networks_weights():
    lines = explanation(replace(DEFAULT_WEIGHTS, language=12))
    assert lines[0] == "Gleiche Sprache: +12 Punkte je Sprache."
    assert any("−4 Punkte je neuer Kooperation" in line for line in lines)
