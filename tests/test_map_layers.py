# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Map layers (data/layers) and the maps that show them: validation, exports, pages, browser."""

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import (
    ROOT,
    SETTINGS,
    axe_violations,
    catalogue_downloads,
    demo_records,
    first_language_only,
    html_pages,
    plain_build,
    run_build,
    serve,
)
from extended_demo import payload_demo  # noqa: F401 (a fixture)
from map_layers import layer_csv, load_layers
from playwright.sync_api import expect
from pyproj import Transformer
from sensor_fixtures import remove_stories

BBOX = SETTINGS["MUNICIPALITY_BBOX"]
THEMES = {"energy": "Energie", "parking": "Parkeren"}
PAYLOAD = "<img src=x onerror=alert(1)></script><script>alert(2)</script>${alert(3)} ` C:\\users"


def layer_entry(**changes):
    entry = {
        "id": "laadpalen",
        "title": "Laadpalen",
        "description": "Voorbeeld",
        "source": "Gemeente",
        "licence": "CC0-1.0",
        "date": "2025-01-01",
        "geometry": "points",
        "style": '{colour: "#1565c0", radius: 6}',
        "popup": "{straat: Straat}",
        "theme": "energy",
        "file": "laadpalen.csv",
    }
    entry.update(changes)
    return {key: value for key, value in entry.items() if value is not None}


def manifest(*entries):
    lines = ["layers:"]
    for entry in entries:
        for number, (key, value) in enumerate(entry.items()):
            lines.append(f"{'  - ' if number == 0 else '    '}{key}: {value}")
    return "\n".join(lines) + "\n"


POINTS_CSV = "straat,latitude,longitude\nKerkstraat,52.2257,5.1754\nEmmastraat,52.2227,5.1829\n"


def layers_dir(tmp_path, manifest_text, files):
    data = tmp_path / "data"
    folder = data / "layers"
    folder.mkdir(parents=True)
    (folder / "lagen.yml").write_text(manifest_text, encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return data


def load(tmp_path, manifest_text, files):
    data = layers_dir(tmp_path, manifest_text, files)
    return load_layers(data, BBOX, root=tmp_path, themes=THEMES)


def messages(problems):
    return [str(p) for p in problems]


def point_collection(*positions, properties=None):
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": dict(properties or {"naam": "x"}),
                 "geometry": {"type": "Point", "coordinates": list(position)}}
                for position in positions
            ],
        },
        indent=1,
    )  # fmt: skip


# --- reading and validation ---


