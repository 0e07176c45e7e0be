# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Sensor history: when every sensor appeared, what changed about it and when it went away, from git.

Reads the repository's history (`history.read_history`, plain git in a subprocess) once per
build and gives:
- "Geschiedenis" on every sensor page (template `sensor_history.html`, included by sensor.html)
  and on every dossier page (`dossier_history.html`): when each public document was published
  or changed;
- a page at SENSOR_URL for every sensor removed from the register, marked "verwijderd op <datum>",
  so that links and QR codes never break;
- `/sensoren/wijzigingen/` (newest first, one page per kind, paged) and
  `/sensoren/wijzigingen.atom`.
In a copy without history, or a shallow clone, the pages say the history is incomplete.
A past version that cannot be read is left out, with a note in the build log (`history.Note`).
For templates it puts `sensor_history` (a `HistoryView`) in the context.
"""

import datetime
import re
import sys
import uuid
from dataclasses import dataclass

from editor_files.messages import msg
from feedgenerator import Atom1Feed
from markupsafe import Markup, escape
from site_language import field_in, in_original, language_tag
from site_outputs import Build, Output, write_file
from site_records import records_for

from .history import DOCUMENT_CHANGED, DOCUMENT_PUBLISHED, KINDS, SENSOR_CHANGED, read_history

CHANGES_URL = "sensoren/wijzigingen/"
FEED_URL = "sensoren/wijzigingen.atom"
PAGE_SIZE = 100
FEED_SIZE = 100
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")


@dataclass(frozen=True)
class HistoryPart:
    of_sensor_id: dict
    of_dossier_id: dict
    available: bool
    complete: bool
    since: object


class HistoryView:
    """What templates read: changes as dicts with labels in the page's language, newest first."""

    def __init__(self, history, records, ui, field_labels, document_kinds, reserved_ids=(), lang="nl", original="nl"):
        self.history, self.records, self.ui, self.field_labels = history, records, ui, field_labels
        self.lang, self.original = lang, original  # the page's language, the editors'
        self.register = records.register
        self.current = {s.sensor_id: s for s in self.register.sensors}
        self.documents = public_documents(records, document_kinds)
        self.document_kinds = document_kinds
        self.document_sources = {path: (document, owner) for path, _url, document, owner in readable_documents(records)}
        self.removed = {sensor_id: values for sensor_id, values in history.last_seen.items()
                        if sensor_id not in self.current and SAFE_ID.match(sensor_id)
                        and sensor_id.lower() not in reserved_ids}  # fmt: skip
        self.removed_on = {c.subject: c.date for c in history.changes if c.kind == "sensor_removed"}
        self.changes = [self.view(c) for c in reversed(history.changes) if self.shown(c)]
        self.by_subject = {}
        for change in self.changes:
            self.by_subject.setdefault(change["subject"], []).append(change)
        # What the sensor and dossier pages read: every id has its (possibly empty) list.
        self.of_sensor_id = {sensor_id: self.of_sensor(sensor_id) for sensor_id in self.current}
        self.of_dossier_id = self.by_dossier(records.panel.dossiers if records.panel else ())

    def part(self, sensor_ids=(), dossier_ids=()):
        """The history as one record's page reads it (same names): a page's view holds only its own changes,
        so `make serve` re-renders a page only when they change (see site_outputs.Page)."""
        return HistoryPart({i: self.of_sensor_id.get(i, []) for i in sensor_ids},
                           {i: self.of_dossier_id.get(i, []) for i in dossier_ids}, self.available, self.complete,
                           self.since)  # fmt: skip

    @property
    def available(self):
        return self.history.available

    @property
    def complete(self):
        return self.history.complete

    @property
    def since(self):
        return self.history.since

    def shown(self, change):
        if change.kind in (DOCUMENT_PUBLISHED, DOCUMENT_CHANGED):
            return change.subject in self.documents
        return change.subject in self.current or change.subject in self.removed

    def of_sensor(self, sensor_id):
        return self.by_subject.get(sensor_id, [])

    def by_dossier(self, dossiers):
        """{dossier id: the changes of its documents, newest first}, in one pass over the changes."""
        found = {dossier.id: [] for dossier in dossiers}
        dossier_of = {document.path: dossier.id for dossier in dossiers for document in dossier.documents}
        for change in self.changes:
            if change["subject"] in dossier_of:
                found[dossier_of[change["subject"]]].append(change)
        return found

    def sensor_url(self, sensor_id):
        return self.records.settings.url("sensor", id=sensor_id)

    def sensor_name(self, sensor_id):
        if sensor_id in self.current:
            return self.current[sensor_id].name
        return self.removed.get(sensor_id, {}).get("name") or sensor_id

    def sensor_title(self, sensor_id):
        """(plain text, HTML) of a sensor's name in a change's sentence: its English name on an English page
        when the editor gave one, else the name as written (marked as the editors' language on another
        language's page), or its id when the history has no name."""
        sensor = self.current.get(sensor_id)
        translated = field_in(sensor, "name", self.lang) if sensor and self.lang != self.original else None
        if translated:
            return translated, escape(translated)
        name = self.sensor_name(sensor_id)
        return name, escape(name) if name == sensor_id else in_original(name, self.lang, self.original, True)

    def view(self, change):
        kind_ui = self.ui["kinds"][change.kind]
        if change.kind in (DOCUMENT_PUBLISHED, DOCUMENT_CHANGED):
            title, url = self.documents.get(change.subject, ("", ""))
            title, title_html = self.document_title(change.subject, title)
        else:
            (title, title_html), url = self.sensor_title(change.subject), self.sensor_url(change.subject)
        return {
            "date": change.date, "kind": change.kind, "label": kind_ui["label"], "subject": change.subject,
            "title": title, "url": url, "text": kind_ui["text"].replace("{title}", title),
            # The sentence as HTML: the editor's part marked as their language on another language's page.
            "html": escape(kind_ui["text"]).replace("{title}", title_html),
            "fields": [self.field_change(*item) for item in change.fields] if change.kind == SENSOR_CHANGED else [],
            "key": f"{change.commit}-{change.kind}-{change.subject}",
        }  # fmt: skip

    def document_title(self, path, title):
        """(plain text, HTML) of a document in a change's sentence, "<title> (<kind>)": its title_<lang> on a
        page in another language when given, else the title as written, marked as the editors' language."""
        if path not in self.document_sources:
            return title, escape(title)
        document, owner = self.document_sources[path]
        record = document if document.title else owner  # describe(): a document without a title takes its owner's
        kind = self.document_kinds.get(document.kind, document.kind)
        translated = field_in(record, "title", self.lang) if self.lang != self.original else None
        if translated:
            title = f"{translated} ({kind})"
            return title, escape(title)
        return title, Markup("{} ({})").format(in_original(record.title, self.lang, self.original, True), kind)

    def field_change(self, name, old, new):
        """A field's change; `old_written`/`new_written`: the value is text as an editor wrote it (the site's first
        language), not a code's label or "(leeg)", so a page in another language marks its language."""
        return {"field": self.field_labels.get(name, name), "old": self.value(name, old), "new": self.value(name, new),
                "old_written": self.written(name, old), "new_written": self.written(name, new)}  # fmt: skip

    def written(self, name, raw):
        from sensor_register.schema import SENSOR

        spec = SENSOR.by_name.get(name)
        return bool(raw) and (spec is None or not spec.vocabulary)

    def last_known(self, values, fields):
        """A removed sensor's last values as (label, text, written) rows, for its tombstone page; `written`: the
        text is as an editor wrote it (not a code's label)."""
        return [(self.field_labels.get(name, name), self.value(name, values[name]), self.written(name, values[name]))
                for name in fields if values.get(name)]  # fmt: skip

    def value(self, name, raw):
        """A committed value as residents read it: vocabulary codes as their labels in the page's language."""
        from sensor_register.schema import SENSOR

        if not raw:
            return self.ui["empty_value"]
        spec = SENSOR.by_name.get(name)
        if spec is None or not spec.vocabulary:
            return raw
        code_list = self.register.vocabularies[spec.vocabulary]
        parts = raw.split("|") if spec.kind == "codes" else [raw]
        lang = self.register.language
        return ", ".join(code_list.label(code_list.resolve(p) or p.strip(), lang) for p in parts)


