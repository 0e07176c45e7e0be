"""Maps: every map of the site, built with Folium, with all scripts served by the site itself.

- /kaart/: all sensors of the register (context `sensor_register`) on one map, from one GeoJSON
  file fetched by the page, clustered, coloured by type, filterable by type and theme.
- `location_map(geometry, label)` in the context: the small map on a sensor page (or any page
  with one location or area). Folium renders it once; each page fills in its own geometry.

Folium's own CDN links are never used: only the map's HTML element and its script are embedded,
and the site loads Leaflet from its own copy (VENDOR_ASSETS). No data value is put into HTML
by the scripts: popups, tooltips and lists are built with DOM text nodes.
"""

import json
from pathlib import Path

import folium
from branca.element import MacroElement
from jinja2 import Template
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

GEOMETRY_SLOT = "__OPEN_HILVERSUM_GEOMETRY__"
LABEL_SLOT = "__OPEN_HILVERSUM_LABEL__"


def json_for_script(value):
    """JSON that is safe inside an HTML <script> element (no </script>, no <!--)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class OfflineMap(folium.Map):
    """A folium Map that never refers to a CDN: the site serves Leaflet itself."""

    default_js = []
    default_css = []


class SiteScriptCall(MacroElement):
    """Calls a function of the site's own map script with the map and JSON options."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "OpenHilversumMap.{{ this.function }}({{ this._parent.get_name() }}, {{ this.options }});"
        "{% endmacro %}"
    )

    def __init__(self, function, options_json, element_id):
        super().__init__()
        self._name = "SiteScriptCall"
        self._id = element_id
        self.function = function
        self.options = options_json


def build_map(map_id, tile_server, center, zoom, function, options_json):
    """Folium map (deterministic ids) -> (html, script) to embed in a page of ours."""
    fmap = OfflineMap(location=list(center), zoom_start=zoom, tiles=None, control_scale=True,
                      prefer_canvas=False, max_zoom=tile_server.get("max_zoom", 19))  # fmt: skip
    fmap._id = map_id
    tiles = folium.TileLayer(tiles=tile_server["url"], attr=tile_server["attribution"],
                             name=tile_server.get("name", "Achtergrondkaart"),
                             max_zoom=tile_server.get("max_zoom", 19), subdomains="")  # fmt: skip
    tiles._id = map_id + "_tiles"
    tiles.add_to(fmap)
    SiteScriptCall(function, options_json, map_id + "_layer").add_to(fmap)
    root = fmap.get_root()
    root.render()
    return root.html.render().strip(), root.script.render().strip()


class MapsGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tile_server = self.settings["TILE_SERVER"]
        self._location_template = None

    def generate_context(self):
        self.context["location_map"] = self.location_map

    # --- small map of one location or area ---

    def location_map(self, geometry, label):
        if geometry is None:
            return ""
        if self._location_template is None:
            self._location_template = build_map(
                "locatiekaart",
                self.tile_server,
                self.settings["MAP_CENTER"],
                16,
                "showLocation",
                json.dumps({"geometry": GEOMETRY_SLOT, "label": LABEL_SLOT}),
            )
        html, script = self._location_template
        script = script.replace(f'"{GEOMETRY_SLOT}"', json_for_script(geometry))
        script = script.replace(f'"{LABEL_SLOT}"', json_for_script(label))
        return Markup(self.render_embed(html, script, "location"))

    def render_embed(self, html, script, kind):
        return self.get_template("map_embed").render(self.context, map_html=Markup(html),
                                                     map_script=Markup(script), kind=kind)  # fmt: skip

    # --- the map of all sensors ---

    def generate_output(self, writer):
        register = self.context.get("sensor_register")
        if register is None:
            return
        folder = Path(self.output_path) / "kaart"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "sensoren.geojson").write_text(map_features(register), encoding="utf-8")
        types = [(t.code, t.label, self.settings["SENSOR_TYPE_COLOURS"].get(t.code, "#555555"))
                 for t in register.vocabularies["sensor_type"]]  # fmt: skip
        options = {
            "url": f"{self.settings['SITEURL']}/kaart/sensoren.geojson",
            "sensorUrl": f"{self.settings['SITEURL']}/sensoren/",
            "colours": {code: colour for code, _label, colour in types},
            "labels": {"type": {code: label for code, label, _c in types}, "ui": self.settings["UI"]["map"]},
        }
        html, script = build_map("sensorkaart", self.tile_server, self.settings["MAP_CENTER"], 13,
                                 "showSensors", json_for_script(options))  # fmt: skip
        used_types = {s.sensor_type for s in register.sensors}
        used_themes = {code for s in register.sensors for code in s.themes}
        writer.write_file(
            "kaart/index.html",
            self.get_template("kaart"),
            self.context,
            active_section="kaart",
            map_embed=Markup(self.render_embed(html, script, "sensors")),
            legend=[t for t in types if t[0] in used_types],
            themes=[(t.code, t.label) for t in register.vocabularies["themes"] if t.code in used_themes],
            sensor_count=len(register.sensors),
        )


def map_features(register):
    """The map's GeoJSON: only what a popup shows, under short keys (size matters at 10,000)."""
    features = []
    for sensor in register.sensors:
        geometry = register.geometry(sensor)
        if geometry is None:
            continue
        features.append({
            "type": "Feature",
            "geometry": geometry,
            "properties": {
                "id": sensor.sensor_id, "n": sensor.name, "t": sensor.sensor_type, "th": list(sensor.themes),
                "o": sensor.owner_organisation, "p": int(sensor.processes_personal_data), "u": sensor.purpose,
            },
        })  # fmt: skip
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      separators=(",", ":"))  # fmt: skip


def output_paths(records, settings):
    """{file this plugin writes (a * matches any text): whose it is}; no page may take one."""
    itself = "a page of the site itself (the map)"
    return {"kaart/index.html": itself, "kaart/sensoren.geojson": itself}


def get_generators(pelican):
    return MapsGenerator


def register():
    signals.get_generators.connect(get_generators)
