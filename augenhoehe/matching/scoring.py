"""Ranking an organisation for a need: a pure function of (need, candidate, weights, ratings).

Nothing here reads the database; ``selectors`` fetches the features, this module turns them into
a score and the reasons a person reads ("Gleiche Sprache: Arabisch"). Each factor's points are its
weight times what matched, so a weight of 0 removes the factor and the page can explain the
ranking with the network's current weights (``explanation``).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cache
from math import asin, cos, radians, sin, sqrt

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from augenhoehe.core.languages import Language
from augenhoehe.directory.choices import Field, TargetGroup

# Nearness earns the full weight at 0 km, less with every km, nothing at NEAR_KM; beyond it a partner
# loses points, the full weight from 2 × NEAR_KM on: a women's brunch in Verl needs a partner the
# mothers can reach, however good the offer of an association an hour's drive away.
NEAR_KM = 30
# Earlier cooperations count up to this many; more do not make a partner better.
EARLIER_MAX = 3
# Reach counts up to this many people (the full offer weight once more).
REACH_FULL = 100
# A volunteers-only organisation's requests weigh this much more (DESIGN.md: ~41 % are).
VOLUNTEERS_FACTOR = 2
# Ratings are on a scale of 1 to 5; 3 is neutral.
RATING_NEUTRAL = 3

Ratings = Mapping[int, tuple[float | None, float | None]]


@dataclass(frozen=True)
class WeightSet:
    """Points per matching item (language, community, field, target group, offer criterion), for
    being near, per earlier cooperation, per rating point above neutral, and taken off per
    request in the last 12 months."""

    language: int = 10
    country: int = 8
    field: int = 5
    target_group: int = 4
    offer: int = 6
    distance: int = 20
    earlier: int = 3
    rating: int = 2
    overload: int = 4


DEFAULT_WEIGHTS = WeightSet()
FACTORS = tuple(f.name for f in fields(WeightSet))


@dataclass(frozen=True)
class OfferFeatures:
    format: str
    format_label: str
    languages: frozenset[str] = frozenset()
    target_groups: frozenset[str] = frozenset()
    reached: int | None = None
    year: int | None = None


@dataclass(frozen=True)
class NeedFeatures:
    languages: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()
    target_groups: frozenset[str] = frozenset()
    format: str = ""
    gemeinde: str | None = None
    kreis: str | None = None
    point: tuple[float, float] | None = None


@dataclass(frozen=True)
class Candidate:
    organisation_id: int
    languages: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()
    target_groups: frozenset[str] = frozenset()
    gemeinde: str | None = None
    kreis: str | None = None
    point: tuple[float, float] | None = None
    volunteers_only: bool = False
    offers: tuple[OfferFeatures, ...] = ()
    # This network's cooperations with it (ever), and requests of any network in the last 12 months.
    cooperations: int = 0
    asked: int = 0


@dataclass(frozen=True)
class Reason:
    text: str
    points: float


@dataclass(frozen=True)
class Scored:
    score: float
    reasons: tuple[Reason, ...] = field(default_factory=tuple)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (latitude, longitude) points in degrees."""
    lat1, lon1, lat2, lon2 = map(radians, (*a, *b))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(h))


@cache
def codes_of(vocabulary) -> frozenset[str]:
    """The codes of a vocabulary, once: Django's ``Choices.values`` builds a list with every label
    on each access, which ranking 300 candidates did a thousand times (bench/matching.py)."""
    return frozenset(vocabulary.values)


def _labels(codes, vocabulary) -> str:
    known = codes_of(vocabulary)
    return ", ".join(sorted(str(vocabulary(code).label) for code in codes if code in known))


def _country_labels(codes) -> str:
    return ", ".join(sorted(str(countries.name(code)) for code in codes))


def _decimal(value: float) -> str:
    return number_format(round(value, 1), decimal_pos=1)


