# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The Stadspanel documents as a record kind (see site_records.kinds): content/stadspanel/**.md, by dossier."""

from editor_files.messages import msg
from editor_files.problems import Problem, did_you_mean
from site_records.kinds import Link, RecordKind

from .panel import load_panel
from .schema import DOSSIER_URL, REPORT_URL
from .woo import load_woo_grounds


def load(site, _before):
    woo_grounds, problems = load_woo_grounds(site.data_path / "vocabularies.yml", site.root)
    panel, panel_problems = load_panel(site.content_path / "stadspanel", site.root, site.panel_themes, site.today,
                                       site.pages["dossier"], site.pages["report"], woo_grounds)  # fmt: skip
    return panel, problems + panel_problems


def named_sensors(panel):
    """A document's `sensors` link its dossier to them."""
    for dossier in panel.dossiers:
        for document in dossier.documents:
            if document.sensors:
                yield dossier.id, document.path, document.line("sensors"), document.sensors


def unknown_sensor(path, line, sensor_id, known):
    return Problem(path, line, "sensors", msg("'{sensor_id}' is not in the sensor register", sensor_id=sensor_id),
                   did_you_mean(sensor_id, known))  # fmt: skip


RECORD_KIND = RecordKind(
    name="dossier",
    attribute="panel",
    load=load,
    ids=lambda panel: (d.id for d in panel.dossiers),
    pages={"dossier": DOSSIER_URL, "report": REPORT_URL},
    links=(Link("register", named_sensors, unknown_sensor),),
)
