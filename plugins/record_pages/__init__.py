"""Record pages: writes the files each record kind of RECORD_KINDS declares itself.

A kind's module (the one RECORD_KINDS names, with its RECORD_KIND) may declare `outputs(records,
settings)`, as every plugin does (see `site_outputs`): its pages, exports or feeds, and describe its
open data with `open_data_files(records, settings)`. This generator writes them, so a new kind needs
no generator and no Pelican code of its own: a folder, its templates and texts, and one line of
settings. `make check` sees the same declarations.
"""

import importlib

from pelican import signals
from pelican.generators import Generator
from site_outputs import write_outputs
from site_records import records_for


def kind_modules(settings):
    """The modules of RECORD_KINDS, which declare a kind (and may declare its outputs)."""
    return [importlib.import_module(name) for name in settings.get("RECORD_KINDS", [])]


def outputs(records, settings):
    """Every output the record kinds declare."""
    for module in kind_modules(settings):
        declare = getattr(module, "outputs", None)
        if declare:
            yield from declare(records, settings)


def open_data_files(records, settings):
    """The open data the record kinds describe themselves (collected by open_data)."""
    files = []
    for module in kind_modules(settings):
        describe = getattr(module, "open_data_files", None)
        if describe:
            files.extend(describe(records, settings))
    return files


class RecordPagesGenerator(Generator):
    """Its templates, context and output folder are what a kind's `make` functions get."""

    def generate_context(self):
        self.records = records_for(self.settings)
        self.context["records"] = self.records
        for module in kind_modules(self.settings):  # what a kind gives the pages of other kinds to read
            extra = getattr(module, "context", None)
            if extra:
                self.context.update(extra(self.records, self.settings))

    def generate_output(self, writer):
        write_outputs(self, writer, outputs(self.records, self.settings))


def get_generators(pelican):
    return RecordPagesGenerator


def register():
    signals.get_generators.connect(get_generators)
