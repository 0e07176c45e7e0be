# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The Stadspanel as residents and reusers meet it, and the promise that confidential means no trace.

Expected figures come from the editors' files (read here with plain YAML, not with the site's
code), from the exports, or from a small fixture whose figures are worked out by hand below.
"""

import csv
import datetime
import gzip
import io
import json
import re
import shutil
import statistics
import urllib.request
import xml.etree.ElementTree as ET

import pytest
import yaml
from conftest import ROOT, SETTINGS, TEST_BUILD_EPOCH, axe_violations, html_pages, run_build, serve
from extended_demo import extended_demo, payload_demo, published_demo  # noqa: F401 (fixtures)
from playwright.sync_api import expect
from site_outputs.attachments import published_bytes

PANEL = ROOT / "content" / "stadspanel"
# How a Dutch reader names the months (the site writes dates with Babel in DEFAULT_LANG, "nl").
DUTCH_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
BUILD_DAY = datetime.datetime.fromtimestamp(int(TEST_BUILD_EPOCH), datetime.UTC).date()
CANARIES = [
    "kanarie-concept-5521",
    "kanarie-concepttekst",
    "kanarie-verborgen-8832",
    "kanarie-stub-7710",
    "kanarie-dossier-4242",
    "kanarie",
]


def front_matter(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def demo_documents():
    """{dossier id: [front matter, ...]} of the demo's dossier folders, read straight from the files."""
    return {
        folder.name: [front_matter(p) for p in sorted(folder.glob("*.md"))]
        for folder in sorted(PANEL.iterdir())
        if folder.is_dir() and folder.name != "verslagen"
    }


def vocabulary_ground(code):
    return yaml.safe_load((ROOT / "data" / "vocabularies.yml").read_text(encoding="utf-8"))["woo_grounds"][code]


def add_canaries(project):
    """A draft, a hidden report, a wholly draft dossier and a confidential stub."""
    panel = project / "content" / "stadspanel"
    (panel / "cameratoezicht" / "2026-09-01-kanarie-concept-5521.md").write_text(
        "---\ntitle: KANARIE-CONCEPT-5521\nkind: conversation_note\ndate: 2026-09-01\nconfidential: false\n"
        "status: draft\n---\nKANARIE-CONCEPTTEKST over het overleg.\n",
        encoding="utf-8",
    )
    (panel / "verslagen" / "2026-08-01-kanarie-verborgen-8832.md").write_text(
        "---\ntitle: KANARIE-VERBORGEN-8832\nkind: meeting_report\ndate: 2026-08-01\nconfidential: false\n"
        "status: hidden\n---\nVerborgen kanarie.\n",
        encoding="utf-8",
    )
    (panel / "kanarie-dossier-4242").mkdir()
    (panel / "kanarie-dossier-4242" / "verzoek.md").write_text(
        "---\ntitle: Kanarie dossier\nkind: request\ndate: 2026-09-01\nconfidential: false\nstatus: draft\n---\n"
        "Kanarie.\n",
        encoding="utf-8",
    )
    (panel / "verslagen" / "2026-09-15-kanarie-stub-7710.md").write_text(
        "---\nkind: meeting_report\ndate: 2026-09-15\nconfidential: true\nreason: Zichtbare reden 6161\n"
        "woo_ground: 5.1.2e\nreview_on: 2027-09-15\n---\n",
        encoding="utf-8",
    )


@pytest.fixture
def canary_site(published_demo):  # noqa: F811
    """The demo plus `add_canaries` (and test_published_files' pictures and attachments), built with every step."""
    return published_demo[1]


