"""Check a built site before it is published.

    python -m publication_safety.check_output output --site-url "$SITEURL" --sources content data

Fails, naming the file, when a page loads a script, style, font or image from another host,
when an internal link or asset does not resolve, when a `drafts/` folder exists, or when a
source `.md` or `.csv` file was copied into the output.
"""

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

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


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self):
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Reference:
    url: str
    loaded: bool  # loaded by the browser with the page (script, style, font, image)
    kind: str


class _ReferenceCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.references = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "style":
            self._in_style = True
        if attributes.get("style"):
            self.references.extend(css_references(attributes["style"]))
        if tag == "link" and attributes.get("href"):
            rels = set((attributes.get("rel") or "").lower().split())
            loaded = bool(rels & LINK_RELS_LOADED)
            self.references.append(Reference(attributes["href"], loaded, "style or font" if loaded else "link"))
        for name, value in attributes.items():
            if not value:
                continue
            if (tag, name) in LOADED:
                self.references.append(Reference(value, True, tag))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.references.append(Reference(candidate.split()[0], True, "image"))
            elif name == "href" and tag in ("a", "area"):
                self.references.append(Reference(value, False, "link"))

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.references.extend(css_references(data))


def css_references(css_text):
    found = []
    for match in CSS_URL.finditer(css_text):
        url = match.group(2) or match.group(4)
        found.append(Reference(url.strip(), True, "style or font"))
    return found


class SiteChecker:
    def __init__(self, output, site_url="", sources=()):
        self.output = Path(output)
        parts = urlsplit(site_url or "")
        # A site built with a path-only SITEURL gets a placeholder host to resolve links against.
        self.site_host = parts.netloc.lower() or "site.invalid"
        self.base_path = parts.path.rstrip("/")
        self.sources = [Path(s) for s in sources]
        self.problems = []

    def run(self):
        if not self.output.is_dir():
            return [Problem(str(self.output), "the output folder does not exist (build the site first)")]
        self.check_no_drafts()
        self.check_no_sources()
        for html_file in sorted(self.output.rglob("*.html")):
            collector = _ReferenceCollector()
            collector.feed(html_file.read_text(encoding="utf-8", errors="replace"))
            self.check_references(html_file, collector.references)
        for css_file in sorted(self.output.rglob("*.css")):
            self.check_references(css_file, css_references(css_file.read_text(encoding="utf-8", errors="replace")))
        return self.problems

    def report(self, path, message):
        self.problems.append(Problem(str(path), message))

    def check_no_drafts(self):
        for drafts in self.output.rglob("drafts"):
            if drafts.is_dir():
                self.report(drafts, "a drafts/ folder was published (drafts must never be written)")

    def check_no_sources(self):
        source_hashes = {}
        for folder in self.sources:
            for source in folder.rglob("*"):
                if source.suffix.lower() in (".md", ".csv") and source.is_file():
                    source_hashes[_sha256(source)] = source
        for file in self.output.rglob("*"):
            if not file.is_file():
                continue
            if file.suffix.lower() == ".md":
                self.report(file, "a Markdown source file was published (remove it from STATIC_PATHS)")
            elif source_hashes and _sha256(file) in source_hashes:
                self.report(file, f"a copy of the source file {source_hashes[_sha256(file)]} was published")

    def check_references(self, file, references):
        page_url = self.url_of(file)
        for reference in references:
            url = reference.url.strip()
            if not url or url.startswith("#") or url.lower().startswith(NOT_CHECKED_SCHEMES):
                continue
            absolute = urljoin(page_url, url)
            parts = urlsplit(absolute)
            external = parts.scheme not in ("", "http", "https") or (
                parts.netloc and parts.netloc.lower() != self.site_host
            )
            if external:
                if reference.loaded:
                    host = parts.netloc or parts.scheme
                    self.report(file, f"loads a {reference.kind} from another host ({host}): {url}")
                continue
            if not self.resolves(parts.path):
                what = "asset" if reference.loaded else "link"
                self.report(file, f"internal {what} does not resolve: {url}")

    def url_of(self, file):
        relative = PurePosixPath(file.relative_to(self.output).as_posix())
        return f"https://{self.site_host}{self.base_path}/{relative}"

    def resolves(self, url_path):
        path = unquote(url_path)
        if self.base_path and not (path == self.base_path or path.startswith(self.base_path + "/")):
            return False
        relative = path[len(self.base_path) :].lstrip("/")
        target = self.output / relative
        if not _inside(target, self.output):
            return False
        if relative == "" or relative.endswith("/"):
            return (target / "index.html").is_file()
        return target.is_file() or (target / "index.html").is_file()


def _inside(path, folder):
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_output(output, site_url="", sources=()):
    """Every problem in a built site, as a list of Problem (empty when it may be published)."""
    return SiteChecker(output, site_url, sources).run()


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
    args = parser.parse_args(argv)
    problems = check_output(args.output, args.site_url, args.sources)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"Output check failed: {len(problems)} problem(s). Nothing may be published.", file=sys.stderr)
        return 1
    print(f"Output check passed: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