def _shared(need: NeedFeatures, candidate: Candidate, weights: WeightSet) -> list[Reason]:
    found = []
    languages = need.languages & candidate.languages
    if languages:
        text = _("Gleiche Sprache: %(items)s") % {"items": _labels(languages, Language)}
        found.append(Reason(text, weights.language * len(languages)))
    communities = need.countries & candidate.countries
    if communities:
        text = _("Gleiche Community: %(items)s") % {"items": _country_labels(communities)}
        found.append(Reason(text, weights.country * len(communities)))
    activity = need.fields & candidate.fields
    if activity:
        text = _("Gleiches Tätigkeitsfeld: %(items)s") % {"items": _labels(activity, Field)}
        found.append(Reason(text, weights.field * len(activity)))
    groups = need.target_groups & candidate.target_groups
    if groups:
        text = _("Gleiche Zielgruppe: %(items)s") % {"items": _labels(groups, TargetGroup)}
        found.append(Reason(text, weights.target_group * len(groups)))
    return found


def _nearness(need: NeedFeatures, candidate: Candidate, weights: WeightSet) -> Reason | None:
    if need.point is not None and candidate.point is not None:
        km = haversine_km(need.point, candidate.point)
        points = weights.distance * max(-1.0, 1 - km / NEAR_KM)
        return Reason(
            _("Entfernung etwa %(km)s km") % {"km": number_format(round(km), decimal_pos=0)}, points
        )
    if need.gemeinde is not None and candidate.gemeinde == need.gemeinde:
        return Reason(_("Im selben Ort"), weights.distance)
    if need.kreis is not None and candidate.kreis == need.kreis:
        return Reason(_("Im selben Kreis"), weights.distance / 2)
    if need.kreis is not None or need.point is not None:
        # Elsewhere, how far unknown: no better than a located partner half-way to the far limit,
        # so that a profile without coordinates does not outrank one that gives its address.
        return Reason(_("Anderer Kreis, Entfernung unbekannt"), -weights.distance / 2)
    return None


def _offer(need: NeedFeatures, candidate: Candidate, weights: WeightSet) -> Reason | None:
    """An offer in the need's format: the weight, and up to the weight once more for the people it
    reached. Its languages and target groups are named but earn nothing more: the profile's own
    languages and target groups have counted already."""
    if not need.format:
        return None
    same_format = [offer for offer in candidate.offers if offer.format == need.format]
    if not same_format:
        return None

    def fit(offer: OfferFeatures) -> tuple[int, int]:
        shared = bool(need.languages & offer.languages) + bool(need.target_groups & offer.target_groups)
        return shared, offer.reached or 0

    offer = max(same_format, key=fit)
    points = weights.offer + weights.offer * min(offer.reached or 0, REACH_FULL) / REACH_FULL
    parts = [offer.format_label]
    if need.languages & offer.languages:
        parts.append(_("auf %(items)s") % {"items": _labels(need.languages & offer.languages, Language)})
    if need.target_groups & offer.target_groups:
        groups = _labels(need.target_groups & offer.target_groups, TargetGroup)
        parts.append(_("für %(items)s") % {"items": groups})
    text = _("Passendes Angebot: %(offer)s") % {"offer": " ".join(parts)}
    if offer.reached:
        reached = ngettext("%(n)d Person erreicht", "%(n)d Personen erreicht", offer.reached) % {
            "n": offer.reached
        }
        text += ", " + (f"{offer.year}: {reached}" if offer.year else reached)
    return Reason(text, points)


def _earlier(candidate: Candidate, weights: WeightSet, ratings: Ratings) -> Reason | None:
    network_side, organisation_side = ratings.get(candidate.organisation_id, (None, None))
    if not candidate.cooperations and network_side is None and organisation_side is None:
        return None
    count = ngettext("%(n)d Kooperation", "%(n)d Kooperationen", candidate.cooperations) % {
        "n": candidate.cooperations
    }
    points = float(weights.earlier * min(candidate.cooperations, EARLIER_MAX))
    given = [value for value in (network_side, organisation_side) if value is not None]
    if given:
        # Both sides count alike: a partner the network liked but who felt used is no good match.
        points += weights.rating * (sum(given) / len(given) - RATING_NEUTRAL)
        shown = _("bewertet %(network)s (Netzwerk) / %(organisation)s (Organisation)") % {
            "network": "–" if network_side is None else _decimal(network_side),
            "organisation": "–" if organisation_side is None else _decimal(organisation_side),
        }
    else:
        shown = _("noch nicht bewertet")
    return Reason(
        _("Frühere Zusammenarbeit: %(count)s, %(ratings)s") % {"count": count, "ratings": shown}, points
    )


