# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Every Dutch interface text lives in theme/strings.nl.yml, and every template finds the texts it uses."""

import re
from pathlib import Path

import jinja2
import pytest
import yaml
from conftest import ROOT, SETTINGS

STRINGS = ROOT / "theme" / "strings.nl.yml"
TEMPLATES = sorted((ROOT / "theme" / "templates").glob("*.html"))


def test_every_value_is_text_a_list_or_a_mapping():
    def walk(value, where):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]")
        else:
            assert isinstance(value, str) and value.strip(), f"{where} is {value!r}, not a text"

    walk(yaml.safe_load(STRINGS.read_text(encoding="utf-8")), "strings")


def test_a_comma_in_a_flow_mapping_does_not_cut_a_label():
    statuses = yaml.safe_load(STRINGS.read_text(encoding="utf-8"))["stadspanel"]["statuses"]
    assert all(set(status) == {"label", "kind"} for status in statuses.values())
    assert statuses["advice_given"]["label"] == "Advies gegeven, wacht op reactie"


class Each(list):
    """Every entry of a mapping, for a lookup through a computed key (UI.statuses[code].label)."""


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_every_ui_lookup_in_a_template_exists(template):
    """Walk each template's UI.a.b lookups (attribute and constant item access) against the file."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(template.parent)))
    tree = environment.parse(Path(template).read_text(encoding="utf-8"))
    ui = yaml.safe_load(STRINGS.read_text(encoding="utf-8"))
    aliases = {"UI": ui}
    for assign in tree.find_all(jinja2.nodes.Assign):  # e.g. {% set S = UI.stadspanel %}
        path = _lookup_path(assign.node)
        if path and path[0] in aliases and isinstance(assign.target, jinja2.nodes.Name):
            value = _resolve(aliases[path[0]], path[1:], template, assign.lineno)
            computed = isinstance(assign.node, jinja2.nodes.Getitem) and not isinstance(assign.node.arg,
                                                                                        jinja2.nodes.Const)
            aliases[assign.target.name] = Each(value.values()) if computed and isinstance(value, dict) else value
    for node in tree.find_all((jinja2.nodes.Getattr, jinja2.nodes.Getitem)):
        path = _lookup_path(node)
        if path and path[0] in aliases:
            _resolve(aliases[path[0]], path[1:], template, node.lineno)


def _lookup_path(node):
    """('UI', 'sensor', 'groups') for UI.sensor.groups; None when a part is not a constant."""
    parts = []
    while isinstance(node, (jinja2.nodes.Getattr, jinja2.nodes.Getitem)):
        if isinstance(node, jinja2.nodes.Getattr):
            parts.append(node.attr)
        elif isinstance(node.arg, jinja2.nodes.Const):
            parts.append(node.arg.value)
        else:
            parts = []  # a computed key: check only the part before it
        node = node.node
    return (node.name, *reversed(parts)) if isinstance(node, jinja2.nodes.Name) else None


def _resolve(value, keys, template, line):
    if isinstance(value, Each):
        return [_resolve(entry, keys, template, line) for entry in value][-1] if value else value
    for key in keys:
        if isinstance(value, dict) and key in value:
            value = value[key]
        elif isinstance(value, (dict, list)) and key in ("items", "get", "keys", "values"):
            return value
        elif isinstance(value, str) and isinstance(key, str) and hasattr(str, key):
            return value  # a string method: `UI.x.replace(...)`, `UI.x.format(...)`
        elif isinstance(value, list) and isinstance(key, int):
            value = value[key]
        else:
            raise AssertionError(f"{template.name}:{line}: UI lookup '{key}' is not in strings.nl.yml")
    return value


def test_the_settings_carry_the_same_texts():
    """The settings' UI is the catalogue with the panel's name (PANEL_NAME...) filled in, and nothing else changed."""
    from site_language import fill_names, panel_names

    names = panel_names(SETTINGS["PANEL_NAME"], SETTINGS["PANEL_NAME_SHORT"], SETTINGS["PANEL_ARTICLE"])
    assert SETTINGS["UI"] == fill_names(yaml.safe_load(STRINGS.read_text(encoding="utf-8")), names)


def test_the_panel_is_named_by_its_settings_in_every_language(tmp_path):
    """No text names the panel itself: each writes {panel}, {the_panel}..., filled in once, at load, whatever the
    language (a translated text as well as the Dutch it falls back to)."""
    from site_language import load_interface_texts, panel_names

    strings = STRINGS.read_text(encoding="utf-8")
    values = str(yaml.safe_load(strings))  # the texts, not the comment that explains the placeholders
    assert "Stadspanel" not in values and "{the_panel}" in values and "{panel_short}" in values
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "strings.nl.yml").write_text(strings, encoding="utf-8")
    (theme / "strings.en.yml").write_text('stadspanel:\n  feed_title: "{site}: advice of the {panel}"\n', encoding="utf-8")
    texts = load_interface_texts(theme, "en", panel_names("Adviesraad Digitale Zaken", "Adviesraad", "de"))
    assert texts["stadspanel"]["feed_title"] == "{site}: advice of the Adviesraad Digitale Zaken"
    assert texts["sensor"]["no_dossiers"].startswith("De Adviesraad Digitale Zaken heeft")
    assert texts["nav"][2]["label"] == "Adviesraad"
    assert texts["stadspanel"]["events"]["advice"] == "Advies van de Adviesraad Digitale Zaken: {title}"
    assert not re.search(r"\{(the_|The_)?panel(_short)?\}", str(texts)), "a placeholder was left unfilled"


# Builds the demo with every text lookup strict: a key missing from strings.nl.yml stops the build
# (a plain dict lookup would quietly render an empty string). Optionally deletes one key first.
class MissingText(Exception):
    pass


class StrictTexts(dict):
    def __missing__(self, key):
        raise MissingText(f"theme/strings.nl.yml has no text {key!r}")


def strict(value):
    if isinstance(value, dict):
        return StrictTexts({key: strict(item) for key, item in value.items()})
    return [strict(item) for item in value] if isinstance(value, list) else value


def strict_build(tmp_path, without=None):
    """The demo built in this process (`conftest.run_build`) with strict texts, `without` one (a.b.c)."""
    from conftest import run_build

    def strict_texts(settings):
        texts = strict(settings["UI"])
        if without:
            *parents, last = without.split(".")
            holder = texts
            for key in parents:
                holder = holder[key]
            del holder[last]
        settings["UI"] = texts

    return run_build(ROOT, tmp_path / "output", check=False, adjust=strict_texts)


def test_every_template_renders_with_strict_text_lookups(tmp_path):
    result = strict_build(tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "output" / "stadspanel" / "index.html").exists()


def test_a_missing_text_stops_the_strict_build(tmp_path):
    """The check above can fail: without one text a page uses, the build names it."""
    result = strict_build(tmp_path, without="sensor.groups.what")
    assert result.returncode != 0
    assert "has no text 'what'" in result.stdout + result.stderr