def describe(document, fallback, kinds):
    return f"{document.title or fallback} ({kinds.get(document.kind, document.kind)})"


def readable_documents(records):
    """(editor path, url, document, the dossier or report it belongs to) of every document a resident can
    read now (no stubs, no drafts)."""
    panel = records.panel
    for dossier in panel.dossiers if panel else ():
        for document in dossier.documents:
            if not document.confidential:
                yield document.path, document.url, document, dossier
    for report in panel.reports if panel else ():
        if not report.confidential:
            yield report.path, report.url, report, report


def public_documents(records, kinds):
    """{editor path: (title, url)} of every document a resident can read now (no stubs, no drafts)."""
    return {path: (describe(document, owner.title, kinds), url)
            for path, url, document, owner in readable_documents(records)}  # fmt: skip


def context(records, settings):
    from sensor_register.schema import SENSOR

    ui = settings["UI"]["history"]
    root = records.settings.root
    kinds = settings["UI"]["stadspanel"]["kinds"]
    documents = {root / path: path for path in public_documents(records, kinds)}
    fields = [f.name for f in SENSOR.fields]
    history = read_history(records.settings.data_path / "sensors", documents, fields,
                           today=records.settings.today)  # fmt: skip
    report_notes(history.notes)
    reserved = records.settings.reserved_sensor_ids
    lang = settings["DEFAULT_LANG"]
    original = (settings.get("LANGUAGES") or [lang])[0]
    return {"sensor_history": HistoryView(history, records, ui, settings["UI"]["sensor"]["fields"], kinds, reserved,
                                          lang=lang, original=original)}  # fmt: skip


