# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Follow one item: every dossier and sensor has its own feed, and the promised dates are in calendars.

Feeds are read with feedparser, calendars with icalendar; what they must hold is worked out from the
demo's records, not copied from a build.
"""

import re

import feedparser
import icalendar
from conftest import SETTINGS, demo_records, run_build, without_search_index
from follow_items import follow_urls, promises
from stadspanel import status


def linked_feed(html):
    """The address of the page's own feed: its second or only rel=alternate link that is not a site feed."""
    return re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]+)"', html)


def test_every_dossier_and_sensor_page_links_its_own_feed_which_feedparser_reads(demo_site):
    records = demo_records()
    urls = follow_urls(records)
    for dossier in records.panel.dossiers:
        html = (demo_site / dossier.save_as).read_text(encoding="utf-8")
        feed_url = urls.dossier_feed[dossier.id]
        assert f"/{feed_url}" in "".join(linked_feed(html)), dossier.id
        assert f'href="/{feed_url}" type="application/atom+xml"' in html  # listed on the page too
        parsed = feedparser.parse((demo_site / feed_url).read_bytes())
        assert not parsed.bozo, (dossier.id, parsed.get("bozo_exception"))
        expected = status.events(dossier, records.settings.today, records.settings.response_days)
        assert len(parsed.entries) >= min(len(expected), 100), dossier.id
        assert len({entry.id for entry in parsed.entries}) == len(parsed.entries)
    for sensor in records.register.sensors:
        html = (demo_site / sensor.save_as).read_text(encoding="utf-8")
        feed_url = urls.sensor_feed[sensor.sensor_id]
        assert f"/{feed_url}" in "".join(linked_feed(html)), sensor.sensor_id
        parsed = feedparser.parse((demo_site / feed_url).read_bytes())
        assert not parsed.bozo, (sensor.sensor_id, parsed.get("bozo_exception"))
        dossier_events = sum(len(status.events(d, records.settings.today, records.settings.response_days))
                             for d in records.dossiers_of(sensor))  # fmt: skip
        assert len(parsed.entries) >= min(dossier_events, 100), sensor.sensor_id


def expected_promises(records):
    texts = SETTINGS["UI"]["follow"]["calendar"]
    return {d.id: promises(d, records.settings.response_days, texts) for d in records.panel.dossiers}


def events_of(path):
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_calendars_hold_one_event_per_promised_date(demo_site):
    records = demo_records()
    expected = expected_promises(records)
    assert sum(map(len, expected.values())) > 0, "the demo promises dates"
    everything = events_of(demo_site / "agenda.ics")
    assert len(everything) == sum(map(len, expected.values()))
    urls = follow_urls(records)
    for dossier in records.panel.dossiers:
        events = events_of(demo_site / urls.dossier_calendar[dossier.id])
        assert len(events) == len(expected[dossier.id]), dossier.id
        for promise in expected[dossier.id]:
            event = next(e for uid, e in events.items() if uid.startswith(promise.uid + "@"))
            assert event.decoded("dtstart") == promise.date
            assert str(event["url"]).endswith(f"/{dossier.url}")
            assert dossier.title in str(event["summary"])


def test_kinds_of_promise_come_from_the_documents():
    """Response due only with a target; implement_by of followed advice; every milestone; stubs' review dates."""
    records = demo_records()
    found = [p for ps in expected_promises(records).values() for p in ps]
    implement_by = [(d.id, r.id) for d in records.panel.dossiers for r in d.recommendations
                    if (a := d.answers.get(r.id)) and a.decision in ("adopted", "partly_adopted") and a.implement_by]  # fmt: skip
    assert len([p for p in found if p.uid.startswith("implement-by/")]) == len(implement_by)
    milestones = sum(len(a.milestones) for d in records.panel.dossiers for a in d.answers.values())
    assert len([p for p in found if p.uid.startswith("milestone/")]) == milestones
    stubs = [doc for d in records.panel.dossiers for doc in d.documents if doc.confidential and doc.review_on]
    assert len([p for p in found if p.uid.startswith("review/")]) == len(stubs)
    texts = SETTINGS["UI"]["follow"]["calendar"]
    no_target = [p for d in records.panel.dossiers for p in promises(d, None, texts)]
    assert not [p for p in no_target if p.uid.startswith("response-due/")]


def test_a_changed_date_updates_its_event_and_keeps_its_uid(demo_site, project_copy_factory, tmp_path):
    records = demo_records()
    dossier, answer = next((d, a) for d in records.panel.dossiers for a in d.answers.values() if a.milestones)
    milestone = answer.milestones[0]
    project = project_copy_factory()
    # The dossier's answers are those of its latest response: change the milestone there.
    response = max((doc for doc in dossier.documents if doc.kind == "response" and not doc.confidential
                    and any(milestone in a.milestones for a in doc.answers)), key=lambda doc: doc.date)  # fmt: skip
    path = project / response.path
    text = path.read_text(encoding="utf-8")
    old, new = f"date: {milestone.date.isoformat()}, text: {milestone.text}", "2031-01-02"
    assert old in text
    path.write_text(text.replace(old, f"date: {new}, text: {milestone.text}", 1), encoding="utf-8")
    run_build(project, tmp_path / "output", adjust=without_search_index)
    before = events_of(demo_site / "agenda.ics")
    after = events_of(tmp_path / "output" / "agenda.ics")
    assert before.keys() == after.keys()
    changed = [uid for uid in before if before[uid].decoded("dtstart") != after[uid].decoded("dtstart")]
    assert len(changed) == 1 and after[changed[0]].decoded("dtstart").isoformat() == new


def test_confidential_texts_reach_no_feed_or_calendar(demo_site):
    records = demo_records()
    stubs = [doc for d in records.panel.dossiers for doc in d.documents if doc.confidential]
    assert stubs, "the demo has confidential stubs"
    files = [*demo_site.rglob("feed.atom"), *demo_site.rglob("*.ics")]
    text = "\n".join(f.read_text(encoding="utf-8") for f in files)
    for stub in stubs:
        assert stub.path not in text
        if stub.title:
            assert stub.title not in text or any(stub.title == d.title for d in records.panel.dossiers)
