# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Measurements: the manifest and CSV rules, charts (static, reproducible, escaped) and open data."""

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SETTINGS, catalogue_downloads, demo_records, plain_build, run_build
from extended_demo import payload_demo  # noqa: F401 (a fixture)
from measurements.datasets import load_datasets

SOURCE = ROOT / "data" / "metingen"
MANIFEST = (SOURCE / "datasets.yml").read_text(encoding="utf-8")
PAYLOAD = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"


@pytest.fixture(scope="module")
def sensor_ids():
    return {s.sensor_id for s in demo_records().register.sensors}


@pytest.fixture
def folder(tmp_path):
    """A copy of the demo measurements that a test may break."""
    target = tmp_path / "data" / "metingen"
    shutil.copytree(SOURCE, target)
    return target


def load(folder, sensor_ids):
    return load_datasets(folder, folder.parents[1], sensor_ids)


def messages(problems):
    return [str(p) for p in problems]


def replace(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_demo_datasets_are_valid(folder, sensor_ids):
    catalogue, problems = load(folder, sensor_ids)
    assert problems == []
    for dataset in catalogue.datasets.values():
        with (SOURCE / Path(dataset.file).name).open(encoding="utf-8") as handle:
            assert len(dataset.frame) == len(list(csv.DictReader(handle)))


# --- the manifest: one test per rule ---

MANIFEST_CASES = [
    ("  licence: CC0-1.0\n", "  licence: CC0-1.0\n  licentie: x\n", "datasets.yml:", "licentie: is geen instelling van een dataset"),
    ("  title: Snelheden op de Snelliuslaan per dag\n", "", "datasets.yml:4: title:", "ontbreekt"),
    ("period_start: 2021-03-01", "period_start: 2021-13-01", "period_start:", "'2021-13-01' is geen datum"),
    ("licence: CC-BY-4.0", "licence: CC-BY-9.9", "licence:", "'CC-BY-9.9' is geen licentie die deze website kent"),
    ("chart: line", "chart: taart", "chart:", "'taart' is geen soort grafiek"),
    ("file: druktemeter-uur.csv", "file: ../druktemeter-uur.csv", "file:", "is geen naam van een CSV-bestand"),
    ("period_end: 2021-05-30", "period_end: 2021-02-01", "period_end:", "ligt vóór period_start"),
    ("sensors: [HLV-SNE-001, HLV-SNE-002]", "sensors: [HLV-SNE-001, HLV-SNE-020]", "sensors:", "'HLV-SNE-020' is geen sensor in het register"),
    ("axis: datum", "axis: dag", "axis:", "'dag' is geen van de kolommen"),
    ("axis: uur", "axis: groest", "axis:", "bevat getallen"),
    ("{label: Uur, type: hour}", "{label: Uur, type: uurtje}", "type:", "'uurtje' is geen kolomtype"),
    ("{label: Maand, type: month}", "{type: month}", "label:", "ontbreekt bij kolom 'maand'"),
    ("{label: Maand, type: month}", "{label: Maand, type: month, eenheid: x}", "eenheid:", "is geen instelling van kolom 'maand'"),
    ("{label: Groest, type: whole_number, unit: telefoons per kwartier}", "{label: Groest, type: whole_number, decimals: 9}", "decimals:", "is geen geheel getal van 0 tot en met 4"),
    ("druktemeter-uur:\n", "Drukte Meter:\n", "id:", "'Drukte Meter' kan geen dataset-id zijn"),
    ("example: true\n  columns:\n    maand", "example: misschien\n  columns:\n    maand", "example:", "is geen ja of nee"),
]


@pytest.mark.parametrize(("old", "new", "where", "message"), MANIFEST_CASES)
def test_manifest_rules(folder, sensor_ids, old, new, where, message):
    replace(folder / "datasets.yml", old, new)
    catalogue, problems = load(folder, sensor_ids)
    assert catalogue is None
    assert any(where in p and message in p for p in messages(problems)), messages(problems)


def test_manifest_without_number_columns(folder, sensor_ids):
    replace(folder / "datasets.yml", "{label: Kerkstraat, type: whole_number", "{label: Kerkstraat, type: text")
    replace(folder / "datasets.yml", "{label: Groest, type: whole_number", "{label: Groest, type: text")
    _catalogue, problems = load(folder, sensor_ids)
    assert any("heeft geen kolom met getallen om te tonen" in p for p in messages(problems))


def test_manifest_yaml_aliases_are_refused(folder, sensor_ids):
    replace(folder / "datasets.yml", "licence: CC0-1.0\n  sensors: [HLV-DRK", "licence: &l CC0-1.0\n  sensors: [HLV-DRK")
    _catalogue, problems = load(folder, sensor_ids)
    assert any("gebruikt een anker" in p for p in messages(problems))


def test_manifest_must_be_a_mapping(folder, sensor_ids):
    (folder / "datasets.yml").write_text("- een\n- twee\n", encoding="utf-8")
    _catalogue, problems = load(folder, sensor_ids)
    assert any("moet per dataset-id de beschrijving geven" in p for p in messages(problems))


def test_stray_and_missing_files(folder, sensor_ids):
    (folder / "extra.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (folder / "druktemeter-uur.csv").unlink()
    _catalogue, problems = load(folder, sensor_ids)
    found = messages(problems)
    assert any("extra.csv: file: staat niet beschreven in datasets.yml" in p for p in found)
    assert any("druktemeter-uur.csv: file: bestaat niet" in p for p in found)


def test_csv_without_manifest(folder, sensor_ids):
    (folder / "datasets.yml").unlink()
    _catalogue, problems = load(folder, sensor_ids)
    assert any("datasets.yml: file: ontbreekt" in p for p in messages(problems))


def test_unknown_sensors_are_not_checked_without_a_register(folder):
    replace(folder / "datasets.yml", "HLV-SNE-002]", "HLV-SNE-099]")
    catalogue, problems = load_datasets(folder, folder.parents[1], None)
    assert problems == [] and catalogue is not None


# --- the CSV files: one test per rule; every problem names file, line and column ---

CSV_CASES = [
    ("druktemeter-uur.csv", "uur,kerkstraat,groest", "uur,kerkstraat,groest,extra", ":1: extra:", "is geen kolom die in datasets.yml beschreven staat"),
    ("druktemeter-uur.csv", "uur,kerkstraat,groest", "uur,kerkstraat,kerkstraat", ":1: kerkstraat:", "is een kolomnaam die twee keer voorkomt"),
    ("druktemeter-uur.csv", "uur,kerkstraat,groest", "uur,kerkstraat", ":1: groest:", "staat in datasets.yml, maar niet in het bestand"),
    ("druktemeter-uur.csv", "09:00,", "09:00,1,", ":2: row:", "heeft 4 waarden, de eerste regel heeft 3 kolommen"),
    ("druktemeter-uur.csv", "10:00,", "10:00,\"1,", ":3: row:", "wordt niet gesloten"),
    ("luchtkwaliteit-maand.csv", "2022-01,26.1", "2022-01,26.1x", ":2: no2:", "'26.1x' is geen getal"),
    ("druktemeter-uur.csv", "09:00,83", "09:00,83.5", ":2: kerkstraat:", "'83.5' is geen geheel getal"),
    ("druktemeter-uur.csv", "09:00,83", "09:00,1.083", ":2: kerkstraat:", "is geen geheel getal"),
    ("snelliuslaan-snelheden.csv", "2021-03-02,", "2021-02-30,", ":3: datum:", "'2021-02-30' is geen datum"),
    ("luchtkwaliteit-maand.csv", "2022-02,", "2022-13,", ":3: maand:", "'2022-13' is geen maand"),
    ("druktemeter-uur.csv", "09:00,", "24:00,", ":2: uur:", "'24:00' is geen uur van de dag"),
    ("druktemeter-uur.csv", "09:00,", ",", ":2: uur:", "is leeg"),
    ("druktemeter-uur.csv", "10:00,", "09:00,", ":3: uur:", "'09:00' staat er twee keer (ook op regel 2)"),
    ("snelliuslaan-snelheden.csv", "2021-05-30,", "2021-06-30,", ":57: datum:", "valt buiten de periode"),
    ("snelliuslaan-snelheden.csv", "2021-03-02,voor", "2021-03-02,", ":3: periode:", "is leeg"),
]


@pytest.mark.parametrize(("name", "old", "new", "where", "message"), CSV_CASES)
def test_csv_rules(folder, sensor_ids, name, old, new, where, message):
    replace(folder / name, old, new)
    catalogue, problems = load(folder, sensor_ids)
    assert catalogue is None
    assert any(f"data/metingen/{name}{where}" in p and message in p for p in messages(problems)), messages(problems)


def test_csv_with_only_a_header(folder, sensor_ids):
    (folder / "druktemeter-uur.csv").write_text("uur,kerkstraat,groest\n", encoding="utf-8")
    _catalogue, problems = load(folder, sensor_ids)
    assert any("druktemeter-uur.csv:2: file: heeft geen regels met metingen" in p for p in messages(problems))


def test_every_problem_of_every_file_at_once(folder, sensor_ids):
    replace(folder / "druktemeter-uur.csv", "09:00,83", "09:00,x")
    replace(folder / "luchtkwaliteit-maand.csv", "2022-01,26.1", "2022-01,y")
    replace(folder / "datasets.yml", "chart: line", "chart: taart")
    _catalogue, problems = load(folder, sensor_ids)
    found = " ".join(messages(problems))
    assert "'x' is geen geheel getal" in found and "'y' is geen getal" in found and "'taart'" in found


def test_values_are_read_as_text_first(folder, sensor_ids):
    """Semicolons, decimal commas, an empty measurement, and `NA` kept as text, not as missing."""
    path = folder / "snelliuslaan-snelheden.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    rows[1][3] = "32,5"  # decimal comma
    rows[2][2] = ""  # nothing measured
    rows[3][1] = "NA"
    path.write_text("\n".join(";".join(row) for row in rows) + "\n", encoding="utf-8")
    catalogue, problems = load(folder, sensor_ids)
    assert problems == []
    frame = catalogue.datasets["snelliuslaan-snelheden"].frame
    assert frame["gemiddelde"][0] == 32.5
    assert frame["v85"].isna()[1]
    assert frame["periode"][2] == "NA"


# --- the build: charts, escaping, reproducibility, open data ---


def chart_svgs(html):
    return re.findall(r'<svg class="chart__svg".*?</svg>', html, re.S)


def test_charts_are_byte_identical_across_builds(demo_site, demo_site_again):
    second = demo_site_again  # every chart drawn again
    pages = sorted((demo_site / "verhalen").rglob("index.html"))
    compared = 0
    for page in pages:
        first_svgs = chart_svgs(page.read_text(encoding="utf-8"))
        second_svgs = chart_svgs((second / page.relative_to(demo_site)).read_text(encoding="utf-8"))
        assert first_svgs == second_svgs, page
        compared += len(first_svgs)
    assert compared >= 4
    for preview in sorted((demo_site / "verhalen").rglob("voorbeeld.svg")):
        assert preview.read_bytes() == (second / preview.relative_to(demo_site)).read_bytes()
    for dataset_file in sorted((demo_site / "open-data").glob("*-*.*")):
        assert dataset_file.read_bytes() == (second / dataset_file.relative_to(demo_site)).read_bytes()


def test_charts_have_no_script_and_text_stays_text(demo_site):
    html = (demo_site / "verhalen" / "luchtkwaliteit" / "index.html").read_text(encoding="utf-8")
    (svg,) = chart_svgs(html)
    assert "<script" not in svg and "<style" not in svg and "<metadata" not in svg
    assert "<text" in svg and "<title id=" in svg and "<desc id=" in svg
    assert "Stikstofdioxide (NO2)" in svg  # the legend is real text


def test_every_dataset_is_open_data(demo_site):
    downloads = catalogue_downloads(demo_site)
    listed = set(downloads)
    for source in sorted(SOURCE.glob("*.csv")):
        dataset_id = source.stem
        assert f"/open-data/{dataset_id}.csv" in listed and f"/open-data/{dataset_id}.json" in listed
        with source.open(encoding="utf-8") as handle:
            source_rows = list(csv.DictReader(handle))
        published = (demo_site / "open-data" / f"{dataset_id}.csv").read_text(encoding="utf-8-sig")
        published_rows = list(csv.DictReader(published.splitlines()))
        assert len(published_rows) == len(source_rows)
        data = json.loads((demo_site / "open-data" / f"{dataset_id}.json").read_text(encoding="utf-8"))
        assert data["license"].startswith("https://creativecommons.org/")
        assert data["source"] and data["example_data"] is True
        assert len(data["rows"]) == len(source_rows)
        for name in source_rows[0]:
            column = next(c for c in data["columns"] if c["name"] == name)
            if column["type"] in ("number", "whole_number"):
                assert [float(r[name]) for r in published_rows] == pytest.approx(
                    sorted_by_axis([float(r[name]) for r in source_rows], source_rows, data["axis"]))
    dataset = downloads["/open-data/luchtkwaliteit-maand.csv"]["dataset"]
    assert dataset["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "voorbeeldgegevens" in dataset["dct:description"]["@value"]


def sorted_by_axis(values, rows, axis):
    return [value for _key, value in sorted(zip([r[axis] for r in rows], values, strict=True))]


def add_dataset_payload(project):
    """An attack in a dataset's title and source and in values of its text axis, and a story drawing on it (a
    project whose datasets were removed gets a folder of this one)."""
    folder = project / "data" / "metingen"
    folder.mkdir(exist_ok=True)
    (folder / "aanval.csv").write_text(
        f'categorie,aantal\n"{PAYLOAD}",3\n"a & b ${{x}} `c` \\d",5\n', encoding="utf-8")
    manifest = (folder / "datasets.yml").read_text(encoding="utf-8") if (folder / "datasets.yml").exists() else ""
    manifest += (
        "\naanval:\n"
        f"  title: '{PAYLOAD}'\n"
        "  description: Een test.\n"
        "  file: aanval.csv\n  axis: categorie\n  period_start: 2024-01-01\n  period_end: 2024-01-31\n"
        f"  source: '{PAYLOAD}'\n  licence: CC0-1.0\n  example: true\n"
        "  columns:\n    categorie: {label: Categorie, type: text}\n    aantal: {label: Aantal, type: whole_number}\n"
    )
    (folder / "datasets.yml").write_text(manifest, encoding="utf-8")
    story = project / "content" / "verhalen" / "aanval.md"
    story.write_text(
        "Title: Aanval\nDate: 2024-02-01\nSlug: aanval\nSummary: Test.\n\n"
        "[[grafiek dataset=aanval]]\n\n[[kerncijfer dataset=aanval kolom=aantal bewerking=som]]\n\n"
        "[[kaarten datasets=aanval]]\n", encoding="utf-8")


@pytest.fixture(scope="module")
def payload_site(payload_demo):  # noqa: F811
    """`add_dataset_payload`, built with other tests' payloads (payload_demo)."""
    return payload_demo[1]


def test_dataset_values_are_escaped(payload_site, page):
    from conftest import serve

    with serve(payload_site) as url:
        page.goto(f"{url}/verhalen/aanval/")
        chart = page.locator("figure.chart")
        assert PAYLOAD in chart.locator(".chart__title").inner_text()
        assert PAYLOAD in chart.locator("tbody th").first.text_content()
        assert PAYLOAD in page.locator("svg.chart__svg title").text_content()
        assert PAYLOAD in page.locator("svg.chart__svg").text_content()  # a tick label, as text
        assert page.locator("img[src='x']").count() == 0
        assert page.locator(".key-figure__number").inner_text() == "8"
        assert PAYLOAD in page.locator(".story-cards").inner_text()
    assert page.guard.dialogs == []
    data = json.loads((payload_site / "open-data" / "aanval.json").read_text(encoding="utf-8"))
    assert data["title"] == PAYLOAD and data["rows"][0]["categorie"] in (PAYLOAD, "a & b ${x} `c` \\d")


def test_a_broken_dataset_stops_the_build_and_make_check(project_copy_factory, tmp_path):
    project = project_copy_factory()
    replace(project / "data" / "metingen" / "druktemeter-uur.csv", "09:00,83", "09:00,veel")
    result = run_build(project, tmp_path / "out", check=False)
    assert result.returncode != 0
    assert "data/metingen/druktemeter-uur.csv:2: kerkstraat: 'veel' is geen geheel getal" in result.stderr
    assert not (tmp_path / "out" / "verhalen" / "druktemeter" / "index.html").exists()
    from conftest import check_content

    check = check_content(project, project / "pelicanconf.py")
    assert check.returncode == 1
    assert "data/metingen/druktemeter-uur.csv:2: kerkstraat: 'veel' is geen geheel getal" in check.stdout


def test_charts_for_sensor(tmp_path):
    """The interface sensor pages use: a dataset per sensor, a chart per unit, links to the downloads."""
    import measurements

    records = demo_records()
    charts = measurements.Charts(plain_build(SETTINGS, tmp_path), records.measurements)
    found = charts.charts_for_sensor("HLV-SNE-001")
    expected = [d.id for d in records.measurements.datasets.values() if "HLV-SNE-001" in d.sensors]
    assert [entry["dataset"].id for entry in found] == expected and expected
    units = {c.unit for c in found[0]["dataset"].numeric_columns}
    assert len(found[0]["charts"]) == len(units)
    assert all("<svg" in chart and "<table" in chart for chart in found[0]["charts"])
    assert found[0]["csv_url"] == f"open-data/{expected[0]}.csv"
    assert charts.charts_for_sensor("HLV-CAM-001") == []
