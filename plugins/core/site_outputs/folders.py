# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Walking a built site's folders (20,000 of them at 10,000 sensors) as cheaply as Python can."""

import os


def files_below(top, pruned=()):
    """(folder, names of the files in it) for `top` and every folder below, as `os.walk` gives them (links
    are listed, never followed), in any order; without the system call per folder `os.walk` makes to see
    whether it is a link. `pruned`: names of folders right below `top` that are not entered."""
    stack = [os.fspath(top)]
    while stack:
        directory, names = stack.pop(), []
        try:
            entries = os.scandir(directory)
        except OSError:
            continue
        with entries:
            for entry in entries:
                try:
                    is_folder = entry.is_dir()
                except OSError:
                    is_folder = False
                if not is_folder:
                    names.append(entry.name)
                elif not entry.is_symlink() and not (directory == os.fspath(top) and entry.name in pruned):
                    stack.append(entry.path)
        yield directory, names
