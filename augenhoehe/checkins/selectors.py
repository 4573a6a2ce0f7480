"""Reads of the check-ins: a cooperation's plan, rounds, answers and trend; the divergences between
the two sides; the desk's panel; and each organisation's ratings for the matching.

Divergence, defined once (``divergent``): in one check-in, for one factor, the network's rating
and one organisation's rating (both given, not "kann ich nicht sagen") differ by more than
``CHECKIN_MARGIN`` points: |a - b| > margin, so with the default margin 1, a difference of 2 or
more is flagged. The difference of agreements equals that of scores up to the sign, so the test is
the same for success factors and obstacles; ``organisation_worse`` says whether the organisation
sees it worse than the network (the "they feel used and we did not notice" signal).
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Avg,
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Abs
from django.http import Http404

from augenhoehe.cooperation.models import Cooperation, Partner
from augenhoehe.core.models import Network

from .choices import OBSTACLES, STATEMENTS, Factor, Side, score
from .models import Checkin, CheckinContact, CheckinLink, CheckinPlan, Rating, Response
from .services import CLOSED_STAGES, next_due_on


def _of(model, network: Network):
    """``model``'s rows of ``network``, whatever scope is active (the scope is bound to the query)."""
    return model.objects.with_scope(network=[network.pk]).get_queryset()


def checkin_get_for_user(*, user, network: Network | None, pk: int) -> Checkin:
    """Fetch and authorise in one step: 403 off the active network's staff, 404 for another network's."""
    if network is None or not user.has_perm("checkins.view_checkins", network):
        raise PermissionDenied
    checkin = _of(Checkin, network).filter(pk=pk).select_related("cooperation", "network").first()
    if checkin is None:
        raise Http404
    return checkin


def contact_get_for_user(*, user, cooperation: Cooperation, partner_pk: object) -> Partner:
    """A partner of ``cooperation`` (the caller fetched it with its viewer), by its pk; 404 otherwise."""
    partner = (
        Partner.objects.filter(
            cooperation=cooperation,
            pk=str(partner_pk) if str(partner_pk).isascii() and str(partner_pk).isdigit() else 0,
        )
        .select_related("organisation")
        .first()
    )
    if partner is None or not user.has_perm("checkins.change_checkins", cooperation.network):
        raise Http404
    return partner


@dataclass(frozen=True)
class Divergence:
    checkin: Checkin
    factor: str
    organisation_id: int
    organisation_name: str
    network_score: int
    organisation_score: int

    @property
    def label(self):
        return STATEMENTS[self.factor].label

    @property
    def difference(self) -> int:
        return abs(self.network_score - self.organisation_score)

    @property
    def organisation_worse(self) -> bool:
        return self.organisation_score < self.network_score


def divergent(
    network_agreement: int | None, organisation_agreement: int | None, margin: int | None = None
) -> bool:
    """Whether two ratings of one factor in one check-in differ by more than the margin."""
    if network_agreement is None or organisation_agreement is None:
        return False
    margin = settings.CHECKIN_MARGIN if margin is None else margin
    return abs(network_agreement - organisation_agreement) > margin


@dataclass
class Round:
    """One check-in with its answers: {factor: agreement} per side."""

    checkin: Checkin
    network: dict[str, int | None] | None = None
    network_comments: dict[str, str] = field(default_factory=dict)
    organisations: dict[int, dict[str, int | None]] = field(default_factory=dict)
    organisation_comments: dict[int, dict[str, str]] = field(default_factory=dict)
    links: list[CheckinLink] = field(default_factory=list)
    respondent: str = ""

    @property
    def answered(self) -> bool:
        return self.network is not None or bool(self.organisations)

    def comments(self) -> list[tuple[str, str, str]]:
        """(who, factor, comment) of this round, the network's first, each side in the factors'
        order; "who" is the organisation's name or empty for the network."""
        names = {link.organisation_id: link.organisation.name for link in self.links}
        sides = [("", self.network_comments)] + [
            (names.get(pk, ""), given) for pk, given in self.organisation_comments.items()
        ]
        return [
            (who, str(Factor(factor).label), given[factor])
            for who, given in sides
            for factor in Factor.values
            if given.get(factor)
        ]

    def divergences(self, names: dict[int, str], margin: int | None = None) -> list[Divergence]:
        """The flagged factors of this round, per organisation that answered, in the factors' order."""
        if self.network is None:
            return []
        flagged = []
        for organisation_id, theirs in self.organisations.items():
            for factor in Factor.values:
                ours, their = self.network.get(factor), theirs.get(factor)
                if divergent(ours, their, margin):
                    assert ours is not None and their is not None
                    flagged.append(
                        Divergence(
                            self.checkin,
                            factor,
                            organisation_id,
                            names.get(organisation_id, ""),
                            score(factor, ours) or 0,
                            score(factor, their) or 0,
                        )
                    )
        return flagged


