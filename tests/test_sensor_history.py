# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""History from git: a fixture repository with an added, a changed and a removed sensor, a new
response, a draft and a confidential stub yields the expected history, tombstone and feed."""

import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import axe_violations, built_once, copy_project, first_language_only, run_build, serve

ATOM = "{http://www.w3.org/2005/Atom}"
SITEURL = "https://example.org/hilversum"
REGISTER_FILE = "data/sensors/bewoners-en-scholen.csv"
NEW_ID, REMOVED_ID = "LUCHT-901", "LUCHT-002"
DRAFT_TITLE = "Conceptadvies dat nooit zichtbaar mag worden"


def git(project, *args, date="2024-01-10"):
    env = dict(os.environ, GIT_AUTHOR_NAME="Redactie", GIT_AUTHOR_EMAIL="redactie@example.org",
               GIT_COMMITTER_NAME="Redactie", GIT_COMMITTER_EMAIL="redactie@example.org",
               GIT_AUTHOR_DATE=f"{date}T10:00:00+01:00", GIT_COMMITTER_DATE=f"{date}T10:00:00+01:00")  # fmt: skip
    return subprocess.run(["git", "-C", str(project), *args], env=env, check=True, capture_output=True, text=True)


def commit_all(project, message, date):
    git(project, "add", "-A", date=date)
    git(project, "commit", "-q", "-m", message, date=date)


def rewrite(path, change):
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


RESPONSE = """---
title: Reactie op het advies over datagedreven sturing
kind: response
date: 2026-09-30
confidential: false
answers:
  - {recommendation: A1, decision: adopted, how: Elk project krijgt een toets., implement_by: 2027-01-01, status: planned}
