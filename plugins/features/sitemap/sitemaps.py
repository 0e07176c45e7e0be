# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The sitemap files: which pages were written, which file lists each, and the XML of each file.

Pure functions of a list of page paths, so the splitting can be tested without a build.
"""

import os
import re
import unicodedata
from collections import defaultdict
from urllib.parse import quote
from xml.sax.saxutils import escape

from site_outputs.folders import files_below

# The sitemap protocol's limit per file (https://www.sitemaps.org/protocol.html).
MAX_URLS_PER_SITEMAP = 50_000
# Top-level pages (/over/, /privacy/, the home page) share one file under this name.
TOP_LEVEL = "paginas"
# Written by other parts of the build, not pages a reader looks for.
LEFT_OUT_FOLDERS = {"pagefind", "theme"}
LEFT_OUT_PAGES = {"404/"}
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"  # Google's hreflang alternates in a sitemap (xhtml:link)


def page_paths(output):
    """The URL path of every page written (`sensoren/HLV-1/`; the home page is ''), sorted.

    Links to folders are never followed (site_outputs.folders)."""
    output = os.fspath(output)
    paths = []
    for folder, names in files_below(output, pruned=LEFT_OUT_FOLDERS):
        relative = folder[len(output) + 1 :].replace(os.sep, "/")
        relative = f"{relative}/" if relative else ""
        if "index.html" in names and relative not in LEFT_OUT_PAGES:
            paths.append(relative)
    return sorted(paths)


def paths_of_pages(pages):
    """`page_paths` from the build's own account of its files (paths relative to the output folder, as
    'sensoren/HLV-1/index.html'), instead of a walk of its folders."""
    paths = set()
    for page in pages:
        folder, _, name = page.rpartition("/")
        if name != "index.html" or folder.split("/", 1)[0] in LEFT_OUT_FOLDERS:
            continue
        relative = f"{folder}/" if folder else ""
        if relative not in LEFT_OUT_PAGES:
            paths.add(relative)
    return sorted(paths)


def section_of(path, sections_with_subpages):
    """A page's section: its first folder when that folder has pages below it, else '' (the top level)."""
    first = path.split("/", 1)[0]
    return first if first in sections_with_subpages else ""


def split(items, size=MAX_URLS_PER_SITEMAP):
    """Consecutive chunks of at most `size` items."""
    return [items[start : start + size] for start in range(0, len(items), size)]


def sitemap_files(paths, max_urls=MAX_URLS_PER_SITEMAP):
    """{file name ('sensoren.xml', 'sensoren-2.xml'...): the paths it lists}; each path in exactly one file."""
    with_subpages = {path.split("/", 1)[0] for path in paths if path.count("/") > 1}
    by_section = defaultdict(list)
    for path in paths:
        by_section[section_of(path, with_subpages)].append(path)
    files = {}
    for section in sorted(by_section):
        chunks = split(by_section[section], max_urls)
        stem = _stem(section) if section else TOP_LEVEL
        for name, chunk in zip(_file_names(stem, len(chunks), files), chunks, strict=True):
            files[name] = chunk
    return files


def _stem(section):
    """A file name part from a folder name: lower-case ASCII letters, digits and '-'."""
    ascii_text = unicodedata.normalize("NFKD", section).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "sectie"


def _file_names(stem, count, taken):
    """`stem.xml`, or `stem-1.xml`... when split; another stem when a name is taken already."""
    candidate, number = stem, 1
    while True:
        names = [f"{candidate}.xml"] if count == 1 else [f"{candidate}-{n}.xml" for n in range(1, count + 1)]
        if not taken.keys() & set(names):
            return names
        number += 1
        candidate = f"{stem}-{number}"


def loc(site_url, path):
    """The page's address, percent-encoded (RFC 3986) and then escaped for XML."""
    return escape(f"{site_url}/{quote(path, safe='/')}")


def language_versions(paths, languages):
    """{path: [(hreflang, path)]} for every page that exists in more than one language: the first language's
    page at the root, each further one under its folder (`en/sensoren/`), and x-default (the root's)."""
    if len(languages) < 2:
        return {}
    further = {lang: f"{lang}/" for lang in languages[1:]}
    present = set(paths)
    versions = {}
    for path in paths:
        if path.split("/", 1)[0] in further:
            continue
        found = [(languages[0], path)] + [(lang, folder + path) for lang, folder in further.items()
                                          if folder + path in present]  # fmt: skip
        if len(found) > 1:
            tagged = [(lang.replace("_", "-"), version) for lang, version in found] + [("x-default", path)]
            for _lang, version in found:
                versions[version] = tagged
    return versions


def urlset(site_url, paths, lastmod, alternates=None):
    """A sitemap of `paths`; a page in `alternates` ({path: [(hreflang, path)]}) lists its language versions."""
    alternates = alternates or {}

    def entry(path):
        links = "".join(f'<xhtml:link rel="alternate" hreflang="{escape(lang)}" href="{loc(site_url, version)}"/>'
                        for lang, version in alternates.get(path, ()))  # fmt: skip
        return f"  <url><loc>{loc(site_url, path)}</loc><lastmod>{lastmod}</lastmod>{links}</url>\n"

    entries = "".join(entry(path) for path in paths)
    xhtml = f' xmlns:xhtml="{XHTML}"' if any(path in alternates for path in paths) else ""
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NAMESPACE}"{xhtml}>\n{entries}</urlset>\n'


def sitemap_index(site_url, file_paths, lastmod):
    entries = "".join(
        f"  <sitemap><loc>{loc(site_url, path)}</loc><lastmod>{lastmod}</lastmod></sitemap>\n" for path in file_paths
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NAMESPACE}">\n{entries}</sitemapindex>\n'
