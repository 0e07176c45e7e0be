# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Privacy overview: every sensor that processes personal data, on one page and as open data.

Writes `/sensoren/persoonsgegevens/`: per sensor its owner, legal basis, retention period and
DPIA (a link, or "geen DPIA gepubliceerd"), with counts per owner and per legal basis, so
residents see at a glance where a DPIA is missing. The same list is downloadable as
`/open-data/persoonsgegevens.csv` and `.json` (described by `open_data_files(records, settings)`).
"""

import json
from collections import Counter
from dataclasses import dataclass

from editor_files.messages import msg
from site_outputs import Build, Output, Page
from site_outputs.csv_files import csv_text
from site_records import records_for

PAGE_URL = "sensoren/persoonsgegevens/"
DOWNLOAD = "open-data/persoonsgegevens"  # .csv and .json
COLUMNS = (
    "sensor_id",
    "name",
    "owner_organisation",
    "legal_basis",
    "retention_days",
    "dpia_url",
    "privacy_statement_url",
    "personal_data_level",
    "url",
)


def counted(values):
    """[(value, count)], most first, then by name."""
    return sorted(Counter(values).items(), key=lambda item: (-item[1], item[0]))


def open_data_files(records, settings):
    """The CSV and JSON download, described for /open-data/ and the catalogue (collected by open_data)."""
    ui = settings["UI"]["privacy_overview"]
    common = {
        "dataset": "persoonsgegevens",
        "dataset_title": ui["dataset_title"],
        "description": ui["dataset_description"],
        "sources": [records.settings.data_path / "sensors"],
    }
    return [
        {"url": f"{DOWNLOAD}.csv", "title": ui["dataset_title"] + " (CSV)", "format": "CSV",
         "media_type": "text/csv", **common},
        {"url": f"{DOWNLOAD}.json", "title": ui["dataset_title"] + " (JSON)", "format": "JSON",
         "media_type": "application/json", **common},
    ]  # fmt: skip


@dataclass(frozen=True)
class PrivacyRow:
    """One sensor on the overview: the template reads attributes only."""

    sensor: object
    legal_basis_label: str  # "" when not filled in


def state(build):
    return PrivacyOverview(build)


class PrivacyOverview(Build):
    """What the overview's files are made from (its `make`s receive it)."""

    def __init__(self, build):
        super().__init__(*build.parts())
        self.records = records_for(self.settings)
        self.sensors = [s for s in self.records.register.sensors if s.processes_personal_data]

    def label(self, list_name, code):
        return self.records.register.label(list_name, code) if code else ""

    def rows(self):
        site = self.records.settings.site_url
        return [
            {
                "sensor_id": s.sensor_id,
                "name": s.name,
                "owner_organisation": s.owner_organisation,
                "legal_basis": s.legal_basis or "",
                "retention_days": s.retention_days,
                "dpia_url": s.dpia_url or "",
                "privacy_statement_url": s.privacy_statement_url or "",
                "personal_data_level": s.personal_data_level or "",
                "url": f"{site}/{s.url}",
            }
            for s in self.sensors
        ]

    def page(self):
        sensors = self.sensors
        summary = {
            "total": len(self.records.register.sensors),
            "personal": len(sensors),
            "without_dpia": sum(not s.dpia_url for s in sensors),
            "by_owner": [
                (owner, count, sum(1 for s in sensors if s.owner_organisation == owner and not s.dpia_url))
                for owner, count in counted(s.owner_organisation for s in sensors)
            ],
            "by_basis": [
                (self.label("legal_basis", code), count)
                for code, count in counted(s.legal_basis or "" for s in sensors)
            ],
        }
        rows = [PrivacyRow(s, self.label("legal_basis", s.legal_basis)) for s in sensors]
        return Page("privacy_overview", {"rows": rows, "summary": summary, "active_section": "sensoren"})

    def csv(self):
        return csv_text(COLUMNS, [[r[c] for c in COLUMNS] for r in self.rows()])

    def json(self):
        document = {
            "title": self.settings["UI"]["privacy_overview"]["dataset_title"],
            "publisher": self.records.settings.municipality,
            "generated": self.records.settings.today.isoformat(),
            "labels": {"legal_basis": self.records.register.vocabularies.labels()["legal_basis"]},
            "sensors": self.rows(),
        }
        return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False)


def outputs(records, settings):
    """The overview page and its CSV and JSON download."""
    itself = msg("a page of the site itself (personal data overview)")
    yield Output(records.settings.save_as(PAGE_URL), itself, make=lambda g: g.page(), overview=True)
    yield Output(f"{DOWNLOAD}.csv", itself, make=lambda g: g.csv(), overview=True)
    yield Output(f"{DOWNLOAD}.json", itself, make=lambda g: g.json(), overview=True)

