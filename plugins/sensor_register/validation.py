"""Turning text rows into validated Sensor records, with a message for every mistake."""

import datetime
import re
from urllib.parse import urlsplit

from .records import Problem, Sensor

SENSOR_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
SUMMARY_MAX = 350

CODE_COLUMNS = {
    "status": "status",
    "sensor_type": "sensor_type",
    "owner_type": "owner_type",
    "location_type": "location_type",
    "processes_personal_data": "yes_no",
    "legal_basis": "legal_basis",
    "personal_data_level": "personal_data_level",
}
MULTI_CODE_COLUMNS = {"themes": "themes", "technology": "technology", "purpose_category": "purpose_category",
                      "area": "area"}  # fmt: skip
REQUIRED_VALUES = ("sensor_id", "name", "summary", "status", "sensor_type", "measures", "purpose", "themes",
                   "owner_organisation", "owner_type", "contact_email", "processes_personal_data",
                   "location_type", "active_from")  # fmt: skip
URL_COLUMNS = ("privacy_statement_url", "dpia_url", "open_data_url")
DATE_COLUMNS = ("active_from", "active_until", "last_verified", "registered_on")

_rd_transformer = None


def rd_to_wgs84(x, y):
    """RD New (EPSG:28992) to WGS84 latitude, longitude."""
    global _rd_transformer
    if _rd_transformer is None:
        from pyproj import Transformer

        _rd_transformer = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)
    longitude, latitude = _rd_transformer.transform(x, y)
    return latitude, longitude


