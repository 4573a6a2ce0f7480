"""A map of a search result, drawn from the app's own data as an inline SVG.

The app bundles no outline of Germany (neither Länder nor Kreise shapes; see
``docs/directory-map.md``) and requests no tiles, so the map draws the
organisations' own coordinates: one circle per Kreis at the mean position of
its located organisations, sized by how many of the result are there, over a
graticule of degrees. The view fits the result (a regional directory is not
lost in a map of all Germany). Organisations without coordinates are counted
in the list under the map (its text alternative), not drawn.
"""

import math
from dataclasses import dataclass, field, replace

from django.db.models import Avg, Count, QuerySet

from augenhoehe.core.models import Kreis

from .models import Organisation

# Germany's bounding box in degrees, with a small margin: coordinates outside are not drawn.
GERMANY = (47.1, 5.6, 55.2, 15.3)  # south, west, north, east
WIDTH = 400
MIN_SPAN = 1.0  # degrees of latitude the view shows at least (a result in one town)
MARGIN = 0.25  # of the result's extent, on every side
MIN_RADIUS, MAX_RADIUS = 4.0, 18.0


@dataclass(frozen=True)
class View:
    """An equirectangular projection of a box of degrees onto the SVG, true to scale at its middle."""

    south: float
    west: float
    north: float
    east: float

    @property
    def x_scale(self) -> float:
        return WIDTH / (self.east - self.west)

    @property
    def y_scale(self) -> float:
        return self.x_scale / math.cos(math.radians((self.south + self.north) / 2))

    @property
    def height(self) -> int:
        return round((self.north - self.south) * self.y_scale)

    def project(self, latitude: float, longitude: float) -> tuple[float, float]:
        return (longitude - self.west) * self.x_scale, (self.north - latitude) * self.y_scale


def view_around(points: list[tuple[float, float]]) -> View:
    """The view that shows ``points`` (latitude, longitude) with a margin, never wider than Germany."""
    if not points:
        return View(*GERMANY)
    south, north = min(p[0] for p in points), max(p[0] for p in points)
    west, east = min(p[1] for p in points), max(p[1] for p in points)
    middle_lat, middle_lon = (south + north) / 2, (west + east) / 2
    # Degrees of longitude are shorter than degrees of latitude by cos(latitude).
    squeeze = math.cos(math.radians(middle_lat))
    lat_span = max((north - south) * (1 + 2 * MARGIN), MIN_SPAN, (east - west) * squeeze * 0.6)
    lon_span = max((east - west) * (1 + 2 * MARGIN), lat_span / squeeze * 1.2)
    lat_span = max(lat_span, lon_span * squeeze * 0.8)
    return View(
        south=max(middle_lat - lat_span / 2, GERMANY[0]),
        west=max(middle_lon - lon_span / 2, GERMANY[1]),
        north=min(middle_lat + lat_span / 2, GERMANY[2]),
        east=min(middle_lon + lon_span / 2, GERMANY[3]),
    )


@dataclass(frozen=True)
class Place:
    """The organisations of a result in one Kreis."""

    ags: str
    name: str
    count: int
    located: int
    latitude: float | None = None
    longitude: float | None = None
    x: float | None = None
    y: float | None = None
    radius: float = 0.0


@dataclass(frozen=True)
class ResultMap:
    places: list[Place] = field(default_factory=list)
    view: View = View(*GERMANY)

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def height(self) -> int:
        return self.view.height

    @property
    def drawn(self) -> list[Place]:
        """The places with coordinates, largest first so that small circles stay on top."""
        return sorted((p for p in self.places if p.x is not None), key=lambda p: -p.count)

    @property
    def unlocated(self) -> int:
        return sum(p.count - p.located for p in self.places)

    @property
    def grid(self) -> list[tuple[str, float, float, float, float]]:
        """Lines of the graticule with their labels (every degree, every half degree when close)."""
        view = self.view
        step = 0.5 if view.north - view.south < 3 else 1.0
        lines = []
        for lon in _steps(view.west, view.east, step):
            lines.append((f"{lon:g}° E", *view.project(view.south, lon), *view.project(view.north, lon)))
        for lat in _steps(view.south, view.north, step):
            lines.append((f"{lat:g}° N", *view.project(lat, view.west), *view.project(lat, view.east)))
        return [
            (label, round(x1, 1), round(y1, 1), round(x2, 1), round(y2, 1)) for label, x1, y1, x2, y2 in lines
        ]


def _steps(low: float, high: float, step: float) -> list[float]:
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step) + 1) if first + i * step < high]


def _inside(latitude: float, longitude: float) -> bool:
    south, west, north, east = GERMANY
    return south <= latitude <= north and west <= longitude <= east


def result_map(organisations: QuerySet[Organisation]) -> ResultMap:
    """The map of ``organisations`` (already visible to the reader): counts and positions per Kreis."""
    rows = list(
        organisations.order_by()
        .values("kreis_id")
        .annotate(n=Count("pk"), located=Count("latitude"), lat=Avg("latitude"), lon=Avg("longitude"))
    )
    kreise = Kreis.objects.in_bulk([row["kreis_id"] for row in rows])
    places = []
    for row in rows:
        place = Place(
            ags=row["kreis_id"],
            name=str(kreise[row["kreis_id"]].display_name),
            count=row["n"],
            located=row["located"],
        )
        if row["located"] and _inside(float(row["lat"]), float(row["lon"])):
            place = replace(place, latitude=float(row["lat"]), longitude=float(row["lon"]))
        places.append(place)
    located = [p for p in places if p.latitude is not None]
    view = view_around([(p.latitude, p.longitude) for p in located])  # type: ignore[misc]
    largest = max((p.count for p in located), default=1)
    drawn = {}
    for p in located:
        x, y = view.project(p.latitude, p.longitude)  # type: ignore[arg-type]
        radius = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(p.count / largest)
        drawn[p.ags] = replace(p, x=round(x, 1), y=round(y, 1), radius=round(radius, 1))
    places = [drawn.get(p.ags, p) for p in places]
    places.sort(key=lambda p: (-p.count, p.name))
    return ResultMap(places=places, view=view)
