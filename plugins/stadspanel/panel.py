"""All Stadspanel documents: one folder per dossier, regular meeting reports in verslagen/."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from content_check import editor_path

from .reader import DocumentReader, Problems, did_you_mean, parse_yaml, render_markdown, split_front_matter
from .records import Dossier

REPORTS_FOLDER = "verslagen"
DOSSIER_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass
class Panel:
    intro_title: str
    intro_html: str
    dossiers: list[Dossier]
    reports: list = field(default_factory=list)  # meeting reports of regular meetings (public and stubs)

    def dossier(self, dossier_id):
        return next((d for d in self.dossiers if d.id == dossier_id), None)


def read_intro(path, root, problems):
    if not path.exists():
        return "Stadspanel data", ""
    shown = editor_path(path, root)
    parts = split_front_matter(path.read_text(encoding="utf-8"), shown, problems)
    if parts is None:
        return "Stadspanel data", ""
    data, _lines = parse_yaml(parts[0], shown, problems)
    return str((data or {}).get("title") or "Stadspanel data"), render_markdown(parts[1])


def load_panel(folder, root, themes, sensor_register=None):
    """Read and validate everything; returns (Panel or None, problems as text lines)."""
    folder, problems = Path(folder), Problems()
    intro_title, intro_html = read_intro(folder / "index.md", root, problems)
    check_stray_files(folder, root, problems)
    dossiers, reports, unreadable = [], [], set()
    for subfolder in sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []:
        documents = []
        for path in sorted(subfolder.glob("*.md")):
            document = DocumentReader(path, editor_path(path, root), problems, themes).read()
            if document is None:
                unreadable.add(subfolder.name)
            elif document != "unpublished":
                documents.append(document)
        if subfolder.name == REPORTS_FOLDER:
            reports = sorted(documents, key=lambda d: d.date or 0, reverse=True)
            continue
        shown = editor_path(subfolder, root)
        if not DOSSIER_ID.match(subfolder.name):
            problems.add(
                shown,
                1,
                "folder",
                f"'{subfolder.name}' cannot be a dossier id",
                "use lower-case letters, digits and -, e.g. druktemeter",
            )
        if documents:
            dossiers.append(Dossier(subfolder.name, sorted(documents, key=lambda d: (d.date, d.kind))))
    # A dossier with an unreadable file is checked as a whole once that file is fixed.
    check_dossiers([d for d in dossiers if d.id not in unreadable], reports, problems)
    if sensor_register is not None:
        check_sensors(dossiers, sensor_register, {d.id for d in dossiers} | unreadable, problems)
    if problems:
        return None, problems
    dossiers.sort(key=lambda d: d.started_on, reverse=True)
    return Panel(intro_title, intro_html, dossiers, reports), []


def check_stray_files(folder, root, problems):
    """Files the site would silently skip: Markdown outside a folder, and anything not Markdown."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name != "index.md":
            problems.add(editor_path(path, root), 1, "file", "is not in a dossier folder or verslagen/",
                         "move it into content/stadspanel/<dossier-id>/ or content/stadspanel/verslagen/")  # fmt: skip
    for path in sorted(folder.glob("*/*")):
        if path.suffix.lower() != ".md":
            problems.add(editor_path(path, root), 1, "file", "is not a Markdown document and is not published",
                         "attachments are not supported; remove it (the repository is public)")  # fmt: skip


def check_dossiers(dossiers, reports, problems):
    ids = {d.id for d in dossiers}
    for dossier in dossiers:
        for document in dossier.documents:
            if document.dossier and document.dossier != dossier.id:
                problems.add(
                    document.path,
                    document.line("dossier"),
                    "dossier",
                    f"'{document.dossier}' differs from the folder '{dossier.id}'",
                    "leave 'dossier' out: the folder says which dossier it is",
                )
        for kind in ("request", "advice"):
            if len(dossier.of_kind(kind)) > 1:
                problems.add(
                    dossier.of_kind(kind)[1].path,
                    dossier.of_kind(kind)[1].line("kind"),
                    "kind",
                    f"a dossier has one {kind}, this is the second",
                    "put a new question in a new dossier folder",
                )
        if not dossier.of_kind("request") and not dossier.of_kind("advice"):
            problems.add(
                dossier.documents[0].path,
                1,
                "kind",
                f"dossier '{dossier.id}' has no request and no advice",
                "a dossier starts with a request (adviesverzoek) or an advice",
            )
        recommendation_ids = {r.id for r in dossier.recommendations}
        for response in dossier.of_kind("response"):
            if response.confidential:
                continue
            if dossier.advice is None:
                problems.add(response.path, 1, "kind", "a response needs an advice in the same dossier")
                continue
            for index, answer in enumerate(response.answers):
                if answer.recommendation and answer.recommendation not in recommendation_ids:
                    line = response.line("answers", index, "recommendation")
                    problems.add(
                        response.path,
                        line,
                        f"answers.{index}.recommendation",
                        f"'{answer.recommendation}' is not a recommendation of the advice",
                        did_you_mean(answer.recommendation, recommendation_ids),
                    )
    for report in reports:
        if report.kind != "meeting_report":
            problems.add(
                report.path,
                report.line("kind"),
                "kind",
                f"'{report.kind}' does not belong in verslagen/",
                "only meeting_report; other documents go in their dossier folder",
            )
        if report.dossier and report.dossier not in ids:
            problems.add(
                report.path,
                report.line("dossier"),
                "dossier",
                f"'{report.dossier}' is not a dossier",
                did_you_mean(report.dossier, ids),
            )


def check_sensors(dossiers, sensor_register, dossier_ids, problems):
    """Sensor ids in documents exist; dossier ids in the register (related_advice) exist."""
    sensor_ids = {s.sensor_id for s in sensor_register.sensors}
    for dossier in dossiers:
        for document in dossier.documents:
            for sensor_id in document.sensors:
                if sensor_id not in sensor_ids:
                    problems.add(
                        document.path,
                        document.line("sensors"),
                        "sensors",
                        f"'{sensor_id}' is not in the sensor register",
                        did_you_mean(sensor_id, sensor_ids),
                    )
    for sensor in sensor_register.sensors:
        for dossier_id in sensor.related_advice:
            if dossier_id not in dossier_ids:
                problems.add(
                    sensor.source_path,
                    sensor.source_line,
                    "related_advice",
                    f"'{dossier_id}' is not a Stadspanel dossier",
                    did_you_mean(dossier_id, dossier_ids),
                )
