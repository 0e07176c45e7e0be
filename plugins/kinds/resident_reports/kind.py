# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Residents' reports as a record kind (site_records.kinds): data/meldingen/*.csv, one row per report.

Editors register what came in and what was done: `id`, `received_on`, `about` (the record, as
`sensor:HLV-CAM-001`, `dossier:cameratoezicht` or `layer:wijken`), `summary` (public, in the
editor's words), `status` (`received`, `in_progress`, `handled`, `not_handled`), `handled_on` and
`outcome` (what was done). A reporter is never published: a public value that looks like an
e-mail address, a phone number or a postcode with a house number is refused at its line, and so
is a report about a record that does not exist. The reports are listed on /meldingen/, beside the
record they are about, in that record's feed, and in the open data.
"""

import csv
import io
import json
import re
import statistics
from dataclasses import dataclass

from editor_files.csv_text import data_rows, sniff_delimiter
from editor_files.dates import DATE_HINT, parse_date
from editor_files.messages import msg
from editor_files.problems import Problem, did_you_mean, editor_path
from editor_files.sources import read_text
from site_outputs import Output, Page
from site_outputs.csv_files import csv_text
from site_records.kinds import Link, RecordKind

FOLDER = "meldingen"
COLUMNS = ("id", "received_on", "about", "summary", "status", "handled_on", "outcome")
REQUIRED = ("id", "received_on", "about", "summary", "status")
COLUMNS_HINT = msg("the first line names the columns id, received_on, about, summary, status, handled_on, outcome")
PUBLIC_TEXT = ("summary", "outcome")
STATUSES = ("received", "in_progress", "handled", "not_handled")
CLOSED = ("handled", "not_handled")
# The kinds of record a report can be about: the prefix editors write -> the records' attribute.
ABOUT = {"sensor": "register", "dossier": "panel", "layer": "layers"}
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
# What would identify a reporter: an e-mail address, a phone number, a postcode with house number.
PERSONAL = (
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), msg("an e-mail address")),
    (re.compile(r"(?<![\w-])(\+31|0031|0)[\s-]?[1-9](?:[\s-]?\d){7,8}(?!\d)"), msg("a phone number")),
    (re.compile(r"\b[1-9]\d{3}\s?[A-Za-z]{2}\s*\d{1,5}\b"), msg("a postcode with a house number")),
)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Report:
    id: str
    received_on: object
    about_kind: str  # sensor, dossier or layer
    about_id: str
    summary: str
    status: str
    handled_on: object
    outcome: str
    source_path: str
    source_line: int

    @property
    def closed(self):
        return self.status in CLOSED

    def days_to_handle(self):
        return (self.handled_on - self.received_on).days if self.closed and self.handled_on else None


def load(site, _before):
    folder = site.data_path / FOLDER
    if not folder.is_dir():
        return (), []
    reports, problems, seen = [], [], {}
    for path in sorted(folder.iterdir()):
        shown = editor_path(path, site.root)
        if path.suffix.lower() != ".csv" or not path.is_file() or path.is_symlink():
            problems.append(Problem(shown, 1, "file", msg("is not a .csv file and is not read"),
                                    msg("data/meldingen/ holds the reports' CSV files only")))  # fmt: skip
            continue
        found, file_problems = read_file(path, shown, site.today)
        problems += file_problems
        for report in found:
            if report.id in seen:
                problems.append(Problem(shown, report.source_line, "id", msg("'{id}' is used twice", id=report.id),
                                        msg("also on {seen}; every report needs its own id",
                                            seen=seen[report.id])))  # fmt: skip
            seen.setdefault(report.id, f"{shown}:{report.source_line}")
            reports.append(report)
    # The rows that could be read are kept even when others could not: their links are checked in the
    # same run (the build still stops on any problem).
    return tuple(reports), problems


def read_file(path, shown, today):
    text, problems = read_text(path, shown)
    if text is None:
        return [], problems
    header_line = text.split("\n", 1)[0].lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=sniff_delimiter(header_line) or ",",
                        strict=True)  # fmt: skip
    try:
        header = [name.strip() for name in next(reader, [])]
    except csv.Error as error:  # an unclosed quote in the first line
        return [], problems + [Problem(shown, 1, "header", msg('a quote (") is not closed ({error})', error=error),
                                       msg('put a closing " after the value, or remove the opening one'))]
    unknown = [name for name in header if name not in COLUMNS]
    missing = [name for name in REQUIRED if name not in header]
    for name in unknown:
        problems.append(Problem(shown, 1, name, msg("is not a column of the reports"), did_you_mean(name, COLUMNS)))
    for name in missing:
        problems.append(Problem(shown, 1, name, msg("column is missing"), COLUMNS_HINT))
    if unknown or missing:
        return [], problems
    reports = []
    for line, _end, fields in data_rows(reader, shown, problems, len(header), reader.dialect.delimiter):
        report = read_row(dict(zip(header, (f.strip() for f in fields), strict=True)), shown, line, today, problems)
        if report:
            reports.append(report)
    return reports, problems


def read_row(row, shown, line, today, problems):
    before = len(problems)

    def problem(field, message, hint=""):
        problems.append(Problem(shown, line, field, message, hint))

    for name in REQUIRED:
        if not row.get(name):
            problem(name, msg("is empty"), msg("every report needs id, received_on, about, summary and status"))
    for name, value in row.items():
        if CONTROL.search(value):
            problem(name, msg("holds a control or direction character"), msg("retype the value without it"))
    for name in PUBLIC_TEXT:
        for pattern, what in PERSONAL:
            if pattern.search(row.get(name, "")):
                problem(name, msg("looks like it holds {what}", what=what),
                        msg("never publish who reported it: leave it out"))
    if row.get("id") and not ID.match(row["id"]):
        problem("id", msg("'{id}' cannot be an id", id=row['id']),
                msg("use letters, digits, - and _ (e.g. M-2026-001)"))
    received, handled = parse_date(row.get("received_on", "")), parse_date(row.get("handled_on", ""))
    if row.get("received_on") and received is None:
        problem("received_on", msg("'{received_on}' is not a date", received_on=row['received_on']), DATE_HINT)
    if row.get("handled_on") and handled is None:
        problem("handled_on", msg("'{handled_on}' is not a date", handled_on=row['handled_on']), DATE_HINT)
    for name, day in (("received_on", received), ("handled_on", handled)):
        if day and day > today:
            problem(name, msg("lies in the future"), msg("write the day it happened"))
    if received and handled and handled < received:
        problem("handled_on", msg("is before received_on"), msg("a report is handled after it came in"))
    status = row.get("status", "")
    if status and status not in STATUSES:
        problem("status", msg("'{status}' is not a status", status=status), did_you_mean(status, STATUSES))
    if status in CLOSED and not handled:
        problem("handled_on", msg("is empty for a closed report"), msg("write the day it was handled"))
    if status in CLOSED and not row.get("outcome"):
        problem("outcome", msg("is empty for a closed report"), msg("say what was done (or why nothing was)"))
    kind, _, about_id = row.get("about", "").partition(":")
    if row.get("about") and (kind not in ABOUT or not about_id):
        problem("about", msg("'{about}' does not name a record", about=row['about']),
                msg("write sensor:<id>, dossier:<id> or layer:<id>"))
    if len(problems) > before:
        return None
    return Report(row["id"], received, kind, about_id, row["summary"], status, handled, row.get("outcome", ""),
                  shown, line)  # fmt: skip


def about(kind):
    """The reports about records of one kind, as a link's values."""

    def values(reports):
        for report in reports:
            if report.about_kind == kind:
                yield report.id, report.source_path, report.source_line, (report.about_id,)

    return values


def unknown_record(path, line, record_id, known):
    return Problem(path, line, "about",
                   msg("'{record_id}' is not a record of that kind on the site", record_id=record_id),
                   did_you_mean(record_id, known))  # fmt: skip


RECORD_KIND = RecordKind(
    name="melding",
    attribute="meldingen",
    load=load,
    ids=lambda reports: (r.id for r in reports),
    after=tuple(ABOUT.values()),
    links=tuple(Link(attribute, about(kind), unknown_record) for kind, attribute in ABOUT.items()),
)



# --- what residents see ---

EXPORT = "open-data/meldingen"  # .csv and .json
PAGE = "meldingen/index.html"


@dataclass(frozen=True)
class ReportFigures:
    open: tuple  # Report, oldest first
    closed: tuple  # Report, latest handled first
    median_days: float | None
    longest_open: object  # the Report open longest, or None
    longest_open_days: int | None


def figures(reports, today):
    open_ = tuple(sorted((r for r in reports if not r.closed), key=lambda r: r.received_on))
    closed = tuple(sorted((r for r in reports if r.closed), key=lambda r: (r.handled_on, r.id), reverse=True))
    days = [r.days_to_handle() for r in closed if r.days_to_handle() is not None]
    longest = open_[0] if open_ else None
    return ReportFigures(open_, closed, statistics.median(days) if days else None, longest,
                         (today - longest.received_on).days if longest else None)  # fmt: skip


def by_record(reports):
    """{(kind, id): [Report]}: what the page of a sensor, dossier or layer lists."""
    found = {}
    for report in sorted(reports, key=lambda r: r.received_on, reverse=True):
        found.setdefault((report.about_kind, report.about_id), []).append(report)
    return found


def context(records, settings):
    """What record pages read: the reports about each record."""
    return {"reports_about": by_record(records.meldingen or ())}


def record_url(report, records):
    """The address of the page of the record a report is about."""
    if report.about_kind == "layer":
        return records.layer(report.about_id).page_url
    return records.settings.url(report.about_kind, id=report.about_id)


def export_rows(reports, records):
    rows = []
    for report in sorted(reports, key=lambda r: (r.received_on, r.id)):
        rows.append({"id": report.id, "received_on": report.received_on.isoformat(),
                     "about": f"{report.about_kind}:{report.about_id}",
                     "about_url": f"{records.settings.site_url}/{record_url(report, records)}",
                     "summary": report.summary, "status": report.status,
                     "handled_on": report.handled_on.isoformat() if report.handled_on else "",
                     "days_to_handle": report.days_to_handle(), "outcome": report.outcome})  # fmt: skip
    return rows


EXPORT_COLUMNS = ("id", "received_on", "about", "about_url", "summary", "status", "handled_on", "days_to_handle",
                  "outcome")  # fmt: skip


def outputs(records, settings):
    reports = records.meldingen or ()
    itself = msg("a page of the site itself (reports)")
    urls = {r.id: record_url(r, records) for r in reports}
    yield Output(PAGE, itself, overview=True, make=lambda g: Page("meldingen", {
        "figures": figures(reports, records.settings.today), "record_urls": urls, "active_section": "sensoren"}))
    yield Output(f"{EXPORT}.csv", itself, overview=True, make=lambda g: csv_text(EXPORT_COLUMNS, (
        [row[c] for c in EXPORT_COLUMNS] for row in export_rows(reports, records))))
    yield Output(f"{EXPORT}.json", itself, overview=True, make=lambda g: json.dumps(
        {**records.settings.export_metadata(settings["UI"]["reports"]["dataset_title"]),
         "reports": export_rows(reports, records)}, ensure_ascii=False, indent=1, allow_nan=False))


def open_data_files(records, settings):
    ui = settings["UI"]["reports"]
    common = {"dataset": "meldingen", "dataset_title": ui["dataset_title"], "description": ui["dataset_description"],
              "sources": [records.settings.data_path / FOLDER]}  # fmt: skip
    return [{"url": f"{EXPORT}.csv", "title": ui["dataset_title"] + " (CSV)", "format": "CSV",
             "media_type": "text/csv", **common},
            {"url": f"{EXPORT}.json", "title": ui["dataset_title"] + " (JSON)", "format": "JSON",
             "media_type": "application/json", **common}]  # fmt: skip
