# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""A generated large site for `make bench`: N sensors, D dossiers (advice + response), S stories.

Deterministic (seeded), so two runs build the same pages.
"""

import random
from pathlib import Path

from conftest import copy_project
from sensor_fixtures import csv_text, replace_register, row

TYPES = ["optical_camera", "sound", "climate", "chemical", "density", "flow", "presence", "temperature"]
THEMES = ["air", "sound", "road_rail_traffic", "cycling", "crowding", "safety", "parking", "water"]
STATUSES = ["active"] * 6 + ["planned", "inactive", "removed"]
OWNERS = ["municipality"] * 3 + ["other_government", "company", "knowledge_institution", "resident_initiative"]
STREETS = ["Kerkstraat", "Groest", "Leeuwenstraat", "Larenseweg", "Loosdrechtseweg", "Snelliuslaan", "Oosterengweg"]
WORDS = [
    "de", "gemeente", "meet", "hier", "het", "verkeer", "lucht", "en", "geluid", "zodat", "bewoners", "weten",
    "wat", "er", "gebeurt", "in", "hun", "straat", "wijk", "met", "welke", "sensor", "waarom",
]  # fmt: skip


def generated_rows(count, seed=402):
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        street = rng.choice(STREETS)
        personal = rng.random() < 0.2
        values = row(
            sensor_id=f"GEN-{number:05d}",
            name=f"Sensor {street} {number}",
            summary=" ".join(rng.choice(WORDS) for _ in range(20)).capitalize() + ".",
            status=rng.choice(STATUSES),
            sensor_type=rng.choice(TYPES),
            themes="|".join(rng.sample(THEMES, rng.randint(1, 2))),
            owner_type=rng.choice(OWNERS),
            processes_personal_data="yes" if personal else "no",
            legal_basis="public_task" if personal else "",
            privacy_statement_url="https://www.hilversum.nl/privacy" if personal else "",
            purpose=f"Meten voor beleid rond {street}",
            latitude=f"{rng.uniform(52.19, 52.25):.5f}",
            longitude=f"{rng.uniform(5.13, 5.21):.5f}",
            location_description=f"{street} {rng.randint(1, 200)}",
        )
        rows.append(values)
    return rows


def write_dossiers(project, count, sensor_count):
    """N dossiers, each an advice with three recommendations and a response to two of them."""
    root = project / "content" / "stadspanel"
    rng = random.Random(7)
    for number in range(count):
        folder = root / f"gen-{number:05d}"
        folder.mkdir(parents=True)
        recommendations = "".join(
            f'  - {{id: A{i}, text: "Aanbeveling {i} bij dossier {number}"}}\n' for i in (1, 2, 3)
        )
        sensors = ", ".join(f"GEN-{rng.randrange(sensor_count):05d}" for _ in range(2)) if sensor_count else ""
        text = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(60)) for _ in range(4))
        (folder / "advies.md").write_text(
            f"---\ntitle: Dossier {number}\nkind: advice\ndate: 2025-01-06\nconfidential: false\n"
            f"sensors: [{sensors}]\nrecommendations:\n{recommendations}---\n{text}\n",
            encoding="utf-8",
        )
        answers = "".join(
            f"  - {{recommendation: A{i}, decision: adopted, implement_by: 2027-01-01, status: planned}}\n"
            for i in (1, 2)
        )
        (folder / "reactie.md").write_text(
            f"---\ntitle: Reactie {number}\nkind: response\ndate: 2025-02-03\nconfidential: false\n"
            f"answers:\n{answers}---\n{text}\n",
            encoding="utf-8",
        )


def write_stories(project, count):
    folder = project / "content" / "verhalen"
    rng = random.Random(11)
    for number in range(count):
        text = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(80)) for _ in range(5))
        (folder / f"gen-{number:03d}.md").write_text(
            f"Title: Verhaal {number}\nDate: 2025-03-{number % 28 + 1:02d}\nSlug: gen-{number:03d}\n"
            f"Summary: Een gegenereerd verhaal.\n\n## Wat er gebeurde\n\n{text}\n",
            encoding="utf-8",
        )


def make_project(folder, sensors, dossiers=0, stories=0):
    """A copy of this project with a generated register, dossiers and stories."""
    project = copy_project(Path(folder))
    replace_register(project, csv_text(generated_rows(sensors)))
    write_dossiers(project, dossiers, sensors)
    write_stories(project, stories)
    return project


def page_count(output):
    return sum(1 for _ in Path(output).rglob("*.html"))
