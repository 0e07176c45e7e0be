# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Property tests of every reader not covered by test_editor_files_properties (register, Stadspanel and
pages are there): field kinds, layers, datasets, stories and their embeds, vocabularies, settings and
Markdown. Any input gives values or problems, never an exception; and whatever a reader accepted, the
exporters write as valid JSON (no NaN or Infinity) and as CSV that reads back the same.
"""

import csv
import datetime
import io
import json
import math
import string

import pytest
import yaml
from conftest import ROOT
from editor_files.fields import KINDS
from editor_files.markdown_text import bracket_problems, render_markdown
from editor_files.messages import Message
from editor_files.problems import ContentError, Problem
from editor_files.schema import Field
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FAST = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
BBOX = {"south": 52.17, "west": 5.10, "north": 52.27, "east": 5.24}
# Characters editors and their tools produce, with the ones that break feeds, CSV, JSON and Markdown.
AWKWARD = st.sampled_from(list("[]()!|;,\"'\\{}:#-*_\n\t\r ") + ["\x00", "\x1b", "\u2028", "\u202e", "\u2066", "é",
                          "NaN", "Infinity", "1e400", "9" * 40, "ja", "nee", "true", "0000-01-01", "2025-02-30"])
TEXT = st.lists(st.one_of(AWKWARD, st.text(max_size=6)), max_size=12).map("".join)
YAML_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
              TEXT, st.dates()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)),
    max_leaves=12)  # fmt: skip


def csv_round_trip(cells):
    out = io.StringIO()
    csv.writer(out).writerow(cells)
    return next(csv.reader(io.StringIO(out.getvalue(), newline="")))


def assert_exports(field, value):
    """A value a kind accepted: JSON without NaN that reads back, a CSV cell that reads back."""
    as_json = json.dumps({"v": field.json_value(value)}, allow_nan=False)
    assert json.loads(as_json)["v"] == json.loads(as_json)["v"]
    cell = field.cell(value)
    text = "" if cell is None else str(cell)
    assert csv_round_trip([text]) == [text]


# --- field kinds ---------------------------------------------------------------------------------


@FAST
@given(kind=st.sampled_from(sorted(KINDS)), text=TEXT)
def test_every_kind_reads_any_cell(kind, text):
    field = Field("x", kind, example="1")
    value, issues = field.from_text(text)
    assert all(isinstance(issue.message, Message) and str(issue.message) for issue in issues)
    if not issues:
        assert_exports(field, value)
        if isinstance(value, float):
            assert math.isfinite(value)


@FAST
@given(kind=st.sampled_from(sorted(KINDS)), value=YAML_VALUE)
def test_every_kind_reads_any_yaml_value(kind, value):
    field = Field("x", kind, example="1")
    result, issues = field.from_yaml(value)
    if not issues and kind != "list":
        assert_exports(field, result)


# --- layers --------------------------------------------------------------------------------------


GEOJSON_PIECES = st.sampled_from(['{"type": "FeatureCollection", "features": [', "]}", '{"type": "Feature", ',
                                  '"geometry": {"type": "Point", "coordinates": [5.17, 52.22]}', ', "properties": ',
                                  '{"naam": "x"}', "NaN", "Infinity", "-Infinity", "1e400", "9" * 5000, '"features": []',
                                  ",", "{", "}", "[", "]", '"a": 1, "a": 2', "null", "\n", '"\\u202e"', '"\x00"'])  # fmt: skip


@FAST
@given(st.lists(st.one_of(GEOJSON_PIECES, TEXT), max_size=20).map("".join))
def test_a_layer_file_gives_features_or_problems(text):
    from map_layers.reader import read_geojson

    features, _names, problems = read_geojson(text, "data/layers/x.geojson", "points", BBOX)
    assert all(isinstance(p, Problem) for p in problems)
    if not problems:
        json.loads(json.dumps(features, allow_nan=False))


def test_a_layer_refuses_nan_and_a_key_given_twice():
    from map_layers.reader import read_geojson

    point = '{"type": "Feature", "geometry": {"type": "Point", "coordinates": [%s, 52.22]}, "properties": {}}'
    for text in ('{"type": "FeatureCollection", "features": [%s]}' % (point % "NaN"),
                 '{"type": "FeatureCollection", "features": [%s]}' % (point % ("1" * 400)),
                 '{"type": "FeatureCollection", "features": [], "features": [%s]}' % (point % "5.17")):  # noqa: UP031
        assert read_geojson(text, "x.geojson", "points", BBOX)[2], text


@FAST
@given(st.lists(st.lists(TEXT, min_size=1, max_size=4), max_size=6))
def test_a_layer_csv_gives_points_or_problems(rows):
    from map_layers.reader import read_csv_points

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["latitude", "longitude", "naam"])
    writer.writerows(rows)
    features, _names, problems = read_csv_points(out.getvalue(), "data/layers/x.csv", BBOX)
    if not problems:
        json.loads(json.dumps(features, allow_nan=False))


# --- datasets ------------------------------------------------------------------------------------

MANIFEST = {"title": "T", "description": "D", "file": "m.csv", "axis": "dag", "period_start": "2021-01-01",
            "period_end": "2021-12-31", "source": "S", "licence": "CC0-1.0", "example": True,
            "columns": {"dag": {"label": "Dag", "type": "date"}, "n": {"label": "N", "type": "number"},
                        "k": {"label": "K", "type": "whole_number"}}}  # fmt: skip


@FAST
@given(key=st.sampled_from(sorted(MANIFEST)), value=YAML_VALUE, cells=st.lists(st.tuples(TEXT, TEXT), max_size=5))
def test_a_dataset_gives_a_catalogue_or_problems(tmp_path_factory, key, value, cells):
    from measurements.datasets import load_datasets

    folder = tmp_path_factory.mktemp("metingen")
    manifest = {"bench": {**MANIFEST, key: value}}
    try:
        text = yaml.safe_dump(manifest, allow_unicode=True)
    except yaml.YAMLError:
        return
    (folder / "datasets.yml").write_text(text, encoding="utf-8")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["dag", "n", "k"])
    writer.writerows([("2021-03-01", n, k) for n, k in cells] or [("2021-03-01", "1", "2")])
    (folder / "m.csv").write_text(out.getvalue(), encoding="utf-8")
    catalogue, problems = load_datasets(folder, folder.parent)
    assert (catalogue is None) == bool(problems)
    if catalogue is not None:
        from measurements import dataset_json, records
        from measurements.datasets import raw_value

        for dataset in catalogue.datasets.values():
            names = list(dataset.columns)
            rows = [[raw_value(row[name], dataset.columns[name]) for name in names] for row in records(dataset.frame)]
            json.loads(json.dumps(dataset_json(dataset, names, rows), allow_nan=False))
            for row in rows:
                assert csv_round_trip(row) == row


# --- stories and their embeds --------------------------------------------------------------------

EMBED = st.sampled_from(["[[kaart ", "[[kerncijfer ", "[[grafiek ", "[[kaarten ", "sensoren=", "lagen=", "dataset=",
                         "kolom=", "midden=", "52.2,5.17", "1e400,5", "zoom=", '"', "]]", "=", " "])  # fmt: skip


@FAST
@given(st.lists(st.one_of(EMBED, TEXT), max_size=15).map("".join))
def test_an_embed_line_gives_an_embed_or_problems(line):
    from conftest import demo_records
    from stories import sources_of
    from stories.checks import check_embed
    from stories.embeds import parse_embed

    embed, found = parse_embed("[[" + line, 3)
    if embed is not None:
        found = check_embed(embed, sources_of(demo_records(), _settings()))
    assert all(len(item) == 3 for item in found)


def _settings():
    from conftest import SETTINGS

    return SETTINGS


@FAST
@given(st.lists(st.one_of(EMBED, TEXT, st.just("\n"), st.just("Themes: ")), max_size=25).map("".join))
def test_a_story_gives_problems_or_none(tmp_path_factory, text):
    from stories.checks import Sources, check_story

    path = tmp_path_factory.mktemp("verhalen") / "verhaal.MD"
    path.write_text(text, encoding="utf-8")
    found = check_story(path, "content/verhalen/verhaal.MD", Sources(bbox=BBOX, themes={"air": "Lucht"}))
    assert all(isinstance(p, Problem) for p in found)


# --- Markdown ------------------------------------------------------------------------------------


@FAST
@given(st.lists(st.one_of(st.sampled_from(["[", "![", "](", ")", "]", "\n\n", "[x](y) "]), TEXT), max_size=40)
       .map("".join))
def test_markdown_renders_any_text_and_names_crowded_brackets(text):
    html = render_markdown(text)
    assert "\ue000" not in html.replace("\ue000", "") and isinstance(html, str)
    for problem in bracket_problems(text, "x.md"):
        assert 1 <= problem.line <= text.count("\n") + 1


def test_a_page_of_brackets_is_named_at_its_line_and_rendered_as_typed():
    text = "Title: Haken\n\nEen [link](https://www.hilversum.nl/).\n\n" + "[" * 40_000 + "\n"
    problems = bracket_problems(text, "content/pages/haken.md")
    assert [(p.line, p.field) for p in problems] == [(5, "text")]
    html = render_markdown(text)
    assert html.count("[") == 40_000 and 'href="https://www.hilversum.nl/"' in html


# --- vocabularies --------------------------------------------------------------------------------


@FAST
@given(code=st.one_of(TEXT, st.integers(), st.none()), spec=YAML_VALUE)
def test_vocabularies_give_code_lists_or_problems(tmp_path_factory, code, spec):
    from editor_files.vocabularies import load_code_lists

    folder = tmp_path_factory.mktemp("vocabularies")
    try:
        text = yaml.safe_dump({"lijst": {code: spec, "goed": {"label": "Goed"}}}, allow_unicode=True)
    except yaml.YAMLError:
        return
    path = folder / "vocabularies.yml"
    path.write_text(text, encoding="utf-8")
    vocabularies, problems = load_code_lists(path, folder, ("lijst",))
    assert (vocabularies is None) == bool(problems)
    if vocabularies is not None:
        for term in vocabularies["lijst"]:
            assert term.code and "|" not in term.code


@pytest.mark.parametrize("code", ["", "a|b", "'  '"])
def test_a_code_that_is_empty_or_holds_a_bar_is_refused(tmp_path, code):
    from editor_files.vocabularies import load_code_lists

    path = tmp_path / "vocabularies.yml"
    path.write_text(f"lijst:\n  {code or repr(code)}: {{label: X}}\n  goed: {{label: Goed}}\n", encoding="utf-8")
    vocabularies, problems = load_code_lists(path, tmp_path, ("lijst",))
    assert vocabularies is None and problems


# --- settings ------------------------------------------------------------------------------------


@FAST
@given(st.lists(st.one_of(st.sampled_from(["{id}", "{", "}", "{slug}", "{0}", "/", "{id!r}", "{id:>9999}"]),
                          st.text(string.printable, max_size=4)), max_size=6).map("".join))
def test_a_page_pattern_setting_is_used_or_named(pattern):
    from site_records.settings import checked_pattern

    try:
        checked = checked_pattern("SENSOR_URL", pattern)
    except ContentError as error:
        assert error.problems and error.problems[0].field == "SENSOR_URL"
        return
    checked.format(id="HLV-001")


@FAST
@given(days=st.one_of(st.integers(), st.floats(), st.text(max_size=4), st.none(), st.booleans()),
       contact=st.one_of(st.text(max_size=12), st.just("mailto:a@b.nl")))
def test_security_txt_settings_give_a_file_or_problems(days, contact):
    from sitemap.security_txt import security_txt, settings_problems

    values = {"SECURITY_CONTACT": contact, "SECURITY_TXT_VALID_DAYS": days, "BUILD_DATE": datetime.date(2026, 1, 1)}
    if not settings_problems(values):
        text = security_txt(values)  # None: no contact, no file
        assert text is None or text.startswith("Contact: ") and "Expires: " in text


def test_the_demo_vocabularies_hold_the_stadspanel_lists():
    from stadspanel.reader import load_codes
    from stadspanel.schema import CODE_LISTS

    codes, problems = load_codes(ROOT)
    assert not problems
    for name, known in CODE_LISTS.items():
        assert set(codes[name].codes) == set(known)
    assert codes["kind"].suggestion("adviesverzoek") == "request"
    assert codes["party"].resolve("gemeente") == "municipality"
