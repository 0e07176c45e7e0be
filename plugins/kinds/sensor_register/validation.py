# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Turning text rows into validated Sensor records, with a message for every mistake.

Each column is read by its kind (`editor_files.fields`: text, id, email, url, code, codes, ids,
yes_no, date, number, whole_number); the rules between columns (location, personal data, dates) follow.
"""

from functools import partial

from editor_files.memo import store
from editor_files.messages import msg
from editor_files.problems import Problem
from site_records.settings import PagePattern

from .records import Sensor
from .schema import SENSOR, SENSOR_URL

SENSOR_PAGE = PagePattern(SENSOR_URL)


def rd_to_wgs84(x, y):
    """RD New (EPSG:28992) to WGS84 latitude, longitude (the transformer is made once per build cache)."""
    longitude, latitude = store("transformers", 1).get("EPSG:28992", _rd_transformer).transform(x, y)
    return latitude, longitude


def _rd_transformer():
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)


class RowValidator:
    """Validates one row; collects every problem instead of stopping at the first."""

    def __init__(self, row, vocabularies, bbox, today=None, page=SENSOR_PAGE):
        self.row = row
        self.page = page  # where the sensor's page is (SENSOR_URL, SENSOR_SAVE_AS)
        self.vocab = vocabularies
        self.bbox = bbox
        self.today = today
        self.problems = []

    def text(self, column):
        return (self.row.values.get(column) or "").strip()

    def report(self, column, message, hint=""):
        self.problems.append(Problem(self.row.path, self.row.line, column, message, hint))

    def value(self, field):
        """The column's value, read by its kind (editor_files.fields); code columns through their code list."""
        codes = self.vocab[field.vocabulary] if field.vocabulary else None
        value, issues = field.from_text(self.text(field.name), codes)
        for issue in issues:
            self.report(field.name, issue.message, issue.hint)
        return value

    # --- the row ---

    def validate(self):
        for name in SENSOR.required:
            if not self.text(name):
                self.report(name, msg("is empty"), msg("this value is required"))
        fields = {field.name: self.value(field) for field in SENSOR}
        latitude, longitude = self._location(fields)
        self._check_rules(fields)
        if self.problems:
            return None
        values = {name: value for name, value in fields.items() if SENSOR[name].stored}
        values.update(latitude=latitude, longitude=longitude)
        page = self.page.of(id=values["sensor_id"])
        return Sensor(**values, **page, source_path=self.row.path, source_line=self.row.line)

    def _location(self, fields):
        latitude, longitude, x_rd, y_rd = (fields[c] for c in ("latitude", "longitude", "x_rd", "y_rd"))
        if any(self.text(c) and fields[c] is None for c in ("latitude", "longitude", "x_rd", "y_rd")):
            return None, None  # a coordinate is not a number: that message says it all
        location_type = fields["location_type"]
        has_rd = x_rd is not None and y_rd is not None
        if latitude is None and longitude is None and has_rd:
            latitude, longitude = rd_to_wgs84(x_rd, y_rd)
            column = "x_rd"
        else:
            column = "latitude"
        if location_type == "fixed":
            if latitude is None or longitude is None:
                if not any(self.text(c) for c in ("latitude", "longitude", "x_rd", "y_rd")):
                    self.report("latitude", msg("is empty for a fixed sensor"),
                                msg("give latitude and longitude, or x_rd and y_rd (RD New)"))  # fmt: skip
                elif (latitude is None) != (longitude is None) or (x_rd is None) != (y_rd is None):
                    self.report(column, msg("only one of the two coordinates is filled in"), msg("fill in both"))
                return None, None
        elif location_type in ("mobile", "area") and not fields["area"] and not self.text("area"):
            self.report("area", msg("is empty for a {location_type} sensor", location_type=location_type),
                        msg("give neighbourhood codes from vocabularies.yml or municipality_wide"))  # fmt: skip
        if latitude is None or longitude is None:
            return None, None
        box = self.bbox
        if not (box["south"] <= latitude <= box["north"] and box["west"] <= longitude <= box["east"]):
            self.report(column,
                        msg("{latitude:.5f}, {longitude:.5f} is outside the municipality", latitude=latitude,
                            longitude=longitude),
                        msg("check the numbers; latitude and longitude may be swapped, or x_rd/y_rd given as "
                            "latitude/longitude"))  # fmt: skip
            return None, None
        return round(latitude, 6), round(longitude, 6)

    def _check_rules(self, fields):
        start, end = fields["active_from"], fields["active_until"]
        if start and end and end < start:
            self.report("active_until",
                        msg("{end} is before active_from {start}", end=end.isoformat(), start=start.isoformat()),
                        msg("the end date must be on or after the start date"))  # fmt: skip
        for name in ("last_verified", "registered_on"):
            if self.today and fields[name] and fields[name] > self.today:
                self.report(name, msg("{date} is in the future", date=fields[name].isoformat()),
                            msg("a check or registration cannot be after today ({today})",
                                today=self.today.isoformat()))  # fmt: skip
        if self.text("processes_personal_data") and fields["processes_personal_data"]:
            if not self.text("legal_basis"):
                self.report("legal_basis", msg("is empty while the sensor processes personal data"),
                            msg("e.g. public_task; see vocabularies.yml"))  # fmt: skip
            if not self.text("privacy_statement_url"):
                self.report("privacy_statement_url", msg("is empty while the sensor processes personal data"),
                            msg("link to the privacy statement, e.g. https://www.gemeente.nl/privacy"))  # fmt: skip
        if fields["sensor_type"] == "other" and not self.text("sensor_type_other"):
            self.report("sensor_type_other", msg("is empty while sensor_type is 'other'"),
                        msg("say what kind of sensor it is"))


# A preview build validates again only the rows that changed (see `validate_rows`).
ROWS_KEPT = 200_000


def validate_rows(rows, vocabularies, bbox, today=None, page=SENSOR_PAGE, context=None):
    """All rows of all files -> (sensors, problems); ids must be unique across files.

    `context`: a digest of everything but the row a row's validation depends on (the vocabularies'
    file, the box, the date, the URL pattern). With it, a row already validated is not validated again.
    """
    sensors, problems, first_seen = [], [], {}
    for row in rows:
        if context is None:
            sensor, row_problems, sensor_id = validate_row(row, vocabularies, bbox, today, page)
        else:
            row_key = (context, row.path, row.line, tuple(row.values.items()))
            sensor, row_problems, sensor_id = store("rows", ROWS_KEPT).get(
                row_key, partial(validate_row, row, vocabularies, bbox, today, page))
        problems.extend(row_problems)
        if sensor_id:
            key = sensor_id.lower()
            if key in first_seen:
                path, line = first_seen[key]
                problems.append(Problem(row.path, row.line, "sensor_id",
                                        msg("'{sensor_id}' is used twice", sensor_id=sensor_id),
                                        msg("also on {path}:{line}; every sensor needs its own id", path=path,
                                            line=line)))  # fmt: skip
                continue
            first_seen[key] = (row.path, row.line)
        if sensor:
            sensors.append(sensor)
    return sensors, problems


def validate_row(row, vocabularies, bbox, today, page):
    """(Sensor or None, problems, the row's sensor id as written)."""
    validator = RowValidator(row, vocabularies, bbox, today, page)
    sensor = validator.validate()
    return sensor, validator.problems, validator.text("sensor_id")
