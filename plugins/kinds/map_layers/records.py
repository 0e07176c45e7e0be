# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""What a map layer is: the manifest's fields (declared once) and the validated Layer record."""

import dataclasses
from dataclasses import dataclass

from editor_files.schema import Field, Schema

MANIFEST = "lagen.yml"
# Declared geometry kind -> the GeoJSON geometry types it accepts.
GEOMETRY_KINDS = {
    "points": ("Point", "MultiPoint"),
    "lines": ("LineString", "MultiLineString"),
    "polygons": ("Polygon", "MultiPolygon"),
}
DATA_SUFFIXES = (".geojson", ".json", ".csv")

LAYER_SCHEMA = Schema("map layer", [
    Field("id", "id", required=True, example="laadpalen"),
    Field("title", required=True, example="Laadpalen"),
    Field("description", required=True),
    Field("source", required=True, example="Gemeente, afdeling Mobiliteit"),
    Field("source_url", "url", example="https://www.gemeente.nl/"),
    Field("licence", required=True, example="CC0-1.0"),
    Field("date", "date", required=True, example="2025-03-01"),
    Field("geometry", "code", required=True, example="points"),
    Field("style", stored=False, required=True, example="{colour: '#1565c0', radius: 6}"),
    Field("popup", stored=False, required=True, example="{straat: Straat, aantal: Aantal laadpunten}"),
    Field("theme", "code", required=True, vocabulary="themes", example="energy"),
    Field("file", required=True, example="laadpalen.csv"),
    Field("area_code_field", example="code"),
    Field("example_data", "yes_no"),
    # Optional English for the site's English pages (LANGUAGES); without them the Dutch is shown, marked Dutch.
    Field("title_en"),
    Field("description_en"),
])  # fmt: skip

STYLE_SCHEMA = Schema("layer style", [
    Field("colour", required=True, example="#1565c0"),
    Field("radius", "number", condition="for points", example="6"),
    Field("fill_opacity", "number", condition="for polygons", example="0.2"),
])  # fmt: skip


@dataclass(frozen=True)
class LayerStyle:
    colour: str
    radius: float | None = None
    fill_opacity: float | None = None


def _namespace():
    return {
        "page_url": property(lambda self: f"kaart/{self.id}/"),
        "geojson_url": property(lambda self: f"open-data/{self.id}.geojson"),
        "csv_url": property(lambda self: f"open-data/{self.id}.csv"),
        "popup_labels": property(lambda self: tuple(label for _field, label in self.popup)),
        "__doc__": "One validated map layer: the manifest's fields, its style, popup fields and features.",
    }


Layer = LAYER_SCHEMA.record_class(
    "Layer",
    extra=[
        ("style", LayerStyle | None, None),
        ("popup", tuple, ()),  # ((property name, Dutch label), ...)
        ("fields", tuple, ()),  # every property name, in the file's order
        ("features", tuple, ()),  # GeoJSON Feature dicts, coordinates in WGS84
        ("source_path", str, ""),
        ("declared_at", str, dataclasses.field(default="", compare=False)),  # lagen.yml:line of its id
        ("theme_label", str, ""),
    ],
    namespace=_namespace(),
)
