"""Site records: every editor file read once into validated records, and the links between them.

The one owner of what the site knows. `load(settings)` reads the sensor register, the map
layers, the measurement datasets and the Stadspanel documents (each reader validates its own
files), then builds and checks the links between records once: a sensor's `related_advice` and
a document's `sensors` become one two-way link; an area sensor gets its neighbourhood polygons
from the layers; stories add their links when their embeds have been read (`link_stories`).
`make check` and every generator of a build share the same `SiteRecords`
(loaded once per settings object). Records carry their `url` from settings, as Pelican's own
content objects do.

Not a Pelican plugin itself: the plugins that publish records call `records_for(settings)`.
"""

import sys
from dataclasses import dataclass, field, replace
from functools import cached_property

from editor_files.problems import ContentError, Problem, did_you_mean

from .settings import SiteSettings

__all__ = ["SiteRecords", "SiteSettings", "StoryLink", "Links", "load", "loaded", "records_for"]

_loaded = {}  # id(settings) -> (settings, (records, problems))
KEEP_LOADED = 2


@dataclass
class Links:
    """Two-way links between sensors and dossiers, built once from both sides."""

    dossiers_by_sensor: dict = field(default_factory=dict)  # sensor id -> [dossier id]
    sensors_by_dossier: dict = field(default_factory=dict)  # dossier id -> [sensor id]
    stories_by_record: dict = field(default_factory=dict)  # (kind, id) -> [story], kind: sensor/dossier/layer

    def add(self, sensor_id, dossier_id):
        if dossier_id not in self.dossiers_by_sensor.setdefault(sensor_id, []):
            self.dossiers_by_sensor[sensor_id].append(dossier_id)
            self.sensors_by_dossier.setdefault(dossier_id, []).append(sensor_id)


@dataclass(frozen=True)
class StoryLink:
    """What a record's page needs to link a story that draws on it."""

    title: str
    url: str
    summary: str


@dataclass
class SiteRecords:
    settings: SiteSettings
    register: object  # sensor_register.SensorRegister
    panel: object  # stadspanel.panel.Panel
    links: Links
    layers: tuple = ()  # map_layers.Layer, in the manifest's order
    measurements: object = None  # measurements.Catalogue

    def layer(self, layer_id):
        return next((layer for layer in self.layers if layer.id == layer_id), None)

    def stories_of(self, kind, record_id):
        """The stories that embed this sensor, dossier or layer (kind: "sensor", "dossier", "layer")."""
        return list(self.links.stories_by_record.get((kind, record_id), ()))

    def link_stories(self, stories):
        """stories: [(StoryLink, {"sensor": ids, "dossier": ids, "layer": ids})], from the stories' embeds."""
        self.links.stories_by_record.clear()
        for story, named in stories:
            for kind, ids in named.items():
                for record_id in dict.fromkeys(ids):
                    self.links.stories_by_record.setdefault((kind, record_id), []).append(story)

    def dossiers_of(self, sensor):
        return [self.panel.dossier(i) for i in self.links.dossiers_by_sensor.get(sensor.sensor_id, [])]

    def sensors_of(self, dossier):
        """The dossier's sensors in register order (looked up by id: a scan per dossier is quadratic)."""
        order = self._sensor_order
        ids = sorted(self.links.sensors_by_dossier.get(dossier.id, []), key=order.__getitem__)
        return [self.register.sensors[order[i]] for i in ids]

    @cached_property
    def _sensor_order(self):
        return {s.sensor_id: index for index, s in enumerate(self.register.sensors)}


def link_records(register, panel, known_dossier_ids):
    """(Links, problems): every id on either side must exist; a link stated once counts both ways."""
    links, problems = Links(), []
    sensor_ids = {s.sensor_id for s in register.sensors}
    for sensor in register.sensors:
        for dossier_id in sensor.related_advice:
            if dossier_id not in known_dossier_ids:
                problems.append(Problem(sensor.source_path, sensor.source_line, "related_advice",
                                        f"'{dossier_id}' is not a Stadspanel dossier",
                                        did_you_mean(dossier_id, known_dossier_ids)))  # fmt: skip
            elif panel is not None:
                links.add(sensor.sensor_id, dossier_id)
    for dossier in panel.dossiers if panel is not None else ():
        for document in dossier.documents:
            for sensor_id in document.sensors:
                if sensor_id in sensor_ids:
                    links.add(sensor_id, dossier.id)
                else:
                    problems.append(Problem(document.path, document.line("sensors"), "sensors",
                                            f"'{sensor_id}' is not in the sensor register",
                                            did_you_mean(sensor_id, sensor_ids)))  # fmt: skip
    return links, problems


