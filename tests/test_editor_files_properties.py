# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Property tests of the reading layer: whatever bytes an editor commits, the readers answer.

Valid demo files (the register's CSVs, the Stadspanel documents, the pages) are mutated at
random: bytes inserted, lines deleted, duplicated or swapped, fields swapped, front matter
replaced by random YAML. Every reader must then return either records or a non-empty list of
problems, each starting with `path:line:` for a file it read and a line inside that file;
never an exception, and never slowly.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SETTINGS
from content_check.pages import PAGE_FOLDERS, folder_rules, read_page
from editor_files.memo import BuildCache, using
from editor_files.yaml_text import load_yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sensor_register import load_register
from sensor_register.csv_reader import read_csv
from stadspanel.panel import load_panel

# PROPERTY_EXAMPLES=2000 for a longer hunt; no example database is written into the project.
QUICK = settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", 150)), deadline=2000, database=None,
                 suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
LOCATED = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): ")
TODAY = SETTINGS["BUILD_DATE"]
CSV_FILES = sorted(p.name for p in (ROOT / "data" / "sensors").glob("*.csv"))
PANEL_FILES = sorted(p.relative_to(ROOT / "content" / "stadspanel").as_posix()
                     for p in (ROOT / "content" / "stadspanel").rglob("*.md"))  # fmt: skip
PAGE_FILES = sorted(p.relative_to(ROOT / "content").as_posix()
                    for folder in PAGE_FOLDERS for p in (ROOT / "content" / folder).glob("*.md"))  # fmt: skip
# Bytes editors' tools and hostile editors produce: delimiters, quotes, fences, YAML syntax, other encodings.
NASTY = [b'"', b";", b",", b"\r", b"\r\n", b"\x00", b"\xe9", b"\xc3", b"\xef\xbb\xbf", b"\xff\xfe", b"---", b"\t",
         b"&a ", b"*a", b"<<: ", b"!!python/object ", b"{", b"[", b"#", b": ", b"- ", b"|", b"'", b"%", b"@", b"`",
         "µg/m³".encode(), "é".encode("cp1252"), b"9" * 5000]  # fmt: skip


# --- mutations -----------------------------------------------------------------------------------


@st.composite
def mutated(draw, original):
    """The bytes of a valid file after one to three careless (or hostile) edits."""
    data = original
    for _ in range(draw(st.integers(1, 3))):
        lines = data.split(b"\n")
        edit = draw(st.sampled_from(["insert", "delete", "duplicate", "swap_lines", "swap_fields", "truncate"]))
        index = draw(st.integers(0, len(lines) - 1))
        if edit == "insert":
            position = draw(st.integers(0, len(data)))
            extra = draw(st.one_of(st.binary(min_size=1, max_size=12), st.sampled_from(NASTY)))
            data = data[:position] + extra + data[position:]
            continue
        if edit == "delete":
            del lines[index]
        elif edit == "duplicate":
            lines.insert(index, lines[index])
        elif edit == "swap_lines":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif edit == "swap_fields":
            lines[index] = swap_fields(lines[index], draw(st.integers(0, 50)), draw(st.integers(0, 50)))
        else:
            lines = lines[: index + 1]
        data = b"\n".join(lines)
    return data


def swap_fields(line, first, second):
    """Two values of a CSV row (`;` or `,`) or of a `key: value` line swapped."""
    separator = b";" if line.count(b";") > line.count(b",") else b","
    if b": " in line and line.count(separator) < 2:
        key, _, value = line.partition(b": ")
        return value + b": " + key
    fields = line.split(separator)
    first, second = first % len(fields), second % len(fields)
    fields[first], fields[second] = fields[second], fields[first]
    return separator.join(fields)


KNOWN_KEYS = ["title", "kind", "date", "confidential", "summary", "themes", "sensors", "status", "dossier",
              "questions", "recommendations", "answers", "advice_due", "reason", "review_on", "id", "text",
              "recommendation", "decision", "progress", "milestones", "done", "implement_by"]  # fmt: skip
SCALARS = st.one_of(
    st.text(max_size=20),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.none(),
    st.sampled_from(
        [
            "2020-10-01",
            "31-12-2020",
            "2020-02-30",
            "true",
            "ja",
            "nee",
            "request",
            "advice",
            "response",
            "conversation_note",
            "meeting_report",
            "draft",
            "hidden",
            "A1",
            "privacy",
            "adopted",
            "done",
            "HLV-DRK-001",
        ]
    ),  # fmt: skip
)
KEYS = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(min_size=1, max_size=12))
RANDOM_YAML = st.recursive(
    SCALARS, lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=6),
    max_leaves=25,
)  # fmt: skip
RANDOM_FRONT_MATTER = st.dictionaries(KEYS, RANDOM_YAML, max_size=10)


def with_front_matter(original, data):
    """A Markdown document whose front matter is replaced by `data` (dumped as YAML)."""
    text = original.decode("utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") and "\n---\n" in text else text
    return ("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body).encode("utf-8")


# --- what every answer must look like ------------------------------------------------------------


def line_counts(root, shown_paths):
    counts = {}
    for shown in shown_paths:
        path = Path(root) / shown
        if path.is_file() and not path.is_symlink():
            # Line breaks as editors' tools (and the csv module) count them: \r\n, \n, and a lone \r.
            counts[shown] = len(re.split(rb"\r\n|\r|\n", path.read_bytes()))
    return counts


def assert_answered(result, problems, root, under):
    """Records, or problems that each name a file under `under` and a line inside it."""
    if result is not None and not problems:
        return
    assert problems, "neither records nor problems"
    located = [(str(p), LOCATED.match(str(p))) for p in problems]
    for text, match in located:
        assert match, f"not 'path:line: ...': {text!r}"
        assert match["path"].startswith(under), text
    counts = line_counts(root, {m["path"] for _, m in located})
    for text, match in located:
        line = int(match["line"])
        assert 1 <= line <= counts.get(match["path"], line), f"line {line} is outside the file: {text!r}"


# --- the readers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A copy of the register and the Stadspanel documents that examples change and restore."""
    root = tmp_path_factory.mktemp("properties")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "content", root / "content")
    load_register(root / "data", SETTINGS["MUNICIPALITY_BBOX"], root, TODAY)  # warm up (pyproj)
    return root


