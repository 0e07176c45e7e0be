# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Open data exports of the register: CSV, JSON and GeoJSON with stable field names.

`exports` writes each sensor's part of the three files once while the sensor stays the same object
(the build cache keeps a register row's Sensor until the row changes, see `validation.validate_rows`):
after `make serve` saves a register file only the changed rows are written again, and every file is
joined from its parts, byte for byte what `to_csv`, `to_json` and `to_geojson` write.
"""

import json

from site_outputs.csv_files import csv_line, csv_text

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


PARTS_KEPT = 50_000  # sensors' parts of the exports kept by the preview (more than one register's worth)


def exports(register, metadata, kept, areas_key):
    """{file name: text} of the three exports; `kept`: a store of each sensor's parts (`sensor_parts`),
    `areas_key`: a digest of the register's areas (a sensor's geometry may be one, or its code list's box)."""
    parts = []
    for sensor in register.sensors:
        parts.append(kept.for_objects((sensor, register.vocabularies), (areas_key,),
                                      lambda s=sensor: sensor_parts(register, s)))  # fmt: skip
    if "sensors" in metadata or "features" in metadata or "type" in metadata:  # the parts would not stand last
        return {"sensoren.csv": to_csv(register.sensors), "sensoren.json": to_json(register.sensors, metadata),
                "sensoren.geojson": to_geojson(register, metadata)}  # fmt: skip
    json_head = json.dumps({**metadata, "sensors": []}, ensure_ascii=False, indent=1, allow_nan=False)
    geojson_head = json.dumps({"type": "FeatureCollection", **metadata, "features": []}, ensure_ascii=False,
                              allow_nan=False)  # fmt: skip
    return {
        "sensoren.csv": csv_text(EXPORT_FIELDS, ()) + "".join(p[0] for p in parts),
        "sensoren.json": json_head[: -len("[]\n}")] + ("[\n  " + ",\n  ".join(p[1] for p in parts) + "\n ]\n}"
                                                      if parts else "[]\n}"),
        "sensoren.geojson": geojson_head[: -len("[]}")] + "[" + ", ".join(p[2] for p in parts) + "]}",
    }


def sensor_parts(register, sensor):
    """(CSV line, JSON object, GeoJSON feature) of one sensor, as they stand inside the exports."""
    values = record(sensor)
    return (csv_line([SENSOR[name].cell(getattr(sensor, name)) for name in EXPORT_FIELDS]),
            json.dumps(values, ensure_ascii=False, indent=1, allow_nan=False).replace("\n", "\n  "),
            json.dumps({"type": "Feature", "id": sensor.sensor_id, "geometry": register.geometry(sensor),
                        "properties": values}, ensure_ascii=False, allow_nan=False))  # fmt: skip
