# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The sensor register as residents and reusers meet it: pages, map, exports, mistakes."""

import csv
import io
import json

import pytest
from conftest import (
    ROOT,
    SETTINGS,
    axe_violations,
    check_content,
    demo_records,
    guarded_page,
    run_build,
    serve,
)
from extended_demo import extended_demo, payload_demo  # noqa: F401 (fixtures)
from playwright.sync_api import expect
from publication_safety.check_output import check_output
from sensor_fixtures import BBOX, csv_text, data_dir, replace_register, row
from sensor_register import exports, load_register

PAYLOAD = "<img src=x onerror=alert(1)></script><script>alert(2)</script>${alert(3)} ` C:\\users"
URL_PAYLOAD = 'https://example.org/p?x="><script>alert(4)</script>'
EMAIL_PAYLOAD = '"><svg/onload=alert(5)>@example.org'


def payload_rows():
    """Three sensors far apart (no clustering) and one area sensor, payload in every shown field."""
    text_fields = [
        "summary",
        "measures",
        "purpose",
        "owner_organisation",
        "department",
        "supplier",
        "location_description",
        "unit",
        "project",
        "notes",
        "algorithm_register_id",
    ]
    rows = []
    places = [(52.2400, 5.1300), (52.2100, 5.1700), (52.2450, 5.2200)]
    for number, (lat, lon) in enumerate(places, 1):
        values = row(
            sensor_id=f"XSS-{number}",
            name=f"{number} {PAYLOAD}",
            latitude=str(lat),
            longitude=str(lon),
            sensor_type="other",
            sensor_type_other=PAYLOAD,
            processes_personal_data="yes",
            legal_basis="public_task",
            privacy_statement_url=URL_PAYLOAD,
            dpia_url=URL_PAYLOAD,
            contact_email=EMAIL_PAYLOAD,
            area="",
        )
        values.update({field: PAYLOAD for field in text_fields})
        rows.append(values)
    area = dict(
        rows[0],
        sensor_id="XSS-AREA",
        name=f"4 {PAYLOAD}",
        location_type="area",
        area="centrum",
        latitude="",
        longitude="",
    )
    return rows + [area]


def add_register_payload(project):
    """The register replaced by `payload_rows` (the demo's dossiers, measurements, reports and stories go too)."""
    replace_register(project, csv_text(payload_rows(), delimiter=";"), "payload.csv")


@pytest.fixture(scope="module")
def payload_site(payload_demo):  # noqa: F811
    """`add_register_payload`, built with other tests' payloads (payload_demo)."""
    return payload_demo[1]


@pytest.fixture(scope="module")
def payload_url(payload_site):
    with serve(payload_site) as url:
        yield url


def sensor_ids_in_the_data():
    """Every sensor_id in the demo register files, read with the csv module alone."""
    ids = set()
    for path in (ROOT / "data" / "sensors").glob("*.csv"):
        text = path.read_text(encoding="utf-8-sig")
        header = text.splitlines()[0]
        delimiter = ";" if header.count(";") > header.count(",") else ","
        ids |= {r["sensor_id"] for r in csv.DictReader(io.StringIO(text), delimiter=delimiter) if r["sensor_id"]}
    assert ids
    return ids


def exported_sensors(site):
    return json.loads((site / "open-data" / "sensoren.json").read_text(encoding="utf-8"))["sensors"]


def in_dutch_order(page, values):
    """Whether values are in the order a Dutch reader expects (numbers by value, case and accents ignored)."""
    collate = "(v) => { const c = new Intl.Collator('nl', {numeric: true, sensitivity: 'base'});"
    return page.evaluate(collate + " return v.every((x, i) => i === 0 || c.compare(v[i - 1], x) <= 0); }", values)


# --- mistakes stop the build ---


