# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""`make serve`: build, serve at http://localhost:8000, rebuild on every change (see __init__)."""

import argparse
import contextlib
import gc
import itertools
import json
import os
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import watchfiles
from editor_files.memo import SETTING as BUILD_CACHE
from editor_files.memo import BuildCache
from editor_files.messages import msg
from language_versions import REUSE_SETTING
from pelican.settings import read_settings
from pelican_adapter import FIRST_PASS_DONE
from publication_safety import publish_changed_static_files
from site_build import build as build_site
from site_outputs.templates import MemoryBytecodeCache
from site_search import index_command

from .reuse import Build, PageReuse, inputs_digest

WATCHED = ["content", "data", "plugins", "theme", "pelicanconf.py"]
RESTART_ON = ("plugins",)  # code: only a fresh process runs the changed version
PREVIEW_PATH = "/__live_preview__/"
RELOAD_SCRIPT = Path(__file__).with_name("static") / "reload.js"
SCRIPT_TAG = f'<script src="{PREVIEW_PATH}reload.js"></script>'.encode()
WAIT_SECONDS = 20  # how long a tab's request for the next build is held open
# Host headers the preview answers: a page elsewhere that points its own name at 127.0.0.1 (DNS
# rebinding) sends that name, and is refused; so is any other machine's name for this one.
LOCAL_HOST = re.compile(r"(?:localhost|127\.0\.0\.1)(?::(\d{1,5}))?", re.IGNORECASE)
BUILD_NUMBER = re.compile(r"-?\d{1,18}")
WATCH_WAKE_MS = 250  # the watcher's first answer (and its idle wake-ups) come after this long at most
GC_THRESHOLDS = (50_000, 20, 100)  # instead of (700, 10, 10): a rebuild's collections then take ~0.15 s
SWITCH_INTERVAL = 0.0005  # seconds; Python's default is 0.005 (see main)
PAUSE_COLLECTION = True  # none during a rebuild (see Preview.build)



