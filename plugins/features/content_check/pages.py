# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The Markdown pages and stories Pelican reads itself, checked before Pelican sees them.

Pelican drops a page with bad metadata with only a log line, keeps the last of two equal keys,
and stops with a traceback on text that is not UTF-8. Here each becomes `file:line: field: ...`.
Also: the file every page is written to (its Save_as, or the pattern with its Slug) and the
address it claims (its URL), so that a page cannot take the place of another page or of a
generated file (the register, a dossier, the map, an open data file); both sources are named, at
the line that decided the address.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from editor_files.fields import text_issue
from editor_files.markdown_text import bracket_problems
from editor_files.messages import msg
from editor_files.problems import Problem, did_you_mean, editor_path
from editor_files.sources import read_text, symlinks
from pelican.utils import slugify
from site_outputs import Claims, normalised

# Folder under content/ -> (required metadata, URL setting, default URL, file setting, default file)
PAGE_FOLDERS = {
    "pages": (("title",), "PAGE_URL", "{slug}/", "PAGE_SAVE_AS", "{slug}/index.html"),
    "verhalen": (("title", "date"), "ARTICLE_URL", "verhalen/{slug}/", "ARTICLE_SAVE_AS", "verhalen/{slug}/index.html"),
}
OTHER_FOLDERS = {"stadspanel", "images"}
# Python-Markdown's meta extension (markdown.extensions.meta), which Pelican reads pages with.
METADATA = re.compile(r"^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)")
META_MORE = re.compile(r"^[ ]{4,}(.*)")
META_BEGIN = re.compile(r"^-{3}(\s.*)?")
META_END = re.compile(r"^(-{3}|\.{3})(\s.*)?")
STATUSES = {"published", "draft", "hidden"}
TEMPLATE_NAME = re.compile(r"^[a-z0-9_-]{1,40}$")
SLUG_REFUSED = re.compile(r"[?#\\/]|\.\.|^\.")
ADDRESS_REFUSED = re.compile(r"[?#\\]|\.\.")  # an URL or Save_as has folders, but never these
# A picture in Markdown or HTML whose address names a host: ![text](https://...) or <img src="//...">.
OTHER_HOST_IMAGE = re.compile(r"""!\[[^\]\n]*\]\(\s*<?((?:[a-z][a-z0-9+.-]*:)?//[^)\s>]+)|<img\b[^>\n]*\bsrc\s*=\s*["']?((?:[a-z][a-z0-9+.-]*:)?//[^"'\s>]+)""", re.I)  # noqa: E501


@dataclass(frozen=True)
class Claim:
    """A file a page will be written to, or an address it says it has, and the line that decides it."""

    path: str  # in the output folder, e.g. 'over/index.html'
    line: int
    kind: str  # "save_as": the file it names; "slug": the address its slug gives; "url": the address it names
    value: str  # that file or address, e.g. 'x.html' or 'over/'


@dataclass(frozen=True)
class PageSource:
    path: str
    url: str
    status: str
    claims: tuple = ()
    slug: str = ""
    slug_line: int = 1


def check_content_tree(settings, root):
    """Symbolic links and files nothing reads, anywhere editors commit files."""
    content = Path(settings["PATH"])
    problems = symlinks(content, root) + symlinks(Path(settings["THEME"]), root)
    for path in sorted(content.iterdir()) if content.is_dir() else []:
        if path.is_symlink():
            continue
        if not (path.is_dir() and (path.name in PAGE_FOLDERS or path.name in OTHER_FOLDERS)):
            problems.append(Problem(editor_path(path, root), 1, "file",
                                    msg("is not read: content/ holds the folders {folders}",
                                        folders=", ".join(sorted({*PAGE_FOLDERS, *OTHER_FOLDERS}))),
                                    msg("move it into one of them, or remove it")))  # fmt: skip
    return problems


def folder_rules(folder, settings):
    """(required metadata, (URL pattern, file pattern)) of the pages in a folder under content/."""
    required, url_setting, default_url, save_as_setting, default_save_as = PAGE_FOLDERS[folder]
    return required, (settings.get(url_setting, default_url), settings.get(save_as_setting, default_save_as))


