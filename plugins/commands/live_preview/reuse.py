# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Pages a preview build takes over from the last good build instead of rendering them again.

At 10,000 sensors most of a rebuild is rendering the 20,000 sensor and sign pages, while a saved
dossier changes a handful of them. Before making an output that declares its inputs (the records and
values its `make` receives, site_outputs.Output), `site_outputs.write_outputs` asks `kept_inputs(path,
inputs, reads)`: nothing of a page whose inputs are unchanged is made, not even its view. For any
other page it asks `kept(path, dependencies)` once the page is made: the page's template, the
variables it receives (its view objects) and the context values it declares it reads. Nobody writes a
key by hand: a field added to a view is in the page's inputs by being in a record (or a view) they
hold. Their fingerprint is a digest of their pickled
form, which holds every field of every object (also those left out of ==, such as a record's
URL); a value that cannot be pickled counts as changed. A value shared by many pages (a panel, a
history, the register's figures: any object but a fresh tuple, list, dict or text) is digested once per build;
a tuple or list of records (a list page's 50 sensors) is digested from its records' digests. A record (a
frozen dataclass of RECORD_FIELDS fields or more:
a sensor, a Stadspanel document) is digested once while it lives: the build cache hands the same
object to every build until its file changes, and nobody changes a kept result (editor_files.memo),
so its digest stands for it in the fingerprint of every page and build that shows it. Likewise the key of an
output's inputs made of records only (a sensor's page, sign and feed: the build cache keeps their declarations
while their records are the same, site_outputs.kept_output) is made once while that tuple of inputs lives. So is a part
of a view that a memo keeps for the session and whose frozen class says `digested_once = True` (a
sensor page's facts, `sensor_register.views.FieldGroups`).
The page is taken over (hard-linked from the last good build) only when its fingerprint equals
that build's for the same path and every other input of the build is the same: `inputs_digest`
covers every source file except RECORD_SOURCES, the settings, the date and the git history; what
pages show of RECORD_SOURCES reaches them only through their dependencies. A file that may be
shared (linked) is never written over: it is
unlinked first, so a shared file stays as built.

Recycling: linking 20,000 pages into a new folder costs a directory per page (on this kind of
disk a `mkdir` takes ~0.2 ms, a link ~0.015 ms: seconds per build). So a build writes into the
folder of the build before last (no longer served), renamed: a page whose fingerprint equals the
one it has there is left as it is, without a single system call (`in_place`). After a good build,
every file there that this build neither decided on (its keys) nor wrote (its inode unchanged since
well before the build started) is stale and removed; the walk lists again only the folders whose
modification time changed since its last walk of that folder (site_outputs.folders.FolderListing). A
further language's folder is left out of that walk: its pass removed its stale pages already, walking it
to keep only pages (language_versions.keep_pages_only).
"""

import contextlib
import dataclasses
import datetime
import hashlib
import io
import operator
import os
import pickle
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from editor_files.memo import digest
from site_outputs.folders import FolderListing, remove_empty_folders

__all__ = ["PageReuse", "inputs_digest", "RECORD_SOURCES"]

# What a page shows of these files reaches it through its generator's key.
RECORD_SOURCES = ("content/stadspanel", "data/sensors")
SOURCES = ("content", "data", "theme", "pelicanconf.py")


@dataclass
class Build:
    output: Path
    inputs: str
    keys: dict = field(default_factory=dict)  # page path -> fingerprint of its dependencies
    shared: dict = field(default_factory=dict)  # id(value) -> (value, digest): large values, digested once
    recycled: object = None  # the Build whose folder this one writes into, if any
    in_place: set = field(default_factory=set)  # pages of the recycled folder left as they were
    reads: dict = field(default_factory=dict)  # id(tuple of context values) -> (that tuple, their digests)
    pruned: set = field(default_factory=set)  # folders of further languages' passes: they removed their stale files
    listing: FolderListing = field(default_factory=FolderListing)  # its folder's last walk (follows a rename)
    started: int = field(default_factory=time.time_ns)


class PageReuse:
    """The keys of the last good build's pages, and the build under way."""

    def __init__(self):
        self.last = None
        self.spare = None  # the good build before last: its folder may be recycled
        self.building = None
        self.readers = {}  # class -> how FieldPickler reads its fields
        self.records = Records()  # records digested once, by identity
        self.input_keys = ByIdentity()  # keys of outputs' inputs made of records, by the identity of their tuple

    def start(self, output, inputs, recycled=None, next_build=True):
        """`recycled`: the spare build, its folder just renamed to `output`; `next_build`: False for a
        further pass of a build whose records' digests are shared (the first pass's start made way)."""
        if recycled is not None:
            recycled.output = Path(output)
        self.building = Build(Path(output), inputs, recycled=recycled)
        if recycled is not None:
            self.building.listing = recycled.listing  # the same folders
        if next_build:
            self.records.next_build()
            self.input_keys.next_build()
        return self

    def kept(self, path, dependencies):
        """True when `path` (relative to the output) was taken over from the last good build.

        `dependencies`: (template, {variable: value}, {context name: value}) of a page made already, see
        site_outputs.
        """
        return self.kept_key(path, self.fingerprint(dependencies))

    def kept_inputs(self, path, inputs, reads):
        """`kept` for an output not made yet: `inputs` are the values it is made of (site_outputs.Output),
        `reads` the context values it reads (the same for every output: digested once per build)."""
        found = self.input_keys.kept(inputs)
        key = found[1] if found is not None else self.inputs_key(inputs)
        if key is None:
            return self.kept_key(path, None)
        if reads:
            found = self.reads_digests(reads)
            if found is None:
                return self.kept_key(path, None)
            key += tuple(found)
        return self.kept_key(path, key)

    def inputs_key(self, inputs):
        """(INPUTS, digest of each input), or None when one cannot be digested. Kept by the tuple's identity
        (`input_keys`) when it holds records, tuples of records and plain values only: a tuple the build cache
        keeps (site_outputs.kept_output) then has the same key while it lives, as a record has the same digest."""
        key = [INPUTS]
        value_digest, digested = self.value_digest, self.records.current
        stable = True
        for value in inputs:
            found = digested.get(id(value))  # a record digested already: most inputs
            if found is not None and found[0] is value:
                key.append(found[2])
                continue
            if value is None or value == EMPTY:  # no dossiers, no stories, no charts: most of the rest
                key.append(EMPTY_DIGESTS[value])
                continue
            found = value_digest(value)
            if found is None:
                return None
            key.append(found)
            kind = type(value)
            if stable and kind not in PLAIN and not (kind is tuple and all(self.is_record(item) for item in value)):
                stable = False
        key = tuple(key)
        if stable:
            self.input_keys.keep(inputs, key)
        return key

    def is_record(self, value):
        """Whether `value` is a record whose digest this build has made (or taken over from the last)."""
        found = self.records.current.get(id(value))
        return found is not None and found[0] is value

    def reads_digests(self, reads):
        """The digests of context values `reads`, kept for the build by the identity of the tuple holding them
        (write_outputs gives every output that reads the same names the same one); None: one cannot be
        digested."""
        kept = self.building.reads.get(id(reads))
        if kept is None or kept[0] is not reads:
            digests = [self.value_digest(value, shared=True) for value in reads]
            kept = self.building.reads[id(reads)] = (reads, None if None in digests else digests)
        return kept[1]

    def kept_key(self, path, key):
        """Whether `path` is taken over, its fingerprint being `key` (None: it cannot be compared)."""
        building, last, recycled = self.building, self.last, self.building.recycled
        building.keys[path] = key
        if key is not None and recycled is not None and recycled.inputs == building.inputs \
                and recycled.keys.get(path) == key:  # fmt: skip
            building.in_place.add(path)
            return True
        self.release(path)
        if key is None or last is None or last.inputs != building.inputs or last.keys.get(path) != key:
            return False
        target = building.output / path
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(last.output / path, target)
        except OSError:  # e.g. removed meanwhile: render it
            return False
        return True

    def recycles(self):
        return self.building is not None and self.building.recycled is not None

    def drop_pages_but(self, declared):
        """Remove the recycled folder's pages that are not in `declared` (this build's outputs)."""
        for path in self.building.recycled.keys:
            if path not in declared:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.building.output / path)

    def release(self, path):
        """A recycled folder's page about to be linked or written: unlinked first (it may share a served file)."""
        recycled = self.building.recycled
        if recycled is not None and path in recycled.keys:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.building.output / path)

    def finished(self, good):
        """After a build: a good one is what the next build compares with; a bad one is forgotten."""
        building = self.building
        if good:
            if building.recycled is not None:
                remove_stale(building)
            building.recycled, building.in_place, building.shared, building.pruned = None, set(), {}, set()
            building.reads = {}
            self.spare, self.last = self.last, building
        elif building.recycled is not None:
            self.spare = None  # its folder went with the failed build
        self.building = None

    def written_before(self, path):
        """Whether the file at `path` (in the folder being built) was there before this build: its old version."""
        return os.lstat(path).st_ctime_ns < self.building.started - STALE_MARGIN_NS

    def fingerprint(self, dependencies):
        """A digest of a page's dependencies; None when one cannot be pickled (the page is rendered)."""
        template, variables, reads = dependencies
        found = hashlib.sha256(template.encode())
        for group, shared in ((variables, False), (reads, True)):  # a context value is the same for every page
            for name in sorted(group):
                value_digest = self.value_digest(group[name], shared)
                if value_digest is None:
                    return None
                found.update(f"\0{name}\0{value_digest}".encode())
        return found.hexdigest()

    def value_digest(self, value, shared=False):
        kind = type(value)
        if kind in PLAIN and (kind is not str or len(value) <= PLAIN_LENGTH):
            return repr(value)  # itself: shorter than its digest, and never 64 hex digits
        found = self.records.current.get(id(value))
        if found is not None and found[0] is value:
            return found[2]
        kept = self.building.shared
        if id(value) in kept:
            return kept[id(value)][1]
        reader = self.reader(kind)
        if reader is not None and reader[2]:  # a record: its own digest, made once while it lives
            self.records.digest(value, reader[0], reader[1], self.readers)
            return self.records.current[id(value)][2]
        if (kind is tuple or kind is list) and len(value) <= SMALL_SEQUENCE:  # a few records: their digests
            parts = [self.value_digest(item) for item in value]
            if None not in parts:
                return f"{kind.__name__}({chr(0).join(parts)})"
        elif kind is tuple or kind is list:  # records (an owner's 50 sensors): a digest of theirs, nothing pickled
            parts = self.record_digests(value)
            if parts is not None:
                return f"{kind.__name__}#" + hashlib.sha256(chr(0).join(parts).encode()).hexdigest()
        buffer = io.BytesIO()  # a new pickler each time: clearing one's memo costs more after a large value
        try:
            FieldPickler(buffer, self.readers, self.records).dump(value)
            found = hashlib.sha256(buffer.getbuffer()).hexdigest()
        except Exception:  # noqa: BLE001 - anything that cannot be pickled counts as changed
            found = None
        if shared or kind not in FRESH or buffer.tell() > SHARED_SIZE:  # shared, large, or an object: many pages
            kept[id(value)] = (value, found)  # may show it (a dossier, the register's figures); held, so its id is
        return found  # its own this build

    def record_digests(self, values):
        """The digest of each of `values` when every one is a record or a short plain value, else None."""
        current, records, parts = self.records.current, self.records, []
        for item in values:
            found = current.get(id(item))
            if found is not None and found[0] is item:
                parts.append(found[2])
                continue
            kind = type(item)
            if kind in PLAIN and (kind is not str or len(item) <= PLAIN_LENGTH):
                parts.append(repr(item))
                continue
            reader = self.reader(kind)
            if reader is None or not reader[2]:
                return None
            records.digest(item, reader[0], reader[1], self.readers)
            parts.append(current[id(item)][2])
        return parts

    def reader(self, kind):
        reader = self.readers.get(kind, _UNKNOWN)
        if reader is _UNKNOWN:
            reader = self.readers[kind] = field_reader(kind)
        return reader