def test_the_demo_layers_are_valid_and_complete():
    layers, problems = load_layers(ROOT / "data", BBOX, root=ROOT, themes=None)
    assert problems == []
    folder = ROOT / "data" / "layers"
    for layer in layers:
        path = folder / layer.file
        if path.suffix == ".csv":
            expected = len(list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")), delimiter=layer_delimiter(path))))
        else:
            expected = len(json.loads(path.read_text(encoding="utf-8"))["features"])
        assert len(layer.features) == expected, layer.id
        assert layer.example_data and "Voorbeeld" in layer.description
    ids = {layer.id for layer in layers}
    assert {"laadpalen", "parkeergebieden", "kunstwerken", "beschermde-bomen", "wijken", "buurten",
            "struikelstenen"} <= ids  # fmt: skip
    suffixes = {(folder / layer.file).suffix for layer in layers}
    assert suffixes == {".csv", ".geojson"}


def layer_delimiter(path):
    return ";" if ";" in path.read_text(encoding="utf-8").splitlines()[0] else ","


def test_rd_new_coordinates_become_wgs84(tmp_path):
    to_rd = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
    x, y = to_rd.transform(5.1754, 52.2257)
    rd_csv = f"straat;x_rd;y_rd\nKerkstraat;{x:.2f};{y:.2f}\n".replace(".", ",")
    layers, problems = load(tmp_path, manifest(layer_entry(file="rd.csv")), {"rd.csv": rd_csv})
    assert problems == []
    longitude, latitude = layers[0].features[0]["geometry"]["coordinates"]
    assert latitude == pytest.approx(52.2257, abs=1e-5) and longitude == pytest.approx(5.1754, abs=1e-5)


def test_a_bad_or_outside_coordinate_in_a_csv_names_its_line(tmp_path):
    bad = POINTS_CSV + "Groest,52.2x,5.17\nVer weg,51.9,4.4\n"
    _layers, problems = load(tmp_path, manifest(layer_entry()), {"laadpalen.csv": bad})
    assert messages(problems) == [
        "data/layers/laadpalen.csv:4: latitude: '52.2x' is geen getal (bijvoorbeeld 52.2231)",
        "data/layers/laadpalen.csv:5: latitude: 51.90000, 4.40000 ligt buiten de gemeente (controleer de getallen)",
    ]


def test_geojson_outside_the_municipality_or_swapped_names_the_feature_and_line(tmp_path):
    text = point_collection([5.17, 52.22], [52.22, 5.17], [4.9, 52.37])
    entry = layer_entry(file="punten.geojson", popup="{naam: Naam}")
    _layers, problems = load(tmp_path, manifest(entry), {"punten.geojson": text})
    # a feature starts on the line of its "{", the line before its "type"
    lines = [index for index, line in enumerate(text.splitlines()) if '"type": "Feature"' in line]
    assert [(p.line, p.field) for p in problems] == [(lines[1], "features[1]"), (lines[2], "features[2]")]
    assert "omgewisseld" in str(problems[0]) and "ligt buiten de gemeente" in str(problems[1])


def test_wrong_geometry_kind_is_refused(tmp_path):
    polygon = {"type": "Polygon", "coordinates": [[[5.17, 52.22], [5.18, 52.22], [5.18, 52.23], [5.17, 52.22]]]}
    text = json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"naam": "a"}, "geometry": polygon}]})  # fmt: skip
    _layers, problems = load(tmp_path, manifest(layer_entry(file="v.geojson", popup="{naam: Naam}")), {"v.geojson": text})
    assert messages(problems) == [
        "data/layers/v.geojson:1: features[0]: is een Polygon, maar in lagen.yml staat geometry: points "
        "(deze laag neemt Point, MultiPoint; pas het bestand aan of de geometry in lagen.yml)"
    ]
    entry = layer_entry(geometry="polygons", style="{colour: '#123456', fill_opacity: 0.2}")
    _layers, problems = load(tmp_path / "b", manifest(entry), {"laadpalen.csv": POINTS_CSV})
    assert "een CSV-bestand bevat punten" in messages(problems)[0]


def test_an_unknown_popup_field_gets_a_did_you_mean(tmp_path):
    _layers, problems = load(tmp_path, manifest(layer_entry(popup="{straaat: Straat}")), {"laadpalen.csv": POINTS_CSV})
    assert messages(problems) == [
        "data/layers/lagen.yml:10: popup.straaat: is bij geen enkel object een eigenschap (bedoelt u 'straat'?)"
    ]


def test_a_missing_file_an_unknown_key_and_a_missing_key_are_all_reported(tmp_path):
    entry = layer_entry(file="laadpaalen.csv", titel="Laadpalen", licence=None)
    _layers, problems = load(tmp_path, manifest(entry), {"laadpalen.csv": POINTS_CSV})
    found = messages(problems)
    assert "data/layers/lagen.yml:11: file: laadpaalen.csv bestaat niet in data/layers (bedoelt u 'laadpalen.csv'?)" in found
    assert "data/layers/lagen.yml:12: titel: is geen instelling van een laag (bedoelt u 'title'?)" in found
    assert "data/layers/lagen.yml:2: licence: ontbreekt (voeg 'licence: CC0-1.0' toe)" in found
    assert "data/layers/laadpalen.csv: file: staat niet in lagen.yml (voeg er een laag voor toe in lagen.yml, of verwijder het bestand)" in found


