# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""English for residents: the demo site in English under /en/ (LANGUAGES = ["nl", "en"]).

Every Dutch page has an English version at /en/<same address> and back, the language switch and the
hreflang alternates link them, the English pages say `lang="en"` and mark what exists only in Dutch
`lang="nl"` (once a page an English note says so), dates are English, links stay inside the English
site while files (styles, open data, feeds) come from the root, search finds English pages on the
English search page, and axe finds nothing. Screenshots at 390 px go to /tmp/english-shots/ for a
person to look at (not in the repository).
"""

import datetime
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, axe_violations, html_pages, root_language_pages, url_of
from language_versions import pointed_url
from selectolax.lexbor import LexborHTMLParser
from site_language import format_date, load_interface_texts, page_address

DUTCH = yaml.safe_load((ROOT / "theme" / "strings.nl.yml").read_text(encoding="utf-8"))
ENGLISH = yaml.safe_load((ROOT / "theme" / "strings.en.yml").read_text(encoding="utf-8"))
SHOTS = Path("/tmp/english-shots")
# Kept as they are in every language: addresses, slugs, colour kinds and field lists.
SAME_IN_EVERY_LANGUAGE = re.compile(r"(^|\.)(url|slug|kind|status_kinds|decision_kinds|tombstone_fields)(\.|$)")
PLACEHOLDER = re.compile(r"\{\w+\}")


def parse(path):
    return LexborHTMLParser(Path(path).read_text(encoding="utf-8"))


def marked(main):
    """The languages of the blocks a page's main part marks, but the language switch's own link."""
    return {node.attributes["lang"] for node in main.css("[lang]") if "language-switch" not in (
        node.parent.attributes.get("class") or "")}  # fmt: skip


def address_of(output, file):
    """'sensoren/X/index.html' -> 'sensoren/X/' (the address under the language's folder)."""
    return page_address(file.relative_to(output).as_posix(), "nl", ["nl"])


@pytest.fixture(scope="module")
def pages(demo_site):
    """(Dutch pages, English pages), each {address: file}."""
    dutch = {address_of(demo_site, p): p for p in root_language_pages(demo_site)}
    english = {address_of(demo_site / "en", p): p for p in html_pages(demo_site / "en")}
    return dutch, english


# --- every page in both languages, linked ---


def test_every_page_has_its_english_counterpart_and_back(pages):
    dutch, english = pages
    assert len(dutch) > 150
    assert sorted(dutch) == sorted(english)


def test_the_switch_and_the_alternates_link_the_two_versions(pages):
    dutch, english = pages
    for other, found, other_prefix in (("en", dutch, "/en/"), ("nl", english, "/")):
        for address, file in found.items():
            tree = parse(file)
            switch = tree.css(".language-switch a")
            assert len(switch) == 1, file
            link = switch[0].attributes
            assert (link["href"], link["hreflang"], link["lang"]) == (other_prefix + address, other, other), file
            assert switch[0].text(strip=True) == {"en": "English", "nl": "Nederlands"}[other]
            alternates = {node.attributes["hreflang"]: node.attributes["href"]
                          for node in tree.css('head link[rel="alternate"][hreflang]')}  # fmt: skip
            assert alternates == {"nl": "/" + address, "en": "/en/" + address, "x-default": "/" + address}, file


def test_links_stay_in_the_english_site_and_files_come_from_the_root(demo_site, pages):
    _dutch, english = pages
    for address, file in english.items():
        for node in parse(file).css("a[href], link[href], script[src], img[src]"):
            if "hreflang" in node.attributes:
                continue
            url = node.attributes.get("href") or node.attributes.get("src")
            if not url.startswith("/") or url.startswith("//"):
                continue
            path = url.split("#")[0].split("?")[0]
            target = path + "index.html" if path.endswith("/") else path
            if target.endswith(".html"):
                assert url.startswith("/en/"), f"{address}: {url} leaves the English site"
                assert (demo_site / target.lstrip("/")).is_file(), f"{address}: {url}"
            else:
                assert (demo_site / target.lstrip("/")).is_file(), f"{address}: {url} is missing"
    # Only pages (and the maps' scripts with English texts) under /en/: no copy of data, feeds or styles.
    others = [p.relative_to(demo_site).as_posix() for p in (demo_site / "en").rglob("*")
              if p.is_file() and p.suffix != ".html"]  # fmt: skip
    assert all(re.fullmatch(r"en/kaart/js/[\w-]+\.js", path) for path in others), others


def test_the_sitemap_lists_the_english_pages(demo_site, pages):
    _dutch, english = pages
    listed = set(re.findall(r"<loc>([^<]+)</loc>", (demo_site / "sitemap-en.xml").read_text(encoding="utf-8")))
    assert listed == {f"/en/{address}" for address in english if address != "404.html"}
    assert "/sitemap-en.xml" in (demo_site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_english_register_filter_and_maps_link_english_pages(demo_site):
    form = parse(demo_site / "en" / "sensoren" / "index.html").css_first("form#register-filters")
    assert form.attributes["data-site-url"] == "/en"
    assert form.attributes["data-register-index"].startswith("/sensoren/")  # the data from the root
    maps = [json.loads(node.text()) for node in parse(demo_site / "en" / "kaart" / "index.html").css(
        'script[type="application/json"]')]  # fmt: skip
    assert '"sensorUrl": "/en/sensoren/{id}/"' in json.dumps(maps)


# --- language of every block ---


def test_english_pages_say_english_and_mark_dutch_content(pages):
    dutch, english = pages
    for file in dutch.values():
        tree = parse(file)
        assert tree.css_first("html").attributes["lang"] == "nl"
        assert marked(tree.css_first("main")) == set(), file  # a Dutch page marks nothing
        assert tree.css_first(".language-note") is None
    note = ENGLISH["language"]["original_only"]
    for address, file in english.items():
        tree = parse(file)
        assert tree.css_first("html").attributes["lang"] == "en", address
        main = tree.css_first("main")
        languages = marked(main)
        assert languages <= {"nl", "en"}, f"{address}: {languages}"  # "en": English inside a Dutch block
        notes = main.css(".language-note")
        assert len(notes) == (1 if "nl" in languages else 0), f"{address}: {len(notes)} notes, marked {languages}"
        if notes:
            assert notes[0].text(strip=True) == note


def test_what_editors_wrote_in_dutch_is_marked_and_english_fields_are_used(demo_site):
    english = demo_site / "en"
    about = parse(english / "over" / "index.html")
    assert about.css_first("h1").text(strip=True) == "About this portal" and "lang" not in about.css_first(
        "h1").attributes  # fmt: skip
    assert about.css_first("main div[lang=nl]").text().strip().startswith("Open Hilversum is een website")
    story = parse(english / "verhalen" / "druktemeter" / "index.html")
    assert story.css_first("h1").text(strip=True) == "The crowd meter: shopping quietly during the pandemic"
    assert story.css_first("article div[lang=nl]") is not None  # the story's text has no English
    untranslated = parse(english / "verhalen" / "snelliuslaan" / "index.html").css_first("h1")
    assert untranslated.attributes.get("lang") == "nl" and untranslated.text(strip=True) == (
        "Minder hard rijden op de Snelliuslaan")  # fmt: skip
    layer = parse(english / "kaart" / "laadpalen" / "index.html")
    assert layer.css_first("h1").text(strip=True) == "Charging points"
    assert layer.css_first("p.lead").text(strip=True).startswith("Example data: public charging points")
    dossier = parse(english / "stadspanel" / "bodycams" / "index.html")
    assert dossier.css_first("h1").text(strip=True) == "Bodycams for enforcement officers"
    sensor = parse(english / "sensoren" / "LUCHT-002" / "index.html")
    assert sensor.css_first("h1").attributes.get("lang") == "nl"
    assert sensor.css_first("p.lead").attributes.get("lang") == "nl"
    assert sensor.css_first("h2").text(strip=True) == ENGLISH["sensor"]["groups"]["what"]


def test_english_dates_on_english_pages(pages):
    _dutch, english = pages
    checked = 0
    for file in english.values():
        for node in parse(file).css("time[datetime]"):
            stamp = node.attributes["datetime"]
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", stamp):
                day = datetime.date.fromisoformat(stamp)
                assert node.text(strip=True) == format_date(day, "en"), file
                assert re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", node.text(strip=True))
                checked += 1
    assert checked > 100


# --- the English catalogue ---


# The panel's name (PANEL_NAME...) comes in several forms, with and without the Dutch article: English
# writes "the {panel}" where Dutch writes "{the_panel}" ("het Stadspanel data"). Any form will do.
PANEL_NAME_FORMS = re.compile(r"\{(?:[Tt]he_)?panel(?:_short)?\}")


def placeholders(text):
    return {PANEL_NAME_FORMS.sub("{panel}", found) for found in PLACEHOLDER.findall(text)}


def test_the_english_catalogue_has_every_text_with_the_same_placeholders():
    def walk(dutch, english, where):
        assert type(english) is type(dutch), f"{where}: not a {type(dutch).__name__} as in Dutch"
        if isinstance(dutch, dict):
            assert set(english) == set(dutch), f"{where}: missing {set(dutch) - set(english)}, " \
                                               f"unknown {set(english) - set(dutch)}"  # fmt: skip
            for key in dutch:
                walk(dutch[key], english[key], f"{where}.{key}".lstrip("."))
        elif isinstance(dutch, list):
            assert len(english) == len(dutch), where
            for number, (d, e) in enumerate(zip(dutch, english, strict=True)):
                walk(d, e, f"{where}.{number}")
        elif isinstance(dutch, str):
            assert placeholders(english) == placeholders(dutch), where
            if SAME_IN_EVERY_LANGUAGE.search(where):
                assert english == dutch, f"{where}: an address or code, the same in every language"

    walk(DUTCH, ENGLISH, "")
    assert load_interface_texts(ROOT / "theme", "en") == ENGLISH  # nothing falls back to Dutch


def test_a_missing_english_text_fails_this_test(tmp_path):
    partial = {key: value for key, value in ENGLISH.items() if key != "skip_link"}
    with pytest.raises(AssertionError, match="missing"):
        assert set(partial) == set(DUTCH), f"missing {set(DUTCH) - set(partial)}"


# --- links of an English page, without a build ---


@pytest.mark.parametrize(("value", "expected"), [
    ("/sensoren/A/", "/en/sensoren/A/"),
    ("/sensoren/A/#kaart", "/en/sensoren/A/#kaart"),
    ("/open-data/sensoren.csv", "/open-data/sensoren.csv"),
    ("../privacy/", "/en/privacy/"),
    ("plaatje.png", "/over/plaatje.png"),
    ("#inhoud", "#inhoud"),
    ("mailto:a@example.nl", "mailto:a@example.nl"),
    ("https://example.org/sensoren/A/", "https://example.org/sensoren/A/"),
])  # fmt: skip
def test_a_link_points_to_the_english_page_or_to_the_roots_file(tmp_path, value, expected):
    root, english = tmp_path / "site", tmp_path / "site" / "en"
    for page in ("sensoren/A/index.html", "privacy/index.html", "over/index.html"):
        (english / page).parent.mkdir(parents=True, exist_ok=True)
        (english / page).write_text("<html></html>", encoding="utf-8")
    (root / "open-data").mkdir()
    (root / "open-data" / "sensoren.csv").write_text("a\n", encoding="utf-8")
    assert pointed_url(value, "/over/index.html", english, root, "", "en", set()) == expected


def test_links_under_an_absolute_site_address(tmp_path):
    root, english = tmp_path, tmp_path / "en"
    (english / "kaart").mkdir(parents=True)
    (english / "kaart" / "index.html").write_text("<html></html>", encoding="utf-8")
    site = "https://example.org/sub"
    point = lambda value: pointed_url(value, "/index.html", english, root, site, "en", set())  # noqa: E731
    assert point(f"{site}/kaart/") == f"{site}/en/kaart/"
    assert point(f"{site}/theme/css/site.css") == f"{site}/theme/css/site.css"
    assert point("kaart/") == f"{site}/en/kaart/"


# --- in Chromium ---

SAMPLE = ["", "sensoren/", "sensoren/LUCHT-002/", "sensoren/persoonsgegevens/", "kaart/", "kaart/laadpalen/",
          "stadspanel/", "stadspanel/bodycams/", "verhalen/", "verhalen/druktemeter/", "open-data/", "zoeken/",
          "over/", "meldingen/"]  # fmt: skip
AXE_SHARDS = 2


def one_page_per_layout(english):
    """The first English page (by address) of each layout: the set of element names and classes in its body.

    Every template, and every variant of one that a record's data brings (a map, a sign, a note that the
    text is Dutch), is among them. The Dutch run (tests/test_pages.py) gives every page of these templates
    to axe; the language of every English page, and of each block on it, is checked above without a browser.
    """
    chosen = {}
    for address in sorted(english):
        tree = parse(english[address])
        layout = frozenset((node.tag, node.attributes.get("class") or "") for node in tree.css("body *"))
        chosen.setdefault(layout, address)
    return sorted(chosen.values())


@pytest.mark.parametrize("shard", range(AXE_SHARDS))
def test_english_pages_have_no_accessibility_violations(demo_site, demo_url, unpainted_page, pages, shard):
    """One English page of each layout (`one_page_per_layout`), in shards."""
    page = unpainted_page
    _dutch, english = pages
    chosen = one_page_per_layout(english)
    assert len(chosen) > 40  # every template and its variants, not a handful
    failures = {}
    for address in chosen[shard::AXE_SHARDS]:
        page.goto(url_of(demo_url, demo_site, english[address]))
        violations = axe_violations(page)
        if violations:
            failures[address] = violations
    assert not failures, failures


def test_the_switch_goes_to_the_same_page_in_the_other_language(demo_url, page):
    page.goto(demo_url + "/sensoren/LUCHT-002/")
    page.get_by_role("link", name="English").click()
    assert page.url == demo_url + "/en/sensoren/LUCHT-002/"
    assert page.get_by_role("navigation", name=ENGLISH["nav_label"]).is_visible()
    page.get_by_role("link", name="Nederlands").click()
    assert page.url == demo_url + "/sensoren/LUCHT-002/"


def test_english_search_finds_english_pages(demo_url, page):
    page.goto(demo_url + "/en/zoeken/?q=Snelliuslaan")
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=10000)
    links = page.locator(".pagefind-ui__result-link").evaluate_all("links => links.map(a => a.pathname)")
    assert links and all(link.startswith("/en/") for link in links), links
    page.goto(demo_url + "/zoeken/?q=Snelliuslaan")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10000)
    links = page.locator(".pagefind-ui__result-link").evaluate_all("links => links.map(a => a.pathname)")
    assert links and not any(link.startswith("/en/") for link in links), links