def read_pages(settings, root):
    """(PageSource list, problems) for every page and story."""
    content = Path(settings["PATH"])
    pages, problems = [], []
    for folder in PAGE_FOLDERS:
        directory = content / folder
        required, patterns = folder_rules(folder, settings)
        for path in sorted(directory.iterdir()) if directory.is_dir() else []:
            shown = editor_path(path, root)
            if path.is_symlink():
                continue
            if path.suffix.lower() != ".md" or not path.is_file():
                problems.append(Problem(shown, 1, "file", msg("is not a Markdown page and is not published"),
                                        msg("pages are .md files; pictures go in content/images/")))  # fmt: skip
                continue
            page, page_problems = read_page(path, shown, required, patterns, settings)
            problems += page_problems
            if page:
                pages.append(page)
        problems += duplicate_slugs([p for p in pages if p.path.startswith(f"content/{folder}/")])
    return pages, problems


def duplicate_slugs(pages):
    """Pelican stops on two pages (or two stories) with one slug, whatever their Save_as: named here first."""
    problems, first = [], {}
    for page in pages:
        if page.status != "published" or not page.slug:
            continue
        key = page.slug.casefold()
        if key in first:
            problems.append(Problem(page.path, page.slug_line, "slug",
                                    msg("'{slug}' is also the slug of {first}", slug=page.slug, first=first[key]),
                                    msg("give each page its own Slug (or title)")))  # fmt: skip
        first.setdefault(key, f"{page.path}:{page.slug_line}")
    return problems


def read_metadata(text, shown):
    """({key: value}, {key: line}, problems) of the `Key: value` lines at the top of a page.

    Read by the rules of Python-Markdown's meta extension, which Pelican uses (a key of letters, digits,
    - and _ after up to three spaces; a line indented four spaces or more continues the value; a blank
    line or `---`/`...` ends the header; an opening `---` is skipped), so that the check sees every
    setting Pelican will: a `Save_as` the check missed could replace a page of the site itself.
    """
    fields, lines, problems, key = {}, {}, [], None
    # Python-Markdown's own line handling: CR and CRLF end a line, a tab is four spaces. split("\n"), not
    # splitlines(): a pasted U+2028 must not end a line here that Pelican reads on.
    source = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = 1 if source and META_BEGIN.match(source[0]) else 0
    for number, line in enumerate(source[start:], start=start + 1):
        line = line.expandtabs(4)
        match = METADATA.match(line)
        if not line.strip() or META_END.match(line):
            break
        if match:
            key = match.group(1).lower()
            if key in fields:
                problems.append(Problem(shown, number, key,
                                        msg("appears twice (lines {first} and {line})", first=lines[key], line=number),
                                        msg("keep one of them; otherwise only the last would count")))  # fmt: skip
            fields[key], lines[key] = match.group(2).strip(), number
            issue = text_issue(fields[key], lines=False)
            if issue:
                problems.append(Problem(shown, number, key, issue.message, issue.hint))
        elif key and META_MORE.match(line):
            problems.append(Problem(shown, number, key, msg("continues on an indented line"),
                                    msg("write each setting on one line, without spaces before it")))  # fmt: skip
        else:
            break
    return fields, lines, problems


def metadata_problems(fields, lines, shown, settings):
    """Settings a page may not give itself, a language other than the site's, a slug that is no address."""
    problems = []
    if "translation" in fields:  # Pelican would write the page beside its original, or nowhere
        problems.append(Problem(shown, lines["translation"], "translation", msg("is not a setting a page may have"),
                                msg("the site has one language; remove this line")))  # fmt: skip
    if "template" in fields:
        name, templates = fields["template"], Path(settings.get("THEME", "theme")) / "templates"
        if not TEMPLATE_NAME.match(name) or not (templates / f"{name}.html").is_file():
            known = sorted(p.stem for p in templates.glob("*.html")) if templates.is_dir() else []
            problems.append(Problem(shown, lines["template"], "template",
                                    msg("'{name}' is not a template of the theme", name=name),
                                    did_you_mean(name, known,
                                                 allowed_list=False) or msg("remove this line")))  # fmt: skip
    language = str(settings.get("DEFAULT_LANG", "nl"))
    if "lang" in fields and fields["lang"].lower() != language.lower():
        problems.append(Problem(shown, lines["lang"], "lang",
                                msg("'{lang}' is not the site's language", lang=fields['lang']),
                                msg("remove this line: every page is in '{language}'", language=language)))  # fmt: skip
    for key, refused in (("slug", SLUG_REFUSED), ("url", ADDRESS_REFUSED), ("save_as", ADDRESS_REFUSED)):
        if key in fields and refused.search(fields[key]):
            problems.append(Problem(shown, lines[key], key,
                                    msg("'{value}' cannot be part of a web address", value=fields[key]),
                                    msg("use letters, digits and -, e.g. over-de-sensoren")))  # fmt: skip
    return problems


