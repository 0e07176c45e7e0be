"""The Stadspanel as residents and reusers meet it, and the promise that confidential means no trace."""

import csv
import gzip
import io
import json
import xml.etree.ElementTree as ET

import pytest
from conftest import axe_violations, run_build

CANARIES = [
    "kanarie-concept-5521",
    "kanarie-concepttekst",
    "kanarie-verborgen-8832",
    "kanarie-stub-7710",
    "kanarie-dossier-4242",
    "kanarie",
]


@pytest.fixture(scope="module")
def canary_site(project_copy_factory, tmp_path_factory):
    """The demo plus a draft, a hidden report, a wholly draft dossier and a confidential stub."""
    project = project_copy_factory()
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
        "review_on: 2027-09-15\n---\n",
        encoding="utf-8",
    )
    output = tmp_path_factory.mktemp("canary") / "output"
    run_build(project, output)
    return output


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


def test_recommendations_export_has_every_recommendation_including_unanswered(demo_site):
    rows = list(csv.DictReader(io.StringIO((demo_site / "open-data" / "adviezen.csv").read_text(encoding="utf-8-sig"))))
    data = json.loads((demo_site / "open-data" / "adviezen.json").read_text(encoding="utf-8"))
    assert len(rows) == len(data["recommendations"]) == 20
    assert sum(r["decision"] == "unanswered" for r in rows) == 4
    bodycams_a3 = next(r for r in rows if r["dossier_id"] == "bodycams" and r["recommendation_id"] == "A3")
    assert bodycams_a3["implement_by"] == "2025-12-31" and bodycams_a3["progress"] == "40"
    assert bodycams_a3["days_advice_to_response"] == "106"


def test_atom_feed_lists_dossier_events(demo_site):
    root = ET.parse(demo_site / "stadspanel" / "feed.atom").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert "Advies van het Stadspanel data: Programma Datagedreven sturing" in titles
    assert "Reactie te laat: Programma Datagedreven sturing" in titles
    assert "Voortgang bijgewerkt: Cameratoezicht in het centrum en bij het station" in titles
    assert "Uitvoering te laat: aanbeveling A3 bij Bodycams voor handhavers" in titles


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
    } <= statuses
    assert axe_violations(page) == []


def test_dossiers_filter_by_status_theme_and_year(demo_url, page):
    page.goto(demo_url + "/stadspanel/")
    rows = page.locator("#dossier-tabel tbody tr:visible")
    assert rows.count() == 8
    page.get_by_label("Status").select_option("completed")
    assert rows.count() == 2
    page.get_by_role("button", name="Filters wissen").click()
    page.get_by_label("Jaar").select_option("2026")
    assert rows.count() == 3
    page.get_by_label("Thema").select_option("inclusion")
    assert rows.count() == 2
    assert page.locator("#dossier-status").inner_text() == "2 van 8 adviezen"


def test_dashboard_shows_the_feedback_figures(demo_url, page):
    page.goto(demo_url + "/stadspanel/")
    figures = page.locator(".key-figures").inner_text()
    assert "6\nadviezen" in figures and "106\ndagen duurde de langste reactie" in figures
    assert "80%" in figures and "(16/20)" in figures
    table = page.get_by_role("table", name="Besluiten over alle aanbevelingen")
    assert table.get_by_role("row", name="Overgenomen 13 65%").is_visible()
    assert page.get_by_role("img", name="Besluiten over 20 aanbevelingen").is_visible()
    assert page.get_by_role(
        "link", name="Programma Datagedreven sturing: reactie was uiterlijk 15 oktober 2026 verwacht."
    )


def test_dossier_page_puts_each_recommendation_beside_its_answer_and_links_sensors_both_ways(demo_url, page):
    page.goto(demo_url + "/stadspanel/cameratoezicht/")
    a2 = page.locator("#aanbeveling-A2")
    assert "Evalueer elk jaar per camera" in a2.locator(".recommendation__advice").inner_text()
    answer = a2.locator(".recommendation__answer").inner_text()
    assert (
        "Overgenomen" in answer and "30 juni 2027" in answer and "45%" in answer and "Eerste evaluatie klaar" in answer
    )
    assert "Niet overgenomen" in page.locator("#aanbeveling-A3").inner_text()
    assert "Vertrouwelijk verslag van 10 maart 2026" in page.locator("main").inner_text()
    assert page.locator(".map--location .leaflet-marker-icon").count() >= 1
    assert axe_violations(page) == []
    page.get_by_role("link", name="Camera Kerkbrink").click()
    assert page.url.endswith("/sensoren/HLV-CAM-003/")
    page.get_by_role("link", name="Cameratoezicht in het centrum en bij het station").click()
    assert page.url.endswith("/stadspanel/cameratoezicht/")


def test_incomplete_response_shows_the_unanswered_recommendation(demo_url, page):
    page.goto(demo_url + "/stadspanel/open-hilversum/")
    assert "Reactie onvolledig" in page.locator(".badges").inner_text()
    assert "Nog geen reactie op deze aanbeveling." in page.locator("#aanbeveling-A4").inner_text()


def test_reports_list_shows_public_reports_and_stubs(demo_url, page):
    page.goto(demo_url + "/stadspanel/verslagen/")
    text = page.locator("main").inner_text()
    assert "Vertrouwelijk verslag van 7 juli 2026" in text and "7 januari 2027" in text
    assert axe_violations(page) == []
    page.get_by_role("link", name="Vergadering Stadspanel data, januari 2026").click()
    assert page.locator("h1").inner_text() == "Vergadering Stadspanel data, januari 2026"