def test_duplicate_ids_bad_style_and_unknown_theme(tmp_path):
    second = layer_entry(style="{colour: blue, radius: 60}", theme="energie")
    _layers, problems = load(tmp_path, manifest(layer_entry(), second), {"laadpalen.csv": POINTS_CSV})
    found = messages(problems)
    assert "data/layers/lagen.yml:13: id: 'laadpalen' wordt twee keer gebruikt (ook op regel 2; elke laag heeft een eigen id nodig)" in found
    assert any("style.colour: 'blue' is geen kleur" in m for m in found)
    assert any("style.radius: '60' is geen getal van 2 tot en met 20" in m for m in found)
    assert any("theme: 'energie' is niet toegestaan (bedoelt u 'energy'?)" in m for m in found)


def test_yaml_aliases_are_refused(tmp_path):
    text = manifest(layer_entry(title="&naam Laadpalen", description="*naam"))
    layers, problems = load(tmp_path, text, {"laadpalen.csv": POINTS_CSV})
    assert layers == []
    assert len(problems) == 1 and re.search("anker|verwijzing", str(problems[0]))


def test_symbolic_links_are_refused(tmp_path):
    outside = tmp_path / "elders.csv"
    outside.write_text(POINTS_CSV, encoding="utf-8")
    data = layers_dir(tmp_path, manifest(layer_entry()), {})
    (data / "layers" / "laadpalen.csv").symlink_to(outside)
    _layers, problems = load_layers(data, BBOX, root=tmp_path, themes=THEMES)
    assert messages(problems) == [
        "data/layers/lagen.yml:12: file: laadpalen.csv is een snelkoppeling, geen echt bestand (zet het bestand zelf in data/layers)"
    ]


def test_broken_json_and_short_csv_rows_name_their_lines(tmp_path):
    broken = '{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature",,}\n]}'
    entries = [layer_entry(), layer_entry(id="kapot", file="kapot.geojson")]
    short = POINTS_CSV + "Groest,52.22\n"
    _layers, problems = load(tmp_path, manifest(*entries), {"laadpalen.csv": short, "kapot.geojson": broken})
    found = messages(problems)
    assert any(m.startswith("data/layers/laadpalen.csv:4: row: heeft 2 waarden, de eerste regel heeft 3 kolommen") for m in found)
    assert any(m.startswith("data/layers/kapot.geojson:3: file: is geen geldige JSON") for m in found)


def test_area_sensors_are_drawn_as_their_neighbourhood_polygons():
    wijken = json.loads((ROOT / "data" / "layers" / "wijken.geojson").read_text(encoding="utf-8"))
    polygons = {f["properties"]["code"]: f["geometry"] for f in wijken["features"]}
    register = demo_records().register
    area_sensors = [s for s in register.sensors if s.is_mobile_or_area and s.area]
    assert area_sensors, "the demo has sensors measuring in an area"
    for sensor in area_sensors:
        geometry = register.geometry(sensor)
        drawn = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        expected = []
        for code in sensor.area:
            if code == "municipality_wide":
                expected += [polygons[c]["coordinates"] for c in polygons]
            else:
                expected.append(polygons[code]["coordinates"])
        assert drawn == expected, sensor.sensor_id


def test_layer_csv_is_spreadsheet_safe(tmp_path):
    formula = '=HYPERLINK("http://evil")'
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["straat", "latitude", "longitude"], [formula, "52.2257", "5.1754"]])
    text = buffer.getvalue()
    layers, problems = load(tmp_path, manifest(layer_entry()), {"laadpalen.csv": text})
    assert problems == []
    rows = list(csv.DictReader(io.StringIO(layer_csv(layers[0]).lstrip("\ufeff"))))
    assert rows == [{"straat": "'" + formula, "latitude": "52.2257", "longitude": "5.1754"}]


