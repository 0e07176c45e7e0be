"""A record kind's fields, declared once: reading, validation, exports, pages and the README follow.

A `Field` says what a column or front-matter key holds (its `kind`), whether it is required,
which code list it draws from, whether it is exported, in which group a page shows it and under
which label key of `theme/strings.nl.yml`. `Schema.record_class()` makes the frozen record type.
"""

import dataclasses
import datetime
from dataclasses import dataclass

# kind -> (Python type of the value, empty value)
KINDS = {
    "text": (str, ""),
    "id": (str, ""),
    "email": (str, ""),
    "url": (str, ""),
    "code": (str, ""),
    "codes": (tuple, ()),
    "ids": (tuple, ()),
    "list": (tuple, ()),  # a list of structured items (e.g. recommendations), read by its own rules
    "yes_no": (bool, False),
    "date": (datetime.date | None, None),
    "number": (float | None, None),
    "whole_number": (int | None, None),
}


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
    stored: bool = True  # False: read, then turned into other fields (e.g. x_rd -> latitude)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown field kind {self.kind!r} for {self.name}")

    @property
    def empty(self):
        return KINDS[self.kind][1]

    @property
    def multi(self):
        return self.kind in ("codes", "ids")

    def cell(self, value):
        """A value as the open data's CSV writes it: lists joined by |, yes or no, dates in ISO (empty without)."""
        if self.multi:
            return "|".join(value)
        if self.kind == "yes_no":
            return "yes" if value else "no"
        if self.kind == "date":
            return value.isoformat() if isinstance(value, datetime.date) else (value or "")
        return value


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
        required = [(f.name, KINDS[f.kind][0]) for f in self.fields if f.stored and f.required]
        optional = [(f.name, KINDS[f.kind][0], dataclasses.field(default=f.empty))
                    for f in self.fields if f.stored and not f.required]  # fmt: skip
        return dataclasses.make_dataclass(class_name, required + optional + list(extra), bases=bases, frozen=True,
                                          namespace=namespace)  # fmt: skip