class Preview:
    """The builds of one preview session and what the open tabs are told about them."""

    def __init__(self, project):
        self.project = Path(project).absolute()
        self.builds = self.project / ".output-preview"
        self.numbers = itertools.count(1)
        self.session = f"{os.getpid()}-{int(time.time())}"
        self.served = self.builds / "0"
        self.site = 0  # number of the build being served
        self.version = 0  # increases after every build, good or bad (and once its first language is served)
        self.further_languages = []  # LANGUAGES but the first (settings)
        self.pending = []  # further languages whose pages the served build is still writing
        self.pending_files = frozenset()  # and the overview files (site_outputs.Output.overview) it still writes
        self.complete = (self.served, 0)  # (folder, number) of the last complete build: serves their pages meanwhile
        self.problems = []
        self.texts = {}
        self.changed = threading.Condition()
        self.bytecode = MemoryBytecodeCache()
        self.search = True
        self.indexer = None  # the Pagefind process of the latest build
        self.reuse = PageReuse()
        self.languages = {}  # further language -> its pass's LanguagePageReuse
        self.cache = BuildCache()  # what every build of this session made from files, by content

    def start(self):
        shutil.rmtree(self.builds, ignore_errors=True)
        self.served.mkdir(parents=True)

    def settings(self, output):
        settings = read_settings(str(self.project / "pelicanconf.py"))
        settings["OUTPUT_PATH"] = str(output)
        settings["JINJA_ENVIRONMENT"] = dict(settings["JINJA_ENVIRONMENT"], bytecode_cache=self.bytecode)
        settings[BUILD_CACHE] = self.cache
        # The search index follows right after the new version is served (see index_search).
        self.search = settings.get("SEARCH_ENABLED", True)
        settings[FIRST_PASS_DONE] = self.serve_first_language
        self.further_languages = list(settings.get("LANGUAGES") or [])[1:]  # their folders hold more pages
        settings["SEARCH_ENABLED"] = False
        # Generators of many pages take over those whose inputs did not change (see reuse).
        spare = self.reuse.spare.output if self.reuse.spare is not None else None
        recycled = self.recycle(output)
        inputs = inputs_digest(self.project)
        settings["PREVIEW_REUSE"] = self.reuse.start(output, inputs, recycled)
        if recycled is not None:  # pages left in place must stay; what is stale goes after the build (reuse)
            settings["DELETE_OUTPUT_DIRECTORY"] = False
        # Each further language's pass likewise, compared with that language's last good build; its folder
        # comes along with the first's recycled one.
        settings[REUSE_SETTING] = {}
        for lang in self.further_languages:
            reuse = self.languages.setdefault(lang, LanguagePageReuse(self.reuse))
            own = reuse.spare
            if recycled is None or own is None or own.output != spare / lang or not (output / lang).is_dir():
                own = None
            settings[REUSE_SETTING][lang] = reuse.start(output / lang, inputs, own)
        return settings

    def finish_languages(self, good):
        """Each further language's build is done; its pass removed its folder's stale files (language_versions),
        so the first's walk leaves its folder out."""
        for lang, reuse in self.languages.items():
            building = reuse.building
            if building is None:
                continue
            if good and building.recycled is not None and self.reuse.building is not None:
                self.reuse.building.pruned.add(lang)
                building.recycled = None
            reuse.finished(good)

    def recycle(self, output):
        """The spare build (the good one before last, never the one served), its folder renamed to `output`."""
        spare = self.reuse.spare
        if spare is None or spare.output == self.served or not spare.output.is_dir():
            return None
        try:
            os.rename(spare.output, output)
        except OSError:
            return None
        return spare

    def prepare_spare(self):
        """After the first build: a copy of it for the first save to recycle (see reuse); pages are linked."""
        if self.reuse.last is not None and self.reuse.spare is None:
            languages = {lang: reuse.last for lang, reuse in self.languages.items() if reuse.last is not None}
            try:
                self.reuse.spare, spares = copy_build(self.reuse.last, self.builds / "spare", languages)
            except OSError:  # e.g. a full disk: the first save links every page instead, as later ones may
                shutil.rmtree(self.builds / "spare", ignore_errors=True)
                return
            for lang, spare in spares.items():
                self.languages[lang].spare = spare

    def index_search(self, output):
        """Pagefind over the version just served, in the background: the page is there before its index."""
        self.stop_indexing()
        if self.search:
            command = index_command(output, language_folders=self.further_languages)
            self.indexer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop_indexing(self):
        """Stop indexing a version about to be replaced: on 2 cores it would slow the build that replaces it.

        True when it was still running (the served version then needs its index again if the build fails).
        """
        running = self.indexer is not None and self.indexer.poll() is None
        if running:
            self.indexer.kill()
            self.indexer.wait()
        return running

    def build(self):
        """Check, then build into a new folder; serve it only when the build succeeded.

        Its first language is served as soon as its pass is done (see serve_first_language), each further
        language's pages once the whole build is; a build that fails after that serves the last complete one again.
        """
        started = time.perf_counter()
        interrupted = self.stop_indexing()
        output = self.builds / str(next(self.numbers))
        complete = (self.served, self.site)
        # A rebuild runs without the cyclic garbage collector, which collects once it is done: a rebuild makes
        # millions of short-lived objects, and at 10,000 sensors the collections took ~0.15 s of the time until
        # the open tab shows a save. Paused for the first pass alone, they ran right after it was served, holding
        # the interpreter 0.1-0.2 s while the tab asked for its page. A rebuild's peak memory stays the same
        # (measured over 8 saves at 10,000 sensors). Not the first build: a cold one makes far more garbage
        # (~300 MB more at 10,000 sensors), and nobody waits for a tab yet.
        paused = PAUSE_COLLECTION and self.site > 0 and gc.isenabled()
        previous_directory = os.getcwd()
        os.chdir(self.project)  # settings and messages are relative to the project
        try:
            settings = self.settings(output)
            self.texts = settings.get("UI", {}).get("live_preview", {})
            if paused:
                gc.disable()
            result = build_site(settings=settings, output_check=False)
            problems = [str(p) for p in result.problems]
        except Exception as error:  # a template or plugin error: the editor sees it in the tab too
            problems = [str(p) for p in getattr(error, "problems", [])] or [f"{type(error).__name__}: {error}"]
        finally:
            if paused:
                gc.enable()
                gc.collect(0)  # what the build made, before the tabs are told it is done
            os.chdir(previous_directory)
        self.finish_languages(good=not problems)
        self.reuse.finished(good=not problems)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            print()
            print(msg("The site was NOT updated: fix the problem(s) above and save the file again."), flush=True)
            print()
            if self.served == output:  # its first language was served: the last complete build is again
                with self.changed:
                    self.served, self.site = complete
                    self.complete, self.pending, self.pending_files = complete, [], frozenset()
            remove_later([output])
            self.announce(problems)
            if interrupted:
                self.index_search(self.served)
            return False
        if self.served != output:  # a site of one language (or its pass did not call back)
            self.serve_build(output, [])
        # The previous version stays for requests still reading it (and is recycled next); older ones go.
        keep = {complete[0], self.served} | ({self.reuse.spare.output} if self.reuse.spare is not None else set())
        remove_later([old for old in self.builds.iterdir() if old not in keep])
        with self.changed:
            self.complete, self.pending, self.pending_files = (self.served, self.site), [], frozenset()
        self.announce([])
        self.index_search(output)
        seconds = f"{time.perf_counter() - started:.1f}"
        print(msg("Site updated ({seconds} s).", seconds=seconds), flush=True)
        return True

    def serve_first_language(self, settings, later=()):
        """The build's first language is written (pelican_adapter's FIRST_PASS_DONE, `settings` its pass's) but
        for the overview files in `later`: its folder is served, and the tabs told which languages and overviews
        are still being written (state's "pending"). Until they are, they come from the last complete build
        (folder_for): never a half-written page. Called again with no `later` once the overviews are written."""
        output = Path(settings["OUTPUT_PATH"])
        if self.served != output:
            publish_changed_static_files(settings)  # as its `finished` would, before anyone sees the folder
            self.serve_build(output, self.further_languages, later)
        else:
            with self.changed:
                self.pending, self.pending_files = list(self.further_languages), frozenset()
        self.announce([])

    def serve_build(self, output, pending, files=()):
        """Requests are answered from `output` now, those of the `pending` languages' pages and of the `files`
        (paths in the output folder) from the build before."""
        with self.changed:
            self.complete = (self.served, self.site)
            self.served, self.site = output, int(output.name)
            self.pending, self.pending_files = list(pending), frozenset(files)

    def folder_for(self, path):
        """(folder, build number) a request for `path` is answered from: the served build, or the last complete
        one for a page of a language still pending, or for an overview page still being written. A pending
        overview that is data (the map's sensors, the register's filter data) is answered once it is written:
        the served pages that fetch it are of the new build, and nothing reloads them when it is."""
        parts = posixpath.normpath(unquote(path)).split("/")
        with self.changed:
            if len(parts) > 1 and parts[1] in self.pending:
                return self.complete
            file = file_of(path) if self.pending_files else None
            if file in self.pending_files and not file.endswith(".html"):
                self.changed.wait_for(lambda: file not in self.pending_files, timeout=WAIT_SECONDS)
            if file in self.pending_files:
                return self.complete
            return self.served, self.site

    def site_name(self, number):
        return f"{self.session}-{number}"

    def announce(self, problems):
        with self.changed:
            self.problems = problems
            self.version += 1
            self.changed.notify_all()

    def state_after(self, version):
        """The state once it is newer than `version` (or after WAIT_SECONDS)."""
        with self.changed:
            self.changed.wait_for(lambda: self.version > version, timeout=WAIT_SECONDS)
            pending = self.pending + sorted(address_of(path) for path in self.pending_files)
            return {"version": self.version, "site": self.site_name(self.site), "pending": pending,
                    "problems": self.problems, "texts": self.texts}  # fmt: skip


