"""The register's and the Stadspanel's history, from the commits that changed their files.

Sensors: every commit that touched `data/sensors/` is compared with the state before it. Only
the rows whose text changed are parsed (a 10,000-row file changed in one row costs one row),
so the cost grows with the number of changes, not with register size times commits.

Documents: only documents that are public now (in the build's records) get a history, and
only the commits in which the file was public (not a draft, not hidden, not confidential)
count: a draft or a confidential text leaves no trace.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

import yaml

from . import git

SENSOR_ADDED, SENSOR_CHANGED, SENSOR_REMOVED = "sensor_added", "sensor_changed", "sensor_removed"
DOCUMENT_PUBLISHED, DOCUMENT_CHANGED = "document_published", "document_changed"
KINDS = (SENSOR_ADDED, SENSOR_CHANGED, SENSOR_REMOVED, DOCUMENT_PUBLISHED, DOCUMENT_CHANGED)


@dataclass(frozen=True)
class Change:
    date: datetime.date
    kind: str  # one of KINDS
    subject: str  # sensor id, or a document's path in the repository
    commit: str
    fields: tuple = ()  # (field, old, new) for a changed sensor


@dataclass
class History:
    available: bool = False  # False: no repository (e.g. a copy without .git)
    complete: bool = False  # False in a shallow clone: what came before `since` is unknown
    since: datetime.date | None = None  # the oldest commit read
    changes: list = field(default_factory=list)  # oldest first
    last_seen: dict = field(default_factory=dict)  # removed sensor id -> its last committed values


# --- sensors ---


def csv_records(text):
    """A CSV text as its logical lines: a record whose quoted value spans lines stays one record."""
    lines = text.splitlines()
    if not any(line.count('"') % 2 for line in lines if '"' in line):
        return lines  # the usual case: every record on one line
    records, pending = [], []
    quotes = 0
    for line in lines:
        pending.append(line)
        quotes += line.count('"')
        if quotes % 2 == 0:
            records.append("\n".join(pending))
            pending, quotes = [], 0
    if pending:
        records.append("\n".join(pending))
    return records


def parse_rows(header, delimiter, records):
    """{sensor_id: {column: value}} for some records of a file; rows without an id are skipped."""
    rows = {}
    try:
        reader = csv.reader(io.StringIO("\n".join(records), newline=""), delimiter=delimiter)
        for values in reader:
            row = {name.strip(): value.strip() for name, value in zip(header, values, strict=False)}
            if row.get("sensor_id"):
                rows[row["sensor_id"]] = row
    except csv.Error:
        pass
    return rows


class CsvVersion:
    """One version of one register file: its header and its records as a set of texts."""

    def __init__(self, raw):
        from editor_files.sources import decode

        text = decode(raw, "")[0] if raw is not None else None
        records = csv_records(text) if text else []
        header_line = records[0] if records else ""
        self.delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
        self.header = next(csv.reader([header_line], delimiter=self.delimiter), []) if header_line else []
        self.header_line = header_line
        self.records = set(records[1:])
        self.records.discard("")

    def rows(self, records):
        return parse_rows([h.strip().lstrip("\ufeff") for h in self.header], self.delimiter, records)


EMPTY = CsvVersion(None)


def changed_rows(old, new):
    """(rows gone, rows come) between two versions of one file, parsing only what differs."""
    if old.header_line != new.header_line:
        return old.rows(old.records), new.rows(new.records)
    return old.rows(old.records - new.records), new.rows(new.records - old.records)


def field_changes(before, after, fields):
    return tuple((name, before.get(name, ""), after.get(name, "")) for name in fields
                 if before.get(name, "") != after.get(name, ""))  # fmt: skip


def sensor_changes(repository, folder, fields, history):
    """Adds the sensors' changes to `history`; returns {sensor id: values} as the last commit left them."""
    path = repository.relative(folder)
    commits = git.commits(repository, [path])
    files, present = {}, {}
    with git.BlobReader(repository) as blobs:
        for commit in commits:
            gone, come = {}, {}
            for name in commit.files:
                if not name.lower().endswith(".csv") or not name.startswith(path + "/"):
                    continue
                new = CsvVersion(blobs.read(commit.sha, name))
                old_rows, new_rows = changed_rows(files.get(name, EMPTY), new)
                files[name] = new
                gone.update(old_rows)
                come.update(new_rows)
            # A shallow clone's first commit holds everything before it: a baseline, not additions.
            if commit.sha not in repository.boundary:
                history.changes += commit_changes(commit, gone, come, present, fields)
            for sensor_id in gone:
                present.pop(sensor_id, None)
            present.update(come)
            for sensor_id in come:
                history.last_seen.pop(sensor_id, None)
            for sensor_id in set(gone) - set(come):
                history.last_seen[sensor_id] = gone[sensor_id]
    return present


