# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Open data exports of the register: CSV, JSON and GeoJSON with stable field names."""

import json

from site_outputs.csv_files import csv_text

from .schema import SENSOR

# Exported fields: every stored column in CSV order (RD New coordinates become latitude/longitude).
EXPORT_FIELDS = SENSOR.exported


def record(sensor):
    """A sensor as plain JSON-ready values under the stable export names (null: not filled in)."""
    return {name: SENSOR[name].json_value(getattr(sensor, name)) for name in EXPORT_FIELDS}


def to_csv(sensors):
    rows = ([SENSOR[name].cell(getattr(sensor, name)) for name in EXPORT_FIELDS] for sensor in sensors)
    return csv_text(EXPORT_FIELDS, rows)


def to_json(sensors, metadata):
    return json.dumps({**metadata, "sensors": [record(s) for s in sensors]}, ensure_ascii=False, indent=1,
                      allow_nan=False)


def to_geojson(register, metadata):
    features = []
    for sensor in register.sensors:
        features.append({"type": "Feature", "id": sensor.sensor_id, "geometry": register.geometry(sensor),
                         "properties": record(sensor)})  # fmt: skip
    return json.dumps({"type": "FeatureCollection", **metadata, "features": features}, ensure_ascii=False,
                      allow_nan=False)
