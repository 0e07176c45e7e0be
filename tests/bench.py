"""Benchmark: `make bench`. Prints figures and ratios; never fails on timing.

A generated register of N sensors (default 10,000) is validated and built, and compared with
the same site holding one sensor, and with plain Pelican writing N Markdown pages.

Targets (issue 3): map page HTML under 150 KB; map GeoJSON under 100 bytes gzipped per sensor;
the register adding at most 1.5 ms per sensor to the build.
"""

import argparse
import gzip
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Run as a script, so tests/ (this folder) is on the path; the plugins are installed with the project.
from conftest import copy_project
from sensor_fixtures import BBOX, csv_text, replace_register, row
from sensor_register import load_register

ROOT = Path(__file__).resolve().parents[1]

TYPES = ["optical_camera", "sound", "climate", "chemical", "density", "flow", "presence", "temperature"]
THEMES = ["air", "sound", "road_rail_traffic", "cycling", "crowding", "safety", "parking", "water"]
STREETS = ["Kerkstraat", "Groest", "Leeuwenstraat", "Larenseweg", "Loosdrechtseweg", "Snelliuslaan", "Oosterengweg"]


def generated_rows(count, seed=402):
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        street = rng.choice(STREETS)
        personal = rng.random() < 0.2
        privacy = "https://www.hilversum.nl/privacy" if personal else ""
        values = row(
            sensor_id=f"GEN-{number:05d}",
            name=f"Sensor {street} {number}",
            sensor_type=rng.choice(TYPES),
            themes="|".join(rng.sample(THEMES, rng.randint(1, 2))),
            processes_personal_data="yes" if personal else "no",
            legal_basis="public_task" if personal else "",
            privacy_statement_url=privacy,
            purpose=f"Meten voor beleid rond {street}",
            latitude=f"{rng.uniform(52.19, 52.25):.5f}",
            longitude=f"{rng.uniform(5.13, 5.21):.5f}",
            location_description=f"{street} {rng.randint(1, 200)}",
        )
        rows.append(values)
    return rows


def write_dossiers(project, count):
    """N generated dossiers, each an advice with three recommendations and a response."""
    root = project / "content" / "stadspanel"
    for number in range(count):
        folder = root / f"gen-{number:05d}"
        folder.mkdir(parents=True)
        recommendations = "".join(
            f'  - {{id: A{i}, text: "Aanbeveling {i} bij dossier {number}"}}\n' for i in (1, 2, 3)
        )
        (folder / "advies.md").write_text(
            f"---\ntitle: Dossier {number}\nkind: advice\ndate: 2025-01-06\nconfidential: false\n"
            f"recommendations:\n{recommendations}---\nTekst van het advies.\n",
            encoding="utf-8",
        )
        answers = "".join(
            f"  - {{recommendation: A{i}, decision: adopted, implement_by: 2027-01-01, status: planned}}\n"
            for i in (1, 2)
        )
        (folder / "reactie.md").write_text(
            f"---\ntitle: Reactie {number}\nkind: response\ndate: 2025-02-03\nconfidential: false\n"
            f"answers:\n{answers}---\nTekst van de reactie.\n",
            encoding="utf-8",
        )


def build(project, output):
    env = dict(os.environ)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(project / "content"),
            "-s",
            str(project / "bench_conf.py"),
            "-o",
            str(output),
            "--fatal",
            "warnings",
        ],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def make_project(parent, name, sensor_rows=None, plain_pages=0):
    project = copy_project(Path(parent) / name)
    (project / "bench_conf.py").write_text("from pelicanconf import *  # noqa\nSEARCH_ENABLED = False\n")
    if sensor_rows is not None:
        replace_register(project, csv_text(sensor_rows))
    for number in range(plain_pages):
        (project / "content" / "pages" / f"bench-{number}.md").write_text(
            f"Title: Pagina {number}\nSlug: bench-{number}\n\nTekst van pagina {number}.\n", encoding="utf-8"
        )
    return project


def kb(size):
    return f"{size / 1024:,.1f} KB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sensors", type=int, default=10_000)
    parser.add_argument("--dossiers", type=int, default=1_000)
    arguments = parser.parse_args()
    count, dossier_count = arguments.sensors, arguments.dossiers
    rows = generated_rows(count)
    with tempfile.TemporaryDirectory() as tmp:
        large = make_project(tmp, "large", rows)
        small = make_project(tmp, "small", rows[:1])
        plain = make_project(tmp, "plain", rows[:1], plain_pages=count)
        panel = make_project(tmp, "panel", rows[:1])
        write_dossiers(panel, dossier_count)

        started = time.perf_counter()
        register, problems = load_register(large / "data", BBOX, root=large)
        validation = time.perf_counter() - started
        assert not problems and len(register.sensors) == count, problems[:3]

        small_time = build(small, Path(tmp) / "out-small")
        large_time = build(large, Path(tmp) / "out-large")
        plain_time = build(plain, Path(tmp) / "out-plain")
        panel_time = build(panel, Path(tmp) / "out-panel")
        out = Path(tmp) / "out-large"
        map_html = (out / "kaart" / "index.html").stat().st_size
        geojson = (out / "kaart" / "sensoren.geojson").read_bytes()
        geojson_gz = len(gzip.compress(geojson, 9))
        memory_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    per_sensor_ms = (large_time - small_time) / (count - 1) * 1000
    plain_per_page_ms = (plain_time - small_time) / count * 1000
    dossier_ms = (panel_time - small_time) / dossier_count * 1000
    figures = [
        ("sensors", f"{count:,}", ""),
        (
            "validation (read + check every CSV row)",
            f"{validation:.2f} s",
            f"{validation / count * 1000:.3f} ms/sensor",
        ),
        ("build, 1 sensor", f"{small_time:.2f} s", ""),
        (f"build, {count:,} sensors", f"{large_time:.2f} s", ""),
        (f"build, plain Pelican with {count:,} Markdown pages", f"{plain_time:.2f} s", ""),
        ("register cost per sensor", f"{per_sensor_ms:.3f} ms", "target <= 1.5 ms " + verdict(per_sensor_ms <= 1.5)),
        (
            "plain Pelican cost per page",
            f"{plain_per_page_ms:.3f} ms",
            f"register/plain ratio {per_sensor_ms / plain_per_page_ms:.2f}x" if plain_per_page_ms > 0 else "",
        ),
        (f"build, {dossier_count:,} dossiers (advice + response each)", f"{panel_time:.2f} s", ""),
        (
            "Stadspanel cost per dossier (one page, two documents)",
            f"{dossier_ms:.3f} ms",
            f"{dossier_ms / plain_per_page_ms:.1f}x a plain Pelican page" if plain_per_page_ms > 0 else "",
        ),
        ("map page HTML", kb(map_html), "target < 150 KB " + verdict(map_html < 150 * 1024)),
        ("map GeoJSON", kb(len(geojson)), f"{kb(geojson_gz)} gzipped"),
        (
            "map GeoJSON gzipped per sensor",
            f"{geojson_gz / count:.1f} bytes",
            "target < 100 bytes " + verdict(geojson_gz / count < 100),
        ),
        ("peak memory of a build process", f"{memory_mb:,.0f} MB", ""),
    ]
    width = max(len(name) for name, _v, _n in figures)
    print(f"Open Hilversum benchmark ({count:,} generated sensors, {dossier_count:,} dossiers; search indexing off)\n")
    for name, value, note in figures:
        print(f"  {name:<{width}}  {value:>12}  {note}")


def verdict(ok):
    return "(met)" if ok else "(MISSED)"


if __name__ == "__main__":
    main()
