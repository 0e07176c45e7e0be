# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The interface speaks the page's language everywhere: on every English page of the demo site no Dutch
interface text (a text of theme/strings.nl.yml that English words differently, or a code's Dutch label
that has an English one in data/vocabularies.yml) is read outside a block marked lang="nl", and on every
Dutch page no English interface text outside a block marked lang="en". Checked in the static HTML (text,
the attributes people hear or see, the data blocks scripts draw from) and in Chromium for what scripts draw:
the register's filtered rows and a map's popup.
"""

import html
import json
import re
from xml.etree import ElementTree

import pytest
import yaml
from conftest import ROOT, SETTINGS, html_pages, root_language_pages
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser
from site_language import load_interface_texts
from test_sensor_history import NEW_ID, REMOVED_ID, history_built, history_project, history_site  # noqa: F401 (fixtures)

SAME_IN_EVERY_LANGUAGE = re.compile(r"(^|\.)(url|slug|kind|status_kinds|decision_kinds|tombstone_fields)(\.|$)")
PIECES = re.compile(r"\{\w+\}|<[^>]*>|\s{2,}|\n")  # a text's placeholders and tags cut it into pieces
# Attributes a person hears, sees or a script shows (data-* texts such as the register's status lines).
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "aria-description")
SKIPPED = {"script", "style", "template"}
UI_TEXTS = {lang: load_interface_texts(ROOT / "theme", lang) for lang in ("nl", "en")}
DUTCH_DETAILS, ENGLISH_DETAILS = (UI_TEXTS[lang]["map"]["details"] for lang in ("nl", "en"))


def leaves(value, where=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from leaves(item, f"{where}[{position}]")
    elif isinstance(value, str):
        yield where, value


def pieces(text):
    return [" ".join(html.unescape(piece).split()) for piece in PIECES.split(text) if piece.strip()]


def interface_texts():
    """{"nl": Dutch pieces, "en": English pieces}: only what the two languages word differently."""
    names = SETTINGS.get("INTERFACE_NAMES")
    catalogues = {lang: dict(leaves(load_interface_texts(ROOT / "theme", lang, names))) for lang in ("nl", "en")}
    found = {"nl": set(), "en": set()}
    for key, dutch in catalogues["nl"].items():
        english = catalogues["en"].get(key)
        if SAME_IN_EVERY_LANGUAGE.search(key) or english is None or english == dutch:
            continue
        found["nl"].update(pieces(dutch))
        found["en"].update(pieces(english))
    vocabularies = yaml.load((ROOT / "data" / "vocabularies.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for terms in vocabularies.values():
        for term in (terms or {}).values():
            dutch, english = term.get("label"), term.get("label_en")
            if dutch and english and dutch != english:
                found["nl"].add(dutch)
                found["en"].add(english)
    for code, dutch in SETTINGS["STADSPANEL_THEMES"].items():  # the agreement's themes, named in the settings
        english = SETTINGS["STADSPANEL_THEMES_IN"]["en"][code]
        if english != dutch:
            found["nl"].add(dutch)
            found["en"].add(english)
    english = (SETTINGS.get("SITE_DESCRIPTION_IN") or {}).get("en")  # the meta description, from the settings
    if english and english != SETTINGS["SITE_DESCRIPTION"]:
        found["nl"].add(" ".join(SETTINGS["SITE_DESCRIPTION"].split()))
        found["en"].add(english)
    # A word both languages use ("Status", "Open data") or a name ("het Stadspanel data", filled in from the
    # settings and written by editors too) says nothing about the interface's language.
    both = found["nl"] & found["en"] | set(names.values())
    return {lang: {piece for piece in texts - both if re.search(r"[^\W\d_]{2}", piece)}
            for lang, texts in found.items()}  # fmt: skip


def find_in(text, texts):
    """The interface text `text` is or holds: a whole text node, or a sentence of three words or more within it."""
    text = " ".join(text.split())
    if not text:
        return None
    if text in texts:
        return text
    sentences = sentences_of(texts)
    found = sentences.search(text) if sentences else None
    return found.group(0) if found else None


_sentences = {}


def sentences_of(texts):
    """One regular expression of the pieces of `texts` (a set nobody changes) with three words or more, longest
    first, made once per set: searched in C, not piece after piece in Python for every text node of every page."""
    if id(texts) not in _sentences:
        longer = sorted((piece for piece in texts if piece.count(" ") >= 2), key=len, reverse=True)
        _sentences[id(texts)] = (texts, re.compile("|".join(map(re.escape, longer))) if longer else None)
    return _sentences[id(texts)][1]  # the set is kept with it: its id is not given to another while it is kept


def identifier(text):
    """A code a script or a style reads ("points", "gemiddelde" in data-reeks), never shown."""
    return re.fullmatch(r"[a-z][a-z0-9_-]*", text) is not None


def nearest_lang(node):
    while node is not None:
        lang = (node.attributes or {}).get("lang") if node.tag != "-text" else None
        if lang is not None:
            return lang.split("-")[0].lower()
        node = node.parent
    return None


def json_texts(value):
    """The texts of a map's or the register's data block; not its layers' manifests, which are what editors
    wrote (their popups are checked in Chromium, where the script marks their language)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "layers":
                yield from json_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_texts(item)
    elif isinstance(value, str):
        yield value


