# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Follow one item: an Atom feed per dossier and per sensor, and the promised dates in calendars.

- `<dossier folder>/feed.atom`: the dossier's events (request, advice, responses, updates, overdue
  answers, withdrawal), its reached milestones and the residents' reports about it that were handled;
  `<sensor folder>/feed.atom`: the sensor's changes from the register's history, the events of the
  dossiers it is linked to and its handled reports. Each page links its
  own feed (`rel="alternate"`) and lists it.
- `agenda.ics` (the whole portal) and `<dossier folder>/agenda.ics`: the municipality's response
  due date (only where RESPONSE_TARGET is set), every `implement_by` of an adopted or partly
  adopted answer, every milestone, and the review date of every confidential stub. An event's UID
  names what it is about, never its date, so a changed date updates the event in a subscribed
  calendar instead of adding one.

Only what is public is used: the events and milestones of public documents, the review date a
stub publishes anyway. Files are declared with `outputs` (site_outputs) like every other file.
"""

import datetime
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

import icalendar
from editor_files.memo import build_cache
from editor_files.messages import msg
from feedgenerator import Atom1Feed
from site_language import language_tag
from site_outputs import Build, Output, kept_output
from site_records import records_for
from stadspanel import status

CALENDAR_URL = "agenda.ics"
FEED_SIZE = 100


def folder_of(url):
    """The folder a page's files sit in: 'stadspanel/x/' for 'stadspanel/x/', 'advies/x/' for 'advies/x.html'."""
    return url if url.endswith("/") or not url else url.rsplit(".", 1)[0] + "/"


@dataclass(frozen=True)
class FollowUrls:
    """What templates read: the feed and calendar of every dossier and the feed of every sensor."""

    dossier_feed: dict
    dossier_calendar: dict
    sensor_feed: dict
    calendar: str = CALENDAR_URL


def follow_urls(records):
    dossiers = records.panel.dossiers if records.panel else ()
    return FollowUrls({d.id: feed_url(d) for d in dossiers}, {d.id: calendar_url(d) for d in dossiers},
                      {s.sensor_id: feed_url(s) for s in records.register.sensors})  # fmt: skip


def feed_url(record):
    """A dossier's or a sensor's feed, in its page's folder."""
    return folder_of(record.url) + "feed.atom"


def calendar_url(dossier):
    return folder_of(dossier.url) + "agenda.ics"


def sensor_feed_output(sensor, dossiers, owner):
    """A sensor's feed (`outputs`): made of the sensor and its dossiers."""
    return Output(feed_url(sensor), owner, make=Follow.sensor_feed, inputs=(sensor, dossiers))


@dataclass(frozen=True)
class Promise:
    """A date the municipality promised (or set for itself), as a calendar event."""

    uid: str  # what it is about, never its date
    date: datetime.date
    summary: str
    dossier: object


def promises(dossier, response_days, texts):
    """Every promised date of a dossier (see the module's docstring)."""
    found = []
    due = status.response_due(dossier, response_days)
    if due:
        found.append(Promise(f"response-due/{dossier.id}", due, texts["response_due"], dossier))
    for recommendation in dossier.recommendations:
        answer = dossier.answers.get(recommendation.id)
        if answer and answer.decision in ("adopted", "partly_adopted") and answer.implement_by:
            found.append(Promise(f"implement-by/{dossier.id}/{recommendation.id}", answer.implement_by,
                                 texts["implement_by"].replace("{id}", recommendation.id), dossier))  # fmt: skip
        for number, milestone in enumerate(answer.milestones if answer else (), start=1):
            text = texts["milestone"].replace("{id}", recommendation.id).replace("{text}", milestone.text)
            found.append(Promise(f"milestone/{dossier.id}/{recommendation.id}/{number}", milestone.date, text, dossier))
    for document in dossier.documents:
        if document.confidential and document.review_on:
            found.append(Promise(f"review/{dossier.id}/{document.slug or document.path}", document.review_on,
                                 texts["review"], dossier))  # fmt: skip
    return found


def context(records, settings):
    return {"follow": follow_urls(records)}


def state(build):
    return Follow(build)


