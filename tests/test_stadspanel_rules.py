"""Stadspanel: every validation rule, every status rule and the dashboard figures."""

import datetime

import pytest
import yaml
from stadspanel import load_panel
from stadspanel.status import dashboard, dossier_status, events

THEMES = {"privacy": "Digitale privacy", "ethics": "Digitale ethiek", "transparency": "Transparantie"}
D = datetime.date


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


def response(answers, date=RESPONSE_DATE):
    return {"title": "Reactie", "kind": "response", "date": date, "confidential": False, "answers": answers}


def load(tmp_path):
    return load_panel(tmp_path / "stadspanel", tmp_path, THEMES)


def problems(tmp_path):
    panel, found = load(tmp_path)
    assert panel is None
    return [str(p) for p in found]


def dossier(tmp_path, name="casus"):
    panel, found = load(tmp_path)
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
            "confidential: 'True' is geen ja of nee",
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
        "onderzoek\nreview_on: 2026-02-01\n---\n",
    )
    found = dossier(tmp_path)
    assert [d.confidential for d in found.documents] == [False, True]


@pytest.mark.parametrize(
    ("extra", "body", "expected"),
    [
        ({}, "Geheime tekst\n", "front matter: een vertrouwelijk document heeft tekst onder de instellingen"),
        ({"title": "Geheim overleg"}, "", "title: mag niet in een vertrouwelijk document"),
        ({"attachments": ["notulen.pdf"]}, "", "attachments: mag niet in een vertrouwelijk document"),
        ({"reason": None}, "", "reason: ontbreekt"),
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
        ([answer("A1", "overgenomen")], "decision: 'overgenomen' is geen besluit"),
        ([answer("A1", status="klaar")], "status: 'klaar' is geen status"),
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
    assert any("dubbel/advies.md" in p and "'A1' wordt twee keer gebruikt" in p for p in found)
    assert any("los/reactie.md" in p and "heeft geen adviesverzoek en geen advies" in p for p in found)
    assert any("verslagen/notitie.md" in p and "hoort niet in verslagen/" in p for p in found)


def test_sensor_ids_must_exist_in_the_register_and_back(tmp_path):
    from sensor_fixtures import BBOX, csv_text, data_dir, row
    from sensor_register import load_register
    from site_records import link_records

    data = data_dir(tmp_path, {"a.csv": csv_text([row(related_advice="onbekend-dossier")])})
    register, _ = load_register(data, BBOX, root=tmp_path)
    write(tmp_path / "stadspanel" / "casus", "verzoek.md", request(sensors=["HLV-T-001", "HLV-T-002"]))
    panel, _ = load_panel(tmp_path / "stadspanel", tmp_path, THEMES)
    _links, found = link_records(register, panel, {d.id for d in panel.dossiers})
    found = [str(p) for p in found]
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
    panel, found = load(tmp_path)
    assert found == []
    figures = dashboard(panel.dossiers, TODAY, 56)
    assert (figures.advices, figures.responses) == (3, 2)
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


def test_stray_files_are_errors_not_silently_skipped(tmp_path):
    write(tmp_path / "stadspanel" / "casus", "verzoek.md", request())
    (tmp_path / "stadspanel" / "los-verslag.md").write_text("---\n---\n", encoding="utf-8")
    (tmp_path / "stadspanel" / "casus" / "notulen-geheim.pdf").write_bytes(b"%PDF-1.4")
    found = problems(tmp_path)
    assert any(p.startswith("stadspanel/los-verslag.md:1: file: staat niet in een dossiermap of in verslagen/") for p in found)
    assert any(p.startswith("stadspanel/casus/notulen-geheim.pdf:1: file: is geen Markdown-document en wordt niet gepubliceerd") for p in found)
