# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Site search: a static Pagefind index of every page marked `data-pagefind-body`, one bundle a language.

Runs after the site is written. Pages without the marker (the 404 page, search itself, the
printable signs, the register's list pages after the first, the changes pages) and anything never
written (drafts, hidden pages) stay out of the index; inside a page, `data-pagefind-ignore` leaves
out what every page of its kind says alike (field labels, the map, the follow and report boxes).

Pagefind reads and parses every file its glob matches, and holds all of them, twice, while it builds
the index: its memory grows with the number of pages and the words on them (about 90 KB a sensor
page, 1.03 GB for the 11,000 pages of one language at 10,000 sensors, 1.56 GB for both languages at
once). So each language gets a run and a bundle of its own, one after the other: the root's pages in
`pagefind/`, each further language's (`en/`) in `pagefind/<lang>/`, which that language's search page
loads. The glob also leaves out the folders of pages nobody searches (see `index_glob`); the marker
still decides what is indexed among the files it reads.
"""

import ctypes
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from editor_files.memo import build_cache
from editor_files.messages import msg
from site_language import language_tag
from site_outputs import Output, record_free

BUNDLE = "pagefind"  # the root's bundle; a further language's is BUNDLE/<lang> (search.html: LANGUAGE_PATH)

class SearchIndexError(Exception):
    exitcode = 1


def index_seconds(settings):
    """How long the index of the build of these settings took (0 when search is off): `make bench` reports it."""
    return _timing(settings).get("seconds", 0.0)


def _timing(settings):
    return build_cache(settings).of_build(settings, "search index seconds", dict)


# Under sensoren/ (SENSOR_URL's folder) the pages people search are one folder deep: the sensor
# pages, removed sensors and the overviews. Deeper lie 10,000 printable signs (<id>/bord/), the
# register's list pages (pagina/N/) and the changes pages (wijzigingen/<kind>/): not searched.
SHALLOW_FOLDERS = {"sensoren": "sensoren/{*.html,*/index.html}"}
# Characters Pagefind's glob (wax) reads as syntax, escaped with a backslash; a backslash itself cannot be
# escaped there, so `?` (any one character) stands for it.
GLOB_SYNTAX = re.compile(r"[*?$:<>()\[\]{},]")


def _literal(name):
    """A folder's name as Pagefind's glob matches it."""
    escaped = GLOB_SYNTAX.sub(lambda found: "\\" + found.group(0), name.replace("\\", "\0"))
    return escaped.replace("\0", "?")


def index_glob(output, folder="", skip=()):
    """Pagefind's file glob (relative to the site, `output`) for the HTML files of `folder` (the root by
    default) less its subfolders in `skip` (the further languages': each has its own bundle), and in
    the folders of SHALLOW_FOLDERS only the shallow pages."""
    base = Path(output, folder)
    prefix = f"{_literal(folder)}/" if folder else ""
    names = sorted(p.name for p in base.iterdir() if p.is_dir() and p.name not in skip)
    parts = [f"{prefix}*.html"] + [prefix + SHALLOW_FOLDERS.get(name, f"{_literal(name)}/**/*.html") for name in names]
    return "{" + ",".join(parts) + "}"


def index_commands(output, language=None, language_folders=()):
    """Pagefind's command line for each bundle, to run one after the other: the root's pages into
    `pagefind/`, then each of `language_folders` (a further language's pages, e.g. "en") into
    `pagefind/<folder>/`, forced to that language. `language`: the root's, forced too when given;
    without it Pagefind reads each page's `<html lang>`."""
    folders = [name for name in language_folders if Path(output, name).is_dir()]
    runs = [("", language, BUNDLE)] + [(name, name, f"{BUNDLE}/{name}") for name in folders]
    commands = []
    for folder, lang, bundle in runs:
        command = [sys.executable, "-m", "pagefind", "--site", str(output), "--output-subdir", bundle,
                   "--glob", index_glob(output, folder, skip=folders if not folder else ()), "--silent"]  # fmt: skip
        commands.append(command + ["--force-language", language_tag(lang)] if lang else command)
    return commands


def index_command(output, language=None, language_folders=()):
    """One command that makes every bundle of `index_commands` (for `make serve`, which runs it in the
    background and kills it when a newer version replaces the one it indexes)."""
    commands = index_commands(output, language, language_folders)
    if len(commands) == 1:
        return commands[0]
    further = [item for name in language_folders for item in ("--further", name)]
    return [sys.executable, "-m", "site_search", str(output), *further] + (["--language", language] if language else [])


def _dies_with_parent():
    """Run in a child before Pagefind starts: killed when the process that started it dies (Linux), so
    that killing `index_command`'s process stops its Pagefind run too."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def build_index(output, language=None, language_folders=(), in_background=False):
    """Every bundle, one Pagefind run after the other (the peak memory is that of the largest run)."""
    for command in index_commands(output, language, language_folders):
        result = subprocess.run(command, capture_output=True, text=True, check=False,
                                preexec_fn=_dies_with_parent if in_background else None)  # fmt: skip
        if result.returncode != 0:
            raise SearchIndexError(f"The search index could not be built:\n{result.stderr or result.stdout}")


def finished(settings, output_path):
    """The index of the pages on disk, once every one is written."""
    if not settings.get("SEARCH_ENABLED", True):
        return
    started = time.perf_counter()
    languages = settings.get("LANGUAGES") or [settings["DEFAULT_LANG"]]
    try:
        # Each language's pages in a bundle of their own, indexed under that language: the root's under its
        # first, each further one's (in its folder) under its own.
        build_index(output_path, languages[0], languages[1:])
    finally:
        _timing(settings)["seconds"] = time.perf_counter() - started


@record_free
def outputs(records, settings):
    """The search index, written by Pagefind at the end of the build (each further language's inside it)."""
    yield Output(f"{BUNDLE}/*", msg("the search index of the site itself"))
