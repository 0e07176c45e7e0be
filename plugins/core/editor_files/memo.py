# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""What was made from editors' files, kept by what it was made from: one build cache.

`make serve` builds the site again in one long-lived process after every save: with its build
cache, a reader reads and validates again only what changed. Keys are built from file contents
(`digest`), never from modification times, so a changed file always counts and an unchanged one
costs a dictionary lookup. A key must name everything the result depends on (settings, the
build's date, the file's path as shown to editors); the result, its problems included, must never
be changed by the caller.

There is no module-level store: every kept result sits in one `BuildCache`, a named `Memo` per
kind of result. Who owns it: `make serve` (live_preview) makes one for its session; any other
build (`make html`, a bare `pelican` run, a test) gets a fresh one for that build. How code
reaches it, chosen so that no function grows a parameter it only passes on:

- the carrier is the build's settings object, `settings["BUILD_CACHE"]` (`build_cache(settings)`
  puts a fresh one there when the owner gave none): everything that has the settings (generators,
  `site_records.load`) asks for it there, so it is scoped to exactly one build, or one session;
- code deep inside reading (a row's validation, a coordinate transformer) has no settings: it asks
  `store(name, keep)` for the *active* cache, a `contextvars.ContextVar` that `using(cache)` sets
  around the reading (`site_records.load` does). Outside any build nothing is kept.
"""

import hashlib
import operator
import os
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

__all__ = ["BuildCache", "Memo", "build_cache", "digest", "file_key", "folder_key", "store", "text_digest", "using"]

SETTING = "BUILD_CACHE"
_MISSING = object()  # no result kept (None may be one)
_active = ContextVar("build_cache", default=None)


class Memo:
    """A bounded store of results by key; the least recently used go first."""

    def __init__(self, keep):
        self.keep = keep
        self.store = {}
        self.made = 0  # results made (not found): tests count these

    def get(self, key, make):
        """The result for `key`, made with `make()` only when it is not kept."""
        found = self.store.pop(key, _MISSING)
        if found is not _MISSING:
            self.store[key] = found  # most recently used last
            return found
        result = make()
        self.made += 1
        self.store[key] = result
        while len(self.store) > self.keep:
            del self.store[next(iter(self.store))]
        return result

    def for_objects(self, objects, rest, make):
        """`get` for a result made from `objects` as they are (records, a list: kept by identity, never compared)
        and from `rest` (hashable values): made again when another object took over a kept one's id. The kept
        result holds its objects, so their ids stay theirs while it is kept."""
        key = (*map(id, objects), *rest)
        found = self.get(key, lambda: (objects, make()))
        kept = found[0]
        if kept is not objects and (len(kept) != len(objects) or not all(map(operator.is_, kept, objects))):
            found = self.store[key] = (objects, make())
        return found[1]


class BuildCache:
    """Every result kept for a build (or a preview session): one named `Memo` per kind of result."""

    def __init__(self):
        self.stores = {}

    def __repr__(self):  # settings are digested by repr: the cache is no input of the build
        return "BuildCache()"

    def store(self, name, keep):
        """The store of one kind of result (made on first use, keeping at most `keep`)."""
        if name not in self.stores:
            self.stores[name] = Memo(keep)
        return self.stores[name]

    def of_build(self, settings, name, make, keep=2):
        """What `make()` gives, once per settings object (one build's): e.g. its records, its check."""
        return self.store(name, keep).for_objects((settings,), (), make)

    def made(self, name):
        """How many results of a kind were made, not found (tests count these)."""
        return self.stores[name].made if name in self.stores else 0


def build_cache(settings):
    """The build cache of the build these settings are for: its owner's, or a fresh one for this build."""
    cache = settings.get(SETTING)
    if cache is None:
        cache = settings[SETTING] = BuildCache()
    return cache


@contextmanager
def using(cache):
    """Make `cache` the active one (see `store`) for what runs inside."""
    token = _active.set(cache)
    try:
        yield cache
    finally:
        _active.reset(token)


def store(name, keep):
    """The named store of the active build cache; outside any build, one that is thrown away after use."""
    cache = _active.get()
    return cache.store(name, keep) if cache is not None else Memo(keep)


def digest(path):
    """A digest of a file's bytes, with what it is (a link is never followed); None when there is nothing."""
    path = Path(path)
    if path.is_symlink():
        return "link:" + str(path.readlink())
    if not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()


def text_digest(*values):
    """A digest of values by their repr: for settings and other inputs that are not files."""
    return hashlib.sha256(repr(values).encode()).hexdigest()


def file_key(path, *options):
    """A key for what is read from one file (where it is, its bytes) with `options`."""
    return str(Path(path).absolute()), digest(path), text_digest(*options)


def folder_key(folder, *options):
    """A key for what is read from a whole folder: every file's place and bytes, with `options`."""
    folder = Path(folder).absolute()
    found = []
    for directory, folders, names in os.walk(folder):  # links are listed, never followed
        for name in folders + names:
            path = Path(directory) / name
            found.append((str(path.relative_to(folder)), digest(path)))  # a folder's digest is None
    return str(folder), digest(folder), tuple(sorted(found)), text_digest(*options)
