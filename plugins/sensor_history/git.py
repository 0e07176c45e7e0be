"""Reading the repository's history with plain `git` in a subprocess.

Why plain git and not pygit2 or GitPython: git is already on every machine that has the
repository (the deploy workflow checks it out with it), it adds no dependency to pin, and two
calls do all the work however long the history is: one `git log` for the list of commits and
the files each touched, one `git cat-file --batch` for every file version needed. GitPython
itself runs git in subprocesses; pygit2 needs libgit2, and neither is in this project's pins.

Every call degrades to "no history" (never an exception): the site then says its history is
incomplete or unavailable, for example in a copy without `.git` or in a shallow clone.
"""

import datetime
import subprocess
from dataclasses import dataclass
from pathlib import Path

RECORD = "\x1e"  # starts each commit in `git log` output


@dataclass(frozen=True)
class Commit:
    sha: str
    date: datetime.date  # the day the commit landed (committer date, in its own time zone)
    files: tuple[str, ...]  # paths relative to the repository's top, touched by this commit


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
    import os

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
    return Repository(Path(top.decode().strip()).resolve(), shallow, _boundary(folder) if shallow else frozenset())


def _boundary(folder):
    """The commits a shallow clone was cut at (listed in .git/shallow)."""
    name = run_git(folder, "rev-parse", "--path-format=absolute", "--git-path", "shallow")
    path = Path(name.decode().strip()) if name else None
    if path is None or not path.is_file():
        return frozenset()
    return frozenset(path.read_text(encoding="ascii", errors="replace").split())


def commits(repository, paths):
    """Every commit of the current branch touching `paths`, oldest first.

    Follows the first parent only: a merge counts as one change, on the day it landed.
    """
    paths = [p for p in paths if p is not None]
    if not paths:
        return []
    output = run_git(repository.top, "log", "--first-parent", "--diff-merges=first-parent", "--reverse",
                     "--no-renames", "--name-only", "-z", f"--format={RECORD}%H %cI", "--", *paths)  # fmt: skip
    if output is None:
        return []
    found = []
    for chunk in output.decode("utf-8", "replace").split(RECORD)[1:]:
        head, _, rest = chunk.partition("\n")
        sha, _, stamp = head.partition(" ")
        files = tuple(name.strip("\n") for name in rest.split("\0") if name.strip("\n"))
        found.append(Commit(sha, datetime.datetime.fromisoformat(stamp.strip()).date(), files))
    return found


class BlobReader:
    """File versions read one by one from one `git cat-file --batch` process (memory stays one file's size)."""

    def __init__(self, repository):
        self.process = None
        try:
            self.process = subprocess.Popen(["git", "-C", str(repository.top), "cat-file", "--batch"],
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=subprocess.DEVNULL, env=_git_environment())  # fmt: skip
        except OSError:
            self.process = None

    def read(self, sha, path):
        """The file's bytes at that commit, or None when it did not exist (or git failed)."""
        if self.process is None or "\n" in path:
            return None
        try:
            self.process.stdin.write(f"{sha}:{path}\n".encode())
            self.process.stdin.flush()
            header = self.process.stdout.readline().split(b" ")
            if len(header) != 3 or header[1] != b"blob":
                return None
            size = int(header[2])
            content = self.process.stdout.read(size)
            self.process.stdout.read(1)  # the newline after each object
            return content
        except (OSError, ValueError):
            self.close()
            return None

    def close(self):
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait()
            self.process.stdout.close()
            self.process = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
