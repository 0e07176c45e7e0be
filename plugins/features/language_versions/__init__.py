# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The site in every further language of LANGUAGES, under /<lang>/ (English for residents: /en/).

`LANGUAGES = ["nl", "en"]`: the first is the site at the root (DEFAULT_LANG); each other one is a
second pass of the same build once the first has written everything: the same content and records,
rendered with that language's settings (DEFAULT_LANG, the interface texts of
theme/strings.<lang>.yml, dates and numbers) into `<output>/<lang>/`. Of that pass only the HTML
pages are kept: pictures, styles, scripts, open data, feeds, exports and the signs' files are the
root's, and every link of a kept page to a page that has a version in the language points there (to
`/en/sensoren/<id>/`), every other link to the root's file (`/sensoren/register.csv`). A link
carrying `hreflang` (the language switch, the alternates) is left as written.

What editors wrote stays in the first language unless a record has a translation (`title_en`...): the
templates mark it with `lang` (the filters `translated` and `original_lang` of site_language), and a
template that shows any sets `original_language_content = true`, so that base.html says so once a page.

Plain Python: `further_passes(settings)` gives the settings of each further language's pass and
what to do once it is written; the adapter (pelican_adapter) runs each pass at the end of the build,
before any feature's `finished` (the sitemap, the search index), so both see every language's pages:
Pagefind indexes each page under its `<html lang>`.
"""

import os
import posixpath
import re
import shutil
import sys
from functools import partial
from html import escape, unescape
from pathlib import Path
from urllib.parse import urlsplit

from editor_files.messages import msg
from site_language import jinja_filters, load_interface_texts
from site_outputs import Output, record_free
from site_outputs.folders import FolderListing, remove_empty_folders
from site_outputs.templates import MemoryBytecodeCache

# make serve: {language: what its pass gets as PREVIEW_REUSE} (see the docstring).
REUSE_SETTING = "PREVIEW_LANGUAGE_REUSE"
# Set in a further language's pass: its language. Plugins that write files besides pages skip them then.
PASS_SETTING = "LANGUAGE_PASS"
# "" at the root, "/en" in the English pass: templates and scripts that build page links themselves
# (the register's filter, the maps' popups) put it after SITEURL.
PATH_SETTING = "LANGUAGE_PATH"

TAG = re.compile(r"<(?:a|area|link|form|img|script|source|iframe|video|audio|track|embed|object)\b[^>]*>", re.I)
ATTRIBUTE = re.compile(r"""(\s(?:href|src|action|poster|data)=)("[^"]*"|'[^']*')""", re.I)
HREFLANG = re.compile(r"\shreflang=", re.I)
OTHER_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def languages(settings):
    """The site's languages, the root's first: LANGUAGES, or only DEFAULT_LANG."""
    return list(settings.get("LANGUAGES") or [settings.get("DEFAULT_LANG", "nl")])


def further_languages(settings):
    """The languages built in a pass of their own under /<lang>/ (none in such a pass itself)."""
    return [] if settings.get(PASS_SETTING) else languages(settings)[1:]


def language_settings(settings, lang, reuse=None):
    """The settings of `lang`'s pass: the same site, in that language, written under <output>/<lang>/.

    `reuse`: make serve's page reuse for the pass (see the docstring); a pass that writes into a recycled
    folder keeps what is there (the pages it takes over), any other starts from an empty folder."""
    recycles = reuse is not None and reuse.recycles()
    overrides = {
        "DEFAULT_LANG": lang,
        "UI": load_interface_texts(settings["THEME"], lang, settings.get("INTERFACE_NAMES")),
        "JINJA_FILTERS": {**settings.get("JINJA_FILTERS", {}), **jinja_filters(lang, languages(settings)[0])},
        "OUTPUT_PATH": os.path.join(settings["OUTPUT_PATH"], lang),
        PASS_SETTING: lang,
        PATH_SETTING: f"/{lang}",
        "DELETE_OUTPUT_DIRECTORY": not recycles,
        "OUTPUT_RETENTION": [],
        "THEME_STATIC_PATHS": [],  # the root's theme files serve every language
        "SEARCH_ENABLED": False,  # the root's pass indexes every language at once
        "PREVIEW_REUSE": reuse,
        REUSE_SETTING: None,
    }
    return {**settings, **overrides}


def before_reading(settings):
    settings.setdefault(PATH_SETTING, "")
    environment = settings.get("JINJA_ENVIRONMENT") or {}
    if further_languages(settings) and environment.get("bytecode_cache") is None:
        # Each pass would compile every template again (half its time): the passes share them. No template
        # may fold a language's text into its compiled code (site_language's filters are written for that).
        settings["JINJA_ENVIRONMENT"] = {**environment, "bytecode_cache": MemoryBytecodeCache()}


