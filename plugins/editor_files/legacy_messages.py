"""Editors read every message in Dutch: the catalogue `theme/messages.nl.yml` and the one translator.

The code writes its messages in English, as f-strings. The catalogue is keyed by each message's
template exactly as the code spells it (`'{text}' is not a number` for f"'{text}' is not a number";
a literal brace is doubled, as in an f-string) and gives the Dutch template with the same
placeholders. A finished message is matched against every template (most literal text wins) and the
Dutch template is filled with the values it captured. A captured value that is not between quotes
and is itself a message (`{what}` = "the stories") is translated too.

Translation never stops a build: a message without an entry, or a catalogue that cannot be read,
stays English. tests/test_messages.py walks the code and fails on any message without an entry.
"""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

CATALOGUE = Path(__file__).resolve().parents[2] / "theme" / "messages.nl.yml"
MAX_DEPTH = 3


@dataclass(frozen=True)
class Template:
    """One catalogue entry, compiled: its English pattern and the Dutch text to fill in."""

    english: str
    dutch: str
    pattern: re.Pattern
    names: tuple  # the placeholder of each group, in order
    quoted: frozenset  # placeholders written between quotes: data, never translated
    weight: int  # characters of literal text: the most specific template wins


def parse(template):
    """[(literal text, None) or (None, placeholder)] of a template in f-string syntax.

    As in an f-string, `{{` and `}}` are literal braces, and a placeholder may hold braces of its own
    (`{", ".join({*a, *b})}`).
    """
    parts, literal, index = [], "", 0
    while index < len(template):
        pair = template[index : index + 2]
        if pair in ("{{", "}}"):
            literal, index = literal + pair[0], index + 2
        elif template[index] == "{":
            end = _closing_brace(template, index)
            if end is None:
                literal, index = literal + template[index:], len(template)
                continue
            if literal:
                parts.append((literal, None))
            parts.append((None, template[index + 1 : end]))
            literal, index = "", end + 1
        else:
            literal, index = literal + template[index], index + 1
    if literal:
        parts.append((literal, None))
    return parts


def _closing_brace(template, start):
    depth = 0
    for index in range(start, len(template)):
        depth += {"{": 1, "}": -1}.get(template[index], 0)
        if depth == 0:
            return index
    return None


def placeholders(template):
    return [name for literal, name in parse(template) if literal is None]


def compile_template(english, dutch):
    regex, names, quoted, weight, previous = [], [], set(), 0, ""
    parts = parse(english)
    for index, (literal, name) in enumerate(parts):
        if literal is not None:
            regex.append(re.escape(literal))
            weight += len(literal)
            previous = literal
            continue
        following = parts[index + 1][0] if index + 1 < len(parts) and parts[index + 1][0] else ""
        if previous[-1:] in ("'", '"') and following[:1] == previous[-1:]:
            quoted.add(name)
        regex.append("(.*?)")
        names.append(name)
        previous = ""
    return Template(english, dutch, re.compile("".join(regex), re.DOTALL), tuple(names), frozenset(quoted), weight)


@functools.cache
def catalogue(path=CATALOGUE):
    """The compiled templates of the catalogue; none when it is missing or unreadable (messages stay English)."""
    try:
        entries = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        templates = (compile_template(str(english), str(dutch)) for english, dutch in entries.items() if dutch)
        return tuple(sorted((t for t in templates if t.weight), key=lambda t: -t.weight))
    except (OSError, yaml.YAMLError, AttributeError, re.error):
        return ()


def best_match(text, templates):
    """(template, match) of the most specific template that matches the whole text, or None."""
    for template in sorted(templates, key=lambda t: -t.weight):
        match = template.pattern.fullmatch(text)
        if match:
            return template, match
    return None


def translate(text, templates=None, depth=0):
    """The Dutch for one English message or hint; the text itself when the catalogue has no entry for it."""
    if not text or depth > MAX_DEPTH:
        return text
    templates = catalogue() if templates is None else templates
    found = best_match(str(text), templates)
    if found is None:
        return text
    template, match = found
    values = {}
    for name, value in zip(template.names, match.groups(), strict=True):
        values[name] = value if name in template.quoted else translate(value, templates, depth + 1)
    return "".join(literal if literal is not None else values.get(name, "{" + name + "}")
                   for literal, name in parse(template.dutch))  # fmt: skip
