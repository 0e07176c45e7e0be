# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The register's and the Stadspanel's history, from the commits that changed their files.

One `git log` lists the commits (and the file versions each made) of the sensor folder and of
every public document's folder; one `git cat-file --batch` reads those versions. Cost: linear
in the number of commits and in the bytes of the versions read.

Past versions are read with the same safe readers as today's files (`readers`): strict
decoding, the csv module, YAML without aliases, anchors or tags and with capped depth and
size. A version that cannot be read is left out with a `Note` (for the build log), and the
next readable version is compared with the last readable one: a bad commit never fails a
build, never slows it, and never makes the history claim a change that did not happen.

Sensors: every version of a register file is compared with the version before it; only the
rows whose values changed become dicts (a 10,000-row file changed in one row costs one dict).

Documents: only documents that are public now (in the build's records) get a history, and
only the commits in which the file was public (not a draft, not hidden, not confidential)
count: a draft or a confidential text leaves no trace.

Dates: a commit is shown on the day git says it landed. A commit dated after the build's date
(`today`; SOURCE_DATE_EPOCH in tests), or with a date git cannot give, cannot have landed then:
it is shown on the day of the first later commit that is not in the future (it was visible by
then at the latest), or on the build's date when none follows, and a note says so.
"""

import dataclasses
import datetime
from dataclasses import dataclass, field

from editor_files.messages import msg

from . import git
from .readers import DocumentVersion, RegisterReading, RegisterVersion, printable

SENSOR_ADDED, SENSOR_CHANGED, SENSOR_REMOVED = "sensor_added", "sensor_changed", "sensor_removed"
DOCUMENT_PUBLISHED, DOCUMENT_CHANGED = "document_published", "document_changed"
KINDS = (SENSOR_ADDED, SENSOR_CHANGED, SENSOR_REMOVED, DOCUMENT_PUBLISHED, DOCUMENT_CHANGED)
MAX_NOTE = 500  # characters of a note's reasons: a past value quoted in a message may be long


@dataclass(frozen=True)
class Change:
    date: datetime.date
    kind: str  # one of KINDS
    subject: str  # sensor id, or a document's path in the repository
    commit: str
    fields: tuple = ()  # (field, old, new) for a changed sensor


@dataclass(frozen=True)
class Note:
    """Something the history left out, and why: shown in the build log (in Dutch), never fatal, never published."""

    commit: str
    path: str  # the file in the repository; "" for a note about a whole commit
    text: str  # Dutch, as the build log shows it

    def __str__(self):
        return self.text


@dataclass
class History:
    available: bool = False  # False: no repository (e.g. a copy without .git)
    complete: bool = False  # False in a shallow clone: what came before `since` is unknown
    since: datetime.date | None = None  # the oldest commit read
    changes: list = field(default_factory=list)  # oldest first
    last_seen: dict = field(default_factory=dict)  # removed sensor id -> its last committed values
    notes: list = field(default_factory=list)  # Note: versions left out and dates moved, oldest first


def skipped(commit, path, problems):
    """The note for a past version that cannot be read: when, which commit, and the reader's own problems."""
    day, short = commit.date.isoformat(), commit.short
    heading = msg("the version of {day} (commit {short}) is left out of the history", day=day, short=short)
    reasons = printable("; ".join(str(problem) for problem in problems))  # one log line, whatever a value holds
    if len(reasons) > MAX_NOTE:
        reasons = reasons[:MAX_NOTE] + "…"
    return Note(commit.sha, path, f"{heading}: {reasons}")


# --- dates ---


def visible_dates(commits, today):
    """The commits with every date after `today` (or unreadable) moved to when it was visible; notes for each."""
    shown, notes, later = [], [], today
    for commit in reversed(commits):
        if commit.date is not None and commit.date <= today:
            shown.append(commit)
            later = commit.date
            continue
        short, moved = commit.short, later.isoformat()
        dated = commit.date.isoformat() if commit.date else "?"
        notes.append(Note(commit.sha, "", str(
            msg("commit {short} is dated {dated}, after the build date: its changes are shown on {moved}", short=short,
                dated=dated, moved=moved))))
        shown.append(dataclasses.replace(commit, date=later))
    return shown[::-1], notes[::-1]


# --- sensors ---


def field_changes(before, after, fields):
    """(field, old, new) of each field both versions have that differs: a column added to or dropped from a
    file's header is not a change of every sensor in it."""
    return tuple((name, before[name], after[name]) for name in fields
                 if name in before and name in after and before[name] != after[name])  # fmt: skip


class SensorHistory:
    """Follows the register's files commit by commit; adds each commit's changes to a History."""

    def __init__(self, folder, fields, history, boundary=frozenset()):
        self.prefix = folder + "/"
        self.fields = fields
        self.history = history
        self.boundary = boundary
        self.files = {}  # path -> the last readable RegisterVersion
        self.present = {}  # sensor id -> its values as the last commit left them

    def wants(self, version):
        return version.path.startswith(self.prefix) and version.path.lower().endswith(".csv")

    def apply(self, commit, read):
        """One commit: `read(blob id)` gives a version's bytes (see git.BlobReader.read)."""
        gone, come = {}, {}
        for version in commit.files:
            if not self.wants(version):
                continue
            reading = RegisterReading(version, read, self.files.get(version.path, RegisterVersion.EMPTY))
            if reading.problems:
                self.history.notes.append(skipped(commit, version.path, reading.problems))
                continue
            self.files[version.path] = reading.new
            gone.update(reading.gone)
            come.update(reading.come)
        # A shallow clone's first commit holds everything before it: a baseline, not additions.
        if commit.sha not in self.boundary:
            self.history.changes += self.commit_changes(commit, gone, come)
        for sensor_id in gone:
            self.present.pop(sensor_id, None)
        self.present.update(come)
        for sensor_id in come:
            self.history.last_seen.pop(sensor_id, None)
        for sensor_id in set(gone) - set(come):
            self.history.last_seen[sensor_id] = gone[sensor_id]

    def commit_changes(self, commit, gone, come):
        changes = []
        for sensor_id, after in sorted(come.items()):
            if sensor_id in gone or sensor_id in self.present:
                before = gone.get(sensor_id) or self.present[sensor_id]
                changed = field_changes(before, after, self.fields)
                if changed:
                    changes.append(Change(commit.date, SENSOR_CHANGED, sensor_id, commit.sha, changed))
            else:
                changes.append(Change(commit.date, SENSOR_ADDED, sensor_id, commit.sha))
        for sensor_id in sorted(set(gone) - set(come)):
            changes.append(Change(commit.date, SENSOR_REMOVED, sensor_id, commit.sha))
        return changes


# --- documents ---


class DocumentHistory:
    """When each public document was published and changed; `wanted`: {repository path: key}."""

    def __init__(self, wanted, history, boundary=frozenset()):
        self.wanted = wanted
        self.history = history
        self.boundary = boundary
        self.published = set()

    def apply(self, commit, read):
        for version in commit.files:
            if version.path not in self.wanted:
                continue
            document = DocumentVersion.read(version, read)
            if document.problems:
                self.history.notes.append(skipped(commit, version.path, document.problems))
                continue
            if not document.public:
                continue
            key = self.wanted[version.path]
            if version.path in self.published:
                self.history.changes.append(Change(commit.date, DOCUMENT_CHANGED, key, commit.sha))
            elif commit.sha not in self.boundary:
                self.history.changes.append(Change(commit.date, DOCUMENT_PUBLISHED, key, commit.sha))
            self.published.add(version.path)


def first_day(repository, today):
    """The day of the branch's oldest commit (in a shallow clone: the oldest one there is), at most `today`."""
    output = git.run_git(repository.top, "log", "--first-parent", "--reverse", "-z", "--format=%cI")
    day = git.day_of(output.split(b"\0", 1)[0]) if output else None
    return min(day, today) if day else None


def read_history(folder_of_sensors, documents, fields, today=None):
    """The whole history; `documents`: {absolute path: key} of the documents that are public now."""
    today = today or datetime.date.today()
    repository = git.open_repository(folder_of_sensors)
    if repository is None:
        return History()
    history = History(available=True, complete=not repository.shallow)
    sensors_folder = repository.relative(folder_of_sensors)
    in_repository = {repository.relative(path): key for path, key in documents.items()}
    wanted = {path: key for path, key in in_repository.items() if path}
    folders = sorted({path.rsplit("/", 1)[0] for path in wanted} | ({sensors_folder} if sensors_folder else set()))
    commits, history.notes = visible_dates(git.commits(repository, folders), today)
    followers = [DocumentHistory(wanted, history, repository.boundary)]
    if sensors_folder:
        followers.insert(0, SensorHistory(sensors_folder, fields, history, repository.boundary))
    with git.BlobReader(repository) as blobs:
        for commit in commits:
            for follower in followers:
                follower.apply(commit, blobs.read)
    history.changes.sort(key=lambda c: c.date)
    history.since = first_day(repository, today)
    return history

