# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Benchmark of every editor-file reader at 1x and 10x input: the ratio shows whether time grows linearly.

Used by `make bench` (bench.py); `python tests/bench_readers.py --scale 0.1` runs it alone, smaller.
Each reader gets generated input of its own kind in a fresh folder (nothing is kept between runs):
the register's CSV rows, Stadspanel documents, a layer's GeoJSON points, a dataset's CSV rows, a
page of Markdown with links and brackets, the code lists of vocabularies.yml. Target: 10x the input
takes at most 15x the time. (The history reader is timed by sensor_history's own bench.)
"""

import argparse
import datetime
import itertools
import tempfile
import time
from pathlib import Path

# Run as a script (or from bench.py), this folder is first on the import path: sensor_fixtures is found.
from sensor_fixtures import BBOX, csv_text, row

ROOT = Path(__file__).resolve().parents[1]
TODAY = datetime.date(2026, 11, 23)
TARGET = 15
RUNS = itertools.count()
# reader -> its input at 1x (rows, documents, points, paragraphs, codes)
BASE = {"register CSV": 2_000, "Stadspanel documents": 100, "layer GeoJSON": 10_000, "dataset CSV": 10_000,
        "stories/pages Markdown": 200, "vocabularies": 60}  # fmt: skip


def register(folder, n):
    from sensor_register import load_register

    data = folder / "data"
    (data / "sensors").mkdir(parents=True)
    (data / "vocabularies.yml").write_bytes((ROOT / "data" / "vocabularies.yml").read_bytes())
    run = next(RUNS)  # rows differ from run to run: the register keeps rows it validated before (make serve)
    rows = [row(sensor_id=f"HLV-B-{i:06d}", name=f"Sensor {i} ({run})") for i in range(n)]
    (data / "sensors" / "bench.csv").write_text(csv_text(rows, delimiter=";"), encoding="utf-8")
    return lambda: load_register(data, BBOX, folder, TODAY)


def panel(folder, n):
    from stadspanel.panel import load_panel

    for i in range(n):
        dossier = folder / "stadspanel" / f"dossier-{i}"
        dossier.mkdir(parents=True)
        body = "Tekst met een [link](https://www.hilversum.nl/) en *nadruk*.\n\n" * 5
        (dossier / "1.md").write_text("---\ntitle: Adviesverzoek\nkind: request\ndate: 2025-01-06\n"
                                      "confidential: false\n---\n" + body, encoding="utf-8")  # fmt: skip
    themes = {"privacy": "Digitale privacy"}
    return lambda: load_panel(folder / "stadspanel", folder, themes, TODAY)


def layer(folder, n):
    from map_layers.reader import read_geojson

    def feature(i):
        longitude, latitude = 5.15 + (i % 100) / 2000, 52.2 + (i // 100 % 100) / 2000
        return (f'{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [{longitude:.5f}, {latitude:.5f}]}}, '
                f'"properties": {{"naam": "Punt {i}"}}}}')

    features = ",\n".join(feature(i) for i in range(n))
    text = '{"type": "FeatureCollection", "features": [\n' + features + "\n]}\n"
    return lambda: read_geojson(text, "data/layers/bench.geojson", "points", BBOX)


def dataset(folder, n):
    from measurements.datasets import load_datasets

    metingen = folder / "data" / "metingen"
    metingen.mkdir(parents=True)
    (metingen / "datasets.yml").write_text(
        "bench:\n  title: Bench\n  description: Metingen\n  file: bench.csv\n  axis: uur\n"
        "  period_start: 2021-01-01\n  period_end: 2021-12-31\n  source: Bench\n  licence: CC0-1.0\n"
        "  columns:\n    uur: {label: Meting, type: text}\n    waarde: {label: Waarde, type: number, unit: km/u}\n",
        encoding="utf-8")  # fmt: skip
    lines = ["uur,waarde"] + [f"m{i},{i % 97}.5" for i in range(n)]
    (metingen / "bench.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lambda: load_datasets(metingen, folder)


def markdown_page(folder, n):
    from content_check.pages import read_page
    from editor_files.markdown_text import render_markdown

    paragraph = "Een alinea met een [link](https://www.hilversum.nl/) en een [voetnoot] en ![beeld](/images/a.png).\n\n"
    path = folder / "pagina.md"
    text = "Title: Bench\nDate: 2025-01-01\n\n" + paragraph * n + "[" * (n * 20) + "\n"
    path.write_text(text, encoding="utf-8")
    settings = {"THEME": str(ROOT / "theme"), "DEFAULT_LANG": "nl"}

    def read():
        read_page(path, "content/pages/pagina.md", ("title",), ("{slug}/", "{slug}/index.html"), settings)
        return render_markdown(text)

    return read


def vocabularies(folder, n):
    from editor_files.vocabularies import load_code_lists

    path = folder / "vocabularies.yml"
    names = ["lijst"]  # one list: the file stays under the YAML reader's 64 KB at 10x
    entries = "".join(f"  code_{i}: {{label: Code {i}, aliases: [c{i}, code nummer {i}]}}\n" for i in range(n))
    path.write_text("".join(f"{name}:\n{entries}" for name in names), encoding="utf-8")
    return lambda: load_code_lists(path, folder, names)


READERS = {"register CSV": register, "Stadspanel documents": panel, "layer GeoJSON": layer, "dataset CSV": dataset,
           "stories/pages Markdown": markdown_page, "vocabularies": vocabularies}  # fmt: skip


def seconds(make, n):
    with tempfile.TemporaryDirectory(prefix="bench-reader-") as tmp:
        read = make(Path(tmp), n)
        start = time.perf_counter()
        result = read()
        elapsed = time.perf_counter() - start
    problems = result[-1] if isinstance(result, tuple) else []
    if problems:
        raise AssertionError(f"the bench's own input has problems: {problems[:3]}")
    return elapsed


def reader_figures(scale=1.0, report=None):
    """{reader: (n, seconds at 1x, seconds at 10x, ratio)}; each line printed through `report` as it is measured."""
    figures = {}
    for name, make in READERS.items():
        n = max(1, int(BASE[name] * scale))
        seconds(make, max(1, n // 10))  # imports and first-use costs are not the reader's
        # the best of a few runs, each in a fresh folder (a kept result would be found again): on a shared
        # machine one run can wait for another process
        small = min(seconds(make, n) for _ in range(5))
        large = min(seconds(make, n * 10) for _ in range(3))
        figures[name] = (n, small, large, large / small)
        if report:
            verdict = "(met)" if large / small <= TARGET else "(MISSED)"
            report(f"reader: {name} ({n:,} -> {n * 10:,})", f"{small:.3f} s -> {large:.3f} s",
                   f"{large / small:.1f}x, target <= {TARGET}x {verdict}")
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="input at 1x, as a share of the default sizes")
    arguments = parser.parse_args()
    reader_figures(arguments.scale, lambda name, value, note: print(f"  {name:<52} {value:>22}  {note}"))


if __name__ == "__main__":
    main()
