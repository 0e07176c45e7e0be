# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

import os
import sys
import time

from editor_files.messages import msg
from pelican.settings import read_settings

from content_check import collect_problems


def main():
    started = time.perf_counter()
    settings = read_settings(sys.argv[1] if len(sys.argv) > 1 else "pelicanconf.py")
    problems = collect_problems(settings)
    for problem in problems:
        print(problem)
    if os.environ.get("GITHUB_ACTIONS") == "true":  # in a pull request: each problem at its line in the diff
        for problem in problems:
            print(github_annotation(problem))
    seconds = f"{time.perf_counter() - started:.1f}"
    if problems:
        print()
        print(msg("{count} problem(s) found ({seconds} s). Fix them; the site is built only when everything is right.",
                  count=len(problems), seconds=seconds))  # fmt: skip
        return 1
    print(msg("All is well: content and data are checked ({seconds} s).", seconds=seconds))
    return 0


def github_annotation(problem):
    """A GitHub Actions workflow command that shows the problem at its file and line (in Dutch)."""

    def escaped(text, in_property=False):
        text = str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if in_property else text

    where = f"file={escaped(problem.path, True)}" + (f",line={problem.line}" if problem.line else "")
    title = f",title={escaped(problem.field, True)}" if problem.field else ""
    return f"::error {where}{title}::{escaped(problem)}"


if __name__ == "__main__":
    sys.exit(main())