def further_passes(settings, output_path, written=None):
    """[(settings of a further language's pass, what to do once the pass has written its files)].

    `written`: what the first run's writer wrote (make serve's reuse compares the pages with it)."""
    passes = []
    reuses = settings.get(REUSE_SETTING) or {}
    for lang in further_languages(settings):
        reuse = reuses.get(lang)
        language = language_settings({**settings, "OUTPUT_PATH": str(output_path)}, lang, reuse)
        output = Path(language["OUTPUT_PATH"])
        if reuse is None or not reuse.recycles():
            shutil.rmtree(output, ignore_errors=True)  # e.g. a folder of an earlier build, not known page by page
        if reuse is not None:
            reuse.expect(written_pages(output_path, written or ()))
        finish = partial(finish_pass, output, Path(output_path), settings.get("SITEURL", ""), lang, reuse)
        passes.append((language, finish))
    return passes


def written_pages(folder, written):
    """The HTML pages of `written` (paths as the writer named them) under `folder`, relative to it."""
    prefix = os.path.abspath(folder) + os.sep
    return {path[len(prefix) :].replace(os.sep, "/") for path in map(os.path.abspath, written)
            if path.startswith(prefix) and path.endswith(".html")}  # fmt: skip


class Pointed:
    """How one build pointed a language's pages: the language's `pages` then, and per page (`links`) the
    pages its links may point to and (`needed`) the files of the pass it needs (only when there are any).

    A page's pointed links stay right as long as each of its `links` is a page of the language exactly
    when it was then: its HTML before pointing is the same when its inputs are (make serve's reuse)."""

    def __init__(self, pages, links, needed):
        self.pages, self.links, self.needed = frozenset(pages), links, needed
        self._changed = (None, frozenset())

    def still_holds(self, page, pages):
        """Whether `page`, pointed then, is pointed right when the language has `pages` (a set)."""
        links = self.links.get(page)
        if links is None:
            return False
        if self._changed[0] is not pages:  # the pages that came or went, once per build
            # A set of its own size: the difference keeps the table of the 20,000 pages it was made from,
            # and every isdisjoint below would walk all of it.
            self._changed = (pages, frozenset(tuple(self.pages.symmetric_difference(pages))))
        return links.isdisjoint(self._changed[1])


def finish_pass(output, root, site_url, lang, reuse, written):
    """Only the pass's pages stay, their links pointed to the language's pages and the root's files.

    Only the pages the pass rendered are pointed; those make serve took over were pointed already."""
    rendered = written_pages(output, written)
    taken = reuse.taken_over() if reuse is not None else {}
    pages = rendered | taken.keys()
    links = {} if reuse is not None else None
    needed = point_links(output, root, site_url, lang, sorted(rendered), pages, links)
    if reuse is not None:
        kept_needed = {}
        for page, source in taken.items():
            links[page] = source.links[page]
            if page in source.needed:
                kept_needed[page] = source.needed[page]
        rendered_needed = {page: files for page, files in needed.items() if files}
        reuse.remember(Pointed(pages, links, {**rendered_needed, **kept_needed}))
        needed = {**needed, **kept_needed}
    building = getattr(reuse, "building", None)
    if building is not None and building.recycled is not None:  # make serve's recycled folder: its old pages go
        keep_pages_only(output, set().union(*needed.values()), building.listing, pages | building.keys.keys(),
                        reuse.written_before)  # fmt: skip
    else:
        keep_pages_only(output, set().union(*needed.values()), getattr(building, "listing", None))


def keep_pages_only(output, needed, listing=None, pages=None, written_before=None):
    """Only the HTML pages of a language's pass stay, and the files they need that the root has not
    (a map's script with its texts in the language): everything else is the root's. Folders left empty go.

    `listing`: make serve's `site_outputs.folders.FolderListing` of the folder (it recycles its folders):
    only the folders that changed since its last walk are listed again. `pages`: the pass's pages (relative
    paths), when the folder may hold pages of an earlier build (make serve's): any other page that
    `written_before(path)` says this build did not write goes too."""
    top = os.fspath(output)
    prefix = os.path.join(top, "")
    touched = []
    for directory, names in (listing or FolderListing()).files_below(top):
        folder = directory[len(prefix) :].replace(os.sep, "/") + "/" if directory != top else ""
        removed = False
        for name in names:
            if name.endswith(".html"):
                if pages is None or folder + name in pages:
                    continue
                path = os.path.join(directory, name)
                if not written_before(path):
                    continue
            elif folder + name in needed:
                continue
            else:
                path = os.path.join(directory, name)
            os.unlink(path)
            removed = True
        if removed or not names:
            touched.append(directory)
    remove_empty_folders(touched, prefix)


