"""Reading the register's CSV files as editors export them from Excel.

Every value stays text here; `validation` decides what it means. The csv module (not pandas)
reads, so that `007` stays `007`, `NA` stays `NA`, and every short or long row is caught.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from editor_files.csv_text import data_rows, sniff_delimiter
from editor_files.problems import Problem, did_you_mean
from editor_files.sources import decode

from .schema import SENSOR


@dataclass
class RawRow:
    path: str
    line: int
    values: dict


def read_csv(path, display_path=None):
    """Read one CSV file; returns (rows, problems). Rows carry their first line number."""
    shown = display_path or str(path)
    text, problems = decode(Path(path).read_bytes(), shown)
    if text is None:
        return [], problems
    if not text.strip():
        return [], [Problem(shown, 1, "file", "is empty", "the first line must name the columns")]
    header_line = text.splitlines()[0]
    delimiter = sniff_delimiter(header_line)
    if delimiter is None:
        return [], [Problem(shown, 1, "header", "has no ',' or ';' between column names",
                            "the first line must name the columns, e.g. sensor_id;name;summary")]  # fmt: skip
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    problems = []
    try:
        header = next(reader)
    except csv.Error as error:
        return [], [Problem(shown, 1, "header", f"cannot be read: {error}")]
    columns, header_problems = _check_header(header, shown)
    problems.extend(header_problems)
    rows = []
    for line, line_end, fields in data_rows(reader, shown, problems):
        if len(fields) != len(header):
            problems.append(_field_count_problem(shown, line, line_end, fields, len(header), delimiter))
            continue
        if columns is not None:
            rows.append(RawRow(shown, line, {name: fields[i] for i, name in columns.items()}))
    return rows, problems


def _check_header(header, shown):
    """Map column index -> name; report unnamed, unknown, duplicate and missing columns."""
    problems = []
    columns = {}
    seen = {}
    for index, raw_name in enumerate(header):
        name = raw_name.strip().lower()
        if not name:
            problems.append(Problem(shown, 1, f"column {index + 1}", "has no name",
                                    "remove the empty column or give it a name"))  # fmt: skip
            continue
        if name in seen:
            problems.append(Problem(shown, 1, name, f"appears twice (columns {seen[name] + 1} and {index + 1})",
                                    "keep one of them"))  # fmt: skip
            continue
        seen[name] = index
        if name not in SENSOR:
            hint = did_you_mean(name, SENSOR.names, allowed_list=False) or "see the column list in the README"
            problems.append(Problem(shown, 1, name, "is not a column of the register", hint))
            continue
        columns[index] = name
    for name in SENSOR.required:
        if name not in seen:
            problems.append(Problem(shown, 1, name, "required column is missing", "add it to the first line"))
    return (None if problems else columns), problems


def _field_count_problem(shown, line, line_end, fields, expected, delimiter):
    found = len(fields)
    if line_end > line:
        hint = f'a quote (") opened on line {line} is probably not closed; the row runs on to line {line_end}'
    elif found > expected:
        hint = (f"a value contains '{delimiter}' without quotes around it, e.g. a decimal comma: "
                f'write "52,2231" or 52.2231, or remove a trailing \'{delimiter}\'')  # fmt: skip
    else:
        hint = f"a '{delimiter}' is missing between two values, or the row is cut short"
    return Problem(shown, line, "row", f"has {found} fields, the header has {expected}", hint)