def file_of(path):
    """The file in the output folder a request's path names: '/sensoren/' -> 'sensoren/index.html'."""
    found = posixpath.normpath("/" + unquote(path)).lstrip("/")
    if path.endswith("/"):
        found = posixpath.join(found, "index.html")
    return found


def address_of(path):
    """A file's address as a tab has it: 'sensoren/index.html' -> '/sensoren/' (file_of's reverse)."""
    return "/" + (path[: -len("index.html")] if path == "index.html" or path.endswith("/index.html") else path)


def copy_build(build, folder, languages=None):
    """A copy of a good build's folder (without its search index, made again for every build), and the
    copies of `languages` ({lang: that language's last good build, in its folder})."""
    languages = languages or {}
    pages = {str(build.output / path) for path in build.keys}
    for language in languages.values():
        pages |= {str(language.output / path) for path in language.keys}

    def link_or_copy(source, target):
        if source in pages:  # a page is unlinked before it is written again (reuse.release)
            os.link(source, target)
        else:
            shutil.copy2(source, target)

    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(build.output, folder, copy_function=link_or_copy, ignore=shutil.ignore_patterns("pagefind"))
    copies = {}
    for lang, language in languages.items():
        copies[lang] = Build(folder / lang, language.inputs, keys=dict(language.keys))
        copies[lang].pointed = getattr(language, "pointed", None)
    return Build(folder, build.inputs, keys=dict(build.keys)), copies


