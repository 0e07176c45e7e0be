# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Benchmark: `make bench`. Prints figures and ratios; never fails on timing.

Generated sites (1,000 and 10,000 sensors by default, with dossiers and stories) are built the
way `make html` builds (`python -m site_build`: check, Pelican, Pagefind, output check), each
step timed; Hugo builds the same number of plain pages; `make serve` is timed from saving a file
to the updated page; Debian's Chromium times /kaart/ and /sensoren/.

Targets (issue 10): `make html` within 2x of Hugo; time per page at 10,000 within 20% of that at
1,000; peak memory under 1 GB; /sensoren/ under 300 KB and /kaart/ under 150 KB of HTML at any
size, dossier and story pages under 150 KB; `make serve` under 1 s at demo scale and (issue 17) under
2 s at 10,000 sensors; the map's first clusters within 500 ms; a register filter change within 100 ms.
`--serve-only` times just `make serve` (demo, and the largest of `--sizes`); `--readers-only` times
each editor-file reader at 1x and 10x input (target: at most 15x; tests/bench_readers.py).
"""

import argparse
import csv
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

# Run as a script, so tests/ (this folder) is on the path; the plugins are installed with the project.
from bench_readers import reader_figures
from bench_site import make_project, page_count
from conftest import BLANK_PNG, CHROMIUM, CHROMIUM_ARGS, TEST_BUILD_EPOCH, copy_project, serve
from sensor_history import bench as sensor_history_bench

HUGO = shutil.which("hugo")
TIME = "/usr/bin/time"
STEPS = ("check", "pelican", "search", "output check")
SIZES = {1_000: (100, 5), 10_000: (1_000, 50)}  # sensors -> (dossiers, stories)
SERVE_TARGET = 2  # seconds from a save to the updated page at the largest size (issue 17)


def timed(command, cwd, env=None):
    """(wall seconds, peak memory in MB of the largest process, stdout) of one command."""
    report = Path(tempfile.mkstemp(prefix="bench-time-")[1])
    started = time.perf_counter()
    result = subprocess.run([TIME, "-f", "%M", "-o", str(report), *command], cwd=cwd, env=env,
                            capture_output=True, text=True, check=False)  # fmt: skip
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    peak_kb = int(report.read_text().split()[-1])
    report.unlink()
    return seconds, peak_kb / 1024, result.stdout


def build_env():
    return dict(os.environ, SOURCE_DATE_EPOCH=TEST_BUILD_EPOCH)


def make_html(project, output):
    """`make html`, timed: (total seconds, {step: seconds}, peak MB)."""
    command = [sys.executable, "-m", "site_build", "pelicanconf.py", "-o", str(output), "--times"]
    seconds, peak, stdout = timed(command, project, build_env())
    steps = {}
    for line in stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[-1] == "s" and " ".join(parts[:-2]) in STEPS:
            steps[" ".join(parts[:-2])] = float(parts[-2])
    return seconds, steps, peak


def hugo_site(folder, pages):
    """The same number of plain pages for Hugo: a title, a paragraph of text, a small layout."""
    (folder / "content" / "pagina").mkdir(parents=True)
    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "hugo.toml").write_text('baseURL = "http://example.org/"\nlanguageCode = "nl"\ntitle = "Bench"\n'
                                      'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')  # fmt: skip
    layout = ('<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
              '<body><header><a href="/">Bench</a></header><main><h1>{{ .Title }}</h1>{{ .Content }}</main>'
              "</body></html>\n")  # fmt: skip
    for name in ("single.html", "list.html"):
        (folder / "layouts" / "_default" / name).write_text(layout)
    text = "Tekst van een pagina met een alinea, zoals een sensor of dossier die heeft. " * 8
    for number in range(pages):
        (folder / "content" / "pagina" / f"p{number}.md").write_text(f"---\ntitle: Pagina {number}\n---\n{text}\n")


def run_hugo(folder):
    return timed([HUGO, "--buildFuture", "--quiet", "-d", str(folder / "public")], folder)


def page_sizes(output):
    def size(*parts):
        path = Path(output, *parts, "index.html")
        return path.stat().st_size if path.is_file() else None

    dossier = next(p for p in sorted((output / "stadspanel").iterdir()) if p.name.startswith("gen-"))
    story = next(p for p in sorted((output / "verhalen").iterdir()) if p.name.startswith("gen-"))
    index = output / "sensoren" / "register.json"
    return {
        "register /sensoren/": (size("sensoren"), 300),
        "register index (JSON, lazy)": (index.stat().st_size if index.is_file() else None, None),
        "map /kaart/": (size("kaart"), 150),
        "dossier page": (size("stadspanel", dossier.name), 150),
        "story page": (size("verhalen", story.name), 150),
    }


# --- make serve ---


def serve_reaction(project, saves=3, kind="dossier"):
    """Median seconds from saving a dossier (or a register file) to the preview serving the changed (Dutch) page,
    and to the whole version being served (every language: nothing pending)."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "live_preview", "--port", str(port), "--project", str(project)],
                               cwd=project, env=build_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)  # fmt: skip
    try:
        for line in process.stdout:
            if "Voorbeeld van de website" in line:
                break
        base = f"http://127.0.0.1:{port}"
        source, path, edit = (saved_dossier if kind == "dossier" else saved_register_file)(project)
        page_url = base + path
        original = source.read_text(encoding="utf-8")
        times, whole = [], []
        for number in range(saves):
            version = preview_state(base, -1)["version"]
            marker = f"Gewijzigd {number}"
            started = time.perf_counter()
            source.write_text(edit(original, marker), encoding="utf-8")
            while marker not in fetch(page_url):
                version = preview_state(base, version)["version"]
            times.append(time.perf_counter() - started)
            whole_served(base)
            whole.append(time.perf_counter() - started)
            source.write_text(original, encoding="utf-8")
            while marker in fetch(page_url):
                version = preview_state(base, version)["version"]
            whole_served(base)  # the next save starts from a finished build
        return statistics.median(times), statistics.median(whole)
    finally:
        process.terminate()
        process.wait(timeout=60)


