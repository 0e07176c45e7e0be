# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""A register larger than one page: light pages at stable URLs, and filters that cover every sensor."""

import json
import math
import re

import pytest
from bench_site import generated_rows
from conftest import axe_violations, demo_records, first_language_only, guarded_page, run_build, serve
from playwright.sync_api import expect
from sensor_fixtures import csv_text, replace_register

# Pages of 10 rows (REGISTER_PAGE_SIZE; 100 by default): three pages, the last one short, as 230 sensors make with
# the default, for a tenth of the build. Three of the sensors are sound sensors, one on each page.
SENSORS = 23
PAGE_SIZE = 10


def paged(settings):
    first_language_only(settings)  # only Dutch pages are opened (and no search page)
    settings["REGISTER_PAGE_SIZE"] = PAGE_SIZE


@pytest.fixture(scope="module")
def paged_site(project_copy_factory, tmp_path_factory):
    project = project_copy_factory()
    replace_register(project, csv_text(generated_rows(SENSORS)))
    output = tmp_path_factory.mktemp("paged") / "output"
    run_build(project, output, adjust=paged)
    return output


@pytest.fixture(scope="module")
def paged_url(paged_site):
    with serve(paged_site) as url:
        yield url


def test_a_page_holds_100_rows_unless_the_settings_say_otherwise():
    """The default the tests below change (REGISTER_PAGE_SIZE), as the demo's build reads its settings."""
    assert demo_records().settings.register_page_size == 100


def exported(site):
    return json.loads((site / "open-data" / "sensoren.json").read_text(encoding="utf-8"))["sensors"]


def test_each_page_holds_one_page_of_rows_at_a_stable_address(paged_site):
    pages = math.ceil(SENSORS / PAGE_SIZE)
    written = [paged_site / "sensoren" / "index.html"]
    written += [paged_site / "sensoren" / "pagina" / str(n) / "index.html" for n in range(2, pages + 1)]
    assert all(p.is_file() for p in written)
    assert not (paged_site / "sensoren" / "pagina" / str(pages + 1)).exists()
    assert not (paged_site / "sensoren" / "pagina" / "1").exists()
    rows = [p.read_text(encoding="utf-8").count('class="register-table__id"') for p in written]
    assert rows == [PAGE_SIZE] * (pages - 1) + [SENSORS - PAGE_SIZE * (pages - 1)]


def test_without_javascript_the_page_links_reach_every_sensor(paged_site, paged_url, browser):
    with guarded_page(browser, java_script_enabled=False) as page:
        page.goto(paged_url + "/sensoren/")
        assert not page.locator("#register-filters").is_visible()
        seen = []
        while True:
            seen += page.locator("#register-tabel .register-table__id").all_inner_texts()
            following = page.locator("#register-pages a[rel=next]")
            if not following.count():
                break
            following.click()
        assert page.url == paged_url + f"/sensoren/pagina/{math.ceil(SENSORS / PAGE_SIZE)}/"
        assert sorted(seen) == sorted(s["sensor_id"] for s in exported(paged_site))
        page.get_by_role("link", name="Pagina 1", exact=True).click()
        assert page.url == paged_url + "/sensoren/"


def test_a_filter_covers_every_sensor_not_only_the_first_page(paged_site, paged_url, page):
    sensors = exported(paged_site)
    sound = [s for s in sensors if s["sensor_type"] == "sound"]
    first_page = re.findall(r'class="register-table__id">([^<]+)<', (paged_site / "sensoren/index.html").read_text("utf-8"))
    assert len(first_page) == PAGE_SIZE and {s["sensor_id"] for s in sound} - set(first_page), "sound beyond page 1"
    page.goto(paged_url + "/sensoren/pagina/2/")
    page.get_by_role("group", name="Soort sensor").get_by_label("Geluidssensor").check()
    status = page.locator("#register-status")
    expect(status).to_have_text(f"{len(sound)} van {len(sensors)} sensoren")
    ids = page.locator("#register-tabel .register-table__id")
    expect(ids).to_have_count(min(len(sound), PAGE_SIZE))
    assert set(ids.all_inner_texts()) <= {s["sensor_id"] for s in sound}
    assert not page.locator("#register-pages").is_visible()
    page.get_by_role("button", name="Filters wissen").click()
    expect(ids).to_have_count(PAGE_SIZE)
    assert page.locator("#register-pages").is_visible()


def test_show_more_lists_the_rest_of_a_large_result(paged_site, paged_url, page):
    sensors = exported(paged_site)
    page.goto(paged_url + "/sensoren/")
    page.get_by_role("button", name="Naam").click()
    ids = page.locator("#register-tabel .register-table__id")
    expect(page.locator("#register-status")).to_have_text(f"{len(sensors)} sensoren")
    expect(ids).to_have_count(PAGE_SIZE)
    page.get_by_role("button", name="Toon meer sensoren").click()
    expect(ids).to_have_count(min(2 * PAGE_SIZE, len(sensors)))
    names = page.locator("#register-tabel tbody th a").all_inner_texts()
    assert names[0].lower() <= names[PAGE_SIZE].lower()
    assert page.evaluate("document.activeElement.textContent") == names[PAGE_SIZE]


def test_search_finds_a_sensor_on_a_later_page_by_its_street(paged_site, paged_url, page):
    last = exported(paged_site)[-1]
    page.goto(paged_url + "/sensoren/")
    page.get_by_label("Zoek op naam, straat, eigenaar of doel").fill(last["sensor_id"].lower())
    ids = page.locator("#register-tabel .register-table__id")
    expect(ids).to_have_count(1)
    assert ids.inner_text() == last["sensor_id"]
    link = page.locator("#register-tabel tbody th a")
    assert link.inner_text() == last["name"]
    link.click()
    expect(page).to_have_url(paged_url + f"/sensoren/{last['sensor_id']}/")


def test_on_a_phone_search_filters_and_list_come_before_the_figures(paged_url, browser):
    with guarded_page(browser, viewport={"width": 320, "height": 640}) as page:
        page.goto(paged_url + "/sensoren/")
        search = page.get_by_label("Zoek op naam, straat, eigenaar of doel").bounding_box()
        first_row = page.locator("#register-tabel tbody tr").first.bounding_box()
        figures = page.locator(".key-figures").bounding_box()
        assert search["y"] < first_row["y"] < figures["y"]


def test_a_further_register_page_passes_axe(paged_url, page):
    page.goto(paged_url + "/sensoren/pagina/2/")
    assert axe_violations(page) == []
