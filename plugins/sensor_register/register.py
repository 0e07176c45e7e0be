"""The whole register: every CSV in data/sensors/ read, validated and merged."""

from dataclasses import dataclass
from pathlib import Path

from content_check import editor_path

from .csv_reader import read_csv
from .records import Problem, Sensor
from .validation import validate_rows
from .vocabulary import Vocabularies, load_vocabularies


@dataclass
class SensorRegister:
    sensors: list[Sensor]
    vocabularies: Vocabularies

    def label(self, list_name, code):
        return self.vocabularies.label(list_name, code)

    def geometry(self, sensor):
        """GeoJSON geometry: a point, or the (approximate) rectangles of the sensor's areas."""
        if sensor.latitude is not None and not sensor.is_mobile_or_area:
            return {"type": "Point", "coordinates": [round(sensor.longitude, 5), round(sensor.latitude, 5)]}
        rectangles = []
        for code in sensor.area:
            south, west, north, east = self.vocabularies["area"].terms[code].bbox
            ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
            rectangles.append([ring])
        if not rectangles and sensor.latitude is not None:
            return {"type": "Point", "coordinates": [round(sensor.longitude, 5), round(sensor.latitude, 5)]}
        if len(rectangles) == 1:
            return {"type": "Polygon", "coordinates": rectangles[0]}
        return {"type": "MultiPolygon", "coordinates": rectangles} if rectangles else None


def load_register(data_dir, bbox, root="."):
    """Read and validate everything; returns (SensorRegister or None, problems)."""
    data_dir = Path(data_dir)
    vocabularies, problems = load_vocabularies(data_dir / "vocabularies.yml")
    files = sorted((data_dir / "sensors").glob("*.csv"))
    if not files:
        problems.append(Problem(editor_path(data_dir / "sensors", root), 1, "folder", "has no .csv files",
                                "the register needs at least one CSV file"))  # fmt: skip
    rows = []
    for path in files:
        file_rows, file_problems = read_csv(path, editor_path(path, root))
        rows.extend(file_rows)
        problems.extend(file_problems)
    if vocabularies is None:
        return None, problems
    sensors, row_problems = validate_rows(rows, vocabularies, bbox)
    problems.extend(row_problems)
    if problems:
        return None, problems
    sensors.sort(key=lambda s: s.sensor_id.lower())
    return SensorRegister(sensors, vocabularies), []