---
Reactie.
"""
DRAFT = f"""---
title: {DRAFT_TITLE}
kind: meeting_report
date: 2026-09-01
confidential: false
status: draft
---
Nog niet af.
"""
STUB = """---
kind: meeting_report
date: 2026-09-02
confidential: true
reason: "Het goed functioneren van de gemeente"
woo_ground: 5.1.2i
review_on: 2027-09-02
---
"""


def make_history_project(project):
    """A project whose repository holds: everything; a new sensor; a change to it; a removed sensor;
    a response, a draft and a confidential stub."""
    register = project / REGISTER_FILE
    git(project, "init", "-q", "-b", "main")
    commit_all(project, "Start", "2024-01-10")
    lines = register.read_text(encoding="utf-8").splitlines(keepends=True)
    template = next(line for line in lines if line.startswith("LUCHT-001,"))
    added = template.replace("LUCHT-001,Fijnstofmeter Kerkelanden", f"{NEW_ID},Fijnstofmeter Proef", 1)
    rewrite(register, lambda text: text + added)
    commit_all(project, "Add a sensor", "2024-02-01")
    rewrite(register, lambda text: text.replace(f"{NEW_ID},Fijnstofmeter Proef,", f"{NEW_ID},Fijnstofmeter Proefstraat,"))
    commit_all(project, "Rename it", "2024-03-01")
    rewrite(register, lambda text: "".join(line for line in text.splitlines(keepends=True)
                                           if not line.startswith(REMOVED_ID + ",")))  # fmt: skip
    # An editor who removes a sensor also takes it out of the datasets that name it.
    rewrite(project / "data/metingen/datasets.yml", lambda text: text.replace(f" {REMOVED_ID},", ""))
    commit_all(project, "Remove a sensor", "2024-04-01")
    (project / "content/stadspanel/datagedreven-sturing/2026-09-30-reactie.md").write_text(RESPONSE, encoding="utf-8")
    (project / "content/stadspanel/verslagen/2026-09-01-concept.md").write_text(DRAFT, encoding="utf-8")
    (project / "content/stadspanel/verslagen/2026-09-02-vertrouwelijk.md").write_text(STUB, encoding="utf-8")
    commit_all(project, "A response, a draft and a stub", "2024-05-01")


def build_history(folder):
    make_history_project(copy_project(folder / "project"))
    run_build(folder / "project", folder / "output", settings="publishconf.py", siteurl=SITEURL)


@pytest.fixture(scope="session")
def history_built(tmp_path_factory):
    """The history project and its published site, made once per test session (this module's tests and
    test_english_everywhere's read them); nothing may change either."""
    return built_once(tmp_path_factory, "history", build_history)


# Of module scope, so that this module's tests go to one test worker together (conftest's scheduling): the
# others would wait for the worker that makes the session's history.
@pytest.fixture(scope="module")
def history_project(history_built):
    return history_built / "project"


@pytest.fixture(scope="module")
def history_site(history_built):
    return history_built / "output"


def text_of(path):
    html = Path(path).read_text(encoding="utf-8")
    main = html[html.index("<main"): html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def sensor_rows(register_text):
    return [line for line in register_text.splitlines()[1:] if line.strip()]


def test_new_sensor_page_shows_when_it_was_added_and_what_changed(history_site):
    text = text_of(history_site / f"sensoren/{NEW_ID}/index.html")
    history = text[text.index("Geschiedenis"):]
    assert "1 maart 2024" in history and "1 februari 2024" in history
    assert history.index("1 maart 2024") < history.index("1 februari 2024"), "newest first"
    assert re.search(r"Naam: Fijnstofmeter Proef .*Fijnstofmeter Proefstraat", history)
    assert "onvolledig" not in history and "niet beschikbaar" not in history


def test_removed_sensor_keeps_its_page_marked_removed(history_site, history_project):
    page = history_site / f"sensoren/{REMOVED_ID}/index.html"
    assert page.exists(), "a removed sensor's address must keep working"
    text = text_of(page)
    assert "Verwijderd op 1 april 2024" in text
    assert "Fijnstofmeter Hilversumse Meent" in text  # its last known name
    register = (history_project / REGISTER_FILE).read_text(encoding="utf-8")
    assert not any(line.startswith(REMOVED_ID + ",") for line in register.splitlines())


def test_changes_page_lists_every_change_newest_first_and_filters_by_kind(history_site, history_project):
    initial = git(history_project, "rev-list", "--max-parents=0", "HEAD").stdout.strip()
    files = git(history_project, "ls-tree", "--name-only", initial, "data/sensors/").stdout.split()
    sensors_at_start = sum(len(sensor_rows(git(history_project, "show", f"{initial}:{name}").stdout)) for name in files)
    added_page = text_of(history_site / "sensoren/wijzigingen/toegevoegd/index.html")
    assert added_page.count("Sensor toegevoegd:") == min(100, sensors_at_start + 1)  # pages of 100
    removed = text_of(history_site / "sensoren/wijzigingen/verwijderd/index.html")
    assert removed.count("Sensor verwijderd:") == 1 and "Fijnstofmeter Hilversumse Meent" in removed
    changed = text_of(history_site / "sensoren/wijzigingen/gewijzigd/index.html")
    assert changed.count("Sensor gewijzigd:") == 1 and "Fijnstofmeter Proefstraat" in changed
    everything = text_of(history_site / "sensoren/wijzigingen/index.html")
    dates = [m.group(0) for m in re.finditer(r"\d{1,2} (januari|februari|maart|april|mei) 2024", everything)]
    assert dates[0] == "1 mei 2024" and "Reactie op het advies over datagedreven sturing" in everything


def test_dossier_page_shows_when_its_documents_were_published(history_site):
    text = text_of(history_site / "stadspanel/datagedreven-sturing/index.html")
    history = text[text.index("Geschiedenis van de stukken"):]
    assert "1 mei 2024" in history and "10 januari 2024" in history


def test_drafts_and_confidential_stubs_leave_no_trace(history_site):
    for path in [history_site / "sensoren/wijzigingen.atom", *history_site.glob("sensoren/wijzigingen/**/*.html"),
                 history_site / "open-data/catalogus.json"]:  # fmt: skip
        text = path.read_text(encoding="utf-8")
        assert DRAFT_TITLE not in text and "2026-09-01-concept" not in text, path
        assert "vertrouwelijk" not in text.lower().replace("vertrouwelijke", ""), path


def test_feed_is_valid_atom_with_the_changes(history_site):
    root = ET.parse(history_site / "sensoren/wijzigingen.atom").getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{required}") or "").strip(), required
    entries = root.findall(f"{ATOM}entry")
    assert entries
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids) and all(re.match(r"^[a-z][a-z0-9+.-]*:", i) for i in ids), "unique absolute IRIs"
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}link").get("href").startswith(SITEURL + "/")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles[0].startswith("Stuk gepubliceerd: Reactie op het advies over datagedreven sturing")
    assert "Sensor verwijderd: Fijnstofmeter Hilversumse Meent" in titles
    assert any(t == "Sensor gewijzigd: Fijnstofmeter Proefstraat" for t in titles)


def test_shallow_clone_builds_and_says_history_is_incomplete(history_project, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{history_project}", str(clone)], check=True)
    run_build(clone, tmp_path / "output", adjust=first_language_only)  # one Dutch page is read
    text = text_of(tmp_path / "output" / f"sensoren/{NEW_ID}/index.html")
    assert "De geschiedenis is onvolledig: wijzigingen van vóór 1 mei 2024 zijn niet bekend." in text


def test_copy_without_repository_builds_and_says_history_is_unavailable(demo_site_again):
    """demo_site_again is the demo built from a copy of the project without its repository."""
    text = text_of(demo_site_again / "sensoren/wijzigingen/index.html")
    assert "De geschiedenis is niet beschikbaar" in text


def test_changes_and_removed_sensor_pages_have_no_axe_violations(history_project, tmp_path, page):
    # Development settings: served from this machine. Only Dutch pages are opened (and no search page).
    run_build(history_project, tmp_path / "output", adjust=first_language_only)
    with serve(tmp_path / "output") as url:
        for path in ("sensoren/wijzigingen/", "sensoren/wijzigingen/gewijzigd/", f"sensoren/{REMOVED_ID}/",
                     f"sensoren/{NEW_ID}/"):  # fmt: skip
            page.goto(f"{url}/{path}")
            assert axe_violations(page) == [], path