def wrong_language(document, texts):
    """[(what, text)]: each interface text of `texts` ({lang: pieces}) read outside a block marked as its
    language (Dutch outside lang="nl", English outside lang="en")."""
    tree = LexborHTMLParser(document)
    found = []

    def check(node, text, what):
        for lang, pieces_of_lang in texts.items():
            piece = find_in(text, pieces_of_lang)
            if piece is not None and nearest_lang(node) != lang:
                found.append((what, piece))

    for node in tree.root.traverse(include_text=True):
        if node.tag == "-text":
            if node.parent is not None and node.parent.tag not in SKIPPED:
                check(node.parent, node.text(deep=False), f"<{node.parent.tag}>")
            continue
        attributes = node.attributes or {}
        for name, value in attributes.items():
            if value and (name in READ_ATTRIBUTES or name.startswith("data-") and not identifier(value)):
                check(node, value, f"<{node.tag} {name}>")
        if node.tag == "meta" and attributes.get("name") == "description":
            check(node, attributes.get("content") or "", "<meta description>")
        if node.tag == "script" and attributes.get("type") == "application/json":
            for text in json_texts(json.loads(node.text() or "null")):
                if not identifier(text):
                    check(node, text, "<script> data")
    return found


def test_every_english_code_label_is_text():
    """YAML reads an unquoted Yes or No as true/false: the English register then offered "True (30)"."""
    vocabularies = yaml.safe_load((ROOT / "data" / "vocabularies.yml").read_text(encoding="utf-8"))
    wrong = [f"{name}.{code}: {term['label_en']!r}" for name, terms in vocabularies.items() for code, term in
             (terms or {}).items() if "label_en" in term and not isinstance(term["label_en"], str)]  # fmt: skip
    assert wrong == []


@pytest.fixture(scope="module")
def texts():
    return interface_texts()


# --- what editors wrote in Dutch, inside English sentences ---


def editors_texts():
    """What editors wrote in Dutch with no English field beside it: the layers' titles, descriptions and sources,
    the datasets' titles, descriptions, sources and column labels, the sensors' names and the Stadspanel
    documents' titles (demo records)."""
    from conftest import demo_records
    from site_language import field_in

    records = demo_records()
    wanted = [(layer, ("title", "description", "source")) for layer in records.layers]
    for dataset in records.measurements.datasets.values():
        wanted.append((dataset, ("title", "description", "source")))
        wanted += [(column, ("label",)) for column in dataset.columns.values()]
    wanted += [(sensor, ("name",)) for sensor in records.register.sensors]
    wanted += [(document, ("title",)) for dossier in records.panel.dossiers for document in dossier.documents
               if not document.confidential]  # fmt: skip
    return {" ".join(value.split()) for record, fields in wanted for field in fields
            if isinstance(value := getattr(record, field, None), str) and len(value) > 3
            and field_in(record, field, "en") is None}  # fmt: skip


def inside_image(node):
    """Within role="img" (a chart's SVG): a screen reader reads only its name, plain text from <title> and
    <desc>, which cannot mark part of it as another language; what it draws (legend labels) is not read."""
    while node is not None:
        if (node.attributes or {}).get("role") == "img":
            return True
        node = node.parent
    return False


def unmarked_editors_texts(document, texts):
    """[(element, text)]: each of `texts` read in a text node outside a block marked lang="nl". Not checked:
    attributes and the page's <title> (one plain text each: an English page shows `*_en` there when given)."""
    found = []
    for node in LexborHTMLParser(document).root.traverse(include_text=True):
        parent = node.parent
        if node.tag != "-text" or parent is None or parent.tag in SKIPPED or parent.tag == "title" and (
                parent.parent is not None and parent.parent.tag == "head"):
            continue
        piece = find_in(node.text(deep=False), texts)
        if piece is not None and nearest_lang(parent) != "nl" and not inside_image(parent):
            found.append((f"<{parent.tag}>", piece))
    return found