def load(settings):
    """(SiteRecords or None, problems) for a Pelican settings dict, read now (see `loaded`)."""
    from map_layers.reader import load_layers
    from measurements.datasets import load_datasets
    from sensor_register.register import load_register
    from sensor_register.vocabulary import load_vocabularies
    from stadspanel.panel import load_panel
    from stadspanel.woo import load_woo_grounds

    try:
        site = SiteSettings.from_pelican(settings)
    except ContentError as error:
        return None, error.problems
    woo_grounds, problems = load_woo_grounds(site.data_path / "vocabularies.yml", site.root)
    register, register_problems = load_register(site.data_path, site.bbox, site.root, site.today, site.pages["sensor"])
    # The register reads the same file: a broken file is named once.
    problems = register_problems + [p for p in problems if p not in register_problems]
    vocabularies = register.vocabularies if register else load_vocabularies(site.data_path / "vocabularies.yml")[0]
    themes = {t.code: t.label for t in vocabularies["themes"]} if vocabularies else None
    layers, layer_problems = load_layers(site.data_path, site.bbox, site.root, themes)
    sensor_ids = {s.sensor_id for s in register.sensors} if register else None
    measurements, dataset_problems = load_datasets(site.data_path / "metingen", site.root, sensor_ids)
    panel_folder = site.content_path / "stadspanel"
    panel, panel_problems = load_panel(panel_folder, site.root, site.panel_themes, site.today, site.pages["dossier"],
                                       site.pages["report"], woo_grounds)  # fmt: skip
    problems = problems + layer_problems + dataset_problems + panel_problems
    # While the panel has problems, any dossier folder counts, so that one mistake does not cascade.
    dossier_ids = {d.id for d in panel.dossiers} if panel else dossier_folders(panel_folder)
    if register is None:
        return None, problems
    links, link_problems = link_records(register, panel, dossier_ids)
    problems += link_problems + reserved_ids(register, site.reserved_sensor_ids)
    if problems:
        return None, problems
    register = replace(register, areas=area_geometries(layers))
    return SiteRecords(site, register, panel, links, tuple(layers), measurements), []


def reserved_ids(register, reserved):
    """A sensor may not take the address of a page of its own (e.g. /sensoren/wijzigingen/)."""
    return [Problem(s.source_path, s.source_line, "sensor_id", f"'{s.sensor_id}' is the address of a page of the site",
                    "choose another id; these are taken: " + ", ".join(sorted(reserved)))
            for s in register.sensors if s.sensor_id.lower() in reserved]  # fmt: skip


def area_geometries(layers):
    """{area code: GeoJSON geometry} from every layer naming an `area_code_field` (first layer wins).

    The whole municipality ("municipality_wide") is every neighbourhood of the first such layer.
    """
    areas, whole = {}, None
    for layer in layers:
        if not layer.area_code_field:
            continue
        polygons = []
        for feature in layer.features:
            code = feature["properties"].get(layer.area_code_field)
            if code not in (None, ""):
                areas.setdefault(str(code), feature["geometry"])
                geometry = feature["geometry"]
                polygons += [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        if whole is None and polygons:
            whole = {"type": "MultiPolygon", "coordinates": polygons}
    if whole is not None:
        areas.setdefault("municipality_wide", whole)
    return areas


def dossier_folders(folder):
    """Every dossier folder's id."""
    if not folder.is_dir():
        return set()
    return {p.name for p in folder.iterdir() if p.is_dir() and not p.is_symlink() and p.name != "verslagen"}


def loaded(settings):
    """(SiteRecords or None, problems), read once per settings object.

    `make check` and the build share one settings object in `make html` (site_build): the check's
    reading is the build's. A long-running preview builds with new settings each time: only the
    last few are kept.
    """
    key = id(settings)
    if key not in _loaded or _loaded[key][0] is not settings:
        while len(_loaded) >= KEEP_LOADED:
            del _loaded[next(iter(_loaded))]
        _loaded[key] = (settings, load(settings))
    return _loaded[key][1]


def records_for(settings):
    """The build's records, read once per settings object; stops the build listing every problem."""
    records, problems = loaded(settings)
    if problems:
        print("\n".join(str(p) for p in problems), file=sys.stderr, flush=True)
        raise ContentError(problems, "The content")
    return records
