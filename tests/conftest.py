# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Shared test fixtures: build sites, serve them locally, and drive Debian's Chromium.

Every browser test gets a `page` that fails the test on a console error, an uncaught page
error, a JavaScript dialog (alert/confirm/prompt) or a request to any host other than the
local test server. Map tiles are answered locally with a blank image.
"""

import contextlib
import fcntl
import filecmp
import functools
import gc
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import traceback
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from live_preview.__main__ import GC_THRESHOLDS
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))


@functools.cache
def demo_records():
    """The demo's records (register, panel, layers, measurements, links), as a build reads them."""
    from site_records import load

    records, problems = load(SETTINGS)
    assert not problems, problems
    return records


def plain_build(settings, output_path):
    """A `site_outputs.Build` with the theme's templates as a build has them (the features' filters and
    globals too), without Pelican: what a feature's `make`s, `Charts` and `embed_map` work with."""
    import jinja2
    from site_outputs import Build, feature_modules

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(settings["THEME"]) / "templates")),
                             **settings["JINJA_ENVIRONMENT"])  # fmt: skip
    env.filters.update(settings.get("JINJA_FILTERS", {}))
    for module in feature_modules(settings):
        env.filters.update(getattr(module, "template_filters", lambda _s: {})(settings))
        env.globals.update(getattr(module, "template_globals", lambda _s: {})(settings))
    return Build(settings, dict(settings), str(output_path), lambda name: env.get_template(f"{name}.html"))
TILE_HOST = urlsplit(SETTINGS["TILE_SERVER"]["url"]).hostname

