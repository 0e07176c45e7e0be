"""Site records: every editor file read once into validated records, and the links between them.

The one owner of what the site knows. `load(settings)` reads the sensor register and the
Stadspanel documents (each reader validates its own files), then builds and checks the links
between records once: a sensor's `related_advice` and a document's `sensors` become one
two-way link. `make check` and every generator of a build share the same `SiteRecords`
(loaded once per settings object). Records carry their `url` from settings, as Pelican's own
content objects do.

Not a Pelican plugin itself: the plugins that publish records call `records_for(settings)`.
"""

import sys
from dataclasses import dataclass, field

from editor_files.problems import ContentError, Problem, did_you_mean

from .settings import SiteSettings

__all__ = ["SiteRecords", "SiteSettings", "Links", "load", "records_for"]


@dataclass
class Links:
    """Two-way links between sensors and dossiers, built once from both sides."""

    dossiers_by_sensor: dict = field(default_factory=dict)  # sensor id -> [dossier id]
    sensors_by_dossier: dict = field(default_factory=dict)  # dossier id -> [sensor id]

    def add(self, sensor_id, dossier_id):
        if dossier_id not in self.dossiers_by_sensor.setdefault(sensor_id, []):
            self.dossiers_by_sensor[sensor_id].append(dossier_id)
            self.sensors_by_dossier.setdefault(dossier_id, []).append(sensor_id)


@dataclass
class SiteRecords:
    settings: SiteSettings
    register: object  # sensor_register.SensorRegister
    panel: object  # stadspanel.panel.Panel
    links: Links

    def dossiers_of(self, sensor):
        return [self.panel.dossier(i) for i in self.links.dossiers_by_sensor.get(sensor.sensor_id, [])]

    def sensors_of(self, dossier):
        ids = set(self.links.sensors_by_dossier.get(dossier.id, []))
        return [s for s in self.register.sensors if s.sensor_id in ids]


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
    """(SiteRecords or None, problems) for a Pelican settings dict."""
    from sensor_register.register import load_register
    from stadspanel.panel import load_panel
    from stadspanel.woo import load_woo_grounds

    try:
        site = SiteSettings.from_pelican(settings)
    except ContentError as error:
        return None, error.problems
    woo_grounds, problems = load_woo_grounds(site.data_path / "vocabularies.yml", site.root)
    register, register_problems = load_register(site.data_path, site.bbox, site.root, site.today, site.urls["sensor"])
    # The register reads the same file: a broken file is named once.
    problems = register_problems + [p for p in problems if p not in register_problems]
    panel_folder = site.content_path / "stadspanel"
    panel, panel_problems = load_panel(panel_folder, site.root, site.panel_themes, site.today, site.urls["dossier"],
                                       site.urls["report"], woo_grounds)  # fmt: skip
    problems = problems + panel_problems
    # While the panel has problems, any dossier folder counts, so that one mistake does not cascade.
    dossier_ids = {d.id for d in panel.dossiers} if panel else dossier_folders(panel_folder)
    if register is None:
        return None, problems
    links, link_problems = link_records(register, panel, dossier_ids)
    problems += link_problems
    if problems:
        return None, problems
    return SiteRecords(site, register, panel, links), []


def dossier_folders(folder):
    """Every dossier folder's id."""
    if not folder.is_dir():
        return set()
    return {p.name for p in folder.iterdir() if p.is_dir() and not p.is_symlink() and p.name != "verslagen"}


_loaded = {}


def records_for(settings):
    """The build's records, loaded once per settings object; stops the build listing every problem."""
    key = id(settings)
    if key not in _loaded or _loaded[key][0] is not settings:
        records, problems = load(settings)
        if problems:
            print("\n".join(str(p) for p in problems), file=sys.stderr, flush=True)
            raise ContentError(problems, "The content")
        _loaded[key] = (settings, records)
    return _loaded[key][1]