PLAIN = {str, int, bool, type(None)}  # a value of these types (a short text) stands for itself in a fingerprint
PLAIN_LENGTH = 64
SMALL_SEQUENCE = 8  # a tuple or list of at most this many values is digested as its values' digests
EMPTY = ()
EMPTY_DIGESTS = {None: "None", EMPTY: "tuple()"}  # as value_digest gives them
INPUTS = "inputs"  # first in the key of an output decided by its inputs (a page's fingerprint is a text)


class FieldPickler(pickle.Pickler):
    """Pickles a dataclass instance as its class's name and every field (also those left out of ==).

    Record classes are made at run time from schemas (`make_dataclass`), so pickle could not name them.
    The bytes are only digested, never loaded. `readers`: {class: (name, field getter, is a record) or
    None}, kept by the caller for its session (tens of thousands of objects share a few classes). A
    record is pickled as its digest (`Records`).
    """

    def __init__(self, file, readers, records):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.readers, self.records = readers, records

    def reducer_override(self, obj):
        kind = type(obj)
        reader = self.readers.get(kind, _UNKNOWN)
        if reader is _UNKNOWN:
            reader = self.readers[kind] = field_reader(kind)
        if reader is None:
            return NotImplemented
        name, values, record = reader
        if record:
            return _fields, (self.records.digest(obj, name, values, self.readers),)
        return _fields, (name, values(obj))