# Debian's `chromium-headless-shell` when it is installed: the same Blink and V8 without the full browser around
# them (a quarter less CPU over the pages axe checks); else Debian's `chromium`.
CHROMIUM = os.environ.get("CHROMIUM") or next(
    (path for path in ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium") if Path(path).exists()),
    "/usr/bin/chromium",
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# A 1x1 transparent PNG: what every map tile request gets in tests.
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
PROJECT_PARTS = ["content", "data", "plugins", "theme", "pelicanconf.py", "publishconf.py"]
# Test builds happen on a fixed day (2026-11-23), so derived statuses do not drift with the calendar.
TEST_BUILD_EPOCH = "1795392000"


# TEST_TIMELINE=file: each worker appends a line per test (worker, start and end in monotonic seconds, the CPU
# seconds of the worker and its finished child processes meanwhile, test id), per session build and per wait for
# another worker's build; for finding idle workers and long tails (`-n 2`).
TIMELINE = os.environ.get("TEST_TIMELINE")


def cpu_seconds():
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def timeline(kind, start, name, cpu_start=None):
    if TIMELINE:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        cpu = "" if cpu_start is None else f"{cpu_seconds() - cpu_start:.2f}"
        with open(TIMELINE, "a", encoding="utf-8") as log:
            log.write(f"{worker}\t{kind}\t{start:.3f}\t{time.monotonic():.3f}\t{cpu}\t{name}\n")


def pytest_configure(config):
    """Each test process makes ~50 builds in-process beside a large heap (the session's builds and caches): with
    the default thresholds the garbage collector walks that heap again and again, about 7% of the tests' CPU.
    The thresholds `make serve` uses for the same reason."""
    gc.set_threshold(*GC_THRESHOLDS)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    start, cpu_start = time.monotonic(), cpu_seconds()
    try:
        return (yield)
    finally:
        timeline("test", start, item.nodeid, cpu_start)


def pytest_xdist_make_scheduler(config, log):
    """`-n` with the default `--dist load`: tests go to the workers one by one as they become free, but the
    tests of a module with a fixture of module scope (a site built for the module, a running preview) go
    together to one worker, which makes that fixture once, not once on each worker. (pytest-xdist's own
    xdist_group marks are lost with pytest 9, whose node ids xdist cannot extend.)"""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        ordered = False

        def _split_scope(self, nodeid):
            module = nodeid.split("::", 1)[0]
            return module if has_module_fixture(Path(config.rootpath) / module) else nodeid

        def _assign_work_unit(self, node):
            if not self.ordered:  # the first assignment: the whole collection is queued
                self.ordered = True
                longest_first = sorted(self.workqueue.items(), key=lambda unit: -expected_seconds(unit[0]))
                self.workqueue.clear()
                self.workqueue.update(longest_first)
            super()._assign_work_unit(node)

    return Scheduling(config, log)


# The longest work units (a test, or a module whose tests share a module fixture) with their seconds on a quiet
# 2-core machine (TEST_TIMELINE, tests/timeline.py). They start first, longest first, so that the end of a run is
# short tests on both workers, never one long test on one worker while the other has nothing left
# (longest-processing-time-first). A test not named here keeps its place after them; a name that goes out of
# date only costs time.
LONGEST = {
    "tests/test_live_preview.py": 50,
    "tests/test_english.py": 35,
    "tests/test_hardening.py": 23,
    "tests/test_pages.py::test_every_page_has_no_accessibility_violations": 20,  # each shard
    "tests/test_stadspanel_site.py": 17,
    "tests/test_map_layers.py": 12,
    "tests/test_sensor_register_site.py": 9,
    "tests/test_editor_files_properties.py": 9,
    "tests/test_sensor_history.py": 8,
    "tests/test_design_tokens.py": 8,
    "tests/test_english_everywhere.py": 7,
    "tests/test_build_safety.py::test_pelican_run_directly_builds_the_site": 6.4,
    "tests/test_pages.py::test_every_page_is_valid_html": 4.4,
    "tests/test_stories.py": 4.3,
    "tests/test_pages.py::test_links_work_when_the_site_lives_under_a_sub_path": 3.8,
    "tests/test_build_safety.py::test_a_plugin_that_is_missing_fails_the_build_even_without_fatal_logging": 3.7,
    "tests/test_register_pages.py": 3.4,
    "tests/test_sensor_signs.py": 3.4,
    "tests/test_machine_files.py": 3.2,
    "tests/test_build_safety.py::test_site_built_for_a_sub_path_has_working_links": 2.2,
    "tests/test_build_safety.py::test_drafts_and_hidden_pages_leave_no_trace": 2,
    "tests/test_history_hardening.py::test_a_site_builds_over_bad_past_commits_and_tells_the_truth": 1.8,
}


def expected_seconds(scope):
    """Rough seconds of a work unit (0: short or not known); a parametrized test's cases are named together."""
    return LONGEST.get(scope) or LONGEST.get(scope.split("[", 1)[0], 0)


@functools.cache
def has_module_fixture(test_file):
    return test_file.is_file() and '@pytest.fixture(scope="module")' in test_file.read_text(encoding="utf-8")


class BuildFailed(AssertionError):
    pass


def run_build(project, output, settings="pelicanconf.py", siteurl=None, check=True, adjust=None, share=True):
    """Build a project folder with Pelican as `pelican --fatal warnings` does; a CompletedProcess-like result.

    Built in this process (no start-up, the libraries already loaded). A copy whose plugins a test changed
    (or added to) is built with its own plugins imported in place of this project's for the build
    (`plugins_of`), as its own `pip install -e .` would have them; `build_in_subprocess` is for a test of
    the process itself. `adjust(settings)` changes the settings Pelican gets. `share=False`: a build that
    makes everything itself (no drawing or map kept from another build): for a test that compares two
    builds; a copy with its own plugins never shares (its code may draw otherwise).
    """
    if own_plugins(project):
        result = build_in_process(project, output, settings, siteurl, adjust, share)
    else:
        with plugins_of(project):
            result = build_in_process(project, output, settings, siteurl, adjust, share=False)
    if check and result.returncode != 0:
        raise BuildFailed(f"build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def without_search_index(settings):
    """`adjust` for a build whose search index no test of the file reads: Pagefind does not run (~0.5 s of CPU
    a build). Not for a site a browser opens (its pages load the search's script)."""
    settings["SEARCH_ENABLED"] = False


def first_language_only(settings):
    """`adjust` for a build whose tests read neither a further language's pages (/en/, LANGUAGES) nor the search
    index: no language pass, no Pagefind (~60% of a build's CPU). Its pages have no link to another language. A
    browser may open it: of its pages only the search page (/zoeken/) loads the search's script."""
    without_search_index(settings)
    settings["LANGUAGES"] = settings["LANGUAGES"][:1]


def own_plugins(project):
    """True when the project's plugins are byte for byte this project's (and no module was added)."""
    project = Path(project).absolute()
    if project == ROOT:
        return True
    mine = {p.relative_to(ROOT): p for p in (ROOT / "plugins").rglob("*.py") if "__pycache__" not in p.parts}
    theirs = {p.relative_to(project): p for p in (project / "plugins").rglob("*.py") if "__pycache__" not in p.parts}
    return mine.keys() == theirs.keys() and all(filecmp.cmp(p, theirs[k], shallow=False) for k, p in mine.items())


def package_roots(project):
    """A copy's package roots (plugins/<layer>/), for PYTHONPATH: ahead of the installed project, as the
    copy's own `pip install -e .` would put them (a copy with a new package needs no install)."""
    return os.pathsep.join(str(folder) for folder in sorted((Path(project) / "plugins").iterdir()) if folder.is_dir())


def is_plugin_module(module, *projects):
    """True when `module` was imported from the plugins/ of one of `projects`."""
    file = getattr(module, "__file__", None) or ""
    return any(file.startswith(str(Path(project).absolute() / "plugins") + os.sep) for project in projects)


@contextlib.contextmanager
def plugins_of(project):
    """A copy's own plugins (plugins/<layer>/ first on the import path, as its own install would put them) in
    place of this project's, in this process, until the block ends; then this project's again.

    Every module of this project's plugins leaves `sys.modules` for the block (so the copy's are imported
    fresh), and Pelican's signals lose their receivers before and after it (the adapter connects its own on
    every `Pelican(...)`: this project's would otherwise also run in the copy's build)."""
    import importlib

    import blinker
    from pelican import signals

    def forget_receivers():
        for signal in vars(signals).values():
            if isinstance(signal, blinker.Signal):
                signal._clear_state()  # noqa: SLF001 - blinker's own "useful for tests"

    project = Path(project).absolute()
    saved_modules = {name: module for name, module in sys.modules.items() if is_plugin_module(module, ROOT)}
    saved_path = list(sys.path)
    for name in saved_modules:
        del sys.modules[name]
    sys.path[:0] = package_roots(project).split(os.pathsep)
    importlib.invalidate_caches()
    forget_receivers()
    try:
        yield
    finally:
        forget_receivers()
        for name in [name for name, module in sys.modules.items() if is_plugin_module(module, project, ROOT)]:
            del sys.modules[name]
        sys.modules.update(saved_modules)
        sys.path[:] = saved_path
        importlib.invalidate_caches()


def build_in_subprocess(project, output, settings, siteurl):
    env = dict(os.environ, SOURCE_DATE_EPOCH=TEST_BUILD_EPOCH, PYTHONPATH=package_roots(project))
    if siteurl is not None:
        env["SITEURL"] = siteurl
    command = [sys.executable, "-m", "pelican", str(Path(project) / "content"), "-s", str(Path(project) / settings),
               "-o", str(output), "--fatal", "warnings"]  # fmt: skip
    return subprocess.run(command, cwd=Path(project) / "plugins", env=env, capture_output=True, text=True,
                          check=False)  # fmt: skip


def build_in_process(project, output, settings, siteurl, adjust=None, share=True):
    """The same build in this process: what it prints is captured, an exception is its failure.

    The build has its own build cache, active for the whole build as in `make html` (site_build), whose
    pure stores are shared by every build of this test process (`session_build_cache`).
    """
    from editor_files.memo import using
    from pelican import Pelican
    from pelican.log import LimitFilter
    from site_build import init_logging_once

    # Pelican drops a log record it has seen before in this process: each build starts with none seen,
    # as its own process would (a repeated warning must stop every build, not only the first).
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()

    environment = {"SOURCE_DATE_EPOCH": TEST_BUILD_EPOCH, **({"SITEURL": siteurl} if siteurl is not None else {})}
    out, err, code = io.StringIO(), io.StringIO(), 0
    cache = session_build_cache(share)
    with patched_environment(environment), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            captured_log(err), using(cache):  # fmt: skip
        init_logging_once()
        try:
            pelican_settings = read_settings(str(Path(project) / settings), override={"OUTPUT_PATH": str(output),
                                             "PATH": str(Path(project) / "content"), "BUILD_CACHE": cache})  # fmt: skip
            if adjust is not None:
                adjust(pelican_settings)
            if share:
                share_compiled_templates(pelican_settings)
            Pelican(pelican_settings).run()
        except Exception as error:  # noqa: BLE001 - the build's failure, as its process would exit with it
            code = getattr(error, "exitcode", 1) or 1
            print(f"{type(error).__name__}: {error}", file=err)
    return subprocess.CompletedProcess(["pelican (in process)"], code, out.getvalue(), err.getvalue())


# What only its key decides (the key names every input, see editor_files.memo): a chart's drawing
# (matplotlib, ~0.1 s each), a map's Folium snippet, a QR code, the RD New transformer. The builds of
# one test process share these, as `make serve` does across its rebuilds; every other store (records,
# checks, what a build wrote) stays the build's own. The output is byte for byte a fresh build's.
SHARED_STORES = ("drawings", "maps", "qr", "transformers")
_shared_stores = {}


def session_build_cache(share=True):
    """A fresh build cache for one build whose pure stores (SHARED_STORES) are this test process's,
    unless `share` is False."""
    from editor_files.memo import BuildCache, Memo

    class SessionBuildCache(BuildCache):
        def store(self, name, keep):
            if share and name in SHARED_STORES:
                return _shared_stores.setdefault(name, Memo(keep))
            return super().store(name, keep)

    return SessionBuildCache()


_compiled_templates = {}


def share_compiled_templates(settings):
    """The builds of this test process keep Jinja's compiled templates (a template's name and source are its
    key, for each set of environment options), as a preview session keeps them between its builds: a copy's
    theme is compiled once, not once per build (~0.3 s). Jinja compares the source: a changed template is
    compiled again."""
    from site_outputs.templates import MemoryBytecodeCache

    class ByNameAndSource(MemoryBytecodeCache):
        def get_cache_key(self, name, filename=None):
            return super().get_cache_key(name)  # not the copy's folder: the source is checked on loading

    environment = dict(settings.get("JINJA_ENVIRONMENT") or {})
    if environment.get("bytecode_cache") is None:
        options = repr(sorted((key, repr(value)) for key, value in environment.items()))
        environment["bytecode_cache"] = _compiled_templates.setdefault(options, ByNameAndSource())
        settings["JINJA_ENVIRONMENT"] = environment


@contextlib.contextmanager
def pure_stores():
    """Outside a build: the pure stores (SHARED_STORES, e.g. the RD New transformer, ~0.25 s to make)
    kept for this test process, and nothing else kept, as when no build cache is active."""
    from editor_files.memo import BuildCache, Memo, using

    class PureStoresOnly(BuildCache):
        def store(self, name, keep):
            return _shared_stores.setdefault(name, Memo(keep)) if name in SHARED_STORES else Memo(keep)

    with using(PureStoresOnly()):
        yield


def check_content(project, *args, env=None):
    """`python -m content_check [args]` (what `make check` runs) in the project folder; a CompletedProcess.

    `env`: variables set on top of this environment. Like `run_build`, checked in this process (the check's
    `main`, what it prints captured, an uncaught exception printed as its traceback with exit code 1), a copy
    whose plugins a test changed with its own plugins (`plugins_of`). Where the process itself is under test
    (a hang stopped by a timeout), use subprocess.
    """
    project = Path(project)
    with contextlib.nullcontext() if own_plugins(project) else plugins_of(project):
        return check_in_process(project, args, env)


def check_in_process(project, args, env):
    from content_check.__main__ import main

    code, out, err = main_in_process(project, main, ["content_check", *map(str, args)], env)
    return subprocess.CompletedProcess(["content_check (in process)", *map(str, args)], code, out, err)


def main_in_process(project, call, argv, env=None):
    """A command's `call()` (its main) run in the project folder as its process would run it: `argv` as sys.argv,
    `env` set on top of the environment, what it prints and logs captured. (exit code, stdout, stderr); an exception
    it lets out is printed as its traceback with exit code 1, as its process would end."""
    out, err = io.StringIO(), io.StringIO()
    saved_argv, saved_cwd = sys.argv, os.getcwd()
    sys.argv = list(argv)
    os.chdir(project)
    try:
        with patched_environment(env or {}), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
                captured_log(err):  # fmt: skip
            try:
                code = call()
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
            except Exception:  # noqa: BLE001 - as its process would end: the traceback, exit code 1
                traceback.print_exc(file=err)
                code = 1
    finally:
        os.chdir(saved_cwd)
        sys.argv = saved_argv
    return code, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def patched_environment(values):
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextlib.contextmanager
def captured_log(stream):
    """Pelican's log records go to `stream` while it builds (its handler holds the real stderr)."""
    import logging

    handler = logging.StreamHandler(stream)
    logger = logging.getLogger()
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def copy_project(destination):
    """A copy of this project (without environments) that a test may change."""
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, destination / part)
    (destination / "node_modules").symlink_to(ROOT / "node_modules")
    return destination


def built_once(tmp_path_factory, name, build):
    """`build(folder)` once per test session, whichever test worker (pytest-xdist) asks first: the others
    wait for it (a file lock) and use the same folder. Nothing may change it. A failed build is tried
    again by the next worker that asks (and fails there too)."""
    if name in _built:  # a session fixture imported into more than one test module is made once per module
        return _built[name]
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp(name)
        build(folder)
        _built[name] = folder
        return folder
    shared = tmp_path_factory.getbasetemp().parent  # this session's, above every worker's own
    folder = shared / name
    with open(shared / f"{name}.lock", "w") as lock:
        start = time.monotonic()
        fcntl.flock(lock, fcntl.LOCK_EX)
        timeline("lock", start, name)
        if not (shared / f"{name}.done").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            start = time.monotonic()
            build(folder)
            timeline("build", start, name)
            (shared / f"{name}.done").touch()
    _built[name] = folder
    return folder


_built = {}


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The demo site, built once per test session with the development settings (shared by the workers)."""
    return built_once(tmp_path_factory, "demo", lambda folder: run_build(ROOT, folder / "output")) / "output"


@pytest.fixture(scope="session")
def demo_site_again(tmp_path_factory):
    """The demo site built a second time, from a copy of the project in another folder, making everything itself
    (`share=False`: every chart drawn and every map rendered again): what a reproducible build must match byte
    for byte. Once per test session (shared by the workers)."""

    def build(folder):
        run_build(copy_project(folder / "project"), folder / "output", share=False)

    return built_once(tmp_path_factory, "demo-again", build) / "output"


@pytest.fixture(scope="session")
def project_copy_factory(tmp_path_factory):
    return lambda: copy_project(tmp_path_factory.mktemp("project"))


class _SiteHandler(SimpleHTTPRequestHandler):
    base_path = ""

    def translate_path(self, path):
        parts = urlsplit(path)
        if self.base_path:
            if not parts.path.startswith(self.base_path + "/"):
                return str(Path(self.directory) / "__outside_the_site__")
            path = parts.path[len(self.base_path) :]
        return super().translate_path(path)

    def end_headers(self):
        # As GitHub Pages does (max-age=600): the next page in a browser context takes the styles, scripts and
        # pictures it shares with the last one from the cache (~8% less Chromium CPU over the pages axe checks).
        # A page itself is asked for every time.
        if not urlsplit(self.path).path.endswith((".html", "/")):
            self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory, base_path=""):
    """Serve a built site on a free local port; yields the site's base URL."""
    handler = type("Handler", (_SiteHandler,), {"base_path": base_path.rstrip("/")})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{base_path.rstrip('/')}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def demo_url(demo_site):
    with serve(demo_site) as url:
        yield url


class _TileHandler(SimpleHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(BLANK_PNG)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(BLANK_PNG)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def tile_server(folder):
    """The map tile server's stand-in: every address gets `BLANK_PNG`, over HTTPS (a certificate made here, for
    this run only); yields its port."""
    import ssl

    key, certificate = folder / "tiles.key", folder / "tiles.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-days", "2", "-subj", f"/CN={TILE_HOST}", "-keyout", key, "-out", certificate],
                   check=True, capture_output=True)  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _TileHandler)
    server.handle_error = lambda *args: None  # a page left while its tiles came: the browser hung up
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def launch_browser(tmp_path_factory):
    """`launch_browser(*more_args)`: a Chromium under this session's Playwright (a process can start only one) that
    reaches no other machine."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's package (apt-get install chromium)")
    with (
        tile_server(tmp_path_factory.mktemp("tiles")) as tile_port,
        socket.socket() as nowhere,
        sync_playwright() as playwright,
    ):
        # No request leaves this machine, and the browser sees to it itself: the tile server's name leads to the
        # stand-in, every other request but the local test server's goes to a proxy that refuses it (a port bound,
        # not listening). So the pages need no `route`, which makes Playwright stop every request on its way and
        # turns the browser's cache off (~15% more CPU a page).
        nowhere.bind(("127.0.0.1", 0))
        args = [*CHROMIUM_ARGS, f"--proxy-server=http://127.0.0.1:{nowhere.getsockname()[1]}",
                f"--proxy-bypass-list={TILE_HOST}", f"--host-resolver-rules=MAP {TILE_HOST} 127.0.0.1:{tile_port}",
                "--ignore-certificate-errors"]  # fmt: skip
        yield lambda *more: playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[*args, *more])


@pytest.fixture(scope="session")
def browser(launch_browser):
    browser = launch_browser()
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def unpainted_browser(launch_browser):
    """A browser that paints nothing: with begin-frame control and no one asking for a frame, pages load, run their
    scripts and are laid out as ever (axe reads the layout and the styles, never pixels), but no frame is drawn
    (~25% less Chromium CPU a page axe checks). What waits for a frame waits for ever: requestAnimationFrame, CSS
    transitions, so Leaflet's tiles stay unfaded and its zoom animation unstarted (the map as it settles, where a
    moving tile layer over the page's text left axe unsure of that text's contrast). Only for pages that are
    loaded and checked: a click waits for a frame, and so does a screenshot."""
    browser = launch_browser("--enable-begin-frame-control")
    yield browser
    browser.close()


# Every address but the local test server's (any port): what the guard looks at.
OTHER_HOST = re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)(:\d+)?(/|$))")


class PageGuard:
    """Collects what must never happen on a page of ours."""

    def __init__(self, page):
        self.problems = []
        self.dialogs = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("dialog", self._on_dialog)
        # A request to another host fails in the browser (`browser`); the tile server's is answered by a stand-in.
        # Only failed requests come to Python.
        page.on("requestfailed", self._on_failed_request)

    def _on_console(self, message):
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({message.location})")

    def _on_dialog(self, dialog):
        self.dialogs.append(dialog.message)
        self.problems.append(f"a dialog opened: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    def _on_failed_request(self, request):
        # What the page's Content-Security-Policy refused never left the browser; a tile the map no longer needed
        # (the page was left) is given up.
        host = urlsplit(request.url).hostname
        if OTHER_HOST.match(request.url) and host != TILE_HOST and request.failure != "csp":
            self.problems.append(f"request to another host: {request.url} ({request.failure})")


@contextlib.contextmanager
def guarded_page(browser, **context_options):
    """A page in a fresh browser context, under the guard; the context is closed however the test ends.
    Every browser test opens its pages through this (or the `page` fixture, which uses it)."""
    options = {"viewport": {"width": 1280, "height": 900}, "locale": "nl-NL", **context_options}
    context = browser.new_context(**options)
    try:
        page = context.new_page()
        page.guard = PageGuard(page)
        yield page
        problems = list(page.guard.problems)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(browser):
    with guarded_page(browser) as page:
        yield page


@pytest.fixture
def unpainted_page(unpainted_browser):
    """`page`, for tests that only load pages and run axe on them (`unpainted_browser`)."""
    with guarded_page(unpainted_browser) as page:
        yield page


def axe_violations(page):
    """Run axe-core with the WCAG 2.1 A and AA rules; return a readable list of violations."""
    if not AXE_SOURCE.exists():
        pytest.fail("axe-core is missing: run `npm ci`")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    if not getattr(page.context, "axe_on_every_page", False):
        # The next pages of this browser context get axe as they load (like `evaluate`, outside the page's CSP):
        # compiled once, not again for every page (~0.08 s of CPU a page).
        page.context.add_init_script(path=AXE_SOURCE)
        page.context.axe_on_every_page = True
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in result["violations"]
    ]


def html_pages(output):
    """Every HTML page a visitor can open (not Pagefind's own files)."""
    return sorted(p for p in Path(output).rglob("*.html") if "pagefind" not in p.parts)


def root_language_pages(output):
    """`html_pages` in the site's first language: without the folder of each further one (/en/, LANGUAGES)."""
    further = set(SETTINGS.get("LANGUAGES", [])[1:])
    return [p for p in html_pages(output) if p.relative_to(output).parts[0] not in further]


def url_of(base_url, output, html_file):
    relative = html_file.relative_to(output).as_posix()
    if relative.endswith("index.html"):
        relative = relative[: -len("index.html")]
    return f"{base_url}/{relative}"


def catalogue_downloads(site):
    """{download URL: its distribution, with "dataset": the dataset} from the site's DCAT catalogue (JSON-LD)."""
    catalogue = json.loads((Path(site) / "open-data" / "catalogus.json").read_text(encoding="utf-8"))
    return {distribution["dcat:downloadURL"]["@id"]: dict(distribution, dataset=dataset)
            for dataset in catalogue["dcat:dataset"] for distribution in dataset["dcat:distribution"]}  # fmt: skip
