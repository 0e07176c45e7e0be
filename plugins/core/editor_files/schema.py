# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""A record kind's fields, declared once: reading, validation, exports, pages and the README follow.

A `Field` says what a column or front-matter key holds (its `kind`), whether it is required,
which code list it draws from, whether it is exported, in which group a page shows it and under
which label key of `theme/strings.nl.yml`. `Schema.record_class()` makes the frozen record type.
"""

import dataclasses
from dataclasses import dataclass

from .fields import KINDS


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = "text"
    required: bool = False
    vocabulary: str = ""  # code list in data/vocabularies.yml, for kind code/codes
    export: bool = True  # part of the open data exports
    group: str = ""  # where a page shows it ("" = not in the field list)
    condition: str = ""  # when it is required although optional, in words (README)
    example: str = ""  # shown in hints
    max_length: int = 0
    lines: bool = True  # a text that may hold tabs and line breaks (False: one line, e.g. a title)
    stored: bool = True  # False: read, then turned into other fields (e.g. x_rd -> latitude)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown field kind {self.kind!r} for {self.name}")

    @property
    def kind_rules(self):
        """The class of this field's kind (editor_files.fields): how it is read and written."""
        return KINDS[self.kind]

    @property
    def empty(self):
        """What the field holds when nobody filled it in: "", (), or None (yes/no, dates, numbers)."""
        return KINDS[self.kind].empty

    @property
    def multi(self):
        return self.kind in ("codes", "ids")

    def from_text(self, text, codes=None):
        """(value, [(message, hint)]) of a CSV cell, by the field's kind."""
        return KINDS[self.kind].from_text(text, self, codes)

    def from_yaml(self, value, codes=None):
        """(value, [(message, hint)]) of a YAML value, by the field's kind."""
        return KINDS[self.kind].from_yaml(value, self, codes)

    def cell(self, value):
        """A value as the open data's CSV writes it: lists joined by |, yes/no/empty, dates in ISO (empty without)."""
        return KINDS[self.kind].cell(value)

    def json_value(self, value):
        """A value as the open data's JSON writes it: lists as lists, dates in ISO, null when not filled in."""
        return KINDS[self.kind].json_value(value)


class Schema:
    def __init__(self, name, fields):
        self.name = name
        self.fields = tuple(fields)
        self.by_name = {f.name: f for f in self.fields}
        if len(self.by_name) != len(self.fields):
            raise ValueError(f"schema {name} declares a field twice")

    def __iter__(self):
        return iter(self.fields)

    def __getitem__(self, name):
        return self.by_name[name]

    def __contains__(self, name):
        return name in self.by_name

    @property
    def names(self):
        return tuple(f.name for f in self.fields)

    @property
    def required(self):
        return tuple(f.name for f in self.fields if f.required)

    @property
    def exported(self):
        return tuple(f.name for f in self.fields if f.export and f.stored)

    def of_kind(self, *kinds):
        return tuple(f for f in self.fields if f.kind in kinds)

    def grouped(self, group):
        return tuple(f.name for f in self.fields if f.group == group)

    def record_class(self, class_name, extra=(), bases=(), namespace=None):
        """A frozen dataclass with one attribute per stored field, plus `extra` (name, type, field)."""
        required = [(f.name, KINDS[f.kind].python_type) for f in self.fields if f.stored and f.required]
        optional = [(f.name, KINDS[f.kind].python_type, dataclasses.field(default=f.empty))
                    for f in self.fields if f.stored and not f.required]  # fmt: skip
        return dataclasses.make_dataclass(class_name, required + optional + list(extra), bases=bases, frozen=True,
                                          namespace=namespace)  # fmt: skip