class Changed:
    """A file of the workspace with other bytes for the duration of one example."""

    def __init__(self, path, data):
        self.path, self.data = Path(path), data

    def __enter__(self):
        self.original = self.path.read_bytes()
        self.path.write_bytes(self.data)
        return self.path

    def __exit__(self, *exc):
        self.path.write_bytes(self.original)


def original(root, relative):
    return (Path(root) / relative).read_bytes()


@QUICK
@given(data=st.data())
def test_read_csv_answers_any_mutation(workspace, data):
    name = data.draw(st.sampled_from(CSV_FILES))
    relative = f"data/sensors/{name}"
    mutation = data.draw(mutated(original(workspace, relative)))
    with Changed(workspace / relative, mutation) as path:
        rows, problems = read_csv(path, relative)
        assert_answered(rows, problems, workspace, relative)


# The rows validated, kept by their file, line and values between examples as `make serve` keeps them between
# builds (and one RD New transformer): each example validates again only the rows its edit changed or moved, and
# the whole register is checked together as always (ids used twice, the files' headers).
REGISTER_READINGS = BuildCache()


@QUICK
@given(data=st.data())
def test_load_register_answers_any_mutation(workspace, data):
    name = data.draw(st.sampled_from(CSV_FILES))
    relative = f"data/sensors/{name}"
    mutation = data.draw(mutated(original(workspace, relative)))
    with Changed(workspace / relative, mutation), using(REGISTER_READINGS):
        register, problems = load_register(workspace / "data", SETTINGS["MUNICIPALITY_BBOX"], workspace, TODAY)
        assert_answered(register, problems, workspace, "data/")


# The documents read, kept by their bytes between examples as `make serve` keeps them between builds: each
# example reads again only the one it changed, and the whole panel is checked together as always.
PANEL_READINGS = BuildCache()


def panel_answer(workspace, relative, data):
    with Changed(workspace / "content" / "stadspanel" / relative, data), using(PANEL_READINGS):
        panel, problems = load_panel(workspace / "content" / "stadspanel", workspace, SETTINGS["STADSPANEL_THEMES"],
                                     TODAY)  # fmt: skip
        assert_answered(panel, problems, workspace, "content/stadspanel/")


@QUICK
@given(data=st.data())
def test_load_panel_answers_any_mutation(workspace, data):
    relative = data.draw(st.sampled_from(PANEL_FILES))
    source = original(workspace, f"content/stadspanel/{relative}")
    panel_answer(workspace, relative, data.draw(mutated(source)))


@QUICK
@given(data=st.data(), front_matter=RANDOM_FRONT_MATTER)
def test_load_panel_answers_any_front_matter(workspace, data, front_matter):
    relative = data.draw(st.sampled_from(PANEL_FILES))
    source = original(workspace, f"content/stadspanel/{relative}")
    panel_answer(workspace, relative, with_front_matter(source, front_matter))


YAML_ALPHABET = st.sampled_from(list("&*!<>:-[]{}#|'\"\n ?,%@`\t\\ab19.é") + ["<<", "---", "...", "!!", "0x"])


@QUICK
@given(text=st.one_of(st.lists(YAML_ALPHABET, max_size=60).map("".join), st.text(max_size=80),
                      RANDOM_FRONT_MATTER.map(lambda d: yaml.safe_dump(d, allow_unicode=True))))  # fmt: skip
def test_load_yaml_answers_any_text(text):
    document, problems = load_yaml(text, "content/x.md", first_line=2)
    if document is not None:
        assert problems == []
        return
    assert problems
    last_line = text.count("\n") + 2 + 1  # a complaint about the end may point just past it
    for problem in problems:
        match = LOCATED.match(str(problem))
        assert match and match["path"] == "content/x.md", str(problem)
        assert 2 <= int(match["line"]) <= last_line, str(problem)


@QUICK
@given(data=st.data())
def test_read_page_answers_any_mutation(workspace, data):
    relative = data.draw(st.sampled_from(PAGE_FILES))
    folder = relative.split("/")[0]
    required, patterns = folder_rules(folder, SETTINGS)
    shown = f"content/{relative}"
    mutation = data.draw(mutated(original(workspace, shown)))
    with Changed(workspace / shown, mutation) as path:
        page, problems = read_page(path, shown, required, patterns, SETTINGS)
        assert page is not None or problems
        assert_answered(page, problems, workspace, shown)


@QUICK
@given(digits=st.integers(1, 6000), key=st.sampled_from(["summary", "progress", "title"]))
def test_load_yaml_answers_numbers_of_any_length(digits, key):
    text = f"{key}: {'7' * digits}\n"
    document, problems = load_yaml(text, "content/x.md", first_line=2)
    assert document is not None or [str(p) for p in problems if str(p).startswith("content/x.md:2: ")]
