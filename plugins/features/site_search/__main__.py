# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""`python -m site_search OUTPUT [--further LANG]... [--language LANG]`: every search bundle of a built
site, one Pagefind run after the other (what `site_search.index_command` runs for `make serve`)."""

import argparse
import sys

from site_search import SearchIndexError, build_index


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m site_search")
    parser.add_argument("output")
    parser.add_argument("--further", action="append", default=[], help="a further language's folder")
    parser.add_argument("--language", help="the root's language (else each page's <html lang>)")
    arguments = parser.parse_args(argv)
    try:
        build_index(arguments.output, arguments.language, arguments.further, in_background=True)
    except SearchIndexError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
