"""Reads of the matching app: a network's needs and weights for its staff, an organisation's
offers for whoever may see its profile, and the ranked partners for a need."""

import operator
from dataclasses import dataclass
from datetime import timedelta
from functools import reduce
from math import cos, radians

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.checkins.selectors import organisation_ratings
from augenhoehe.cooperation.models import Partner
from augenhoehe.core.models import Network
from augenhoehe.directory.choices import Staffing
from augenhoehe.directory.models import Organisation, Tag
from augenhoehe.directory.selectors import organisation_get_for_user

from . import scoring
from .choices import Format
from .models import Need, OutreachOffer, Weights

# How many organisations the SQL prefilter hands to the scoring, and how many results are shown.
PREFILTER_LIMIT = 300
RESULTS_LIMIT = 25
# Needs shown below the form.
RECENT_NEEDS = 20
# "Already asked": new cooperations with the organisation in this many days, in every network.
ASKED_DAYS = 365

_SCHEMES: dict[str, str] = {
    Tag.Scheme.LANGUAGE: "languages",
    Tag.Scheme.COUNTRY: "countries",
    Tag.Scheme.FIELD: "fields",
    Tag.Scheme.TARGET_GROUP: "target_groups",
}


def _require_staff(viewer, network: Network | None) -> Network:
    if network is None or not viewer.has_perm("matching.find_partners", network):
        raise PermissionDenied
    return network


def need_visible_queryset(*, viewer, network: Network | None) -> QuerySet[Need]:
    """The needs ``viewer`` may read: ``network``'s for its staff, none for anyone else
    (the twin of ``matching.find_partners``)."""
    if network is None or not viewer.has_perm("matching.find_partners", network):
        return Need.objects.none()
    return Need.objects.filter(network=network)


def need_list(*, viewer, network: Network | None) -> QuerySet[Need]:
    """The network's most recent needs, newest first, with where they point to."""
    network = _require_staff(viewer, network)
    needs = need_visible_queryset(viewer=viewer, network=network)
    return needs.select_related("kreis", "gemeinde", "cooperation")[:RECENT_NEEDS]


def need_get_for_user(*, user, network: Network | None, pk: int) -> Need:
    """Fetch and authorise in one step: 403 off the network's staff, 404 for another network's need."""
    network = _require_staff(user, network)
    need = (
        need_visible_queryset(viewer=user, network=network)
        .select_related("kreis", "gemeinde", "cooperation", "network")
        .filter(pk=pk)
        .first()
    )
    if need is None:
        raise Http404
    return need


def weights_row(*, network: Network) -> Weights:
    """The network's row of weights, or an unsaved one holding the defaults."""
    return Weights.objects.filter(network=network).first() or Weights(network=network)


def weights_get(*, network: Network) -> scoring.WeightSet:
    """The network's weights, or the defaults where it has set none."""
    row = Weights.objects.filter(network=network).first()
    return row.as_weight_set() if row else scoring.DEFAULT_WEIGHTS


def earlier_ratings(
    *, network: Network, organisation_ids: list[int]
) -> dict[int, tuple[float | None, float | None]]:
    """{organisation id: (mean rating by the network's side, mean rating by the organisation's side)}
    from the check-ins of this network's cooperations with it, on a scale of 1 to 5 (5 best), None
    where no one rated."""
    return organisation_ratings(network=network, organisation_ids=organisation_ids)


def offers_for(*, organisation: Organisation, viewer) -> list[OutreachOffer]:
    """The organisation's outreach offers, if ``viewer`` may see its profile (published, or staff,
    or its representatives); the caller has usually fetched the profile for the viewer already."""
    if not viewer.has_perm("matching.view_offers", organisation):
        return []
    return list(OutreachOffer.objects.filter(organisation=organisation).order_by("format", "pk"))


def offer_get_for_editor(*, user, pk: int) -> OutreachOffer:
    """Fetch and authorise in one step: 404 where the profile is hidden from ``user``, 403 where it
    is seen but not editable."""
    offer = OutreachOffer.objects.filter(pk=pk).first()
    if offer is None:
        raise Http404
    offer.organisation = organisation_get_for_user(
        user=user, pk=offer.organisation_id, permission="matching.change_offers"
    )
    return offer


# The ranking.


@dataclass(frozen=True)
class Match:
    organisation: Organisation
    score: float
    reasons: tuple[scoring.Reason, ...]
    asked: int


def _point(latitude, longitude) -> tuple[float, float] | None:
    return None if latitude is None or longitude is None else (float(latitude), float(longitude))


