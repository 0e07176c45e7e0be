# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Reading the repository's history with plain `git` in a subprocess.

Why plain git and not pygit2 or GitPython: git is already on every machine that has the
repository (the deploy workflow checks it out with it), it adds no dependency to pin, and two
calls do all the work however long the history is: one `git log` for the list of commits and
the file versions each made, one `git cat-file --batch` for every file version needed. GitPython
itself runs git in subprocesses; pygit2 needs libgit2, and neither is in this project's pins.

`git log` is read in a form no file name or value can break: `-z` ends every file name with a
NUL byte (names are never quoted or split on newlines, tabs or U+001E), our own format puts NUL
bytes between its fields, and `--raw` gives the object id of every file version, so
`cat-file` is asked for ids, never for names.

Every call degrades to "no history" (never an exception): the site then says its history is
incomplete or unavailable, for example in a copy without `.git` or in a shallow clone.
"""

import contextlib
import datetime
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

COMMIT = b"commit "  # starts the token of each commit in our `git log` format
MAX_VERSION_BYTES = 20 * 1024 * 1024  # a larger past version is skipped unread (a register of ~70,000 sensors)
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class FileVersion:
    """One file as a commit left it: `blob` is its object id, None when the commit deleted it."""

    path: str
    blob: str | None
    kind: str = "file"  # "file", or "link"/"submodule": never read as an editor's file


@dataclass(frozen=True)
class Commit:
    sha: str
    date: datetime.date | None  # the day it landed (committer date, own time zone); None when git's date is unreadable
    files: tuple = ()  # FileVersion of each file (under the paths asked for) this commit changed

    @property
    def short(self):
        return self.sha[:10]


@dataclass(frozen=True)
class Repository:
    top: Path
    shallow: bool
    boundary: frozenset = frozenset()  # in a shallow clone: the commits whose parents are missing

    def relative(self, path):
        """A path inside the repository as git names it ('data/sensors'), or None outside it."""
        try:
            return Path(path).resolve().relative_to(self.top).as_posix()
        except ValueError:
            return None


def run_git(folder, *args, stdin=None):
    """git's stdout as bytes, or None when git is missing or fails."""
    try:
        result = subprocess.run(["git", "-C", str(folder), *args], input=stdin, capture_output=True, check=False,
                                env=_git_environment())  # fmt: skip
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def _git_environment():
    # No pager, no prompts, and no user or system configuration can change what git prints.
    keep = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return {**keep, "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"}


def open_repository(folder):
    """The repository holding `folder`, or None when there is none (or no commit yet)."""
    folder = Path(folder)
    if not folder.exists():
        return None
    top = run_git(folder, "rev-parse", "--show-toplevel")
    head = run_git(folder, "rev-parse", "--verify", "--quiet", "HEAD")
    if not top or not head:
        return None
    shallow = (run_git(folder, "rev-parse", "--is-shallow-repository") or b"").strip() == b"true"
    top = Path(os.fsdecode(top.rstrip(b"\n"))).resolve()
    return Repository(top, shallow, _boundary(folder) if shallow else frozenset())


def _boundary(folder):
    """The commits a shallow clone was cut at (listed in .git/shallow)."""
    name = run_git(folder, "rev-parse", "--path-format=absolute", "--git-path", "shallow")
    path = Path(os.fsdecode(name.rstrip(b"\n"))) if name else None
    if path is None or not path.is_file():
        return frozenset()
    return frozenset(path.read_text(encoding="ascii", errors="replace").split())


def day_of(stamp):
    """The day of git's strict ISO date, or None when it cannot be read (a year past 9999, say)."""
    try:
        return datetime.datetime.fromisoformat(stamp.decode("ascii").strip()).date()
    except (UnicodeDecodeError, ValueError, OverflowError):
        return None