class LanguagePageReuse(PageReuse):
    """A further language's pages taken over as the first's (language_versions): compared with that
    language's last good build, in its folder of the recycled build. A page is taken over only while its
    links would be pointed as they were (language_versions.Pointed); one that is not is rendered anew."""

    def __init__(self, first):
        super().__init__()
        self.readers = first.readers  # how each class's fields are read: the same for every pass
        self.records = first.records  # and the records' digests: the passes show the same records
        self.input_keys = first.input_keys  # and the keys of inputs made of them (made once a build, by the first)
        self.first = first
        self.pages = frozenset()
        self.taken = {}

    def start(self, output, inputs, recycled=None):
        self.taken = {}
        return super().start(output, inputs, recycled, next_build=False)  # the first pass's start did

    def expect(self, written):
        """The language's pages this build: the first's (`written`: those its run wrote; the rest it took over)."""
        self.pages = frozenset(written).union(path for path in self.first.building.keys if path.endswith(".html"))

    def kept_key(self, path, key):
        if not super().kept_key(path, key):
            return False
        building = self.building
        source = building.recycled if path in building.in_place else self.last
        pointed = getattr(source, "pointed", None)
        if pointed is not None and pointed.still_holds(path, self.pages):
            self.taken[path] = pointed
            return True
        building.in_place.discard(path)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(building.output / path)  # may share a served file: rendered into a file of its own
        return False

    def taken_over(self):
        """{page: the Pointed of the build it was taken from} of this build's pages taken over."""
        return self.taken

    def remember(self, pointed):
        self.building.pointed = pointed


def remove_later(folders):
    """Remove old builds in the background: 20,000 pages take seconds to delete, the editor need not wait."""
    folders = [f for f in folders if f.exists()]
    if folders:
        threading.Thread(target=lambda: [shutil.rmtree(f, ignore_errors=True) for f in folders], daemon=True).start()


def is_local_host(host, port):
    """Whether a Host header names this preview: localhost or 127.0.0.1, with no port or its own."""
    match = LOCAL_HOST.fullmatch(host or "")
    return bool(match) and match.group(1) in (None, str(port))


def build_number(query):
    """The `since=` of a tab's state request (-1 when absent), or None when it is not a whole number."""
    values = parse_qs(query).get("since", ["-1"])
    return int(values[0]) if len(values) == 1 and BUILD_NUMBER.fullmatch(values[0]) else None


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A closed tab is no error; anything else is one line, never a traceback over the editor's messages."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        print(msg("The preview could not answer a request: {kind}: {error}", kind=type(error).__name__, error=error),
              file=sys.stderr, flush=True)  # fmt: skip


def handler_for(preview):
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            # One folder for the whole request, whatever a rebuild does meanwhile (chosen by its path: folder_for).
            self.site, self.number = preview.served, preview.site
            super().__init__(*args, directory=str(self.site), **kwargs)

        def parse_request(self):
            if not super().parse_request():
                return False  # the standard library has answered 400 already
            hosts = self.headers.get_all("Host") or []
            if len(hosts) != 1 or not is_local_host(hosts[0].strip(), self.server.server_port):
                address = f"http://localhost:{self.server.server_port}/"
                self.send_text(421, str(msg("This preview answers only at {address}", address=address)))
                return False
            self.site, self.number = preview.folder_for(urlsplit(self.path).path)
            self.directory = str(self.site)
            return True

        def do_GET(self):
            path = urlsplit(self.path).path
            if path.startswith(PREVIEW_PATH):
                return self.preview_file(path[len(PREVIEW_PATH) :])
            if "\0" in self.translate_path(self.path):
                return self.send_text(400, str(msg("Bad request: the address holds a NUL character")))
            target = Path(self.translate_path(self.path))
            if target.is_dir() and path.endswith("/"):
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                return self.send_page(200, target.read_bytes())
            return super().do_GET()

        def send_head(self):
            if "\0" in self.translate_path(self.path):  # HEAD requests come here directly
                return self.send_text(400, str(msg("Bad request: the address holds a NUL character")))
            return super().send_head()

        def preview_file(self, name):
            if name == "reload.js":
                return self.send_body(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT.read_bytes())
            if name == "state":
                since = build_number(urlsplit(self.path).query)
                if since is None:
                    return self.send_text(400, str(msg("Bad request: since= must be a whole number")))
                body = json.dumps(preview.state_after(since)).encode()
                return self.send_body(200, "application/json", body)
            return self.send_error(404)

        def send_text(self, code, text):
            self.close_connection = True
            self.send_body(code, "text/plain; charset=utf-8", (text + "\n").encode())

        def send_page(self, code, body):
            # The script knows which build the page is of: a tab shows the next one when its language is in.
            tag = SCRIPT_TAG.replace(b"></script>", f' data-site="{preview.site_name(self.number)}"></script>'.encode())
            at = body.rfind(b"</body>")
            body = body[:at] + tag + body[at:] if at != -1 else body + tag
            self.send_body(code, "text/html; charset=utf-8", body)

        def send_body(self, code, media_type, body):
            self.send_response(code)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def send_error(self, code, message=None, explain=None):
            page = self.site / "404.html"
            if code == 404 and page.is_file():
                return self.send_page(404, page.read_bytes())
            return super().send_error(code, message, explain)

        def log_message(self, *args):
            pass

    return Handler


