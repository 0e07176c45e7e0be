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
