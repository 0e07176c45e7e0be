# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""/.well-known/security.txt (RFC 9116): whom to tell about a security problem, until when that holds."""

import datetime

from editor_files.messages import msg
from editor_files.problems import Problem

CONTACT_SCHEMES = ("mailto:", "https://", "tel:")
# RFC 9116 2.5.5: Expires should be less than a year ahead.
MAX_VALID_DAYS = 365
SETTINGS_FILE = "pelicanconf.py"


def contacts(settings):
    value = settings.get("SECURITY_CONTACT") or []
    return [value] if isinstance(value, str) else list(value)


def settings_problems(settings):
    """What is wrong with the security.txt settings, as Problems (empty when fine or switched off)."""
    problems = []
    for contact in contacts(settings):
        text = str(contact)
        if not text.startswith(CONTACT_SCHEMES) or any(c.isspace() for c in text):
            hint = msg("one address starting with mailto:, https:// or tel:, e.g. 'mailto:security@example.nl'")
            message = msg("{contact!r} is not a contact address", contact=contact)
            problems.append(Problem(SETTINGS_FILE, 0, "SECURITY_CONTACT", message, hint))
    days = settings.get("SECURITY_TXT_VALID_DAYS")
    if contacts(settings) and not (type(days) is int and 1 <= days <= MAX_VALID_DAYS):
        hint = msg("RFC 9116 asks for an expiry less than a year ahead; the daily build renews it")
        message = msg("{days!r} is not a whole number of days from 1 to {max_valid_days}", days=days,
                      max_valid_days=MAX_VALID_DAYS)
        problems.append(Problem(SETTINGS_FILE, 0, "SECURITY_TXT_VALID_DAYS", message, hint))
    return problems


def validate_sources(settings):
    """For `make check` (content_check asks every plugin): the settings' problems before any build."""
    return settings_problems(settings)


def expires(build_date, valid_days):
    """Midnight UTC `valid_days` after the build, in RFC 3339 (what RFC 9116 asks for)."""
    moment = datetime.datetime.combine(build_date + datetime.timedelta(days=valid_days), datetime.time(), datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def security_txt(settings):
    """The file's text, or None when no SECURITY_CONTACT is set."""
    if not contacts(settings):
        return None
    lines = [f"Contact: {contact}" for contact in contacts(settings)]
    lines.append(f"Expires: {expires(settings['BUILD_DATE'], settings['SECURITY_TXT_VALID_DAYS'])}")
    lines.append("Preferred-Languages: nl, en")
    site_url = settings.get("SITEURL", "")
    # RFC 9116 2.5.2 and 3: the canonical address is an https:// one; a development build has none.
    if site_url.startswith("https://"):
        lines.append(f"Canonical: {site_url}/.well-known/security.txt")
    return "\n".join(lines) + "\n"
