# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Residents' reports as records (data/meldingen/): their page, their record's page and feed, the open data,
and every mistake (or a reporter's name or address) named at its line before anything is published."""

import csv
import datetime
import io
import re
import statistics

import feedparser
import pytest
from conftest import ROOT, SETTINGS, TEST_BUILD_EPOCH, demo_records
from content_check import collect_problems
from follow_items import follow_urls
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pelican.settings import read_settings
from resident_reports.kind import read_file

TODAY = datetime.datetime.fromtimestamp(int(TEST_BUILD_EPOCH), datetime.UTC).date()
HEADER = "id,received_on,about,summary,status,handled_on,outcome\n"


def exported(output):
    text = (output / "open-data/meldingen.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_reports_page_figures_equal_the_open_data(demo_site):
    rows = exported(demo_site)
    assert rows, "the demo has example reports"
    closed = [r for r in rows if r["status"] in ("handled", "not_handled")]
    open_ = [r for r in rows if r not in closed]
    html = (demo_site / "meldingen/index.html").read_text(encoding="utf-8")
    shown = dict(re.findall(r'data-figure="([^"]+)">([^<]+)<', html))
    assert int(shown["open"]) == len(open_) and int(shown["closed"]) == len(closed)
    median = statistics.median(int(r["days_to_handle"]) for r in closed)
    assert shown["median_days"] == f"{median:.1f}".replace(".", ",")
    oldest = min(datetime.date.fromisoformat(r["received_on"]) for r in open_)
    assert int(shown["longest_open"]) == (TODAY - oldest).days
    for row in rows:
        assert f'id="{row["id"]}"' in html


def test_a_handled_report_shows_on_its_sensor_and_in_its_feed(demo_site):
    rows = [r for r in exported(demo_site) if r["about"].startswith("sensor:") and r["status"] == "handled"]
    assert rows
    row = rows[0]
    sensor = next(s for s in demo_records().register.sensors if f"sensor:{s.sensor_id}" == row["about"])
    page = (demo_site / sensor.save_as).read_text(encoding="utf-8").replace("&#39;", "'")
    section = page[page.index('id="meldingen-hierover"'):]
    assert row["summary"] in section and row["outcome"] in section
    feed = feedparser.parse((demo_site / follow_urls(demo_records()).sensor_feed[sensor.sensor_id]).read_bytes())
    assert not feed.bozo
    assert any(row["summary"] in entry.title for entry in feed.entries)


def write_reports(project, rows):
    folder = project / "data/meldingen"
    folder.mkdir(exist_ok=True)
    path = folder / "meldingen.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def check(project):
    return [str(p) for p in collect_problems(read_settings(str(project / "pelicanconf.py")))]


@pytest.mark.parametrize(("summary", "what"), [
    ("Gemeld door jan.jansen@example.nl", "een e-mailadres"),
    ("Bel mij terug op 06-12345678", "een telefoonnummer"),
    ("Melder woont op 1211 AB 12", "een postcode met huisnummer"),
    ("Tel +31 35 629 2000 voor info", "een telefoonnummer"),
])  # fmt: skip
def test_a_reporters_contact_in_a_public_column_is_refused_at_its_line(project_copy_factory, summary, what):
    sensor = demo_records().register.sensors[0]
    project = project_copy_factory()
    write_reports(project, [f"M-1,2026-01-02,sensor:{sensor.sensor_id},Goed,received,,\n",
                            f'M-2,2026-01-03,sensor:{sensor.sensor_id},"{summary}",received,,\n'])  # fmt: skip
    problems = check(project)
    assert any(p.startswith("data/meldingen/meldingen.csv:3: summary: lijkt") and what in p for p in problems), \
        problems  # fmt: skip


def test_a_report_about_a_record_that_does_not_exist_is_refused(project_copy_factory):
    project = project_copy_factory()
    write_reports(project, ["M-1,2026-01-02,sensor:HLV-BESTAAT-NIET,Weg,received,,\n",
                            "M-2,2026-01-02,dossier:geen-dossier,Weg,received,,\n",
                            "M-3,2026-01-02,boom:eik,Weg,received,,\n"])  # fmt: skip
    problems = check(project)
    assert any(p.startswith("data/meldingen/meldingen.csv:2: about: 'HLV-BESTAAT-NIET'") for p in problems), problems
    assert any(p.startswith("data/meldingen/meldingen.csv:3: about: 'geen-dossier'") for p in problems), problems
    assert any(p.startswith("data/meldingen/meldingen.csv:4: about: 'boom:eik'") for p in problems), problems


def test_every_mistake_of_a_report_file_in_one_run(project_copy_factory):
    sensor = demo_records().register.sensors[0]
    project = project_copy_factory()
    write_reports(project, [f"M-1,2026-13-02,sensor:{sensor.sensor_id},Datum fout,received,,\n",
                            f"M-2,2026-01-02,sensor:{sensor.sensor_id},Status fout,afgehandeld,,\n",
                            f"M-3,2026-01-05,sensor:{sensor.sensor_id},Klaar,handled,2026-01-01,\n",
                            f"M-4,2099-01-05,sensor:{sensor.sensor_id},Toekomst,received,,\n",
                            f"M-5,2026-01-05,sensor:{sensor.sensor_id},Goed,received,,\n",
                            f"M-5,2026-01-06,sensor:{sensor.sensor_id},Dubbel,received,,\n"])  # fmt: skip
    problems = "\n".join(check(project))
    for expected in ("meldingen.csv:2: received_on:", "meldingen.csv:3: status:", "meldingen.csv:4: handled_on:",
                     "meldingen.csv:4: outcome:", "meldingen.csv:5: received_on:", "meldingen.csv:7: id:"):
        assert expected in problems, (expected, problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600))
@example(b'"')  # an unclosed quote in the first line (found by this test)
def test_any_report_file_gives_reports_or_messages(tmp_path, data):
    path = tmp_path / "meldingen.csv"
    path.write_bytes(data)
    reports, problems = read_file(path, "data/meldingen/meldingen.csv", TODAY)
    assert all(str(p).startswith("data/meldingen/meldingen.csv") for p in problems)
    assert reports == [] or all(r.id for r in reports)


def test_the_demo_reports_are_marked_as_example_data():
    text = (ROOT / "data/meldingen/meldingen.csv").read_text(encoding="utf-8")
    assert all(row["summary"].startswith("Voorbeeld") for row in csv.DictReader(io.StringIO(text)))
    assert SETTINGS["UI"]["reports"]["title"]
