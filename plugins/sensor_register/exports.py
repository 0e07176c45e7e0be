"""Open data exports of the register: CSV, JSON and GeoJSON with stable field names."""

import csv
import datetime
import io
import json

from .records import ALL_COLUMNS, MULTI_VALUE_COLUMNS

# Exported fields: every public column, in CSV order, plus the derived WGS84 position.
EXPORT_FIELDS = tuple(c for c in ALL_COLUMNS if c not in ("x_rd", "y_rd"))
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def record(sensor):
    """A sensor as plain JSON-ready values under the stable export names."""
    values = {}
    for name in EXPORT_FIELDS:
        value = getattr(sensor, name)
        if isinstance(value, datetime.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        values[name] = value
    return values


def neutralise(value):
    """Spreadsheets run cells starting with = + - @ as formulas: prefix them with a quote."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(sensors):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_FIELDS)
    for sensor in sensors:
        row = []
        for name, value in record(sensor).items():
            if name in MULTI_VALUE_COLUMNS:
                value = "|".join(value)
            elif isinstance(value, bool):
                value = "yes" if value else "no"
            elif value is None:
                value = ""
            row.append(neutralise(value))
        writer.writerow(row)
    # A BOM so that Excel opens the UTF-8 file with the right characters.
    return "\ufeff" + buffer.getvalue()


def to_json(sensors, metadata):
    return json.dumps({**metadata, "sensors": [record(s) for s in sensors]}, ensure_ascii=False, indent=1)


def to_geojson(register, metadata):
    features = []
    for sensor in register.sensors:
        features.append({"type": "Feature", "id": sensor.sensor_id, "geometry": register.geometry(sensor),
                         "properties": record(sensor)})  # fmt: skip
    return json.dumps({"type": "FeatureCollection", **metadata, "features": features}, ensure_ascii=False)
