# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""A published site may not send residents to a placeholder: `make publish` refuses example addresses.

The demo's contacts are example addresses (`example.nl`, `.invalid`, ...). A municipality that adopts
the portal sets its own; until then `make publish` names each setting that still holds a placeholder,
unless the site says it shows example data (EXAMPLE_DATA_NOTICE), as the demo does.
"""

import re

from editor_files.messages import msg
from editor_files.problems import Problem

# Every setting that holds an address residents are sent to.
CONTACT_SETTINGS = ("CONTACT_EMAIL", "SECURITY_CONTACT", "REPORT_ROUTE", "DATA_PROTECTION_OFFICER",
                    "OPEN_DATA_CONTACT_URL")  # fmt: skip
# RFC 2606 and RFC 6761: names reserved for examples and tests, never a real address.
PLACEHOLDER = re.compile(r"(?i)(@|//|\.|^)(example\.(com|net|org|nl)|[\w-]+\.(example|invalid|test|localhost))\b"
                         r"|@example\b")  # fmt: skip


def texts(value):
    """Every text in a setting's value (a dict's or list's values too)."""
    if isinstance(value, dict):
        return [t for item in value.values() for t in texts(item)]
    if isinstance(value, list | tuple):
        return [t for item in value for t in texts(item)]
    return [value] if isinstance(value, str) else []


def placeholder_problems(settings):
    """For a publish build (PUBLISH_REFUSES_PLACEHOLDERS): each contact setting that is a placeholder."""
    if not settings.get("PUBLISH_REFUSES_PLACEHOLDERS") or settings.get("EXAMPLE_DATA_NOTICE"):
        return []
    found = [(name, value) for name in CONTACT_SETTINGS for value in texts(settings.get(name))
             if PLACEHOLDER.search(value)]  # fmt: skip
    return [Problem("pelicanconf.py", 1, name,
                    msg("'{value}' is a placeholder address, not the municipality's", value=value),
                    msg("set its own address, or mark the site as example data (EXAMPLE_DATA_NOTICE = True)"))
            for name, value in found]  # fmt: skip
