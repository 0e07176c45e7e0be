"""Open data: the /open-data/ page and a machine-readable catalogue of every published file.

Each plugin in REQUIRED_PLUGINS that publishes files describes them with a module-level
`open_data_files(records, settings)` ([{url, title, format, media_type, description}]); this
plugin collects them in that order and lists them for people (/open-data/) and for machines
(/open-data/catalogus.json, DCAT-AP-NL in JSON-LD: see `dcat`).
"""

import csv
import functools
import importlib
import io
import json
import re
from pathlib import Path

from editor_files.messages import translate
from pelican import signals
from pelican.generators import Generator
from site_outputs import Output, Page, write_outputs
from site_records import records_for

from . import dcat

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A part that a spreadsheet may split off as a cell of its own (Dutch Excel splits on ';', others on
# ',' or tab) and that then starts with a formula character, after optional spaces.
FORMULA_AFTER_SEPARATOR = re.compile(r"([,;\t\r\n]\s*)(?=[=+\-@])")


def spreadsheet_safe(value):
    """Spreadsheets run cells starting with = + - @ as formulas: every such start gets a quote before it,
    also inside a cell, wherever a separator could make it the start of a cell of its own."""
    text = "" if value is None else str(value)
    text = FORMULA_AFTER_SEPARATOR.sub(r"\1'", text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(fields, rows):
    """CSV for reusers: a header, CRLF lines, every cell spreadsheet-safe, and a BOM so Excel reads UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([spreadsheet_safe(value) for value in row])
    return "\ufeff" + buffer.getvalue()


def published_files(records, settings):
    """Every file the plugins in REQUIRED_PLUGINS describe with `open_data_files`, in that order."""
    files = []
    for name in settings.get("REQUIRED_PLUGINS", []):
        describe = getattr(importlib.import_module(name), "open_data_files", None)
        if describe:
            files.extend(describe(records, settings))
    return files


class OpenDataGenerator(Generator):
    def generate_output(self, writer):
        write_outputs(self, writer, outputs(records_for(self.settings), self.settings))

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
                          indent=1)  # fmt: skip


def outputs(records, settings):
    itself = translate("a page of the site itself (open data)")
    yield Output("open-data/index.html", itself, make=lambda g: g.index())
    yield Output("open-data/catalogus.json", itself, make=lambda g: g.catalogue())


def get_generators(pelican):
    return OpenDataGenerator


def register():
    signals.get_generators.connect(get_generators)
