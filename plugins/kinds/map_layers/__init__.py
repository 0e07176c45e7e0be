# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Map layers: thematic layers (charging points, parking zones, trees, neighbourhoods...) for the maps.

Reads `data/layers/lagen.yml` and each layer's GeoJSON (WGS84) or CSV file (latitude/longitude
or x_rd/y_rd in RD New), validates everything and fails the build with every problem listed
before anything is written. Then publishes each layer as open data: `/open-data/<id>.geojson`
and `/open-data/<id>.csv`, listed in the open data catalogue. The maps plugin draws them
(/kaart/, /kaart/<id>/, `embed_map`).

The layers are read once per build by `site_records` (`records_for(settings).layers`), which
also gives area sensors their neighbourhood polygons. `open_data_files(records, settings)`
describes the files it publishes (collected by open_data).
"""

import json

from editor_files.messages import msg
from site_outputs import Output
from site_outputs.csv_files import csv_text

from .reader import load_layers
from .records import LAYER_SCHEMA, Layer

__all__ = ["Layer", "LAYER_SCHEMA", "load_layers", "layer_geojson", "layer_csv"]


def layer_metadata(layer, settings):
    return {
        "id": layer.id, "title": layer.title, "description": layer.description, "source": layer.source,
        "source_url": layer.source_url, "licence": layer.licence, "date": layer.date.isoformat(),
        "theme": layer.theme, "example_data": layer.example_data,
        "publisher": settings.get("MUNICIPALITY", ""),
    }  # fmt: skip


def layer_geojson(layer, settings):
    """The layer as a GeoJSON FeatureCollection (WGS84), with its metadata as a foreign member."""
    collection = {"type": "FeatureCollection", "name": layer.id, "metadata": layer_metadata(layer, settings),
                  "features": list(layer.features)}  # fmt: skip
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def layer_csv(layer):
    """The layer as spreadsheet-safe CSV: its properties, then latitude/longitude or the geometry as WKT."""
    points = layer.geometry == "points" and all(f["geometry"]["type"] == "Point" for f in layer.features)
    header = list(layer.fields) + (["latitude", "longitude"] if points else ["geometry_wkt"])
    rows = []
    for feature in layer.features:
        values = [feature["properties"].get(name) for name in layer.fields]
        geometry = feature["geometry"]
        coordinates = geometry["coordinates"]
        rows.append(values + ([coordinates[1], coordinates[0]] if points else [wkt(geometry)]))
    return csv_text(header, rows)


def wkt(geometry):
    """Well-known text of a GeoJSON geometry (what GIS tools read from a CSV column)."""

    def position(p):
        return f"{p[0]} {p[1]}"

    def sequence(positions):
        return "(" + ", ".join(position(p) for p in positions) + ")"

    def rings(polygon):
        return "(" + ", ".join(sequence(ring) for ring in polygon) + ")"

    kind, coordinates = geometry["type"], geometry["coordinates"]
    body = {
        "Point": lambda c: "(" + position(c) + ")",
        "MultiPoint": sequence,
        "LineString": sequence,
        "MultiLineString": rings,
        "Polygon": rings,
        "MultiPolygon": lambda c: "(" + ", ".join(rings(polygon) for polygon in c) + ")",
    }[kind](coordinates)
    return f"{kind.upper()} {body}"


def open_data_files(records, settings):
    """Each layer's GeoJSON and CSV file, described for /open-data/ and the catalogue (collected by open_data)."""
    ui = settings["UI"]["map_layers"]
    files = []
    for layer in records.layers:
        description = ui["catalogue_description"].format(description=layer.description, source=layer.source,
                                                         licence=layer.licence)  # fmt: skip
        common = {"description": description, "dataset": layer.id, "dataset_title": layer.title,
                  "licence": layer.licence, "source": layer.source}  # fmt: skip
        # For /open-data/: the interface's sentence and the editor's texts apart (`shown`), so a page in
        # another language shows the layer's English title and description or marks the Dutch ones.
        shown_description = {"text": ui["catalogue_description"], "parts": [
            {"name": "description", "record": layer, "field": "description"},
            {"name": "source", "record": layer, "field": "source"}, {"name": "licence", "text": layer.licence}]}
        for url, format_, media_type in ((layer.geojson_url, "GeoJSON", "application/geo+json"),
                                         (layer.csv_url, "CSV", "text/csv")):
            shown_title = {"text": ui["catalogue_title"], "parts": [
                {"name": "title", "record": layer, "field": "title"}, {"name": "format", "text": format_}]}
            files.append({"url": url, "title": ui["catalogue_title"].format(title=layer.title, format=format_),
                          "format": format_, "media_type": media_type, **common,
                          "shown": {"title": shown_title, "description": shown_description}})
    return files


def outputs(records, settings):
    """Every layer's open data, as GeoJSON and CSV, named at the layer's id in lagen.yml."""
    for layer in records.layers:
        owner = msg("open data of map layer {id}", id=layer.id)
        yield Output(layer.geojson_url, owner, source=layer.declared_at,
                     make=lambda g, la=layer: layer_geojson(la, g.settings))  # fmt: skip
        yield Output(layer.csv_url, owner, source=layer.declared_at, make=lambda g, la=layer: layer_csv(la))

