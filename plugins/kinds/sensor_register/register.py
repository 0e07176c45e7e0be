# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The whole register: every CSV in data/sensors/ read, validated and merged."""

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from editor_files.memo import digest, file_key, folder_key, store, text_digest
from editor_files.messages import msg
from editor_files.problems import Problem, editor_path
from editor_files.sources import files_with_suffix, symlinks

from .csv_reader import read_csv
from .records import Sensor
from .validation import SENSOR_PAGE, validate_rows
from .vocabulary import Vocabularies, load_vocabularies


@dataclass
class SensorRegister:
    sensors: list[Sensor]
    vocabularies: Vocabularies
    areas: dict = field(default_factory=dict)  # area code -> GeoJSON geometry (from the map layers)
    language: str | None = None  # the pages' language (DEFAULT_LANG): labels in it where the code list has them

    def label(self, list_name, code):
        return self.vocabularies.label(list_name, code, self.language)

    def geometry(self, sensor):
        """GeoJSON geometry: a point, or the polygons of the sensor's areas.

        An area's polygon comes from the neighbourhood layers; an area no layer draws falls back to
        the approximate rectangle in the vocabulary.
        """
        if sensor.latitude is not None and not sensor.is_mobile_or_area:
            return {"type": "Point", "coordinates": [round(sensor.longitude, 5), round(sensor.latitude, 5)]}
        polygons = []
        for code in sensor.area:
            polygons += self.area_polygons(code)
        if not polygons and sensor.latitude is not None:
            return {"type": "Point", "coordinates": [round(sensor.longitude, 5), round(sensor.latitude, 5)]}
        if len(polygons) == 1:
            return {"type": "Polygon", "coordinates": polygons[0]}
        return {"type": "MultiPolygon", "coordinates": polygons} if polygons else None

    def area_polygons(self, code):
        """The polygons (lists of rings) of one area."""
        geometry = self.areas.get(code)
        if geometry is not None:
            return [geometry["coordinates"]] if geometry["type"] == "Polygon" else list(geometry["coordinates"])
        south, west, north, east = self.vocabularies["area"].terms[code].bbox
        return [[[[west, south], [east, south], [east, north], [west, north], [west, south]]]]


# Registers kept whole (by their files' bytes and the settings they are read with): a save of anything else
# finds the register as read, without parsing its CSV files again.
REGISTERS_KEPT = 2


def load_register(data_dir, bbox, root=".", today=None, page=SENSOR_PAGE):
    """Read and validate everything; returns (SensorRegister or None, problems).

    Kept in the build cache by the bytes of every file in data/sensors/ and of the vocabularies, with
    the settings: an unchanged register is the same object, found by a digest of its files."""
    data_dir = Path(data_dir)
    problems = symlinks(data_dir, root)
    key = (folder_key(data_dir / "sensors"), file_key(data_dir / "vocabularies.yml"),
           text_digest(bbox, today, page, str(Path(root).absolute())))  # fmt: skip
    register, found = store("registers", REGISTERS_KEPT).get(key, partial(read_register, data_dir, bbox, root, today,
                                                                          page))  # fmt: skip
    problems += found
    return (None if problems else register), problems


def read_register(data_dir, bbox, root, today, page):
    """(SensorRegister or None, problems) of data/sensors/*.csv and the vocabularies (symbolic links aside)."""
    problems = []
    vocabularies, vocabulary_problems = load_vocabularies(data_dir / "vocabularies.yml", root)
    problems += vocabulary_problems
    files = files_with_suffix(data_dir / "sensors", ".csv")
    problems += stray_files(data_dir / "sensors", files, root)
    if not files:
        problems.append(Problem(editor_path(data_dir / "sensors", root), 1, "folder", msg("has no .csv files"),
                                msg("the register needs at least one CSV file")))  # fmt: skip
    rows = []
    for path in files:
        file_rows, file_problems = read_csv(path, editor_path(path, root))
        rows.extend(file_rows)
        problems.extend(file_problems)
    if vocabularies is None:
        return None, problems
    context = text_digest(digest(data_dir / "vocabularies.yml"), bbox, today, page)
    sensors, row_problems = validate_rows(rows, vocabularies, bbox, today, page, context)
    problems.extend(row_problems)
    if problems:
        return None, problems
    sensors.sort(key=lambda s: s.sensor_id.lower())
    return SensorRegister(sensors, vocabularies), []


def stray_files(folder, read, root):
    """Everything in data/sensors/ that is not a register file is named, never skipped silently."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    return [Problem(editor_path(path, root), 1, "file", msg("is not a .csv file and is not read"),
                    msg("save the register as CSV, or move this file out of data/sensors/"))
            for path in sorted(folder.iterdir()) if path not in read and not path.is_symlink()]  # fmt: skip