def commit_changes(commit, gone, come, present, fields):
    changes = []
    for sensor_id, after in sorted(come.items()):
        if sensor_id in gone or sensor_id in present:
            before = gone.get(sensor_id) or present[sensor_id]
            changed = field_changes(before, after, fields)
            if changed:
                changes.append(Change(commit.date, SENSOR_CHANGED, sensor_id, commit.sha, changed))
        else:
            changes.append(Change(commit.date, SENSOR_ADDED, sensor_id, commit.sha))
    for sensor_id in sorted(set(gone) - set(come)):
        changes.append(Change(commit.date, SENSOR_REMOVED, sensor_id, commit.sha))
    return changes


# --- documents ---

FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(\r?\n|\Z)", re.S)
UNPUBLISHED_STATUSES = {"draft", "hidden", "skip"}


def is_public(raw):
    """Whether a version of a document was public: readable front matter, not confidential, not a draft."""
    if raw is None:
        return False
    match = FRONT_MATTER.match(raw.decode("utf-8", "replace"))
    try:
        data = yaml.safe_load(match.group(1)) if match else None
    except yaml.YAMLError:
        return False
    if not isinstance(data, dict):
        return False
    confidential = str(data.get("confidential", "")).strip().lower()
    status = str(data.get("status", "")).strip().lower()
    return confidential in ("false", "nee", "no") and status not in UNPUBLISHED_STATUSES


def document_changes(repository, public_paths, history):
    """Adds when each public document was published and changed; `public_paths`: {repository path: key}."""
    wanted = public_paths
    if not wanted:
        return
    folders = sorted({p.rsplit("/", 1)[0] for p in wanted})
    published = set()
    with git.BlobReader(repository) as blobs:
        for commit in git.commits(repository, folders):
            for name in commit.files:
                if name not in wanted or not is_public(blobs.read(commit.sha, name)):
                    continue
                if name in published:
                    history.changes.append(Change(commit.date, DOCUMENT_CHANGED, wanted[name], commit.sha))
                elif commit.sha not in repository.boundary:
                    history.changes.append(Change(commit.date, DOCUMENT_PUBLISHED, wanted[name], commit.sha))
                published.add(name)


def read_history(folder_of_sensors, documents, fields):
    """The whole history; `documents`: {absolute path: key} of the documents that are public now."""
    repository = git.open_repository(folder_of_sensors)
    if repository is None:
        return History()
    history = History(available=True, complete=not repository.shallow)
    sensor_changes(repository, folder_of_sensors, fields, history)
    in_repository = {repository.relative(path): key for path, key in documents.items()}
    document_changes(repository, {path: key for path, key in in_repository.items() if path}, history)
    history.changes.sort(key=lambda c: c.date)
    first = git.run_git(repository.top, "log", "--first-parent", "--reverse", "--format=%cI")
    if first:
        history.since = datetime.datetime.fromisoformat(first.decode().split("\n", 1)[0].strip()).date()
    return history
