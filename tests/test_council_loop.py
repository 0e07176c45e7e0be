# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Closing the loop with the council: a response's council_url and a milestone of kind council,
shown on the dossier page and exported."""

import csv
import io

import pytest
from conftest import demo_records
from stadspanel.reader import MILESTONE_KINDS


def advice_rows(output):
    text = (output / "open-data/adviezen.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_council_link_and_the_council_milestone_show_on_the_dossier_and_in_the_export(demo_site):
    records = demo_records()
    told = [(d, r) for d in records.panel.dossiers for r in d.responses if r.council_url]
    assert told, "the demo has a response that says where the council was told"
    dossier, response = told[0]
    html = (demo_site / dossier.save_as).read_text(encoding="utf-8")
    assert f'href="{response.council_url}"' in html
    council = [(rec_id, m) for rec_id, a in dossier.answers.items() for m in a.milestones if m.kind == "council"]
    assert council and "Teruggekoppeld aan de raad" in html
    rows = {row["recommendation_id"]: row for row in advice_rows(demo_site) if row["dossier_id"] == dossier.id}
    assert all(row["council_url"] == response.council_url for row in rows.values())
    for recommendation, milestone in council:
        assert rows[recommendation]["council_informed_on"] == (milestone.date.isoformat() if milestone.done else "")


@pytest.mark.parametrize("kind", ["raad", "COUNCIL"])
def test_a_council_milestone_may_be_written_in_dutch_or_any_case(kind):
    assert MILESTONE_KINDS[kind.lower()] == "council"