class RowValidator:
    """Validates one row; collects every problem instead of stopping at the first."""

    def __init__(self, row, vocabularies, bbox):
        self.row = row
        self.vocab = vocabularies
        self.bbox = bbox
        self.problems = []

    def text(self, column):
        return (self.row.values.get(column) or "").strip()

    def report(self, column, message, hint=""):
        self.problems.append(Problem(self.row.path, self.row.line, column, message, hint))

    def code(self, column, list_name):
        value = self.text(column)
        if not value:
            return ""
        return self._resolve(column, list_name, value)

    def codes(self, column, list_name):
        values = [v.strip() for v in self.text(column).split("|") if v.strip()]
        resolved = [self._resolve(column, list_name, value) for value in values]
        return tuple(dict.fromkeys(code for code in resolved if code))

    def _resolve(self, column, list_name, value):
        code_list = self.vocab[list_name]
        code = code_list.resolve(value)
        if code is None:
            suggestion = code_list.suggestion(value)
            hint = f"did you mean '{suggestion}'?" if suggestion else "allowed: " + ", ".join(code_list.terms)
            self.report(column, f"'{value}' is not a known code", hint)
        return code

    def date(self, column):
        value = self.text(column)
        if not value:
            return None
        match = ISO_DATE.match(value)
        parts = (match.group(1), match.group(2), match.group(3)) if match else None
        if not match:
            dutch = DUTCH_DATE.match(value)
            parts = (dutch.group(3), dutch.group(2), dutch.group(1)) if dutch else None
        try:
            if parts is None:
                raise ValueError
            return datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            self.report(column, f"'{value}' is not a date", "write YYYY-MM-DD or DD-MM-YYYY, e.g. 2024-03-15")
            return None

    def number(self, column, example):
        value = self.text(column)
        if not value:
            return None
        if not NUMBER.match(value):
            self.report(column, f"'{value}' is not a number", f"e.g. {example}")
            return None
        return float(value.replace(",", "."))

    def url(self, column):
        value = self.text(column)
        if not value:
            return ""
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
            self.report(
                column, f"'{value}' is not a web address", "start with https://, e.g. https://www.hilversum.nl/privacy"
            )
            return ""
        return value

    def validate(self):
        for column in REQUIRED_VALUES:
            if not self.text(column):
                self.report(column, "is empty", "this value is required")
        sensor_id = self.text("sensor_id")
        if sensor_id and not SENSOR_ID.match(sensor_id):
            self.report("sensor_id", f"'{sensor_id}' cannot be used in a web address",
                        "use letters, digits, - and _ only, e.g. HLV-CAM-001")  # fmt: skip
        if len(self.text("summary")) > SUMMARY_MAX:
            self.report("summary", f"is {len(self.text('summary'))} characters long",
                        f"at most {SUMMARY_MAX}; move details to 'notes'")  # fmt: skip
        email = self.text("contact_email")
        if email and not EMAIL.match(email):
            self.report("contact_email", f"'{email}' is not an e-mail address", "e.g. sensoren@hilversum.nl")

        fields = {column: self.code(column, list_name) for column, list_name in CODE_COLUMNS.items()}
        fields.update({column: self.codes(column, name) for column, name in MULTI_CODE_COLUMNS.items()})
        fields.update({column: self.date(column) for column in DATE_COLUMNS})
        fields.update({column: self.url(column) for column in URL_COLUMNS})
        fields["related_advice"] = tuple(v.strip() for v in self.text("related_advice").split("|") if v.strip())
        fields["retention_days"] = self._retention_days()
        fields["latitude"], fields["longitude"] = self._location(fields["location_type"], fields["area"])
        self._check_rules(fields)
        if self.problems:
            return None
        plain = {c: self.text(c) for c in ("sensor_id", "name", "summary", "measures", "purpose",
                                           "owner_organisation", "contact_email", "sensor_type_other", "unit",
                                           "department", "supplier", "location_description", "project",
                                           "algorithm_register_id", "notes")}  # fmt: skip
        fields["processes_personal_data"] = fields["processes_personal_data"] == "yes"
        return Sensor(**plain, **fields, source_path=self.row.path, source_line=self.row.line)

    def _retention_days(self):
        value = self.text("retention_days")
        if not value:
            return None
        if not value.isdigit():
            self.report("retention_days", f"'{value}' is not a whole number of days", "e.g. 28")
            return None
        return int(value)

    def _location(self, location_type, area):
        before = len(self.problems)
        latitude, longitude = self.number("latitude", "52.2231"), self.number("longitude", "5.1763")
        x_rd, y_rd = self.number("x_rd", "140000"), self.number("y_rd", "470000")
        if len(self.problems) > before:
            return None, None  # a coordinate is not a number: that message says it all
        has_rd = x_rd is not None and y_rd is not None
        if latitude is None and longitude is None and has_rd:
            latitude, longitude = rd_to_wgs84(x_rd, y_rd)
            column = "x_rd"
        else:
            column = "latitude"
        if location_type == "fixed":
            if latitude is None or longitude is None:
                if not any(self.text(c) for c in ("latitude", "longitude", "x_rd", "y_rd")):
                    self.report("latitude", "is empty for a fixed sensor",
                                "give latitude and longitude, or x_rd and y_rd (RD New)")  # fmt: skip
                elif (latitude is None) != (longitude is None) or (x_rd is None) != (y_rd is None):
                    self.report(column, "only one of the two coordinates is filled in", "fill in both")
                return None, None
        elif location_type in ("mobile", "area") and not area and not self.text("area"):
            self.report("area", f"is empty for a {location_type} sensor",
                        "give neighbourhood codes from vocabularies.yml or municipality_wide")  # fmt: skip
        if latitude is None or longitude is None:
            return None, None
        box = self.bbox
        if not (box["south"] <= latitude <= box["north"] and box["west"] <= longitude <= box["east"]):
            self.report(column, f"{latitude:.5f}, {longitude:.5f} is outside the municipality",
                        "check the numbers; latitude and longitude may be swapped, "
                        "or x_rd/y_rd given as latitude/longitude")  # fmt: skip
            return None, None
        return round(latitude, 6), round(longitude, 6)

    def _check_rules(self, fields):
        start, end = fields["active_from"], fields["active_until"]
        if start and end and end < start:
            self.report("active_until", f"{end.isoformat()} is before active_from {start.isoformat()}",
                        "the end date must be on or after the start date")  # fmt: skip
        if fields["processes_personal_data"] == "yes":
            if not fields["legal_basis"] and not self.text("legal_basis"):
                self.report("legal_basis", "is empty while the sensor processes personal data",
                            "e.g. public_task; see vocabularies.yml")  # fmt: skip
            if not fields["privacy_statement_url"] and not self.text("privacy_statement_url"):
                self.report("privacy_statement_url", "is empty while the sensor processes personal data",
                            "link to the privacy statement, e.g. https://www.hilversum.nl/privacy")  # fmt: skip
        if fields["sensor_type"] == "other" and not self.text("sensor_type_other"):
            self.report("sensor_type_other", "is empty while sensor_type is 'other'", "say what kind of sensor it is")


def validate_rows(rows, vocabularies, bbox):
    """All rows of all files -> (sensors, problems); ids must be unique across files."""
    sensors, problems, first_seen = [], [], {}
    for row in rows:
        validator = RowValidator(row, vocabularies, bbox)
        sensor = validator.validate()
        problems.extend(validator.problems)
        sensor_id = validator.text("sensor_id")
        if sensor_id:
            key = sensor_id.lower()
            if key in first_seen:
                path, line = first_seen[key]
                problems.append(Problem(row.path, row.line, "sensor_id", f"'{sensor_id}' is used twice",
                                        f"also on {path}:{line}; every sensor needs its own id"))  # fmt: skip
                continue
            first_seen[key] = (row.path, row.line)
        if sensor:
            sensors.append(sensor)
    return sensors, problems
