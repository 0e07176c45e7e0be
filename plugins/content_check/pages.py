"""The Markdown pages and stories Pelican reads itself, checked before Pelican sees them.

Pelican drops a page with bad metadata with only a log line, keeps the last of two equal keys,
and stops with a traceback on text that is not UTF-8. Here each becomes `file:line: field: ...`.
Also: what every page's URL will be, so that a page cannot take the place of another page or
of a generated one (the register, a dossier, the map).
"""

import re
from dataclasses import dataclass
from pathlib import Path

from editor_files.problems import Problem, editor_path
from editor_files.sources import read_text, symlinks
from pelican.utils import slugify

# Folder under content/ -> (required metadata, URL pattern setting, default pattern)
PAGE_FOLDERS = {
    "pages": (("title",), "PAGE_URL", "{slug}/"),
    "verhalen": (("title", "date"), "ARTICLE_URL", "verhalen/{slug}/"),
}
OTHER_FOLDERS = {"stadspanel", "images"}
METADATA = re.compile(r"^([A-Za-z_][A-Za-z0-9_ -]*):\s*(.*)$")
STATUSES = {"published", "draft", "hidden"}


@dataclass(frozen=True)
class PageSource:
    path: str
    url: str
    status: str


def check_content_tree(settings, root):
    """Symbolic links and files nothing reads, anywhere editors commit files."""
    content = Path(settings["PATH"])
    problems = symlinks(content, root) + symlinks(Path(settings["THEME"]), root)
    for path in sorted(content.iterdir()) if content.is_dir() else []:
        if path.is_symlink():
            continue
        if not (path.is_dir() and (path.name in PAGE_FOLDERS or path.name in OTHER_FOLDERS)):
            problems.append(Problem(editor_path(path, root), 1, "file", "is not read: content/ holds the folders "
                                    + ", ".join(sorted({*PAGE_FOLDERS, *OTHER_FOLDERS})),
                                    "move it into one of them, or remove it"))  # fmt: skip
    return problems


def read_pages(settings, root):
    """(PageSource list, problems) for every page and story."""
    content = Path(settings["PATH"])
    pages, problems = [], []
    for folder, (required, url_setting, default_url) in PAGE_FOLDERS.items():
        directory = content / folder
        for path in sorted(directory.iterdir()) if directory.is_dir() else []:
            shown = editor_path(path, root)
            if path.is_symlink():
                continue
            if path.suffix.lower() != ".md" or not path.is_file():
                problems.append(Problem(shown, 1, "file", "is not a Markdown page and is not published",
                                        "pages are .md files; pictures go in content/images/"))  # fmt: skip
                continue
            page, page_problems = read_page(path, shown, required, settings.get(url_setting, default_url), settings)
            problems += page_problems
            if page:
                pages.append(page)
    return pages, problems


def read_page(path, shown, required, url_pattern, settings):
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    fields, lines = {}, {}
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        match = METADATA.match(line)
        if not match:
            break
        key = match.group(1).strip().lower()
        if key in fields:
            problems.append(Problem(shown, number, key, f"appears twice (lines {lines[key]} and {number})",
                                    "keep one of them; otherwise only the last would count"))  # fmt: skip
        fields[key], lines[key] = match.group(2).strip(), number
    for field in required:
        if not fields.get(field):
            problems.append(Problem(shown, 1, field, "missing", f"add a line '{field.title()}: ...' at the top"))
    status = fields.get("status", "published").lower()
    if status not in STATUSES:
        problems.append(Problem(shown, lines.get("status", 1), "status", f"'{fields['status']}' is not a status",
                                "leave it out, or use draft (never published)"))  # fmt: skip
    slug = fields.get("slug") or slugify(fields.get("title", ""), settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    url = fields["url"] if "url" in fields else url_pattern.format(slug=slug)
    return PageSource(shown, url, status), problems


def url_collisions(pages, generated):
    """A page may not take a URL another page or a generated page already has; both are named."""
    problems, owners = [], dict(generated)
    for page in pages:
        if page.status != "published":
            continue
        key = page.url.strip("/")
        if key in owners:
            problems.append(Problem(page.path, 1, "slug", f"the address /{page.url} is already taken by "
                                    f"{owners[key]}", "give this page another Slug"))  # fmt: skip
        else:
            owners[key] = page.path
    return problems
