"""A map of a search result, drawn from the app's own data as an inline SVG.

The app bundles no outline of Germany (neither Länder nor Kreise shapes; see
``docs/``) and requests no tiles, so the map draws the organisations' own
coordinates: one circle per Kreis at the mean position of its located
organisations, sized by how many of the result are there. Organisations
without coordinates are counted in the list beside the map (its text
alternative), not drawn.
"""

import math
from dataclasses import dataclass, field, replace

from django.db.models import Avg, Count, QuerySet

from augenhoehe.core.models import Kreis

from .models import Organisation

# Germany's bounding box in degrees, with a small margin.
WEST, EAST, SOUTH, NORTH = 5.6, 15.3, 47.1, 55.2
WIDTH = 400
# Longitude degrees shrink with latitude; at Germany's middle (51° N) by cos(51°).
_X_SCALE = WIDTH / (EAST - WEST)
_Y_SCALE = _X_SCALE / math.cos(math.radians(51))
HEIGHT = round((NORTH - SOUTH) * _Y_SCALE)
MIN_RADIUS, MAX_RADIUS = 3.0, 16.0


@dataclass(frozen=True)
class Place:
    """The organisations of a result in one Kreis."""

    ags: str
    name: str
    count: int
    located: int
    x: float | None = None
    y: float | None = None
    radius: float = 0.0


@dataclass(frozen=True)
class ResultMap:
    places: list[Place] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def drawn(self) -> list[Place]:
        """The places with coordinates, largest first so that small circles stay on top."""
        return sorted((p for p in self.places if p.x is not None), key=lambda p: -p.count)

    @property
    def unlocated(self) -> int:
        return sum(p.count - p.located for p in self.places)

    @property
    def grid(self) -> list[tuple[str, float, float, float, float]]:
        """Lines of the graticule (every 2° of longitude, every degree of latitude) with their labels."""
        lines = [(f"{lon}° E", *project(SOUTH, lon), *project(NORTH, lon)) for lon in range(6, 16, 2)]
        lines += [(f"{lat}° N", *project(lat, WEST), *project(lat, EAST)) for lat in range(48, 56)]
        return [
            (label, round(x1, 1), round(y1, 1), round(x2, 1), round(y2, 1)) for label, x1, y1, x2, y2 in lines
        ]


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """SVG coordinates of a point: an equirectangular projection true to scale at 51° N."""
    return (longitude - WEST) * _X_SCALE, (NORTH - latitude) * _Y_SCALE


def _inside(latitude: float, longitude: float) -> bool:
    return SOUTH <= latitude <= NORTH and WEST <= longitude <= EAST


def result_map(organisations: QuerySet[Organisation]) -> ResultMap:
    """The map of ``organisations`` (already visible to the reader): counts and positions per Kreis."""
    rows = list(
        organisations.order_by()
        .values("kreis_id")
        .annotate(n=Count("pk"), located=Count("latitude"), lat=Avg("latitude"), lon=Avg("longitude"))
    )
    kreise = Kreis.objects.in_bulk([row["kreis_id"] for row in rows])
    largest = max((row["n"] for row in rows), default=1)
    places = []
    for row in rows:
        kreis = kreise[row["kreis_id"]]
        place = Place(ags=kreis.ags, name=str(kreis.display_name), count=row["n"], located=row["located"])
        if row["located"] and _inside(float(row["lat"]), float(row["lon"])):
            x, y = project(float(row["lat"]), float(row["lon"]))
            radius = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(row["n"] / largest)
            place = replace(place, x=round(x, 1), y=round(y, 1), radius=round(radius, 1))
        places.append(place)
    places.sort(key=lambda p: (-p.count, p.name))
    return ResultMap(places=places)
