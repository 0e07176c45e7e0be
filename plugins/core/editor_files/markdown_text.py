# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Every editor text (pages, stories, dossiers) through one Markdown pipeline and one HTML allow-list.

Python-Markdown passes raw HTML through (`<script>`, `onerror=`, `javascript:` links); nh3
(Ammonia) removes everything not on the list below. Heading ids are kept for in-page links.

Python-Markdown's link patterns take time with the square of the brackets left open in one paragraph
(`[[[[...`, `![![...`, nested `[[...]]`, `[x](` without its `)`): 20,000 take minutes. A paragraph
with more than `MAX_OPEN_BRACKETS` open at once is named by `bracket_problems` (make check) and its
brackets are escaped before rendering (`render_markdown`), so no text makes the build slow.
"""

import re

import markdown
import nh3

from .messages import msg
from .problems import Problem

MAX_OPEN_BRACKETS = 10  # no link, image or footnote an editor writes opens more at once
BLANK_LINE = re.compile(r"\n[ \t]*\n")
HELD_OUT = ("[", "\ue000"), ("]", "\ue001")  # private-use characters no Markdown pattern matches

ALLOWED_TAGS = {
    "p", "a", "ul", "ol", "li", "strong", "em", "h2", "h3", "h4", "blockquote", "code", "pre", "table",
    "thead", "tbody", "tr", "th", "td", "br", "hr", "abbr", "dl", "dt", "dd", "img", "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"}, "abbr": {"title"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"},
    "img": {"src", "alt", "title", "width", "height"}, "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto"}


def sanitise(html):
    """Editor HTML cut down to the allow-list: no script, no event handlers, no javascript: URLs."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer")  # fmt: skip


_converter = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")


def render_markdown(text):
    """Editor Markdown as safe HTML (one converter, reset per text: building one costs more than a page)."""
    html = _converter.reset().convert(neutralise_brackets(text))
    for bracket, held_out in HELD_OUT:
        html = html.replace(held_out, bracket)
    return sanitise(html)


def crowded_paragraphs(text):
    """[(start, end)] of the paragraphs (text between blank lines) with too many brackets open at once.

    One pass over the text: per paragraph, the brackets open at the deepest point (`[` not yet closed
    by `]`) and the link targets `](` not yet closed by `)`.
    """
    found, start = [], 0
    for separator in [*BLANK_LINE.finditer(text), None]:
        end = separator.start() if separator else len(text)
        if _most_open(text, start, end) > MAX_OPEN_BRACKETS:
            found.append((start, end))
        start = separator.end() if separator else end
    return found


def _most_open(text, start, end):
    if text.count("[", start, end) <= MAX_OPEN_BRACKETS:
        return 0  # the common case, counted in C
    brackets = targets = most = 0
    previous = ""
    for character in text[start:end]:
        if character == "[":
            brackets += 1
        elif character == "]" and brackets:
            brackets -= 1
        elif character == "(" and previous == "]":
            targets += 1
        elif character == ")" and targets:
            targets -= 1
        most = max(most, brackets, targets)
        previous = character
    return most


def neutralise_brackets(text):
    """The text with every bracket of a crowded paragraph held out of Markdown's reach: a private-use
    character each, put back as the bracket after conversion (`\\[` escapes cost as much as the links)."""
    pieces, position = [], 0
    for start, end in crowded_paragraphs(text):
        crowded = text[start:end]
        for bracket, held_out in HELD_OUT:
            crowded = crowded.replace(bracket, held_out)
        pieces += [text[position:start], crowded]
        position = end
    return "".join(pieces) + text[position:]


def bracket_problems(text, shown, first_line=1, field="text"):
    """A Problem at the first line of every paragraph with too many brackets open (see the module's note)."""
    return [Problem(shown, first_line + text.count("\n", 0, start), field,
                    msg("has more than {max_open_brackets} brackets ([) open in one paragraph",
                        max_open_brackets=MAX_OPEN_BRACKETS),
                    msg("close each [ with ], or split the text into paragraphs"))  # fmt: skip
            for start, _end in crowded_paragraphs(text)]
