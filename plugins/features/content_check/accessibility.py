# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The accessibility statement's status (ACCESSIBILITY), checked against DigiToegankelijk's rules.

DigiToegankelijk gives a statement one of five statuses. A (voldoet volledig) and B (voldoet
gedeeltelijk) rest on a full audit by WCAG-EM that is at most three years old; C (eerste maatregelen
genomen), D (bevat geen maatregelen) and E (voldoet niet) need none. So a status A or B without the
date of that audit, or with an audit older than three years, is refused: the statement page
(theme/templates/toegankelijkheid.html) would claim what nobody checked.
"""

import datetime

from editor_files.messages import msg
from editor_files.problems import Problem

SETTINGS_FILE = "pelicanconf.py"
STATUSES = ("A", "B", "C", "D", "E")
AUDITED = ("A", "B")  # the statuses that rest on a WCAG-EM audit
AUDIT_VALID_YEARS = 3


def audit_date(value):
    """The date of `last_audit` ("2026-05-01" or a date), or None when it is no date."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _recent(day, today):
    """Whether an audit of `day` still counts on `today` (at most three years ago, not in the future)."""
    try:
        oldest = today.replace(year=today.year - AUDIT_VALID_YEARS)
    except ValueError:  # 29 February
        oldest = today.replace(year=today.year - AUDIT_VALID_YEARS, day=28)
    return oldest <= day <= today


def settings_problems(settings):
    """What is wrong with ACCESSIBILITY, as Problems (empty when it follows the rules)."""
    setting = settings.get("ACCESSIBILITY")
    setting = setting if isinstance(setting, dict) else {}
    status, last_audit = setting.get("status"), setting.get("last_audit")
    if status not in STATUSES:
        return [Problem(SETTINGS_FILE, 0, "ACCESSIBILITY",
                        msg("'status' is {status!r}: DigiToegankelijk knows A, B, C, D and E",
                            status=status))]  # fmt: skip
    day = audit_date(last_audit)
    today = settings.get("BUILD_DATE") or datetime.date.today()
    wrong_date = last_audit is not None and day is None
    unaudited = status in AUDITED and (day is None or not _recent(day, today))
    if wrong_date or unaudited:
        message = msg("'last_audit' is {last_audit!r}: status A and B need the date (YYYY-MM-DD) of a full WCAG-EM "
                      "audit of at most three years ago; another status may leave it None", last_audit=last_audit)
        return [Problem(SETTINGS_FILE, 0, "ACCESSIBILITY", message)]
    return []