def _need_point(need: Need) -> tuple[float, float] | None:
    """Where the need is: the mean position of the located organisations of its Gemeinde, or of its
    Kreis where the Gemeinde has none (or only a Kreis was given) – close to the town centre,
    without a geocoder."""
    kreis = need.kreis_id or (need.gemeinde.kreis_id if need.gemeinde is not None else None)
    places = [{"gemeinde_id": need.gemeinde_id}] if need.gemeinde_id else []
    places += [{"kreis_id": kreis}] if kreis else []
    for place in places:
        centre = Organisation.objects.filter(latitude__isnull=False, **place).aggregate(
            latitude=Avg("latitude"), longitude=Avg("longitude")
        )
        point = _point(centre["latitude"], centre["longitude"])
        if point is not None:
            return point
    return None


def need_features(need: Need) -> scoring.NeedFeatures:
    """The need as the scoring reads it (one query for its position, none without a place)."""
    return scoring.NeedFeatures(
        languages=frozenset(need.languages),
        countries=frozenset(need.countries),
        fields=frozenset(need.fields),
        target_groups=frozenset(need.target_groups),
        format=need.format,
        gemeinde=need.gemeinde_id,
        kreis=need.kreis_id or (need.gemeinde.kreis_id if need.gemeinde is not None else None),
        point=_need_point(need),
    )


# What the prefilter ranks by: a sought language or community outweighs everything else, being
# within the scoring's reach (a box of 2 × NEAR_KM around the need) comes next, then the rest.
SOUGHT, NEAR, PLACE, OTHER = 100, 50, 10, 1


