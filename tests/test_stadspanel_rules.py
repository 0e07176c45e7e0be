# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Stadspanel: every validation rule, every status rule and the dashboard figures."""

import datetime
import re

import pytest
import yaml
from conftest import ROOT
from stadspanel import load_panel
from stadspanel.status import dashboard, dossier_status, events
from stadspanel.woo import load_woo_grounds

THEMES = {"privacy": "Digitale privacy", "ethics": "Digitale ethiek", "security": "Dataveiligheid"}
WOO_GROUNDS, _ = load_woo_grounds(ROOT / "data" / "vocabularies.yml", ROOT)
D = datetime.date
PDF = b"%PDF-1.4\n%voorbeeld\n"
ODT = b"PK\x03\x04" + bytes(26) + b"mimetypeapplication/vnd.oasis.opendocument.text"


def write(folder, name, front, body="Tekst.\n"):
    """A document: a dict becomes YAML front matter; a string is written as is."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (
        front
        if isinstance(front, str)
        else "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body
    )
    (folder / name).write_text(text, encoding="utf-8")


def request(**extra):
    return {"title": "Adviesverzoek", "kind": "request", "date": D(2025, 1, 6), "confidential": False, **extra}


ADVICE_DATE = D(2025, 2, 3)
RESPONSE_DATE = D(2025, 3, 3)


def advice(ids=("A1", "A2"), date=ADVICE_DATE, **extra):
    recommendations = [{"id": i, "text": f"Aanbeveling {i}"} for i in ids]
    return {
        "title": "Advies",
        "kind": "advice",
        "date": date,
        "confidential": False,
        "recommendations": recommendations,
        **extra,
    }


def answer(recommendation, decision="adopted", status="planned", **extra):
    values = {"recommendation": recommendation, "decision": decision, "status": status}
    if decision == "adopted":
        values["implement_by"] = D(2026, 6, 30)
    if decision in ("partly_adopted", "not_adopted"):
        values["rationale"] = "Omdat het niet kan."
    return {**values, **extra}


def no_advice(**extra):
    return {"title": "Geen advies", "kind": "no_advice", "date": D(2025, 2, 10), "confidential": False,
            "reason": "Valt buiten de thema's van het panel.", **extra}  # fmt: skip


NOTE_DATE = D(2025, 1, 20)


def note(date=NOTE_DATE, **extra):
    return {"title": "Gespreksnotitie", "kind": "conversation_note", "date": date, "confidential": False, **extra}


def report(**extra):
    return {"title": "Verslag", "kind": "meeting_report", "date": D(2025, 4, 1), "confidential": False, **extra}


def stub(**extra):
    return {"kind": "meeting_report", "date": D(2025, 4, 1), "confidential": True, "reason": "Lopend onderzoek",
            "woo_ground": "5.1.2c", "review_on": D(2026, 4, 1), **extra}  # fmt: skip


def response(answers, date=RESPONSE_DATE):
    return {"title": "Reactie", "kind": "response", "date": date, "confidential": False, "answers": answers}


def shown(problem):
    """What an editor reads (Dutch) and the code's own words: a rule's test may name either."""
    return f"{problem}\n{problem.in_english()}"


def load(tmp_path, today=None):
    return load_panel(tmp_path / "stadspanel", tmp_path, THEMES, today, woo_grounds=WOO_GROUNDS)


def problems(tmp_path):
    panel, found = load(tmp_path)
    assert panel is None
    return [shown(p) for p in found]


def dossier(tmp_path, name="casus", today=None):
    panel, found = load(tmp_path, today)
    assert found == []
    return panel.dossier(name)


# --- validation rules ---


def test_a_valid_dossier_reads_with_no_problems(tmp_path):
    folder = tmp_path / "stadspanel" / "casus"
    write(folder, "1-verzoek.md", request())
    write(folder, "2-advies.md", advice())
    write(folder, "3-reactie.md", response([answer("A1"), answer("A2", "not_adopted", "dropped")]))
    found = dossier(tmp_path)
    assert [d.kind for d in found.documents] == ["request", "advice", "response"]
    assert set(found.answers) == {"A1", "A2"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: X\nkind: advice\n", "1: front matter: is niet afgesloten"),
        ("title: X\n", "1: front matter: ontbreekt"),
        (
            "---\ntitle: X\nkind: request\ndate: 2025-01-01\nconfidential: true\n--- \nTekst\n",
            "6: front matter: achter de afsluitende '---' staan spaties",
        ),
        ("---\ntitle: [X\nkind: request\n---\n", "front matter: is geen geldige YAML"),
        ("---\ntitle: X\nkind: request\ndate: 2025-01-01\n---\n", "front matter: 'confidential' ontbreekt"),
        (
            "---\ntitle: X\nkind: request\ndate: 2025-01-01\nconfidential: misschien\n---\n",
            "5: confidential: 'misschien' is geen ja of nee",
        ),
        (
            "---\ntitle: X\nkind: request\ndate: 2025-01-01\nconfidential: on\n---\n",
            "confidential: 'on' is geen ja of nee",
        ),
        (
            "---\ntitle: X\nkind: verzoek\ndate: 2025-01-01\nconfidential: false\n---\n",
            "3: kind: 'verzoek' is geen soort document (bedoelt u 'request'?)",
        ),
        (
            "---\ntitle: X\nkind: request\ndate: 2025-13-01\nconfidential: false\n---\n",
            "4: date: '2025-13-01' is geen datum",
        ),
        (
            "---\ntitle: X\nkind: request\ndate: 2025-01-01\nconfidential: false\nsumary: x\n---\n",
            "6: sumary: is geen bekende instelling (bedoelt u 'summary'?)",
        ),
        (
            "---\ntitle: X\nkind: request\ndate: 2025-01-01\nconfidential: false\nthemes: [privacyy]\n---\n",
            "themes: 'privacyy' is geen thema (bedoelt u 'privacy'?)",
        ),
        ("---\nkind: request\ndate: 2025-01-01\nconfidential: false\n---\n", "title: ontbreekt"),
    ],
)
def test_front_matter_rules(tmp_path, text, expected):
    write(tmp_path / "stadspanel" / "casus", "verzoek.md", text)
    found = problems(tmp_path)
    assert any(p.startswith("stadspanel/casus/verzoek.md:") and expected in p for p in found), found


def test_dutch_ja_and_nee_are_accepted(tmp_path):
    folder = tmp_path / "stadspanel" / "casus"
    write(folder, "verzoek.md", "---\ntitle: X\nkind: request\ndate: 2025-01-01\nconfidential: nee\n---\nTekst\n")
    write(
        folder,
        "verslag.md",
        "---\nkind: meeting_report\ndate: 2025-02-01\nconfidential: ja\nreason: Lopend "
        "onderzoek\nwoo_ground: 5.1.2c\nreview_on: 2026-02-01\n---\n",
    )
    found = dossier(tmp_path)
    assert [d.confidential for d in found.documents] == [False, True]


@pytest.mark.parametrize(
    ("extra", "body", "expected"),
    [
        ({}, "Geheime tekst\n", "front matter: a confidential document has text under its settings"),
        ({"title": "Geheim overleg"}, "", "title: is not allowed in a confidential document"),
        ({"attachments": ["notulen.pdf"]}, "", "attachments: is not allowed in a confidential document"),
        ({"reason": None}, "", "reason: is missing"),
        ({"woo_ground": None}, "", "front matter: 'woo_ground' is missing"),
        ({"woo_ground": "5.1.2z"}, "", "woo_ground: '5.1.2z' is not a Woo ground"),
        ({"withheld": [{"id": "W1", "woo_ground": "5.1.2c"}]}, "", "withheld: is not allowed in a confidential"),
    ],
)
def test_a_confidential_file_with_text_title_or_attachments_fails_naming_the_file(tmp_path, extra, body, expected):
    folder = tmp_path / "stadspanel" / "casus"
    write(folder, "1-verzoek.md", request())
    stub = {
        "kind": "meeting_report",
        "date": D(2025, 2, 1),
        "confidential": True,
        "reason": "Lopend onderzoek",
        "woo_ground": "5.1.2c",
        "review_on": D(2026, 2, 1),
        **extra,
    }
    write(folder, "2-verslag.md", {k: v for k, v in stub.items() if v is not None}, body)
    found = problems(tmp_path)
    assert any(p.startswith("stadspanel/casus/2-verslag.md:") and expected in p for p in found), found


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ([answer("A1"), answer("A3")], "answers.1.recommendation: 'A3' is geen aanbeveling uit het advies"),
        (
            [answer("A1", "not_adopted", "dropped", rationale="")],
            "answers.0.rationale: ontbreekt bij een aanbeveling",
        ),
        ([answer("A1", "partly_adopted", rationale="")], "rationale: ontbreekt bij een aanbeveling die partly_adopted is"),
        (
            [{"recommendation": "A1", "decision": "adopted", "status": "planned"}],
            "implement_by: ontbreekt bij een overgenomen aanbeveling",
        ),
        ([answer("A1", "overgenomen")], "decision: 'overgenomen' is geen bekende code"),
        ([answer("A1", status="klaar")], "status: 'klaar' is geen bekende code"),
        ([answer("A1", progress=120)], "progress: '120' is geen percentage"),
        ([answer("A1", milestones=[{"date": "morgen", "text": "x"}])], "milestones.0.date: 'morgen' is geen datum"),
        ([answer("A1", how_far="x")], "how_far: is geen bekende instelling"),
    ],
)
def test_response_rules(tmp_path, answers, expected):
    folder = tmp_path / "stadspanel" / "casus"
    write(folder, "1-advies.md", advice())
    write(folder, "2-reactie.md", response(answers))
    found = problems(tmp_path)
    assert any(p.startswith("stadspanel/casus/2-reactie.md:") and expected in p for p in found), found


def test_problem_lines_point_at_the_field(tmp_path):
    folder = tmp_path / "stadspanel" / "casus"
    write(folder, "1-advies.md", advice())
    write(folder, "2-reactie.md", response([answer("A1"), answer("A9")]))
    lines = (folder / "2-reactie.md").read_text().splitlines()
    expected_line = next(n for n, line in enumerate(lines, 1) if "A9" in line)
    assert f"stadspanel/casus/2-reactie.md:{expected_line}: answers.1.recommendation" in problems(tmp_path)[0]


def test_duplicate_recommendation_ids_and_dossier_rules(tmp_path):
    write(tmp_path / "stadspanel" / "dubbel", "advies.md", advice(ids=("A1", "A1")))
    write(tmp_path / "stadspanel" / "los", "reactie.md", response([answer("A1")]))
    write(
        tmp_path / "stadspanel" / "verslagen",
        "notitie.md",
        {"title": "Notitie", "kind": "conversation_note", "date": D(2025, 1, 1), "confidential": False},
    )
    found = problems(tmp_path)
    assert any("dubbel/advies.md" in p and "'A1' is used twice" in p for p in found)
    assert any("los/reactie.md" in p and "has no request, advice or conversation note" in p for p in found)
    assert any("verslagen/notitie.md" in p and "does not belong in verslagen/" in p for p in found)


def test_sensor_ids_must_exist_in_the_register_and_back(tmp_path):
    from sensor_fixtures import BBOX, csv_text, data_dir, row
    from sensor_register import load_register
    from site_records import link_records
    from site_records.kinds import registered

    data = data_dir(tmp_path, {"a.csv": csv_text([row(related_advice="onbekend-dossier")])})
    register, _ = load_register(data, BBOX, root=tmp_path)
    write(tmp_path / "stadspanel" / "casus", "verzoek.md", request(sensors=["HLV-T-001", "HLV-T-002"]))
    panel, _ = load_panel(tmp_path / "stadspanel", tmp_path, THEMES)
    kinds = registered({"RECORD_KINDS": ["sensor_register.kind", "stadspanel.kind"]})
    _links, found = link_records(kinds, {"register": register, "panel": panel})
    found = [shown(p) for p in found]
    assert any("casus/verzoek.md" in p and "sensors: 'HLV-T-002' staat niet in het sensorregister" in p for p in found)
    assert any(
        p.startswith("data/sensors/a.csv:2: related_advice: 'onbekend-dossier' is geen dossier van het Stadspanel")
        for p in found
    )


def test_all_problems_of_all_files_in_one_run(tmp_path):
    write(tmp_path / "stadspanel" / "een", "a.md", "---\ntitle: X\n")
    write(tmp_path / "stadspanel" / "twee", "b.md", request(confidential="soms"))
    write(tmp_path / "stadspanel" / "verslagen", "c.md", "geen front matter\n")
    assert len(problems(tmp_path)) == 3


def test_drafts_and_hidden_documents_are_dropped_before_validation(tmp_path):
    folder = tmp_path / "stadspanel" / "casus"
    write(folder, "1-verzoek.md", request())
    write(folder, "2-concept.md", advice(status="draft", recommendations="geen lijst"))
    write(folder, "3-verborgen.md", advice(status="hidden"))
    assert [d.kind for d in dossier(tmp_path).documents] == ["request"]


# --- status rules ---

TODAY = D(2025, 6, 1)


def status_for(tmp_path, *documents, today=TODAY, days=56):
    folder = tmp_path / "stadspanel" / "casus"
    for number, document in enumerate(documents):
        write(folder, f"{number}.md", document)
    return dossier_status(dossier(tmp_path), today, days)


def test_status_requested(tmp_path):
    assert status_for(tmp_path, request()) == "requested"


def test_status_withdrawn(tmp_path):
    assert status_for(tmp_path, request(withdrawn_on=D(2025, 3, 1)), advice()) == "withdrawn"


def test_status_advice_given_until_the_response_is_due_then_overdue(tmp_path):
    documents = (request(), advice(date=D(2025, 4, 6)))
    assert status_for(tmp_path, *documents, today=D(2025, 6, 1)) == "advice_given"  # due on day 56: 1 June
    assert status_for(tmp_path, *documents, today=D(2025, 6, 2)) == "response_overdue"
    assert status_for(tmp_path, *documents, today=D(2025, 6, 2), days=90) == "advice_given"


def test_status_response_incomplete_when_a_recommendation_has_no_answer(tmp_path):
    assert status_for(tmp_path, advice(), response([answer("A1")])) == "response_incomplete"


def test_status_response_given_in_progress_and_completed(tmp_path):
    assert status_for(tmp_path, advice(), response([answer("A1"), answer("A2")])) == "response_given"


def test_status_in_progress(tmp_path):
    assert status_for(tmp_path, advice(), response([answer("A1", status="in_progress"), answer("A2")])) == "in_progress"


def test_status_completed_when_all_work_is_done_or_not_adopted(tmp_path):
    answers = [answer("A1", status="done"), answer("A2", "not_adopted", "dropped")]
    assert status_for(tmp_path, advice(), response(answers)) == "completed"


def test_status_response_given_while_a_recommendation_is_under_consideration(tmp_path):
    answers = [answer("A1", status="done"), answer("A2", "under_consideration", "not_started")]
    assert status_for(tmp_path, advice(), response(answers)) == "response_given"


def test_status_implementation_overdue_and_a_later_response_updates_it(tmp_path):
    late = [answer("A1", status="in_progress", implement_by=D(2025, 5, 1)), answer("A2", status="done")]
    assert status_for(tmp_path, advice(), response(late)) == "implementation_overdue"
    update = response([answer("A1", status="done", implement_by=D(2025, 5, 1))], date=D(2025, 5, 20))
    assert status_for(tmp_path, advice(), response(late), update) == "completed"


def test_events_include_overdue_moments_and_updates(tmp_path):
    folder = tmp_path / "stadspanel" / "casus"
    write(folder, "1.md", advice(date=D(2025, 1, 6)))
    write(
        folder,
        "2.md",
        response(
            [answer("A1", status="in_progress", implement_by=D(2025, 5, 1)), answer("A2", "not_adopted", "dropped")],
            date=D(2025, 3, 10),
        ),
    )
    write(
        folder, "3.md", response([answer("A1", status="in_progress", implement_by=D(2025, 5, 1))], date=D(2025, 4, 1))
    )
    kinds = [(e.date, e.kind) for e in events(dossier(tmp_path), TODAY, 56)]
    assert kinds == [
        (D(2025, 1, 6), "advice"),
        (D(2025, 3, 4), "response_overdue"),
        (D(2025, 3, 10), "response"),
        (D(2025, 4, 1), "update"),
        (D(2025, 5, 2), "implementation_overdue"),
    ]


# --- dashboard against a hand-computed fixture ---


def test_dashboard_figures(tmp_path):
    root = tmp_path / "stadspanel"
    # a: advice 2025-01-06, response 2025-02-03 (28 days): A1 adopted, A2 partly, A3 not adopted.
    write(root / "a", "1.md", advice(("A1", "A2", "A3"), date=D(2025, 1, 6)))
    write(
        root / "a",
        "2.md",
        response(
            [
                answer("A1", status="done"),
                answer("A2", "partly_adopted", "done"),
                answer("A3", "not_adopted", "dropped"),
            ],
            date=D(2025, 2, 3),
        ),
    )
    # b: advice 2025-01-06, response 2025-04-06 (90 days): A1 adopted but overdue; A2 unanswered.
    write(root / "b", "1.md", advice(("A1", "A2"), date=D(2025, 1, 6)))
    write(
        root / "b", "2.md", response([answer("A1", status="planned", implement_by=D(2025, 5, 1))], date=D(2025, 4, 6))
    )
    # c: advice 2025-03-01, no response; due 2025-04-26, so overdue on 2025-06-01. A1 unanswered.
    write(root / "c", "1.md", advice(("A1",), date=D(2025, 3, 1)))
    # d: only a request: not counted as an advice.
    write(root / "d", "1.md", request())
    # e: a request on which the panel decided not to advise: "Geen advies", not an advice.
    write(root / "e", "1.md", request())
    write(root / "e", "2.md", no_advice())
    # f: started with a conversation note (route 5b), endorsed by both: no advice, one started with a note.
    write(root / "f", "1.md", note(endorsed_by={"municipality": D(2025, 3, 1), "panel": D(2025, 3, 2)}))
    # g: a request, then a conversation about it: not started with a note.
    write(root / "g", "1.md", request())
    write(root / "g", "2.md", note(date=D(2025, 2, 1)))
    panel, found = load(tmp_path)
    assert found == []
    figures = dashboard(panel.dossiers, TODAY, 56)
    assert (figures.advices, figures.responses) == (3, 2)
    assert (figures.no_advice, figures.started_with_note) == (1, 1)
    assert figures.median_days == 59  # median of 28 and 90
    assert figures.longest_days == 90 and figures.longest_dossier.id == "b"
    assert (figures.recommendations, figures.answered) == (6, 4)
    assert figures.decisions == {
        "adopted": 2,
        "partly_adopted": 1,
        "not_adopted": 1,
        "under_consideration": 0,
        "unanswered": 2,
    }
    assert figures.share(figures.answered) == 67
    assert [d.id for d, _due in figures.overdue_responses] == ["c"]
    assert [(d.id, r.id) for d, r, _a in figures.overdue_implementations] == [("b", "A1")]
    statuses = {d.id: dossier_status(d, TODAY, 56) for d in panel.dossiers}
    assert (statuses["e"], statuses["f"], statuses["g"]) == ("no_advice", "note_endorsed", "requested")
    # Without a response target of the municipality nothing is late; the times are still there.
    untimed = dashboard(panel.dossiers, TODAY, None)
    assert untimed.overdue_responses == [] and untimed.longest_days == 90
    assert dossier_status(panel.dossier("c"), TODAY, None) == "advice_given"


def test_stray_files_are_errors_not_silently_skipped(tmp_path):
    write(tmp_path / "stadspanel" / "casus", "verzoek.md", request())
    (tmp_path / "stadspanel" / "los-verslag.md").write_text("---\n---\n", encoding="utf-8")
    (tmp_path / "stadspanel" / "casus" / "notulen-geheim.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "stadspanel" / "casus" / "notulen.docx").write_bytes(b"PK")
    found = problems(tmp_path)
    assert any("stadspanel/los-verslag.md:1: file: is not in a dossier folder" in p for p in found)
    assert any("stadspanel/casus/notulen-geheim.pdf:1: file: is not listed by any document" in p for p in found)
    assert any("stadspanel/casus/notulen.docx:1: file: is not a Markdown document or an attachment" in p
               for p in found)  # fmt: skip


# --- art. 5a: the panel may decide not to advise ---


def test_a_decision_not_to_advise_closes_the_request_as_geen_advies(tmp_path):
    assert status_for(tmp_path, request(), no_advice()) == "no_advice"
    found = dossier(tmp_path)
    assert found.no_advice.reason == "Valt buiten de thema's van het panel."
    assert [e.kind for e in events(found, TODAY, 56)] == ["request", "no_advice"]


@pytest.mark.parametrize(
    ("documents", "expected"),
    [
        ({"2.md": no_advice()}, "kind: a decision not to advise needs a request"),
        ({"1.md": request(), "2.md": no_advice(reason=None)}, "2.md:2: reason: is missing"),
        ({"1.md": request(), "2.md": no_advice(), "3.md": advice()}, "3.md:3: kind: the panel decided not to advise"),
        ({"1.md": request(), "2.md": no_advice(date=D(2025, 1, 1))}, "2.md:4: date: 2025-01-01 is before the request"),
        ({"1.md": request(), "2.md": no_advice(), "3.md": no_advice()}, "3.md:3: kind: a dossier has one decision"),
        ({"1.md": request(kind="geen_advies")}, "kind: 'geen_advies' is not a kind (did you mean 'no_advice'?)"),
    ],
)
def test_no_advice_rules(tmp_path, documents, expected):
    for name, front in documents.items():
        write(tmp_path / "stadspanel" / "casus", name, {k: v for k, v in front.items() if v is not None})
    found = problems(tmp_path)
    assert any(p.startswith("stadspanel/casus/") and expected in p for p in found), found


# --- art. 5b: a dossier may start with a conversation note, endorsed by both ---


def test_a_dossier_may_start_with_a_conversation_note_and_shows_who_endorsed_it(tmp_path):
    endorsed = {"municipality": D(2025, 2, 1), "panel": D(2025, 1, 25)}
    assert status_for(tmp_path, note(endorsed_by=endorsed)) == "note_endorsed"
    found = dossier(tmp_path)
    assert found.started_with_note and found.notes[0].missing_endorsements == ()
    assert found.notes[0].endorsement_date("panel") == D(2025, 1, 25)


def test_a_note_waits_for_the_signature_still_missing(tmp_path):
    assert status_for(tmp_path, note(endorsed_by={"stadspanel": D(2025, 1, 25)})) == "note_awaiting_endorsement"
    assert dossier(tmp_path).notes[0].missing_endorsements == ("municipality",)


@pytest.mark.parametrize(
    ("endorsed_by", "expected"),
    [
        ({"wethouder": D(2025, 2, 1)}, "endorsed_by.wethouder: is not a party of the agreement"),
        ({"panel": D(2025, 1, 1)}, "endorsed_by.panel: 2025-01-01 is before the note's date"),
        ({"panel": D(2025, 7, 1)}, "endorsed_by.panel: 2025-07-01 is in the future"),
        ({"panel": "gisteren"}, "endorsed_by.panel: 'gisteren' is not a date"),
        ("gemeente en panel", "endorsed_by: must list who endorsed the note"),
    ],
)
def test_endorsement_rules(tmp_path, endorsed_by, expected):
    write(tmp_path / "stadspanel" / "casus", "notitie.md", note(endorsed_by=endorsed_by))
    panel, found = load(tmp_path, today=TODAY)
    assert any(shown(p).startswith("stadspanel/casus/notitie.md:") and expected in shown(p) for p in found), found


# --- art. 7: confidentiality under the Woo ---


def test_a_stub_names_its_woo_grounds(tmp_path):
    write(tmp_path / "stadspanel" / "casus", "1.md", request())
    write(tmp_path / "stadspanel" / "casus", "2.md", stub(woo_ground=["5.1.2c", "5.1.2e"]), "")
    assert dossier(tmp_path).documents[1].woo_ground == ("5.1.2c", "5.1.2e")


def test_a_partly_confidential_report_marks_each_withheld_part_with_its_ground(tmp_path):
    body = "Eerste deel.\n\n[[weggelaten W1]]\n\nMidden [[weggelaten W2]] en slot.\n"
    withheld = [{"id": "W1", "woo_ground": "5.1.2e"}, {"id": "W2", "woo_ground": "5.1.2h"}]
    write(tmp_path / "stadspanel" / "verslagen", "verslag.md", report(withheld=withheld), body)
    panel, found = load(tmp_path)
    assert found == []
    parts = panel.reports[0].body_parts
    assert [(p.withheld.id, p.withheld.woo_ground) if p.withheld else None for p in parts] == [
        ("W1", "5.1.2e"),
        ("W2", "5.1.2h"),
        None,
    ]
    assert "Eerste deel." in parts[0].html and "Midden" in parts[1].html and "en slot." in parts[2].html
    assert "weggelaten" not in "".join(p.html for p in parts)


@pytest.mark.parametrize(
    ("withheld", "body", "expected"),
    [
        (
            [{"id": "W1", "woo_ground": "5.1.2e"}],
            "Tekst.\n[[weggelaten W2]]\n",
            "11: text: '[[weggelaten W2]]' names no",
        ),
        ([{"id": "W1", "woo_ground": "5.1.2e"}], "Tekst zonder plek.\n", "7: withheld.0.id: 'W1' has no place"),
        (
            [{"id": "W1", "woo_ground": "5.1.2e"}],
            "[[weggelaten W1]]\n[[weggelaten W1]]\n",
            "11: text: '[[weggelaten W1]]' is used twice (also on line 10)",
        ),
        ([{"id": "W1", "woo_ground": "geheim"}], "[[weggelaten W1]]\n", "woo_ground: 'geheim' is not a Woo ground"),
        ([{"id": "W1"}], "[[weggelaten W1]]\n", "withheld.0: 'woo_ground' is missing"),
        (
            [{"id": "W1", "woo_ground": "5.1.2e", "text": "de naam van de melder"}],
            "[[weggelaten W1]]\n",
            "withheld.0.text: is not allowed in a withheld part (only id and woo_ground",
        ),
        ("W1", "[[weggelaten W1]]\n", "withheld: must be a list of parts"),
    ],
)
def test_withheld_part_rules(tmp_path, withheld, body, expected):
    write(tmp_path / "stadspanel" / "verslagen", "verslag.md", report(withheld=withheld), body)
    found = problems(tmp_path)
    assert any(p.startswith("stadspanel/verslagen/verslag.md:") and expected in p for p in found), found


# --- attachments ---


def test_attachments_are_read_with_their_type_size_and_address(tmp_path):
    folder = tmp_path / "stadspanel" / "casus"
    folder.mkdir(parents=True)
    (folder / "bijlage.pdf").write_bytes(PDF)
    (folder / "notitie.odt").write_bytes(ODT)
    files = [{"file": "bijlage.pdf", "title": "Onderzoek"}, {"file": "notitie.odt", "title": "Notitie"}]
    write(folder, "1.md", request(attachments=files))
    found = dossier(tmp_path).documents[0].attachments
    assert [(a.file, a.title, a.format, a.size, a.url) for a in found] == [
        ("bijlage.pdf", "Onderzoek", "PDF", len(PDF), "stadspanel/casus/bijlage.pdf"),
        ("notitie.odt", "Notitie", "ODT", len(ODT), "stadspanel/casus/notitie.odt"),
    ]


@pytest.mark.parametrize(
    ("files", "listed", "expected"),
    [
        ({}, "bijlage.pdf", "1.md:7: attachments.0.file: 'bijlage.pdf' is not in the folder"),
        ({"bijlage.pdf": PDF}, "bijlag.pdf", "attachments.0.file: 'bijlag.pdf' is not in the folder (did you mean"),
        ({"bijlage.docx": b"PK"}, "bijlage.docx", "attachments.0.file: 'bijlage.docx' is not a PDF or ODT file"),
        ({"bijlage.pdf": b"<html>"}, "bijlage.pdf", "attachments.0.file: 'bijlage.pdf' is not a real PDF file"),
        ({"bijlage.odt": PDF}, "bijlage.odt", "attachments.0.file: 'bijlage.odt' is not a real ODT file"),
        ({}, "../andere/bijlage.pdf", "'../andere/bijlage.pdf' is not a file name in this folder"),
        ({"bijlage.pdf": PDF, "vergeten.pdf": PDF}, "bijlage.pdf", "casus/vergeten.pdf:1: file: is not listed by any"),
    ],
)
def test_attachment_rules_name_file_and_line(tmp_path, files, listed, expected):
    folder = tmp_path / "stadspanel" / "casus"
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    write(folder, "1.md", request(attachments=[{"file": listed, "title": "Bijlage"}]))
    found = problems(tmp_path)
    assert any(p.startswith("stadspanel/casus/") and expected in p for p in found), found


def test_an_attachment_of_a_stub_is_refused_even_when_the_file_exists(tmp_path):
    folder = tmp_path / "stadspanel" / "verslagen"
    folder.mkdir(parents=True)
    (folder / "notulen.pdf").write_bytes(PDF)
    write(folder, "verslag.md", stub(attachments=[{"file": "notulen.pdf", "title": "Notulen"}]), "")
    found = problems(tmp_path)
    assert any("verslag.md:" in p and "attachments: is not allowed in a confidential document" in p for p in found)


# --- art. 6d: the quarterly meeting ---


def test_meeting_reports_and_their_stubs_can_be_marked_as_the_quarterly_meeting(tmp_path):
    folder = tmp_path / "stadspanel" / "verslagen"
    write(folder, "1.md", report(quarterly_meeting=True))
    write(folder, "2.md", stub(quarterly_meeting="ja", date=D(2025, 7, 1)), "")
    write(folder, "3.md", report(date=D(2025, 5, 1)))
    panel, found = load(tmp_path)
    assert found == []
    assert [(r.date.month, r.quarterly_meeting) for r in panel.reports] == [(7, True), (5, False), (4, True)]


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (request(quarterly_meeting=True), "quarterly_meeting: is not a known setting"),
        (report(quarterly_meeting="soms"), "quarterly_meeting: 'soms' is not true or false"),
    ],
)
def test_quarterly_meeting_rules(tmp_path, front, expected):
    write(tmp_path / "stadspanel" / "casus", "1.md", front)
    found = problems(tmp_path)
    assert any(expected in p for p in found), found


# --- settings: the response target and the themes ---


def test_the_response_target_is_the_municipalitys_own_and_names_where_it_was_decided():
    from editor_files.problems import ContentError
    from site_records.settings import response_target

    assert response_target({}) == (None, "")
    assert response_target({"RESPONSE_TARGET": None}) == (None, "")
    assert response_target({"RESPONSE_TARGET": {"days": 42, "decided_in": "collegebesluit"}}) == (42, "collegebesluit")
    for wrong, message in [
        ({"RESPONSE_TARGET": {"days": 42}}, "'decided_in' is missing"),
        ({"RESPONSE_TARGET": {"days": "zes weken", "decided_in": "x"}}, "'days' must be a whole number"),
        ({"RESPONSE_DAYS": 56}, "RESPONSE_DAYS: is replaced by RESPONSE_TARGET"),
    ]:
        with pytest.raises(ContentError) as raised:
            response_target(wrong)
        assert message in shown(raised.value.problems[0])


def test_the_demo_themes_are_the_agreements():
    from conftest import SETTINGS

    assert set(SETTINGS["STADSPANEL_THEMES"]) == {"privacy", "security", "ethics", "inclusion"}


def test_a_bad_ground_of_a_withheld_part_is_named_once_not_also_its_mark(tmp_path):
    withheld = [{"id": "W1", "woo_ground": "geheim"}, {"id": "W2"}]
    write(
        tmp_path / "stadspanel" / "verslagen",
        "verslag.md",
        report(withheld=withheld),
        "[[weggelaten W1]] [[weggelaten W2]]\n",
    )
    found = problems(tmp_path)
    assert len(found) == 2 and not any("names no part" in p for p in found), found


def readme_settings_table():
    """The Stadspanel settings table of the README: [(settings named, for whom, what to write)]."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| setting | for | what to write |") :].split("\n\n")[0]
    rows = [[cell.strip() for cell in line.split("|")[1:4]] for line in table.splitlines()[2:]]
    return [(re.findall(r"`([a-z_]+)`", named), whom, what) for named, whom, what in rows]


