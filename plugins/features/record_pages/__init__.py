# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Record pages: writes the files each record kind of RECORD_KINDS declares itself.

A kind's module (the one RECORD_KINDS names, with its RECORD_KIND) may declare `outputs(records,
settings)`, as every plugin does (see `site_outputs`): its pages, exports or feeds, and describe its
open data with `open_data_files(records, settings)`, and what its pages give other pages to read
with `context(records, settings)`. This feature hands them to the build (`pelican_adapter` writes
them), so a new kind needs no Pelican code of its own: a folder, its templates and texts, and one
line of settings. `make check` sees the same declarations.
"""

import importlib


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


def context(records, settings):
    """The records, and what each kind gives the pages of other kinds to read. A kind's `make`s receive the build."""
    found = {"records": records}
    for module in kind_modules(settings):
        extra = getattr(module, "context", None)
        if extra:
            found.update(extra(records, settings))
    return found