def test_the_editors_check_sees_unmarked_dutch_in_english_sentences():
    page = ('<html lang="en"><head><title>Wijken | Open</title></head><body><p>Source: Team Bomen van de stad.</p>'
            '<p>Source: <span lang="nl">Team Bomen van de stad</span>.</p><a>Wijken</a>'
            '<svg role="img"><desc>Line chart of Wijken</desc></svg></body></html>')  # fmt: skip
    assert unmarked_editors_texts(page, {"Team Bomen van de stad", "Wijken"}) == [
        ("<p>", "Team Bomen van de stad"), ("<a>", "Wijken")]  # fmt: skip


def test_what_editors_wrote_in_dutch_is_marked_inside_english_sentences(demo_site):
    """The open data table ("<description> Source: <source>."), a chart's title, caption, column headings and
    source, the history's "Sensor added: <name>" and a story map's links to its layers: on an English page
    the editor's Dutch sits in a block marked lang="nl", or is their English text (`title_en`) when given."""
    texts = editors_texts()
    assert {"Beschermde bomen", "Gemiddelde snelheid"} <= texts and "Laadpalen" not in texts  # title_en: given
    problems = [f"{file.relative_to(demo_site)}: {what} {piece!r}" for file in html_pages(demo_site / "en")
                for what, piece in unmarked_editors_texts(file.read_text(encoding="utf-8"), texts)]  # fmt: skip
    assert not problems, f"{len(problems)} Dutch texts of editors unmarked:\n" + "\n".join(sorted(set(problems))[:60])
    open_data = (demo_site / "en" / "open-data" / "index.html").read_text(encoding="utf-8")
    assert ">Map layer Charging points (GeoJSON)<" in open_data  # the layer's title_en
    changes = (demo_site / "en" / "sensoren" / "wijzigingen" / "index.html").read_text(encoding="utf-8")
    assert ">Document published: Bodycams for enforcement officers (advice)<" in changes  # the advice's title_en


def test_the_catalogue_keeps_the_editors_sentences_whole(demo_site):
    """catalogus.json (for machines, in the site's language) describes a layer in one Dutch sentence, as before."""
    catalogue = (demo_site / "open-data" / "catalogus.json").read_text(encoding="utf-8")
    assert "niet per se. Bron: Gemeente Hilversum, team Mobiliteit (voorbeeld). Licentie: CC0-1.0." in catalogue


def test_the_lists_hold_what_each_language_says_differently(texts):
    assert {"Geluidssensor", "Actief", "te controleren", "Verwijderd"} <= texts["nl"]
    assert {"Sound sensor", "Active", "to be checked"} <= texts["en"]
    assert "Camera" not in texts["nl"] | texts["en"]  # the same word in both


def test_the_check_sees_unmarked_text_and_respects_marked_blocks(texts):
    page = ('<html lang="en"><body data-x="Actief"><p>Geluidssensor</p><p lang="nl">Geluidssensor</p>'
            '<span aria-label="Niet actief">x</span><script type="application/json">{"a": ["Gepland"]}</script>'
            '<div lang="nl"><em>Verwijderd</em></div></body></html>')  # fmt: skip
    assert sorted(piece for _what, piece in wrong_language(page, texts)) == [
        "Actief", "Geluidssensor", "Gepland", "Niet actief"]  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_interface_text_is_read_in_its_own_language(demo_site, texts, lang):
    """English pages (/en/) and Dutch pages (the root): every interface text sits in a block of its language."""
    files = html_pages(demo_site / "en") if lang == "en" else root_language_pages(demo_site)
    problems = [f"{file.relative_to(demo_site)}: {what} {piece!r}" for file in files
                for what, piece in wrong_language(file.read_text(encoding="utf-8"), texts)]  # fmt: skip
    assert not problems, f"{len(problems)} interface texts outside a block of their language:\n" + "\n".join(
        sorted(set(problems))[:80])


# --- what scripts draw, in Chromium ---


