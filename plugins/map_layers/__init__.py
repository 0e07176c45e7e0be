"""Map layers: thematic layers (charging points, parking zones, trees, neighbourhoods...) for the maps.

Reads `data/layers/lagen.yml` and each layer's GeoJSON (WGS84) or CSV file (latitude/longitude
or x_rd/y_rd in RD New), validates everything and fails the build with every problem listed
before anything is written. Then publishes each layer as open data: `/open-data/<id>.geojson`
and `/open-data/<id>.csv`, listed in the open data catalogue. The maps plugin draws them
(/kaart/, /kaart/<id>/, `embed_map`).

For other plugins and templates it puts in the context:
- `map_layers`: a tuple of validated Layer records, in the manifest's order;
- `open_data_files`: descriptions of the files it publishes.
`area_geometry(code)` gives the polygon of a neighbourhood by its area code (layers that name an
`area_code_field`), for sensors measuring in an area.
"""

import json
import sys
from pathlib import Path

from editor_files.problems import ContentError
from open_data import csv_text
from pelican import signals
from pelican.generators import Generator

from .reader import load_layers
from .records import LAYER_SCHEMA, Layer

__all__ = ["Layer", "LAYER_SCHEMA", "load_layers", "validate_sources", "area_geometry", "layer_geojson", "layer_csv"]

# Area code -> geometry, from the layers of the build that ran last in this process.
_areas = {}


def _data_path(settings):
    return Path(settings.get("DATA_PATH") or Path(settings["PATH"]).parent / "data")


def _themes(data_path):
    """{theme code: Dutch label} from the register's vocabularies, or None when they cannot be read."""
    from sensor_register.vocabulary import load_vocabularies

    vocabularies, _problems = load_vocabularies(data_path / "vocabularies.yml")
    return None if vocabularies is None else {term.code: term.label for term in vocabularies["themes"]}


def load_from_settings(settings):
    data_path = _data_path(settings)
    return load_layers(data_path, settings["MUNICIPALITY_BBOX"], root=data_path.parent, themes=_themes(data_path))


def validate_sources(settings):
    """For `make check`: every problem in data/layers, as Problem records."""
    return load_from_settings(settings)[1]


def areas_of(layers):
    """{area code: GeoJSON geometry} of every layer that names an area_code_field."""
    areas = {}
    for layer in layers:
        if layer.area_code_field:
            for feature in layer.features:
                code = feature["properties"].get(layer.area_code_field)
                if code not in (None, ""):
                    areas.setdefault(str(code), feature["geometry"])
    return areas


def area_geometry(code, settings=None):
    """The GeoJSON geometry (Polygon or MultiPolygon) of a neighbourhood by its area code, or None.

    Without `settings` it answers from the layers this build validated (map_layers runs before the
    sensor register); with `settings` it reads data/layers itself (e.g. for tests or scripts).
    """
    areas = _areas if settings is None else areas_of(load_from_settings(settings)[0])
    return areas.get(code)


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
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))


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


class MapLayersGenerator(Generator):
    """Validates in generate_context (nothing written yet), writes the open data in generate_output."""

    def generate_context(self):
        layers, problems = load_from_settings(self.settings)
        if problems:
            print("\n".join(str(p) for p in problems), file=sys.stderr, flush=True)
            raise ContentError(problems, what="data/layers")
        self.layers = tuple(layers)
        _areas.clear()
        _areas.update(areas_of(self.layers))
        self.context["map_layers"] = self.layers
        self.context.setdefault("open_data_files", []).extend(self.open_data_files())

    def open_data_files(self):
        ui = self.settings["UI"]["map_layers"]
        files = []
        for layer in self.layers:
            description = ui["catalogue_description"].format(description=layer.description, source=layer.source,
                                                             licence=layer.licence)  # fmt: skip
            files += [
                {"url": layer.geojson_url, "title": ui["catalogue_title"].format(title=layer.title, format="GeoJSON"),
                 "format": "GeoJSON", "media_type": "application/geo+json", "description": description},
                {"url": layer.csv_url, "title": ui["catalogue_title"].format(title=layer.title, format="CSV"),
                 "format": "CSV", "media_type": "text/csv", "description": description},
            ]  # fmt: skip
        return files

    def generate_output(self, writer):
        folder = Path(self.output_path) / "open-data"
        folder.mkdir(parents=True, exist_ok=True)
        for layer in self.layers:
            (folder / f"{layer.id}.geojson").write_text(layer_geojson(layer, self.settings), encoding="utf-8")
            (folder / f"{layer.id}.csv").write_text(layer_csv(layer), encoding="utf-8")


def get_generators(pelican):
    return MapLayersGenerator


def register():
    signals.get_generators.connect(get_generators)
