"""What was made from editors' files, kept by what it was made from.

`make serve` builds the site again in one long-lived process after every save: with a `Memo`, a
reader reads and validates again only what changed. Keys are built from file contents (`digest`),
never from modification times, so a changed file always counts and an unchanged one costs a
dictionary lookup. A key must name everything the result depends on (settings, the build's date,
the file's path as shown to editors); the result, its problems included, must never be changed by
the caller. In a one-off build (`make html`) nothing is found again, and nothing is lost either.
"""

import hashlib
import os
from pathlib import Path

__all__ = ["Memo", "digest", "file_key", "folder_key", "text_digest"]


class Memo:
    """A bounded store of results by key; the least recently used go first."""

    def __init__(self, keep):
        self.keep = keep
        self.store = {}
        self.made = 0  # results made (not found): tests count these

    def get(self, key, make):
        """The result for `key`, made with `make()` only when it is not kept."""
        if key in self.store:
            self.store[key] = self.store.pop(key)  # most recently used last
            return self.store[key]
        result = make()
        self.made += 1
        self.store[key] = result
        while len(self.store) > self.keep:
            del self.store[next(iter(self.store))]
        return result


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