def drawn_problems(page, texts):
    return [f"{what} {piece!r}" for what, piece in wrong_language(page.content(), texts)]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_register_draws_filtered_rows_in_the_pages_language(demo_url, page, texts, lang):
    """The rows a filter draws come from the index every language shares: codes, badges and the personal-data
    column in the page's words, and a name the editor gave no translation marked lang="nl"."""
    page.goto(demo_url + ("/en" if lang == "en" else "") + "/sensoren/")
    status = page.locator("#register-status")
    before = status.inner_text()
    page.locator('input[name="type"][value="density"]').check()  # sensors with a "to be checked" badge
    expect(status).not_to_have_text(before)
    rows = page.locator("#register-tabel tbody tr")
    assert rows.count() > 0
    if lang == "en":
        assert rows.first.locator("th a").get_attribute("lang") == "nl"
        assert "Crowd and counting sensor" in rows.first.inner_text()
    assert drawn_problems(page, texts) == []
    if lang == "en":
        page.screenshot(path="/tmp/english3-register-filtered.png", full_page=True)


def open_popup(page, selector):
    marker = page.locator(selector).first
    marker.wait_for()
    marker.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    return popup


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_map_popups_speak_the_pages_language(demo_url, page, texts, lang):
    """A sensor's popup on /kaart/ and a layer's popup on its page: interface texts in the page's language, what
    editors wrote (names, purposes, a layer's fields and values) marked as Dutch on an English page."""
    prefix = "/en" if lang == "en" else ""
    page.goto(demo_url + prefix + "/kaart/")
    page.locator(".marker-cluster, .sensor-marker").first.wait_for()
    page.locator("#sensorkaart").evaluate("map => map.scrollIntoView()")
    cluster = page.locator(".marker-cluster")
    while cluster.count() and not page.locator(".sensor-marker").count():
        cluster.first.click()
        page.wait_for_timeout(400)
    popup = open_popup(page, ".sensor-marker")
    assert popup.locator("a").inner_text().startswith({"en": ENGLISH_DETAILS, "nl": DUTCH_DETAILS}[lang])
    if lang == "en":
        assert popup.locator(".map-popup__title").get_attribute("lang") == "nl"
        page.screenshot(path="/tmp/english3-map-popup.png")
    assert drawn_problems(page, texts) == []
    page.goto(demo_url + prefix + "/kaart/beschermde-bomen/")
    popup = open_popup(page, ".layer-marker--beschermde-bomen")
    if lang == "en":
        assert popup.locator("dt").first.get_attribute("lang") == "nl"
        page.screenshot(path="/tmp/english3-layer-popup.png")
    assert drawn_problems(page, texts) == []


# --- the sitemap ---


def test_the_sitemap_links_each_pages_language_versions(demo_site):
    """Google's sitemap format: every page in both languages lists both (and x-default) as xhtml:link."""
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
    alternates = {}
    for file in demo_site.glob("sitemap-*.xml"):
        for url in ElementTree.parse(file).getroot().findall("s:url", namespaces):  # well-formed, namespaced
            links = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", namespaces)}
            alternates[url.findtext("s:loc", namespaces=namespaces)] = links
    assert alternates["/sensoren/"] == alternates["/en/sensoren/"] == {
        "nl": "/sensoren/", "en": "/en/sensoren/", "x-default": "/sensoren/"}  # fmt: skip
    english = [loc for loc in alternates if loc.startswith("/en/")]
    assert english and all(alternates[loc]["en"] == loc and alternates[alternates[loc]["nl"]] == alternates[loc]
                           for loc in english)  # fmt: skip


# --- the history (a repository with a renamed and a removed sensor) ---


def test_the_history_speaks_the_pages_language(history_site, texts):  # noqa: F811
    """A removed sensor's last known codes in English on its English page, what editors wrote (its name, a
    renamed sensor's old and new name) marked lang="nl"; the Dutch pages as they were."""
    pages = [f"sensoren/{REMOVED_ID}/index.html", f"sensoren/{NEW_ID}/index.html", "sensoren/wijzigingen/index.html"]
    problems = [f"{prefix}{page}: {what} {piece!r}" for prefix in ("", "en/") for page in pages
                for what, piece in wrong_language((history_site / prefix / page).read_text(encoding="utf-8"), texts)]
    assert problems == []
    removed = LexborHTMLParser((history_site / "en" / pages[0]).read_text(encoding="utf-8"))
    assert removed.css_first("h1").attributes.get("lang") == "nl"
    renamed = LexborHTMLParser((history_site / "en" / pages[1]).read_text(encoding="utf-8"))
    changed = renamed.css_first(".history__fields li")
    assert changed.css_first("del span").attributes["lang"] == changed.css_first("ins span").attributes["lang"] == "nl"
    assert "Air quality sensor" in removed.css_first("dl.facts").text()  # its type, sensor_type: chemical
    changes = LexborHTMLParser((history_site / "en" / pages[2]).read_text(encoding="utf-8"))
    removal = next(link for link in changes.css(".history__item a") if link.text().startswith("Sensor removed: "))
    assert removal.css_first("span").attributes.get("lang") == "nl"  # "Sensor removed: <span lang=nl>name</span>"
    assert removal.css_first("span").text() == "Fijnstofmeter Hilversumse Meent"


