# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Editors read every message in Dutch: message ids in the gettext way, one catalogue per language.

Code writes a message as `msg("'{text}' is not a number", text=value)`. The message id is a plain
string literal in English with named placeholders in `str.format` syntax (`{name}`, `{share:.1f}`, a
literal brace doubled: `{{`); the values are passed separately and filled in after translation, so
the Dutch may put them in any order. A value that is itself a message is shown in the same language.
`pybabel extract -F babel.cfg plugins` finds every message id (the keyword is `msg`).

The Dutch lives in the gettext catalogue theme/locale/nl/LC_MESSAGES/editor.po, read with Babel at
run time. Editors read Dutch whatever the site's DEFAULT_LANG is. Translation never stops a build: an
id without Dutch, a catalogue that cannot be read, or Dutch whose placeholders do not fit stays
English. tests/test_messages.py fails on an id without Dutch, on Dutch no code uses, and on Dutch
whose placeholders differ from its id's.
"""

import functools
import string
from pathlib import Path

LOCALES = Path(__file__).resolve().parents[3] / "theme" / "locale"
DOMAIN = "editor"
EDITOR_LANGUAGE = "nl"  # editors' messages are Dutch on every site, whatever its DEFAULT_LANG


def catalogue_path(language=EDITOR_LANGUAGE):
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def catalogue(path=None):
    """{message id: translation} of one PO file (the editors' by default); empty when it cannot be read."""
    from babel.messages.pofile import read_po

    try:
        with open(path or catalogue_path(), "rb") as file:
            entries = read_po(file, abort_invalid=True)
    except Exception:  # a broken catalogue leaves messages in English: it never stops a build
        return {}
    return {m.id: m.string for m in entries if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


def placeholders(text):
    """The names a message id (or its translation) fills in: `{name}`, `{name:.1f}`, `{name!r}`."""
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}


class Message:
    """One editor message: its id and its values. `str()` gives the Dutch; `english()` the code's own words."""

    __slots__ = ("msgid", "values")

    def __init__(self, msgid, values):
        self.msgid = msgid
        self.values = values

    def render(self, translations):
        values = {name: value.render(translations) if isinstance(value, Message) else value
                  for name, value in self.values.items()}  # fmt: skip
        for text in (translations.get(self.msgid), self.msgid):
            if text:
                try:
                    return text.format(**values)
                except (KeyError, IndexError, ValueError, AttributeError, TypeError):
                    continue
        return self.msgid

    def __str__(self):
        return self.render(catalogue())

    def __format__(self, spec):
        return format(str(self), spec)

    def english(self):
        return self.render({})

    def __repr__(self):
        return f"msg({self.msgid!r}{''.join(f', {k}={v!r}' for k, v in self.values.items())})"

    def __eq__(self, other):
        return isinstance(other, Message) and (self.msgid, self.values) == (other.msgid, other.values)

    def __hash__(self):
        return hash(self.msgid)


def msg(msgid, /, **values):
    """An editor message: `msgid` a plain string literal (so `pybabel extract` finds it), values by name."""
    return Message(msgid, values)


def english(text):
    """A message in the code's own words; any other text as it is."""
    return text.english() if isinstance(text, Message) else str(text)
