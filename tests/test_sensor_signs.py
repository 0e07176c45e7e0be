# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Printable sensor signs: the QR code (read from a Chromium screenshot by zbar) leads to the
sensor's published page, a sign prints on one A4 page, an owner's sheet one sign a page."""

import json
import re
import shutil
import subprocess

import pytest
from conftest import axe_violations, first_language_only, guarded_page, run_build, serve

ZBARIMG = shutil.which("zbarimg") or "/usr/bin/zbarimg"


@pytest.fixture(scope="module")
def published(project_copy_factory, tmp_path_factory):
    """The demo site built for the address it is served at, as `make publish` builds for GitHub Pages. From a copy
    of the project: without its repository no history is read (~0.3 s of CPU), and signs show none."""
    output = tmp_path_factory.mktemp("signs") / "output"
    output.mkdir()
    with serve(output, "/sub/path") as url:
        # Only Dutch pages are read and opened (and no search page).
        run_build(project_copy_factory(), output, settings="publishconf.py", siteurl=url, adjust=first_language_only)
        yield output, url


def sensors(output):
    return json.loads((output / "open-data/sensoren.json").read_text(encoding="utf-8"))["sensors"]


def wordiest(output):
    """The sensor whose sign has the most text: the hardest to fit on one page."""
    return max(sensors(output), key=lambda s: len(s["name"] + s["measures"] + s["purpose"] + s["owner_organisation"]))


def pdf_pages(pdf):
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))


def test_every_sensor_has_a_sign_and_its_page_links_to_it(published):
    output, _url = published
    for sensor in sensors(output):
        assert (output / f"sensoren/{sensor['sensor_id']}/bord/index.html").exists(), sensor["sensor_id"]
        page = (output / f"sensoren/{sensor['sensor_id']}/index.html").read_text(encoding="utf-8")
        assert f'/sensoren/{sensor["sensor_id"]}/bord/"' in page


def test_qr_code_on_a_sign_decodes_to_the_sensors_published_page(published, page, tmp_path):
    output, url = published
    sensor = wordiest(output)
    page.goto(f"{url}/sensoren/{sensor['sensor_id']}/bord/")
    picture = tmp_path / "qr.png"
    page.locator(".sign__qr").screenshot(path=str(picture))
    result = subprocess.run([ZBARIMG, "--raw", "-q", str(picture)], capture_output=True, text=True, check=False)
    assert result.stdout.strip() == f"{url}/sensoren/{sensor['sensor_id']}/"
    assert page.get_by_role("heading", level=1).inner_text() == sensor["name"]
    assert sensor["owner_organisation"] in page.inner_text("main")


def test_sign_prints_on_one_page(published, page):
    output, url = published
    sensor = wordiest(output)
    page.goto(f"{url}/sensoren/{sensor['sensor_id']}/bord/")
    assert pdf_pages(page.pdf(format="A4", print_background=True, prefer_css_page_size=True)) == 1


def test_owner_sheet_prints_one_sign_a_page(published, page):
    output, url = published
    owner = max({s["owner_organisation"] for s in sensors(output)},
                key=lambda o: sum(s["owner_organisation"] == o for s in sensors(output)))  # fmt: skip
    count = sum(s["owner_organisation"] == owner for s in sensors(output))
    page.goto(f"{url}/sensoren/borden/")
    page.get_by_role("link", name=owner, exact=True).click()
    page.wait_for_load_state("load")  # the click returns once the sheet starts to arrive: all its signs first
    assert page.locator("article.sign").count() == count
    assert pdf_pages(page.pdf(format="A4", print_background=True, prefer_css_page_size=True)) == count


def test_sign_and_signs_index_have_no_axe_violations(published, page):
    output, url = published
    for path in (f"sensoren/{wordiest(output)['sensor_id']}/bord/", "sensoren/borden/"):
        page.goto(f"{url}/{path}")
        assert axe_violations(page) == [], path


def test_sign_works_on_a_phone(published, browser):
    output, url = published
    with guarded_page(browser, viewport={"width": 320, "height": 640}) as page:
        page.goto(f"{url}/sensoren/{wordiest(output)['sensor_id']}/bord/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