def test_the_readme_settings_table_follows_the_schema():
    """Every document setting is in the table, for the kinds the schema allows it, and every answer field."""
    from stadspanel.schema import ANSWER, DOCUMENT, KINDS

    rows = readme_settings_table()
    documented = [name for names, _whom, _what in rows for name in names]
    assert sorted(documented) == sorted(DOCUMENT.names)
    for names, whom, _what in rows:
        for name in names:
            field = DOCUMENT[name]
            if whom in KINDS:
                assert field.kinds == (whom,), (name, whom)
            elif whom == "every document":
                assert field.required and not field.kinds, name
            elif whom == "confidential stub":
                assert field.stub == "only", name
            else:
                assert whom == "optional" and not field.required and not field.kinds, (name, whom)
    answers_row = next(what for names, _whom, what in rows if names == ["answers"])
    assert set(ANSWER.names) <= set(re.findall(r"`([a-z_]+)`", answers_row)), answers_row


@pytest.fixture
def answer_with_new_fields(monkeypatch):
    """ANSWER plus a code, a list of codes, a yes/no and a whole number, as a newcomer would add them."""
    from editor_files.schema import Schema
    from stadspanel import reader, schema

    extra = [schema.Field("urgency", "code", vocabulary="decision"), schema.Field("tags", "codes", vocabulary="answer_status"),
             schema.Field("reviewed", "yes_no"), schema.Field("hours", "whole_number")]  # fmt: skip
    extended = Schema("answer", [*schema.ANSWER, *extra])
    monkeypatch.setattr(reader, "ANSWER", extended)
    monkeypatch.setattr(reader, "ANSWER_KEYS", set(extended.names))
    monkeypatch.setattr(reader, "Answer", extended.record_class("Answer"))


