# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Reading the register's CSV files as editors export them from Excel.

Every value stays text here; `validation` decides what it means. The csv module (not pandas)
reads, so that `007` stays `007`, `NA` stays `NA`, and every short or long row is caught.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from editor_files.csv_text import data_rows, sniff_delimiter
from editor_files.messages import msg
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
        return [], [Problem(shown, 1, "file", msg("is empty"), msg("the first line must name the columns"))]
    header_line = text.splitlines()[0]
    delimiter = sniff_delimiter(header_line)
    if delimiter is None:
        return [], [Problem(shown, 1, "header", msg("has no ',' or ';' between column names"),
                            msg("the first line must name the columns, e.g. sensor_id;name;summary"))]  # fmt: skip
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    problems = []
    try:
        header = next(reader)
    except csv.Error as error:
        return [], [Problem(shown, 1, "header", msg("cannot be read: {error}", error=error))]
    columns, header_problems = _check_header(header, shown)
    problems.extend(header_problems)
    rows = []
    for line, _line_end, fields in data_rows(reader, shown, problems, len(header), delimiter):
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
            problems.append(Problem(shown, 1, f"column {index + 1}", msg("has no name"),
                                    msg("remove the empty column or give it a name")))  # fmt: skip
            continue
        if name in seen:
            problems.append(Problem(shown, 1, name,
                                    msg("appears twice (columns {first} and {column})", first=seen[name] + 1,
                                        column=index + 1),
                                    msg("keep one of them")))  # fmt: skip
            continue
        seen[name] = index
        if name not in SENSOR:
            hint = did_you_mean(name, SENSOR.names, allowed_list=False) or msg("see the column list in the README")
            problems.append(Problem(shown, 1, name, msg("is not a column of the register"), hint))
            continue
        columns[index] = name
    for name in SENSOR.required:
        if name not in seen:
            problems.append(Problem(shown, 1, name, msg("required column is missing"), msg("add it to the first line")))
    return (None if problems else columns), problems
