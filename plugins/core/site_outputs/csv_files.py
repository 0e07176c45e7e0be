# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""CSV files for reusers, written one way: spreadsheet-safe cells, CRLF lines and a BOM."""

import csv
import io
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A part that a spreadsheet may split off as a cell of its own (Dutch Excel splits on ';', others on
# ',' or tab) and that then starts with a formula character, after optional spaces.
FORMULA_AFTER_SEPARATOR = re.compile(r"([,;\t\r\n]\s*)(?=[=+\-@])")


def spreadsheet_safe(value):
    """Spreadsheets run cells starting with = + - @ as formulas: every such start gets a quote before it,
    also inside a cell, wherever a separator could make it the start of a cell of its own."""
    text = "" if value is None else str(value)
    text = FORMULA_AFTER_SEPARATOR.sub(r"\1'", text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(fields, rows):
    """CSV for reusers: a header, CRLF lines, every cell spreadsheet-safe, and a BOM so Excel reads UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([spreadsheet_safe(value) for value in row])
    return "\ufeff" + buffer.getvalue()


def csv_line(row):
    """One row of `csv_text` (its cells spreadsheet-safe, ending in CRLF), for a file joined from parts."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([spreadsheet_safe(value) for value in row])
    return buffer.getvalue()
