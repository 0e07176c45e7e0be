"""Site search: a static Pagefind index of every page marked `data-pagefind-body`.

Runs after the site is written. Pages without the marker (the 404 page, search itself) and
anything never written (drafts, hidden pages) stay out of the index.
"""

import subprocess
import sys
import time

from editor_files.messages import translate
from pelican import signals

_last_run = {"seconds": 0.0}


class SearchIndexError(Exception):
    exitcode = 1


def last_run_seconds():
    """How long the last index took in this process (0 when search is off): `make bench` reports it."""
    return _last_run["seconds"]


def index_command(output):
    return [sys.executable, "-m", "pagefind", "--site", str(output), "--silent", "--force-language", "nl"]


def build_index(pelican):
    _last_run["seconds"] = 0.0
    if not pelican.settings.get("SEARCH_ENABLED", True):
        return
    started = time.perf_counter()
    result = subprocess.run(index_command(pelican.output_path), capture_output=True, text=True, check=False)
    _last_run["seconds"] = time.perf_counter() - started
    if result.returncode != 0:
        raise SearchIndexError(f"The search index could not be built:\n{result.stderr or result.stdout}")


def output_paths(records, settings):
    """{file this plugin writes (a * matches any text): whose it is}; no page may take one."""
    return {"pagefind/*": translate("the search index of the site itself")}


def register():
    signals.finalized.connect(build_index)