def test_a_mistake_in_a_csv_fails_the_build_and_writes_nothing(project_copy_factory, tmp_path):
    project = project_copy_factory()
    (project / "data" / "sensors" / "kapot.csv").write_text(
        csv_text([row(sensor_id="K-1", status="actief-ish"), row(sensor_id="K-2", latitude="52,2x")]), encoding="utf-8"
    )
    output = tmp_path / "output"
    result = run_build(project, output, check=False)
    messages = result.stdout + result.stderr
    assert result.returncode != 0
    assert "data/sensors/kapot.csv:2: status: 'actief-ish' is geen bekende code" in messages
    assert "data/sensors/kapot.csv:3: latitude: '52,2x' is geen getal (bijvoorbeeld 52.2231)" in messages
    assert not (output / "index.html").exists() and not (output / "sensoren").exists()


def test_make_check_reports_the_same_problems_without_building(project_copy_factory):
    project = project_copy_factory()
    (project / "data" / "sensors" / "kapot.csv").write_text(
        csv_text([row(contact_email="geen-adres")]), encoding="utf-8"
    )
    result = check_content(project)
    assert result.returncode == 1
    assert "data/sensors/kapot.csv:2: contact_email: 'geen-adres' is geen e-mailadres" in result.stdout
    assert not (project / "output").exists()


# --- open data ---


