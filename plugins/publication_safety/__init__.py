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
- An editor's mistake (`ContentError`) ends the build with its `path:line:` messages, not a traceback.
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
from itertools import product
from pathlib import Path

from editor_files.markdown_text import sanitise
from editor_files.memo import build_cache
from editor_files.messages import msg
from editor_files.problems import ContentError, Problem, editor_path
from editor_files.sources import symlinks
from pelican import signals
from pelican.readers import MarkdownReader
from site_outputs.attachments import STRIPPERS, UnreadableAttachment, attachment_problems, published_bytes

from .pictures import picture_folders, picture_problem, picture_problems, sanitised_svg
from .placeholders import placeholder_problems

logger = logging.getLogger(__name__)

UNPUBLISHED_LISTS = {
    "articles": ("drafts", "drafts_translations", "hidden_articles", "hidden_translations"),
    "pages": ("draft_pages", "draft_translations", "hidden_pages", "hidden_translations"),
}


class PublicationError(Exception):
    """Stops the build; Pelican exits with this code."""

    exitcode = 1


class SanitisedMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, with the editor-text allow-list applied to the HTML it makes."""

    def read(self, source_path):
        content, metadata = super().read(source_path)
        return sanitise(content), metadata


def case_variants(extension):
    """'md' -> md, mD, Md, MD: Pelican matches suffixes by case, editors' files do not."""
    return {"".join(letters) for letters in product(*((c.lower(), c.upper()) for c in extension))}


def use_sanitised_markdown(readers):
    """Pages are `.md` files in any case, read through the allow-list; no other reader (raw HTML, rst) runs."""
    for extension in readers.reader_classes:
        if extension != "static":  # Pelican's reader of pictures and other static files
            readers.reader_classes[extension] = None
    for variant in case_variants("md"):
        readers.reader_classes[variant] = SanitisedMarkdownReader


def refuse_symbolic_links(pelican):
    """Every link under the folders editors commit to is named, and nothing is read or written."""
    settings = pelican.settings
    root = Path(settings["PATH"]).absolute().parent
    folders = [settings["PATH"], settings.get("DATA_PATH") or root / "data", settings["THEME"]]
    problems = [problem for folder in folders for problem in symlinks(folder, root)]
    if problems:
        print("\n".join(str(problem) for problem in problems), file=sys.stderr, flush=True)
        raise ContentError(problems, msg("The content"))


class NoTracebackForEditors(logging.Filter):
    """Pelican logs a failed build with its traceback; an editor's mistake is listed above it already."""

    def filter(self, record):
        if record.exc_info and isinstance(record.exc_info[1], ContentError):
            record.exc_info = None
        return True


_no_traceback_for_editors = NoTracebackForEditors()


_unpublished_sources = []


def drop_unpublished(generator):
    """Empty the draft and hidden lists in place, so the context shares the empty lists."""
    kind = "pages" if hasattr(generator, "draft_pages") else "articles"
    published = getattr(generator, kind)
    kept_links = set().union(*(doc.get_static_links() for doc in published))
    for name in UNPUBLISHED_LISTS[kind]:
        documents = getattr(generator, name, [])
        for document in documents:
            logger.info("Not published (status %s): %s", document.status, document.source_path)
            _unpublished_sources.append(Path(document.source_path).read_text(encoding="utf-8", errors="replace"))
            orphan_links = document.get_static_links() - kept_links
            generator.context["static_links"].difference_update(orphan_links)
        documents.clear()


def drop_pictures_of_unpublished(generator):
    """A static file mentioned by an unpublished document and by nothing published is not written."""
    published = [Path(doc.source_path).read_text(encoding="utf-8", errors="replace")
                 for kind in ("articles", "pages") for doc in generator.context.get(kind, [])]  # fmt: skip
    published += [Path(p).read_text(encoding="utf-8", errors="replace")
                  for p in Path(generator.settings["THEME"]).rglob("*.html")]  # fmt: skip
    for static in list(generator.staticfiles):
        name = Path(static.source_path).name
        if any(name in text for text in _unpublished_sources) and not any(name in text for text in published):
            logger.info("Not published (only an unpublished document uses it): %s", static.source_path)
            generator.staticfiles.remove(static)
    _unpublished_sources.clear()


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


def check_static_files(generator):
    """Every file Pelican copies as it is: those of content/images/, and any a page links with {static} or {attach}.

    make check has named what content/images/ holds; a linked file from elsewhere is checked here, by the
    same rule (pictures, and PDF or ODT attachments), before anything is written.
    """
    changed = rewritten(generator.settings)
    changed.clear()
    root = Path(generator.settings["PATH"]).absolute().parent
    problems = []
    for static in generator.staticfiles:
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
            changed[Path(generator.output_path) / static.save_as] = source
    if problems:
        print("\n".join(str(problem) for problem in problems), file=sys.stderr, flush=True)
        raise ContentError(problems, msg("The content"))


def publish_changed_static_files(pelican):
    """Replace each SVG, PDF or ODT Pelican copied by what is published: the filtered SVG, the file without metadata.

    Written beside the copy, then swapped in: never through a link to the editor's file.
    """
    root = Path(pelican.settings["PATH"]).absolute().parent
    changed = rewritten(pelican.settings)
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


def check_required_plugins(pelican):
    loaded = set(pelican.settings.get("PLUGINS", []))
    missing = [name for name in pelican.settings.get("REQUIRED_PLUGINS", []) if name not in loaded]
    if missing:
        raise PublicationError(
            "These plugins did not load, so the site would be incomplete: "
            + ", ".join(missing)
            + " (see the error above this message)"
        )


def register():
    logging.getLogger("pelican").addFilter(_no_traceback_for_editors)  # once, however often registered
    signals.initialized.connect(refuse_symbolic_links)
    signals.readers_init.connect(use_sanitised_markdown)
    signals.static_generator_finalized.connect(drop_pictures_of_unpublished)
    signals.static_generator_finalized.connect(check_static_files)
    signals.article_generator_finalized.connect(drop_unpublished)
    signals.page_generator_finalized.connect(drop_unpublished)
    signals.finalized.connect(publish_changed_static_files)
    signals.finalized.connect(check_required_plugins)