def _overload(candidate: Candidate, weights: WeightSet) -> Reason | None:
    if not candidate.asked:
        return None
    factor = VOLUNTEERS_FACTOR if candidate.volunteers_only else 1
    text = ngettext(
        "In den letzten 12 Monaten %(n)d-mal angefragt (alle Netzwerke)",
        "In den letzten 12 Monaten %(n)d-mal angefragt (alle Netzwerke)",
        candidate.asked,
    ) % {"n": candidate.asked}
    if candidate.volunteers_only:
        text += " – " + _("nur Ehrenamtliche, daher doppelter Abzug")
    return Reason(text, -float(weights.overload * candidate.asked * factor))


def shares_what_is_sought(need: NeedFeatures, candidate: Candidate) -> bool:
    """Whether the candidate speaks a language or belongs to a community the need asks for (always,
    when the need asks for none)."""
    if not need.languages and not need.countries:
        return True
    return bool(need.languages & candidate.languages or need.countries & candidate.countries)


def score(
    need: NeedFeatures,
    candidate: Candidate,
    weights: WeightSet = DEFAULT_WEIGHTS,
    ratings: Ratings | None = None,
) -> Scored:
    """The candidate's score for the need and the reasons behind it, largest effect first.

    A candidate that shares none of the languages and communities the need asks for gains nothing
    from being near or from an offer (it may still lose for being far): otherwise the nearest
    association of any language would outrank the one whose language the parents speak."""
    reasons = _shared(need, candidate, weights)
    near, offer = _nearness(need, candidate, weights), _offer(need, candidate, weights)
    if not shares_what_is_sought(need, candidate):
        reasons.append(
            Reason(_("Spricht keine der gesuchten Sprachen, gehört zu keiner der gesuchten Communities"), 0)
        )
        near = replace(near, points=min(near.points, 0)) if near is not None else None
        offer = replace(offer, points=0) if offer is not None else None
    for reason in (near, offer, _earlier(candidate, weights, ratings or {}), _overload(candidate, weights)):
        if reason is not None:
            reasons.append(reason)
    total = round(sum(reason.points for reason in reasons), 1)
    reasons.sort(key=lambda reason: -abs(reason.points))
    return Scored(score=total, reasons=tuple(reasons))


def explanation(weights: WeightSet) -> list[str]:
    """The ranking in plain words, with the network's current weights."""
    return [
        _("Gleiche Sprache: +%(n)d Punkte je Sprache.") % {"n": weights.language},
        _("Gleiche Community (Herkunftsland): +%(n)d Punkte je Community.") % {"n": weights.country},
        _("Gleiches Tätigkeitsfeld: +%(n)d Punkte je Feld.") % {"n": weights.field},
        _("Gleiche Zielgruppe: +%(n)d Punkte je Zielgruppe.") % {"n": weights.target_group},
        _(
            "Nähe: bis zu +%(n)d Punkte – voll am selben Ort, weniger mit jedem Kilometer, nichts bei "
            "%(km)d km, darüber Abzug bis −%(n)d Punkte ab %(far)d km; ohne Koordinaten voll in derselben "
            "Gemeinde, halb im selben Kreis, halber Abzug anderswo."
        )
        % {"n": weights.distance, "km": NEAR_KM, "far": 2 * NEAR_KM},
        _(
            "Ein Angebot der Organisation im gesuchten Format: +%(n)d Punkte und bis zu +%(n)d für die "
            "erreichten Personen (voll ab %(full)d)."
        )
        % {"n": weights.offer, "full": REACH_FULL},
        _(
            "Wer keine der gesuchten Sprachen spricht und zu keiner der gesuchten Communities gehört, "
            "bekommt keine Punkte für Nähe und Angebote."
        ),
        _(
            "Frühere Zusammenarbeit mit Ihrem Netzwerk: +%(n)d Punkte je Kooperation (höchstens %(max)d); "
            "je Bewertungspunkt über 3 (Mittel beider Seiten) +%(r)d, darunter entsprechend weniger."
        )
        % {"n": weights.earlier, "max": EARLIER_MAX, "r": weights.rating},
        _(
            "Schon oft angefragt: −%(n)d Punkte je neuer Kooperation in den letzten 12 Monaten, in allen "
            "Netzwerken; bei Organisationen nur mit Ehrenamtlichen doppelt, damit sie nicht überlastet werden."
        )
        % {"n": weights.overload},
    ]
