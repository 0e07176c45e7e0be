# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Publication safety: nothing unfinished or unintended reaches the published site.

- Drafts and `hidden` documents are dropped before anything is written, together with the
  files only they link to (Pelican would otherwise write them at guessable URLs).
- The build fails when a plugin listed in REQUIRED_PLUGINS did not load (Pelican only logs it).
- Pages and stories go through the same HTML allow-list as every other editor text
  (`editor_files.markdown_text`): raw `<script>`, `on*=` attributes and `javascript:` links are removed.
- Static files (pictures) that only unpublished documents mention are not published either.
- Symbolic links under content/, data/ and theme/ stop the build before Pelican reads anything:
  Pelican would follow them (a link to /proc/self/environ once published the machine's secrets).
- Pages are `.md` files, whatever the case of the suffix (`.MD` is read, not skipped); Pelican's
  other readers (raw `.html`, reStructuredText) are switched off, so no page escapes the allow-list.
- An editor's mistake (`ContentError`) ends the build with its `path:line:` messages, not a traceback
  (`pelican_adapter` keeps it out of Pelican's log).
- content/images/ publishes pictures only (`pictures`): PNG, JPEG, GIF and WebP files whose first
  bytes match their suffix, and SVG without script, published as filtered by svg-hush. Anything
  else there is named by `make check` (`validate_sources`), so nothing is published.
- Attachments (PDF, ODT) are published without their embedded metadata (`attachments`); one that
  cannot be read is named by `make check`.
- `check_output` (also `python -m publication_safety.check_output`) inspects a finished site.
"""

import logging
import os
import sys
import tempfile
from pathlib import Path

from editor_files.markdown_text import sanitise
from editor_files.memo import build_cache
from editor_files.messages import msg
from editor_files.problems import ContentError, Problem, editor_path
from editor_files.sources import symlinks
from site_outputs.attachments import STRIPPERS, UnreadableAttachment, attachment_problems, published_bytes

from .pictures import picture_folders, picture_problem, picture_problems, sanitised_svg
from .placeholders import placeholder_problems

logger = logging.getLogger(__name__)


class PublicationError(Exception):
    """Stops the build; Pelican exits with this code."""

    exitcode = 1


def page_html(html):
    """A page's or story's HTML, as Markdown made it, through the editor-text allow-list."""
    return sanitise(html)


def before_reading(settings):
    """Every link under the folders editors commit to is named, and nothing is read or written."""
    root = Path(settings["PATH"]).absolute().parent
    folders = [settings["PATH"], settings.get("DATA_PATH") or root / "data", settings["THEME"]]
    problems = [problem for folder in folders for problem in symlinks(folder, root)]
    if problems:
        print("\n".join(str(problem) for problem in problems), file=sys.stderr, flush=True)
        raise ContentError(problems, msg("The content"))


def unpublished_sources(settings):
    """The texts of this build's drafts and hidden documents (pages, then stories), until its static files
    are read: one list per build, in its build cache (a preview session's builds each have their own)."""
    return build_cache(settings).of_build(settings, "unpublished sources", list)


def documents_read(build, published, unpublished):
    """Empty the draft and hidden lists (`unpublished`) in place, so the context shares the empty lists."""
    kept_links = set().union(*(doc.get_static_links() for doc in published))
    sources = unpublished_sources(build.settings)
    for documents in unpublished:
        for document in documents:
            logger.info("Not published (status %s): %s", document.status, document.source_path)
            sources.append(Path(document.source_path).read_text(encoding="utf-8", errors="replace"))
            orphan_links = document.get_static_links() - kept_links
            build.context["static_links"].difference_update(orphan_links)
        documents.clear()


def static_files_read(build, static_files):
    drop_pictures_of_unpublished(build, static_files)
    check_static_files(build, static_files)


def drop_pictures_of_unpublished(build, static_files):
    """A static file mentioned by an unpublished document and by nothing published is not written."""
    published = [Path(doc.source_path).read_text(encoding="utf-8", errors="replace")
                 for kind in ("articles", "pages") for doc in build.context.get(kind, [])]  # fmt: skip
    published += [Path(p).read_text(encoding="utf-8", errors="replace")
                  for p in Path(build.settings["THEME"]).rglob("*.html")]  # fmt: skip
    unpublished = unpublished_sources(build.settings)
    for static in list(static_files):
        name = Path(static.source_path).name
        if any(name in text for text in unpublished) and not any(name in text for text in published):
            logger.info("Not published (only an unpublished document uses it): %s", static.source_path)
            static_files.remove(static)
    unpublished.clear()


def validate_sources(settings):
    """For `make check` (and the build, before anything is written): files published as they are."""
    static = [folder.absolute() for folder in picture_folders(settings)]
    pictures = picture_problems(settings)
    attachments = [p for p in attachment_problems(settings)
                   if not any(f in Path(p.path).absolute().parents for f in static)]  # fmt: skip
    return pictures + attachments + placeholder_problems(settings)


def rewritten(settings):
    """{output file: source file}: this build's static files published changed (SVG, PDF, ODT).

    Kept in the build's cache by its output folder: a preview's next build writes to another one.
    """
    return build_cache(settings).store("rewritten_static", 2).get(settings["OUTPUT_PATH"], dict)


def check_static_files(build, static_files):
    """Every file Pelican copies as it is: those of content/images/, and any a page links with {static} or {attach}.

    make check has named what content/images/ holds; a linked file from elsewhere is checked here, by the
    same rule (pictures, and PDF or ODT attachments), before anything is written.
    """
    changed = rewritten(build.settings)
    changed.clear()
    root = Path(build.settings["PATH"]).absolute().parent
    problems = []
    for static in static_files:
        source = Path(static.source_path)
        suffix = source.suffix.lower()
        if suffix in STRIPPERS:
            try:
                published_bytes(source, editor_path(source, root))
            except UnreadableAttachment as error:
                problems.extend(error.problems)
        else:
            found = picture_problem(source)
            if found:
                problems.append(Problem(editor_path(source, root), 1, "file", *found))
        if suffix in STRIPPERS or suffix == ".svg":
            changed[Path(build.output_path) / static.save_as] = source
    if problems:
        print("\n".join(str(problem) for problem in problems), file=sys.stderr, flush=True)
        raise ContentError(problems, msg("The content"))


def finished(settings, output_path):
    publish_changed_static_files(settings)
    check_required_plugins(settings)


def publish_changed_static_files(settings):
    """Replace each SVG, PDF or ODT Pelican copied by what is published: the filtered SVG, the file without metadata.

    Written beside the copy, then swapped in: never through a link to the editor's file.
    """
    root = Path(settings["PATH"]).absolute().parent
    changed = rewritten(settings)
    for output, source in sorted(changed.items()):
        if not output.is_file():
            continue
        try:
            data = published_static(source, root)
        except (ValueError, UnreadableAttachment) as error:  # named before; the file changed during the build
            output.unlink()
            message = msg("is not a readable SVG picture ({error})", error=error)
            problem = getattr(error, "problem", None) or Problem(editor_path(source, root), 1, "file", message)
            print(problem, file=sys.stderr, flush=True)
            raise ContentError([problem], msg("The content")) from None
        handle, temporary = tempfile.mkstemp(dir=output.parent, suffix=output.suffix)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, output)
    changed.clear()


def published_static(source, root):
    if source.suffix.lower() == ".svg":
        return sanitised_svg(source.read_bytes())
    return published_bytes(source, editor_path(source, root))


def check_required_plugins(settings):
    loaded = set(settings.get("PLUGINS", []))
    missing = [name for name in settings.get("REQUIRED_PLUGINS", []) if name not in loaded]
    if missing:
        raise PublicationError(
            "These plugins did not load, so the site would be incomplete: "
            + ", ".join(missing)
            + " (see the error above this message)"
        )

