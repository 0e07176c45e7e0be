# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Editors read every message in Dutch: the code gives message ids (`msg("...")`), Babel's extraction finds
them all (babel.cfg), and the catalogue theme/locale/nl/LC_MESSAGES/editor.po has the Dutch of each."""

import ast
import functools
import re
import string

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from conftest import ROOT
from editor_files.messages import catalogue, catalogue_path, english, msg, placeholders
from editor_files.problems import ContentError, Problem, did_you_mean

PLUGINS = ROOT / "plugins"
PO = ROOT / "theme" / "locale" / "nl" / "LC_MESSAGES" / "editor.po"


def extract(plugins=PLUGINS, config=ROOT / "babel.cfg"):
    """{message id: [place]} of every message Babel's extraction finds with the project's own config."""
    with open(config, encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file, str(config))
    found = {}
    for filename, line, message, _comments, _context in extract_from_dir(plugins, method_map, options_map, keywords={}):
        found.setdefault(message, []).append(f"plugins/{filename}:{line}")
    return found


def read_catalogue(path=PO):
    with open(path, "rb") as file:
        return {m.id: m for m in read_po(file) if m.id}


@functools.cache
def extracted():
    return extract()


@functools.cache
def entries():
    return read_catalogue()


def missing_dutch(found, catalogue_entries):
    return [f"{places[0]}: {msgid!r}" for msgid, places in found.items()
            if msgid not in catalogue_entries or not catalogue_entries[msgid].string.strip()
            or catalogue_entries[msgid].fuzzy]  # fmt: skip


def unused_entries(found, catalogue_entries):
    return [msgid for msgid in catalogue_entries if msgid not in found]


def placeholder_mismatches(catalogue_entries):
    wrong = []
    for msgid, entry in catalogue_entries.items():
        try:
            same = placeholders(entry.string) == placeholders(msgid)
        except ValueError:  # a single brace: str.format could not fill it in
            same = False
        if entry.string and not same:
            wrong.append(f"{msgid!r} -> {entry.string!r}")
    return wrong


def test_babel_finds_the_messages_of_every_plugin():
    places = {place.split("/")[2] for found in extracted().values() for place in found}
    assert len(extracted()) > 600
    assert {"editor_files", "content_check", "publication_safety", "stadspanel", "map_layers"} <= places


def test_every_message_id_has_dutch():
    missing = missing_dutch(extracted(), entries())
    assert not missing, f"no Dutch in {PO.relative_to(ROOT)} for (see babel.cfg to update it):\n" + "\n".join(missing)


def test_every_dutch_entry_is_a_message_the_code_still_gives():
    unused = unused_entries(extracted(), entries())
    assert not unused, f"no code gives these messages any more; remove them from the catalogue: {unused}"


def test_every_dutch_entry_fills_in_the_placeholders_of_its_id():
    wrong = placeholder_mismatches(entries())
    assert not wrong, "the Dutch must use exactly the {placeholders} of its message id:\n" + "\n".join(wrong)


def test_the_checks_fail_on_a_wrong_catalogue(tmp_path):
    """Each check above really fails: an id without Dutch, Dutch no code uses, a placeholder that differs."""
    code = tmp_path / "plugins" / "new_plugin"
    code.mkdir(parents=True)
    (code / "__init__.py").write_text('from editor_files.messages import msg\n'
                                      'A = msg("is brand new")\nB = msg("\'{text}\' is odd", text=1)\n'
                                      'C = msg("is empty")\n', encoding="utf-8")  # fmt: skip
    found = extract(tmp_path / "plugins")
    assert set(found) == {"is brand new", "'{text}' is odd", "is empty"}
    po = tmp_path / "editor.po"
    po.write_text('msgid "\'{text}\' is odd"\nmsgstr "\'{tekst}\' is oneven"\n\nmsgid "is empty"\nmsgstr ""\n\n'
                  'msgid "is gone"\nmsgstr "is weg"\n', encoding="utf-8")  # fmt: skip
    wrong = read_catalogue(po)
    assert [m.split(": ", 1)[1] for m in missing_dutch(found, wrong)] == ["'is brand new'", "'is empty'"]
    assert unused_entries(found, wrong) == ["is gone"]
    assert placeholder_mismatches(wrong) == ["\"'{text}' is odd\" -> \"'{tekst}' is oneven\""]


def message_calls():
    for path in sorted(PLUGINS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "msg":
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node


def test_every_message_id_is_a_plain_literal_and_gets_exactly_its_values():
    """What Babel cannot read (an f-string, a name) would never be translated; a value left out shows English."""
    wrong = []
    for place, call in message_calls():
        if not call.args or not isinstance(call.args[0], ast.Constant) or not isinstance(call.args[0].value, str):
            wrong.append(f"{place}: the message id is not a string literal")
        elif len(call.args) > 1 or {k.arg for k in call.keywords} != placeholders(call.args[0].value):
            wrong.append(f"{place}: the values passed are not the placeholders of {call.args[0].value!r}")
    assert not wrong, "\n".join(wrong)


SINKS = {"Problem": (3, 4), "Issue": (0, 1)}  # the message and hint of a Problem and of a field kind's Issue


def test_no_problem_is_written_as_finished_text():
    """`Problem(..., "is empty")` or an f-string would reach an editor untranslated: a message is `msg(...)`."""
    wrong = []
    for path in sorted(PLUGINS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None) and getattr(node.func, "id", getattr(node.func, "attr", None))
            if not isinstance(node, ast.Call) or name not in SINKS:
                continue
            arguments = [node.args[i] for i in SINKS[name] if i < len(node.args)]
            arguments += [k.value for k in node.keywords if k.arg in ("message", "hint")]
            for argument in arguments:
                if isinstance(argument, ast.JoinedStr) or isinstance(argument, ast.Constant) and argument.value:
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(argument)}")
    assert not wrong, "write these as msg(...):\n" + "\n".join(wrong)


def test_the_catalogue_is_the_dutch_one_the_site_reads():
    assert catalogue_path() == PO
    assert catalogue() == {msgid: entry.string for msgid, entry in entries().items()}


# --- what an editor reads ---


def test_a_problem_reads_in_dutch_with_its_fix():
    problem = Problem("data/sensors/gemeente.csv", 14, "latitude", msg("'{text}' is not a number", text="52,2x"),
                      msg("e.g. {example}", example="52.2231"))  # fmt: skip
    assert str(problem) == "data/sensors/gemeente.csv:14: latitude: '52,2x' is geen getal (bijvoorbeeld 52.2231)"
    assert problem.in_english() == "data/sensors/gemeente.csv:14: latitude: '52,2x' is not a number (e.g. 52.2231)"


def test_did_you_mean_reads_in_dutch_and_the_field_stays_as_written():
    hint = did_you_mean("lattitude", ["latitude", "longitude"])
    problem = Problem("data/sensors/gemeente.csv", 1, "lattitude", msg("is not a column of the register"), hint)
    assert str(problem) == "data/sensors/gemeente.csv:1: lattitude: is geen kolom van het register (bedoelt u 'latitude'?)"
    assert str(did_you_mean("x", ["active", "planned"])) == "mogelijk zijn: active, planned"


def test_values_are_filled_in_after_translation_and_a_message_value_is_translated_too():
    summary = str(ContentError([Problem("a.md", 1, "x", msg("is empty"))] * 2, msg("The content")))
    assert summary == "2 probleem/problemen in de inhoud, hierboven genoemd; er is niets gepubliceerd."
    # A value is never translated itself, even when it reads like a message.
    assert str(msg("'{text}' is not a known code", text="is empty")) == "'is empty' is geen bekende code"


def test_a_message_without_dutch_stays_english_and_never_breaks_a_build(tmp_path):
    assert str(Problem("a.csv", 2, "x", msg("is brand new {n}", n=1), "no entry")) == "a.csv:2: x: is brand new 1 (no entry)"
    broken = tmp_path / "editor.po"
    broken.write_text('msgid "is empty"\nmsgstr "is leeg"\nmsgid "is half"\n', encoding="utf-8")
    assert catalogue(broken) == {}
    assert catalogue(tmp_path / "absent.po") == {}
    assert msg("is empty").render(catalogue(tmp_path / "absent.po")) == "is empty"
    # Dutch whose placeholder does not fit (a catalogue edited by hand) falls back to the English.
    assert msg("'{text}' is odd", text="x").render({"'{text}' is odd": "'{tekst}' is oneven"}) == "'x' is odd"


def test_literal_braces_and_format_specifications():
    assert msg('the file must start {{"type": ...}}').english() == 'the file must start {"type": ...}'
    assert msg("{latitude:.2f} N", latitude=52.22314).render({"{latitude:.2f} N": "{latitude:.1f} NB"}) == "52.2 NB"
    assert english("plain text") == "plain text"


# --- the README shows what editors really read ---


def dutch_pattern(template):
    parts = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append("(.*?)")
    return re.compile("".join(parts), re.DOTALL)


def readme_examples():
    """(message, hint) of every example message in the README: `path:line: field: message (hint)`."""
    text = re.sub(r"```.*?```", "", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.DOTALL)
    for span in re.findall(r"`([^`]+)`", text):
        example = " ".join(span.split())
        match = re.fullmatch(r"\S+:\d+: [^:]+: (.+?)(?: \(((?:[^()]|\([^()]*\))*)\))?", example)
        if match:
            yield match.group(1), match.group(2) or ""


def test_the_readme_shows_example_messages():
    assert len(list(readme_examples())) >= 8


@pytest.mark.parametrize("message, hint", list(readme_examples()))
def test_the_readme_examples_are_the_dutch_editors_read(message, hint):
    """Each example is what the code says, as an editor reads it; a hint shortened to (...) is not checked."""
    dutch = [dutch_pattern(entry.string) for entry in entries().values()]
    assert any(pattern.fullmatch(message) for pattern in dutch), message
    assert hint in ("", "...") or any(pattern.fullmatch(hint) for pattern in dutch), hint
