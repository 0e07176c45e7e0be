# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""A record kind, declared once in its own package and registered by one line of settings.

Each package named in `RECORD_KINDS` (pelicanconf.py) has a module-level `RECORD_KIND`: its name,
the attribute under which `SiteRecords` offers its records, how it reads its files (`load`), which
kinds it reads after (`after`), the addresses of its pages (`pages`: `<PAGE>_URL` defaults, as
Pelican's own content kinds have) and its links to other kinds (`links`). `site_records` imports
the packages by name from the settings: it names no kind itself, so a new kind is a new folder and
one line of settings.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    """A field of one kind that names records of another: checked once, then known both ways.

    `values(records)` yields (record id, editor's file, line, [ids named]) for each record that names
    some; the target kind's `ids(records)` are the ids it may name; `unknown(path, line, value, known)`
    is the `Problem` of a named id that is not there.
    """

    target: str  # the attribute of the kind it names, e.g. "panel"
    values: Callable
    unknown: Callable


@dataclass(frozen=True)
class RecordKind:
    """What the site needs to know of a kind of record (see the module's docstring)."""

    name: str  # e.g. "sensor"
    attribute: str  # SiteRecords.<attribute>, e.g. "register"
    load: Callable  # (SiteSettings, {attribute: records of the kinds it reads after}) -> (records, problems)
    ids: Callable  # records -> the ids other kinds may name
    after: tuple = ()  # attributes of kinds whose records `load` reads
    pages: dict = None  # {page kind: default URL pattern, or a function of the other patterns}
    links: tuple = ()  # Link
    finish: Callable | None = None  # (records, {attribute: records}) -> records: after every kind has loaded
    required: bool = False  # without its records (a problem in its files) nothing else is checked further
    # (records, SiteSettings of another language's pass) -> the records for that pass: what of them is in the
    # pages' language (None: nothing, the records serve every language as read). See site_records.in_language.
    in_language: Callable | None = None


def registered(settings):
    """The record kinds of `RECORD_KINDS`, in an order where each comes after the kinds it reads."""
    kinds = [importlib.import_module(name).RECORD_KIND for name in settings.get("RECORD_KINDS", [])]
    ordered, placed = [], set()
    while len(ordered) < len(kinds):
        ready = [k for k in kinds if k.attribute not in placed and set(k.after) <= placed | missing(kinds)]
        if not ready:
            raise RuntimeError("RECORD_KINDS: the kinds read each other in a circle: "
                               + ", ".join(k.name for k in kinds if k.attribute not in placed))  # fmt: skip
        ordered.append(ready[0])
        placed.add(ready[0].attribute)
    return ordered


def missing(kinds):
    """Attributes some kind reads after that no registered kind gives (that kind reads without them)."""
    given = {k.attribute for k in kinds}
    return {a for k in kinds for a in k.after if a not in given}
