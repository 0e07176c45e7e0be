# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Language is a setting: DEFAULT_LANG decides what residents read, and the demo stays Dutch.

A project copy built with DEFAULT_LANG = "en" and a partial English catalogue shows `lang="en"`,
English dates and numbers, the translated texts in English and every other text in Dutch; its
feeds, open data catalogue and search index say "en". Expected dates and numbers come from the
files the site is built from (`<time datetime>`, the open data CSVs), written out here by hand.
"""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TEST_BUILD_EPOCH, copy_project, html_pages, root_language_pages, run_build
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser
from site_language import format_date, format_number, load_interface_texts

DUTCH = yaml.safe_load((ROOT / "theme" / "strings.nl.yml").read_text(encoding="utf-8"))
BUILD_DAY = datetime.datetime.fromtimestamp(int(TEST_BUILD_EPOCH), datetime.UTC).date()
ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"]  # fmt: skip
DUTCH_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                "november", "december"]  # fmt: skip
# A partial catalogue: top-level and nested keys, a sibling of each left out (it stays Dutch).
ENGLISH_TEXTS = {
    "skip_link": "Skip to content",
    "built_on": "Updated on",
    "measurements": {"table_summary": "See the figures in a table"},
    "stadspanel": {"feed_title": "{site}: advice of the data city panel"},
    "history": {"feed_title": "{site}: changes in the sensor register"},
}
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class Notation:
    """How a language writes dates and numbers, spelled out independently of Babel."""

    def __init__(self, months, day_first, group, decimal):
        self.months, self.day_first, self.group, self.decimal = months, day_first, group, decimal
        g, d = re.escape(group), re.escape(decimal)
        self.number_pattern = re.compile(rf"-?\d{{1,3}}(?:{g}\d{{3}})*(?:{d}(\d+))?")

    def date(self, day):
        month = self.months[day.month - 1]
        return f"{day.day} {month} {day.year}" if self.day_first else f"{month} {day.day}, {day.year}"

    def axis(self, raw):
        """An open data file's axis value (2021-03-01, 2022-01, 09:00) as a chart's table writes it."""
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            return self.date(datetime.date.fromisoformat(raw))
        if re.fullmatch(r"\d{4}-\d{2}", raw):
            return f"{self.months[int(raw[5:]) - 1]} {raw[:4]}"
        return raw

    def number(self, text):
        """(value, decimals shown) of a number in this notation; AssertionError when it is written otherwise."""
        match = self.number_pattern.fullmatch(text)
        assert match, f"{text!r} is not a number written with {self.group!r} and {self.decimal!r}"
        plain = text.replace(self.group, "").replace(self.decimal, ".")
        return float(plain), len(match.group(1) or "")


ENGLISH = Notation(ENGLISH_MONTHS, day_first=False, group=",", decimal=".")
DUTCH_NOTATION = Notation(DUTCH_MONTHS, day_first=True, group=".", decimal=",")


@pytest.fixture(scope="module")
def english_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("english"))
    conf = project / "pelicanconf.py"
    text = conf.read_text(encoding="utf-8")
    assert text.count('LANGUAGES = ["nl", "en"]') == 1
    conf.write_text(text.replace('LANGUAGES = ["nl", "en"]', 'LANGUAGES = ["en"]'), encoding="utf-8")
    (project / "theme" / "strings.en.yml").write_text(yaml.safe_dump(ENGLISH_TEXTS, allow_unicode=True),
                                                      encoding="utf-8")  # fmt: skip
    output = project / "output"
    run_build(project, output)
    return output


def parse(path):
    return LexborHTMLParser(Path(path).read_text(encoding="utf-8"))


# --- the English build ---


def test_every_page_says_it_is_english(english_site):
    pages = html_pages(english_site)
    assert len(pages) > 100
    for page in pages:
        html = parse(page).css_first("html")
        assert html is not None and html.attributes.get("lang") == "en", page


def test_a_site_in_one_language_has_no_switch_and_no_language_folders(english_site):
    assert not (english_site / "en").exists() and not (english_site / "nl").exists()
    for page in html_pages(english_site)[:50]:
        tree = parse(page)
        assert tree.css_first(".site-header__languages") is None, page
        assert tree.css("link[hreflang]") == [], page
        assert tree.css("main [lang]") == [], page  # nothing to mark: every text is in the site's language


def test_translated_texts_are_english_and_missing_ones_fall_back_to_dutch(english_site):
    home = parse(english_site / "index.html")
    assert home.css_first("a.skip-link").text(strip=True) == ENGLISH_TEXTS["skip_link"]
    footer = home.css_first("footer").text()
    assert ENGLISH_TEXTS["built_on"] in footer and DUTCH["built_on"] not in footer
    # Not in the English catalogue: the Dutch text, top level and beside a translated key.
    assert home.css_first("nav.site-nav").attributes.get("aria-label") == DUTCH["nav_label"]
    sensor = parse(english_site / "sensoren" / "LUCHT-002" / "index.html")
    summaries = [node.text(strip=True) for node in sensor.css(".chart__details summary")]
    assert summaries and set(summaries) == {ENGLISH_TEXTS["measurements"]["table_summary"]}
    captions = [node.text(strip=True) for node in sensor.css(".chart__table caption")]
    dutch_caption = DUTCH["measurements"]["table_caption"].split("{title}")[0]
    assert captions and all(caption.startswith(dutch_caption) for caption in captions)


def test_dates_are_written_in_english(english_site):
    checked = 0
    for page in html_pages(english_site):
        for node in parse(page).css("time[datetime]"):
            stamp = node.attributes["datetime"]
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", stamp):
                assert node.text(strip=True) == ENGLISH.date(datetime.date.fromisoformat(stamp)), page
                checked += 1
    assert checked > 100
    footer = parse(english_site / "index.html").css_first("footer").text()
    assert ENGLISH.date(BUILD_DAY) in footer


def test_chart_tables_write_numbers_and_months_in_english(english_site):
    assert_chart_tables(english_site, ENGLISH)


def test_feeds_catalogue_and_search_say_english(english_site):
    panel = ET.parse(english_site / "stadspanel" / "feed.atom").getroot()
    assert panel.get(XML_LANG) == "en"
    assert panel.find(f"{ATOM}title").text == ENGLISH_TEXTS["stadspanel"]["feed_title"].replace("{site}",
                                                                                                  "Open Hilversum")
    assert panel.find(f"{ATOM}subtitle").text == DUTCH["stadspanel"]["feed_description"]  # not translated
    changes = ET.parse(english_site / "sensoren" / "wijzigingen.atom").getroot()
    assert changes.get(XML_LANG) == "en"
    assert changes.find(f"{ATOM}title").text.endswith("changes in the sensor register")
    assert_catalogue_language(english_site, "en", "ENG")
    entry = json.loads((english_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"en"}


# --- the demo, Dutch by default ---


def test_the_demo_is_dutch(demo_site):
    for page in root_language_pages(demo_site):  # and English under /en/: tests/test_english.py
        assert parse(page).css_first("html").attributes.get("lang") == "nl", page
    times = [node for page in root_language_pages(demo_site)[:40] for node in parse(page).css("time[datetime]")]
    assert times
    for node in times:
        assert node.text(strip=True) == DUTCH_NOTATION.date(datetime.date.fromisoformat(node.attributes["datetime"]))
    assert_chart_tables(demo_site, DUTCH_NOTATION)
    for feed in ("stadspanel/feed.atom", "sensoren/wijzigingen.atom"):
        assert ET.parse(demo_site / feed).getroot().get(XML_LANG) == "nl"
    assert_catalogue_language(demo_site, "nl", "NLD")
    entry = json.loads((demo_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"nl"}  # English has a bundle of its own, in pagefind/en/ (test_pages.py)


def test_no_language_literal_in_templates_or_scripts():
    literal = re.compile(r"""lang=["']nl|["'](nl|nl-NL|nl_NL)["']""")
    files = sorted((ROOT / "theme" / "templates").glob("*.html")) + sorted((ROOT / "theme" / "static").rglob("*.js"))
    offending = [f"{path.name}:{number}" for path in files
                 for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                 if literal.search(line)]  # fmt: skip
    assert offending == []


def assert_chart_tables(site, notation):
    """Every unfiltered chart table on the sensor pages shows its open data file's values, in the notation."""
    figures = [figure for page in sorted((site / "sensoren").glob("*/index.html"))
               for figure in parse(page).css("figure.chart") if figure.css_first(".chart__note") is None]  # fmt: skip
    assert figures
    decimals_seen = False
    for figure in figures:
        csv_url = next(a.attributes["href"] for a in figure.css("a") if a.attributes["href"].endswith(".csv"))
        rows = list(csv.DictReader(io.StringIO((site / csv_url.lstrip("/")).read_text(encoding="utf-8-sig"))))
        axis_name = next(iter(rows[0]))
        columns = [th.attributes["data-kolom"] for th in figure.css("thead th[data-kolom]")]
        table = [[cell.text(strip=True) for cell in tr.css("th, td")] for tr in figure.css("tbody tr")]
        assert sorted(row[0] for row in table) == sorted(notation.axis(row[axis_name]) for row in rows)
        for index, column in enumerate(columns, 1):
            shown = [notation.number(row[index]) for row in table if row[index] != DUTCH["measurements"]["missing"]]
            decimals = {places for _, places in shown}
            assert len(decimals) == 1, f"{csv_url} {column}: one number of decimals a column"
            places = decimals.pop()
            decimals_seen = decimals_seen or places > 0
            expected = [round(float(row[column]), places) for row in rows if row[column] != ""]
            assert sorted(value for value, _ in shown) == sorted(expected), f"{csv_url} {column}"
    assert decimals_seen


