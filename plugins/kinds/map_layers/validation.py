# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Checks of a layer's geometry: the declared kind, well-formed coordinates, inside the municipality."""

import math

from editor_files.messages import msg

from .records import GEOMETRY_KINDS

# How deep the coordinate arrays of each GeoJSON geometry type are nested (a position is depth 0).
POSITION_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2,
                  "MultiPolygon": 3}  # fmt: skip


def geometry_problem(geometry, kind, bbox):
    """(message, hint) for the first thing wrong with one GeoJSON geometry, or None."""
    if not isinstance(geometry, dict):
        return msg("has no geometry"), msg("every feature needs a geometry with a type and coordinates")
    geometry_type = geometry.get("type")
    if geometry_type not in POSITION_DEPTH:
        return msg("has geometry type {geometry_type!r}",
                   geometry_type=geometry_type), msg("use Point, LineString or Polygon (or their Multi- forms)")
    if geometry_type not in GEOMETRY_KINDS[kind]:
        declared = ", ".join(GEOMETRY_KINDS[kind])
        return (msg("is a {geometry_type}, but lagen.yml declares geometry: {kind}", geometry_type=geometry_type,
                    kind=kind),
                msg("this layer takes {declared}; change the file or the declared geometry",
                    declared=declared))  # fmt: skip
    coordinates = geometry.get("coordinates")
    positions = []
    shape = _collect_positions(coordinates, POSITION_DEPTH[geometry_type], positions)
    if shape:
        return shape
    if geometry_type in ("LineString", "MultiLineString") and any(len(line) < 2 for line in _parts(geometry)):
        return msg("has a line with fewer than 2 points"), msg("a line needs at least two positions")
    if geometry_type in ("Polygon", "MultiPolygon"):
        for ring in _parts(geometry):
            if len(ring) < 4 or list(ring[0]) != list(ring[-1]):
                return (msg("has a polygon ring that is not closed"),
                        msg("a ring needs 4 or more positions; the last repeats the first"))
    for longitude, latitude in positions:
        message = position_problem(latitude, longitude, bbox)
        if message:
            return message
    return None


def position_problem(latitude, longitude, bbox):
    """(message, hint) when a WGS84 position lies outside the municipality, else None."""
    if bbox["south"] <= latitude <= bbox["north"] and bbox["west"] <= longitude <= bbox["east"]:
        return None
    message = msg("{latitude:.5f}, {longitude:.5f} is outside the municipality", latitude=latitude, longitude=longitude)
    if bbox["south"] <= longitude <= bbox["north"] and bbox["west"] <= latitude <= bbox["east"]:
        return message, msg("latitude and longitude are swapped: GeoJSON writes [longitude, latitude]")
    if abs(latitude) > 90 or abs(longitude) > 180:
        return message, msg("these look like RD New (x, y): GeoJSON needs WGS84; or use a CSV with x_rd and y_rd")
    return message, msg("check the numbers")


def _collect_positions(value, depth, positions):
    if depth == 0:
        if (not isinstance(value, list) or len(value) not in (2, 3)
                or not all(_is_number(v) for v in value)):  # fmt: skip
            return msg("has a position that is not [longitude, latitude]"), msg("e.g. [5.1763, 52.2231]")
        positions.append((float(value[0]), float(value[1])))
        return None
    if not isinstance(value, list) or not value:
        return msg("has empty or malformed coordinates"), msg("see https://geojson.org for the shape of each geometry "
                                                              "type")
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