class ByIdentity:
    """What was made from objects, by their identity, for the objects of this build and the one before (then
    forgotten): {id: (object, ...)}. The object is held, so its id stays its own."""

    def __init__(self):
        self.current, self.before = {}, {}

    def next_build(self):
        self.current, self.before = {}, self.current

    def kept(self, obj):
        """(obj, ...) as kept this build or the one before (then kept for this one too), or None."""
        key = id(obj)
        found = self.current.get(key)
        if found is None:
            found = self.before.get(key)
        if found is None or found[0] is not obj:
            return None
        self.current[key] = found
        return found

    def keep(self, obj, *made):
        self.current[id(obj)] = (obj, *made)


class Records(ByIdentity):
    """Digests of records by identity: {id: (record, digest, "record:" + digest)}."""

    def digest(self, record, name, values, readers):
        found = self.kept(record)
        if found is None:
            buffer = io.BytesIO()
            FieldPickler(buffer, readers, self).dump((name, values(record)))
            digest = hashlib.sha256(buffer.getbuffer()).hexdigest()
            self.keep(record, digest, "record:" + digest)
            return digest
        return found[1]


_UNKNOWN = object()


def field_reader(kind):
    """(class name, a getter of every field's value as a tuple, whether it is a record) for a dataclass;
    None for anything else."""
    if not dataclasses.is_dataclass(kind) or issubclass(kind, type):
        return None
    names = [f.name for f in dataclasses.fields(kind)]
    getter = operator.attrgetter(*names) if len(names) > 1 else (lambda obj, n=names: tuple(getattr(obj, a) for a in n))
    record = kind.__dataclass_params__.frozen and (len(names) >= RECORD_FIELDS or getattr(kind, "digested_once", False))
    return f"{kind.__module__}.{kind.__qualname__}", getter, record


