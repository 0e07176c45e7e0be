# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""How complete is the register? `/sensoren/volledigheid/`, every figure from the data itself.

Per column of the register, how many sensors have it filled in; how many sensors were checked within
VERIFY_AFTER_MONTHS; how many registrations ran past their end date while still active; how many
Stadspanel documents are withheld, wholly (a confidential stub) or in part, and on which Woo grounds;
the date of the last full inventory (REGISTER_LAST_INVENTORY, a setting); and the residents'
reports: open, handled and the median days to handle. Each register figure can be recomputed from
`/open-data/sensoren.csv`, the reports' from `/open-data/meldingen.csv`.
"""

import datetime
import statistics
from collections import Counter
from dataclasses import dataclass

from editor_files.memo import build_cache
from editor_files.messages import msg
from sensor_register.schema import SENSOR
from site_outputs import Output, Page

PAGE_URL = "sensoren/volledigheid/"


@dataclass(frozen=True)
class ColumnFill:
    name: str
    filled: int
    total: int

    @property
    def share(self):
        return round(100 * self.filled / self.total) if self.total else 0


@dataclass(frozen=True)
class Completeness:
    columns: tuple  # ColumnFill, in the register's column order
    sensors: int
    verified: int  # checked within the verification period
    expired: tuple  # sensors still active after their active_until
    stubs: int  # documents withheld as a whole
    parts: int  # parts withheld from published documents
    grounds: tuple  # ((code, label, count), ...), most first
    last_inventory: datetime.date | None
    reports_open: int
    reports_closed: int
    reports_median_days: float | None


def is_filled(value):
    return value not in (None, "", ())


# Figures kept for the preview session, by the records they count (see `completeness`).
COMPLETENESS_KEPT = 2


def completeness(records, settings):
    """The figures, kept in the build cache by the records counted: the register's sensors, the panel and the
    reports are the same objects while their files are unchanged (the build cache keeps them, and so does
    the kept entry, so an id stands for one object), and every language's pass shares them. The sensors'
    figures (most of the work) are kept on their own: a saved dossier counts the panel again, not them."""
    reports = records.by_kind.get("meldingen") or ()
    sensors, today, months = records.register.sensors, records.settings.today, records.settings.verify_after_months
    kept = build_cache(settings).store("completeness", COMPLETENESS_KEPT)
    by_sensors = build_cache(settings).store("completeness of sensors", COMPLETENESS_KEPT)
    rows = build_cache(settings).store("completeness of a sensor", SENSOR_ROWS_KEPT)
    figures = by_sensors.get((id(sensors), today, months),
                             lambda: (sensors, count_sensors(sensors, today, months, rows)))  # fmt: skip
    sensor_figures = figures[1]
    counted = (sensors, records.panel, reports)
    key = (*map(id, counted), today, months, repr(settings.get("REGISTER_LAST_INVENTORY")))
    return kept.get(key, lambda: (counted, count(records, settings, sensor_figures)))[1]


SENSOR_ROWS_KEPT = 50_000  # what each sensor adds to the figures: a register save counts its changed rows


def count_sensors(sensors, today, verify_after_months, kept=None):
    """(columns, verified, expired): what the register's sensors themselves say. `kept`: a memo of what each
    sensor adds (by the record's identity: the same object while its row is unchanged; the entry holds it)."""
    names = [f.name for f in SENSOR if f.stored and f.export]

    def adds(s):
        return (*(is_filled(getattr(s, name)) for name in names),
                s.status != "removed" and not s.needs_verification(today, verify_after_months),
                s.registration_expired(today))  # fmt: skip

    rows = []
    for sensor in sensors:
        if kept is None:
            rows.append(adds(sensor))
            continue
        rows.append(kept.for_objects((sensor,), (today, verify_after_months), lambda s=sensor: adds(s)))
    sums = [sum(column) for column in zip(*rows, strict=True)] if rows else [0] * (len(names) + 2)
    columns = tuple(ColumnFill(name, sums[number], len(sensors)) for number, name in enumerate(names))
    expired = tuple(sensor for sensor, row in zip(sensors, rows, strict=True) if row[-1])
    return columns, sums[-2], expired


def count(records, settings, sensor_figures=None):
    register, today = records.register, records.settings.today
    sensors = register.sensors
    columns, verified, expired = sensor_figures or count_sensors(sensors, today, records.settings.verify_after_months)
    documents = [d for dossier in records.panel.dossiers for d in dossier.documents] + list(records.panel.reports)
    stubs = [d for d in documents if d.confidential]
    parts = [p.withheld for d in documents if not d.confidential for p in d.body_parts if p.withheld]
    grounds = Counter([code for d in stubs for code in d.woo_ground] + [w.woo_ground for w in parts])
    labels = records.panel.woo_grounds
    reports = records.by_kind.get("meldingen") or ()
    closed = [r for r in reports if r.closed]
    days = [r.days_to_handle() for r in closed if r.days_to_handle() is not None]
    inventory = settings.get("REGISTER_LAST_INVENTORY")
    return Completeness(
        columns, len(sensors), verified, expired, len(stubs), len(parts),
        tuple(sorted(((c, labels[c].label if c in labels else c, n) for c, n in grounds.items()),
                     key=lambda item: (-item[2], item[0]))),
        datetime.date.fromisoformat(inventory) if isinstance(inventory, str) else inventory,
        len(reports) - len(closed), len(closed), statistics.median(days) if days else None)  # fmt: skip


def outputs(records, settings):
    yield Output(records.settings.save_as(PAGE_URL), msg("a page of the site itself (completeness)"), overview=True,
                 make=lambda g: Page("volledigheid", {"completeness": completeness(records, settings),
                                                      "active_section": "sensoren"}))  # fmt: skip
