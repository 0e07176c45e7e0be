"""Stadspanel data: advice dossiers, the municipality's response to every recommendation,
a response clock, meeting reports and confidential stubs.

The documents (content/stadspanel/<dossier>/*.md and content/stadspanel/verslagen/*.md) are
read and validated with everything else by `site_records`; drafts and hidden documents are
dropped as soon as their front matter is read: they leave no trace.

Writes /stadspanel/, a page per dossier at DOSSIER_URL (with its attachments beside it),
/stadspanel/verslagen/ (+ a page per public report), /stadspanel/feed.atom and
/open-data/adviezen.csv|json.
"""

from pathlib import Path

from editor_files.messages import translate
from pelican import signals
from pelican.generators import Generator
from publication_safety.attachments import publish as publish_attachment
from site_records import records_for

from . import exports, status, views
from .panel import REPORTS_FOLDER, load_panel
from .records import DOSSIER_STATUSES
from .schema import ANSWER_FACTS

__all__ = ["load_panel"]


def open_data_files(records, settings):
    """The advice exports and the feed, described for /open-data/ and the catalogue (collected by open_data)."""
    return exports.open_data_files(settings["UI"]["stadspanel"])


class StadspanelGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.records = None
        self.panel = None

    def generate_context(self):
        self.records = records_for(self.settings)
        self.panel = self.records.panel
        self.today = self.records.settings.today
        self.response_days = self.records.settings.response_days
        self.ui = self.settings["UI"]["stadspanel"]
        self.views = {}  # dossier id: views.DossierView, built in generate_output (stories link in between)

    # --- what templates read ---

    def status_of(self, dossier):
        return self.views[dossier.id].status

    def sensors_geometry(self, sensors):
        register = self.records.register
        geometries = [g for g in (register.geometry(s) for s in sensors) if g]
        return {"type": "GeometryCollection", "geometries": geometries} if geometries else None

    def common(self):
        return {
            "panel": self.panel,
            "today": self.today,
            "response_target": self.records.settings.response_target,
            "response_days": self.response_days,
            "response_target_decided_in": self.records.settings.response_target_decided_in,
            "woo_grounds": self.panel.woo_grounds,
            "attachment_sizes": views.attachment_sizes(self.panel, self.ui),
            "stadspanel_feed": exports.FEED_URL,
            "active_section": "stadspanel",
        }

    # --- output ---

    def generate_output(self, writer):
        self.views = views.dossier_views(self.records)
        common = self.common()
        dossiers = self.panel.dossiers
        years = sorted({d.started_on.year for d in dossiers}, reverse=True)
        used_statuses = [s for s in DOSSIER_STATUSES if any(self.status_of(d) == s for d in dossiers)]
        writer.write_file(
            "stadspanel/index.html",
            self.get_template("stadspanel"),
            self.context,
            dashboard=status.dashboard(dossiers, self.today, self.response_days),
            years=years,
            statuses=used_statuses,
            dossier_views=[self.views[d.id] for d in dossiers],
            **common,
        )
        dossier_template = self.get_template("dossier")
        for dossier in dossiers:
            sensors = self.records.sensors_of(dossier)
            writer.write_file(
                dossier.save_as,
                dossier_template,
                self.context,
                dossier=dossier,
                view=self.views[dossier.id],
                events=status.events(dossier, self.today, self.response_days),
                sensors=sensors,
                sensors_geometry=self.sensors_geometry(sensors) if sensors else None,
                overdue=status.overdue_answers(dossier, self.today),
                answer_facts=ANSWER_FACTS,
                **common,
            )
        reports = self.all_reports()
        writer.write_file(
            f"stadspanel/{REPORTS_FOLDER}/index.html",
            self.get_template("verslagen"),
            self.context,
            reports=reports,
            **common,
        )
        for report in self.panel.reports:
            if not report.confidential:
                writer.write_file(
                    report.save_as,
                    self.get_template("verslag"),
                    self.context,
                    report=report,
                    **common,
                )
        self.write_files()
        self.copy_attachments()

    def copy_attachments(self):
        """Each attachment beside its page, without the metadata its software wrote into it (author, history)."""
        output = Path(self.output_path)
        root = Path(self.settings["PATH"]).absolute().parent
        documents = [d for dossier in self.panel.dossiers for d in dossier.documents] + self.panel.reports
        for attachment in (a for d in documents for a in d.attachments):
            publish_attachment(attachment.source, output / attachment.url, root)

    def all_reports(self):
        """Regular meeting reports and those filed in a dossier, newest first, as (report, dossier)."""
        found = [(r, self.panel.dossier(r.dossier) if r.dossier else None) for r in self.panel.reports]
        for dossier in self.panel.dossiers:
            found += [(d, dossier) for d in dossier.documents if d.kind == "meeting_report"]
        return sorted(found, key=lambda item: item[0].date, reverse=True)

    def write_files(self):
        output = Path(self.output_path)
        rows = exports.recommendation_rows(self.panel.dossiers, self.status_of)
        (output / "open-data").mkdir(parents=True, exist_ok=True)
        (output / "open-data" / "adviezen.csv").write_text(exports.to_csv(rows), encoding="utf-8")
        metadata = {
            **self.records.settings.export_metadata(self.settings["UI"]["stadspanel"]["open_data"]["dataset_title"]),
            "response_target_days": self.response_days,
            "response_target_decided_in": self.records.settings.response_target_decided_in or None,
        }
        (output / "open-data" / "adviezen.json").write_text(exports.to_json(rows, metadata), encoding="utf-8")
        events = [e for d in self.panel.dossiers for e in status.events(d, self.today, self.response_days)]
        feed = exports.atom_feed(events, self.settings, self.ui, self.records.settings.site_url)
        (output / exports.FEED_URL).write_text(feed, encoding="utf-8")


def output_paths(records, settings):
    """{file this plugin writes: whose it is}, so that no page can take its place (make check and the build)."""
    itself = translate("a page of the site itself (Stadspanel data)")
    paths = {"stadspanel/index.html": itself, f"stadspanel/{REPORTS_FOLDER}/index.html": itself,
             exports.FEED_URL: itself}  # fmt: skip
    paths.update({url: translate("open data of the Stadspanel") for url, _kind, _type in exports.FILES})
    for dossier in records.panel.dossiers:
        folder = Path(dossier.documents[0].path).parent.as_posix() if dossier.documents else ""
        paths[dossier.save_as] = f"dossier {dossier.id} ({folder}/)"
    for report in records.panel.reports:
        if not report.confidential:
            paths[report.save_as] = translate(f"meeting report {report.path}")
    return paths


def get_generators(pelican):
    return StadspanelGenerator


def register():
    signals.get_generators.connect(get_generators)
