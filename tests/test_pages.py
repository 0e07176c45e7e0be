# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Every page of the demo site, as a resident sees it in Chromium."""

import gzip
import json
import random
import re

import pytest
from conftest import (
    ROOT,
    axe_violations,
    first_language_only,
    guarded_page,
    html_pages,
    root_language_pages,
    run_build,
    serve,
    url_of,
)
from playwright.sync_api import expect

NAV = ["Sensoren", "Kaart", "Stadspanel", "Verhalen", "Open data", "Zoeken"]
FOOTER = ["Over dit portaal", "Toegankelijkheid", "Privacy"]


def test_every_page_has_dutch_language_a_title_and_zoomable_viewport(demo_site):
    pages = root_language_pages(demo_site)  # the English pages: tests/test_english.py
    sources = [p for folder in ("pages", "verhalen") for p in (ROOT / "content" / folder).glob("*.md")]
    assert len(pages) > len(sources)  # every page and story, and the pages the plugins make
    for file in pages:
        html = file.read_text(encoding="utf-8")
        assert re.search(r'<html lang="nl"[ >]', html), file
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        assert title and title.group(1).strip(), f"{file} has no title"
        assert "user-scalable=no" not in html and "maximum-scale=1" not in html, file


AXE_SHARDS = 4  # the pages are checked in shards, so that test workers share them


@pytest.mark.parametrize("shard", range(AXE_SHARDS))
def test_every_page_has_no_accessibility_violations(demo_site, demo_url, unpainted_page, shard):
    page = unpainted_page
    failures = {}
    pages = root_language_pages(demo_site)  # the English pages: tests/test_english.py
    assert pages
    # Shuffled the same way every run, so that each shard gets its share of every kind of page: in path
    # order a sensor's page and its sign alternate, and a stride of 4 gave two shards every sign page.
    random.Random(AXE_SHARDS).shuffle(pages)
    for file in pages[shard::AXE_SHARDS]:
        page.goto(url_of(demo_url, demo_site, file))
        violations = axe_violations(page)
        if violations:
            failures[str(file.relative_to(demo_site))] = violations
    assert not failures, failures


def test_header_navigation_footer_and_build_date(demo_url, page):
    page.goto(demo_url + "/")
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    for label in NAV:
        assert nav.get_by_role("link", name=label, exact=True).is_visible()
    footer = page.locator("footer")
    for label in FOOTER:
        assert footer.get_by_role("link", name=label).is_visible()
    assert footer.locator("time[datetime]").count() == 1
    nav.get_by_role("link", name="Stadspanel").click()
    assert page.url.endswith("/stadspanel/")
    assert page.get_by_role("link", name="Stadspanel", exact=True).get_attribute("aria-current") == "page"