def test_english_map_page_speaks_english(demo_site, demo_url, page):
    page.goto(demo_url + "/en/kaart/")
    on_the_map = len(json.loads((demo_site / "kaart/sensoren.geojson").read_text(encoding="utf-8"))["features"])
    page.get_by_text(ENGLISH["map"]["count"].replace("{n}", str(on_the_map))).wait_for()


def test_screenshots_of_english_pages_at_390_px(browser, demo_site, demo_url):
    """For the lead to look at: a few English pages as a phone shows them (not in the repository)."""
    from conftest import guarded_page

    SHOTS.mkdir(parents=True, exist_ok=True)
    on_the_map = len(json.loads((demo_site / "kaart/sensoren.geojson").read_text(encoding="utf-8"))["features"])
    with guarded_page(browser, viewport={"width": 390, "height": 844}, locale="en-GB") as page:
        for address in ("", "sensoren/LUCHT-002/", "stadspanel/bodycams/", "verhalen/druktemeter/", "kaart/"):
            page.goto(f"{demo_url}/en/{address}")  # loaded: its styles, pictures and a map's tiles
            if address == "kaart/":  # its sensors come after the page has loaded (not "networkidle": 0.5 s idle a page)
                page.get_by_text(ENGLISH["map"]["count"].replace("{n}", str(on_the_map))).wait_for()
            name = (address.strip("/").replace("/", "-") or "home") + ".png"
            page.screenshot(path=str(SHOTS / name), full_page=True)
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, address


def test_the_english_register_draws_its_filtered_rows_in_english(demo_site, demo_url, page):
    """The rows a filter draws come from the index every language shares; their codes read in English."""
    vocabularies = yaml.safe_load((ROOT / "data" / "vocabularies.yml").read_text(encoding="utf-8"))
    sound = vocabularies["sensor_type"]["sound"]
    page.goto(demo_url + "/en/sensoren/")
    page.locator('input[name="type"][value="sound"]').check()
    rows = page.locator("#register-tabel tbody tr")
    rows.first.wait_for()
    text = page.locator("#register-tabel tbody").inner_text()
    assert sound["label_en"] in text and sound["label"] not in text