def test_a_new_answer_field_is_read_and_checked_by_its_kind(tmp_path, answer_with_new_fields):
    folder = tmp_path / "stadspanel" / "casus"
    write(folder, "1.md", advice(ids=("A1",)))
    write(folder, "2.md", response([answer("A1", urgency="adopted", tags=["done", "planned"], reviewed="ja", hours=12)]))
    found = dossier(tmp_path).answers["A1"]
    assert (found.urgency, found.tags, found.reviewed, found.hours) == ("adopted", ("done", "planned"), True, 12)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"urgency": "adoptd"}, "answers.0.urgency: 'adoptd' is not a known code (did you mean 'adopted'?)"),
        ({"tags": ["done", "klaar"]}, "answers.0.tags: 'klaar' is not a known code"),
        ({"reviewed": "misschien"}, "answers.0.reviewed: 'misschien' is not true or false"),
        ({"hours": "veel"}, "answers.0.hours: 'veel' is not a whole number"),
    ],
)
def test_a_new_answer_field_names_a_wrong_value(tmp_path, answer_with_new_fields, values, expected):
    folder = tmp_path / "stadspanel" / "casus"
    write(folder, "1.md", advice(ids=("A1",)))
    write(folder, "2.md", response([answer("A1", **values)]))
    found = problems(tmp_path)
    assert any(expected in p for p in found), found
