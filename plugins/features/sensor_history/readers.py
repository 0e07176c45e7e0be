# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Past versions of editors' files, read with the same safe readers as today's files.

A register file: strict decoding (`editor_files.sources.decode`), the delimiter as the
register finds it, the csv module in strict mode (never `str.splitlines`, which also splits at
U+2028, U+0085, U+000B and others and would tear a row apart), every row as wide as the header,
every row with its own sensor id. A Stadspanel document: strict decoding, the Stadspanel's own
front-matter fences (`stadspanel.reader.split_front_matter`), YAML through
`editor_files.yaml_text.load_yaml` (no aliases, anchors or tags; depth and size capped before
anything is built), then its status and `confidential` read as the Stadspanel reads them.

A control character or an unclosed bidirectional override in a past value becomes U+FFFD
(`clean`): the history shows past values on pages and in the Atom feed, where they would break
the XML or turn text around, and the change itself (and the next commit's) is still shown. A
version over `git.MAX_VERSION_BYTES` is not read at all.

Every reader gives `problems` (editor_files `Problem`s) instead of raising: the history then
leaves that version out with a note.
"""

import csv
import dataclasses
import io
import re
from dataclasses import dataclass, field

from editor_files.csv_text import field_count_problem, sniff_delimiter
from editor_files.messages import msg
from editor_files.problems import Problem
from editor_files.sources import decode
from editor_files.yaml_text import load_yaml

from . import git
from .git import TooLarge

ID_COLUMN = "sensor_id"
# C0 and C1 control characters other than tab, newline and carriage return (NUL included).
# A carriage return only as part of a line end (CRLF), never alone inside a value.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]|\r(?!\n|\\Z)")
REPLACEMENT = "\ufffd"
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
BIDI_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c",
                "\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}  # fmt: skip


def printable(text):
    """A file name or value as one safe log line: characters that are not printable as \\uXXXX."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def line_of(text, index):
    return text.count("\n", 0, index) + 1


def unclosed_bidi(value):
    """Whether a value opens a bidirectional embedding, override or isolate it does not close."""
    expected = []
    for character in BIDI.findall(value):
        if character in BIDI_OPENERS:
            expected.append(BIDI_OPENERS[character])
        elif not expected or expected.pop() != character:
            return True
    return bool(expected)


def clean(value):
    """A past value as the history may show it: stripped, and a control character or an unclosed bidi control
    (which would break the Atom feed's XML or turn the page's text around) as U+FFFD, so that the change
    is still shown, and shown for what it was."""
    value = value.strip()
    if CONTROL.search(value):
        value = CONTROL.sub(REPLACEMENT, value)
    if BIDI.search(value) and unclosed_bidi(value):
        value = BIDI.sub(REPLACEMENT, value)
    return value


def row_of(columns, values):
    return {name: clean(value) for name, value in zip(columns, values, strict=True) if name}


def header_problems(columns, shown):
    seen = {}
    for index, name in enumerate(columns):
        if name and name in seen:
            return [Problem(shown, 1, name,
                            msg("appears twice (columns {first} and {column})", first=seen[name] + 1, column=index + 1),
                            msg("keep one of them"))]  # fmt: skip
        seen[name] = index
    if ID_COLUMN not in seen:
        return [Problem(shown, 1, ID_COLUMN, msg("required column is missing"), msg("add it to the first line"))]
    return []


def version_bytes(version, read):
    """(bytes or None, problems) of a FileVersion; `read(blob id)` as git.BlobReader.read."""
    shown = printable(version.path)
    if version.kind == "link":
        return None, [Problem(shown, 1, "file", msg("is a symbolic link"), msg("replace it by the file itself"))]
    if version.kind != "file":
        return None, [Problem(shown, 1, "file", msg("is not a file"),
                              msg("rename or remove it (a folder named like a file?)"))]
    raw = read(version.blob)
    if isinstance(raw, TooLarge):
        size, limit = f"{raw.size:,}", f"{git.MAX_VERSION_BYTES:,}"
        return None, [Problem(shown, 1, "file",
                              msg("is {size} bytes, more than the {limit} the history reads", size=size, limit=limit))]
    if raw is None:
        return None, [Problem(shown, 1, "file", msg("cannot be read from git"), msg("the repository may be damaged"))]
    return raw, []


def csv_records(text):
    """A CSV text as its records: split at "\n" only (never `str.splitlines`), and a record whose quoted
    value spans lines stays one record."""
    lines = text.split("\n")
    if '"' not in text or not any(line.count('"') % 2 for line in lines if '"' in line):
        return lines  # the usual case: every record on one line
    records, pending, quotes = [], [], 0
    for line in lines:
        pending.append(line)
        quotes += line.count('"')
        if quotes % 2 == 0:
            records.append("\n".join(pending))
            pending, quotes = [], 0
    if pending:
        records.append("\n".join(pending))
    return records


def parse_record(record, delimiter):
    """The values of one record ([] for an empty line); csv.Error when the csv module (strict) cannot read it."""
    rows = [row for row in csv.reader(io.StringIO(record, newline=""), delimiter=delimiter, strict=True) if row]
    if len(rows) > 1:
        raise csv.Error("a record that is not one row")
    return rows[0] if rows else []


@dataclass
class RegisterVersion:
    """One readable version of one register file: its header, its records (texts) and the record of each id.

    Reading version after version, only the records that differ from the last readable version are
    parsed and checked: every record of a readable version has passed the checks once, so a bad row is
    found in the version that brings it, and in every version until it is fixed.
    """

    header_line: str = ""
    delimiter: str = ","
    columns: tuple = ()
    records: frozenset = frozenset()  # the record texts after the header
    ids: dict = field(default_factory=dict)  # sensor id -> its record text

    def rows(self, records):
        """{sensor id: {column: value}} of some of this version's records (all read before)."""
        found = {}
        for record in records:
            values = parse_record(record, self.delimiter)
            if not any(value.strip() for value in values):
                continue  # a blank line, or a row of empty values: the register skips it too
            row = row_of(self.columns, values)
            if row[ID_COLUMN]:
                found[row[ID_COLUMN]] = row
        return found


RegisterVersion.EMPTY = RegisterVersion()


class RegisterReading:
    """The next version of a register file after `old` (the last readable one): (new version, rows gone,
    rows come), or `problems` when it cannot be read."""

    def __init__(self, version, read, old):
        self.shown = printable(version.path)
        self.old = old
        self.new, self.gone, self.come, self.problems = RegisterVersion.EMPTY, {}, {}, []
        if version.blob is None:  # deleted
            self.gone = old.rows(old.records)
            return
        raw, self.problems = version_bytes(version, read)
        text = None
        if raw is not None:
            text, self.problems = decode(raw, self.shown)
        if text is not None:
            self.read_text(text)

    def problem(self, line, field, message, hint=""):
        self.problems.append(Problem(self.shown, line, field, message, hint))

    def read_text(self, text):
        if not text.strip():
            return self.problem(1, "file", msg("is empty"), msg("the first line must name the columns"))
        records = csv_records(text)
        header = self.header(records[0]) if records[0] != self.old.header_line else self.old
        if header is None:
            return None
        base = self.old if header is self.old else RegisterVersion.EMPTY
        kept = frozenset(records[1:])  # blank lines included: they give no row, and a set is built in C
        new = RegisterVersion(records[0], header.delimiter, header.columns, kept, dict(base.ids))
        gone = self.old.rows(self.old.records - kept if base is self.old else self.old.records)
        for sensor_id in gone if base is self.old else ():
            new.ids.pop(sensor_id, None)
        come = self.checked(text, new, kept - base.records)
        if not self.problems:
            self.new, self.gone, self.come = new, gone, come
        return None

    def header(self, header_line):
        """A version holding only the header's delimiter and columns, or None after a problem."""
        delimiter = sniff_delimiter(header_line)
        if delimiter is None:
            hint = msg("the first line must name the columns, e.g. sensor_id;name;summary")
            return self.problem(1, "header", msg("has no ',' or ';' between column names"), hint)
        try:
            columns = tuple(name.strip().lower() for name in parse_record(header_line, delimiter))
        except csv.Error as error:
            return self.problem(1, "header", msg("cannot be read: {error}", error=error))
        self.problems += header_problems(columns, self.shown)
        return None if self.problems else RegisterVersion(header_line, delimiter, columns)

    def checked(self, text, new, records):
        """{sensor id: row} of the new records, each checked as the register reads a row; ids go into `new`."""
        rows = {}
        for record in records:
            found, row = self.check(new, record)
            if found:  # one problem is reason enough to leave the version out; its line is looked up only then
                offset = line_of(text, text.find(record)) - 1
                self.problems += [dataclasses.replace(problem, line=problem.line + offset) for problem in found]
                break
            if row:
                new.ids[row[ID_COLUMN]] = record
                rows[row[ID_COLUMN]] = row
        return rows

    def check(self, new, record):
        """(problems, row) of one record; lines counted from the record's first line. No row for a blank one."""
        try:
            values = parse_record(record, new.delimiter)
        except csv.Error as error:
            return [Problem(self.shown, 1, "row", msg("cannot be read: {error}", error=error))], None
        if not any(value.strip() for value in values):
            return [], None
        found, expected = len(values), len(new.columns)
        if found != expected:
            return [field_count_problem(self.shown, 1, 1, found, expected, new.delimiter)], None
        row = row_of(new.columns, values)
        sensor_id = row[ID_COLUMN]
        if not sensor_id or sensor_id in new.ids:
            shown_id = printable(sensor_id[:100])
            message = msg("'{shown_id}' appears twice", shown_id=shown_id) if sensor_id else msg("is missing on a row")
            return [Problem(self.shown, 1, ID_COLUMN, message, msg("every row needs its own sensor_id"))], None
        return [], row


@dataclass
class DocumentVersion:
    """Whether one version of a Stadspanel document was public; problems when it cannot be read."""

    public: bool = False
    problems: list = field(default_factory=list)

    @classmethod
    def read(cls, version, read):
        # Imported here: open_data imports this plugin, and the stadspanel package imports open_data.
        from stadspanel.reader import split_front_matter

        if version.blob is None:
            return cls()
        raw, problems = version_bytes(version, read)
        if raw is None:
            return cls(problems=problems)
        shown = printable(version.path)
        text, problems = decode(raw, shown, allow_windows_1252=False)
        if text is None:
            return cls(problems=problems)
        parts = split_front_matter(text, shown, problems)
        if parts is None:
            return cls(problems=problems)
        document, problems = load_yaml(parts[0], shown, first_line=2)
        if document is None:
            return cls(problems=problems)
        if not isinstance(document.data, dict):
            return cls(problems=[Problem(shown, 2, "front matter", msg("must be a list of 'key: value' lines"))])
        return cls.from_front_matter(document, shown)

    @classmethod
    def from_front_matter(cls, document, shown):
        """Public or not as the Stadspanel reader decides: status first, then a clear yes/no `confidential`."""
        from stadspanel.schema import DOCUMENT

        data = document.data
        status = str(data.get("status", "published")).strip().lower()
        if status in ("draft", "hidden"):
            return cls()
        if status != "published":
            return cls(problems=[Problem(shown, document.line("status"), "status",
                                         msg("'{status}' is not a status", status=status),
                                         msg("leave it out, or use draft (never published)"))])  # fmt: skip
        if "confidential" not in data:
            return cls(problems=[Problem(shown, 2, "front matter", msg("'confidential' is missing"),
                                         msg("every document says 'confidential: false' (public) or 'confidential: "
                                             "true'"))])  # fmt: skip
        # The one yes/no reading of every reader (editor_files.fields): what today's files accept, no more.
        confidential, issues = DOCUMENT["confidential"].from_yaml(document.raw.get(("confidential",),
                                                                                   data["confidential"]), None)
        if issues or confidential is None:
            return cls(problems=[Problem(shown, document.line("confidential"), "confidential",
                                         msg("'{confidential}' is not a yes/no value",
                                             confidential=data['confidential']),
                                         msg("write true or false (ja or nee also work)"))])  # fmt: skip
        return cls(public=not confidential)
