# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Follow-through per theme on /stadspanel/: every figure recomputed from the open data (adviezen.csv)."""

import csv
import datetime
import io
import re

from conftest import SETTINGS, TEST_BUILD_EPOCH

DECISIONS = ("adopted", "partly_adopted", "not_adopted", "open")
OPEN_WORK = ("not_started", "planned", "in_progress")


def figures_from_export(output):
    today = datetime.datetime.fromtimestamp(int(TEST_BUILD_EPOCH), datetime.UTC).date()
    rows = list(csv.DictReader(io.StringIO((output / "open-data/adviezen.csv").read_text(encoding="utf-8-sig"))))
    figures = {}
    for code in SETTINGS["STADSPANEL_THEMES"]:
        counts = dict.fromkeys((*DECISIONS, "realised", "in_progress", "overdue", "stopped"), 0)
        for row in rows:
            if code not in row["themes"].split("|"):
                continue
            decision = row["decision"] if row["decision"] in DECISIONS else "open"
            counts[decision] += 1
            if decision in ("adopted", "partly_adopted"):
                if row["answer_status"] == "done":
                    counts["realised"] += 1
                elif row["answer_status"] == "dropped":
                    counts["stopped"] += 1
                elif row["implement_by"] and datetime.date.fromisoformat(row["implement_by"]) < today:
                    counts["overdue"] += 1
                else:
                    counts["in_progress"] += 1
        figures[code] = counts
    return figures


def figures_on_page(output):
    html = (output / "stadspanel/index.html").read_text(encoding="utf-8")
    found = {}
    for code, row in re.findall(r'<tr data-theme="([^"]+)">(.*?)</tr>', html, re.S):
        found[code] = {column: int(value) for column, value in re.findall(r'data-column="([^"]+)">(\d+)<', row)}
    return found


def test_the_follow_through_per_theme_equals_what_the_export_says(demo_site):
    expected = figures_from_export(demo_site)
    assert any(sum(counts.values()) for counts in expected.values()), "the demo's advice has themes"
    assert figures_on_page(demo_site) == expected


def test_every_theme_of_the_agreement_is_shown_with_its_text(demo_site):
    html = (demo_site / "stadspanel/index.html").read_text(encoding="utf-8")
    section = html[html.index('id="opvolging-per-thema"'):html.index('id="adviezen"')]
    for label in SETTINGS["STADSPANEL_THEMES"].values():
        assert label in section
    assert 'role="img"' in section and "<table" in section


def test_each_themes_bars_are_drawn_on_its_own_row(demo_site):
    html = (demo_site / "stadspanel/index.html").read_text(encoding="utf-8")
    chart = html[html.index('aria-labelledby="opvolging-titel"'):]
    chart = chart[:chart.index("</svg>")]
    labels = re.findall(r'<text x="0" y="(\d+)" class="chart__label">', chart)
    bars = re.findall(r'<rect x="[\d.]+" y="(\d+)"', chart)
    assert len(labels) == len(SETTINGS["STADSPANEL_THEMES"])
    assert len(bars) == 4 * len(labels)  # realised, in progress, overdue, stopped
    for index, label_y in enumerate(labels):  # a row's bars sit 14 above its label's baseline
        assert set(bars[4 * index:4 * index + 4]) == {str(int(label_y) - 14)}
