# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Stadspanel data: advice dossiers, the municipality's response to every recommendation,
a response clock, meeting reports and confidential stubs.

The documents (content/stadspanel/<dossier>/*.md and content/stadspanel/verslagen/*.md) are
read and validated with everything else by `site_records`; drafts and hidden documents are
dropped as soon as their front matter is read: they leave no trace.

Writes /stadspanel/, a page per dossier at DOSSIER_URL (with its attachments beside it),
/stadspanel/verslagen/ (+ a page per public report), /stadspanel/feed.atom and
/open-data/adviezen.csv|json.
"""

import functools
from pathlib import Path

from editor_files.messages import msg
from site_outputs import Build, Output, Page
from site_outputs.attachments import publish_bytes
from site_records import records_for

from . import exports, status, views
from .panel import REPORTS_FOLDER, load_panel
from .records import DOSSIER_STATUSES
from .schema import ANSWER_FACTS

__all__ = ["load_panel"]


def open_data_files(records, settings):
    """The advice exports and the feed, described for /open-data/ and the catalogue (collected by open_data)."""
    return exports.open_data_files(settings["UI"]["stadspanel"])


def state(build):
    return StadspanelFiles(build)


class StadspanelFiles(Build):
    """What the Stadspanel's files are made from (its `make`s receive it)."""

    def __init__(self, build):
        super().__init__(*build.parts())
        self.shared = None  # common(), made once
        self.records = records_for(self.settings)
        self.panel = self.records.panel
        self.today = self.records.settings.today
        self.response_days = self.records.settings.response_days
        self.ui = self.settings["UI"]["stadspanel"]

    # --- what templates read ---

    def status_of(self, dossier):
        return self.views[dossier.id].status

    def sensors_geometry(self, sensors):
        register = self.records.register
        geometries = [g for g in (register.geometry(s) for s in sensors) if g]
        return {"type": "GeometryCollection", "geometries": geometries} if geometries else None

    def common(self):
        """What every Stadspanel page receives; once per build (a dossier page's reuse in make serve compares it)."""
        if self.shared is None:
            self.shared = self.shared_variables()
        return self.shared

    def shared_variables(self):
        return {
            "today": self.today,
            "response_target": self.records.settings.response_target,
            "response_days": self.response_days,
            "response_target_decided_in": self.records.settings.response_target_decided_in,
            "woo_grounds": self.panel.woo_grounds,
            "attachment_sizes": views.attachment_sizes(self.panel, self.ui, self.records.settings.language),
            "stadspanel_feed": exports.FEED_URL,
            "active_section": "stadspanel",
        }

    # --- output ---

    @functools.cached_property
    def views(self):
        """dossier id: views.DossierView, made when the first file is (every story is linked by then)."""
        return views.dossier_views(self.records)

    def dashboard(self):
        dossiers = self.panel.dossiers
        return Page("stadspanel", {
            "dashboard": status.dashboard(dossiers, self.today, self.response_days),
            "follow_through": status.follow_through(dossiers, self.today, self.settings["STADSPANEL_THEMES"]),
            "years": sorted({d.started_on.year for d in dossiers}, reverse=True),
            "statuses": [s for s in DOSSIER_STATUSES if any(self.status_of(d) == s for d in dossiers)],
            "dossier_views": [self.views[d.id] for d in dossiers], "panel": self.panel, **self.common()})  # fmt: skip

    def dossier_page(self, dossier, sensors, stories):
        """A dossier's page from its inputs (see `outputs`): the dossier, its sensors, the stories that draw on it."""
        sensors = list(sensors)
        today, days = self.today, self.response_days
        view = views.DossierView(dossier, status.dossier_status(dossier, today, days),
                                 status.response_due(dossier, days), status.days_to_response(dossier), list(stories))
        return Page("dossier", {
            "dossier": dossier, "view": view,
            "events": status.events(dossier, self.today, self.response_days), "sensors": sensors,
            "sensors_geometry": self.sensors_geometry(sensors) if sensors else None,
            "overdue": status.overdue_answers(dossier, self.today), "answer_facts": ANSWER_FACTS,
            **self.common(), **self.history_part(dossier)})  # fmt: skip

    def history_part(self, dossier):
        """The history as dossier.html reads it, narrowed to this dossier (see site_outputs.Page)."""
        history = self.context.get("sensor_history")
        return {"sensor_history": history.part(dossier_ids=[dossier.id])} if history is not None else {}

    def attachment(self, attachment):
        """An attachment as published: without the metadata its software wrote into it (author, history)."""
        return publish_bytes(attachment.source, Path(self.settings["PATH"]).absolute().parent)

    def all_reports(self):
        """Regular meeting reports and those filed in a dossier, newest first, as (report, dossier)."""
        found = [(r, self.panel.dossier(r.dossier) if r.dossier else None) for r in self.panel.reports]
        for dossier in self.panel.dossiers:
            found += [(d, dossier) for d in dossier.documents if d.kind == "meeting_report"]
        return sorted(found, key=lambda item: item[0].date, reverse=True)

    @functools.cached_property
    def rows(self):
        return exports.recommendation_rows(self.panel.dossiers, self.status_of)

    def advice_json(self):
        metadata = {
            **self.records.settings.export_metadata(self.settings["UI"]["stadspanel"]["open_data"]["dataset_title"]),
            "response_target_days": self.response_days,
            "response_target_decided_in": self.records.settings.response_target_decided_in or None,
        }
        return exports.to_json(self.rows, metadata)

    def feed(self):
        events = [e for d in self.panel.dossiers for e in status.events(d, self.today, self.response_days)]
        return exports.atom_feed(events, self.settings, self.ui, self.records.settings.site_url)


def outputs(records, settings):
    """Every file this plugin writes: the dashboard, dossiers, reports, their attachments, feed and exports."""
    itself = msg("a page of the site itself (Stadspanel data)")
    panel = records.panel
    yield Output("stadspanel/index.html", itself, make=lambda g: g.dashboard(), overview=True)
    for dossier in panel.dossiers:
        folder = Path(dossier.documents[0].path).parent.as_posix() if dossier.documents else ""
        inputs = (dossier, tuple(records.sensors_of(dossier)), tuple(records.stories_of("dossier", dossier.id)))
        yield Output(dossier.save_as, f"dossier {dossier.id}", source=f"{folder}/", make=StadspanelFiles.dossier_page,
                     inputs=inputs)  # fmt: skip
    yield Output(f"stadspanel/{REPORTS_FOLDER}/index.html", itself, overview=True,
                 make=lambda g: Page("verslagen", {"reports": g.all_reports(), **g.common()}))  # fmt: skip
    for report in panel.reports:
        if not report.confidential:
            yield Output(report.save_as, msg("meeting report {path}", path=report.path), source=f"{report.path}:1",
                         make=lambda g, r=report: Page("verslag", {"report": r, **g.common()}))  # fmt: skip
    documents = [d for dossier in panel.dossiers for d in dossier.documents] + list(panel.reports)
    for document in documents:
        for attachment in document.attachments:
            yield Output(attachment.url, msg("an attachment of {path}", path=document.path),
                         source=f"{document.path}:{document.line('attachments')}",
                         make=lambda g, a=attachment: g.attachment(a))  # fmt: skip
    open_data = msg("open data of the Stadspanel")
    # Made of the dossiers alone (and the date and settings, which every output depends on): a register save
    # keeps them as they were (at 10,000 sensors and 1,000 dossiers, ~0.1 s of make serve's save).
    dossiers = (tuple(panel.dossiers),)
    yield Output("open-data/adviezen.csv", open_data, make=lambda g, _dossiers: exports.to_csv(g.rows), inputs=dossiers,
                 overview=True)  # fmt: skip
    yield Output("open-data/adviezen.json", open_data, make=lambda g, _dossiers: g.advice_json(), inputs=dossiers,
                 overview=True)  # fmt: skip
    yield Output(exports.FEED_URL, itself, make=lambda g, _dossiers: g.feed(), inputs=dossiers, overview=True)