class Follow(Build):
    """What the feeds and calendars are made from (their `make`s receive it)."""

    def __init__(self, build):
        super().__init__(*build.parts())
        self.records = records_for(self.settings)
        self.urls = self.context["follow"]
        self.texts = self.settings["UI"]["follow"]

    # --- feeds ---

    def feed_xml(self, title, page_url, feed_url, items):
        site = self.records.settings.site_url
        feed = Atom1Feed(title=title, link=f"{site}/{page_url}", description=self.texts["feed_description"],
                         language=language_tag(self.settings["DEFAULT_LANG"]), feed_url=f"{site}/{feed_url}",
                         feed_guid=uuid.uuid5(uuid.NAMESPACE_URL, f"{site}/{feed_url}").urn)  # fmt: skip
        for item in sorted(items, key=lambda i: (i["date"], i["id"]), reverse=True)[:FEED_SIZE]:
            moment = datetime.datetime.combine(item["date"], datetime.time(12), tzinfo=datetime.UTC)
            feed.add_item(title=item["title"], link=f"{site}/{item['url']}", description=item["text"],
                          unique_id=uuid.uuid5(uuid.NAMESPACE_URL, f"{site}/{feed_url}#{item['id']}").urn,
                          pubdate=moment, updateddate=moment)  # fmt: skip
        return feed.writeString("utf-8")

    def dossier_items(self, dossier):
        events = status.events(dossier, self.records.settings.today, self.records.settings.response_days)
        titles = self.settings["UI"]["stadspanel"]["events"]
        items = [{"id": f"{e.kind}-{e.date.isoformat()}-{e.detail}", "date": e.date, "url": dossier.url,
                  "title": titles[e.kind].replace("{title}", dossier.title).replace("{id}", e.detail),
                  "text": e.document.summary if e.document and e.document.summary else ""} for e in events]  # fmt: skip
        today = self.records.settings.today
        for promise in promises(dossier, None, self.texts["calendar"]):
            if promise.uid.startswith("milestone/") and promise.date <= today:
                items.append({"id": promise.uid, "date": promise.date, "url": dossier.url,
                              "title": f"{dossier.title}: {promise.summary}", "text": ""})  # fmt: skip
        return items

    def handled_reports(self, kind, record_id, url):
        """Residents' reports about a record that were handled, as feed items (resident_reports)."""
        reports = (self.context.get("reports_about") or {}).get((kind, record_id), ())
        title = self.settings["UI"]["reports"]["statuses"]
        return [{"id": f"melding-{r.id}", "date": r.handled_on, "url": url, "title": f"{title[r.status]}: {r.summary}",
                 "text": r.outcome} for r in reports if r.closed]  # fmt: skip

    def dossier_feed(self, dossier):
        title = self.texts["dossier_feed_title"].replace("{title}", dossier.title)
        items = self.dossier_items(dossier) + self.handled_reports("dossier", dossier.id, dossier.url)
        return self.feed_xml(title, dossier.url, self.urls.dossier_feed[dossier.id], items)

    def sensor_feed(self, sensor, dossiers):
        """A sensor's feed: its changes, the events of `dossiers` (those linked to it) and its handled reports."""
        history = self.context.get("sensor_history")
        items = [{"id": change["key"], "date": change["date"], "url": change["url"], "title": change["text"],
                  "text": "; ".join(f"{f['field']}: {f['old']} → {f['new']}" for f in change["fields"])}
                 for change in (history.of_sensor(sensor.sensor_id) if history else ())]  # fmt: skip
        for dossier in dossiers:
            items += self.dossier_items(dossier)
        items += self.handled_reports("sensor", sensor.sensor_id, sensor.url)
        title = self.texts["sensor_feed_title"].replace("{name}", sensor.name)
        return self.feed_xml(title, sensor.url, self.urls.sensor_feed[sensor.sensor_id], items)

    # --- calendars ---

    def calendar(self, dossiers, name=None):
        """The calendar of `dossiers`, named `name` (the portal's by default)."""
        texts, days = self.texts["calendar"], self.records.settings.response_days
        found = tuple((d.title, d.url, tuple((p.uid, p.date, p.summary) for p in promises(d, days, texts)))
                      for d in dossiers)  # fmt: skip
        return self.calendar_ics(found, self.texts["calendar_name"] if name is None else name)

    def dossier_calendar(self, dossier):
        return self.calendar([dossier], dossier.title)

    def calendar_ics(self, found, name):
        """The calendar of `found` ((title, url, promises) per dossier, see `calendar`).

        Each dossier's events are kept in the build cache by what they show: `make serve` draws again only
        those of a changed dossier, not the portal's thousands (icalendar takes ~0.5 ms an event)."""
        site = self.records.settings.site_url
        host = urlsplit(site).hostname or "localhost"
        calendar = icalendar.Calendar()
        calendar.add("prodid", f"-//{self.settings['SITENAME']}//{self.settings['DEFAULT_LANG']}")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", name)
        stamp = datetime.datetime.combine(self.records.settings.today, datetime.time(0), tzinfo=datetime.UTC)
        kept = build_cache(self.settings).store("calendar events", EVENTS_KEPT)
        events = b"".join(kept.get((site, host, stamp, d), lambda d=d: dossier_events(site, host, stamp, *d))
                          for d in found)  # fmt: skip
        head = calendar.to_ical()  # its subcomponents come last, before its END line (as icalendar writes them)
        return head[: -len(CALENDAR_END)] + events + CALENDAR_END


CALENDAR_END = b"END:VCALENDAR\r\n"
EVENTS_KEPT = 20_000  # dossiers' events kept by the preview (each dossier in its own and the portal's calendar)


def dossier_events(site, host, stamp, title, url, found):
    """The VEVENT lines of one dossier's promises, as icalendar writes them inside a calendar."""
    lines = []
    for uid, date, summary in found:
        event = icalendar.Event()
        event.add("uid", f"{uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", date)
        event.add("dtend", date + datetime.timedelta(days=1))
        event.add("summary", f"{title}: {summary}")
        event.add("url", f"{site}/{url}")
        lines.append(event.to_ical())
    return b"".join(lines)


def outputs(records, settings):
    """A feed and a calendar per dossier, a feed per sensor, and the portal's calendar."""
    if settings.get("LANGUAGE_PASS"):
        return  # no page among them: another language's pass writes pages only (language_versions)
    itself = msg("a file of the site itself (feeds and calendars)")
    dossiers = records.panel.dossiers if records.panel else ()
    # Each is made of its inputs (site_outputs.Output): make serve makes again only those whose inputs changed.
    yield Output(CALENDAR_URL, itself, make=Follow.calendar, inputs=(tuple(dossiers),), overview=True)
    for dossier in dossiers:
        yield Output(feed_url(dossier), itself, make=Follow.dossier_feed, inputs=(dossier,))
        yield Output(calendar_url(dossier), itself, make=Follow.dossier_calendar, inputs=(dossier,))
    for sensor in records.register.sensors:
        dossiers = tuple(records.dossiers_of(sensor))
        yield kept_output(settings, __name__, (sensor, *dossiers), (itself,), sensor_feed_output, sensor, dossiers,
                          itself)  # fmt: skip

