# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Maps: every map of the site, built with Folium, with no inline script and no CDN.

How a map reaches a page:
- Folium (public API only) renders the map element and the script that creates the Leaflet map
  and calls `SiteMaps.start` (theme/static/js/maps.js). That script is written once per
  map element id to `/kaart/js/<id>.js`; element ids are fixed names, so builds are reproducible.
- What differs per page (geometry, layers, sensor filter, view) is a JSON data block
  (`<script type="application/json" id="<id>-data">`) next to the map element. All sensor pages
  share one script (`locatiekaart.js`) and carry only their own data block.
- Pages with a map include `map_head.html` in their <head>: Leaflet's CSS and the deferred
  shared scripts, which therefore run before each map's own deferred script.

Maps in this plugin:
- /kaart/: every sensor of the register (one compact file, `kaart/sensoren-punten.json`, preloaded
  and fetched by the page, clustered, coloured by type, filterable by type and theme; a marker's
  popup and tooltip are bound when it is first shown) and every map layer (site_records' `layers`),
  each switchable with a checkbox outside the map; layers load when switched on.
- /kaart/<layer-id>/: one layer, its description, source, licence and a table of its features.
- `small_map` in the context (a `LocationMap`): what the small map of a sensor or dossier
  page shares; the macro `location_map(geometry, label)` of `location_map.html` draws it.
- `embed_map(build, ...)`: a map for any page (stories); see its docstring.

No data value is put into HTML by the scripts: popups, tooltips and lists are DOM text nodes.
"""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import folium
from branca.element import MacroElement
from editor_files.memo import build_cache, store, text_digest
from editor_files.messages import msg
from jinja2 import Template
from markupsafe import Markup
from site_language import field_in, language_tag, localised, translated
from site_outputs import Build, Derived, Output, Page
from site_records import records_for

SCRIPT_FOLDER = "kaart/js"
LOCATION_MAP, LOCATION_ZOOM = "locatiekaart", 16  # the small map of a sensor or dossier page
OVERVIEW_MAP = "sensorkaart"  # the map of every sensor, /kaart/
SENSOR_FEATURES = "kaart/sensoren.geojson"
SENSOR_POINTS = "kaart/sensoren-punten.json"  # /kaart/'s first payload: see map_points
SENSOR_FILTER_KEYS = ("ids", "sensor_type", "themes")


# The most objects a layer page lists in its table (the page-size targets of the README hold at any size).
LAYER_TABLE_ROWS = 400

def json_for_script(value):
    """JSON that is safe inside an HTML <script> element (no </script>, no <!--)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --- Folium, extended by subclassing ---


class SiteMap(folium.Map):
    """A folium Map with a fixed element id that never refers to a CDN (the site serves Leaflet)."""

    default_js = []
    default_css = []

    def __init__(self, element_id, **options):
        self.element_id = element_id  # before folium's __init__, which already asks for the name
        super().__init__(**options)

    def get_name(self):
        return self.element_id


class SiteTileLayer(folium.TileLayer):
    def __init__(self, element_id, **options):
        self.element_id = element_id
        super().__init__(**options)

    def get_name(self):
        return self.element_id


class StartMap(MacroElement):
    """Hands the Leaflet map to the site's script, which reads the page's JSON data block."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "SiteMaps.start({{ this.site_map.get_name() }}, {{ this.site_map.get_name()|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, site_map):
        super().__init__()
        self.site_map = site_map

    def get_name(self):
        return self.site_map.get_name() + "_start"


def _rendered_map(element_id, tile_server_json, center, zoom):
    tile_server = json.loads(tile_server_json)
    max_zoom = tile_server.get("max_zoom", 19)
    site_map = SiteMap(element_id, location=list(center), zoom_start=zoom, tiles=None, control_scale=True,
                       prefer_canvas=False, max_zoom=max_zoom)  # fmt: skip
    SiteTileLayer(element_id + "_tiles", tiles=tile_server["url"], attr=tile_server["attribution"],
                  name=tile_server.get("name", ""), max_zoom=max_zoom,
                  subdomains="").add_to(site_map)  # fmt: skip
    StartMap(site_map).add_to(site_map)
    root = site_map.get_root()
    root.render()
    return root.html.render().strip(), root.script.render().strip() + "\n"


def rendered_map(element_id, settings, zoom=13):
    """(map element HTML, map script) for one element id, rendered by Folium once per build."""
    tile_server = json.dumps(settings["TILE_SERVER"], sort_keys=True)
    key = (element_id, tile_server, tuple(settings["MAP_CENTER"]), zoom)
    return build_cache(settings).store("maps", 64).get(key, lambda: _rendered_map(*key))


def ensure_script(output_path, settings, element_id, zoom=13):
    """Write /kaart/js/<element_id>.js unless this build already did; returns its site path."""
    relative = f"{SCRIPT_FOLDER}/{element_id}.js"
    target = Path(output_path) / relative
    written = build_cache(settings).of_build(settings, "map_scripts", set)  # not by what is on disk: make
    if relative not in written:  # serve writes into the folder of an earlier build
        written.add(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(rendered_map(element_id, settings, zoom)[1], encoding="utf-8")
    return relative


def render_map(build, element_id, data, *, kind, label, zoom=13, layer_links=(), sensor_list=False):
    """The HTML of one map: element, JSON data block and a deferred script (never inline)."""
    settings = build.settings
    script = ensure_script(build.output_path, settings, element_id, zoom)
    html, _script = rendered_map(element_id, settings, zoom)
    if kind != "location":  # the small map of a sensor page needs no interface text
        data = dict(data, ui=settings["UI"]["map"], layerUi=settings["UI"]["map_layers"])
    if content_lang(settings):  # the tiles' attribution (TILE_SERVER) is written in the site's first language
        data = dict(data, attributionLang=content_lang(settings))
    return Markup(build.get_template("map_embed").render(
        build.context, map_html=Markup(html), map_data=Markup(json_for_script(data)), element_id=element_id,
        script_url=script, kind=kind, label=label, layer_links=layer_links, sensor_list=sensor_list,
    ))  # fmt: skip


# --- what a map shows ---


def languages(settings):
    """(the page's language, the site's first language: the one editors write in)."""
    lang = settings.get("DEFAULT_LANG", "nl")
    return lang, (settings.get("LANGUAGES") or [lang])[0]


def content_lang(settings):
    """The lang tag a map's script puts on what editors wrote (names, purposes, a layer's fields and
    values) on a page in another language than theirs; None on a page in their language."""
    lang, original = languages(settings)
    return None if lang == original else language_tag(original)


def layer_options(layer, settings):
    """What the browser needs to draw one layer (see map_layers.records.Layer)."""
    lang, original = languages(settings)
    # On a page in another language: the language of the layer's own data, and of its title when it has
    # none in the page's language (no title_<lang>). A page in the editors' language has neither key.
    marks = {}
    if lang != original:
        marks = {"contentLang": language_tag(original),
                 "titleLang": None if field_in(layer, "title", lang) else language_tag(original)}  # fmt: skip
    return {
        "id": layer.id,
        "title": translated(layer, "title", lang, original),
        **marks,
        "url": f"{settings['SITEURL']}/{layer.geojson_url}",
        "geometry": layer.geometry,
        "colour": layer.style.colour,
        "radius": layer.style.radius,
        "fillOpacity": layer.style.fill_opacity,
        "popup": [[field, label] for field, label in layer.popup],
    }


def sensor_options(register, settings):
    types = sensor_types(register, settings)
    return {
        "url": f"{settings['SITEURL']}/{SENSOR_FEATURES}",
        "pointsUrl": f"{settings['SITEURL']}/{SENSOR_POINTS}",
        # with {id}; a page in another language links the sensor's page in that language
        "sensorUrl": f"{settings['SITEURL']}{settings.get('LANGUAGE_PATH', '')}/"
                     f"{records_for(settings).settings.urls['sensor']}",
        "colours": {code: colour for code, _label, colour in types},
        "typeLabels": {code: label for code, label, _colour in types},
        # on a page in another language: the key of a sensor's name in it (map_properties), and the
        # language of what editors wrote (a name without a translation, the purpose)
        **({} if content_lang(settings) is None else {"nameKey": f"n_{languages(settings)[0]}",
                                                       "contentLang": content_lang(settings)}),
    }


def sensor_types(register, settings):
    colours = settings["SENSOR_TYPE_COLOURS"]
    return [(t.code, t.label_in(register.language), colours.get(t.code, "#555555"))
            for t in register.vocabularies["sensor_type"]]


def sensor_filter(register, sensors):
    """`sensors` of embed_map as a filter the browser applies, or ValueError."""
    if sensors is True:
        return {}
    if not isinstance(sensors, dict):
        raise ValueError(f"sensors must be None, True or a dict filter, not {sensors!r}")
    unknown_keys = set(sensors) - set(SENSOR_FILTER_KEYS)
    if unknown_keys:
        raise ValueError(f"unknown sensor filter key(s) {sorted(unknown_keys)}; allowed: {SENSOR_FILTER_KEYS}")
    known = {
        "ids": {s.sensor_id for s in register.sensors},
        "sensor_type": set(register.vocabularies["sensor_type"].terms),
        "themes": set(register.vocabularies["themes"].terms),
    }
    result = {}
    for key, values in sensors.items():
        values = [values] if isinstance(values, str) else list(values)
        unknown = [v for v in values if v not in known[key]]
        if unknown:
            raise ValueError(f"unknown {key} in the sensor filter: {', '.join(map(str, unknown))}")
        result[key] = values
    return result


def embed_map(build, *, layers=(), sensors=None, center=None, zoom=None, title=""):
    """The HTML of a map for any page (e.g. a story), as Markup: element, JSON data block, script.

    build: this build (a `site_outputs.Build`: its settings, context and templates are used).
    layers: ids of map layers (data/layers/lagen.yml), drawn in this order.
    sensors: None (no sensors), True (all) or a filter, e.g. {"sensor_type": ["climate"],
        "themes": ["air"]} or {"ids": ["HLV-LCH-001"]}; keys combine with AND, values with OR.
    center: (latitude, longitude) and zoom (int): the view; without them the map fits its data.
    title: what the map shows, for screen readers (the region's name); a default otherwise.

    Unknown layer ids, sensor ids, codes or filter keys raise ValueError. The page must include
    `map_head.html` in its <head> (Leaflet's CSS and the shared scripts). Below the map come the
    text alternatives: links to each layer's page with its table, and a list of the sensors.
    """
    settings = build.settings
    records = records_for(settings)
    by_id = {layer.id: layer for layer in records.layers}
    unknown = [layer_id for layer_id in layers if layer_id not in by_id]
    if unknown:
        raise ValueError(f"unknown map layer(s): {', '.join(map(str, unknown))}; known: {', '.join(by_id)}")
    chosen = [by_id[layer_id] for layer_id in layers]
    data = {"kind": "embed", "layers": [layer_options(layer, settings) for layer in chosen], "sensors": None,
            "view": None}  # fmt: skip
    if sensors is not None and sensors is not False:
        register = records.register
        data["sensors"] = dict(sensor_options(register, settings), filter=sensor_filter(register, sensors))
    if center is not None:
        latitude, longitude = (float(v) for v in center)
        data["view"] = {"center": [latitude, longitude], "zoom": int(zoom if zoom is not None else 15)}
    elif zoom is not None:
        data["view"] = {"center": list(settings["MAP_CENTER"]), "zoom": int(zoom)}
    element_id = "kaart_" + hashlib.sha256(json_for_script([data, title]).encode()).hexdigest()[:12]
    label = title or settings["UI"]["map_layers"]["embed_label"]
    lang, original = languages(settings)  # each layer's title_<lang>, or its title marked as the editors'
    links = [(localised(layer, "title", lang, original), f"{settings['SITEURL']}/{layer.page_url}") for layer in chosen]
    return render_map(build, element_id, data, kind="embed", label=label, layer_links=links,
                      sensor_list=data["sensors"] is not None)  # fmt: skip


# --- the pages ---


@dataclass(frozen=True)
class LocationMap:
    """What every small map of a sensor or dossier page shares; the macro in location_map.html adds the data."""

    element_id: str
    html: Markup  # the map element Folium renders
    script_url: str  # one script for every location map
    label: str


def context(records, settings):
    html, _script = rendered_map(LOCATION_MAP, settings, LOCATION_ZOOM)
    return {"small_map": LocationMap(LOCATION_MAP, Markup(html), f"{SCRIPT_FOLDER}/{LOCATION_MAP}.js",
                                     settings["UI"]["map"]["location_label"])}  # fmt: skip


def write(build, writer):
    """The small maps' one script (the pages that show one are written by other features), and the overview
    map's: make serve writes /kaart/ after serving the rest (an overview), its script must be there before."""
    ensure_script(build.output_path, build.settings, LOCATION_MAP, LOCATION_ZOOM)
    ensure_script(build.output_path, build.settings, OVERVIEW_MAP)


def state(build):
    return Maps(*build.parts())


class Maps(Build):
    """What /kaart/ and the layer pages are made from (their `make`s receive it)."""

    def overview(self, register, layers):
        data = {"kind": "overview", "sensors": sensor_options(register, self.settings),
                "layers": [layer_options(layer, self.settings) for layer in layers], "view": None}  # fmt: skip
        types = sensor_types(register, self.settings)
        used_types = {s.sensor_type for s in register.sensors}
        used_themes = {code for s in register.sensors for code in s.themes}
        return Page("kaart", {
            "active_section": "kaart",
            "map_embed": render_map(self, OVERVIEW_MAP, data, kind="sensors",
                                    label=self.settings["UI"]["map"]["region_label"]),
            "legend": [t for t in types if t[0] in used_types],
            "themes": [(t.code, t.label_in(register.language)) for t in register.vocabularies["themes"]
                       if t.code in used_themes],
            "sensor_count": len(register.sensors),
            "sensors_url": data["sensors"]["pointsUrl"],
            "layers": layers,
        })  # fmt: skip

    def layer_page(self, layer):
        data = {"kind": "embed", "layers": [layer_options(layer, self.settings)], "sensors": None, "view": None}
        lang, original = languages(self.settings)  # an attribute cannot mark a language: the title_<lang> if any
        label = self.settings["UI"]["map_layers"]["layer_map_label"].replace(
            "{title}", translated(layer, "title", lang, original))
        stories = records_for(self.settings).stories_of("layer", layer.id)
        embed = render_map(self, "laagkaart", data, kind="layer", label=label)
        # A page stays small whatever the layer's size: the table lists the first objects, the downloads all.
        table = layer.features[:LAYER_TABLE_ROWS]
        return Page("kaart_laag", {"active_section": "kaart", "layer": layer, "stories": stories, "map_embed": embed,
                                   "table_features": table, "table_complete": len(table) == len(layer.features)})


def map_properties(sensor, further=()):
    """Only what a popup, the filters and the list use, under short keys (size matters at 10,000); the
    name in each further language (`further`, LANGUAGES[1:]) only when the editor gave it (`n_en`)."""
    properties = {
        "id": sensor.sensor_id, "n": sensor.name, "t": sensor.sensor_type, "th": list(sensor.themes),
        "o": sensor.owner_organisation, "p": int(sensor.processes_personal_data), "u": sensor.purpose,
    }  # fmt: skip
    for lang in further:
        name = field_in(sensor, "name", lang)
        if name is not None:
            properties[f"n_{lang}"] = name
    return properties


POINT_FIELDS = ("id", "n", "t", "th", "o", "p", "u")


# Each sensor's part of the map's two data files, kept by the preview while the sensor stays the same object
# (the build cache keeps a register row's Sensor until the row changes): a saved register file draws again
# only its changed rows. More than one register's worth.
PARTS_KEPT = 50_000


@dataclass(frozen=True)
class MapPart:
    """One located sensor as it stands in the map's files: its GeoJSON feature (`sensoren.geojson`), whether
    it is a point, its properties, and its row or feature in `sensoren-punten.json` by the columns it has."""

    feature: str
    point: bool
    geometry: dict
    properties: dict
    rows: dict  # {fields: its text}: made on first use

    def in_points(self, fields):
        text = self.rows.get(fields)
        if text is None:
            if self.point:
                value = [*self.geometry["coordinates"], *(self.properties.get(key) for key in fields)]
            else:
                value = {"type": "Feature", "geometry": self.geometry, "properties": self.properties}
            text = self.rows[fields] = _compact(value)
        return text


def _compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def map_parts(register, further):
    """The `MapPart` of every located sensor, in register order: kept in the build cache by the sensor (and
    its code lists) as objects, the register's areas and the further languages (see PARTS_KEPT)."""
    kept, vocabularies = store("map parts", PARTS_KEPT), register.vocabularies
    areas = text_digest(register.areas)  # a sensor's geometry may be an area's, or its code list's box
    parts = []
    for sensor in register.sensors:
        part = kept.for_objects((sensor, vocabularies), (areas, further),
                                lambda s=sensor: map_part(register, s, further))  # fmt: skip
        if part is not None:
            parts.append(part)
    return parts


def map_part(register, sensor, further):
    """A sensor's `MapPart`, None when it has no place on the map."""
    geometry = register.geometry(sensor)
    if geometry is None:
        return None
    properties = map_properties(sensor, further)
    feature = _compact({"type": "Feature", "geometry": geometry, "properties": properties})
    return MapPart(feature, geometry["type"] == "Point", geometry, properties, {})


def map_features(register, further=()):
    """The map's GeoJSON (embedded maps filter it): every located sensor with map_properties.

    Joined from the sensors' kept parts: byte for byte what one `json.dumps` of the collection writes."""
    return '{"type":"FeatureCollection","features":[' + ",".join(p.feature for p in map_parts(register, further)) \
        + "]}"  # fmt: skip


def map_points(register, further=()):
    """What /kaart/ fetches first: point sensors as rows ([longitude, latitude, *fields]), areas
    as GeoJSON features. Rows are 40% smaller than GeoJSON and parse into far fewer objects, which
    at 10,000 sensors is a good part of the time to the first clusters. A name in a further language
    (`n_en`) is a column only when some sensor has one. Joined from the sensors' kept parts, as
    `map_features`."""
    parts = map_parts(register, further)
    fields = POINT_FIELDS + tuple(f"n_{lang}" for lang in further
                                  if any(f"n_{lang}" in part.properties for part in parts))  # fmt: skip
    points = ",".join(part.in_points(fields) for part in parts if part.point)
    areas = ",".join(part.in_points(fields) for part in parts if not part.point)
    return '{"fields":' + _compact(["lng", "lat", *fields]) + ',"points":[' + points + '],"areas":[' + areas + "]}"


def located(register, further, make):
    """`make(register, further)`, made only when `make serve` cannot take the last one over: the map's data
    shows the register's sensors (their names in `further` languages) and their geometry (the areas' shapes,
    or their code list's box)."""
    return Derived(make, register, further)


def outputs(records, settings):
    """Every file of the maps: /kaart/ with its two data files, a page per layer, the maps' scripts."""
    itself = msg("a page of the site itself (the map)")
    register, layers = records.register, list(records.layers)
    further = tuple(settings.get("LANGUAGES") or ())[1:]
    yield Output(SENSOR_FEATURES, itself, make=lambda g: located(register, further, map_features), overview=True)
    yield Output(SENSOR_POINTS, itself, make=lambda g: located(register, further, map_points), overview=True)
    yield Output("kaart/index.html", itself, make=lambda g: g.overview(register, layers), overview=True)
    for layer in layers:
        yield Output(f"{layer.page_url}index.html", msg("the page of map layer {id}", id=layer.id),
                     source=layer.declared_at, make=lambda g, la=layer: g.layer_page(la))  # fmt: skip
    yield Output(f"{SCRIPT_FOLDER}/*", msg("the maps' scripts"))  # written by the first map that uses one


def template_filters(settings):
    """`script_json` for every template: a map's data block, safe inside <script>."""
    return {"script_json": lambda value: Markup(json_for_script(value))}
