# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""One class per kind of field: how a value is read from a CSV cell or a YAML value, what "missing" is,
and how it is written to an export cell (CSV) and a JSON value.

Every reader (register CSV, Stadspanel front matter, dataset and layer manifests) reads a field
through its kind here, so a kind has one set of rules and one set of messages everywhere.
"Missing", "invalid" and "no" stay apart: a field left empty is the kind's `empty` (None for
yes/no, dates and numbers), a wrong value is an issue (message, hint) and never a silent default.

Reading gives `(value, issues)`: `issues` is a list of `Issue(message, hint)` in the code's English;
the reader turns them into `Problem`s at its own file, line and field.
"""

import datetime
import math
import re
from typing import NamedTuple
from urllib.parse import urlsplit

from .dates import DATE_HINT, parse_date
from .messages import msg

MAX_NUMBER_CHARS = 30  # a longer number is a mistake (and 400 digits would become float infinity)
SENSOR_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
NUMBER = re.compile(r"^[+-]?[0-9]+([.,][0-9]+)?$")
WHOLE_NUMBER = re.compile(r"^[0-9]+$")
# Characters no editor means in a value, which break feeds (XML refuses C0 controls) or disguise text:
# C0/C1 controls (tab and line breaks only where a text may hold lines), the Unicode line and paragraph
# separators (str.splitlines splits on them), and the bidirectional embeddings, overrides and isolates,
# which reorder what a resident reads.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
LINE_BREAK = re.compile(r"[\t\n\r]")
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


class Issue(NamedTuple):
    """What is wrong with one value, in the code's English; the reader makes it a `Problem` at its place."""

    message: str
    hint: str = ""


YES = ("yes", "ja", "j", "y", "true", "waar", "1")
NO = ("no", "nee", "n", "false", "onwaar", "0")


def text_issue(text, lines=True):
    """(message, hint) for a character that may not be in an editor's text, or None.

    `lines`: the text may hold tabs and line breaks (a description, a note); an id or a title may not.
    """
    match = CONTROL.search(text) or BIDI.search(text) or (None if lines else LINE_BREAK.search(text))
    if match is None:
        return None
    code = f"U+{ord(match.group()):04X}"
    if BIDI.match(match.group()):
        return Issue(msg("holds the invisible direction character {code}", code=code),
                msg("remove it: it changes the order in which the text is read"))  # fmt: skip
    return Issue(msg("holds the invisible control character {code}", code=code),
                 msg("remove it, e.g. by typing the text again"))


class Kind:
    """A text kind: what every other kind refines."""

    name = "text"
    python_type = str
    empty = ""
    lines = True  # may hold line breaks

    def from_text(self, text, field, codes=None):
        """(value, issues) of a CSV cell (or any text an editor typed)."""
        text = str(text).strip()
        if not text:
            return self.empty, []
        issue = text_issue(text, self.lines and getattr(field, "lines", True))
        if issue:
            return self.empty, [issue]
        return self.parse(text, field, codes)

    def from_yaml(self, value, field, codes=None):
        """(value, issues) of a YAML value (front matter, a manifest)."""
        if value is None or isinstance(value, str) and not value.strip():
            return self.empty, []
        if isinstance(value, (dict, list)):
            return self.empty, [single_value(field)]
        if isinstance(value, float) and not math.isfinite(value):
            return self.empty, [Issue(msg("'{value}' is not a number", value=value), msg("write a number, e.g. 12.5"))]
        return self.from_text(str(value), field, codes)

    def parse(self, text, field, codes):
        limit = getattr(field, "max_length", 0)
        if limit and len(text) > limit:
            return text, [Issue(msg("is {count} characters long", count=len(text)),
                                msg("at most {limit}; move details to 'notes'", limit=limit))]
        return text, []

    def cell(self, value):
        """The value as the open data's CSV writes it: text, empty when missing."""
        return "" if value is None else value

    def json_value(self, value):
        return value


def single_value(field):
    example = getattr(field, "example", "")
    return Issue(msg("must be a single value"),
                 msg("e.g. {name}: {example}", name=field.name, example=example) if example else msg("write one value"))


class Id(Kind):
    name = "id"
    lines = False

    def parse(self, text, field, codes):
        if not SENSOR_ID.match(text):
            return text, [Issue(msg("'{text}' cannot be used in a web address", text=text),
                           msg("use letters, digits, - and _ only, e.g. {example}",
                               example=field.example))]  # fmt: skip
        return text, []


class Email(Kind):
    name = "email"
    lines = False

    def parse(self, text, field, codes):
        if not EMAIL.match(text):
            return text, [Issue(msg("'{text}' is not an e-mail address", text=text),
                                msg("e.g. {example}", example=field.example))]
        return text, []


class Url(Kind):
    name = "url"
    lines = False

    def parse(self, text, field, codes):
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
            return "", [Issue(msg("'{text}' is not a web address", text=text),
                              msg("start with https://, e.g. https://www.gemeente.nl/privacy"))]  # fmt: skip
        return text, []


class Code(Kind):
    """One code of a code list (`codes`: a `vocabularies.CodeList`); a label or alias gives its code."""

    name = "code"
    lines = False

    def parse(self, text, field, codes):
        if codes is None:
            return text, []
        code = codes.resolve(text)
        if code is None:
            suggestion = codes.suggestion(text)
            hint = msg("did you mean '{match}'?", match=suggestion) if suggestion else \
                msg("allowed: {codes}", codes=", ".join(codes.terms))
            return "", [Issue(msg("'{text}' is not a known code", text=text), hint)]
        return code, []


