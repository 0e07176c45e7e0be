# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""YAML as editors write it, read without YAML's dangerous corners.

Editors never need anchors, aliases, merge keys or tags: they are refused from the event stream,
before anything is expanded, so a 600-byte alias bomb costs nothing. Nesting depth and size are
capped before the (recursive) composer runs. Duplicate keys are errors naming both lines
(PyYAML would silently keep the last one). Dates stay text, for our own date checks, and only
true and false are yes/no (YAML 1.2), so that a text such as `No` or `Yes` stays text.
"""

import re

import yaml

from .messages import msg
from .problems import Problem

# LibYAML's parser (C) when PyYAML was built with it: the same events, nodes and marks, ~10x faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 64 * 1024
MAX_DEPTH = 12
MAX_NUMBER_CHARS = 30  # longer numbers are text typed without quotes


class _TextDateLoader(_SafeLoader):
    """SafeLoader without YAML's own date conversion."""


class _NumberTooLong(yaml.constructor.ConstructorError):
    pass


def _construct_bounded_int(loader, node):
    """YAML's int, refusing numbers no editor means (5,000 digits, or 1:1:1:... in base 60), which
    Python cannot even print, before they are computed."""
    if len(node.value) > MAX_NUMBER_CHARS:
        error = _NumberTooLong(problem="is a number too long to read", problem_mark=node.start_mark)
        error.characters = len(node.value)
        raise error
    return yaml.SafeLoader.construct_yaml_int(loader, node)


# Only true and false are yes/no (YAML 1.2): YAML 1.1 also read yes, no, on and off so, and a label
# `label_en: Yes` or a title `No` became True or False. The yes/no fields still read ja, nee, yes, no.
_BOOL = "tag:yaml.org,2002:bool"
_YAML12_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


def _resolvers():
    found = {}
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
        kept = [(tag, pattern) for tag, pattern in resolvers if tag not in (_BOOL, "tag:yaml.org,2002:timestamp")]
        if first in "tTfF" and any(tag == _BOOL for tag, _pattern in resolvers):
            kept.append((_BOOL, _YAML12_BOOL))
        if kept:
            found[first] = kept
    return found


_TextDateLoader.add_constructor("tag:yaml.org,2002:int", _construct_bounded_int)
_TextDateLoader.yaml_implicit_resolvers = _resolvers()


class YamlDocument:
    """Parsed YAML with the line of every key path, e.g. ('answers', 0, 'decision') -> 14."""

    def __init__(self, data, lines, raw):
        self.data = data
        self.lines = lines
        self.raw = raw  # key path -> the scalar exactly as written (e.g. 'yes' rather than True)

    def line(self, *key_path):
        for length in range(len(key_path), 0, -1):
            if key_path[:length] in self.lines:
                return self.lines[key_path[:length]]
        return self.lines.get((), 1)


def load_yaml(text, path, first_line=1, what="front matter", max_bytes=MAX_BYTES):
    """(YamlDocument or None, problems). `first_line` is the file line of the text's first line.

    `max_bytes` caps the text (an editor's front matter: MAX_BYTES); a maintainer's catalogue may be larger.
    """

    def problem(line, message, hint=""):
        return Problem(path, line, what, message, hint)

    if len(text.encode("utf-8")) > max_bytes:
        return None, [problem(first_line, msg("is longer than {kb} KB", kb=max_bytes // 1024),
                              msg("put long text in the body"))]
    problems = _refused_constructs(text, first_line, problem)
    if problems:
        return None, problems
    loader = _TextDateLoader(text)
    try:
        node = loader.get_single_node()
        problems = _duplicate_keys(node, first_line, path, what)
        if problems:
            return None, problems
        data = loader.construct_document(node) if node is not None else None
    except _NumberTooLong as error:
        line = error.problem_mark.line + first_line
        return None, [Problem(path, line, _key_on_line(node, first_line, line) or what,
                              msg("is a number of {characters} characters", characters=error.characters),
                              msg("a number has at most {max_number_chars} characters; put text in quotes",
                                  max_number_chars=MAX_NUMBER_CHARS))]  # fmt: skip
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark else first_line
        return None, [problem(line, msg("is not valid YAML"), str(getattr(error, "problem", None) or error))]
    finally:
        loader.dispose()
    lines, raw = {(): first_line}, {}
    if node is not None:
        _record_lines(node, (), first_line, lines, raw)
    return YamlDocument(data, lines, raw), []


def _key_on_line(node, first_line, line):
    """The name of the key written on a line, if one is."""
    lines = {}
    _record_lines(node, (), first_line, lines, {})
    return next((str(path[-1]) for path, at in lines.items() if at == line and isinstance(path[-1], str)), None)


def _refused_constructs(text, first_line, problem):
    """Anchors, aliases, tags, merge keys and deep nesting, found from events (nothing expanded)."""
    problems, depth = [], 0
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            line = event.start_mark.line + first_line
            if isinstance(event, yaml.AliasEvent):
                return [problem(line, msg("uses an alias (*{anchor})", anchor=event.anchor),
                                msg("write the value out in full"))]
            if getattr(event, "anchor", None):
                return [problem(line, msg("uses an anchor (&{anchor})", anchor=event.anchor),
                                msg("remove it; write values out in full"))]
            if getattr(event, "tag", None) and not _implicit(event):
                return [problem(line, msg("uses a YAML tag ({tag})", tag=event.tag),
                                msg("remove it; write a plain value"))]
            if isinstance(event, yaml.ScalarEvent) and event.value == "<<" and not event.style:  # plain: None or ""
                problems.append(problem(line, msg("uses a merge key (<<)"), msg("write the keys out in full")))
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return [problem(line, msg("is nested more than {max_depth} levels deep", max_depth=MAX_DEPTH),
                                    msg("use fewer levels"))]
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark else first_line
        return [problem(line, msg("is not valid YAML"), str(getattr(error, "problem", None) or error))]
    return problems


def _implicit(event):
    implicit = getattr(event, "implicit", None)
    if isinstance(implicit, tuple):
        return any(implicit)
    return bool(implicit)


def _duplicate_keys(node, first_line, path, what):
    problems, stack = [], [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen = {}
            for key_node, value_node in current.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                line = key_node.start_mark.line + first_line
                if key in seen:
                    problems.append(Problem(path, line, str(key),
                                            msg("appears twice (lines {first} and {line})", first=seen[key], line=line),
                                            msg("keep one of them; otherwise only the last would count")))  # fmt: skip
                else:
                    seen[key] = line
                stack.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return problems


def _record_lines(node, key_path, first_line, lines, raw):
    stack = [(node, key_path)]
    while stack:
        current, where = stack.pop()
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                key = key_node.value
                lines[where + (key,)] = key_node.start_mark.line + first_line
                if isinstance(value_node, yaml.ScalarNode):
                    raw[where + (key,)] = value_node.value
                stack.append((value_node, where + (key,)))
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                lines[where + (index,)] = item.start_mark.line + first_line
                stack.append((item, where + (index,)))


def comment_lines(text, first_line=1):
    """Lines holding a YAML comment (whole-line or after a value), found from the scanner's tokens."""
    token_end = {}
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            start, end = token.start_mark, token.end_mark
            for line in range(start.line, end.line + 1):
                column = end.column if line == end.line else len(text)
                token_end[line] = max(token_end.get(line, 0), column)
    except yaml.YAMLError:
        return []
    found = []
    for index, line in enumerate(text.split("\n")):
        rest = line[token_end.get(index, 0) :].strip()
        if rest.startswith("#"):
            found.append(index + first_line)
    return found