def cooperation_rounds(*, cooperation: Cooperation) -> list[Round]:
    """The cooperation's check-ins, oldest first, with both sides' ratings and the links sent
    (three queries however many rounds; the caller has authorised the cooperation)."""
    checkins = list(
        _of(Checkin, cooperation.network)
        .filter(cooperation=cooperation)
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=_of(Response, cooperation.network)
                .select_related("respondent")
                .prefetch_related(Prefetch("ratings", queryset=_of(Rating, cooperation.network))),
            ),
            Prefetch("links", queryset=_of(CheckinLink, cooperation.network).select_related("organisation")),
        )
        .order_by("due_on", "pk")
    )
    rounds = []
    for checkin in checkins:
        shown = Round(checkin=checkin, links=list(checkin.links.all()))
        for response in checkin.responses.all():
            values = {rating.factor: rating.agreement for rating in response.ratings.all()}
            comments = {rating.factor: rating.comment for rating in response.ratings.all() if rating.comment}
            if response.side == Side.NETWORK:
                shown.network, shown.network_comments = values, comments
                shown.respondent = response.respondent.display_name if response.respondent else ""
            elif response.organisation_id is not None:
                shown.organisations[response.organisation_id] = values
                shown.organisation_comments[response.organisation_id] = comments
        rounds.append(shown)
    return rounds


@dataclass(frozen=True)
class Series:
    name: str
    side: str
    scores: list[int | None]


@dataclass(frozen=True)
class FactorTrend:
    factor: str
    label: object
    obstacle: bool
    dates: list[date]
    series: list[Series]

    @property
    def rows(self) -> list[tuple[date, list[int | None]]]:
        """The numbers of the chart, a row per check-in: (date, a score per series)."""
        return [(day, [s.scores[i] for s in self.series]) for i, day in enumerate(self.dates)]


def cooperation_trend(*, rounds: list[Round], names: dict[int, str]) -> list[FactorTrend]:
    """Per factor, each side's score (5 best, obstacles turned round) over the answered rounds."""
    answered = [r for r in rounds if r.network is not None or r.organisations]
    organisation_ids = sorted({o for r in answered for o in r.organisations}, key=lambda o: names.get(o, ""))
    trends = []
    for factor in Factor.values:
        series = [
            Series(
                str(Side.NETWORK.label),
                Side.NETWORK,
                [score(factor, (r.network or {}).get(factor)) for r in answered],
            )
        ]
        for organisation_id in organisation_ids:
            series.append(
                Series(
                    names.get(organisation_id, ""),
                    Side.ORGANISATION,
                    [score(factor, r.organisations.get(organisation_id, {}).get(factor)) for r in answered],
                )
            )
        trends.append(
            FactorTrend(
                factor,
                STATEMENTS[factor].label,
                factor in OBSTACLES,
                [r.checkin.due_on for r in answered],
                series,
            )
        )
    return trends


@dataclass(frozen=True)
class CheckinSection:
    plan: CheckinPlan | None
    next_due_on: date | None
    contacts: list[tuple[Partner, CheckinContact | None]]
    rounds: list[Round]
    trend: list[FactorTrend]
    divergences: list[Divergence]
    names: dict[int, str]
    closed: bool

    @property
    def answered(self) -> bool:
        """Whether any side has answered any check-in: before that the trend has nothing to draw."""
        return any(shown.answered for shown in self.rounds)


def cooperation_section(*, cooperation: Cooperation, partners: list[Partner]) -> CheckinSection:
    """Everything the check-in section of a cooperation's page shows (the caller has authorised it;
    ``partners`` with their organisations, as the page has them already)."""
    network = cooperation.network
    plan = _of(CheckinPlan, network).filter(cooperation=cooperation).first()
    contacts = {c.partner_id: c for c in _of(CheckinContact, network).filter(partner__in=partners)}
    rounds = cooperation_rounds(cooperation=cooperation)
    names = {p.organisation_id: p.organisation.name for p in partners}
    for shown in rounds:
        for link in shown.links:
            names.setdefault(link.organisation_id, link.organisation.name)
    # The latest round both sides answered says how it stands now; the trend shows the rounds before.
    compared = [r for r in rounds if r.network is not None and r.organisations]
    divergences = compared[-1].divergences(names) if compared else []
    due = None
    if plan is not None and plan.active:
        due = next_due_on(plan=plan, last_due_on=rounds[-1].checkin.due_on if rounds else None)
    return CheckinSection(
        plan=plan,
        next_due_on=due,
        contacts=[(partner, contacts.get(partner.pk)) for partner in partners],
        rounds=list(reversed(rounds)),
        trend=cooperation_trend(rounds=rounds, names=names),
        divergences=divergences,
        names=names,
        closed=cooperation.stage in CLOSED_STAGES,
    )


def network_response_exists(*, checkin: Checkin) -> bool:
    return _of(Response, checkin.network).filter(checkin=checkin, side=Side.NETWORK).exists()


