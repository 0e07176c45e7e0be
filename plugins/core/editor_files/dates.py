# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Dates: the one parser for editors' files (2025-03-12, or 12-03-2025 as Dutch Excel writes it),
and the one way a page writes a date for residents (12 maart 2025)."""

import datetime
import re

from .messages import msg

ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
DATE_HINT = msg("write YYYY-MM-DD or DD-MM-YYYY, e.g. 2024-03-15")


def parse_date(value):
    """A date from text (or a date), or None when it is not one."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    iso, dutch = ISO_DATE.match(text), DUTCH_DATE.match(text)
    if iso:
        year, month, day = iso.groups()
    elif dutch:
        day, month, year = dutch.groups()
    else:
        return None
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def dutch_date(day, months):
    """'12 maart 2025': `months` are the month names of theme/strings.nl.yml."""
    return f"{day.day} {months[day.month - 1]} {day.year}"
