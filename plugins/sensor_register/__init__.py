"""Sensor register: every sensor in public space, from editors' CSV files to the site.

The register is read and validated with everything else by `site_records` (the build stops
listing every problem before anything is written). This plugin writes the register at
/sensoren/, a page per sensor at SENSOR_URL (/sensoren/<sensor_id>/) and the open data exports.
Other plugins get the register from `site_records.records_for(settings)`.
"""

import json
from collections import Counter
from pathlib import Path

from editor_files.memo import Memo, text_digest
from editor_files.messages import translate
from measurements import Charts
from pelican import signals
from pelican.generators import Generator
from site_records import records_for

from . import exports, listing
from .records import Sensor
from .register import SensorRegister, load_register
from .schema import SENSOR
from .views import SensorPages

__all__ = ["SensorRegister", "Sensor", "load_register"]

# What the register's text search looks in, besides the labels of a row's codes.
SEARCH_FIELDS = ("name", "sensor_id", "owner_organisation", "location_description", "purpose")

# The register's filters, in the order the page shows them: (column, short key in the index);
# each filters by its column's code list.
FACET_KEYS = (("sensor_type", "type"), ("themes", "themes"), ("owner_type", "owner"),
              ("processes_personal_data", "personal"), ("status", "status"), ("location_type", "location"))  # fmt: skip
FACETS = tuple((name, SENSOR[name].vocabulary, key) for name, key in FACET_KEYS)


EXPORTS = (("csv", "CSV", "text/csv"), ("json", "JSON", "application/json"),
           ("geojson", "GeoJSON", "application/geo+json"))  # fmt: skip


def output_paths(records, settings):
    """{file this plugin writes: whose it is}, so that no page can take its place (make check and the build)."""
    itself = translate("a page of the site itself (the sensor register)")
    pattern = records.settings.register_page_url
    pages = listing.split_pages(records.register.sensors, records.settings.register_page_size)
    paths = {records.settings.save_as(listing.page_url(number, pattern)): itself for number, _first, _s in pages}
    paths[listing.INDEX_URL] = itself
    for suffix, _kind, _media_type in EXPORTS:
        paths[f"open-data/sensoren.{suffix}"] = translate("open data of the sensor register")
    for sensor in records.register.sensors:
        paths[sensor.save_as] = (
            f"sensor {sensor.sensor_id} ({sensor.source_path}:{sensor.source_line})"
        )
    return paths


def open_data_files(records, settings):
    """The register's exports, described for /open-data/ and the catalogue (collected by open_data)."""
    texts = settings["UI"]["register"]["open_data"]
    return [{"url": f"open-data/sensoren.{suffix}", "title": texts["title"].format(format=kind), "format": kind,
             "media_type": media_type, "description": texts["description"] + texts["per_format"][kind]}
            for suffix, kind, media_type in EXPORTS]  # fmt: skip


def facet_value(sensor, field):
    value = getattr(sensor, field)
    if isinstance(value, bool):
        return ("yes",) if value else ("no",)
    return value if isinstance(value, tuple) else (value,)


