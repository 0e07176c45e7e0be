# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Site search: a static Pagefind index of every page marked `data-pagefind-body`.

Runs after the site is written. Pages without the marker (the 404 page, search itself, the
printable signs, the register's list pages after the first, the changes pages) and anything never
written (drafts, hidden pages) stay out of the index.

Pagefind reads and parses every file its glob matches, marked or not, all at once: its time and
memory grow with the number of files. So the glob leaves out the folders of pages nobody searches
(see `index_glob`); the marker still decides what is indexed among the files it reads.
"""

import re
import subprocess
import sys
import time
from pathlib import Path

from editor_files.messages import msg
from site_language import language_tag
from site_outputs import Output, record_free

_last_run = {"seconds": 0.0}


class SearchIndexError(Exception):
    exitcode = 1


def last_run_seconds():
    """How long the last index took in this process (0 when search is off): `make bench` reports it."""
    return _last_run["seconds"]


# Under sensoren/ (SENSOR_URL's folder) the pages people search are one folder deep: the sensor
# pages, removed sensors and the overviews. Deeper lie 10,000 printable signs (<id>/bord/), the
# register's list pages (pagina/N/) and the changes pages (wijzigingen/<kind>/): not searched.
SHALLOW_FOLDERS = {"sensoren": "sensoren/{*.html,*/index.html}"}
PLAIN_NAME = re.compile(r"[\w.-]+")


def index_glob(output, language_folders=()):
    """Pagefind's file glob: every HTML file, but only the shallow pages of SHALLOW_FOLDERS, also inside
    each further language's folder (`language_folders`: "en" holds the English version of every page)."""
    folders = sorted(p.name for p in Path(output).iterdir() if p.is_dir())
    inner = {lang: sorted(p.name for p in (Path(output) / lang).iterdir() if p.is_dir())
             for lang in language_folders if (Path(output) / lang).is_dir()}  # fmt: skip
    if not all(PLAIN_NAME.fullmatch(name) for name in folders + [n for names in inner.values() for n in names]):
        return "**/*.html"  # a name with glob syntax in it: read everything (slower, still right)
    parts = ["*.html"] + [SHALLOW_FOLDERS.get(name, f"{name}/**/*.html") for name in folders if name not in inner]
    for lang, names in inner.items():
        parts += [f"{lang}/*.html"] + [f"{lang}/" + SHALLOW_FOLDERS.get(name, f"{name}/**/*.html") for name in names]
    return "{" + ",".join(parts) + "}"


def index_command(output, language=None, language_folders=()):
    """Pagefind's command line; without a `language` Pagefind reads each page's `<html lang>` instead."""
    glob = index_glob(output, language_folders)
    command = [sys.executable, "-m", "pagefind", "--site", str(output), "--glob", glob, "--silent"]
    return command + ["--force-language", language_tag(language)] if language else command


def finished(settings, output_path):
    """The index of the pages on disk, once every one is written."""
    _last_run["seconds"] = 0.0
    if not settings.get("SEARCH_ENABLED", True):
        return
    started = time.perf_counter()
    languages = settings.get("LANGUAGES") or [settings["DEFAULT_LANG"]]
    if len(languages) > 1:  # each page is indexed under its <html lang>, each language's search finds its pages
        command = index_command(output_path, language_folders=languages[1:])
    else:
        command = index_command(output_path, settings["DEFAULT_LANG"])
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    _last_run["seconds"] = time.perf_counter() - started
    if result.returncode != 0:
        raise SearchIndexError(f"The search index could not be built:\n{result.stderr or result.stdout}")


@record_free
def outputs(records, settings):
    """The search index, written by Pagefind at the end of the build."""
    yield Output("pagefind/*", msg("the search index of the site itself"))