def state(build):
    return SensorHistory(build)


def write(history, writer):
    """The pages of removed sensors, the changes pages and the feed (declared as patterns by `outputs`)."""
    history.write_tombstones(writer)
    history.write_change_pages(writer)
    history.write_feed(writer)


class SensorHistory(Build):
    """What the history's files are made from: the view in the context."""

    def __init__(self, build):
        super().__init__(*build.parts())
        self.records = records_for(self.settings)
        self.ui = self.settings["UI"]["history"]
        self.view = self.context["sensor_history"]

    def write_tombstones(self, writer):
        template = self.get_template("sensor_removed")
        for sensor_id, values in sorted(self.view.removed.items()):
            path = self.records.settings.save_as_of("sensor", id=sensor_id)
            writer.write_file(path, template, self.context, sensor_id=sensor_id,
                              values=values, removed_on=self.view.removed_on.get(sensor_id),
                              last_known=self.view.last_known(values, self.ui["tombstone_fields"]),
                              changes=self.view.of_sensor(sensor_id), active_section="sensoren")  # fmt: skip

    def filters(self):
        """(slug or "", label, changes) for all changes and for each kind that occurs."""
        changes = self.view.changes
        found = [("", self.ui["all_kinds"], changes)]
        for kind in KINDS:
            of_kind = [c for c in changes if c["kind"] == kind]
            if of_kind:
                found.append((self.ui["kinds"][kind]["slug"], self.ui["kinds"][kind]["label"], of_kind))
        return found

    def write_change_pages(self, writer):
        template = self.get_template("sensor_changes")
        filters = [(slug, label, CHANGES_URL + (slug + "/" if slug else "")) for slug, label, _ in self.filters()]
        for slug, _label, changes in self.filters():
            base = CHANGES_URL + (slug + "/" if slug else "")
            pages = max(1, -(-len(changes) // PAGE_SIZE))
            for number in range(1, pages + 1):
                url = base if number == 1 else f"{base}{number}/"
                writer.write_file(self.records.settings.save_as(url), template, self.context,
                                  changes=changes[(number - 1) * PAGE_SIZE:number * PAGE_SIZE], filters=filters,
                                  current_filter=base, page_number=number, page_count=pages, base_url=base,
                                  feed_url=FEED_URL, active_section="sensoren")  # fmt: skip

    def write_feed(self, writer):
        site = self.records.settings.site_url
        feed = Atom1Feed(title=self.ui["feed_title"].replace("{site}", self.settings["SITENAME"]),
                         link=f"{site}/{CHANGES_URL}", description=self.ui["feed_description"],
                         language=language_tag(self.settings["DEFAULT_LANG"]),
                         feed_url=f"{site}/{FEED_URL}",
                         feed_guid=uuid.uuid5(uuid.NAMESPACE_URL, f"{site}/{FEED_URL}").urn)  # fmt: skip
        for change in self.view.changes[:FEED_SIZE]:
            moment = datetime.datetime.combine(change["date"], datetime.time(12), tzinfo=datetime.UTC)
            details = "; ".join(f"{f['field']}: {f['old']} → {f['new']}" for f in change["fields"])
            feed.add_item(title=change["text"], link=f"{site}/{change['url']}", description=details,
                          unique_id=uuid.uuid5(uuid.NAMESPACE_URL, change["key"]).urn, pubdate=moment,
                          updateddate=moment)  # fmt: skip
        write_file(writer, self.output_path, FEED_URL, feed.writeString("utf-8"))


def outputs(records, settings):
    """The changes pages and feed, and the pages of removed sensors (at their old addresses, which no
    sensor in the register has: the pattern keeps editors' pages out, not the register's own)."""
    itself = msg("the register's history")
    yield Output(CHANGES_URL + "*", itself)
    yield Output(FEED_URL, itself)
    yield Output(records.settings.save_as_of("sensor", id="*"), itself, exclusive=False)


def report_notes(notes):
    """Past versions left out and dates moved, in the build log. Not a warning: the build runs with
    `--fatal warnings`, and a commit that stays in history must never stop every later build."""
    for note in notes:
        print(note, file=sys.stderr)