def test_skip_link_moves_focus_to_main_content(demo_url, page):
    page.goto(demo_url + "/over/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "inhoud"


def test_home_leads_into_every_section(demo_url, page):
    page.goto(demo_url + "/")
    main = page.locator("main")
    home_heading = page.locator("h1").inner_text()
    for label in ["Sensorregister", "Kaart", "Stadspanel data", "Verhalen", "Open data"]:
        link = main.get_by_role("link", name=label, exact=True)
        target = link.get_attribute("href")
        link.click()
        page.wait_for_url(re.compile(re.escape(target) + "$"))
        expect(page.locator("h1")).to_be_visible()
        expect(page.locator("h1")).not_to_have_text(home_heading)
        page.go_back()
        page.wait_for_url(demo_url + "/")


@pytest.mark.parametrize("width", [320, 375])
def test_pages_fit_a_small_phone_without_sideways_scrolling(demo_url, unpainted_browser, width):
    # Only loaded and measured: the width is the layout's, which a browser that paints nothing makes as ever.
    with guarded_page(unpainted_browser, viewport={"width": width, "height": 700}) as page:
        fits_without_scrolling_sideways(page, demo_url, width)


def fits_without_scrolling_sideways(page, demo_url, width):
    for path in [
        "/",
        "/over/",
        "/toegankelijkheid/",
        "/privacy/",
        "/verhalen/snelliuslaan/",
        "/sensoren/",
        "/sensoren/HLV-DRK-001/",
        "/kaart/",
        "/stadspanel/",
        "/stadspanel/cameratoezicht/",
        "/stadspanel/verslagen/",
        "/open-data/",
    ]:
        page.goto(demo_url + path)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"


def test_the_accessibility_statement_shows_its_status_from_the_settings(demo_site):
    """The status, what it means and the last WCAG-EM audit come from ACCESSIBILITY; what was checked is the page's own."""
    from conftest import SETTINGS

    statement = SETTINGS["ACCESSIBILITY"]
    texts = SETTINGS["UI"]["accessibility"]
    status = texts["statuses"][statement["status"]]
    page = re.sub(r"\s+", " ", (demo_site / "toegankelijkheid" / "index.html").read_text(encoding="utf-8"))
    assert texts["status"].format(status=statement["status"], label=status["label"]) in page
    assert re.sub(r"\s+", " ", status["meaning"]) in page
    assert (texts["no_audit"] if statement["last_audit"] is None else "Laatste volledige onderzoek") in page
    assert "axe-core" in page and "vnu" in page and "WCAG-EM" in page  # the demo's own account of its checks


def test_unknown_address_gets_the_404_page(demo_site):
    html = (demo_site / "404.html").read_text(encoding="utf-8")
    assert "Pagina niet gevonden" in html
    assert "data-pagefind-body" not in html


def indexed_pages(bundle):
    """{address: indexed text} of a Pagefind bundle (its fragments are gzip files with a JSON body)."""
    pages = {}
    for fragment in (bundle / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        page = json.loads(data[data.index(b"{"):])
        pages[page["url"]] = page["content"]
    return pages


def indexed_urls(output):
    """The addresses in the site's (root language's) Pagefind index."""
    return set(indexed_pages(output / "pagefind"))


def test_search_indexes_sensors_dossiers_and_stories_not_signs_or_lists(demo_site):
    urls = indexed_urls(demo_site)
    sensors = json.loads((demo_site / "open-data" / "sensoren.json").read_text(encoding="utf-8"))["sensors"]
    assert {f"/sensoren/{s['sensor_id']}/" for s in sensors} <= urls
    assert "/sensoren/" in urls and "/kaart/" in urls
    assert any(url.startswith("/stadspanel/") and url.count("/") == 3 for url in urls)  # a dossier
    assert any(url.startswith("/verhalen/") and url != "/verhalen/" for url in urls)
    assert not [url for url in urls if "/bord/" in url or "/borden/" in url or "/wijzigingen/" in url
                or "/pagina/" in url]  # fmt: skip


def test_each_language_has_a_search_bundle_of_its_own(demo_site):
    dutch, english = indexed_pages(demo_site / "pagefind"), indexed_pages(demo_site / "pagefind" / "en")
    assert {"/en" + url for url in dutch} == set(english)  # every page a resident can find, in both languages
    for bundle, language in ((demo_site / "pagefind", "nl"), (demo_site / "pagefind" / "en", "en")):
        assert set(json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]) == {language}
    search = (demo_site / "en" / "zoeken" / "index.html").read_text(encoding="utf-8")
    assert '/pagefind/en/pagefind-ui.js"' in search and '"/pagefind/pagefind-ui.js"' not in search


def test_search_leaves_out_what_every_record_page_says(demo_site):
    """A sensor is found by what is its own (name, place, owner, register id), not by the boxes, notes and
    figure tables every sensor page has: those made a search match every sensor, and most of Pagefind's memory."""
    from conftest import SETTINGS
    from site_language import load_interface_texts

    ui = SETTINGS["UI"]
    texts = indexed_pages(demo_site / "pagefind")
    sensors = json.loads((demo_site / "open-data" / "sensoren.json").read_text(encoding="utf-8"))["sensors"]
    for sensor in sensors:
        text = texts[f"/sensoren/{sensor['sensor_id']}/"]
        assert sensor["name"] in text and sensor["sensor_id"] in text
        for common in (ui["follow"]["heading"], ui["report"]["what_happens"], ui["signs"]["link"],
                       ui["history"]["all_changes"], ui["sensor"]["report_error"], ui["rights"]["intro"],
                       ui["measurements"]["table_summary"]):  # fmt: skip
            assert common not in text, (sensor["sensor_id"], common)
    english = indexed_pages(demo_site / "pagefind" / "en")
    note = load_interface_texts(ROOT / "theme", "en")["language"]["original_only"]  # "only in Dutch"
    assert not [url for url, text in english.items() if note in text]


def test_pagefind_reads_only_the_shallow_pages_of_the_register(tmp_path):
    from site_search import index_glob

    for folder in ("sensoren", "verhalen", ".well-known", "en", "en/sensoren"):
        (tmp_path / folder).mkdir()
    assert index_glob(tmp_path, skip=["en"]) == (
        "{*.html,.well-known/**/*.html,sensoren/{*.html,*/index.html},verhalen/**/*.html}")
    assert index_glob(tmp_path, "en") == "{en/*.html,en/sensoren/{*.html,*/index.html}}"
    (tmp_path / "a{b,c").mkdir()  # a name with glob syntax in it is matched as written
    assert "a\\{b\\,c/**/*.html" in index_glob(tmp_path, skip=["en"])


def test_make_serve_indexes_each_language_in_one_command(demo_site, tmp_path):
    """`make serve` runs `index_command` in the background: it makes every language's bundle."""
    import subprocess

    from site_search import index_command

    for page in ("index.html", "en/index.html"):
        (tmp_path / page).parent.mkdir(exist_ok=True)
        (tmp_path / page).write_bytes((demo_site / page).read_bytes())
    subprocess.run(index_command(tmp_path, language_folders=["en"]), check=True, timeout=120)
    assert set(indexed_pages(tmp_path / "pagefind")) == {"/"}
    assert set(indexed_pages(tmp_path / "pagefind" / "en")) == {"/en/"}


def test_search_finds_pages_in_the_browser(demo_url, page):
    page.goto(demo_url + "/zoeken/?q=Snelliuslaan")
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=10000)
    assert "Snelliuslaan" in page.locator(".pagefind-ui__results").inner_text()
    assert axe_violations(page) == []


