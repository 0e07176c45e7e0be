# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""'Hoe volledig is dit register?': every figure recomputed from the open data (and the records for the
withheld Stadspanel texts, which the exports rightly leave out)."""

import csv
import datetime
import io
import re
import statistics

from conftest import SETTINGS, TEST_BUILD_EPOCH, demo_records

TODAY = datetime.datetime.fromtimestamp(int(TEST_BUILD_EPOCH), datetime.UTC).date()


def rows(output, name):
    return list(csv.DictReader(io.StringIO((output / f"open-data/{name}").read_text(encoding="utf-8-sig"))))


def page(output):
    return (output / "sensoren/volledigheid/index.html").read_text(encoding="utf-8")


def months_before(day, months):
    month = day.month - months % 12
    year = day.year - months // 12 - (1 if month < 1 else 0)
    return day.replace(year=year, month=month + 12 if month < 1 else month, day=min(day.day, 28))


def test_every_column_shows_how_often_the_export_has_it_filled(demo_site):
    sensors = rows(demo_site, "sensoren.csv")
    html = page(demo_site)
    shown = dict(re.findall(r'<tr data-column="([^"]+)">.*?<td class="number">(\d+)</td>', html, re.S))
    exported = {name for name in sensors[0] if name in shown}
    assert len(exported) > 20, "the register's columns are on the page"
    for name in exported:
        assert int(shown[name]) == sum(1 for row in sensors if row[name].strip()), name


def test_the_key_figures_equal_what_the_exports_say(demo_site):
    sensors = rows(demo_site, "sensoren.csv")
    figures = dict(re.findall(r'data-figure="([a-z_]+)">([^<]+)<', page(demo_site)))
    since = months_before(TODAY, SETTINGS["VERIFY_AFTER_MONTHS"])
    verified = [r for r in sensors if r["status"] != "removed" and r["last_verified"]
                and datetime.date.fromisoformat(r["last_verified"]) >= since]  # fmt: skip
    assert int(figures["verified"]) == len(verified)
    expired = [r for r in sensors if r["status"] == "active" and r["active_until"]
               and datetime.date.fromisoformat(r["active_until"]) < TODAY]  # fmt: skip
    assert expired and int(figures["expired"]) == len(expired)
    reports = rows(demo_site, "meldingen.csv")
    closed = [r for r in reports if r["status"] in ("handled", "not_handled")]
    assert int(figures["reports_open"]) == len(reports) - len(closed)
    assert int(figures["reports_closed"]) == len(closed)
    median = statistics.median(int(r["days_to_handle"]) for r in closed)
    assert figures["reports_median"] == f"{median:.1f}".replace(".", ",")


def test_withheld_texts_are_counted_per_woo_ground(demo_site):
    records = demo_records()
    documents = [d for dossier in records.panel.dossiers for d in dossier.documents] + list(records.panel.reports)
    stubs = [d for d in documents if d.confidential]
    parts = [p for d in documents if not d.confidential for p in d.body_parts if p.withheld]
    figures = dict(re.findall(r'data-figure="([a-z_]+)">([^<]+)<', page(demo_site)))
    assert stubs and int(figures["stubs"]) == len(stubs)
    assert int(figures["parts"]) == len(parts)
    html = page(demo_site)
    for code in {c for d in stubs for c in d.woo_ground} | {p.withheld.woo_ground for p in parts}:
        assert f"({code})" in html
    assert SETTINGS["REGISTER_LAST_INVENTORY"] in html
