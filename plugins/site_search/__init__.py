"""Site search: a static Pagefind index of every page marked `data-pagefind-body`.

Runs after the site is written. Pages without the marker (the 404 page, search itself) and
anything never written (drafts, hidden pages) stay out of the index.
"""

import subprocess
import sys

from pelican import signals


class SearchIndexError(Exception):
    exitcode = 1


def build_index(pelican):
    if not pelican.settings.get("SEARCH_ENABLED", True):
        return
    command = [sys.executable, "-m", "pagefind", "--site", pelican.output_path, "--silent", "--force-language", "nl"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"The search index could not be built:\n{result.stderr or result.stdout}")


def output_paths(records, settings):
    """{file this plugin writes (a * matches any text): whose it is}; no page may take one."""
    return {"pagefind/*": "the search index of the site itself"}


def register():
    signals.finalized.connect(build_index)
