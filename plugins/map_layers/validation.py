"""Checks of a layer's geometry: the declared kind, well-formed coordinates, inside the municipality."""

import math

from .records import GEOMETRY_KINDS

# How deep the coordinate arrays of each GeoJSON geometry type are nested (a position is depth 0).
POSITION_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2,
                  "MultiPolygon": 3}  # fmt: skip


def geometry_problem(geometry, kind, bbox):
    """(message, hint) for the first thing wrong with one GeoJSON geometry, or None."""
    if not isinstance(geometry, dict):
        return "has no geometry", "every feature needs a geometry with a type and coordinates"
    geometry_type = geometry.get("type")
    if geometry_type not in POSITION_DEPTH:
        return f"has geometry type {geometry_type!r}", "use Point, LineString or Polygon (or their Multi- forms)"
    if geometry_type not in GEOMETRY_KINDS[kind]:
        declared = ", ".join(GEOMETRY_KINDS[kind])
        return (f"is a {geometry_type}, but lagen.yml declares geometry: {kind}",
                f"this layer takes {declared}; change the file or the declared geometry")  # fmt: skip
    coordinates = geometry.get("coordinates")
    positions = []
    shape = _collect_positions(coordinates, POSITION_DEPTH[geometry_type], positions)
    if shape:
        return shape
    if geometry_type in ("LineString", "MultiLineString") and any(len(line) < 2 for line in _parts(geometry)):
        return "has a line with fewer than 2 points", "a line needs at least two positions"
    if geometry_type in ("Polygon", "MultiPolygon"):
        for ring in _parts(geometry):
            if len(ring) < 4 or list(ring[0]) != list(ring[-1]):
                return ("has a polygon ring that is not closed",
                        "a ring needs 4 or more positions; the last repeats the first")
    for longitude, latitude in positions:
        message = position_problem(latitude, longitude, bbox)
        if message:
            return message
    return None


def position_problem(latitude, longitude, bbox):
    """(message, hint) when a WGS84 position lies outside the municipality, else None."""
    if bbox["south"] <= latitude <= bbox["north"] and bbox["west"] <= longitude <= bbox["east"]:
        return None
    message = f"{latitude:.5f}, {longitude:.5f} is outside the municipality"
    if bbox["south"] <= longitude <= bbox["north"] and bbox["west"] <= latitude <= bbox["east"]:
        return message, "latitude and longitude are swapped: GeoJSON writes [longitude, latitude]"
    if abs(latitude) > 90 or abs(longitude) > 180:
        return message, "these look like RD New (x, y): GeoJSON needs WGS84; or use a CSV with x_rd and y_rd"
    return message, "check the numbers"


def _collect_positions(value, depth, positions):
    if depth == 0:
        if (not isinstance(value, list) or len(value) not in (2, 3)
                or not all(_is_number(v) for v in value)):  # fmt: skip
            return "has a position that is not [longitude, latitude]", "e.g. [5.1763, 52.2231]"
        positions.append((float(value[0]), float(value[1])))
        return None
    if not isinstance(value, list) or not value:
        return "has empty or malformed coordinates", "see https://geojson.org for the shape of each geometry type"
    for item in value:
        problem = _collect_positions(item, depth - 1, positions)
        if problem:
            return problem
    return None


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _parts(geometry):
    """The lines of a (Multi)LineString, or the rings of a (Multi)Polygon."""
    coordinates = geometry["coordinates"]
    if geometry["type"] == "LineString":
        return [coordinates]
    if geometry["type"] in ("MultiLineString", "Polygon"):
        return coordinates
    return [ring for polygon in coordinates for ring in polygon]
