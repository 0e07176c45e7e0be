# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""One class per field kind: "missing", "invalid" and "no" stay apart, in every reader and every export."""

import csv
import io
import json
import re

import pytest
from editor_files.fields import KINDS, text_issue
from editor_files.schema import Field
from extended_demo import extended_demo  # noqa: F401 (a fixture)

COLUMN = "camera_signs"  # a new optional yes/no column, as a newcomer would add it
LABEL = "Borden bij de camera"


def add_column(project):
    """The two files the schema's docstring names: the schema (with its page group) and the strings."""
    schema = project / "plugins" / "kinds" / "sensor_register" / "schema.py"
    text = schema.read_text(encoding="utf-8")
    text = text.replace('    F("notes", shown="when_filled"),\n',
                        f'    F("notes", shown="when_filled"),\n    F("{COLUMN}", "yes_no", vocabulary="yes_no"),\n')
    text = text.replace('"more": ("open_data_url", "notes")', f'"more": ("open_data_url", "notes", "{COLUMN}")')
    assert COLUMN in text and f'"notes", "{COLUMN}"' in text, "the schema's shape changed; update this test"
    schema.write_text(text, encoding="utf-8")
    strings = project / "theme" / "strings.nl.yml"
    text = strings.read_text(encoding="utf-8")
    strings.write_text(text.replace("    sensor_id: Kenmerk\n", f"    sensor_id: Kenmerk\n    {COLUMN}: {LABEL}\n", 1),
                       encoding="utf-8")  # fmt: skip


def fill_column(csv_path, values):
    """Add the column to one register file: `values` for its first rows, the rest left empty."""
    text = csv_path.read_text(encoding="utf-8-sig")
    delimiter = ";" if text.split("\n")[0].count(";") > text.split("\n")[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    rows = [row for row in rows if row]
    header, body = rows[0], rows[1:]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([*header, COLUMN])
    for index, row in enumerate(body):
        writer.writerow([*row, values[index] if index < len(values) else ""])
    csv_path.write_text(out.getvalue(), encoding="utf-8")
    return [row[header.index("sensor_id")] for row in body]


def fact(page_html, label):
    """The text of the <dd> after the <dt> holding `label` on a sensor page."""
    match = re.search(r"<dt[^>]*>" + re.escape(label) + r"</dt>\s*<dd>(.*?)</dd>", page_html, re.S)
    assert match, f"no fact {label!r} on the page"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


YES_NO_FILE = "data/sensors/gemeente-hilversum.csv"


def add_yes_no_column(project):
    """The optional yes/no column in the schema and the strings, filled in for one register file: "ja" for its
    first sensor, "nee" for its second, nothing for the rest."""
    add_column(project)
    fill_column(project / YES_NO_FILE, ["ja", "nee"])


def test_an_empty_optional_yes_no_is_not_filled_in_not_no(extended_demo):  # noqa: F811
    """`add_yes_no_column`, in a copy built with other tests' changes (extended_demo)."""
    project, output = extended_demo
    text = (project / YES_NO_FILE).read_text(encoding="utf-8")
    header = text.split("\n")[0]
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";" if header.count(";") > header.count(",") else ","))
    ids = [row["sensor_id"] for row in rows]
    assert [row[COLUMN] for row in rows[:3]] == ["ja", "nee", ""]
    said_yes, said_no, left_empty = ids[0], ids[1], ids[2]
    pages = {sensor_id: (output / "sensoren" / sensor_id / "index.html").read_text(encoding="utf-8")
             for sensor_id in (said_yes, said_no, left_empty)}  # fmt: skip
    assert fact(pages[said_yes], LABEL) == "Ja"
    assert fact(pages[said_no], LABEL) == "Nee"
    assert fact(pages[left_empty], LABEL) == "Niet ingevuld"

    rows = {row["sensor_id"]: row for row in csv.DictReader(io.StringIO(
        (output / "open-data" / "sensoren.csv").read_text(encoding="utf-8-sig")))}  # fmt: skip
    assert (rows[said_yes][COLUMN], rows[said_no][COLUMN], rows[left_empty][COLUMN]) == ("yes", "no", "")
    sensors = {s["sensor_id"]: s for s in json.loads((output / "open-data" / "sensoren.json").read_text("utf-8"))["sensors"]}
    assert (sensors[said_yes][COLUMN], sensors[said_no][COLUMN], sensors[left_empty][COLUMN]) == (True, False, None)


