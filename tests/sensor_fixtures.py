# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Small registers written on the fly for the sensor register tests."""

import shutil
from pathlib import Path

from conftest import ROOT

BBOX = {"south": 52.17, "west": 5.10, "north": 52.27, "east": 5.24}

VALID_ROW = {
    "sensor_id": "HLV-T-001",
    "name": "Testsensor Kerkstraat",
    "summary": "Een sensor om mee te testen.",
    "status": "active",
    "sensor_type": "density",
    "measures": "Aantal voetgangers",
    "purpose": "Testen",
    "themes": "crowding",
    "owner_organisation": "Gemeente Hilversum",
    "owner_type": "municipality",
    "contact_email": "sensoren@hilversum.example.nl",
    "processes_personal_data": "no",
    "location_type": "fixed",
    "active_from": "2024-01-15",
    "latitude": "52.2256",
    "longitude": "5.1769",
}


def row(**changes):
    values = dict(VALID_ROW)
    values.update(changes)
    return values


def csv_text(rows, delimiter=",", columns=None):
    """Rows as CSV text; values containing the delimiter or quotes are quoted like Excel does."""
    columns = columns or list(rows[0])

    def cell(value):
        value = str(value)
        if delimiter in value or '"' in value or "\n" in value:
            return '"' + value.replace('"', '""') + '"'
        return value

    lines = [delimiter.join(columns)]
    lines += [delimiter.join(cell(r.get(c, "")) for c in columns) for r in rows]
    return "\n".join(lines) + "\n"


def data_dir(tmp_path, files):
    """A data/ folder with the real vocabularies and the given sensor files (text or bytes)."""
    data = Path(tmp_path) / "data"
    (data / "sensors").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "vocabularies.yml", data / "vocabularies.yml")
    for name, content in files.items():
        target = data / "sensors" / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return data


def remove_stories(project):
    """The demo stories name demo sensors, layers and datasets: a project that replaces those drops them."""
    for story in (Path(project) / "content" / "verhalen").glob("*.md"):
        story.unlink()


def replace_register(project, text, name="register.csv"):
    """Give a project copy its own register; the demo dossiers, measurements, residents' reports and stories
    (which name demo sensors) go too."""
    project = Path(project)
    for old in (project / "data" / "sensors").glob("*.csv"):
        old.unlink()
    for dossier in (project / "content" / "stadspanel").iterdir():
        if dossier.is_dir():
            shutil.rmtree(dossier)
    shutil.rmtree(project / "data" / "metingen", ignore_errors=True)
    shutil.rmtree(project / "data" / "meldingen", ignore_errors=True)
    remove_stories(project)
    (project / "data" / "sensors" / name).write_text(text, encoding="utf-8")
