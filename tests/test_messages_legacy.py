"""(Being replaced by test_messages.py, plugin folder by plugin folder.) Editors read every message in Dutch: one catalogue (theme/messages.nl.yml) covers every message the code can give."""

import functools
import re

import pytest
from conftest import ROOT
from editor_files.legacy_messages import CATALOGUE, catalogue, compile_template, placeholders
from editor_files.message_sources import Walker
from editor_files.yaml_text import load_yaml

# Texts that come from a library (an exception's own words), not from our code: they cannot be in the catalogue.
FOREIGN_TEXTS = {
    "self.message",  # Problem.__str__ translating its own fields
    "self.hint",
    "error.msg",  # json.JSONDecodeError
    'str(getattr(error, "problem", None) or error)',  # yaml.YAMLError
}


@functools.cache
def walked():
    return Walker().run()


@functools.cache
def entries():
    document, problems = load_yaml(CATALOGUE.read_text(encoding="utf-8"), "theme/messages.nl.yml", what="catalogue",
                                   max_bytes=1024 * 1024)  # the maintainers' catalogue, not an editor's front matter
    assert not problems, "\n".join(str(p) for p in problems)
    return document.data


def test_every_message_the_code_can_give_has_a_dutch_entry():
    missing = [f"{places[0]}: {template!r}" for template, places in walked().templates.items()
               if template not in entries()]  # fmt: skip
    assert not missing, "no Dutch in theme/messages.nl.yml for:\n" + "\n".join(missing) + (
        "\n(python -m editor_files.message_sources prints them ready to paste)")


def test_every_entry_is_a_message_the_code_still_gives():
    unused = [key for key in entries() if key not in walked().templates]
    assert not unused, f"no code gives these messages any more; remove them: {unused}"


def test_every_message_can_be_followed_back_to_its_text():
    unresolved = [f"{place}: {text}" for place, text in walked().unresolved if text not in FOREIGN_TEXTS]
    assert not unresolved, "pass a message as text (a literal, an f-string, or a name assigned one):\n" + "\n".join(
        unresolved)


def test_every_entry_is_dutch_text_with_only_the_placeholders_of_its_english():
    for english, dutch in entries().items():
        assert isinstance(dutch, str) and dutch.strip(), f"{english!r} has no Dutch"
        assert set(placeholders(dutch)) <= set(placeholders(english)), f"{dutch!r} uses a placeholder {english!r} lacks"


def test_the_catalogue_is_the_one_the_site_reads():
    assert CATALOGUE == ROOT / "theme" / "messages.nl.yml"
    assert len(catalogue()) == len(entries())


# --- the walker finds messages however the code passes them ---


def walk(tmp_path, source):
    plugin = tmp_path / "plugins" / "new_plugin"
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text(source, encoding="utf-8")
    return Walker(tmp_path / "plugins").run()


def test_the_walker_finds_messages_through_wrappers_tuples_and_constants(tmp_path):
    found = walk(tmp_path, '''
from editor_files.problems import Problem
HINT = "a hint kept in a constant"

class Reader:
    def report(self, field, message, hint=""):
        self.problems.append(Problem(self.path, 1, field, message, hint))

    def check(self, value):
        kind = "a map" if value else "a chart"
        self.report("x", f"'{value}' is not {kind}", HINT)

def _one(value):
    return (f"{value} is odd", "make it even") if value % 2 else None

def check_all(values):
    found = [("x", "is first", "keep it first")]
    found.append(("y", *_one(3)))
    return [Problem("f", 1, field, message, hint) for field, message, hint in found]
''')
    assert set(found.templates) == {
        "'{value}' is not a map", "'{value}' is not a chart", "a hint kept in a constant",
        "{value} is odd", "make it even", "is first", "keep it first",
    }  # fmt: skip
    assert not found.unresolved


def test_the_walker_names_a_message_it_cannot_follow(tmp_path):
    found = walk(tmp_path, '''
from editor_files.problems import Problem

def check(settings):
    return [Problem("f", 1, "x", settings["MESSAGE"])]
''')
    assert [text for _place, text in found.unresolved] == ["settings, a parameter of check(): no call found"]


# --- the README shows what editors really read ---


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
    from editor_files.messages import catalogue as po

    dutch = [compile_template(dutch, "").pattern for dutch in [*entries().values(), *po().values()]]
    assert any(pattern.fullmatch(message) for pattern in dutch), message
    assert hint in ("", "...") or any(pattern.fullmatch(hint) for pattern in dutch), hint
