# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Check a built site before it is published.

    python -m publication_safety.check_output output --site-url "$SITEURL" --sources content data

Fails, naming the file, when a page loads a script, style, font or image from another host,
when an internal link or asset does not resolve, when a `drafts/` folder exists, when a
source `.md` or `.csv` file was copied into the output, when the output holds a symbolic
link (a link to /proc/self/environ once published the build machine's environment), or when
a file a browser opens as a document could run script in the site's origin: an `.xhtml`,
`.htm`, `.shtml`, `.xsl` ... file (the site makes none), or an `.svg`, `.xml` or `.atom` file
holding script (the site's own charts, QR codes, sitemaps and feeds hold none).
With `--refuse-inline-script` it also fails on inline script, `on*=` event-handler attributes
and `javascript:` URLs, which the site's Content-Security-Policy will refuse.

One parse per HTML file (lexbor); links are resolved against the set of published files,
collected in one walk that never follows a link; large sites are checked on every core.
"""

import argparse
import hashlib
import os
import posixpath
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from editor_files.messages import msg
from editor_files.problems import Problem
from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from .pictures import script_in

# The Content-Security-Policy refuses inline script, so a page that has any is broken (or attacked):
# refused by default; `--no-refuse-inline-script` checks a site built elsewhere.
INLINE_SCRIPT_ALLOWED_BY_DEFAULT = False

# Attributes whose URL the browser loads as part of the page (not a link the visitor follows).
LOADED = {
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
}
LINK_RELS_LOADED = {"stylesheet", "preload", "modulepreload", "icon", "apple-touch-icon", "manifest", "prefetch"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
NOT_CHECKED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "blob:")
ABSOLUTE_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")

# Script types a browser never runs: data blocks the Content-Security-Policy lets through.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "application/geo+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}
SCANNED_ATTRIBUTES = frozenset({name for _tag, name in LOADED} | URL_ATTRIBUTES | {"style", "srcset"})
# A URL parser drops tabs and newlines anywhere, and leading control characters and spaces.
URL_IGNORED = re.compile(r"[\t\n\r]")
URL_LEADING = "".join(chr(c) for c in range(0x21))
CSP_HINT = msg("the Content-Security-Policy refuses inline script: load it from a file served by the site")

# Files a browser opened directly may run script from, in the site's own origin (a <meta> CSP
# protects only the HTML page that carries it): the site makes none of these.
ACTIVE_SUFFIXES = {".xhtml", ".xht", ".htm", ".shtml", ".shtm", ".stm", ".mht", ".mhtml", ".xsl", ".xslt",
                   ".svgz", ".hta"}  # fmt: skip
# XML the site makes itself (charts, QR codes, sitemaps, feeds): published when nothing in it can run script.
XML_SUFFIXES = {".svg", ".xml", ".atom", ".rss"}
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
ACTIVE_HINT = msg("a browser opening it runs its script on the site: remove the file, or publish it as PNG, PDF or "
                  "text")

# Below this many pages, starting worker processes costs more than it saves.
PARALLEL_FROM_PAGES = 1000
PAGES_PER_CHUNK = 250


@dataclass(frozen=True)
class Reference:
    url: str
    loaded: bool  # loaded by the browser with the page (script, style, font, image)
    kind: str


@dataclass
class PageScan:
    """What one HTML page refers to, and the script it would run inline."""

    references: list = field(default_factory=list)
    inline_script: list = field(default_factory=list)  # (message, excerpt)


def scan_page(html):
    """One parse of a page (str, or UTF-8 bytes: faster); its references and inline script."""
    scan = PageScan()
    _scan_tree(LexborHTMLParser(html), scan)
    return scan


def _scan_tree(parser, scan):
    # Python work per element is what costs: only elements with an attribute worth reading get any.
    if parser.root is None:
        return
    attribute_names = set()
    for node in parser.root.traverse():
        attributes = node.attributes
        if attributes:
            attribute_names.update(attributes)
            if not SCANNED_ATTRIBUTES.isdisjoint(attributes):
                _scan_attributes(node.tag, attributes, scan)
    if any(name.startswith("on") for name in attribute_names):
        _scan_event_handlers(parser.root, scan)
    for node in parser.css("style, script, template"):
        if node.tag == "style":
            scan.references.extend(css_references(node.text()))
        elif node.tag == "script":
            _scan_script(node, scan)
        else:
            _scan_template(node, scan)


def _scan_attributes(tag, attributes, scan):
    if attributes.get("style"):
        scan.references.extend(css_references(attributes["style"]))
    if tag == "link" and attributes.get("href"):
        rels = set((attributes.get("rel") or "").lower().split())
        loaded = bool(rels & LINK_RELS_LOADED)
        scan.references.append(Reference(attributes["href"], loaded, "style or font" if loaded else "link"))
    for name, value in attributes.items():
        if not value:
            continue
        if name in URL_ATTRIBUTES and ":" in value and _is_javascript_url(value):
            scan.inline_script.append((msg("javascript: URL in {name}= on <{tag}>", name=name, tag=tag), value))
        if (tag, name) in LOADED:
            scan.references.append(Reference(value, True, tag))
        elif name == "srcset":
            for candidate in value.split(","):
                if candidate.strip():
                    scan.references.append(Reference(candidate.split()[0], True, "image"))
        elif name == "href" and tag in ("a", "area"):
            scan.references.append(Reference(value, False, "link"))


def _scan_event_handlers(root, scan):
    for node in root.traverse():
        for name, value in node.attributes.items():
            if name.startswith("on"):
                scan.inline_script.append((msg("event-handler attribute {name}= on <{tag}>", name=name, tag=node.tag),
                                           value or ""))


def _scan_script(node, scan):
    attributes = node.attributes
    if "src" in attributes:
        return
    script_type = (attributes.get("type") or "").split(";")[0].strip().lower()
    if script_type not in DATA_SCRIPT_TYPES:
        scan.inline_script.append((msg("inline <script> element"), node.text()))


def _scan_template(node, scan):
    """A template's content is a separate fragment the tree walk does not enter: parse it on its own."""
    for name in list(node.attributes):
        del node.attrs[name]  # already scanned; leaves `<template>` as the exact start tag
    inner = node.html[len("<template>") : -len("</template>")]
    _scan_tree(LexborHTMLParser(inner, is_fragment=True, fragment_tag="template"), scan)


def _is_javascript_url(value):
    return URL_IGNORED.sub("", value).lstrip(URL_LEADING).lower().startswith("javascript:")


def css_references(css_text):
    found = []
    for match in CSS_URL.finditer(css_text):
        url = match.group(2) or match.group(4)
        found.append(Reference(url.strip(), True, "style or font"))
    return found


def _excerpt(text, length=60):
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 3] + "..."


@dataclass
class OutputTree:
    """Every published file, found in one walk that never follows a symbolic link."""

    files: dict = field(default_factory=dict)  # relative POSIX path -> size in bytes
    problems: list = field(default_factory=list)


def walk_output(output):
    tree = OutputTree()
    folders = [""]
    while folders:
        relative_folder = folders.pop()
        with os.scandir(output / relative_folder) as entries:
            for entry in entries:
                _record_entry(output, entry, posixpath.join(relative_folder, entry.name), tree, folders)
    return tree


def _record_entry(output, entry, relative, tree, folders):
    if entry.is_symlink():
        target = os.readlink(entry.path)
        tree.problems.append(
            Problem(
                str(output / relative),
                message=msg("a symbolic link was published (to {target})", target=target),
                hint=msg("links are refused: they can publish any file of the build machine"),
            )
        )
    elif entry.is_dir(follow_symlinks=False):
        if entry.name == "drafts":
            tree.problems.append(
                Problem(str(output / relative),
                        message=msg("a drafts/ folder was published (drafts must never be written)"))
            )
        folders.append(relative)
    elif entry.is_file(follow_symlinks=False):
        tree.files[relative] = entry.stat(follow_symlinks=False).st_size
    else:
        tree.problems.append(Problem(str(output / relative),
                                     message=msg("not a regular file (device, pipe or socket)")))


def _path_order(relative):
    return relative.split("/")


class SourceCopies:
    """Source .md and .csv files by size; each is hashed at most once, and only when an output file has its size."""

    def __init__(self, folders):
        self.by_size = {}
        self._hashes = {}
        for folder in folders:
            for source in _source_files(Path(folder)):
                self.by_size.setdefault(source.stat().st_size, []).append(source)

    def original_of(self, file, size):
        if size not in self.by_size:
            return None
        if size not in self._hashes:
            # A later source with the same content wins, as a dict keyed by hash would have it.
            self._hashes[size] = {_sha256(source): source for source in self.by_size[size]}
        return self._hashes[size].get(_sha256(file))


def _source_files(folder):
    for directory, _folders, names in os.walk(folder):
        for name in names:
            source = Path(directory) / name
            if source.suffix.lower() in (".md", ".csv") and source.is_file():
                yield source


class LinkResolver:
    """Whether a URL found in a page stays on the site and resolves to a published file."""

    def __init__(self, site_host, base_path, files):
        self.site_host = site_host
        self.base_path = base_path
        self.origin = f"https://{site_host}"
        self.files = frozenset(files)
        self._verdicts = {}

    def page_url(self, relative):
        return f"{self.origin}{self.base_path}/{relative}"

    def problem_with(self, page_url, reference):
        """A message when the reference leaves the site while loaded, or does not resolve; else None."""
        url = reference.url.strip()
        if not url or url.startswith("#") or url.lower().startswith(NOT_CHECKED_SCHEMES):
            return None
        verdict = self._verdict(page_url, url)
        if verdict is None:
            return None
        if verdict[0] == "external":
            return msg("loads a {kind} from another host ({verdict}): {url}", kind=reference.kind, verdict=verdict[1],
                       url=url) if reference.loaded else None
        if reference.loaded:
            return msg("internal asset does not resolve: {url}", url=url)
        return msg("internal link does not resolve: {url}", url=url)

    def _verdict(self, page_url, url):
        # Most URLs on a page are site-absolute: their verdict is shared by every page.
        if url.startswith("//") or ABSOLUTE_URL.match(url):
            key = ("", url)
        elif url.startswith("/"):
            key = (self.origin, url)
        else:
            key = (page_url, url)
        if key not in self._verdicts:
            self._verdicts[key] = self._judge(urljoin(page_url, url))
        return self._verdicts[key]

    def _judge(self, absolute):
        parts = urlsplit(absolute)
        external = parts.scheme not in ("", "http", "https") or (
            parts.netloc and parts.netloc.lower() != self.site_host
        )
        if external:
            return ("external", parts.netloc or parts.scheme)
        return None if self.resolves(parts.path) else ("missing",)

    def resolves(self, url_path):
        path = unquote(url_path)
        if self.base_path and not (path == self.base_path or path.startswith(self.base_path + "/")):
            return False
        relative = path[len(self.base_path) :].lstrip("/")
        if relative == "" or relative.endswith("/"):
            return self._published(relative + "index.html")
        return self._published(relative) or self._published(relative + "/index.html")

    def _published(self, relative):
        normal = posixpath.normpath(relative)
        return not (normal == ".." or normal.startswith("../")) and normal in self.files


class PageChecker:
    """Checks one HTML or CSS file; picklable, so worker processes get their own copy."""

    def __init__(self, output, resolver, inline_script_allowed):
        self.output = output
        self.resolver = resolver
        self.inline_script_allowed = inline_script_allowed

    def check_html(self, relative):
        scan = scan_page(self._read_bytes(relative))
        problems = self._reference_problems(relative, scan.references)
        if not self.inline_script_allowed:
            path = str(self.output / relative)
            for message, excerpt in scan.inline_script:
                shown = msg("{message}: {excerpt}", message=message, excerpt=_excerpt(excerpt)) if excerpt.strip() \
                    else message
                problems.append(Problem(path, message=shown, hint=CSP_HINT))
        return problems

    def check_css(self, relative):
        return self._reference_problems(relative, css_references(self._read(relative)))

    def _read(self, relative):
        return (self.output / relative).read_text(encoding="utf-8", errors="replace")

    def _read_bytes(self, relative):
        return (self.output / relative).read_bytes()

    def _reference_problems(self, relative, references):
        page_url = self.resolver.page_url(relative)
        path = str(self.output / relative)
        problems = []
        for reference in references:
            message = self.resolver.problem_with(page_url, reference)
            if message:
                problems.append(Problem(path, message=message))
        return problems


# The checker of one output check, in a worker process of its pool (set by the pool's initializer, so it
# is pickled once per worker, not once per chunk of pages). Not a cache: the main process never holds it.
_worker_checker = None


def _start_worker(checker):
    global _worker_checker
    _worker_checker = checker


def _check_html_chunk(relatives):
    return [problem for relative in relatives for problem in _worker_checker.check_html(relative)]


def _usable_cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class SiteChecker:
    def __init__(self, output, site_url="", sources=(), inline_script_allowed=INLINE_SCRIPT_ALLOWED_BY_DEFAULT):
        self.output = Path(output)
        parts = urlsplit(site_url or "")
        # A site built with a path-only SITEURL gets a placeholder host to resolve links against.
        self.site_host = parts.netloc.lower() or "site.invalid"
        self.base_path = parts.path.rstrip("/")
        self.sources = [Path(s) for s in sources]
        self.inline_script_allowed = inline_script_allowed

    def run(self):
        if not self.output.is_dir():
            return [Problem(str(self.output), message=msg("the output folder does not exist (build the site first)"))]
        tree = walk_output(self.output)
        files = sorted(tree.files, key=_path_order)
        resolver = LinkResolver(self.site_host, self.base_path, files)
        checker = PageChecker(self.output, resolver, self.inline_script_allowed)
        pages = [f for f in files if f.endswith(".html")]
        styles = [f for f in files if f.endswith(".css")]
        problems = list(tree.problems)
        if len(pages) >= PARALLEL_FROM_PAGES and _usable_cores() > 1:
            with ProcessPoolExecutor(_usable_cores(), initializer=_start_worker, initargs=(checker,)) as pool:
                chunks = [pages[i : i + PAGES_PER_CHUNK] for i in range(0, len(pages), PAGES_PER_CHUNK)]
                page_results = pool.map(_check_html_chunk, chunks)
                problems += self.source_problems(tree, files)  # while the workers parse
                for result in page_results:
                    problems += result
        else:
            problems += self.source_problems(tree, files)
            for page in pages:
                problems += checker.check_html(page)
        for style in styles:
            problems += checker.check_css(style)
        return problems

    def source_problems(self, tree, files):
        copies = SourceCopies(self.sources)
        problems = []
        for relative in files:
            file = self.output / relative
            suffix = posixpath.splitext(relative)[1].lower()
            if suffix in ACTIVE_SUFFIXES or suffix in XML_SUFFIXES:
                problems += active_content_problems(file, suffix)
            if suffix == ".md":
                problems.append(
                    Problem(str(file),
                            message=msg("a Markdown source file was published (remove it from STATIC_PATHS)"))
                )
                continue
            original = copies.original_of(file, tree.files[relative])
            if original is not None:
                problems.append(Problem(str(file),
                                        message=msg("a copy of the source file {original} was published",
                                                    original=original)))
        return problems


def active_content_problems(file, suffix):
    """A published file that a browser opening it would run script from (in the site's own origin)."""
    if suffix in ACTIVE_SUFFIXES:
        return [Problem(str(file), message=msg("a {suffix} file was published: the site makes none", suffix=suffix),
                        hint=ACTIVE_HINT)]
    try:
        tree = etree.parse(str(file), XML_PARSER).getroot()
    except (etree.XMLSyntaxError, ValueError):
        return [Problem(str(file),
                        message=msg("a {suffix} file that is not well-formed XML was published", suffix=suffix),
                        hint=ACTIVE_HINT)]  # fmt: skip
    found = script_in(tree)
    if found is None:
        return []
    what, line = found
    return [Problem(str(file),
                    message=msg("a {suffix} file holding {what} (line {line}) was published", suffix=suffix, what=what,
                                line=line), hint=ACTIVE_HINT)]


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_output(output, site_url="", sources=(), inline_script_allowed=INLINE_SCRIPT_ALLOWED_BY_DEFAULT):
    """Every problem in a built site, as a list of Problem (empty when it may be published)."""
    return SiteChecker(output, site_url, sources, inline_script_allowed).run()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Check a built site before it is published.")
    parser.add_argument("output", help="the built site, e.g. output")
    parser.add_argument("--site-url", default="", help="the SITEURL the site was built with")
    parser.add_argument(
        "--sources",
        nargs="*",
        default=["content", "data"],
        help="source folders whose .md and .csv files must not be published",
    )
    parser.add_argument(
        "--refuse-inline-script",
        action=argparse.BooleanOptionalAction,
        default=not INLINE_SCRIPT_ALLOWED_BY_DEFAULT,
        help="fail on inline <script>, on*= attributes and javascript: URLs (the Content-Security-Policy refuses them)",
    )
    args = parser.parse_args(argv)
    problems = check_output(args.output, args.site_url, args.sources, not args.refuse_inline_script)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(msg("Output check failed: {count} problem(s). Nothing may be published.", count=len(problems)),
              file=sys.stderr)
        return 1
    print(msg("Output check passed: {output}", output=args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
