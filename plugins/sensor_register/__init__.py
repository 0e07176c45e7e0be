"""Sensor register: every sensor in public space, from editors' CSV files to the site.

Reads every CSV in data/sensors/ and data/vocabularies.yml, validates everything, and fails the
build with every problem listed before anything is written. Then writes the register at
/sensoren/, a page per sensor at /sensoren/<sensor_id>/ and the open data exports.

For other plugins and templates it puts in the context:
- `sensor_register`: the SensorRegister (validated Sensor records, vocabularies, geometry);
- `open_data_files`: descriptions of the files it publishes, for the open data catalogue.
Dossier links: a plugin that publishes Stadspanel dossiers may put `dossier_index`
({dossier id: {"title", "url"}}) in the context; sensor pages then link to them.
"""

import datetime
import sys
from collections import Counter
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from . import exports
from .records import Problem, Sensor
from .register import SensorRegister, load_register

__all__ = ["SensorRegister", "Sensor", "Problem", "load_register", "validate_sources"]

FACETS = (
    ("sensor_type", "sensor_type", "type"),
    ("themes", "themes", "themes"),
    ("owner_type", "owner_type", "owner"),
    ("processes_personal_data", "yes_no", "personal"),
    ("status", "status", "status"),
    ("location_type", "location_type", "location"),
)


DISPLAY_CODE_LISTS = {
    "status": "status", "sensor_type": "sensor_type", "themes": "themes", "owner_type": "owner_type",
    "location_type": "location_type", "legal_basis": "legal_basis", "personal_data_level": "personal_data_level",
    "technology": "technology", "purpose_category": "purpose_category", "area": "area",
}  # fmt: skip
PERSONAL_DATA_FIELDS = ("legal_basis", "privacy_statement_url", "retention_days", "dpia_url")


class SensorRegisterError(Exception):
    exitcode = 1


def _data_path(settings):
    return Path(settings.get("DATA_PATH") or Path(settings["PATH"]).parent / "data")


def validate_sources(settings):
    """For `make check`: every problem in the register's files, as lines of text."""
    data_path = _data_path(settings)
    _register, problems = load_register(data_path, settings["MUNICIPALITY_BBOX"], root=data_path.parent)
    return [str(p) for p in problems]


def facet_value(sensor, field):
    value = getattr(sensor, field)
    if isinstance(value, bool):
        return ("yes",) if value else ("no",)
    return value if isinstance(value, tuple) else (value,)


class SensorRegisterGenerator(Generator):
    """Validates in generate_context (nothing written yet), writes in generate_output."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.register = None
        self.today = self.settings.get("REGISTER_TODAY") or self.settings.get("BUILD_DATE") or datetime.date.today()

    def generate_context(self):
        data_path = _data_path(self.settings)
        register, problems = load_register(data_path, self.settings["MUNICIPALITY_BBOX"], root=data_path.parent)
        if problems:
            # Plain lines, so that editors and tools see `path:line: column: ...` unwrapped.
            print("\n".join(str(p) for p in problems), file=sys.stderr, flush=True)
            raise SensorRegisterError(
                f"The sensor register has {len(problems)} problem(s), listed above; nothing was published."
            )
        self.register = register
        self.context["sensor_register"] = register
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
        kinds = {"active": "ok", "planned": "neutral", "inactive": "warn", "removed": "neutral"}
        badges = [(self.register.label("status", sensor.status), kinds.get(sensor.status, "neutral"))]
        ui = self.settings["UI"]["sensor"]
        if sensor.registration_expired(self.today):
            badges.append((ui["badge_expired"], "alert"))
        if sensor.needs_verification(self.today, self.settings.get("VERIFY_AFTER_MONTHS", 12)):
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
        list_name = DISPLAY_CODE_LISTS.get(field)
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

    def row_data(self, sensor):
        """data-* attributes of a table row, for filtering in the browser."""
        return {f"data-{key}": " ".join(facet_value(sensor, field)) for field, _list, key in FACETS}

    # --- output ---

    def generate_output(self, writer):
        register = self.register
        common = {"register": register, "badges": self.badges, "label": register.label, "today": self.today,
                  "display": self.display, "not_applicable": self.not_applicable}  # fmt: skip
        writer.write_file("sensoren/index.html", self.get_template("sensoren"), self.context,
                          facets=self.facets(), summary=self.summary(), row_data=self.row_data,
                          active_section="sensoren", **common)  # fmt: skip
        sensor_template = self.get_template("sensor")
        dossiers = self.context.get("dossier_index") or {}
        by_sensor = self.context.get("dossiers_by_sensor") or {}
        for sensor in register.sensors:
            writer.write_file(f"sensoren/{sensor.sensor_id}/index.html", sensor_template, self.context,
                              sensor=sensor, geometry=register.geometry(sensor), dossiers=dossiers,
                              dossiers_by_sensor=by_sensor,
                              active_section="sensoren", **common)  # fmt: skip
        self.write_exports()

    def write_exports(self):
        folder = Path(self.output_path) / "open-data"
        folder.mkdir(parents=True, exist_ok=True)
        metadata = {
            "title": f"Sensorregister {self.settings.get('MUNICIPALITY_SHORT', '')}".strip(),
            "publisher": self.settings.get("MUNICIPALITY", ""),
            "generated": self.settings.get("BUILD_DATE", self.today).isoformat(),
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
