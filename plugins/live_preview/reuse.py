"""Pages a preview build takes over from the last good build instead of rendering them again.

At 10,000 sensors most of a rebuild is rendering the 20,000 sensor and sign pages, while a saved
dossier changes a handful of them. A generator that writes many pages (sensor pages, signs, the
register's list pages, the owners' sign sheets) asks `kept(path, key)` before rendering one:
`key` is everything the page shows that comes from the records (compared with ==). The page is
taken over (hard-linked from the last good build) only when `key` equals that build's key for
the same path and every other input of the build is the same: `inputs_digest` covers every
source file except RECORD_SOURCES, the settings, the date and the git history. Records come from
RECORD_SOURCES, and a generator's key must hold all it shows of them. Files are never changed
after they are written, so a shared (linked) file stays as built.
"""

import datetime
import hashlib
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from editor_files.memo import digest

__all__ = ["PageReuse", "inputs_digest", "RECORD_SOURCES"]

# What a page shows of these files reaches it through its generator's key.
RECORD_SOURCES = ("content/stadspanel", "data/sensors")
SOURCES = ("content", "data", "theme", "pelicanconf.py")


@dataclass
class Build:
    output: Path
    inputs: str
    keys: dict = field(default_factory=dict)  # page path -> key


class PageReuse:
    """The keys of the last good build's pages, and the build under way."""

    def __init__(self):
        self.last = None
        self.building = None

    def start(self, output, inputs):
        self.building = Build(Path(output), inputs)
        return self

    def kept(self, path, key):
        """True when `path` (relative to the output) was taken over from the last good build."""
        building, last = self.building, self.last
        building.keys[path] = key
        if last is None or last.inputs != building.inputs or not same(last.keys.get(path, _NOTHING), key):
            return False
        target = building.output / path
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(last.output / path, target)
        except OSError:  # e.g. removed meanwhile: render it
            return False
        return True

    def finished(self, good):
        """After a build: a good one is what the next build compares with; a bad one is forgotten."""
        if good:
            self.last = self.building
        self.building = None


_NOTHING = object()


def same(old, new):
    """Keys compare with ==; a key that cannot be compared (e.g. holds a data frame) counts as changed."""
    try:
        return bool(old == new)
    except (TypeError, ValueError):
        return False


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