class Codes(Kind):
    """Codes of one list, written `a|b` in a cell or as a YAML list; each once, in the order given."""

    name = "codes"
    python_type = tuple
    empty = ()
    item = Code()

    def from_yaml(self, value, field, codes=None):
        if value is None or value == "" or value == []:
            return self.empty, []
        items = value if isinstance(value, list) else [value]
        if any(isinstance(item, (dict, list)) for item in items):
            return self.empty, [Issue(msg("must be a list"),
                                      msg("e.g. [A1, A2] or one item per line starting with '- '"))]
        found, issues = [], []
        for item in items:
            value, item_issues = self.item.from_yaml(item, field, codes)
            issues += item_issues
            if value:
                found.append(value)
        return tuple(dict.fromkeys(found)), issues

    def parse(self, text, field, codes):
        return self.from_yaml([part for part in text.split("|") if part.strip()], field, codes)

    def cell(self, value):
        return "|".join(value or ())

    def json_value(self, value):
        return list(value or ())


class Ids(Codes):
    """Ids of records of another kind; whether each exists is the links' check, not the reader's."""

    name = "ids"
    item = Kind()

    def from_yaml(self, value, field, codes=None):
        found, issues = super().from_yaml(value, field, None)
        bad = next((item for item in found if "|" in item or LINE_BREAK.search(item)), None)
        if bad is not None:
            issues.append(Issue(msg("'{bad}' is not an id", bad=bad), msg("one id per item")))
        return found, issues


class List(Codes):
    """A list of structured items (recommendations, answers): each reader reads the items by its own rules."""

    name = "list"

    def from_yaml(self, value, field, codes=None):
        if value is None:
            return self.empty, []
        if not isinstance(value, list):
            return self.empty, [Issue(msg("must be a list"),
                                      msg("e.g. {example}", example=field.example) if field.example else "")]
        return tuple(value), []

    def parse(self, text, field, codes):
        return self.empty, [Issue(msg("must be a list"),
                                  msg("e.g. {example}", example=field.example) if field.example else "")]


class YesNo(Kind):
    """Yes or no; None when nobody filled it in (never "no"). `codes`: the yes_no list, when the reader has it."""

    name = "yes_no"
    python_type = bool | None
    empty = None
    lines = False

    def from_yaml(self, value, field, codes=None):
        if isinstance(value, bool):
            return value, []
        if isinstance(value, int) and value in (0, 1):
            return bool(value), []
        return super().from_yaml(value, field, codes)

    def parse(self, text, field, codes):
        spelled = text.lower()
        if codes is not None:
            code = codes.resolve(text)
            if code in ("yes", "no"):
                return code == "yes", []
        elif spelled in YES or spelled in NO:
            return spelled in YES, []
        return None, [Issue(msg("'{text}' is not true or false", text=text),
                            msg("write ja or nee (yes, no, true and false also work)"))]

    def cell(self, value):
        return "" if value is None else ("yes" if value else "no")


class Date(Kind):
    name = "date"
    python_type = datetime.date | None
    empty = None
    lines = False

    def from_yaml(self, value, field, codes=None):
        if isinstance(value, datetime.date):
            return parse_date(value), []
        return super().from_yaml(value, field, codes)

    def parse(self, text, field, codes):
        date = parse_date(text)
        if date is None:
            return None, [Issue(msg("'{text}' is not a date", text=text), DATE_HINT)]
        return date, []

    def cell(self, value):
        return value.isoformat() if isinstance(value, datetime.date) else ""

    def json_value(self, value):
        return value.isoformat() if isinstance(value, datetime.date) else None


class Number(Kind):
    """A finite decimal number; a decimal comma is read as a point."""

    name = "number"
    python_type = float | None
    empty = None
    lines = False

    def from_yaml(self, value, field, codes=None):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return self.parse(repr(value) if isinstance(value, float) else str(value), field, codes)
        return super().from_yaml(value, field, codes)

    def parse(self, text, field, codes):
        if len(text) > MAX_NUMBER_CHARS:
            return None, [Issue(msg("is a number of {count} characters", count=len(text)),
                                msg("a number has at most {max_number_chars}", max_number_chars=MAX_NUMBER_CHARS))]
        number = float(text.replace(",", ".")) if NUMBER.match(text) else None
        if number is None or not math.isfinite(number):
            return None, [Issue(msg("'{text}' is not a number", text=text),
                                msg("e.g. {example}", example=field.example) if field.example else msg("e.g. 12.5"))]
        return number, []


class WholeNumber(Number):
    """A whole number of 0 or more (digits only: no sign, no separator)."""

    name = "whole_number"
    python_type = int | None

    def from_yaml(self, value, field, codes=None):
        if isinstance(value, float) and not isinstance(value, bool):
            return None, [Issue(msg("'{value}' is not a whole number", value=value), whole_number_hint(field))]
        return super().from_yaml(value, field, codes)

    def parse(self, text, field, codes):
        if len(text) > MAX_NUMBER_CHARS:
            return None, [Issue(msg("is a number of {count} characters", count=len(text)),
                                msg("a number has at most {max_number_chars}", max_number_chars=MAX_NUMBER_CHARS))]
        if not WHOLE_NUMBER.match(text):
            return None, [Issue(msg("'{text}' is not a whole number", text=text), whole_number_hint(field))]
        return int(text), []


def whole_number_hint(field):
    return msg("e.g. {example}", example=field.example) if field.example else msg("e.g. 12")


KINDS = {kind.name: kind for kind in (Kind(), Id(), Email(), Url(), Code(), Codes(), Ids(), List(), YesNo(), Date(),
                                      Number(), WholeNumber())}  # fmt: skip


def kind_of(name):
    return KINDS[name]