# --- the build ---


def test_a_layer_mistake_fails_the_build_and_make_check_reports_it(project_copy_factory, tmp_path):
    project = project_copy_factory()
    path = project / "data" / "layers" / "kunstwerken.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("52.2263", "53.2263"), encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "53.2263" in text)
    expected = f"data/layers/kunstwerken.csv:{line}: latitude: 53.22630"
    output = tmp_path / "output"
    result = run_build(project, output, check=False)
    assert result.returncode != 0
    assert expected in result.stderr
    assert not (output / "kaart").exists()
    from conftest import check_content

    check = check_content(project)
    assert check.returncode == 1 and expected in check.stdout


def test_every_layer_is_published_as_open_data_and_in_the_catalogue(demo_site):
    layers, _problems = load_layers(ROOT / "data", BBOX, root=ROOT)
    downloads = catalogue_downloads(demo_site)
    urls = set(downloads)
    for layer in layers:
        geojson = json.loads((demo_site / "open-data" / f"{layer.id}.geojson").read_text(encoding="utf-8"))
        assert len(geojson["features"]) == len(layer.features)
        assert geojson["metadata"]["licence"] == layer.licence
        rows = list(csv.reader(io.StringIO((demo_site / "open-data" / f"{layer.id}.csv").read_text(encoding="utf-8"))))
        assert len(rows) == len(layer.features) + 1
        assert {f"/open-data/{layer.id}.geojson", f"/open-data/{layer.id}.csv"} <= urls
        dataset = downloads[f"/open-data/{layer.id}.csv"]["dataset"]
        assert dataset["dct:title"]["@value"] == layer.title
        if layer.licence == "CC-BY-4.0":  # the layer's own licence, not the site's default
            assert dataset["dct:license"]["@id"].endswith("/licenses/by/4.0/")
        assert (demo_site / "kaart" / layer.id / "index.html").exists()


SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


def test_no_page_has_an_inline_script(demo_site):
    for page in html_pages(demo_site):
        for attributes in SCRIPT_TAG.findall(page.read_text(encoding="utf-8")):
            assert "src=" in attributes or 'type="application/json"' in attributes, f"{page}: <script{attributes}>"
    assert "'unsafe-inline'" not in SETTINGS["CONTENT_SECURITY_POLICY"].split("script-src")[1].split(";")[0]


