# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The embed syntax of stories: one line, its own paragraph, Dutch keywords.

    [[kaart lagen=beschermde-bomen sensoren=alle midden=52.2249,5.1731 zoom=15 titel="Bomen in het centrum"]]
    [[kerncijfer dataset=snelliuslaan-snelheden kolom=v85 bewerking=gemiddelde filter=periode:na]]
    [[grafiek dataset=luchtkwaliteit-maand kolommen=no2,pm25 titel="Luchtkwaliteit per maand"]]
    [[kaarten sensoren=HLV-SNE-001,HLV-SNE-002 dossiers=snelliuslaan datasets=snelliuslaan-snelheden]]

A value with spaces goes between double quotes; a list is separated by commas. This module only
reads the syntax (any line gives an Embed or problems, never an exception); `checks` compares
the values with the data.
"""

import re
from dataclasses import dataclass, field

from editor_files.messages import msg
from editor_files.problems import did_you_mean

# kind -> {option: what it holds}. Kinds of value: text, id, ids, selector, point, zoom, operation, filter, chart.
KINDS = {
    "kaart": {"lagen": "ids", "sensoren": "selector", "midden": "point", "zoom": "zoom", "titel": "text"},
    "kerncijfer": {"dataset": "id", "kolom": "id", "bewerking": "operation", "filter": "filter",
                   "bijschrift": "text"},
    "grafiek": {"dataset": "id", "kolommen": "ids", "titel": "text", "filter": "filter", "soort": "chart"},
    "kaarten": {"sensoren": "ids", "dossiers": "ids", "lagen": "ids", "datasets": "ids"},
}  # fmt: skip
REQUIRED = {"kaart": (), "kerncijfer": ("dataset", "kolom"), "grafiek": ("dataset",), "kaarten": ()}
# At least one of these options (a map of nothing, or cards of nothing, is a mistake).
ONE_OF = {"kaart": ("lagen", "sensoren"), "kaarten": ("sensoren", "dossiers", "lagen", "datasets")}
OPERATIONS = ("gemiddelde", "mediaan", "max", "min", "som", "laatste")
CHART_KINDS = {"lijn": "line", "staaf": "bar"}
SELECTOR_PREFIXES = ("type", "thema")
MAX_LINE = 1000

EMBED_START = re.compile(r"^ {0,3}\[\[")
OPTION = re.compile(r'(?P<key>[^\s="]+)=(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s"]+))(?=\s|$)')
KIND = re.compile(r"[^\s\]]+")
ZOOM = re.compile(r"^\d{1,2}$")
NUMBER = re.compile(r"^-?\d{1,3}(?:\.\d+)?$")
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\*?$")  # sensoren=HLV-DRK-* : every id with that start
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Embed:
    kind: str
    options: dict = field(hash=False)
    line: int = 0

    def values(self, name):
        """A list option as a tuple ('' when absent)."""
        text = self.options.get(name, "")
        return tuple(item.strip() for item in text.split(",")) if text else ()


def is_embed_line(line):
    return bool(EMBED_START.match(line))


def parse_embed(line, line_number=0):
    """(Embed or None, [(field, message, hint)]) for one line that starts with [[."""
    text = line.strip()
    if len(text) > MAX_LINE:
        return None, [("embed",
                       msg("is {count} characters long (at most {max_line})", count=len(text),
                           max_line=MAX_LINE), msg("shorten the texts"))]
    if not text.endswith("]]"):
        return None, [("embed", msg("is not closed with ]]"), msg("an embed is one line: [[kaart sensoren=alle]]"))]
    inner = text[2:-2].strip()
    kind_match = KIND.match(inner)
    if not kind_match:
        return None, [("embed", msg("names no kind"), msg("start with one of: {kinds}", kinds=", ".join(KINDS)))]
    kind = kind_match.group(0)
    if kind not in KINDS:
        return None, [("embed", msg("'{kind}' is not a kind of embed", kind=kind), did_you_mean(kind, KINDS))]
    options, problems = _read_options(inner[kind_match.end() :], kind)
    if problems:
        return None, problems
    problems = _check_options(kind, options)
    if problems:
        return None, problems
    return Embed(kind, options, line_number), []


def _read_options(rest, kind):
    options, position = {}, 0
    while True:
        while position < len(rest) and rest[position].isspace():
            position += 1
        if position >= len(rest):
            return options, []
        match = OPTION.match(rest, position)
        if not match:
            return options, [_syntax_problem(rest[position:], kind)]
        key = match.group("key")
        value = match.group("quoted") if match.group("quoted") is not None else match.group("bare")
        if key not in KINDS[kind]:
            return options, [(key, msg("is not an option of {kind}", kind=kind), did_you_mean(key, KINDS[kind]))]
        if key in options:
            return options, [(key, msg("is given twice"), msg("keep one"))]
        options[key] = value.strip()
        position = match.end()


def _syntax_problem(rest, kind):
    word = rest.split()[0] if rest.split() else rest
    if "=" not in word:
        return (word, msg("'{word}' is not an option (write name=value)", word=word),
                msg("options of {kind}: {options}", kind=kind, options=", ".join(KINDS[kind])))  # fmt: skip
    if rest.count('"') % 2:
        return (word.split("=")[0], msg('a quote (") is not closed'), msg('write the value as "text with spaces"'))
    return (word.split("=")[0], msg("'{word}' cannot be read", word=word),
            msg('write name=value or name="text with spaces"'))


def _check_options(kind, options):
    problems = [(name, msg("is missing"),
                 msg("{kind} needs {name}=...", kind=kind,
                     name=name)) for name in REQUIRED[kind] if name not in options]
    if kind in ONE_OF and not any(options.get(name) for name in ONE_OF[kind]):
        problems.append(("embed", msg("{kind} shows nothing", kind=kind),
                         msg("give at least one of: {options}", options=", ".join(ONE_OF[kind]))))
    for name, value in options.items():
        message = _check_value(KINDS[kind][name], value)
        if message:
            problems.append((name, *message))
    return problems


def _check_value(value_kind, value):
    """(message, hint) when a value cannot be of its kind; None when it can."""
    if not value:
        return msg("is empty"), msg("write a value after =")
    if value_kind == "ids":
        items = [item.strip() for item in value.split(",")]
        bad = [item for item in items if not ID.match(item)]
        if bad:
            return msg("'{bad}' is not an id", bad=bad[0]), msg("separate ids with commas, without spaces: a,b")
    elif value_kind == "id" and not ID.match(value):
        return msg("'{value}' is not an id", value=value), msg("e.g. dataset=snelliuslaan-snelheden")
    elif value_kind == "selector":
        return _check_selector(value)
    elif value_kind == "point":
        parts = value.split(",")
        if len(parts) != 2 or not all(NUMBER.match(p.strip()) for p in parts):
            return msg("'{value}' is not a latitude,longitude", value=value), msg("e.g. midden=52.2249,5.1731")
    elif value_kind == "zoom" and (not ZOOM.match(value) or not 1 <= int(value) <= 19):
        return msg("'{value}' is not a zoom level from 1 to 19", value=value), msg("e.g. zoom=15")
    elif value_kind == "operation" and value not in OPERATIONS:
        return msg("'{value}' is not a calculation", value=value), did_you_mean(value, OPERATIONS)
    elif value_kind == "filter" and (value.count(":") < 1 or not all(value.partition(":")[::2])):
        return msg("'{value}' is not a filter", value=value), msg("write column:value, e.g. filter=periode:na")
    elif value_kind == "chart" and value not in CHART_KINDS:
        return msg("'{value}' is not a kind of chart", value=value), did_you_mean(value, CHART_KINDS)
    return None


def _check_selector(value):
    if value == "alle":
        return None
    prefix, colon, code = value.partition(":")
    if colon:
        if prefix not in SELECTOR_PREFIXES or not code:
            return msg("'{value}' is not a choice of sensors",
                       value=value), msg("write alle, type:<soort>, thema:<thema> or sensor ids")
        return None
    bad = [item for item in value.split(",") if not ID_PATTERN.match(item.strip())]
    if bad:
        return msg("'{bad}' is not a sensor id",
                   bad=bad[0]), msg("separate ids with commas; HLV-DRK-* for every id starting so")
    return None


def id_matches(pattern, identifier):
    """A sensor id against an id, or against a start of ids ending in *."""
    return identifier.startswith(pattern[:-1]) if pattern.endswith("*") else identifier == pattern


def with_code_marks(lines):
    """(line, in_code) for every line: fence lines and what lies between them are code (examples stay text)."""
    fence = None
    for line in lines:
        fence_match = FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
        yield line, fence_match is not None or fence is not None


def find_embed_lines(text, first_line=1):
    """(line number, line) of every embed line outside fenced code, and (line number, line) of every
    line that has an embed somewhere else than at its start (a mistake: an embed is its own line)."""
    embeds, misplaced = [], []
    for offset, (line, in_code) in enumerate(with_code_marks(text.split("\n"))):
        number = offset + first_line
        if in_code:
            continue
        if is_embed_line(line):
            embeds.append((number, line))
        elif "[[" in line and "]]" in line and not line.startswith(("    ", "\t")):
            misplaced.append((number, line))
    return embeds, misplaced


# --- where embeds go in the Markdown: a placeholder paragraph, replaced after the text is sanitised ---

TOKEN_PREFIX = "ohembed"
TOKEN_PARAGRAPH = re.compile(r"<p>\s*" + TOKEN_PREFIX + r"([0-9a-f]+)\s*</p>")


def placeholder(line):
    """A word no Markdown or HTML sanitiser changes, carrying the embed line (hex of its UTF-8)."""
    return TOKEN_PREFIX + line.strip().encode("utf-8").hex()


def line_of_placeholder(hex_text):
    try:
        return bytes.fromhex(hex_text).decode("utf-8")
    except ValueError:
        return None


def mark_embeds(lines):
    """Markdown source lines with every embed line replaced by a placeholder paragraph (outside fences)."""
    out = []
    for line, in_code in with_code_marks(lines):
        if not in_code and is_embed_line(line):
            out.extend(["", placeholder(line), ""])
        else:
            out.append(line)
    return out
