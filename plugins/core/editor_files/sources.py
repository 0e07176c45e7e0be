# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Which files editors committed, and how their bytes become text.

Every file under a watched folder is either read or named: symbolic links are refused (a link
once published the build machine's environment), known extensions are matched without regard
to case, and anything else is reported. Text is decoded strictly: valid UTF-8 (with or
without BOM) wins; UTF-16 with a BOM is read; a file that is UTF-8 in part is an error naming
its first bad line; Windows-1252 only for files that have no valid UTF-8 multi-byte sequence.
"""

import os
from pathlib import Path

from .messages import msg
from .problems import Problem, editor_path

EXCEL_HINT = msg("save it from Excel as 'CSV UTF-8 (gescheiden door lijstscheidingsteken)'")


def symlinks(folder, root):
    """Problems for every symbolic link under a folder (the folder itself included)."""
    folder = Path(folder)
    found = []
    if folder.is_symlink():
        found.append(folder)
    elif folder.is_dir():
        # Each folder's entries say whether they are links without a system call per file (os.walk with
        # os.path.islink made one for each of the Stadspanel's thousands of files, on every build).
        folders = [os.fspath(folder)]
        while folders:
            try:
                entries = os.scandir(folders.pop())
            except OSError:  # gone or unreadable meanwhile: as os.walk, nothing to report there
                continue
            with entries:
                for entry in entries:
                    if entry.is_symlink():
                        found.append(Path(entry.path))
                    elif entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
    hint = msg("replace it by the file itself; links are never published or followed")
    return [Problem(editor_path(path, root), 1, "file", msg("is a symbolic link"), hint) for path in sorted(found)]


def files_with_suffix(folder, suffix):
    """Regular files (not links) in a folder whose suffix matches in any case, sorted."""
    folder = Path(folder)
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == suffix and p.is_file() and not p.is_symlink())


def decode(raw, path, allow_windows_1252=True):
    """(text, problems) for a file's bytes; a BOM is dropped."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16").removeprefix("\ufeff"), []
        except UnicodeDecodeError:
            return None, [Problem(path, 1, "file", msg("is damaged UTF-16 text"), EXCEL_HINT)]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        bad_line = raw[: error.start].count(b"\n") + 1
    if _has_utf8_sequences(raw) or not allow_windows_1252:
        hint = EXCEL_HINT if allow_windows_1252 else msg("save it as UTF-8")
        message = msg("mixes UTF-8 with another encoding; the first bad character is on this line") \
            if _has_utf8_sequences(raw) else msg("is not UTF-8 text; the first bad character is on this line")
        return None, [Problem(path, bad_line, "file", message, hint)]
    try:
        return raw.decode("cp1252"), []
    except UnicodeDecodeError:
        return None, [Problem(path, bad_line, "file", msg("is neither UTF-8 nor Windows-1252 text"), EXCEL_HINT)]


def _has_utf8_sequences(raw):
    """True when the bytes hold at least one valid UTF-8 multi-byte character."""
    for chunk in raw.split(b"\n"):
        if max(chunk, default=0) < 0x80:
            continue
        try:
            chunk.decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False


def read_text(path, shown, allow_windows_1252=False):
    """(text, problems) of a file; links are never followed."""
    path = Path(path)
    if path.is_symlink():
        return None, [Problem(shown, 1, "file", msg("is a symbolic link"), msg("replace it by the file itself"))]
    if not path.is_file():
        return None, [Problem(shown, 1, "file", msg("is not a file"),
                              msg("rename or remove it (a folder named like a file?)"))]
    return decode(path.read_bytes(), shown, allow_windows_1252)