def body_problems(text, shown):
    """Pictures from another site (the page would load them from there) and brackets that would make
    rendering slow, at their line; one pass over the text."""
    problems = bracket_problems(text, shown)
    for number, line in enumerate(text.split("\n"), start=1):
        for match in OTHER_HOST_IMAGE.finditer(line):
            problems.append(Problem(shown, number, "image",
                                    msg("'{value}' is a picture from another site",
                                        value=match.group(1) or match.group(2)),
                                    msg("put the picture in content/images/ and write "
                                        "{{static}}/images/<name>")))  # fmt: skip
    return problems


def read_page(path, shown, required, patterns, settings):
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    fields, lines, problems = read_metadata(text, shown)
    problems += metadata_problems(fields, lines, shown, settings) + body_problems(text, shown)
    for field in required:
        if not fields.get(field):
            problems.append(Problem(shown, 1, field, msg("missing"),
                                    msg("add a line '{name}: ...' at the top", name=field.title())))
    status = fields.get("status", "published").lower()
    if status not in STATUSES:
        problems.append(Problem(shown, lines.get("status", 1), "status",
                                msg("'{status}' is not a status", status=fields['status']),
                                msg("leave it out, or use draft (never published)")))  # fmt: skip
    slug = fields.get("slug") or slugify(fields.get("title", ""), settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    url = fields["url"] if "url" in fields else patterns[0].format(slug=slug)
    if fields.get("save_as", "").endswith("/"):
        problems.append(Problem(shown, lines["save_as"], "save_as", msg("names a folder, not a file"),
                                msg("end it with a file name, e.g. index.html; or leave Save_as out")))  # fmt: skip
    claims = page_claims(fields, lines, slug, url, patterns[1])
    return PageSource(shown, url, status, claims, slug, lines.get("slug", lines.get("title", 1))), problems


def page_claims(fields, lines, slug, url, save_as_pattern):
    """The file Pelican writes the page to (Save_as, or the pattern with its slug) and the address it claims.

    Paths are taken as Pelican's writer resolves them ('./a/../b' is 'b'); one outside the site has
    no path (None) and is refused by `url_collisions`.
    """
    slug_line = lines.get("slug", lines.get("title", 1))
    if "save_as" in fields:
        save_as = fields["save_as"].lstrip("/")
        claims = [Claim(normalised(save_as), lines["save_as"], "save_as", save_as)] if save_as else []
    else:
        claims = [Claim(normalised(save_as_pattern.format(slug=slug)), slug_line, "slug", url.lstrip("/"))]
    address = url.lstrip("/")
    address_file = address + "index.html" if address.endswith("/") or not address else address
    if normalised(address_file) not in {claim.path for claim in claims}:
        claims.append(Claim(normalised(address_file), lines.get("url", slug_line), "url", address))
    return tuple(claims)


def url_collisions(pages, generated):
    """A page may not take a file or address another page or a generated page already has; both are named."""
    problems, owners = [], Claims()
    for path, owner in generated.items():
        owners.add(path, owner)
    for page in pages:
        if page.status != "published":
            continue
        for claim in page.claims:
            if claim.path is None or "%" in claim.value:
                problems.append(Problem(page.path, claim.line, claim.kind,
                                        msg("'{value}' is not an address in the site", value=claim.value),
                                        msg("write it from the site's root, without .., % or a "
                                            "leading ./")))  # fmt: skip
                continue
            owner = owners.owner(claim.path, inside=True)
            if owner:
                taken = {"save_as": msg("the file {value} (Save_as) is already taken by {owner}", value=claim.value,
                                        owner=owner),
                         "slug": msg("the address /{value} is already taken by {owner}", value=claim.value,
                                     owner=owner),
                         "url": msg("the address /{value} (URL) is already taken by {owner}", value=claim.value,
                                    owner=owner)}  # fmt: skip
                problems.append(Problem(page.path, claim.line, "slug", taken[claim.kind],
                                        msg("give this page another Slug; leave out Save_as and URL")))  # fmt: skip
            else:
                owners.add(claim.path, f"{page.path}:{claim.line}", generated=False)
    return problems
