# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""`python -m site_build [settings] [-o output] [--site-url URL]`: what `make html` and `make publish` run."""

import argparse
import sys
import time

from editor_files.messages import msg

from . import build


def main(argv=None):
    parser = argparse.ArgumentParser(description="Check, build and check the site in one process.")
    parser.add_argument("settings", nargs="?", default="pelicanconf.py")
    parser.add_argument("-o", "--output", default=None, help="output folder (default: the settings' OUTPUT_PATH)")
    parser.add_argument("--site-url", default="", help="the SITEURL the site is built with (for the output check)")
    parser.add_argument("--sources", nargs="*", default=["content", "data"])
    parser.add_argument("--times", action="store_true", help="print the time of each step")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    result = build(args.settings, args.output, args.site_url, args.sources)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if args.times or not result.ok:
        for name, seconds in result.seconds.items():
            print(f"  {name:<13} {seconds:6.2f} s")
    problems = result.problems
    if result.failed_step == "check":
        print(file=sys.stderr)
        print(msg("{count} problem(s) found. Fix them; the site is built only when everything is right.",
                  count=len(problems)), file=sys.stderr)  # fmt: skip
        return 1
    if result.failed_step:
        print(msg("Output check failed: {count} problem(s). Nothing may be published.", count=len(problems)),
              file=sys.stderr)
        return 1
    seconds = f"{time.perf_counter() - started:.1f}"
    print(msg("Site built and checked in {seconds} s.", seconds=seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
