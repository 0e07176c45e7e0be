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


def data_rows(reader, shown, problems):
    """(first line, last line, fields) of every row after the header that holds a value.

    An unclosed quote swallows the rest of the file: it becomes a problem and reading stops there.
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
        if any(value.strip() for value in fields):
            yield line, line_end, fields
