# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Woo-index: the public Stadspanel documents as DiWoo sitemaps, for the national index of government information.

Under the Wet open overheid a municipality makes its documents actively available through the Woo-index,
which harvests DiWoo sitemaps announced in robots.txt. This plugin writes, at the site's root:

- `sitemapindex-diwoo-infocatNNN.xml`: one sitemap index per Woo information category that has documents
  (the Woo-harvester reads only indexes named so), each announced in robots.txt (by the sitemap plugin);
- `diwoo-infocatNNN-1.xml`, `-2.xml`...: the sitemaps, at most 50,000 documents each. Every public request,
  advice, decision not to advise, response, conversation note and meeting report is one `<url>`: its
  address (its first attachment where it has one, else its place on its page) and a `diwoo:Document` with
  publisher, title, information category, document type, dates, language and format (see `diwoo`).

Drafts are never read and confidential documents are left out entirely: no address, no title, no date.
Settings: WOO_INDEX_PUBLISHER (the municipality's TOOI address; None leaves the Woo-index out) and
WOO_INDEX_CATEGORIES (kind of document -> infocatNNN, to change the default mapping of `diwoo`).
"""

from editor_files.messages import msg
from editor_files.problems import Problem
from site_outputs import Output

from woo_index.diwoo import (
    CATEGORIES,
    DEFAULT_CATEGORIES,
    PUBLISHER_PREFIX,
    Concept,
    entries,
    files,
    sitemap_index,
    urlset,
)

SETTINGS_FILE = "pelicanconf.py"


class SettingsError(Exception):
    """Stops the build; Pelican exits with `exitcode`."""

    exitcode = 1


def settings_problems(settings):
    """What is wrong with the Woo-index settings, as Problems (empty when fine or switched off)."""
    problems = []
    publisher = settings.get("WOO_INDEX_PUBLISHER")
    if publisher is not None and not (isinstance(publisher, str) and publisher.startswith(PUBLISHER_PREFIX)
                                      and len(publisher) > len(PUBLISHER_PREFIX)):  # fmt: skip
        problems.append(Problem(SETTINGS_FILE, 0, "WOO_INDEX_PUBLISHER",
                                msg("'{publisher}' is not an organisation's TOOI address", publisher=publisher),
                                msg("write https://identifier.overheid.nl/tooi/id/gemeente/gm and the municipality's "
                                    "code, or None to leave the Woo-index out")))  # fmt: skip
    chosen = settings.get("WOO_INDEX_CATEGORIES") or {}
    if not isinstance(chosen, dict):
        chosen = {"WOO_INDEX_CATEGORIES": chosen}
    for kind, category in chosen.items():
        if kind not in DEFAULT_CATEGORIES:
            problems.append(Problem(SETTINGS_FILE, 0, "WOO_INDEX_CATEGORIES",
                                    msg("'{kind}' is not a kind of document", kind=kind),
                                    msg("use {categories}", categories=", ".join(DEFAULT_CATEGORIES))))  # fmt: skip
        elif category not in CATEGORIES:
            problems.append(Problem(SETTINGS_FILE, 0, "WOO_INDEX_CATEGORIES",
                                    msg("'{category}' is not a Woo information category", category=category),
                                    msg("use infocat001 to infocat018, as the Woo-index numbers them")))  # fmt: skip
    return problems


def before_reading(settings):
    """Bad settings stop the build before anything is read or written."""
    problems = settings_problems(settings)
    if problems:
        raise SettingsError("\n" + "\n".join(str(problem) for problem in problems))


def categories_of(settings):
    chosen = settings.get("WOO_INDEX_CATEGORIES") or {}
    valid = {k: v for k, v in chosen.items() if k in DEFAULT_CATEGORIES and v in CATEGORIES} \
        if isinstance(chosen, dict) else {}  # fmt: skip
    return {**DEFAULT_CATEGORIES, **valid}


def planned(records, settings):
    """{index file: {sitemap file: entries}}; empty without a publisher or without a Stadspanel."""
    panel = getattr(records, "panel", None)
    if not settings.get("WOO_INDEX_PUBLISHER") or panel is None:
        return {}
    return files(entries(panel, settings.get("SITEURL", ""), categories_of(settings)))


def outputs(records, settings):
    """The sitemap indexes and sitemaps of the Woo-index, made from the records."""
    itself = msg("a file of the site itself (Woo-index)")
    site_url, lastmod = settings.get("SITEURL", ""), settings["BUILD_DATE"].isoformat()
    publisher = Concept(settings.get("WOO_INDEX_PUBLISHER") or "", settings.get("MUNICIPALITY", ""))
    for index, sitemaps in planned(records, settings).items():
        yield Output(index, itself, make=lambda _g, names=list(sitemaps): sitemap_index(site_url, names, lastmod),
                     overview=True)  # fmt: skip
        for name, found in sitemaps.items():
            yield Output(name, itself, make=lambda _g, found=found: urlset(found, publisher, lastmod), overview=True)
