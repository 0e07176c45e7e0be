# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The privacy overview: every sensor with personal data, counted per owner and legal basis, DPIAs, download."""

import csv
import io
import json
import re
from collections import Counter

from conftest import axe_violations


def personal_sensors(output):
    data = json.loads((output / "open-data/sensoren.json").read_text(encoding="utf-8"))
    return [s for s in data["sensors"] if s["processes_personal_data"] in (True, "yes")], data["labels"]


def main_text(output):
    html = (output / "sensoren/persoonsgegevens/index.html").read_text(encoding="utf-8")
    return html, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[html.index("<main"): html.index("</main>")]))


def test_lists_every_sensor_with_personal_data_and_flags_missing_dpias(demo_site):
    sensors, _labels = personal_sensors(demo_site)
    html, text = main_text(demo_site)
    assert sensors
    for sensor in sensors:
        assert f'/{sensor["sensor_id"]}/"' in html
    without = [s for s in sensors if not s.get("dpia_url")]
    assert html.count("<strong>geen DPIA gepubliceerd</strong>") == len(without)
    assert f"{len(sensors)} van de" in text and f"bij {len(without)} daarvan is geen DPIA gepubliceerd" in text


def test_counts_per_owner_and_per_legal_basis(demo_site):
    sensors, labels = personal_sensors(demo_site)
    _html, text = main_text(demo_site)
    for owner, count in Counter(s["owner_organisation"] for s in sensors).items():
        without = sum(1 for s in sensors if s["owner_organisation"] == owner and not s.get("dpia_url"))
        assert f"{owner} {count} {without}" in text, owner
    for code, count in Counter(s["legal_basis"] for s in sensors).items():
        assert f"{labels['legal_basis'][code]} {count}" in text, code


def test_downloadable_as_csv_and_json(demo_site):
    sensors, _labels = personal_sensors(demo_site)
    rows = list(csv.DictReader(io.StringIO((demo_site / "open-data/persoonsgegevens.csv").read_text(encoding="utf-8-sig"))))
    assert sorted(r["sensor_id"] for r in rows) == sorted(s["sensor_id"] for s in sensors)
    data = json.loads((demo_site / "open-data/persoonsgegevens.json").read_text(encoding="utf-8"))
    assert len(data["sensors"]) == len(sensors)


def test_privacy_overview_has_no_axe_violations(demo_url, page):
    page.goto(f"{demo_url}/sensoren/persoonsgegevens/")
    assert axe_violations(page) == []