def commits(repository, paths):
    """Every commit of the current branch touching `paths`, oldest first, with the file versions it made.

    Follows the first parent only: a merge counts as one change, on the day it landed.
    """
    paths = [p for p in paths if p is not None]
    if not paths:
        return []
    output = run_git(repository.top, "log", "--first-parent", "--diff-merges=first-parent", "--reverse",
                     "--no-renames", "--raw", "--no-abbrev", "-z", "--format=%x00commit %H%x00%cI%x00",
                     "--", *paths)  # fmt: skip
    return parse_log(output) if output is not None else []


def parse_log(output):
    """Commits from our `git log -z --raw` format, read token by token between NUL bytes.

    Only the token right after a `:<modes> <ids> <status>` token is a file name, so a name is
    never mistaken for anything else whatever it holds.
    """
    tokens = output.split(b"\0")
    found, index = [], 0
    sha, date, files = None, None, []
    while index < len(tokens):
        token = tokens[index].lstrip(b"\n")
        if token.startswith(b":") and index + 1 < len(tokens):
            files.append(file_version(token, tokens[index + 1]))
            index += 2
            continue
        if token.startswith(COMMIT) and index + 1 < len(tokens):
            if sha is not None:
                found.append(Commit(sha, date, tuple(files)))
            sha, date, files = token[len(COMMIT):].decode("ascii", "replace"), day_of(tokens[index + 1]), []
            index += 2
            continue
        index += 1
    if sha is not None:
        found.append(Commit(sha, date, tuple(files)))
    return found


def file_version(meta, name):
    """A FileVersion from `:100644 100644 <old id> <new id> M` and the file's name."""
    parts = meta[1:].split(b" ")
    path = os.fsdecode(name)  # the name as pathlib spells it, undecodable bytes included
    if len(parts) < 5:
        return FileVersion(path, None)
    mode, blob = parts[1], parts[3].decode("ascii", "replace")
    if parts[4].startswith(b"D") or set(blob) <= {"0"}:
        return FileVersion(path, None)
    kind = {b"120000": "link", b"160000": "submodule"}.get(mode, "file")
    return FileVersion(path, blob, kind)


class TooLarge:
    """What `BlobReader.read` gives for a version over MAX_VERSION_BYTES: its size, not its bytes."""

    def __init__(self, size):
        self.size = size


class BlobReader:
    """File versions read one by one from one `git cat-file --batch` process (memory stays one file's size)."""

    def __init__(self, repository, max_bytes=None):
        self.process = None
        self.max_bytes = max_bytes or MAX_VERSION_BYTES
        try:
            self.process = subprocess.Popen(["git", "-C", str(repository.top), "cat-file", "--batch"],
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=subprocess.DEVNULL, env=_git_environment())  # fmt: skip
        except OSError:
            self.process = None

    def read(self, blob):
        """The bytes of an object id, TooLarge for a huge one, or None when it is missing (or git failed)."""
        if self.process is None or not blob or not blob.isalnum():
            return None
        try:
            self.process.stdin.write(f"{blob}\n".encode("ascii"))
            self.process.stdin.flush()
            header = self.process.stdout.readline().split(b" ")
            if len(header) != 3 or header[1] != b"blob":
                return None
            size = int(header[2])
            if size > self.max_bytes:
                self._skip(size + 1)
                return TooLarge(size)
            content = self.process.stdout.read(size)
            self.process.stdout.read(1)  # the newline after each object
            return content
        except (OSError, ValueError):
            self.close()
            return None

    def _skip(self, size):
        """Reads past an object a chunk at a time, so that a huge one never sits in memory."""
        while size > 0:
            chunk = self.process.stdout.read(min(size, CHUNK))
            if not chunk:
                raise OSError("git cat-file stopped")
            size -= len(chunk)

    def close(self):
        if self.process is not None:
            for stream in (self.process.stdin, self.process.stdout):
                with contextlib.suppress(OSError):
                    stream.close()
            self.process.wait()
            self.process = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