def _tag_points(need: Need):
    """SOUGHT per shared language or community tag, OTHER per shared field or target group tag, summed
    over the ``matched`` relation (the organisation's tags that are the need's: see ``_prefiltered``);
    None when the need names no tags."""
    tags = Q()
    for scheme, name in _SCHEMES.items():
        codes = getattr(need, name)
        if codes:
            tags |= Q(tags__scheme=scheme, tags__code__in=codes)
    if not tags:
        return None, None
    points = Sum(
        Case(
            When(matched__scheme__in=[Tag.Scheme.LANGUAGE, Tag.Scheme.COUNTRY], then=Value(SOUGHT)),
            When(matched__scheme__in=[Tag.Scheme.FIELD, Tag.Scheme.TARGET_GROUP], then=Value(OTHER)),
            # An organisation without a shared tag has one joined row of NULLs: it counts nothing.
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    return FilteredRelation("tags", condition=tags), Coalesce(points, Value(0))


def _near_box(point: tuple[float, float]) -> Q:
    latitude, longitude = point
    km = 2 * scoring.NEAR_KM
    # 111 km per degree of latitude; a degree of longitude shrinks with the cosine of the latitude.
    dlat, dlon = km / 111.0, km / (111.0 * cos(radians(latitude)))
    return Q(
        latitude__range=(latitude - dlat, latitude + dlat),
        longitude__range=(longitude - dlon, longitude + dlon),
    )


def _overlap(need: Need, features: scoring.NeedFeatures):
    """How much an organisation has in common with the need, for the prefilter's order (see the
    weights above), and the relation of its shared tags it needs; None without anything to match."""
    matched, parts = _tag_points(need)
    parts = [parts] if parts is not None else []
    conditions: list = []
    if need.format:
        offer = OutreachOffer.objects.filter(organisation=OuterRef("pk"), format=need.format)
        conditions.append((Exists(offer), OTHER))
    if features.point is not None:
        conditions.append((_near_box(features.point), NEAR))
    if need.gemeinde_id:
        conditions.append((Q(gemeinde_id=need.gemeinde_id), PLACE))
    if features.kreis:
        conditions.append((Q(kreis_id=features.kreis), PLACE))
    parts += [
        Case(When(condition, then=Value(weight)), default=Value(0), output_field=IntegerField())
        for condition, weight in conditions
    ]
    return matched, (reduce(operator.add, parts) if parts else None)


def _prefiltered(need: Need, features: scoring.NeedFeatures) -> list[Organisation]:
    """Organisations with at least one overlap, the most overlapping first, at most PREFILTER_LIMIT:
    the database narrows a national directory before any row is scored, keeping those who speak
    the sought language near the need before those far away.

    The shared tags are one join on the need's tags only (``FilteredRelation``), grouped by
    organisation, not a subquery per organisation: at 20,000 organisations the subqueries cost
    several times the join, and PostgreSQL's estimate for them crossed ``jit_above_cost``, so each
    search also compiled its expressions (bench/matching.py)."""
    matched, overlap = _overlap(need, features)
    if overlap is None:
        return []
    organisations = Organisation.objects.all()
    if matched is not None:
        organisations = organisations.annotate(matched=matched)
    return list(
        organisations.annotate(overlap=overlap)
        .filter(overlap__gt=0)
        .select_related("kreis")
        .only(
            "pk", "name", "city", "kreis__name", "kreis__kind", "gemeinde_id", "latitude", "longitude",
            "staffing", "is_published",
        )
        .order_by("-overlap", "pk")[:PREFILTER_LIMIT]
    )  # fmt: skip


def _tags_by_organisation(ids: list[int]) -> dict[int, dict[str, set[str]]]:
    tags: dict[int, dict[str, set[str]]] = {pk: {name: set() for name in _SCHEMES.values()} for pk in ids}
    rows = Tag.objects.filter(organisation_id__in=ids, scheme__in=list(_SCHEMES)).values_list(
        "organisation_id", "scheme", "code"
    )
    for organisation_id, scheme, code in rows:
        tags[organisation_id][_SCHEMES[scheme]].add(code)
    return tags


def _offers_by_organisation(ids: list[int]) -> dict[int, list[scoring.OfferFeatures]]:
    offers: dict[int, list[scoring.OfferFeatures]] = {}
    formats = scoring.codes_of(Format)
    for offer in OutreachOffer.objects.filter(organisation_id__in=ids).order_by("pk"):
        label = str(Format(offer.format).label) if offer.format in formats else offer.format
        offers.setdefault(offer.organisation_id, []).append(
            scoring.OfferFeatures(
                format=offer.format,
                format_label=label,
                languages=frozenset(offer.languages),
                target_groups=frozenset(offer.target_groups),
                reached=offer.reached,
                year=offer.year,
            )
        )
    return offers


def _cooperation_counts(network: Network, ids: list[int]) -> dict[int, int]:
    """This network's cooperations with each organisation, ever."""
    rows = (
        Partner.objects.filter(network=network, organisation_id__in=ids)
        # Without Meta.ordering's joins to the cooperation and the organisation (its name).
        .order_by()
        .values("organisation_id")
        .annotate(n=Count("cooperation_id", distinct=True))
        .values_list("organisation_id", "n")
    )
    return dict(rows)


def asked_counts(*, organisation_ids: list[int], leaving_out: int | None = None) -> dict[int, int]:
    """How often each organisation became the partner of a new cooperation in the last 12 months,
    in every network.

    Deliberately across networks: a volunteer-run MSO is overloaded by all requests together, not
    by one office's. Only a number leaves the other networks; never which network, nor what about.
    ``leaving_out``: a cooperation not to count (the one started from the need being ranked)."""
    since = timezone.now() - timedelta(days=ASKED_DAYS)
    with scopes_disabled():
        partners = Partner.objects.filter(organisation_id__in=organisation_ids, added_at__gte=since)
        if leaving_out is not None:
            partners = partners.exclude(cooperation_id=leaving_out)
        # order_by(): without Meta.ordering's joins to the cooperation and the organisation (its name).
        rows = (
            partners.order_by()
            .values("organisation_id")
            .annotate(n=Count("pk"))
            .values_list("organisation_id", "n")
        )
        return dict(rows)


def _candidates(need: Need, organisations: list[Organisation]) -> list[scoring.Candidate]:
    ids = [organisation.pk for organisation in organisations]
    tags = _tags_by_organisation(ids)
    offers = _offers_by_organisation(ids)
    cooperations = _cooperation_counts(need.network, ids)
    asked = asked_counts(organisation_ids=ids, leaving_out=need.cooperation_id)
    return [
        scoring.Candidate(
            organisation_id=organisation.pk,
            languages=frozenset(tags[organisation.pk]["languages"]),
            countries=frozenset(tags[organisation.pk]["countries"]),
            fields=frozenset(tags[organisation.pk]["fields"]),
            target_groups=frozenset(tags[organisation.pk]["target_groups"]),
            gemeinde=organisation.gemeinde_id,
            kreis=organisation.kreis_id,
            point=_point(organisation.latitude, organisation.longitude),
            volunteers_only=organisation.staffing == Staffing.VOLUNTEERS_ONLY,
            offers=tuple(offers.get(organisation.pk, ())),
            cooperations=cooperations.get(organisation.pk, 0),
            asked=asked.get(organisation.pk, 0),
        )
        for organisation in organisations
    ]


def need_matches(*, viewer, need: Need, limit: int = RESULTS_LIMIT) -> list[Match]:
    """The organisations that fit ``need`` best, each with its score and reasons, best first.

    A fixed number of queries whatever the size of the directory: the need's position, the
    prefiltered organisations, their tags, offers, cooperations with this network and requests in
    every network, and the network's weights."""
    network = _require_staff(viewer, need.network)
    features = need_features(need)
    organisations = _prefiltered(need, features)
    if not organisations:
        return []
    weights = weights_get(network=network)
    ratings = earlier_ratings(network=network, organisation_ids=[o.pk for o in organisations])
    by_id = {organisation.pk: organisation for organisation in organisations}
    matches = []
    for candidate in _candidates(need, organisations):
        scored = scoring.score(features, candidate, weights, ratings)
        matches.append(Match(by_id[candidate.organisation_id], scored.score, scored.reasons, candidate.asked))
    matches.sort(key=lambda match: (-match.score, match.organisation.name, match.organisation.pk))
    return matches[:limit]