RECORD_FIELDS = 8  # a frozen dataclass with this many fields is a record (Sensor: 41, Document: 29), views fewer


def _fields(*_args):
    """Stands for a dataclass in a fingerprint (never called: fingerprints are not loaded)."""


SHARED_SIZE = 16_384  # bytes pickled: above this a value is digested once per build (by identity)
FRESH = {tuple, list, dict, str}  # values made for one output (its tuple of dossiers): not kept below SHARED_SIZE


STALE_MARGIN_NS = 1_000_000_000  # a file changed less than this before the build counts as written by it


def remove_stale(build):
    """Remove what a recycled folder still holds of its old build: files neither left in place nor written.

    Every file a build writes or links gets a new inode change time; a margin keeps coarse file-system
    clocks from making a fresh file look old (at worst a stale file stays one build longer). The pages this
    build decided on (its keys: left in place, linked or made) are its own without asking the file system.
    """
    cutoff = build.started - STALE_MARGIN_NS
    root = str(build.output) + os.sep
    start = len(root)
    made = build.keys
    emptied = set()
    for directory, names in build.listing.files_below(str(build.output), pruned=build.pruned):
        folder = directory[start:] + "/" if len(directory) > start else ""
        for name in names:
            relative = folder + name
            if relative in made:
                continue
            path = os.path.join(directory, name)
            if os.lstat(path).st_ctime_ns >= cutoff:
                continue
            os.unlink(path)
            emptied.add(directory)
    remove_empty_folders(emptied, root)


def inputs_digest(project):
    """A digest of every input of a build but RECORD_SOURCES: source files, the date and git's HEAD."""
    project = Path(project)
    skipped = {project / name for name in RECORD_SOURCES}
    found = hashlib.sha256()
    for name in SOURCES:
        for path in files_under(project / name, skipped):
            found.update(f"{path.relative_to(project)}\0{digest(path)}\0".encode())
    found.update(f"{os.environ.get('SOURCE_DATE_EPOCH')}\0{datetime.date.today()}\0{git_head(project)}".encode())
    return found.hexdigest()


def files_under(path, skipped):
    """Every file and link under `path` (itself when a file), sorted, leaving out `skipped` folders."""
    if path.is_file() or path.is_symlink():
        return [path]
    found = []
    for directory, folders, names in os.walk(path):
        folders[:] = [f for f in folders if Path(directory) / f not in skipped]
        found += [Path(directory) / n for n in names + [f for f in folders if (Path(directory) / f).is_symlink()]]
    return sorted(found)


def git_head(project):
    """The commit the history is read at ('' outside a repository)."""
    result = subprocess.run(["git", "-C", str(project), "rev-parse", "HEAD"], capture_output=True, text=True,
                            check=False)  # fmt: skip
    return result.stdout.strip()