# --- the kinds themselves ---

YES_NO = Field("flag", "yes_no")


@pytest.mark.parametrize("text", ["ja", "Ja", "yes", "true", "1", "j", "waar"])
def test_yes_spellings(text):
    assert YES_NO.from_text(text) == (True, [])


@pytest.mark.parametrize("text", ["nee", "no", "false", "0", "n", "onwaar"])
def test_no_spellings(text):
    assert YES_NO.from_text(text) == (False, [])


def test_missing_invalid_and_no_stay_apart():
    assert YES_NO.from_text("  ") == (None, [])
    assert YES_NO.from_yaml(None) == (None, [])
    value, issues = YES_NO.from_text("misschien")
    assert value is None and issues
    assert (YES_NO.cell(None), YES_NO.cell(False), YES_NO.cell(True)) == ("", "no", "yes")
    assert (YES_NO.json_value(None), YES_NO.json_value(False)) == (None, False)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_a_missing_value_and_reads_empty_as_missing(kind):
    field = Field("x", kind)
    assert field.from_text("")[0] == field.empty
    assert field.from_yaml(None)[0] == field.empty
    json.dumps(field.json_value(field.empty), allow_nan=False)


@pytest.mark.parametrize("text", ["1" * 400, "1e400", "inf", "nan", "-Infinity", "9" * 5000])
def test_numbers_refuse_what_is_not_finite_or_too_long(text):
    for kind in ("number", "whole_number"):
        value, issues = Field("x", kind).from_text(text)
        assert value is None and issues, (kind, text)


def test_yaml_numbers_refuse_infinity():
    assert Field("x", "number").from_yaml(float("inf"))[1]
    assert Field("x", "number").from_yaml(float("nan"))[1]


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\u202e", "\u2066"])
def test_text_refuses_control_and_direction_characters(character):
    for kind in ("text", "id", "email", "url", "code"):
        value, issues = Field("x", kind).from_text(f"ab{character}cd")
        assert issues, (kind, repr(character))
    assert text_issue("regel een\nregel twee\tmet tab") is None
    assert text_issue("regel een\nregel twee", lines=False) is not None


def test_a_date_of_year_zero_is_not_a_date():
    assert Field("x", "date").from_text("0000-01-01")[1]
    assert Field("x", "date").from_text("00-01-0000")[1]


def test_a_text_that_yaml_1_1_would_read_as_yes_or_no_stays_text(tmp_path):
    """The 'Norway problem': `label_en: Yes` in a code list, a title `No` or `Off` in front matter, is the
    word the editor typed, not True or False; a yes/no field still reads yes, no, ja and nee."""
    from editor_files.vocabularies import load_code_lists
    from editor_files.yaml_text import load_yaml

    lists = tmp_path / "vocabularies.yml"
    lists.write_text("yes_no:\n  'yes': {label: Ja, label_en: Yes}\n  'no': {label: Nee, label_en: No}\n"
                     "status:\n  off: {label: Uit, label_en: Off, aliases: [on, no]}\n", encoding="utf-8")  # fmt: skip
    vocabularies, problems = load_code_lists(lists, tmp_path, ["yes_no", "status"])
    assert problems == []
    assert [vocabularies.label("yes_no", code, "en") for code in ("yes", "no")] == ["Yes", "No"]
    assert vocabularies.label("status", "off", "en") == "Off"
    assert vocabularies["status"].resolve("on") == "off"
    document, _problems = load_yaml("title: No\nsummary: Off\nconfidential: yes\n", "x.md")
    assert document.data["title"] == "No" and document.data["summary"] == "Off"
    yes_no = Field("confidential", "yes_no")
    assert yes_no.from_yaml(document.data["confidential"]) == (True, [])
    assert yes_no.from_yaml(load_yaml("a: false\n", "x.md")[0].data["a"]) == (False, [])