def test_a_sensors_english_name_reaches_the_register_index_and_the_maps_only_when_given():
    """The shared register index and the maps' data carry `name_en` for the English pages, and nothing for a
    sensor without one (the index stays the size it was)."""
    from types import SimpleNamespace

    from maps import map_properties
    from sensor_register.listing import compact_index

    named = SimpleNamespace(sensor_id="A-1", name="Geluidsmeter", name_en="Sound meter", owner_organisation="X",
                            sensor_type="sound", themes=(), processes_personal_data=False, purpose="")  # fmt: skip
    plain = SimpleNamespace(**dict(vars(named), sensor_id="A-2", name_en=None))
    index = json.loads(compact_index([named, plain], [], lambda *_: [], None, lambda _s: [("Actief", "ok", "status:active")],
                                     ("name",), "sensoren/{id}/", ["en"]))  # fmt: skip
    assert index["names"] == {"en": {"A-1": "Sound meter"}}
    assert index["badges"] == [["Actief", "ok", "status:active"]]
    assert map_properties(named, ["en"])["n_en"] == "Sound meter" and "n_en" not in map_properties(plain, ["en"])


def test_a_layers_announcement_marks_its_dutch_title(demo_url, page):
    """Switching a layer on /en/kaart/ announces "<title>: <n> on the map" in the live region: the interface's
    words in English, a title the editor gave no English for in a span lang="nl", an English one unmarked."""
    page.goto(demo_url + "/en/kaart/")
    status = page.locator("#kaart-lagen-status")
    page.locator('#kaart-lagen input[value="beschermde-bomen"]').check()
    expect(status).to_contain_text("on the map")
    assert status.locator('span[lang="nl"]').inner_text() == "Beschermde bomen"
    page.locator('#kaart-lagen input[value="beschermde-bomen"]').uncheck()
    expect(status).to_contain_text("is switched off")
    page.locator('#kaart-lagen input[value="laadpalen"]').check()
    expect(status).to_contain_text("Charging points: ")
    assert status.locator("span").get_attribute("lang") is None


def test_the_register_index_carries_an_english_summary_only_when_given():
    """A page in English searches a sensor's `summary_en`: the shared index carries it for the sensors whose
    editor wrote one, and no key at all when none did (the index stays the size it was)."""
    from types import SimpleNamespace

    from sensor_register.listing import compact_index

    def index(*sensors):
        return json.loads(compact_index(list(sensors), [], lambda *_: [], None, lambda _s: [], ("name",),
                                        "sensoren/{id}/", ["en"]))  # fmt: skip

    plain = SimpleNamespace(sensor_id="A-1", name="Geluidsmeter", name_en=None, summary_en=None,
                            owner_organisation="X")  # fmt: skip
    described = SimpleNamespace(**dict(vars(plain), sensor_id="A-2", summary_en="Counts the noise of the fair"))
    assert "search_texts" not in index(plain)
    assert index(plain, described)["search_texts"] == {"en": {"A-2": "Counts the noise of the fair"}}


def test_the_english_register_search_finds_a_sensor_by_its_english_summary(demo_url, page):
    """register.js searches the index's English summaries on /en/sensoren/ (the demo has none: one is added to
    the index the browser fetches), and not on the Dutch page."""
    def with_summary(route):
        data = route.fetch().json()
        data["search_texts"] = {"en": {data["sensors"][0][0]: "Listens for the nightingale"}}
        route.fulfill(json=data)

    page.route("**/sensoren/register.json", with_summary)
    for prefix, found in (("/en", 1), ("", 0)):
        page.goto(demo_url + prefix + "/sensoren/")
        status = page.locator("#register-status")
        before = status.inner_text()
        page.locator("#register-zoek").fill("nightingale")
        expect(status).not_to_have_text(before)
        expect(page.locator("#register-tabel tbody tr")).to_have_count(found)
