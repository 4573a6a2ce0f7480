"""Live figures from the directory (selectors): organisations per Kreis and Land, the share run
by volunteers only, and by kind, counted in the database in a fixed number of queries.

Who counts (docs/statistics.md, "Live figures from the directory"):
- Only the staff of the active network read these figures (``statistics.view_statistics``).
- In the network's **own Kreise** every organisation counts, published or not: the network
  answers for them and its staff see them in the directory anyway; the table says how many of
  them are published.
- **Elsewhere** (the Kreise map of a Land, the Länder nationwide) only published organisations
  count, so that every network sees the same figures there and no network learns of another's
  unpublished profiles.
- "Run by volunteers only" is a share of the organisations that say how they are staffed; those
  that do not are counted apart, never as "not volunteers only".

The organisations are read through the directory's ``organisation_visible_queryset`` and only
grouped here; the regions through ``core.selectors``.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count

from augenhoehe.core.models import Kreis, Land, Network
from augenhoehe.core.selectors import kreis_list, land_list
from augenhoehe.directory.choices import Kind, Staffing
from augenhoehe.directory.selectors import organisation_visible_queryset

from .computing import HUNDRED, Interval


@dataclass
class Tally:
    """Organisations of one region: how many, how many published, how staffed, of which kind."""

    total: int = 0
    published: int = 0
    volunteers_only: int = 0
    staffing_known: int = 0
    kinds: Counter = field(default_factory=Counter)

    def add(self, *, count: int, staffing: str, kind: str = "", published: bool = True) -> None:
        self.total += count
        self.published += count if published else 0
        self.staffing_known += count if staffing else 0
        self.volunteers_only += count if staffing == Staffing.VOLUNTEERS_ONLY else 0
        if kind:
            self.kinds[kind] += count

    def merge(self, other: "Tally") -> None:
        self.total += other.total
        self.published += other.published
        self.volunteers_only += other.volunteers_only
        self.staffing_known += other.staffing_known
        self.kinds.update(other.kinds)

    @property
    def staffing_unknown(self) -> int:
        return self.total - self.staffing_known

    @property
    def volunteers_share(self) -> Interval | None:
        """The share run by volunteers only, in % of those that say how they are staffed."""
        if not self.staffing_known:
            return None
        share = Decimal(self.volunteers_only) * HUNDRED / self.staffing_known
        return Interval(share, share)


@dataclass
class DirectoryFigures:
    own_kreise: list[tuple[Kreis, Tally]]  # the network's Kreise, all organisations
    own_total: Tally
    land: Land
    land_kreise: list[tuple[Kreis, Tally]]  # the chosen Land's Kreise, published organisations
    laender: list[tuple[Land, Tally]]  # nationwide, published organisations
    kinds_nationwide: Counter

    def kinds(self) -> list[tuple[str, int, int]]:
        """Per kind: its label, the count in the network's Kreise, the count published nationwide."""
        return [
            (str(label), self.own_total.kinds[code], self.kinds_nationwide[code])
            for code, label in Kind.choices
        ]


def _tallies(rows, key: str, regions) -> list[tuple]:
    tallies = {region.pk: Tally() for region in regions}
    for row in rows:
        tallies[row[key]].add(
            count=row["n"],
            staffing=row["staffing"],
            kind=row.get("kind", ""),
            published=row.get("is_published", True),
        )
    return [(region, tallies[region.pk]) for region in regions]


def directory_figures(*, viewer, network: Network | None, land: str) -> DirectoryFigures:
    """The live figures for the staff of ``network`` (403 for anyone else), with the Kreise of
    ``land`` (a Land's key) for its map; seven queries whatever the number of organisations."""
    if network is None or not viewer.has_perm("statistics.view_statistics", network):
        raise PermissionDenied
    organisations = organisation_visible_queryset(viewer=viewer).order_by()
    published = organisations.filter(is_published=True)
    laender = list(land_list())
    chosen = next((candidate for candidate in laender if candidate.pk == land), laender[0])
    own = list(kreis_list().filter(networks=network))
    own_rows = (
        organisations.filter(kreis__in=own)
        .values("kreis_id", "kind", "staffing", "is_published")
        .annotate(n=Count("pk"))
    )
    own_kreise = _tallies(own_rows, "kreis_id", own)
    own_total = Tally()
    for _kreis, tally in own_kreise:
        own_total.merge(tally)
    land_kreise = list(kreis_list().filter(land=chosen))
    land_rows = published.filter(kreis__land=chosen).values("kreis_id", "staffing").annotate(n=Count("pk"))
    laender_rows = published.values("kreis__land_id", "staffing").annotate(n=Count("pk"))
    kinds = Counter(dict(published.values_list("kind").annotate(n=Count("pk"))))
    return DirectoryFigures(
        own_kreise=own_kreise,
        own_total=own_total,
        land=chosen,
        land_kreise=_tallies(land_rows, "kreis_id", land_kreise),
        laender=_tallies(laender_rows, "kreis__land_id", laender),
        kinds_nationwide=kinds,
    )


def network_land(*, network: Network) -> str | None:
    """The Land most of the network's Kreise lie in (the directory page's default map)."""
    lands = Counter(kreis.land_id for kreis in kreis_list().filter(networks=network))
    return lands.most_common(1)[0][0] if lands else None
