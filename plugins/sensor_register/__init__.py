"""Sensor register: every sensor in public space, from editors' CSV files to the site.

The register is read and validated with everything else by `site_records` (the build stops
listing every problem before anything is written). This plugin writes the register at
/sensoren/, a page per sensor at SENSOR_URL (/sensoren/<sensor_id>/) and the open data exports.
Other plugins get the register from `site_records.records_for(settings)`.
"""

import datetime
from collections import Counter
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from site_records import records_for

from . import exports, listing
from .records import Sensor
from .register import SensorRegister, load_register
from .schema import PAGE_GROUPS, PERSONAL_DATA_FIELDS, SENSOR

__all__ = ["SensorRegister", "Sensor", "load_register"]

# What the register's text search looks in, besides the labels of a row's codes.
SEARCH_FIELDS = ("name", "sensor_id", "owner_organisation", "location_description", "purpose")

FACETS = (
    ("sensor_type", "sensor_type", "type"),
    ("themes", "themes", "themes"),
    ("owner_type", "owner_type", "owner"),
    ("processes_personal_data", "yes_no", "personal"),
    ("status", "status", "status"),
    ("location_type", "location_type", "location"),
)


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
        self.context["sensor_register"] = self.register
        self.context.setdefault("open_data_files", []).extend(self.open_data_files())

    def open_data_files(self):
        described = "Alle sensoren van het sensorregister met alle openbare velden"
        return [
            {"url": "open-data/sensoren.csv", "title": "Sensorregister (CSV)", "format": "CSV",
             "media_type": "text/csv", "description": described + ", één regel per sensor."},
            {"url": "open-data/sensoren.json", "title": "Sensorregister (JSON)", "format": "JSON",
             "media_type": "application/json", "description": described + "."},
            {"url": "open-data/sensoren.geojson", "title": "Sensorregister (GeoJSON)", "format": "GeoJSON",
             "media_type": "application/geo+json", "description": described + ", met locatie of gebied."},
        ]  # fmt: skip

    # --- what templates read ---

    def badges(self, sensor):
        """Status badges as (text, kind); text carries the meaning, kind only the colour."""
        ui = self.settings["UI"]["sensor"]
        badges = [(self.register.label("status", sensor.status), ui["status_kinds"][sensor.status])]
        if sensor.registration_expired(self.today):
            badges.append((ui["badge_expired"], "alert"))
        if sensor.needs_verification(self.today, self.records.settings.verify_after_months):
            badges.append((ui["badge_verify"], "warn"))
        return badges

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

    def display(self, sensor, field):
        """A field as {"text", "href"} for a sensor page, or None when it is empty."""
        value = getattr(sensor, field)
        list_name = SENSOR[field].vocabulary if SENSOR[field].kind in ("code", "codes") else ""
        ui = self.settings["UI"]
        href = None
        if value in (None, "", ()):
            return None
        if isinstance(value, bool):
            text = ui["yes"] if value else ui["no"]
        elif list_name and isinstance(value, tuple):
            text = ", ".join(self.register.label(list_name, code) for code in value)
        elif list_name:
            text = self.register.label(list_name, value)
        elif isinstance(value, datetime.date):
            text = f"{value.day} {ui['months'][value.month - 1]} {value.year}"
        elif isinstance(value, tuple):
            text = ", ".join(value)
        elif field == "retention_days":
            text = ui["sensor"]["day" if value == 1 else "days"].replace("{n}", str(value))
        elif field == "contact_email":
            text, href = value, f"mailto:{value}"
        elif field.endswith("_url"):
            text, href = ui["sensor"]["link_texts"].get(field, value), value
        else:
            text = str(value)
        return {"text": text, "href": href}

    @staticmethod
    def not_applicable(sensor, field):
        if field == "area":
            return sensor.location_type == "fixed"
        return not sensor.processes_personal_data and field in PERSONAL_DATA_FIELDS

    def register_index(self):
        """The compact JSON the register page fetches to filter every sensor in the browser."""
        return listing.compact_index(self.register.sensors, FACETS, facet_value, self.register.label, self.badges,
                                     SEARCH_FIELDS, self.records.settings.urls["sensor"])  # fmt: skip

    # --- output ---

    def generate_output(self, writer):
        register = self.register
        common = {"register": register, "badges": self.badges, "label": register.label, "today": self.today,
                  "display": self.display, "not_applicable": self.not_applicable, "page_groups": PAGE_GROUPS,
                  "schema": SENSOR, "records": self.records}  # fmt: skip
        self.write_register_pages(writer, common)
        sensor_template = self.get_template("sensor")
        settings = self.records.settings
        for sensor in register.sensors:
            url = settings.url("sensor", id=sensor.sensor_id)
            writer.write_file(settings.save_as(url), sensor_template, self.context, sensor=sensor,
                              geometry=register.geometry(sensor), dossiers=self.records.dossiers_of(sensor),
                              active_section="sensoren", **common)  # fmt: skip
        self.write_exports()

    def write_register_pages(self, writer, common):
        """/sensoren/ and its further pages (REGISTER_PAGE_SIZE rows each), and the index they filter with."""
        template, facets, summary = self.get_template("sensoren"), self.facets(), self.summary()
        pattern = self.settings.get("REGISTER_PAGE_URL", listing.PAGE_URL)
        pages = listing.split_pages(self.register.sensors, self.settings.get("REGISTER_PAGE_SIZE", listing.PAGE_SIZE))
        for number, first, sensors in pages:
            url = listing.page_url(number, pattern)
            writer.write_file(self.records.settings.save_as(url), template, self.context, facets=facets,
                              summary=summary, sensors=sensors, first_row=first + 1,
                              pagination=listing.pagination(number, len(pages), pattern),
                              index_url=listing.INDEX_URL, active_section="sensoren", **common)  # fmt: skip
        index = Path(self.output_path) / listing.INDEX_URL
        index.parent.mkdir(parents=True, exist_ok=True)
        index.write_text(self.register_index(), encoding="utf-8")

    def write_exports(self):
        folder = Path(self.output_path) / "open-data"
        folder.mkdir(parents=True, exist_ok=True)
        metadata = {
            "title": f"Sensorregister {self.settings.get('MUNICIPALITY_SHORT', '')}".strip(),
            "publisher": self.settings.get("MUNICIPALITY", ""),
            "generated": self.today.isoformat(),
            "example_data": bool(self.settings.get("EXAMPLE_DATA_NOTICE")),
            "licence": "CC0-1.0",
            "labels": self.register.vocabularies.labels(),
        }
        sensors = self.register.sensors
        (folder / "sensoren.csv").write_text(exports.to_csv(sensors), encoding="utf-8")
        (folder / "sensoren.json").write_text(exports.to_json(sensors, metadata), encoding="utf-8")
        (folder / "sensoren.geojson").write_text(exports.to_geojson(self.register, metadata), encoding="utf-8")


def get_generators(pelican):
    return SensorRegisterGenerator


def register():
    signals.get_generators.connect(get_generators)