def readable_text(path):
    """A file's text; Pagefind's gzip index files are unpacked first."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace").lower()


def test_drafts_hidden_documents_and_stub_identifiers_leave_no_trace(canary_site):
    files = [p for p in canary_site.rglob("*") if p.is_file()]
    texts = {p: readable_text(p) for p in files}
    for path, text in texts.items():
        for canary in CANARIES:
            assert canary not in text, f"{canary} found in {path}"
            assert canary not in str(path.relative_to(canary_site)).lower(), f"{canary} names {path}"
    # Positive control: the stub's published fields are there, also inside the unpacked search index.
    assert any("zichtbare reden 6161" in text for path, text in texts.items() if "pagefind" in path.parts)
    reports = (canary_site / "stadspanel" / "verslagen" / "index.html").read_text(encoding="utf-8")
    assert "Vertrouwelijk verslag van 15 september 2026" in reports and "15 september 2027" in reports
    assert vocabulary_ground("5.1.2e")["label"] in reports


def test_a_mistake_in_a_document_fails_the_build_and_writes_nothing(project_copy_factory, tmp_path):
    project = project_copy_factory()
    (project / "content" / "stadspanel" / "bodycams" / "2026-01-01-fout.md").write_text(
        "---\ntitle: Fout\nkind: response\ndate: 2026-01-01\nconfidential: false\nanswers:\n  - recommendation: A7\n"
        "    decision: adopted\n    implement_by: 2026-02-01\n    status: planned\n---\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    result = run_build(project, output, check=False)
    assert result.returncode != 0
    assert (
        "content/stadspanel/bodycams/2026-01-01-fout.md:7: answers.0.recommendation: 'A7' is geen "
        "aanbeveling uit het advies"
    ) in result.stderr
    assert not (output / "index.html").exists()


BUDGET_RESPONSE = "content/stadspanel/bodycams/2020-07-14-reactie.md"


def add_budget_to_answers(project):
    """A newcomer adds `budget` to the answers: one Field, one label, and a budget in one answer."""
    schema = project / "plugins" / "kinds" / "stadspanel" / "schema.py"
    schema.write_text(schema.read_text(encoding="utf-8").replace(
        '    F("rationale", group="facts"', '    F("budget", group="facts", label="budget_label"),\n    F("rationale", group="facts"'),
        encoding="utf-8")  # fmt: skip
    strings = project / "theme" / "strings.nl.yml"
    strings.write_text(strings.read_text(encoding="utf-8").replace(
        "  how_label: Hoe\n", "  how_label: Hoe\n  budget_label: Begroting\n"), encoding="utf-8")  # fmt: skip
    response = project / BUDGET_RESPONSE
    text = response.read_text(encoding="utf-8")
    response.write_text(text.replace("    decision: adopted\n", "    decision: adopted\n    budget: 'EUR 20.000'\n", 1),
                        encoding="utf-8")  # fmt: skip


def test_an_optional_answer_field_needs_only_the_schema_and_the_strings_file(extended_demo):  # noqa: F811
    """`add_budget_to_answers`: it is read, exported and shown (the copy is built with other tests' changes)."""
    project, output = extended_demo
    first = yaml.safe_load((ROOT / BUDGET_RESPONSE).read_text(encoding="utf-8").split("---")[1])["answers"][0]["recommendation"]
    assert "budget: 'EUR 20.000'" in (project / BUDGET_RESPONSE).read_text(encoding="utf-8")
    exported = list(csv.DictReader(io.StringIO((output / "open-data" / "adviezen.csv").read_text(encoding="utf-8-sig"))))
    by_id = {(r["dossier_id"], r["recommendation_id"]): r["budget"] for r in exported}
    assert by_id[("bodycams", first)] == "EUR 20.000"
    assert set(by_id.values()) == {"EUR 20.000", ""}
    as_json = json.loads((output / "open-data" / "adviezen.json").read_text(encoding="utf-8"))["recommendations"]
    assert [r["budget"] for r in as_json].count("EUR 20.000") == 1
    page = (output / "stadspanel" / "bodycams" / "index.html").read_text(encoding="utf-8")
    assert "<dt>Begroting</dt> <dd>EUR 20.000</dd>" in page


def test_a_stub_with_an_attachment_stops_the_build_and_the_file_is_never_published(project_copy_factory, tmp_path):
    project = project_copy_factory()
    folder = project / "content" / "stadspanel" / "verslagen"
    (folder / "kanarie-notulen.pdf").write_bytes(b"%PDF-1.4\n% KANARIE-BIJLAGE-3131\n")
    (folder / "2026-09-20-geheim.md").write_text(
        "---\nkind: meeting_report\ndate: 2026-09-20\nconfidential: true\nreason: Lopend onderzoek\n"
        "woo_ground: 5.1.2c\nreview_on: 2027-09-20\nattachments:\n  - {file: kanarie-notulen.pdf, title: Notulen}\n"
        "---\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    result = run_build(project, output, check=False)
    assert result.returncode != 0
    assert "content/stadspanel/verslagen/2026-09-20-geheim.md:8: attachments: mag niet in een vertrouwelijk document" in result.stderr
    assert not output.exists() or not any("kanarie" in p.name for p in output.rglob("*"))


# --- figures derived from the data and the exports ---


def demo_recommendations():
    """(dossier, recommendation id, latest answer or None) for every recommendation of the demo."""
    found = []
    for dossier, documents in demo_documents().items():
        advice = next((d for d in documents if d["kind"] == "advice"), None)
        answers = {}
        for response in sorted((d for d in documents if d["kind"] == "response"), key=lambda d: d["date"]):
            answers.update({a["recommendation"]: a for a in response["answers"]})
        found += [(dossier, r["id"], answers.get(r["id"])) for r in (advice or {}).get("recommendations", [])]
    return found


def export_rows(demo_site):
    text = (demo_site / "open-data" / "adviezen.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_recommendations_export_has_every_recommendation_including_unanswered(demo_site):
    rows = export_rows(demo_site)
    data = json.loads((demo_site / "open-data" / "adviezen.json").read_text(encoding="utf-8"))
    expected = demo_recommendations()
    assert len(rows) == len(data["recommendations"]) == len(expected)
    assert sum(r["decision"] == "unanswered" for r in rows) == sum(answer is None for *_, answer in expected)
    bodycams = demo_documents()["bodycams"]
    advice_date = next(d["date"] for d in bodycams if d["kind"] == "advice")
    response = next(d for d in bodycams if d["kind"] == "response")
    a3 = next(a for a in response["answers"] if a["recommendation"] == "A3")
    row_a3 = next(r for r in rows if r["dossier_id"] == "bodycams" and r["recommendation_id"] == "A3")
    assert row_a3["implement_by"] == a3["implement_by"].isoformat() and row_a3["progress"] == str(a3["progress"])
    assert row_a3["days_advice_to_response"] == str((response["date"] - advice_date).days)
    target = SETTINGS["RESPONSE_TARGET"]
    assert (data["response_target_days"], data["response_target_decided_in"]) == (target["days"], target["decided_in"])


def test_atom_feed_lists_dossier_events(demo_site):
    root = ET.parse(demo_site / "stadspanel" / "feed.atom").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert "Advies van het Stadspanel data: Programma Datagedreven sturing" in titles
    assert "Reactie te laat: Programma Datagedreven sturing" in titles
    assert "Voortgang bijgewerkt: Cameratoezicht in het centrum en bij het station" in titles
    assert "Uitvoering te laat: aanbeveling A3 bij Bodycams voor handhavers" in titles
    assert "Geen advies: De app Beschermde bomen" in titles
    assert "Gespreksnotitie: Data gebruiken om fraude op te sporen" in titles


def test_every_stage_is_present_in_the_demo(demo_url, page):
    page.goto(demo_url + "/stadspanel/")
    statuses = set(page.locator("#dossier-tabel tbody td:nth-child(2)").all_inner_texts())
    assert {
        "Advies gevraagd",
        "Reactie te laat",
        "Reactie onvolledig",
        "In uitvoering",
        "Afgerond",
        "Ingetrokken",
        "Uitvoering te laat",
        "Geen advies",
        "Notitie onderschreven",
        "Wacht op onderschrijving",
    } <= statuses
    assert axe_violations(page) == []


def test_dossiers_filter_by_status_theme_and_year(demo_url, page):
    page.goto(demo_url + "/stadspanel/")
    table_rows = page.locator("#dossier-tabel tbody tr")
    facts = [
        {name: table_rows.nth(i).get_attribute(f"data-{name}") for name in ("status", "themes", "year")}
        for i in range(table_rows.count())
    ]
    assert len(facts) == len(demo_documents())
    visible = page.locator("#dossier-tabel tbody tr:visible")
    expect(visible).to_have_count(len(facts))
    page.get_by_label("Status").select_option("completed")
    expect(visible).to_have_count(sum(f["status"] == "completed" for f in facts))
    page.get_by_role("button", name="Filters wissen").click()
    expect(visible).to_have_count(len(facts))
    page.get_by_label("Jaar").select_option("2026")
    expect(visible).to_have_count(sum(f["year"] == "2026" for f in facts))
    page.get_by_label("Thema", exact=True).select_option("inclusion")
    both = sum(f["year"] == "2026" and "inclusion" in f["themes"].split() for f in facts)
    assert 0 < both < len(facts)
    expect(visible).to_have_count(both)
    expect(page.locator("#dossier-status")).to_have_text(f"{both} van {len(facts)} adviezen")


def test_dashboard_figures_follow_the_exports_and_the_documents(demo_site, demo_url, page):
    rows = export_rows(demo_site)
    answered = [r for r in rows if r["decision"] != "unanswered"]
    days = {r["dossier_id"]: int(r["days_advice_to_response"]) for r in rows if r["days_advice_to_response"]}
    documents = demo_documents()
    no_advice = sum(any(d["kind"] == "no_advice" for d in docs) for docs in documents.values())
    started_with_note = sum(min(docs, key=lambda d: d["date"])["kind"] == "conversation_note" for docs in
                            documents.values())  # fmt: skip
    assert no_advice >= 1 and started_with_note >= 1
    page.goto(demo_url + "/stadspanel/")
    figures = page.locator(".key-figures li").all_inner_texts()
    share = round(100 * len(answered) / len(rows))
    assert figures == [
        f"{len({r['dossier_id'] for r in rows})}\nadviezen",
        f"{round(statistics.median(days.values()))}\ndagen tot de reactie (mediaan)",
        f"{max(days.values())}\ndagen duurde de langste reactie",
        f"{share}%\nvan de aanbevelingen beantwoord ({len(answered)}/{len(rows)})",
        f"{no_advice}\nkeer besloot het panel geen advies te geven",
        f"{started_with_note}\ngesprekken zonder adviesverzoek, vastgelegd in een gespreksnotitie",
    ]
    adopted = sum(r["decision"] == "adopted" for r in rows)
    table = page.get_by_role("table", name="Besluiten over alle aanbevelingen")
    expect(table.get_by_role("row", name=f"Overgenomen {adopted} {round(100 * adopted / len(rows))}%")).to_be_visible()
    expect(page.get_by_role("img", name=f"Besluiten over {len(rows)} aanbevelingen")).to_be_visible()
    # The target is the municipality's own, and the page says where it was decided.
    target = SETTINGS["RESPONSE_TARGET"]
    expect(page.locator("#terugkoppeling + p")).to_contain_text(
        f"doel gesteld binnen {target['days']} dagen te reageren; dat doel is vastgelegd in {target['decided_in']}"
    )
    advice_date = next(d["date"] for d in documents["datagedreven-sturing"] if d["kind"] == "advice")
    due = advice_date + datetime.timedelta(days=target["days"])
    months = DUTCH_MONTHS
    name = (
        f"Programma Datagedreven sturing: reactie was uiterlijk {due.day} {months[due.month - 1]} {due.year} verwacht."
    )
    expect(page.get_by_role("link", name=name)).to_have_count(1)


# --- a fixture whose figures are worked out by hand: no response target, Geen advies, route 5b ---

FIXTURE = {
    # a: advice 2026-02-02, response 2026-03-02 = 28 days. A1 adopted, A2 partly, A3 not adopted.
    "a/1.md": "kind: request\ndate: 2026-01-05\ntitle: Dossier A",
    "a/2.md": "kind: advice\ndate: 2026-02-02\ntitle: Dossier A\nrecommendations:\n"
    "  - {id: A1, text: een}\n  - {id: A2, text: twee}\n  - {id: A3, text: drie}",
    "a/3.md": "kind: response\ndate: 2026-03-02\ntitle: Reactie A\nanswers:\n"
    "  - {recommendation: A1, decision: adopted, implement_by: 2026-06-01, status: done}\n"
    "  - {recommendation: A2, decision: partly_adopted, rationale: deels, status: done}\n"
    "  - {recommendation: A3, decision: not_adopted, rationale: nee, status: dropped}",
    # b: advice 2026-01-05, response 2026-04-05 = 90 days. A1 adopted, A2 unanswered.
    "b/1.md": "kind: advice\ndate: 2026-01-05\ntitle: Dossier B\nrecommendations:\n"
    "  - {id: A1, text: een}\n  - {id: A2, text: twee}",
    "b/2.md": "kind: response\ndate: 2026-04-05\ntitle: Reactie B\nanswers:\n"
    "  - {recommendation: A1, decision: adopted, implement_by: 2027-01-01, status: planned}",
    # c: advice 2026-06-01, no response: with no target of the municipality it is not late.
    "c/1.md": "kind: advice\ndate: 2026-06-01\ntitle: Dossier C\nrecommendations:\n  - {id: A1, text: een}",
    # d: a request on which the panel decided not to advise.
    "d/1.md": "kind: request\ndate: 2026-09-01\ntitle: Dossier D",
    "d/2.md": "kind: no_advice\ndate: 2026-10-01\ntitle: Geen advies D\nreason: Buiten de thema's van het panel",
    # e: started with a conversation note, endorsed by both.
    "e/1.md": "kind: conversation_note\ndate: 2026-05-01\ntitle: Gesprek E\n"
    "endorsed_by: {municipality: 2026-05-10, panel: 2026-05-08}",
}
# Worked out by hand from FIXTURE.
FIXTURE_FIGURES = [
    "3\nadviezen",  # a, b, c
    "59\ndagen tot de reactie (mediaan)",  # median of 28 and 90
    "90\ndagen duurde de langste reactie",
    "67%\nvan de aanbevelingen beantwoord (4/6)",  # a: 3, b: 1 of 2, c: 0 of 1
    "1\nkeer besloot het panel geen advies te geven",  # d
    "1\ngesprekken zonder adviesverzoek, vastgelegd in een gespreksnotitie",  # e
]
FIXTURE_DECISIONS = {
    "Overgenomen": "2 33%",
    "Deels overgenomen": "1 17%",
    "Niet overgenomen": "1 17%",
    "Wordt nog bekeken": "0 0%",
    "Nog geen antwoord": "2 33%",
}
FIXTURE_STATUSES = {
    "Dossier A": "Afgerond",
    "Dossier B": "Reactie onvolledig",
    "Dossier C": "Advies gegeven, wacht op reactie",
    "Dossier D": "Geen advies",
    "Gesprek E": "Notitie onderschreven",
}


def add_fixture_dossiers(project):
    """The demo's dossiers and reports replaced by FIXTURE's, and no response target of the municipality."""
    panel = project / "content" / "stadspanel"
    for folder in panel.iterdir():
        if folder.is_dir():
            shutil.rmtree(folder)
    for name, front in FIXTURE.items():
        path = panel / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"---\n{front}\nconfidential: false\n---\nTekst.\n", encoding="utf-8")
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write("\nRESPONSE_TARGET = None\n")


@pytest.fixture(scope="module")
def fixture_site(payload_demo):  # noqa: F811
    """`add_fixture_dossiers`, built with other tests' payloads (payload_demo: its register is another test's)."""
    with serve(payload_demo[1]) as url:
        yield url


def test_dashboard_matches_a_hand_computed_fixture_without_a_response_target(fixture_site, page):
    page.goto(fixture_site + "/stadspanel/")
    assert page.locator(".key-figures li").all_inner_texts() == FIXTURE_FIGURES
    table = page.get_by_role("table", name="Besluiten over alle aanbevelingen")
    for decision, figures in FIXTURE_DECISIONS.items():
        expect(table.get_by_role("row", name=f"{decision} {figures}", exact=True)).to_have_count(1)
    statuses = {
        row.locator("th").inner_text(): row.locator("td").nth(0).inner_text()
        for row in page.locator("#dossier-tabel tbody tr").all()
    }
    assert statuses == FIXTURE_STATUSES
    main = page.locator("main")
    expect(main).to_contain_text("de gemeente heeft zelf geen doel vastgesteld")
    expect(main).not_to_contain_text("Reactie te laat")
    expect(main).not_to_contain_text("Reactie later dan")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Dossier C").click()
    expect(page).to_have_url(re.compile(r"/stadspanel/c/$"))
    expect(page.locator("main")).not_to_contain_text("Reactie volgens het doel")


# --- pages of dossiers and reports ---


def test_dossier_page_puts_each_recommendation_beside_its_answer_and_links_sensors_both_ways(demo_url, page):
    page.goto(demo_url + "/stadspanel/cameratoezicht/")
    a2 = page.locator("#aanbeveling-A2")
    expect(a2.locator(".recommendation__advice")).to_contain_text("Evalueer elk jaar per camera")
    answer = a2.locator(".recommendation__answer")
    for text in ("Overgenomen", "30 juni 2027", "45%", "Eerste evaluatie klaar"):
        expect(answer).to_contain_text(text)
    expect(page.locator("#aanbeveling-A3")).to_contain_text("Niet overgenomen")
    stub = page.locator(".stub")
    expect(stub).to_contain_text("Vertrouwelijk verslag van 10 maart 2026")
    ground = vocabulary_ground("5.1.2c")
    expect(stub).to_contain_text(f"{ground['article']} van de Wet open overheid: {ground['label']}")
    expect(page.locator(".map--location .leaflet-marker-icon").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Camera Kerkbrink").click()
    expect(page).to_have_url(re.compile(r"/sensoren/HLV-CAM-003/$"))
    page.get_by_role("link", name="Cameratoezicht in het centrum en bij het station").click()
    expect(page).to_have_url(re.compile(r"/stadspanel/cameratoezicht/$"))


def test_attachments_are_published_with_type_and_size_and_linked_from_the_timeline(demo_url, page):
    for dossier, name in [
        ("cameratoezicht", "camera-overzicht.pdf"),
        ("digitale-ethiek", "verkenning-digitale-ethiek.odt"),
    ]:
        source = PANEL / dossier / name
        listed = next(a for d in demo_documents()[dossier] for a in d.get("attachments", []) if a["file"] == name)
        kind = source.suffix[1:].upper()
        label = f"{listed['title']} ({kind}, {max(1, round(source.stat().st_size / 1000))} kB)"
        page.goto(f"{demo_url}/stadspanel/{dossier}/")
        link = page.locator(".timeline").get_by_role("link", name=label)
        expect(link).to_have_count(1)
        with urllib.request.urlopen(link.evaluate("a => a.href")) as response:
            # The file as published: without its embedded metadata (test_published_files checks what that keeps).
            assert response.read() == published_bytes(source, f"content/stadspanel/{dossier}/{name}")
        assert axe_violations(page) == []


def test_a_decision_not_to_advise_shows_geen_advies_with_its_reason(demo_url, page):
    decision = next(d for d in demo_documents()["beschermde-bomen"] if d["kind"] == "no_advice")
    page.goto(demo_url + "/stadspanel/beschermde-bomen/")
    expect(page.locator(".badges")).to_have_text("Geen advies")
    expect(page.locator("dl.facts").first).to_contain_text(decision["reason"])
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    ("dossier", "badge"),
    [
        ("digitale-ethiek", "Onderschreven door gemeente en Stadspanel data"),
        ("fraude-opsporing", "Nog niet onderschreven door de gemeente"),
    ],
)
def test_a_conversation_note_shows_who_endorsed_it(demo_url, page, dossier, badge):
    note = next(d for d in demo_documents()[dossier] if d["kind"] == "conversation_note")
    page.goto(f"{demo_url}/stadspanel/{dossier}/")
    endorsement = page.locator(".endorsement")
    expect(endorsement.locator("strong")).to_have_text(badge)
    months = DUTCH_MONTHS
    for date in note["endorsed_by"].values():
        expect(endorsement).to_contain_text(f"{date.day} {months[date.month - 1]} {date.year}")
    assert axe_violations(page) == []


def test_incomplete_response_shows_the_unanswered_recommendation(demo_url, page):
    page.goto(demo_url + "/stadspanel/open-hilversum/")
    expect(page.locator(".badges")).to_have_text("Reactie onvolledig")
    expect(page.locator("#aanbeveling-A4")).to_contain_text("Nog geen reactie op deze aanbeveling.")


def test_reports_list_shows_public_reports_stubs_with_their_ground_and_quarterly_meetings(demo_url, page):
    reports = [front_matter(p) for p in (PANEL / "verslagen").glob("*.md")]
    page.goto(demo_url + "/stadspanel/verslagen/")
    main = page.locator("main")
    expect(main).to_contain_text("Vertrouwelijk verslag van 7 juli 2026")
    expect(main).to_contain_text("7 januari 2027")
    expect(main).to_contain_text(vocabulary_ground("5.1.2h")["label"])
    expect(main.locator(".report-list .badge", has_text="Kwartaaloverleg")).to_have_count(
        sum(bool(r.get("quarterly_meeting")) for r in reports)
    )
    assert axe_violations(page) == []
    page.get_by_role("link", name="Vergadering Stadspanel data, januari 2026").click()
    expect(page.locator("h1")).to_have_text("Vergadering Stadspanel data, januari 2026")


def test_a_partly_confidential_report_marks_each_withheld_part_with_its_ground(demo_url, page):
    report = front_matter(PANEL / "verslagen" / "2026-04-14-panelvergadering.md")
    page.goto(demo_url + "/stadspanel/verslagen/2026-04-14-panelvergadering/")
    marks = page.locator(".withheld")
    expect(marks).to_have_count(len(report["withheld"]))
    for mark, part in zip(marks.all(), report["withheld"], strict=True):
        ground = vocabulary_ground(part["woo_ground"])
        expect(mark).to_contain_text(f"Hier is een deel weggelaten ({part['id']}).")
        expect(mark).to_contain_text(f"{ground['article']} van de Wet open overheid ({ground['label']})")
    expect(page.locator("main")).to_contain_text("De gemeente lichtte toe")  # the public text is there
    expect(page.locator("main")).not_to_contain_text("[[weggelaten")
    assert axe_violations(page) == []


def test_the_panel_page_tells_who_is_on_it_how_to_join_the_terms_and_the_marks(demo_url, page):
    page.goto(demo_url + "/over-het-stadspanel/")
    main = page.locator("main")
    for text in ("Lid worden", "niet-westerse", "Eens per kwartaal", "€ 1.600", "€ 2.500", "€ 3.000", "7,8", "8,5"):
        expect(main).to_contain_text(text)
    expect(main.locator("#wie-zitten-er-in-het-panel ~ ul").first.locator("li")).to_have_count(10)
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0


# --- statuses age without a merge ---


def test_every_page_says_when_it_was_built(demo_site):
    stamp = f'<time datetime="{BUILD_DAY.isoformat()}">'
    missing = [p for p in html_pages(demo_site) if stamp not in p.read_text(encoding="utf-8")]
    assert missing == []


def test_the_site_is_rebuilt_every_day():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    crons = [entry["cron"].split() for entry in triggers["schedule"]]
    assert any(fields[2:] == ["*", "*", "*"] for fields in crons), crons