@dataclass(frozen=True)
class DeskDivergence:
    cooperation_id: int
    title: str
    due_on: date
    organisation: str
    factor: str
    network_score: int
    organisation_score: int

    @property
    def label(self):
        return STATEMENTS[self.factor].label

    @property
    def organisation_worse(self) -> bool:
        return self.organisation_score < self.network_score


@dataclass(frozen=True)
class DeskDivergences:
    cooperations: int
    worse: int
    first: list[DeskDivergence]


def desk_divergences(*, viewer, network: Network | None, rows: int = 5) -> DeskDivergences:
    """The divergences in each running cooperation's latest check-in that both sides answered, in
    ONE query: how many cooperations have one, how many of those where the organisation sees it
    worse, and the first rows (the organisation's worse views first, feeling used before all)."""
    if network is None or not viewer.has_perm("checkins.view_checkins", network):
        raise PermissionDenied
    margin = settings.CHECKIN_MARGIN
    responses = _of(Response, network)
    latest_compared = (
        _of(Checkin, network)
        .filter(cooperation=OuterRef("response__checkin__cooperation"))
        .filter(Exists(responses.filter(checkin=OuterRef("pk"), side=Side.NETWORK)))
        .filter(Exists(responses.filter(checkin=OuterRef("pk"), side=Side.ORGANISATION)))
        .order_by("-due_on", "-pk")
        .values("pk")[:1]
    )
    ours = (
        _of(Rating, network)
        .filter(
            response__checkin=OuterRef("response__checkin"),
            response__side=Side.NETWORK,
            factor=OuterRef("factor"),
        )
        .values("agreement")[:1]
    )
    found = (
        _of(Rating, network)
        .filter(response__side=Side.ORGANISATION, agreement__isnull=False)
        .exclude(response__checkin__cooperation__stage__in=CLOSED_STAGES)
        .annotate(ours=Subquery(ours, output_field=IntegerField()))
        .filter(ours__isnull=False)
        .annotate(difference=Abs(F("agreement") - F("ours")))
        .filter(difference__gt=margin)
        .filter(response__checkin=Subquery(latest_compared))
        .values_list(
            "response__checkin__cooperation_id",
            "response__checkin__cooperation__title",
            "response__checkin__due_on",
            "response__organisation__name",
            "factor",
            "ours",
            "agreement",
        )
        .order_by("response__checkin__cooperation__title", "response__checkin__cooperation_id", "pk")
    )
    shown = [
        DeskDivergence(coop, title, due, name, factor, score(factor, o) or 0, score(factor, a) or 0)
        for coop, title, due, name, factor, o, a in found
    ]
    worse = {d.cooperation_id for d in shown if d.organisation_worse}
    # "They feel used and we did not notice" first, then whatever else the organisation sees worse.
    shown.sort(
        key=lambda d: (not d.organisation_worse, d.factor != Factor.FEELS_USED, d.title, d.cooperation_id)
    )
    return DeskDivergences(
        cooperations=len({d.cooperation_id for d in shown}), worse=len(worse), first=shown[:rows]
    )


def organisation_ratings(
    *, network: Network, organisation_ids
) -> dict[int, tuple[float | None, float | None]]:
    """{organisation id: (mean score the network gave, mean score the organisation gave)} over the
    check-ins of the network's cooperations the organisation was asked in; scores 1–5, 5 best
    (obstacles turned round); None where no rating was given. Two queries."""
    ids = [int(pk) for pk in organisation_ids]
    result: dict[int, tuple[float | None, float | None]] = dict.fromkeys(ids, (None, None))
    if not ids:
        return result
    scored = Case(
        When(factor__in=list(OBSTACLES), then=Value(6) - F("agreement")),
        default=F("agreement"),
        output_field=IntegerField(),
    )
    ratings = _of(Rating, network).filter(agreement__isnull=False)
    theirs = dict(
        ratings.filter(response__side=Side.ORGANISATION, response__organisation_id__in=ids)
        .values("response__organisation_id")
        .annotate(mean=Avg(scored))
        .values_list("response__organisation_id", "mean")
        .order_by()
    )
    ours = dict(
        ratings.filter(response__side=Side.NETWORK, response__checkin__links__organisation_id__in=ids)
        .values("response__checkin__links__organisation_id")
        .annotate(mean=Avg(scored))
        .values_list("response__checkin__links__organisation_id", "mean")
        .order_by()
    )
    for pk in ids:
        mine, their = ours.get(pk), theirs.get(pk)
        result[pk] = (
            float(mine) if mine is not None else None,
            float(their) if their is not None else None,
        )
    return result


def open_checkins(*, cooperation: Cooperation) -> QuerySet[Checkin]:
    """The cooperation's check-ins the network has not answered yet, newest first."""
    return (
        _of(Checkin, cooperation.network)
        .filter(cooperation=cooperation)
        .exclude(responses__side=Side.NETWORK)
        .order_by("-due_on", "-pk")
    )


def contact_of(*, partner: Partner) -> CheckinContact | None:
    """The check-in contact of ``partner`` (the caller has authorised it), or None."""
    return _of(CheckinContact, partner.network).filter(partner=partner).first()
