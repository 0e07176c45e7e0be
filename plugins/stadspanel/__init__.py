"""Stadspanel data: advice dossiers, the municipality's response to every recommendation,
a response clock, meeting reports and confidential stubs.

Reads content/stadspanel/<dossier>/*.md and content/stadspanel/verslagen/*.md (YAML front
matter, Markdown body), validates everything (also against the sensor register in the context)
and fails the build with every problem listed before anything is written. Drafts and hidden
documents are dropped as soon as their front matter is read: they leave no trace.

Writes /stadspanel/, /stadspanel/<dossier>/, /stadspanel/verslagen/ (+ a page per public
report), /stadspanel/feed.atom and /open-data/adviezen.csv|json. For other plugins it puts
`dossier_index` ({id: {title, url}}) and `dossiers_by_sensor` ({sensor id: [dossier ids]})
in the context.
"""

import datetime
import sys
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from . import exports, status
from .panel import REPORTS_FOLDER, load_panel
from .records import DOSSIER_STATUSES

__all__ = ["load_panel", "validate_sources"]


class StadspanelError(Exception):
    exitcode = 1


def _settings_paths(settings):
    content = Path(settings["PATH"])
    return content / "stadspanel", content.parent


def validate_sources(settings):
    """For `make check`: every problem in the Stadspanel documents (checked against the register)."""
    from sensor_register import load_register

    folder, root = _settings_paths(settings)
    data_path = Path(settings.get("DATA_PATH") or root / "data")
    register, _register_problems = load_register(data_path, settings["MUNICIPALITY_BBOX"], root=root)
    _panel, problems = load_panel(folder, root, settings["STADSPANEL_THEMES"], register)
    return list(problems)


class StadspanelGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = self.settings.get("STADSPANEL_TODAY") or self.settings.get("BUILD_DATE") or datetime.date.today()
        self.response_days = int(self.settings.get("RESPONSE_DAYS", 56))
        self.panel = None

    def generate_context(self):
        folder, root = _settings_paths(self.settings)
        panel, problems = load_panel(
            folder, root, self.settings["STADSPANEL_THEMES"], self.context.get("sensor_register")
        )
        if problems:
            print("\n".join(problems), file=sys.stderr, flush=True)
            raise StadspanelError(
                f"The Stadspanel documents have {len(problems)} problem(s), listed above; nothing was published."
            )
        self.panel = panel
        self.context["dossier_index"] = {d.id: {"title": d.title, "url": f"stadspanel/{d.id}/"} for d in panel.dossiers}
        by_sensor = {}
        for dossier in panel.dossiers:
            for sensor_id in dossier.sensors:
                by_sensor.setdefault(sensor_id, []).append(dossier.id)
        self.context["dossiers_by_sensor"] = by_sensor
        self.context.setdefault("open_data_files", []).extend(exports.OPEN_DATA_FILES)

    # --- what templates read ---

    def status_of(self, dossier):
        return status.dossier_status(dossier, self.today, self.response_days)

    def dossier_sensors(self, dossier):
        """Sensors named in the documents or naming the dossier in the register (linked both ways)."""
        register = self.context.get("sensor_register")
        if register is None:
            return []
        named = set(dossier.sensors)
        return [s for s in register.sensors if s.sensor_id in named or dossier.id in s.related_advice]

    def sensors_geometry(self, sensors):
        register = self.context["sensor_register"]
        geometries = [g for g in (register.geometry(s) for s in sensors) if g]
        return {"type": "GeometryCollection", "geometries": geometries} if geometries else None

    def common(self):
        return {
            "panel": self.panel,
            "status_of": self.status_of,
            "today": self.today,
            "response_due": lambda d: status.response_due(d, self.response_days),
            "days_to_response": status.days_to_response,
            "unanswered": status.unanswered,
            "stadspanel_feed": "stadspanel/feed.atom",
            "active_section": "stadspanel",
        }

    # --- output ---

    def generate_output(self, writer):
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
            **common,
        )
        dossier_template = self.get_template("dossier")
        for dossier in dossiers:
            sensors = self.dossier_sensors(dossier)
            writer.write_file(
                f"stadspanel/{dossier.id}/index.html",
                dossier_template,
                self.context,
                dossier=dossier,
                events=status.events(dossier, self.today, self.response_days),
                sensors=sensors,
                sensors_geometry=self.sensors_geometry(sensors) if sensors else None,
                overdue=status.overdue_answers(dossier, self.today),
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
                    f"stadspanel/{REPORTS_FOLDER}/{report.slug}/index.html",
                    self.get_template("verslag"),
                    self.context,
                    report=report,
                    **common,
                )
        self.write_files()

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
            "title": "Adviezen van het Stadspanel data en reacties van de gemeente",
            "publisher": self.settings.get("MUNICIPALITY", ""),
            "generated": self.today.isoformat(),
            "example_data": bool(self.settings.get("EXAMPLE_DATA_NOTICE")),
            "licence": "CC0-1.0",
            "response_days": self.response_days,
        }
        (output / "open-data" / "adviezen.json").write_text(exports.to_json(rows, metadata), encoding="utf-8")
        events = [e for d in self.panel.dossiers for e in status.events(d, self.today, self.response_days)]
        feed = exports.atom_feed(events, self.settings, self.settings["UI"]["stadspanel"])
        (output / "stadspanel" / "feed.atom").write_text(feed, encoding="utf-8")


def get_generators(pelican):
    return StadspanelGenerator


def register():
    signals.get_generators.connect(get_generators)
