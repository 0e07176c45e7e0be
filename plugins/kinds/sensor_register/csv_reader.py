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


class LineRow:
    """A row that is one line of its file, with no quotes: its text (with the header it is read by) is what it is
    made of, so that `validation.validate_rows` keeps its record by that text; its values are split from it when
    first asked for (a kept row's never are)."""

    __slots__ = ("path", "line", "text", "header", "_values")

    def __init__(self, path, line, text, header):
        self.path, self.line, self.text, self.header, self._values = path, line, text, header, None

    @property
    def values(self):
        if self._values is None:
            fields = self.text.split(self.header.delimiter)
            self._values = {name: fields[i] for i, name in self.header.columns.items()}
        return self._values


@dataclass(frozen=True)
class Header:
    """The header line a LineRow is read by: its text (all its values depend on) and what follows from it."""

    text: str
    delimiter: str
    columns: dict


def read_csv(path, display_path=None):
    """Read one CSV file; returns (rows, problems). Rows carry their first line number."""
    shown = display_path or str(path)
    text, problems = decode(Path(path).read_bytes(), shown)
    if text is None:
        return [], problems
    if not text.strip():
        return [], [Problem(shown, 1, "file", msg("is empty"), msg("the first line must name the columns"))]
    header_line = (text.split("\n", 1)[0].splitlines() or [""])[0]  # text.splitlines()[0], without every line
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
    if columns is not None:
        rows = line_rows(text, reader.line_num, Header(header_line, delimiter, columns), len(header), shown)
        if rows is not None:
            return rows, problems
    rows = []
    for line, _line_end, fields in data_rows(reader, shown, problems, len(header), delimiter):
        if columns is not None:
            rows.append(RawRow(shown, line, {name: fields[i] for i, name in columns.items()}))
    return rows, problems


def line_rows(text, header_lines, header, width, shown):
    """The rows after the header as the csv module reads them, each line without a quote split by itself: the rows
    of a 10,000-line file without parsing more than the lines with quotes (the csv module reads each such row, from
    its first line on). None when the file has a problem (e.g. a row of another number of fields: the csv module's
    reading names it) or a line of the text would not be a line to the csv module (a lone CR ends one)."""
    if "\0" in text or text.count("\r") != text.count("\r\n"):
        return None
    lines = text.split("\n")
    if header_lines != 1 or lines[0].removesuffix("\r") != header.text:
        return None
    rows, delimiter, blank = [], header.delimiter, str.maketrans("", "", header.delimiter)
    longest = csv.field_size_limit()  # a longer value is a problem the csv module names
    index, last = 1, len(lines) - 1
    while index <= last:
        row = lines[index].removesuffix("\r")
        if '"' in row:
            reader = csv.reader(_from(lines, index), delimiter=delimiter, strict=True)
            try:
                fields = next(reader)
            except csv.Error:
                return None
            if any(value.strip() for value in fields):
                if len(fields) != width:
                    return None
                rows.append(RawRow(shown, index + 1, {name: fields[i] for i, name in header.columns.items()}))
            index += reader.line_num
            continue
        if len(row) > longest:
            return None
        first = row[:1]
        if (first and first != delimiter and not first.isspace()) or row.translate(blank).strip():  # (else skipped)
            if row.count(delimiter) != width - 1:
                return None
            rows.append(LineRow(shown, index + 1, row, header))
        index += 1
    return rows


def _from(lines, index):
    """The text's lines from `index` on, with their line ends (the last has none)."""
    last = len(lines) - 1
    for number in range(index, last + 1):
        yield lines[number] + "\n" if number < last else lines[number]


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