def assert_catalogue_language(site, tag, eu_code):
    catalogue = json.loads((site / "open-data" / "catalogus.json").read_text(encoding="utf-8"))
    languages = set()
    tags = set()

    def walk(value):
        if isinstance(value, dict):
            if "dct:language" in value:
                languages.add(value["dct:language"]["@id"])
            if "@language" in value:
                tags.add(value["@language"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(catalogue)
    assert languages == {f"http://publications.europa.eu/resource/authority/language/{eu_code}"}
    assert tags == {tag}


# --- the language module, without a build ---


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_numbers_round_as_python_and_take_the_languages_separators(value, decimals):
    english = f"{value:,.{decimals}f}"
    assert format_number(value, "en", decimals) == english
    assert format_number(value, "nl", decimals) == english.replace(",", "\0").replace(".", ",").replace("\0", ".")


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2200, 12, 31)))
def test_dates_in_dutch_and_english(day):
    assert format_date(day, "nl") == DUTCH_NOTATION.date(day)
    assert format_date(day, "en") == ENGLISH.date(day)


def test_a_missing_measurement_is_empty():
    assert format_number(float("nan"), "nl") == "" and format_number(None, "en") == ""


def test_a_partial_catalogue_falls_back_to_dutch_and_a_typo_is_named(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "strings.nl.yml").write_text((ROOT / "theme" / "strings.nl.yml").read_text(encoding="utf-8"),
                                          encoding="utf-8")  # fmt: skip
    (theme / "strings.en.yml").write_text("built_on: Updated on\nhistory:\n  feed_title: Changes\n", encoding="utf-8")
    texts = load_interface_texts(theme, "en")
    assert texts["built_on"] == "Updated on" and texts["history"]["feed_title"] == "Changes"
    assert texts["nav_label"] == DUTCH["nav_label"]
    assert texts["history"]["feed_description"] == DUTCH["history"]["feed_description"]
    assert load_interface_texts(theme, "nl") == DUTCH
    assert load_interface_texts(theme, "fy") == DUTCH  # no Frisian catalogue yet: all Dutch
    (theme / "strings.en.yml").write_text("histroy:\n  feed_title: Changes\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"strings\.en\.yml: 'histroy' is not a text of strings\.nl\.yml"):
        load_interface_texts(theme, "en")