class SensorRegisterGenerator(Generator):
    """Gets the validated register in generate_context (nothing written yet), writes in generate_output."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.records = None
        self.register = None
        self.today = None

    def generate_context(self):
        self.records = records_for(self.settings)
        self.register = self.records.register
        self.today = self.records.settings.today

    # --- what templates read ---

    def count_codes(self, field):
        """{code: number of sensors with it} for one (multi-valued) field."""
        return Counter(code for sensor in self.register.sensors for code in facet_value(sensor, field))

    def facets(self):
        facets = []
        for field, list_name, key in FACETS:
            counts = self.count_codes(field)
            options = [(code, self.register.label(list_name, code), counts[code])
                       for code in self.register.vocabularies[list_name].terms if code in counts]  # fmt: skip
            facets.append({"field": field, "key": key, "options": options})
        return facets

    def summary(self):
        def ranked(field):
            counts = self.count_codes(field)
            labelled = ((self.register.label(field, code), count) for code, count in counts.items())
            return sorted(labelled, key=lambda item: (-item[1], item[0]))

        sensors = self.register.sensors
        return {
            "total": len(sensors),
            "personal": sum(s.processes_personal_data for s in sensors),
            "active": sum(s.status == "active" for s in sensors),
            "by_owner_type": ranked("owner_type"),
            "by_theme": ranked("themes"),
        }

    def register_index(self, badges):
        """The compact JSON the register page fetches to filter every sensor in the browser."""
        return listing.compact_index(self.register.sensors, FACETS, facet_value, self.register.label, badges,
                                     SEARCH_FIELDS, self.records.settings.urls["sensor"])  # fmt: skip

    # --- output ---

    def generate_output(self, writer):
        register = self.register
        pages = SensorPages(self.records, self.settings["UI"], Charts(self, self.records.measurements))
        self.write_register_pages(writer, pages)
        sensor_template = self.get_template("sensor")
        reuse = self.settings.get("PREVIEW_REUSE")  # make serve: pages whose inputs did not change are kept
        for sensor in register.sensors:
            path = sensor.save_as
            measurements = pages.charts.charts_for_sensor(sensor.sensor_id)  # in page order: chart ids count up
            if reuse is None or not reuse.kept(path, self.page_key(sensor, measurements)):
                writer.write_file(path, sensor_template, self.context, view=pages.page(sensor, measurements),
                                  sensor=sensor, active_section="sensoren")  # fmt: skip
        self.write_exports()

    def page_key(self, sensor, measurements):
        """What a sensor page shows of the register and the Stadspanel (see live_preview.reuse).

        The rest of its view follows from the sensor and from inputs the preview compares itself
        (vocabularies, layers, settings, the date).
        """
        history = self.context.get("sensor_history")
        changes = (history.of_sensor(sensor.sensor_id), history.available, history.complete, history.since) \
            if history is not None else None  # fmt: skip
        return (sensor, sensor.url, sensor.source_path, sensor.source_line, self.records.dossiers_of(sensor),
                self.records.stories_of("sensor", sensor.sensor_id), measurements, changes)  # fmt: skip

    def write_register_pages(self, writer, pages):
        """/sensoren/ and its further pages (REGISTER_PAGE_SIZE rows each), and the index they filter with.

        Each row is a view (`views.RegisterRow`): the template reads attributes only."""
        template, facets, summary = self.get_template("sensoren"), self.facets(), self.summary()
        pattern = self.records.settings.register_page_url
        chunks = listing.split_pages(self.register.sensors, self.records.settings.register_page_size)
        reuse = self.settings.get("PREVIEW_REUSE")  # make serve: pages whose inputs did not change are kept
        for number, first, sensors in chunks:
            path = self.records.settings.save_as(listing.page_url(number, pattern))
            page = {"facets": facets, "summary": summary, "rows": [pages.register_row(sensor) for sensor in sensors],
                    "first_row": first + 1, "pagination": listing.pagination(number, len(chunks), pattern)}  # fmt: skip
            if reuse is None or not reuse.kept(path, (page, [sensor.url for sensor in sensors])):
                writer.write_file(path, template, self.context, index_url=listing.INDEX_URL, active_section="sensoren",
                                  **page)  # fmt: skip
        index = Path(self.output_path) / listing.INDEX_URL
        index.parent.mkdir(parents=True, exist_ok=True)
        index.write_text(self.register_index(pages.badges), encoding="utf-8")

    def write_exports(self):
        folder = Path(self.output_path) / "open-data"
        folder.mkdir(parents=True, exist_ok=True)
        title = self.settings["UI"]["register"]["open_data"]["dataset_title"].format(
            municipality=self.settings.get("MUNICIPALITY_SHORT", "")).strip()
        metadata = {**self.records.settings.export_metadata(title), "labels": self.register.vocabularies.labels()}
        for name, text in exported(self.register, metadata).items():
            (folder / name).write_text(text, encoding="utf-8")


# A preview rebuild after a saved dossier exports the same register: it is kept by all it depends on.
_exports = Memo(keep=2)


def exported(register, metadata):
    """{file name: text} of the register's exports. The vocabularies are kept by their file's bytes, so
    the same object means the same code lists."""
    key = (tuple(register.sensors), json.dumps(metadata, sort_keys=True), register.vocabularies,
           text_digest(register.areas))  # fmt: skip
    return _exports.get(key, lambda: {
        "sensoren.csv": exports.to_csv(register.sensors),
        "sensoren.json": exports.to_json(register.sensors, metadata),
        "sensoren.geojson": exports.to_geojson(register, metadata),
    })  # fmt: skip


def get_generators(pelican):
    return SensorRegisterGenerator


def register():
    signals.get_generators.connect(get_generators)