def restart():
    """Run this preview again in a fresh process: changed plugin code is only loaded that way."""
    print(msg("Plugins changed: the preview starts again."), flush=True)
    os.execv(sys.executable, [sys.executable, "-m", "live_preview", *sys.argv[1:]])


def main():
    parser = argparse.ArgumentParser(description="Build, serve and rebuild the site on changes.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--project", default=".", help="the project folder (default: the current folder)")
    args = parser.parse_args()
    # Stopped by a signal as by Ctrl+C: the search indexer is stopped too (a Pagefind of 20,000
    # pages would run on for a minute on its own).
    signal.signal(signal.SIGTERM, lambda _number, _frame: sys.exit(0))
    # This process keeps a large heap (the session's cache) and a build makes millions of short-lived
    # objects: with the default thresholds the garbage collector took 0.5-1 s of a 10,000-sensor rebuild.
    gc.set_threshold(*GC_THRESHOLDS)
    # The server's threads answer the tabs while a build runs (its further languages, once the first is served).
    # Answering a request takes the interpreter lock many times, and with Python's 5 ms switch interval each
    # time waited that long for the build: at 10,000 sensors a tab got its page 20-27 ms after it was told,
    # now 3-7 ms. Shorter costs the build nothing while no request waits.
    sys.setswitchinterval(SWITCH_INTERVAL)
    preview = Preview(args.project)
    try:
        serve(preview, args)
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop_indexing()


def serve(preview, args):
    saves = watched_changes(preview.project)
    preview.start()
    preview.build()
    preview.prepare_spare()
    server = PreviewServer((args.bind, args.port), handler_for(preview))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://localhost:{server.server_port}/"
    print(msg("Preview of the site: {address}  (stop: Ctrl+C)", address=address), flush=True)
    code_folders = [preview.project / p for p in RESTART_ON]
    try:
        for changes in saves:
            if not changes:
                continue
            changed = sorted({Path(p) for _, p in changes})
            names = ", ".join(sorted({p.name for p in changed}))
            print(msg("Changed: {names}", names=names), flush=True)
            if any(folder in p.parents for p in changed for folder in code_folders):
                server.shutdown()
                server.server_close()
                preview.stop_indexing()
                restart()
            preview.build()
    finally:
        server.shutdown()


def watched_changes(project):
    """The sets of files changed in the project, from a watcher that already runs when this returns.

    The watcher starts before the first build and before the address is shown: a file saved at any
    moment after that is rebuilt, also one saved while the first build runs (the watcher keeps changes
    until they are asked for). Started lazily, as watchfiles does, a save made right after the address
    appeared could come before the watcher and be missed. An empty set means nothing changed.
    """
    paths = [project / p for p in WATCHED if (project / p).exists()]
    saves = watchfiles.watch(*paths, watch_filter=lambda _change, path: "__pycache__" not in path,
                             debounce=400, step=30, yield_on_timeout=True, rust_timeout=WATCH_WAKE_MS)  # fmt: skip
    next(saves)  # starts the watcher; returns within WATCH_WAKE_MS
    return saves


if __name__ == "__main__":
    main()