def test_exports_carry_every_sensor_under_stable_names(demo_site):
    register, problems = load_register(ROOT / "data", BBOX, root=ROOT)
    assert problems == []
    count = len(register.sensors)
    assert {s.sensor_id for s in register.sensors} == sensor_ids_in_the_data()

    rows = list(csv.DictReader(io.StringIO((demo_site / "open-data" / "sensoren.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == count and list(rows[0]) == list(exports.EXPORT_FIELDS)
    data = json.loads((demo_site / "open-data" / "sensoren.json").read_text(encoding="utf-8"))
    assert len(data["sensors"]) == count and data["example_data"] is True
    geojson = json.loads((demo_site / "open-data" / "sensoren.geojson").read_text(encoding="utf-8"))
    assert len(geojson["features"]) == count
    assert {"sensor_id", "name"} <= set(geojson["features"][0]["properties"])
    catalogue = json.loads((demo_site / "open-data" / "catalogus.json").read_text(encoding="utf-8"))
    downloads = {f["dcat:downloadURL"]["@id"] for d in catalogue["dcat:dataset"] for f in d["dcat:distribution"]}
    assert downloads >= {
        "/open-data/sensoren.csv",
        "/open-data/sensoren.geojson",
    }


def test_csv_export_neutralises_spreadsheet_formulas(tmp_path):
    formulas = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)"]
    sensors_rows = [row(sensor_id=f"F-{i}", name=value, notes=value) for i, value in enumerate(formulas)]
    data = data_dir(tmp_path, {"a.csv": csv_text(sensors_rows)})
    register, problems = load_register(data, BBOX, root=data.parent)
    assert problems == []
    exported = list(csv.DictReader(io.StringIO(exports.to_csv(register.sensors).lstrip("\ufeff"))))
    assert sorted(r["name"] for r in exported) == sorted("'" + value for value in formulas)
    assert all(r["notes"].startswith("'") for r in exported)


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_csv_export_guards_formulas_that_a_spreadsheet_splits_off(tmp_path, separator):
    """Dutch Excel opens .csv on ';': 'Tekst;=1+1' would become a cell starting with '='."""
    hidden = ["Tekst;=1+1", "a, +cmd|' /C calc'!A0", "regel\n@SUM(A1)", "x\t-2+3", "gewoon; tekst"]
    sensors_rows = [row(sensor_id=f"H-{i}", notes=value) for i, value in enumerate(hidden)]
    data = data_dir(tmp_path, {"a.csv": csv_text(sensors_rows)})
    register, problems = load_register(data, BBOX, root=data.parent)
    assert problems == []
    text = exports.to_csv(register.sensors).lstrip("\ufeff")
    cells = [cell.strip() for line in csv.reader(io.StringIO(text), delimiter=separator) for cell in line]
    dangerous = [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    assert dangerous == [], dangerous
    notes = [r["notes"] for r in csv.DictReader(io.StringIO(text))]
    assert "gewoon; tekst" in notes  # text without a formula start is left as it is


# --- pages in Chromium ---


def test_payload_shows_literally_on_register_sensor_and_map_pages(payload_site, payload_url, page):
    page.goto(payload_url + "/sensoren/")
    assert page.locator("#register-tabel tbody tr").count() == 4
    assert page.get_by_role("link", name=f"1 {PAYLOAD}").is_visible()
    for sensor_id in ("XSS-1", "XSS-2", "XSS-3", "XSS-AREA"):
        page.goto(f"{payload_url}/sensoren/{sensor_id}/")
        assert PAYLOAD in page.locator("h1").inner_text()
        assert page.locator("main").inner_text().count(PAYLOAD) >= 8
        # The privacy statement and the DPIA in the facts, and the statement again under "Uw rechten".
        assert page.locator("main a[href^='https://example.org/p?x=']").count() == 3
    assert page.guard.dialogs == []


def test_map_popups_and_tooltips_show_the_payload_as_text(payload_url, page):
    # Each marker on a freshly loaded map, so no popup has to be closed first (closing one timed out on a
    # busy machine, as the layer markers' did).
    for index in range(3):
        page.goto(payload_url + "/kaart/")
        page.get_by_text("4 sensoren op de kaart").wait_for()
        markers = page.locator(".sensor-marker")
        assert markers.count() == 3
        marker = markers.nth(index)
        marker.hover()
        assert PAYLOAD in page.locator(".leaflet-tooltip").last.inner_text()
        marker.click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        assert PAYLOAD in popup.inner_text()
    area = page.locator("path.leaflet-interactive")
    assert area.count() == 1
    page.locator("details#kaart-lijst-box summary").click()
    expect(page.locator("#kaart-lijst li")).to_have_count(4)
    assert PAYLOAD in page.locator("#kaart-lijst").inner_text()
    assert page.guard.dialogs == []


def test_map_markers_open_with_the_keyboard(payload_url, page):
    page.goto(payload_url + "/kaart/")
    page.get_by_text("4 sensoren op de kaart").wait_for()
    marker = page.locator(".sensor-marker").first
    marker.focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup-content").wait_for()
    number = marker.get_attribute("title").split()[0]
    assert page.locator(".leaflet-popup-content a").get_attribute("href").endswith(f"/sensoren/XSS-{number}/")


def test_demo_map_shows_every_sensor(demo_site, demo_url, page):
    expected = len(json.loads((demo_site / "kaart" / "sensoren.geojson").read_text(encoding="utf-8"))["features"])
    areas = sum(
        1
        for f in json.loads((demo_site / "kaart" / "sensoren.geojson").read_text())["features"]
        if f["geometry"]["type"] != "Point"
    )
    page.goto(demo_url + "/kaart/")
    page.get_by_text(f"{expected} sensoren op de kaart").wait_for()
    clustered = sum(int(n) for n in page.locator(".marker-cluster span").all_inner_texts())
    single = page.locator(".sensor-marker").count()
    drawn_areas = page.locator("path.leaflet-interactive").count()
    assert clustered + single + drawn_areas == expected
    assert drawn_areas == areas
    assert axe_violations(page) == []


def test_map_filters_by_type_and_theme(demo_site, demo_url, page):
    sensors = json.loads((demo_site / "open-data" / "sensoren.json").read_text(encoding="utf-8"))["sensors"]
    cameras = sum(s["sensor_type"] == "optical_camera" for s in sensors)
    air = sum("air" in s["themes"] for s in sensors)
    page.goto(demo_url + "/kaart/")
    page.get_by_text(f"{len(sensors)} sensoren op de kaart").wait_for()
    for box in page.locator("input[name=type]").all():
        if box.get_attribute("value") != "optical_camera":
            box.uncheck()
    assert page.locator("#kaart-status").inner_text() == f"{cameras} sensoren op de kaart"
    page.locator("input[name=type]").first.uncheck()
    for box in page.locator("input[name=type]").all():
        box.check()
    page.get_by_label("Thema").select_option("air")
    assert page.locator("#kaart-status").inner_text() == f"{air} sensoren op de kaart"


def test_register_filters_search_and_sorting(demo_site, demo_url, page):
    sensors = json.loads((demo_site / "open-data" / "sensoren.json").read_text(encoding="utf-8"))["sensors"]
    personal = sum(s["processes_personal_data"] for s in sensors)
    page.goto(demo_url + "/sensoren/")
    rows = page.locator("#register-tabel tbody tr:visible")
    expect(rows).to_have_count(len(sensors))
    personal_box = page.get_by_role("group", name="Verwerkt persoonsgegevens").get_by_label("Ja")
    personal_box.check()
    expect(rows).to_have_count(personal)
    expect(page.locator("#register-status")).to_have_text(f"{personal} van {len(sensors)} sensoren")
    page.get_by_role("button", name="Filters wissen").click()
    street = sum("snelliuslaan" in f"{s['name']} {s['owner_organisation']}".lower() for s in sensors)
    assert street > 0
    page.get_by_label("Zoek op naam, straat, eigenaar of doel").fill("snelliuslaan")
    expect(rows).to_have_count(street)
    assert all("snelliuslaan" in text.lower() for text in rows.all_inner_texts())
    page.get_by_role("button", name="Filters wissen").click()
    expect(rows).to_have_count(len(sensors))
    names = page.locator("#register-tabel tbody th a")
    assert sorted(names.all_inner_texts()) == sorted(s["name"] for s in sensors)
    assert not in_dutch_order(page, names.all_inner_texts())  # so that sorting has something to do
    page.get_by_role("button", name="Naam").click()
    assert page.locator("th[data-sort-key=name]").get_attribute("aria-sort") == "ascending"
    ascending = names.all_inner_texts()
    assert in_dutch_order(page, ascending) and sorted(ascending) == sorted(s["name"] for s in sensors)
    page.get_by_role("button", name="Naam").click()
    assert page.locator("th[data-sort-key=name]").get_attribute("aria-sort") == "descending"
    descending = names.all_inner_texts()
    assert in_dutch_order(page, descending[::-1]) and descending != ascending


def test_register_without_javascript_shows_the_whole_table(demo_site, demo_url, browser):
    with guarded_page(browser, java_script_enabled=False) as page:
        page.goto(demo_url + "/sensoren/")
        assert page.locator("#register-tabel tbody tr:visible").count() == len(exported_sensors(demo_site))
        assert not page.locator("#register-filters").is_visible()
        assert page.get_by_role("link", name="CSV").is_visible()


def test_sensor_page_shows_labels_badges_and_empty_fields(demo_url, page):
    """Found in the data: an expired registration without personal data, and a sensor to verify with both links."""
    records = demo_records()
    today, months, ui = records.settings.today, records.settings.verify_after_months, SETTINGS["UI"]["sensor"]
    sensors = records.register.sensors
    expired = next(s for s in sensors if s.registration_expired(today) and not s.processes_personal_data)
    page.goto(f"{demo_url}/{expired.url}")
    main = page.locator("main")
    assert ui["badge_expired"] in main.locator(".badges").inner_text()
    assert ui["not_filled"] in main.inner_text()
    assert ui["not_applicable"] in main.inner_text()
    assert main.get_by_text(records.register.label("sensor_type", expired.sensor_type)).first.is_visible()
    checked = next(s for s in sensors if s.privacy_statement_url and s.dpia_url and s.location_type == "fixed"
                   and s.needs_verification(today, months))  # fmt: skip
    page.goto(f"{demo_url}/{checked.url}")
    assert page.get_by_role("link", name="Privacyverklaring", exact=True).is_visible()
    assert page.get_by_role("link", name="Gegevensbeschermingseffectbeoordeling (DPIA)").is_visible()
    assert ui["badge_verify"] in page.locator(".badges").inner_text()
    assert page.locator(".map--location .leaflet-marker-icon").count() == 1
    # A map of one place needs no clustering: the page loads neither its script nor its styles.
    loaded = page.evaluate("performance.getEntriesByType('resource').map(entry => entry.name)")
    assert any("leaflet.js" in name for name in loaded)
    assert not [name for name in loaded if "markercluster" in name.lower()]


def test_payload_site_passes_the_output_check(payload_site):
    assert check_output(payload_site) == []


def test_on_a_phone_the_filters_start_folded_and_still_work(demo_site, demo_url, browser):
    cameras = sum(s["sensor_type"] == "optical_camera" for s in exported_sensors(demo_site))
    with guarded_page(browser, viewport={"width": 375, "height": 800}) as page:
        page.goto(demo_url + "/sensoren/")
        more = page.locator("details.register-filters__more")
        assert more.get_attribute("open") is None
        assert page.get_by_label("Zoek op naam, straat, eigenaar of doel").is_visible()
        more.locator("summary").click()
        page.get_by_role("group", name="Soort sensor").get_by_label("Camera").check()
        expect(page.locator("#register-tabel tbody tr:visible")).to_have_count(cameras)


def add_mounting_height(project):
    """A newcomer adds `mounting_height`: one Field (and its page group), one label, and a CSV column (4,5 for the
    first sensor of the first register file)."""
    schema = project / "plugins" / "kinds" / "sensor_register" / "schema.py"
    text = schema.read_text(encoding="utf-8")
    text = text.replace('    F("notes"', '    F("mounting_height", "number", example="4.5"),\n    F("notes"')
    text = text.replace('"what": ("sensor_type",', '"what": ("mounting_height", "sensor_type",')
    schema.write_text(text, encoding="utf-8")
    strings = project / "theme" / "strings.nl.yml"
    strings.write_text(strings.read_text(encoding="utf-8").replace(
        "    sensor_id: Kenmerk\n", "    sensor_id: Kenmerk\n    mounting_height: Ophanghoogte (m)\n"), encoding="utf-8")
    register_file = sorted((project / "data" / "sensors").glob("*.csv"))[0]
    rows = list(csv.reader(io.StringIO(register_file.read_text(encoding="utf-8-sig")),
                           delimiter=";" if ";" in register_file.read_text(encoding="utf-8-sig").splitlines()[0] else ","))
    rows[0].append("mounting_height")
    for index, values in enumerate(rows[1:], start=1):
        values.append("4,5" if index == 1 else "")
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerows(rows)
    register_file.write_text(buffer.getvalue(), encoding="utf-8")


def test_an_optional_column_needs_only_the_schema_and_the_strings_file(extended_demo):  # noqa: F811
    """A newcomer adds `mounting_height` (`add_mounting_height`); the copy is built with other tests' changes."""
    project, output = extended_demo
    register_file = sorted((project / "data" / "sensors").glob("*.csv"))[0]
    rows = list(csv.DictReader(io.StringIO(register_file.read_text(encoding="utf-8-sig")), delimiter=";"))
    first_id = rows[0]["sensor_id"]
    assert rows[0]["mounting_height"] == "4,5"
    exported = list(csv.DictReader(io.StringIO((output / "open-data" / "sensoren.csv").read_text(encoding="utf-8-sig"))))
    assert next(r for r in exported if r["sensor_id"] == first_id)["mounting_height"] == "4.5"
    page = (output / "sensoren" / first_id / "index.html").read_text(encoding="utf-8")
    assert ">Ophanghoogte (m)</dt>" in page and "4.5" in page


def test_a_group_is_shown_only_with_something_in_it(demo_site):
    """'Meer informatie' heads a sensor page only when the sensor has notes or an open data link."""
    from sensor_register.schema import PAGE_GROUPS

    ui = SETTINGS["UI"]
    register, problems = load_register(ROOT / "data", SETTINGS["MUNICIPALITY_BBOX"], ROOT)
    assert not problems
    heading = f">{ui['sensor']['groups']['more']}</h2>"
    filled = [s for s in register.sensors if any(getattr(s, name) for name in PAGE_GROUPS["more"])]
    empty = [s for s in register.sensors if not any(getattr(s, name) for name in PAGE_GROUPS["more"])]
    assert filled and empty, "the demo register should have sensors of both kinds"
    for sensor, expected in ((filled[0], True), (empty[0], False)):
        page = (demo_site / sensor.url / "index.html").read_text(encoding="utf-8")
        assert (heading in page) is expected, sensor.sensor_id

