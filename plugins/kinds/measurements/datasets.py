# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Measurement datasets: data/metingen/datasets.yml (the manifest) and one CSV file per dataset.

The manifest says, per dataset id, what the file holds: title, description, period, source,
licence, the sensors it comes from, which column is the axis (time or category) and, per
column, its label, type and unit. Every cell is read as text (pandas with dtype=str and
keep_default_na=False, after the csv module counted every row's fields) and then converted
and checked here, so `NA` stays text, `007` stays `007` and no short row is padded.
"""

import csv
import datetime
import io
import math
import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd
from editor_files.csv_text import data_rows, sniff_delimiter
from editor_files.dates import DATE_HINT, parse_date
from editor_files.fields import text_issue
from editor_files.memo import folder_key, store
from editor_files.messages import msg
from editor_files.problems import Problem, did_you_mean, editor_path
from editor_files.schema import Field, Schema
from editor_files.sources import read_text
from editor_files.yaml_text import load_yaml
from site_language import format_date, format_month

MANIFEST = "datasets.yml"
DATASET_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COLUMN_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
LICENCES = {
    "CC0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "CC-BY-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "ODbL-1.0": ("ODbL 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
}
CHART_KINDS = ("line", "bar")
# Column types: what a cell may hold. Axis columns must be one of AXIS_TYPES.
COLUMN_TYPES = ("date", "month", "hour", "text", "number", "whole_number")
AXIS_TYPES = ("date", "month", "hour", "text")
NUMERIC_TYPES = ("number", "whole_number")

DATASET_SCHEMA = Schema("dataset", [
    Field("title", required=True, example="Snelheden op de Snelliuslaan per dag"),
    Field("description", required=True, max_length=600),
    Field("file", required=True, example="snelliuslaan-snelheden.csv"),
    Field("axis", required=True, example="datum"),
    Field("period_start", "date", required=True, example="2021-03-01"),
    Field("period_end", "date", required=True, example="2021-06-30"),
    Field("source", required=True, example="Gemeente, snelheidsmeters Snelliuslaan"),
    Field("licence", "code", required=True, example="CC0-1.0"),
    Field("sensors", "ids", example="[HLV-SNE-001, HLV-SNE-002]"),
    Field("example", "yes_no", example="true"),
    Field("chart", "code", example="line"),
    Field("columns", required=True, export=False),
])  # fmt: skip
COLUMN_SCHEMA = Schema("column", [
    Field("label", required=True, example="V85-snelheid"),
    Field("type", "code", required=True, example="number"),
    Field("unit", example="km/u"),
    Field("decimals", "whole_number", example="1"),
])  # fmt: skip


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    type: str
    unit: str = ""
    decimals: int = 1

    @property
    def numeric(self):
        return self.type in NUMERIC_TYPES


@dataclass
class Dataset:
    id: str
    title: str
    description: str
    file: str  # as editors see it, e.g. data/metingen/x.csv
    axis: str
    period_start: datetime.date
    period_end: datetime.date
    source: str
    licence: str
    columns: dict  # name -> Column, in file order
    sensors: tuple = ()
    example: bool = False
    chart: str = "line"
    frame: pd.DataFrame = field(default=None, repr=False)  # typed values, sorted on the axis
    declared_at: str = field(default="", compare=False)  # the manifest's file:line of its id, for messages

    @property
    def axis_column(self):
        return self.columns[self.axis]

    @property
    def numeric_columns(self):
        return [c for c in self.columns.values() if c.numeric]

    @property
    def licence_label(self):
        return LICENCES[self.licence][0]

    @property
    def licence_url(self):
        return LICENCES[self.licence][1]


@dataclass
class Catalogue:
    datasets: dict  # id -> Dataset, in manifest order

    def for_sensor(self, sensor_id):
        return [d for d in self.datasets.values() if sensor_id in d.sensors]


# --- the manifest ---


READ_KEEP = 8  # a preview rebuild reads this again only when a file of data/metingen/ (or a sensor id) changes


def load_datasets(folder, root, sensor_ids=None):
    """See `_load_datasets`; kept by every file of the folder and the register's ids."""
    ids = sorted(sensor_ids) if sensor_ids is not None else None
    key = folder_key(folder, str(Path(root).absolute()), ids)
    return store("datasets", READ_KEEP).get(key, partial(_load_datasets, folder, root, sensor_ids))


def _load_datasets(folder, root, sensor_ids=None):
    """(Catalogue or None, problems). `sensor_ids`: the register's ids, or None when it has problems."""
    folder = Path(folder)
    manifest = folder / MANIFEST
    shown = editor_path(manifest, root)
    if not manifest.is_file():
        if folder.is_dir() and any(folder.glob("*.csv")):
            return None, [Problem(shown, 0, "file", msg("is missing"),
                                  msg("describe every CSV file in data/metingen/ there"))]
        return Catalogue({}), []
    text, problems = read_text(manifest, shown)
    if problems:
        return None, problems
    document, problems = load_yaml(text, shown, what="manifest")
    if document is None:
        return None, problems
    data = document.data or {}
    if not isinstance(data, dict):
        return None, [Problem(shown, 1, "manifest", msg("must map dataset ids to their description"),
                              msg("start each dataset with its id, e.g. 'snelliuslaan-snelheden:'"))]  # fmt: skip
    datasets = {}
    for dataset_id, spec in data.items():
        dataset = _read_dataset(str(dataset_id), spec, document, folder, root, sensor_ids, problems)
        if dataset is not None:
            datasets[dataset.id] = dataset
    problems.extend(_stray_files(folder, root, data))
    return (None, problems) if problems else (Catalogue(datasets), [])


def _stray_files(folder, root, data):
    named = {str(spec.get("file", "")) for spec in data.values() if isinstance(spec, dict)}
    return [Problem(editor_path(path, root), 0, "file", msg("is not described in datasets.yml"),
                    msg("add it to the manifest, or remove it"))
            for path in sorted(folder.iterdir())
            if path.name != MANIFEST and path.name not in named]  # fmt: skip


def _read_dataset(dataset_id, spec, document, folder, root, sensor_ids, problems):
    shown = editor_path(folder / MANIFEST, root)
    line = document.line(dataset_id)
    before = len(problems)

    def problem(field_name, message, hint="", key_path=()):
        problems.append(Problem(shown, document.line(dataset_id, *key_path) if key_path else line,
                                field_name, message, hint))  # fmt: skip

    if not DATASET_ID.match(dataset_id):
        problem("id", msg("'{dataset_id}' cannot be a dataset id", dataset_id=dataset_id),
                msg("use lower-case letters, digits and -"))
    if not isinstance(spec, dict):
        problem("id", msg("must be followed by the dataset's fields"), msg("e.g. title:, file:, columns:"))
        return None
    for key in spec:
        if str(key) not in DATASET_SCHEMA:
            problem(str(key), msg("is not a field of a dataset"), did_you_mean(key, DATASET_SCHEMA.names), (key,))
    values = {}
    for spec_field in DATASET_SCHEMA:
        raw = spec.get(spec_field.name)
        if raw in (None, "", [], {}):
            if spec_field.required:
                problem(spec_field.name, msg("is missing"),
                        msg("e.g. {name}: {example}", name=spec_field.name, example=spec_field.example)
                        if spec_field.example else msg("e.g. {example}", example=spec_field.name))
            continue
        if spec_field.name == "columns":
            continue
        value, message = _convert_field(spec_field, raw)
        if message:
            problem(spec_field.name, message[0], message[1], (spec_field.name,))
        else:
            values[spec_field.name] = value
    columns = _read_columns(spec.get("columns"), dataset_id, problem)
    _check_relations(values, columns, sensor_ids, problem)
    if len(problems) > before:
        return None
    dataset = Dataset(
        id=dataset_id, title=values["title"], description=values["description"],
        file=editor_path(folder / values["file"], root), axis=values["axis"],
        period_start=values["period_start"], period_end=values["period_end"], source=values["source"],
        licence=values["licence"], columns=columns, sensors=values.get("sensors", ()),
        example=values.get("example", False),
        chart=values.get("chart") or ("line" if columns[values["axis"]].type in ("date", "month") else "bar"),
        declared_at=f"{shown}:{line}",
    )  # fmt: skip
    path = folder / values["file"]
    frame, file_problems = read_measurements(path, dataset, editor_path(path, root))
    problems.extend(file_problems)
    if file_problems:
        return None
    dataset.frame = frame
    return dataset


def _convert_field(spec_field, raw):
    """(value, None) or (None, (message, hint))."""
    name = spec_field.name
    if spec_field.kind in ("yes_no", "ids", "date"):
        value, issues = spec_field.from_yaml(raw)
        return (None, (issues[0].message, issues[0].hint)) if issues else (value, None)
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        return None, (msg("must be a single value"),
                      msg("e.g. {name}: {example}", name=name, example=spec_field.example))
    text = str(raw).strip()
    issue = text_issue(text)
    if issue:
        return None, (issue.message, issue.hint)
    if name == "licence" and text not in LICENCES:
        return None, (msg("'{text}' is not a licence this site knows", text=text), did_you_mean(text, LICENCES))
    if name == "chart" and text not in CHART_KINDS:
        return None, (msg("'{text}' is not a kind of chart", text=text), did_you_mean(text, CHART_KINDS))
    if name == "file" and (Path(text).name != text or not text.endswith(".csv")):
        return None, (msg("'{text}' is not a CSV file name in data/metingen/", text=text),
                      msg("e.g. file: metingen.csv"))
    if spec_field.max_length and len(text) > spec_field.max_length:
        return None, (msg("is {count} characters long (at most {max_length})", count=len(text),
                          max_length=spec_field.max_length), msg("shorten it"))
    return text, None


def _read_columns(raw, dataset_id, problem):
    if raw in (None, "", []):
        return {}
    if not isinstance(raw, dict):
        problem("columns", msg("must list the file's columns with label, type and unit"),
                msg("e.g. columns: {{datum: {{label: Datum, type: date}}}}"), ("columns",))  # fmt: skip
        return {}
    columns = {}
    for name, spec in raw.items():
        name = str(name)
        where = ("columns", name)
        if not COLUMN_NAME.match(name):
            problem("columns", msg("'{name}' cannot be a column name", name=name),
                    msg("use lower-case letters, digits and _"), where)
            continue
        if not isinstance(spec, dict):
            problem(name, msg("needs a label and a type"), msg("e.g. {{label: Datum, type: date}}"), where)
            continue
        unknown = [str(key) for key in spec if str(key) not in COLUMN_SCHEMA]
        for key in unknown:
            problem(key, msg("is not a field of column '{name}'", name=name), did_you_mean(key, COLUMN_SCHEMA.names),
                    where + (key,))
        missing = [f.name for f in COLUMN_SCHEMA if f.required and spec.get(f.name) in (None, "")]
        for key in missing:
            problem(key, msg("is missing for column '{name}'", name=name),
                    msg("e.g. {key}: {example}", key=key, example=COLUMN_SCHEMA[key].example), where)
        column_type = str(spec.get("type", ""))
        if column_type and column_type not in COLUMN_TYPES:
            problem("type", msg("'{column_type}' is not a column type", column_type=column_type),
                    did_you_mean(column_type, COLUMN_TYPES),
                    where + ("type",))  # fmt: skip
            continue
        decimals = spec.get("decimals", 0 if column_type == "whole_number" else 1)
        if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 4:
            problem("decimals", msg("'{decimals}' is not a whole number from 0 to 4", decimals=decimals),
                    msg("e.g. decimals: 1"),
                    where + ("decimals",))  # fmt: skip
            continue
        if unknown or missing:
            continue
        texts = {key: str(spec.get(key) or "").strip() for key in ("label", "unit")}
        issue = next(((key, found) for key, text in texts.items() if (found := text_issue(text, lines=False))), None)
        if issue:
            problem(issue[0], issue[1].message, issue[1].hint, where + (issue[0],))
            continue
        columns[name] = Column(name, texts["label"], column_type, texts["unit"], decimals)
    return columns


def _check_relations(values, columns, sensor_ids, problem):
    axis = values.get("axis")
    if axis and columns:
        if axis not in columns:
            problem("axis", msg("'{axis}' is not one of the columns", axis=axis), did_you_mean(axis, columns),
                    ("axis",))
        elif columns[axis].type not in AXIS_TYPES:
            problem("axis",
                    msg("column '{axis}' holds numbers; the axis is a date, month, hour or text column", axis=axis),
                    msg("e.g. axis: datum"), ("axis",))  # fmt: skip
        if not any(c.numeric for c in columns.values()):
            problem("columns", msg("has no number column to show"), msg("give a column type: number"), ("columns",))
    start, end = values.get("period_start"), values.get("period_end")
    if start and end and end < start:
        problem("period_end", msg("{end} is before period_start {start}", end=end, start=start), msg("swap them?"),
                ("period_end",))
    if sensor_ids is not None:
        for sensor_id in values.get("sensors", ()):
            if sensor_id not in sensor_ids:
                problem("sensors", msg("'{sensor_id}' is not a sensor in the register", sensor_id=sensor_id),
                        did_you_mean(sensor_id, sensor_ids,
                        allowed_list=False), ("sensors",))  # fmt: skip


# --- the CSV file ---


def read_measurements(path, dataset, shown):
    """(typed DataFrame sorted on the axis, problems) for one dataset's CSV file."""
    if not Path(path).is_file():
        return None, [Problem(shown, 0, "file", msg("does not exist"),
                              msg("the manifest names it for '{id}'", id=dataset.id))]
    text, problems = read_text(path, shown, allow_windows_1252=True)
    if problems:
        return None, problems
    if not text.strip():
        return None, [Problem(shown, 1, "file", msg("is empty or not text"), msg("save it as CSV UTF-8"))]
    header_line = text.splitlines()[0]
    delimiter = sniff_delimiter(header_line) or ","
    line_numbers, frame, problems = _read_rows(text, delimiter, shown, dataset)
    if problems:
        return None, problems
    typed, problems = _convert_cells(frame, line_numbers, dataset, shown)
    if problems:
        return None, problems
    return typed, []


def _read_rows(text, delimiter, shown, dataset):
    """(file line of every data row, the rows as text in a DataFrame, problems): the csv module reads
    the file once, strictly (a bad header, a short or long row, an open quote), and pandas takes the rows."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    problems, line_numbers = [], []
    try:
        header = [name.strip() for name in next(reader)]
    except csv.Error as error:
        return [], None, [Problem(shown, 1, "header", msg("cannot be read: {error}", error=error))]
    seen = set()
    for name in header:
        if name in seen:
            problems.append(Problem(shown, 1, name, msg("is a column name used twice"), msg("rename or remove one")))
        elif name not in dataset.columns:
            problems.append(Problem(shown, 1, name or "header", msg("is not a column described in datasets.yml"),
                                    did_you_mean(name, dataset.columns)))  # fmt: skip
        seen.add(name)
    for name in dataset.columns:
        if name not in seen:
            problems.append(Problem(shown, 1, name, msg("is described in datasets.yml but not in the file"),
                                    msg("add the column, or remove it from the manifest")))  # fmt: skip
    rows = []
    for line, _line_end, fields in data_rows(reader, shown, problems, len(header), delimiter):
        line_numbers.append(line)
        rows.append(fields)
    if not line_numbers and not problems:
        problems.append(Problem(shown, 2, "file", msg("has no rows of measurements"), msg("add at least one row")))
    if problems:
        return line_numbers, None, problems
    return line_numbers, pd.DataFrame(rows, columns=header, dtype=str), []


def _convert_cells(frame, line_numbers, dataset, shown):
    problems, typed = [], {}
    frame.columns = [str(name).strip() for name in frame.columns]
    for column in dataset.columns.values():
        converted = []
        for line, text in zip(line_numbers, frame[column.name], strict=True):
            value, message = convert_cell(text.strip(), column, is_axis=column.name == dataset.axis)
            if message:
                problems.append(Problem(shown, line, column.name, message[0], message[1]))
            converted.append(value)
        typed[column.name] = converted
    if problems:
        return None, problems
    result = pd.DataFrame(typed, columns=list(dataset.columns))
    result["_line"] = line_numbers
    problems.extend(_check_axis(result, dataset, shown))
    if problems:
        return None, problems
    return result.sort_values(dataset.axis, kind="stable").reset_index(drop=True), []


def _check_axis(frame, dataset, shown):
    """One row per axis value, and every date inside the manifest's period."""
    problems, first_line = [], {}
    column = dataset.axis_column
    for value, line in zip(frame[dataset.axis], frame["_line"], strict=True):
        if value in first_line:
            problems.append(Problem(shown, line, dataset.axis,
                                    msg("'{value}' appears twice (also on line {first_line})",
                                        value=format_axis(value, column), first_line=first_line[value]),
                                    msg("keep one row per value")))  # fmt: skip
        else:
            first_line[value] = line
        if column.type in ("date", "month"):
            start = dataset.period_start.replace(day=1) if column.type == "month" else dataset.period_start
            if not start <= value <= dataset.period_end:
                problems.append(Problem(shown, line, dataset.axis,
                                        msg("{value} is outside the period {period_start} to {period_end} in "
                                            "datasets.yml", value=format_axis(value, column),
                                            period_start=dataset.period_start, period_end=dataset.period_end),
                                        msg("correct the value, or the period")))  # fmt: skip
    return problems


# A cell of a number column is read as the number kinds are everywhere (finite, at most 30 characters).
NUMBER_CELL = Field("cell", "number", example="31.5 or 31,5; leave empty when nothing was measured")
WHOLE_CELL = Field("cell", "whole_number", example="1250, without a thousands separator")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
HOUR = re.compile(r"^(\d{1,2})(?::00)?$")


def convert_cell(text, column, is_axis=False):
    """(typed value, None) or (None, (message, hint)). Empty number cells are a missing measurement."""
    kind = column.type
    if not text:
        if kind in NUMERIC_TYPES:
            return math.nan, None
        return None, (msg("is empty"), msg("every row needs a value here") if is_axis else msg("write a value"))
    if kind == "number":
        value, issues = NUMBER_CELL.from_text(text)
        return (None, (issues[0].message, issues[0].hint)) if issues else (value, None)
    if kind == "whole_number":
        negative = text.startswith("-")  # a count may fall (a difference), so a sign is allowed here
        value, issues = WHOLE_CELL.from_text(text[1:] if negative else text)
        if issues or value is None:
            return None, (msg("'{text}' is not a whole number", text=text),
                          msg("e.g. 1250, without a thousands separator"))
        return float(-value if negative else value), None
    if kind == "date":
        value = parse_date(text)
        return (value, None) if value else (None, (msg("'{text}' is not a date", text=text), DATE_HINT))
    if kind == "month":
        match = MONTH.match(text)
        if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
            return None, (msg("'{text}' is not a month", text=text), msg("write YYYY-MM, e.g. 2023-01"))
        return datetime.date(int(match.group(1)), int(match.group(2)), 1), None
    if kind == "hour":
        match = HOUR.match(text)
        if not match or not 0 <= int(match.group(1)) <= 23:
            return None, (msg("'{text}' is not an hour of the day", text=text), msg("write 0 to 23, or 08:00"))
        return int(match.group(1)), None
    issue = text_issue(text, lines=False)
    return (None, (issue.message, issue.hint)) if issue else (text, None)


# --- how values are shown ---


def format_axis(value, column, lang=None):
    """An axis value as text: 2021-03-01 and 2023-01 (in words in a language: 1 maart 2021, januari 2023), 08:00."""
    if column.type == "date":
        return format_date(value, lang) if lang else value.isoformat()
    if column.type == "month":
        return format_month(value, lang) if lang else f"{value:%Y-%m}"
    if column.type == "hour":
        return f"{value:02d}:00"
    return str(value)


def raw_value(value, column):
    """A value as written in the open data files (ISO dates, dot decimals, empty when missing)."""
    if column.numeric:
        if value is None or math.isnan(value):
            return ""
        return str(int(value)) if column.type == "whole_number" else repr(float(value))
    return format_axis(value, column)
