# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""One build in one process: content check, Pelican (with the search index), output check.

Pelican runs through `pelican_adapter.run`: the first language's run, then each further language's
(language_versions) once the first's objects are released, then the sitemap and the search index.

`make html` and `make publish` run `python -m site_build`. The content check and the build share
one settings object, so `site_records` reads and validates every editor file once per build
(`records_for` is kept per settings object). The build cache (`editor_files.memo`) is the one in
`settings["BUILD_CACHE"]` (the preview's, for its session) or a fresh one for this build; it is the
active cache for the whole build. Each step's time is kept for `make bench`.
Not a Pelican plugin: it runs Pelican.
"""

import logging
import time
from contextlib import contextmanager

import site_records
import site_search
from content_check import build_outputs, checked
from editor_files.memo import build_cache, using
from editor_files.problems import ContentError
from language_versions import REUSE_SETTING
from pelican.log import init as init_logging
from pelican.settings import read_settings
from pelican_adapter import run as run_pelican
from publication_safety.check_output import check_output

__all__ = ["BuildResult", "build", "init_logging_once"]

_logging_ready = False


class BuildResult:
    def __init__(self):
        self.problems = []  # editors' problems (content check) or the output check's
        self.failed_step = None
        self.seconds = {}  # step -> wall time

    @property
    def ok(self):
        return self.failed_step is None

    @contextmanager
    def step(self, name):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


def init_logging_once():
    """Pelican's logging as `pelican --fatal warnings --log-handler plain` sets it: a warning stops the build."""
    global _logging_ready
    if not _logging_ready:
        init_logging(level=logging.WARNING, fatal="warnings", handler=None, name="pelican")
        _logging_ready = True


def build(settings_file="pelicanconf.py", output=None, site_url="", sources=("content", "data"), override=None,
          settings=None, output_check=True):  # fmt: skip
    """Check, build and check the output; returns a BuildResult (nothing is raised for editors' mistakes)."""
    init_logging_once()
    if settings is None:
        override = dict(override or {})
        if output:
            override["OUTPUT_PATH"] = output
        settings = read_settings(settings_file, override=override)
    with using(build_cache(settings)):
        return _build(settings, site_url, sources, output_check)


def drop_undeclared_pages(settings):
    """make serve writing into an earlier build's folder: its pages this build does not declare go first,
    so that nothing that looks at the folder during the build (the sitemap) sees them; in each further
    language's folder too, whose pages are the first's (PREVIEW_LANGUAGE_REUSE)."""
    reuse = settings.get("PREVIEW_REUSE")
    languages = [each for each in (settings.get(REUSE_SETTING) or {}).values() if each.recycles()]
    if (reuse is not None and reuse.recycles()) or languages:
        records, _problems = site_records.loaded(settings)
        declared = {output.path for output in build_outputs(records, settings)}
        if reuse is not None and reuse.recycles():
            reuse.drop_pages_but(declared)
        pages = {path for path in declared if path.endswith(".html")}
        for each in languages:
            each.drop_pages_but(pages)


def _build(settings, site_url, sources, output_check):
    result = BuildResult()
    with result.step("check"):
        result.problems = checked(settings)
    if result.problems:
        result.failed_step = "check"
        return result
    drop_undeclared_pages(settings)
    with result.step("pelican"):
        try:
            run_pelican(settings)
        except ContentError as error:  # an editor's mistake found while building: its messages, no traceback
            result.problems, result.failed_step = error.problems, "check"
            return result
    result.seconds["search"] = site_search.index_seconds(settings)
    result.seconds["pelican"] -= result.seconds["search"]
    if output_check:
        with result.step("output check"):
            result.problems = check_output(settings["OUTPUT_PATH"], site_url, sources)
        if result.problems:
            result.failed_step = "output check"
    return result
