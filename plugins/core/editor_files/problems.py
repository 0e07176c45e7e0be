# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The one way the portal tells an editor (or a maintainer) what is wrong with a file.

Code writes messages and hints as message ids, `msg("'{text}' is not a number", text=value)`; they
become Dutch text here, from the editors' catalogue (see `messages`).
"""

import difflib
from dataclasses import dataclass
from pathlib import Path

from .messages import Message, english, msg

THE_CONTENT = msg("The content")


@dataclass(frozen=True)
class Problem:
    """One mistake, shown as `path:line: field: message (hint)`; line and field are left out when unknown.

    `message` and `hint` are messages (`msg(...)`: an id and its values); `str()` gives the Dutch an
    editor reads. A plain text (a library's own words) is shown as it is. `field` is the name the
    editor wrote (a column or setting) and is never translated.
    """

    path: str
    line: int = 0
    field: str = ""
    message: Message | str = ""
    hint: Message | str = ""

    def __str__(self):
        return self.text(str)

    def in_english(self):
        """The code's own words (the message ids filled in): for maintainers' logs and tests of a rule."""
        return self.text(english)

    def text(self, language):
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        hint = f" ({language(self.hint)})" if self.hint else ""
        return f"{where}:{field} {language(self.message)}{hint}"


class ContentError(Exception):
    """Stops a build: every problem is listed above it. Pelican exits with `exitcode`."""

    exitcode = 1

    def __init__(self, problems, what=THE_CONTENT):
        self.problems = list(problems)
        super().__init__(str(msg("{what} has {count} problem(s), listed above; nothing was published.",
                                 what=what, count=len(self.problems))))


def closest(value, choices):
    """The choice most like an unknown value (ignoring case), or None: every did-you-mean uses this."""
    choices = [str(c) for c in choices]
    close = difflib.get_close_matches(str(value).strip().lower(), [c.lower() for c in choices], n=1, cutoff=0.6)
    return next(c for c in choices if c.lower() == close[0]) if close else None


# A list longer than this is no help in a message (10,000 sensor ids): only a close match is named.
LISTED_CHOICES = 50


def did_you_mean(value, choices, allowed_list=True):
    """A hint for an unknown value: the closest choice, or the allowed ones (when there are few)."""
    choices = [str(c) for c in choices]
    match = closest(value, choices)
    if match:
        return msg("did you mean '{match}'?", match=match)
    listed = allowed_list and 0 < len(choices) <= LISTED_CHOICES
    return msg("allowed: {choices}", choices=", ".join(sorted(choices))) if listed else ""


def editor_path(path, root):
    """A path as editors see it: relative to the project folder when it is inside it (links not followed)."""
    path, root = Path(path).absolute(), Path(root).absolute()
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