def test_links_work_when_the_site_lives_under_a_sub_path(project_copy_factory, tmp_path, page):
    project = project_copy_factory()
    output = tmp_path / "output"
    # Only Dutch pages are opened (and not the search page): no English pass, no search index.
    run_build(project, output, settings="publishconf.py", siteurl="/open-hilversum", adjust=first_language_only)
    with serve(output, base_path="/open-hilversum") as base:
        page.goto(base + "/")
        assert (
            page.evaluate("() => getComputedStyle(document.querySelector('.site-header')).backgroundColor")
            != "rgba(0, 0, 0, 0)"
        ), "the stylesheet did not load under the sub-path"
        page.get_by_role("link", name="Toegankelijkheid").click()
        assert page.url == base + "/toegankelijkheid/"
        page.get_by_role("link", name="Verhalen", exact=True).click()
        page.get_by_role("link", name="Minder hard rijden op de Snelliuslaan").click()
        assert page.url == base + "/verhalen/snelliuslaan/"
        assert page.locator("h1").inner_text() == "Minder hard rijden op de Snelliuslaan"
        page.get_by_role("link", name="Kaart", exact=True).click()
        on_the_map = len(json.loads((output / "kaart/sensoren.geojson").read_text(encoding="utf-8"))["features"])
        page.get_by_text(f"{on_the_map} sensoren op de kaart").wait_for()
        page.get_by_role("link", name="Stadspanel", exact=True).click()
        page.get_by_role("link", name="Het platform Open Hilversum").click()
        assert page.url == base + "/stadspanel/open-hilversum/"


def test_the_browser_itself_refuses_scripts_and_requests_to_other_hosts(demo_url, page):
    page.goto(demo_url + "/sensoren/")
    page.evaluate(
        """() => {
            window.refused = [];
            document.addEventListener("securitypolicyviolation", (e) => window.refused.push(e.effectiveDirective));
            fetch("https://tracker.example/pixel").catch(() => null);
            const script = document.createElement("script");
            script.src = "https://cdn.example/evil.js";
            document.head.appendChild(script);
        }"""
    )
    page.wait_for_function("() => ['connect-src', 'script-src-elem'].every((d) => window.refused.includes(d))")
    # The browser refused both before any request left: the guard saw no request, only the refusals logged.
    assert not [p for p in page.guard.problems if p.startswith("request to another host")], page.guard.problems
    page.guard.problems[:] = [p for p in page.guard.problems if not re.search(r"(tracker|cdn)\.example", p)]


def test_every_page_is_valid_html(demo_site):
    import shutil
    import subprocess

    from conftest import ROOT

    java = shutil.which("java")
    if java is None:
        pytest.skip("the Nu HTML checker needs Java (apt-get install default-jre-headless); CI installs it")
    pages = [str(p) for p in html_pages(demo_site)]
    # A short run: the quick compiler only and one garbage collector thread halve the checker's CPU time
    # (the schema's recursion then needs a larger stack).
    quick = ["-Xss16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
    result = subprocess.run([java, *quick, "-jar", str(ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"),
                             "--errors-only", *pages], capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr[:3000]