def test_the_maps_first_file_has_every_sensor_of_the_geojson(demo_site):
    """/kaart/ draws from the compact rows, embedded maps from the GeoJSON: the same sensors."""
    features = json.loads((demo_site / "kaart" / "sensoren.geojson").read_text(encoding="utf-8"))["features"]
    compact = json.loads((demo_site / "kaart" / "sensoren-punten.json").read_text(encoding="utf-8"))
    keys = compact["fields"]
    points = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": row[:2]},
               "properties": dict(zip(keys[2:], row[2:], strict=True))} for row in compact["points"]]  # fmt: skip
    assert keys[:2] == ["lng", "lat"] and compact["areas"]
    assert sorted(points + compact["areas"], key=lambda f: f["properties"]["id"]) == \
        sorted(features, key=lambda f: f["properties"]["id"])  # fmt: skip
    head = (demo_site / "kaart" / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert '<link rel="preload" href="/kaart/sensoren-punten.json" as="fetch"' in head


def test_sensor_pages_share_one_map_script(demo_site):
    """At 10,000 sensors there must not be 10,000 scripts: every sensor page loads the same ones."""
    sensor_pages = [demo_site / "sensoren" / s.sensor_id / "index.html" for s in demo_records().register.sensors]
    sources = [frozenset(re.findall(r'<script[^>]* src="([^"]+)"', p.read_text(encoding="utf-8"))) for p in sensor_pages]
    assert len(set(sources)) == 1
    assert "/kaart/js/locatiekaart.js" in sources[0]
    assert (demo_site / "kaart" / "js" / "locatiekaart.js").exists()


def test_map_scripts_are_reproducible(demo_site, demo_site_again):
    output = demo_site_again  # every map rendered again
    for path in sorted((demo_site / "kaart").rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (output / path.relative_to(demo_site)).read_bytes(), path


# --- embed_map ---


@pytest.fixture
def embed_generator(demo_site, tmp_path):
    """A plain build (no Pelican) with the demo's layers and register, writing into a copy of the demo site."""
    output = tmp_path / "site"
    shutil.copytree(demo_site, output)
    return plain_build(SETTINGS, output)


def test_embed_map_refuses_unknown_ids(embed_generator):
    from maps import embed_map

    for options in ({"layers": ["laadpaal"]}, {"sensors": {"ids": ["GEEN"]}}, {"sensors": {"type": ["x"]}},
                    {"sensors": {"themes": ["lucht"]}}, {"sensors": "all"}):  # fmt: skip
        with pytest.raises(ValueError):
            embed_map(embed_generator, **options)


def test_embed_map_draws_layers_and_filtered_sensors(embed_generator, page):
    from maps import embed_map

    features = json.loads((Path(embed_generator.output_path) / "kaart" / "sensoren.geojson").read_text())["features"]
    climate = [f for f in features if f["properties"]["t"] == "climate"]
    assert climate
    html = embed_map(embed_generator, layers=["wijken"], sensors={"sensor_type": ["climate"]}, title="Klimaat")
    head = embed_generator.get_template("map_head").render(embed_generator.context)
    wrapper = f'<!doctype html><html lang="nl"><head><title>t</title>{head}</head><body><main><h1>t</h1>{html}</main></body></html>'
    (Path(embed_generator.output_path) / "embed.html").write_text(wrapper, encoding="utf-8")
    scripts = SCRIPT_TAG.findall(str(html))
    assert scripts and all("src=" in a or "application/json" in a for a in scripts)
    wijken = len(json.loads((ROOT / "data" / "layers" / "wijken.geojson").read_text())["features"])
    with serve(embed_generator.output_path) as url:
        page.goto(url + "/embed.html")
        expect(page.locator("path.map-layer--wijken")).to_have_count(wijken)
        page.locator("summary").click()
        expect(page.locator("main details li")).to_have_count(len(climate))
        expect(page.get_by_role("region", name="Klimaat")).to_have_count(1)


# --- in the browser ---


def test_the_layer_control_switches_layers(demo_site, demo_url, page):
    def features(layer_id):
        return len(json.loads((demo_site / "open-data" / f"{layer_id}.geojson").read_text())["features"])

    sensors = len(json.loads((demo_site / "open-data" / "sensoren.json").read_text(encoding="utf-8"))["sensors"])
    page.goto(demo_url + "/kaart/")
    page.get_by_text(f"{sensors} sensoren op de kaart").wait_for()
    markers = page.locator(".layer-marker--laadpalen")
    assert markers.count() == 0
    page.get_by_label("Laadpalen").check()
    expect(markers).to_have_count(features("laadpalen"))
    expect(page.locator("#kaart-lagen-status")).to_have_text(f"Laadpalen: {features('laadpalen')} op de kaart")
    page.get_by_label("Wijken").check()
    expect(page.locator("path.map-layer--wijken")).to_have_count(features("wijken"))
    page.get_by_label("Laadpalen").uncheck()
    expect(markers).to_have_count(0)
    page.get_by_label("Sensoren", exact=True).uncheck()
    expect(page.locator("#kaart-status")).to_have_text("0 sensoren op de kaart")
    assert page.locator(".sensor-marker, .marker-cluster").count() == 0
    assert axe_violations(page) == []


def test_a_layer_page_has_map_table_and_source(demo_site, demo_url, page):
    layer = json.loads((demo_site / "open-data" / "beschermde-bomen.geojson").read_text(encoding="utf-8"))
    page.goto(demo_url + "/kaart/beschermde-bomen/")
    expect(page.locator(".layer-marker--beschermde-bomen")).to_have_count(len(layer["features"]))
    assert page.locator("#laag-tabel tbody tr").count() == len(layer["features"])
    assert layer["metadata"]["source"] in page.locator("main").inner_text()
    assert "Voorbeeldgegevens" in page.locator("main").inner_text()
    marker = page.locator(".layer-marker--beschermde-bomen").first
    marker.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert marker.get_attribute("title") in popup.inner_text()
    assert axe_violations(page) == []


def add_layer_payload(project):
    """The layers replaced by one, "xss", of two points with the payload in their fields (the stories go too)."""
    folder = project / "data" / "layers"
    shutil.rmtree(folder)
    folder.mkdir()
    remove_stories(project)
    (folder / "punten.geojson").write_text(
        point_collection([5.15, 52.24], [5.20, 52.21], properties={"naam": PAYLOAD, "uitleg": PAYLOAD}), encoding="utf-8"
    )
    entry = layer_entry(id="xss", file="punten.geojson", popup="{naam: Naam, uitleg: Uitleg}")
    (folder / "lagen.yml").write_text(manifest(entry), encoding="utf-8")


@pytest.fixture(scope="module")
def payload_layer_site(payload_demo):  # noqa: F811
    """`add_layer_payload`, built with other tests' payloads (payload_demo)."""
    return payload_demo[1]


def test_layer_values_are_shown_as_text(payload_layer_site, page):
    with serve(payload_layer_site) as url:
        for index in range(2):  # each marker on a freshly loaded page: no popup left open over the other
            page.goto(url + "/kaart/xss/")
            markers = page.locator(".layer-marker--xss")
            expect(markers).to_have_count(2)
            markers.nth(index).hover()
            assert PAYLOAD in page.locator(".leaflet-tooltip").last.inner_text()
            markers.nth(index).click()
            popup = page.locator(".leaflet-popup-content")
            expect(popup).to_have_count(1)
            assert popup.inner_text().count(PAYLOAD) == 2
        assert page.locator("#laag-tabel").inner_text().count(PAYLOAD) == 4
        page.goto(url + "/kaart/")
        page.get_by_label("Laadpalen").check()
        expect(page.locator(".layer-marker--xss")).to_have_count(2)
    assert page.guard.dialogs == []


def test_a_large_layer_keeps_its_page_small_and_lists_every_object_in_the_downloads(project_copy_factory, tmp_path):
    from maps import LAYER_TABLE_ROWS

    project = project_copy_factory()
    folder = project / "data" / "layers"
    shutil.rmtree(folder)
    folder.mkdir()
    remove_stories(project)
    count = LAYER_TABLE_ROWS * 10
    positions = [[5.11 + 0.12 * (i % 100) / 100, 52.18 + 0.08 * (i // 100) / (count // 100)] for i in range(count)]
    (folder / "punten.geojson").write_text(point_collection(*positions), encoding="utf-8")
    (folder / "lagen.yml").write_text(manifest(layer_entry(id="veel", file="punten.geojson", popup="{naam: Naam}")),
                                      encoding="utf-8")  # fmt: skip
    output = tmp_path / "output"
    run_build(project, output, adjust=first_language_only)  # a Dutch page and the open data are read
    page = (output / "kaart/veel/index.html").read_text(encoding="utf-8")
    table = page[page.index('id="laag-tabel"'):page.index("</table>")]
    assert table.count("<tr>") == LAYER_TABLE_ROWS + 1  # the header and the rows shown
    assert f"de eerste {LAYER_TABLE_ROWS} van de {count} objecten" in page
    assert len(page.encode()) < 300 * 1024  # the README's page-size target
    assert len(json.loads((output / "open-data/veel.geojson").read_text(encoding="utf-8"))["features"]) == count
