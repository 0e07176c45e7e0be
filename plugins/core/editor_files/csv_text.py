# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Reading editors' CSV files row by row, with the file line of every row (a quoted value may span lines)."""

import csv

from .messages import msg
from .problems import Problem


def sniff_delimiter(header_line):
    """`;` or `,`, whichever the header line uses (Dutch Excel writes `;`); None when it uses neither."""
    semicolons, commas = header_line.count(";"), header_line.count(",")
    if semicolons == commas == 0:
        return None
    return ";" if semicolons > commas else ","


def data_rows(reader, shown, problems, width=None, delimiter=","):
    """(first line, last line, fields) of every row after the header that holds a value.

    An unclosed quote swallows the rest of the file: it becomes a problem and reading stops there.
    With `width` (the header's number of columns), a row of another number of fields is a problem
    (with a hint that guesses why) and is not yielded.
    """
    line_end = reader.line_num
    while True:
        line = line_end + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problems.append(Problem(shown, line, "row", msg('a quote (") is not closed ({error})', error=error),
                                    msg('put a closing " after the value, or remove the opening one')))  # fmt: skip
            return
        line_end = reader.line_num
        if not any(value.strip() for value in fields):
            continue
        if width is not None and len(fields) != width:
            problems.append(field_count_problem(shown, line, line_end, len(fields), width, delimiter))
            continue
        yield line, line_end, fields


def field_count_problem(shown, line, line_end, found, expected, delimiter):
    """A row whose number of fields is not the header's, with the likeliest cause as its hint."""
    if line_end > line:
        hint = msg('a quote (") opened on line {line} is probably not closed; the row runs on to line {line_end}',
                   line=line, line_end=line_end)
    elif found > expected:
        hint = (msg("a value contains '{delimiter}' without quotes around it, e.g. a decimal comma: write \"52,2231\" "
                    "or 52.2231, or remove a trailing '{delimiter}'", delimiter=delimiter))  # fmt: skip
    else:
        hint = msg("a '{delimiter}' is missing between two values, or the row is cut short", delimiter=delimiter)
    return Problem(shown, line, "row",
                   msg("has {found} fields, the header has {expected}", found=found, expected=expected), hint)
