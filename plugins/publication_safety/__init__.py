"""Publication safety: nothing unfinished or unintended reaches the published site.

- Drafts and `hidden` documents are dropped before anything is written, together with the
  files only they link to (Pelican would otherwise write them at guessable URLs).
- The build fails when a plugin listed in REQUIRED_PLUGINS did not load (Pelican only logs it).
- `check_output` (also `python -m publication_safety.check_output`) inspects a finished site.
"""

import logging

from pelican import signals

logger = logging.getLogger(__name__)

UNPUBLISHED_LISTS = {
    "articles": ("drafts", "drafts_translations", "hidden_articles", "hidden_translations"),
    "pages": ("draft_pages", "draft_translations", "hidden_pages", "hidden_translations"),
}


class PublicationError(Exception):
    """Stops the build; Pelican exits with this code."""

    exitcode = 1


def drop_unpublished(generator):
    """Empty the draft and hidden lists in place, so the context shares the empty lists."""
    kind = "pages" if hasattr(generator, "draft_pages") else "articles"
    published = getattr(generator, kind)
    kept_links = set().union(*(doc.get_static_links() for doc in published))
    for name in UNPUBLISHED_LISTS[kind]:
        documents = getattr(generator, name, [])
        for document in documents:
            logger.info("Not published (status %s): %s", document.status, document.source_path)
            orphan_links = document.get_static_links() - kept_links
            generator.context["static_links"].difference_update(orphan_links)
        documents.clear()


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
    signals.article_generator_finalized.connect(drop_unpublished)
    signals.page_generator_finalized.connect(drop_unpublished)
    signals.finalized.connect(check_required_plugins)
