"""Publication safety: nothing unfinished or unintended reaches the published site.

- Drafts and `hidden` documents are dropped before anything is written, together with the
  files only they link to (Pelican would otherwise write them at guessable URLs).
- The build fails when a plugin listed in REQUIRED_PLUGINS did not load (Pelican only logs it).
- Pages and stories go through the same HTML allow-list as every other editor text
  (`editor_files.markdown_text`): raw `<script>`, `on*=` attributes and `javascript:` links are removed.
- Static files (pictures) that only unpublished documents mention are not published either.
- `check_output` (also `python -m publication_safety.check_output`) inspects a finished site.
"""

import logging
from pathlib import Path

from editor_files.markdown_text import sanitise
from pelican import signals
from pelican.readers import MarkdownReader

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


def use_sanitised_markdown(readers):
    for extension in SanitisedMarkdownReader.file_extensions:
        readers.reader_classes[extension] = SanitisedMarkdownReader


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
    signals.readers_init.connect(use_sanitised_markdown)
    signals.static_generator_finalized.connect(drop_pictures_of_unpublished)
    signals.article_generator_finalized.connect(drop_unpublished)
    signals.page_generator_finalized.connect(drop_unpublished)
    signals.finalized.connect(check_required_plugins)
