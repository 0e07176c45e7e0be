# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Open data: the /open-data/ page and a machine-readable catalogue of every published file.

Each feature in FEATURES that publishes files describes them with a module-level
`open_data_files(records, settings)` ([{url, title, format, media_type, description}]); this
plugin collects them in that order and lists them for people (/open-data/) and for machines
(/open-data/catalogus.json, DCAT-AP-NL in JSON-LD: see `dcat`).
"""

import functools
import json
from pathlib import Path

from editor_files.messages import msg
from site_outputs import Build, Output, Page, feature_modules
from site_outputs.csv_files import csv_text, spreadsheet_safe
from site_records import records_for

from . import dcat

__all__ = ["csv_text", "spreadsheet_safe", "published_files"]

def published_files(records, settings):
    """Every file the features in FEATURES describe with `open_data_files`, in that order."""
    files = []
    for module in feature_modules(settings):
        describe = getattr(module, "open_data_files", None)
        if describe:
            files.extend(describe(records, settings))
    return files


def state(build):
    return OpenData(*build.parts())


class OpenData(Build):
    """What /open-data/ and the catalogue are made from (their `make`s receive it)."""

    @functools.cached_property
    def files(self):
        return published_files(records_for(self.settings), self.settings)

    def index(self):
        ui = self.settings["UI"]["open_data"]
        return Page("open-data", {"open_data_files": self.files,
                                  "page": {"title": ui["title"], "content": ui["intro"], "section": "open-data"}})

    def catalogue(self):
        """DCAT-AP-NL (JSON-LD) of every file other plugins described; see `dcat`."""
        root = Path(self.settings["PATH"]).absolute().parent
        return json.dumps(dcat.catalogue(self.files, self.settings, self.output_path, root), ensure_ascii=False,
                          indent=1, allow_nan=False)  # fmt: skip


def outputs(records, settings):
    itself = msg("a page of the site itself (open data)")
    # Last: the catalogue gives each file's size, as written (make serve writes overviews after the rest).
    yield Output("open-data/index.html", itself, make=lambda g: g.index(), overview=True)
    yield Output("open-data/catalogus.json", itself, make=lambda g: g.catalogue(), overview=True)