def saved_dossier(project):
    """(file, page path, edit): a dossier document whose title gets the marker."""
    source = next(p for p in sorted((project / "content" / "stadspanel").rglob("*.md")) if "title:" in p.read_text())
    return source, f"/stadspanel/{source.parent.name}/", lambda text, marker: text.replace("title: ", f"title: {marker} ", 1)


def saved_register_file(project):
    """(file, page path, edit): the first register file, whose first sensor's name gets the marker."""
    source = sorted((project / "data" / "sensors").glob("*.csv"))[0]
    lines = source.read_text(encoding="utf-8-sig").splitlines()
    row = next(csv.DictReader(lines, delimiter=";" if ";" in lines[0] else ","))
    name = row["name"]
    return source, f"/sensoren/{row['sensor_id']}/", lambda text, marker: text.replace(name, f"{marker} {name}", 1)


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def whole_served(base):
    """Wait until the preview serves every language of its latest build (none pending)."""
    found = preview_state(base, -1)
    while found["pending"]:
        found = preview_state(base, found["version"])


def preview_state(base, since):
    with urllib.request.urlopen(f"{base}/__live_preview__/state?since={since}", timeout=60) as response:
        return json.load(response)


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8")


def serve_figures(sensors, tmp=None, project=None, languages=None):
    """Print the serve reaction at demo scale and, when `sensors` is given, at that size.

    `languages`: the generated site's LANGUAGES instead of the project's (e.g. ["nl"]: the root pass alone)."""
    if tmp is None:
        with tempfile.TemporaryDirectory(prefix="bench-") as folder:
            return serve_figures(sensors, Path(folder), project, languages)
    demo = copy_project(tmp / "demo")
    reaction, whole = serve_reaction(demo)
    row("make serve: save a dossier -> updated page (demo)", f"{reaction:.2f} s", verdict(reaction, 1))
    row("make serve: ... -> every language served (demo)", f"{whole:.2f} s", "")
    reaction, whole = serve_reaction(demo, kind="register")
    row("make serve: save a register file -> its sensor (demo)", f"{reaction:.2f} s", verdict(reaction, 1))
    row("make serve: ... -> every language served (demo)", f"{whole:.2f} s", "")
    if sensors is None:
        return
    if project is None:
        dossiers, stories = SIZES.get(sensors, (sensors // 10, 50))
        project = make_project(tmp / f"serve-{sensors}", sensors, dossiers, stories)
    if languages:
        with_languages(project, languages)
    reaction, whole = serve_reaction(project, saves=1)
    row(f"make serve: same at {sensors:,} sensors", f"{reaction:.2f} s", verdict(reaction, SERVE_TARGET))
    row(f"make serve: ... -> every language served at {sensors:,}", f"{whole:.2f} s", "")
    reaction, whole = serve_reaction(project, saves=1, kind="register")
    row(f"make serve: save a register file at {sensors:,} sensors", f"{reaction:.2f} s", verdict(reaction, SERVE_TARGET))
    row(f"make serve: ... -> every language served at {sensors:,}", f"{whole:.2f} s", "")


def with_languages(project, languages):
    """Set a generated project's LANGUAGES (its settings name them on one line)."""
    settings = project / "pelicanconf.py"
    text, count = re.subn(r"^LANGUAGES = .*$", f"LANGUAGES = {list(languages)!r}", settings.read_text(encoding="utf-8"),
                          count=1, flags=re.MULTILINE)  # fmt: skip
    if count != 1:
        raise SystemExit("pelicanconf.py has no LANGUAGES line to change")
    settings.write_text(text, encoding="utf-8")
    print(f"(generated site with LANGUAGES = {list(languages)!r})")


# --- the browser ---

FILTER_CHANGE = """async (selector) => {
  const status = document.getElementById("register-status");
  const before = status.textContent;
  const started = performance.now();
  const changed = new Promise((resolve) => {
    new MutationObserver((_m, observer) => { observer.disconnect(); resolve(); })
      .observe(status, { childList: true, characterData: true, subtree: true });
  });
  document.querySelector(selector).click();
  await changed;
  await new Promise((resolve) => requestAnimationFrame(resolve));  // the next frame shows it
  return [performance.now() - started, before !== status.textContent];
}"""


def browser_timings(output):
    """Milliseconds: /kaart/ first clusters after navigation; /sensoren/ load and filter changes."""
    from playwright.sync_api import sync_playwright

    figures = {}
    with serve(output) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        local = base.rsplit(":", 1)[0]
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(local)
                      else route.fulfill(status=200, content_type="image/png", body=BLANK_PNG))  # fmt: skip
        page = context.new_page()
        runs = []
        for _ in range(3):
            page.goto(base + "/kaart/", wait_until="commit")
            page.wait_for_selector(".marker-cluster, .leaflet-marker-icon", timeout=60_000)
            runs.append(page.evaluate("performance.now()"))
        figures["/kaart/ first clusters after navigation"] = (statistics.median(runs), 500)
        runs = []
        for _ in range(3):
            page.goto(base + "/sensoren/", wait_until="load")
            runs.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
        figures["/sensoren/ loaded (load event)"] = (statistics.median(runs), None)
        boxes = "#register-filters input[name=type]"
        first, _changed = page.evaluate(FILTER_CHANGE, boxes)
        figures["/sensoren/ first filter change (fetches the index)"] = (first, None)
        runs = []
        for _ in range(6):  # the first type box, on and off
            elapsed, _changed = page.evaluate(FILTER_CHANGE, boxes)
            runs.append(elapsed)
        figures["/sensoren/ filter change, all sensors"] = (statistics.median(runs), 100)
        browser.close()
    return figures


# --- report ---


def verdict(value, limit):
    if limit is None or value is None:
        return ""
    return f"target < {limit:g} " + ("(met)" if value < limit else "(MISSED)")


def row(name, value, note=""):
    print(f"  {name:<52} {value:>14}  {note}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--serve-only", action="store_true", help="only time make serve (demo and the largest size)")
    parser.add_argument("--languages", nargs="+", help="LANGUAGES of the generated sites' make serve figures "
                        "(e.g. --languages nl: the root pass alone)")  # fmt: skip
    parser.add_argument("--readers-only", action="store_true", help="only time each editor-file reader at 1x and 10x")
    arguments = parser.parse_args()
    print(f"Open Hilversum benchmark on {platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()})\n")
    if arguments.serve_only:
        return serve_figures(max(arguments.sizes, default=None), languages=arguments.languages)
    if arguments.readers_only:
        return reader_figures(1.0, row)
    per_page = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        largest_output = None
        for sensors in sorted(arguments.sizes):
            dossiers, stories = SIZES.get(sensors, (sensors // 10, 50))
            project = make_project(tmp / f"site-{sensors}", sensors, dossiers, stories)
            output = tmp / f"out-{sensors}"
            total, steps, peak = make_html(project, output)
            pages = page_count(output)
            per_page[sensors] = total / pages
            print(f"{sensors:,} sensors, {dossiers:,} dossiers, {stories} stories: {pages:,} HTML pages")
            for step in STEPS:
                row(f"  {step}", f"{steps.get(step, 0):.2f} s")
            row("make html, total (wall)", f"{total:.2f} s", f"{per_page[sensors] * 1000:.2f} ms per page")
            row("peak memory (largest process)", f"{peak:,.0f} MB", verdict(peak, 1024))
            if HUGO:
                hugo = tmp / f"hugo-{sensors}"
                hugo_site(hugo, pages)
                hugo_seconds, hugo_peak, _ = run_hugo(hugo)
                ratio = total / hugo_seconds
                row(f"Hugo {pages:,} plain pages", f"{hugo_seconds:.2f} s", f"peak {hugo_peak:,.0f} MB")
                row("make html / Hugo", f"{ratio:.1f}x", verdict(ratio, 2))
            for name, (size, limit) in page_sizes(output).items():
                row(name, f"{size / 1024:,.1f} KB" if size is not None else "-", verdict(size and size / 1024, limit))
            print()
            largest_output, largest_project = output, project
        if len(per_page) > 1:
            small, large = min(per_page), max(per_page)
            growth = per_page[large] / per_page[small]
            row(f"time per page at {large:,} / at {small:,}", f"{growth:.2f}", "target <= 1.20 " +
                ("(met)" if growth <= 1.2 else "(MISSED)"))  # fmt: skip
        serve_figures(max(per_page, default=None), tmp, largest_project if largest_output is not None else None,
                      arguments.languages)  # fmt: skip
        history = sensor_history_bench.measure(sensors=max(per_page, default=1_000), commits=200)
        row(f"history from git: {history['sensors']:,} sensors, 200 commits",
            f"{history['seconds']:.2f} s, {history['peak_mb']:.0f} MB", f"{history['changes']:,} changes")
        print("\nEditor-file readers, 1x and 10x input (time should grow about 10x):")
        reader_figures(1.0, row)
        if not arguments.no_browser and largest_output is not None:
            print(f"\nDebian Chromium, {max(per_page):,} sensors (median of runs):")
            for name, (ms, limit) in browser_timings(largest_output).items():
                row(name, f"{ms:.0f} ms", verdict(ms, limit))


if __name__ == "__main__":
    main()