def point_links(output, root, site_url, lang, pages=None, existing=None, links=None):
    """Each page's links to a page that exists in `lang` point to it, every other link to the root's file
    (or, when only the language's pass wrote it, to that). `pages`: those to point (relative to `output`),
    every HTML file there by default; `existing`: the language's pages (relative paths), by default those on
    disk; `links`: {page: the pages its links may point to}, filled in when given. Returns {page: the
    files of the pass it needs}."""
    needed = {}
    if pages is None:
        pages = sorted(page.relative_to(output).as_posix() for page in output.rglob("*.html"))
    pointed_tags = {}  # (tag, its page's folder) -> how it is pointed: an owner's sheet repeats one logo 5,000 times
    for page in pages:
        path = output / page
        text = path.read_text(encoding="utf-8")
        needs, targets = set(), set() if links is not None else None
        pointed = TAG.sub(partial(_point_tag, address="/" + page, output=output, root=root, site_url=site_url,
                                  lang=lang, needed=needs, existing=existing, targets=targets,
                                  pointed_tags=pointed_tags), text)  # fmt: skip
        if pointed != text:
            path.write_text(pointed, encoding="utf-8")
        needed[page] = frozenset(needs)
        if links is not None:
            links[page] = frozenset(targets)
    return needed


def _point_tag(found, address, output, root, site_url, lang, needed, existing, targets, pointed_tags=None):
    """A tag with its links pointed. `pointed_tags`: how each tag was pointed in this pass's pages, by the tag and
    its page's folder (all a relative link depends on; the files and pages stay as they are while pages are pointed)."""
    tag = found.group(0)
    key = (tag, posixpath.dirname(address))
    if pointed_tags is not None and key in pointed_tags:
        pointed, tag_needs, tag_targets = pointed_tags[key]
        needed.update(tag_needs)
        if targets is not None:
            targets.update(tag_targets)
        return pointed
    if HREFLANG.search(tag):
        return tag
    tag_needs, tag_targets = set(), set()

    def point(match):
        value = unescape(match.group(2)[1:-1])
        pointed = pointed_url(value, address, output, root, site_url, lang, tag_needs, existing, tag_targets)
        return match.group(1) + '"' + escape(pointed) + '"'

    pointed = ATTRIBUTE.sub(point, tag)
    needed.update(tag_needs)
    if targets is not None:
        targets.update(tag_targets)
    if pointed_tags is not None:
        pointed_tags[key] = (pointed, frozenset(tag_needs), frozenset(tag_targets))
    return pointed


def pointed_url(value, address, output, root, site_url, lang, needed, existing=None, targets=None):
    """Where a link of a page at `address` (its path under the language's folder) points in `lang`'s version.

    `existing`: the language's pages (paths under its folder), by default those on disk; `targets`: a set
    that gets each page the answer depended on."""
    if not value or value.startswith(("#", "//", "?")):
        return value
    base = site_url.rstrip("/")
    if OTHER_SCHEME.match(value):
        if not (base and OTHER_SCHEME.match(base) and value.startswith(base + "/")):
            return value  # mailto:, another site
        value = value[len(base) :]
    elif not value.startswith("/"):  # relative: as from the root's version of this page
        parts = urlsplit(value)
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(address), parts.path))
        if parts.path.endswith("/") and not joined.endswith("/"):
            joined += "/"
        value = joined + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    else:
        local = urlsplit(base).path if base else ""
        if local and not value.startswith(local + "/"):
            return value
        value = value[len(local) :]
    path = urlsplit(value).path
    target = (path + "index.html" if path.endswith("/") else path).lstrip("/")
    if target.endswith(".html"):
        if targets is not None:
            targets.add(sys.intern(target))  # thousands of pages link the same pages: each name held once
        found = target in existing if existing is not None else (output / target).is_file()
        return f"{base}/{lang}{value}" if found else f"{base}{value}"
    if not (root / target).exists() and (output / target).is_file():
        needed.add(target)
        return f"{base}/{lang}{value}"
    return f"{base}{value}"


@record_free
def outputs(records, settings):
    """Every further language's pages, in its folder."""
    for lang in further_languages(settings):
        yield Output(f"{lang}/*", msg("a page of the site itself"))  # the pages in that language

