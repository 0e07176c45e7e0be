# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The public history read from git survives bad past commits (issue 18, classes 3 and 4).

A past version that cannot be read is left out with a note, never failing or slowing a build;
`git log` output holding any file name is read right; a pasted line separator or control
character never makes the history claim a change that did not happen; a commit dated in the
future is not shown on that future date. Small repositories are made in temporary folders.
"""

import csv
import datetime
import io
import json
import re
import resource
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sensor_history import git as history_git
from sensor_history.history import (
    DOCUMENT_CHANGED,
    DOCUMENT_PUBLISHED,
    SENSOR_ADDED,
    SENSOR_CHANGED,
    SENSOR_REMOVED,
    DocumentHistory,
    History,
    SensorHistory,
    read_history,
)
from test_sensor_history import commit_all, git

COLUMNS = ["sensor_id", "name", "summary", "status"]
REGISTER = "data/sensors/register.csv"
DOCUMENT = "content/stadspanel/dossier/2024-01-10-advies.md"
TODAY = datetime.date(2024, 6, 1)
PUBLIC = "---\ntitle: Advies\nkind: advice\ndate: 2024-01-10\nconfidential: false\n---\nTekst {n}.\n"
# Nine levels of nine: expanding it builds 9**9 (387 million) strings; as text it is under 600 bytes.
ALIAS_BOMB = "---\ntitle: Advies\nconfidential: false\n" + textwrap.dedent("""\
    a: &a ["x","x","x","x","x","x","x","x","x"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
    """) + "---\nTekst.\n"  # fmt: skip


def register_text(rows, columns=COLUMNS):
    return "\n".join([",".join(columns), *(",".join(row) for row in rows)]) + "\n"


def write(project, path, content):
    target = project / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8", newline="")


@pytest.fixture
def repo(tmp_path):
    """An empty repository whose commits are made with `commit(date, {path: text or bytes or None})`."""
    project = tmp_path / "project"
    (project / "data/sensors").mkdir(parents=True)
    git(project, "init", "-q", "-b", "main")

    def commit(date, files):
        for path, content in files.items():
            if content is None:
                (project / path).unlink()
            else:
                write(project, path, content)
        commit_all(project, f"change of {date}", date)

    commit.project = project
    return commit


def history_of(project, documents=(), today=TODAY):
    return read_history(project / "data/sensors", {project / path: path for path in documents}, COLUMNS, today=today)


def changes_on(history, day):
    return [change for change in history.changes if change.date == datetime.date.fromisoformat(day)]


def notes_text(history):
    return "\n".join(str(note) for note in history.notes)


# --- class 3: a bad past version is left out with a note ---


@pytest.mark.parametrize("nested", [
    "a: " + "[" * 3000 + "]" * 3000,
    "a:\n  " + "- " * 3000 + "x",  # block sequences, each inside the one before
], ids=["flow", "block"])  # fmt: skip
def test_front_matter_nested_3000_deep_in_a_past_commit_is_left_out_with_a_note(repo, nested):
    repo("2024-01-10", {DOCUMENT: PUBLIC.format(n=1)})
    repo("2024-02-01", {DOCUMENT: f"---\ntitle: Advies\nconfidential: false\n{nested}\n---\nTekst.\n"})
    repo("2024-03-01", {DOCUMENT: PUBLIC.format(n=3)})
    history = history_of(repo.project, [DOCUMENT])
    assert [(c.kind, c.date.isoformat()) for c in history.changes] == [
        (DOCUMENT_PUBLISHED, "2024-01-10"), (DOCUMENT_CHANGED, "2024-03-01")]  # fmt: skip
    assert len(history.notes) == 1
    note = notes_text(history)
    assert "versie van 2024-02-01" in note and DOCUMENT in note and "niveaus" in note, note


def test_an_alias_bomb_in_a_past_commit_is_left_out_quickly_and_in_little_memory(repo, tmp_path):
    repo("2024-01-10", {DOCUMENT: PUBLIC.format(n=1)})
    repo("2024-02-01", {DOCUMENT: ALIAS_BOMB})
    repo("2024-03-01", {DOCUMENT: PUBLIC.format(n=3)})
    assert len(ALIAS_BOMB.encode()) < 600
    # In a process of its own, capped at 1 GB and 60 s: expanding the aliases (5.6 GB, 46 s before this fix)
    # would fail it with MemoryError or time it out.
    script = textwrap.dedent(f"""
        import datetime, json, pathlib
        from sensor_history.history import read_history
        project = pathlib.Path({str(repo.project)!r})
        history = read_history(project / "data/sensors", {{project / {DOCUMENT!r}: {DOCUMENT!r}}}, [],
                               today=datetime.date(2024, 6, 1))
        print(json.dumps({{"changes": [[c.kind, c.date.isoformat()] for c in history.changes],
                          "notes": [str(n) for n in history.notes]}}))
    """)

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))

    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            preexec_fn=limit_memory, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["changes"] == [[DOCUMENT_PUBLISHED, "2024-01-10"], [DOCUMENT_CHANGED, "2024-03-01"]]
    assert len(found["notes"]) == 1 and "versie van 2024-02-01" in found["notes"][0]
    assert "anker (&a)" in found["notes"][0]


@pytest.mark.parametrize("bad", [
    b"\xff\xfe\x00\xd8",  # damaged UTF-16
    "sensor_id,name,summary,status\nA-1,Meter,een \xe9,active\n".encode()[:-12] + b"\xe9\xff\n",  # mixed
    b"sensor_id;name\nA-1;Meter;te veel\n",  # a row wider than its header
    b'sensor_id,name,summary,status\nA-1,"Meter,x,active\n',  # an unclosed quote
    b"name,summary\nMeter,x\n",  # no sensor_id column
    b"sensor_id,name,summary,status\nA-1,Meter,x,active\nA-1,Meter 2,y,active\n",  # the same id twice
    b"",  # emptied
], ids=["utf16", "mixed-encoding", "wide-row", "open-quote", "no-id-column", "same-id", "empty"])  # fmt: skip
def test_an_unreadable_past_register_version_is_left_out_and_claims_nothing(repo, bad):
    repo("2024-01-10", {REGISTER: register_text([["A-1", "Meter", "x", "active"], ["B-2", "Teller", "y", "active"]])})
    repo("2024-02-01", {REGISTER: bad})
    repo("2024-03-01", {REGISTER: register_text([["A-1", "Meter Noord", "x", "active"], ["B-2", "Teller", "y", "active"]])})
    history = history_of(repo.project)
    assert changes_on(history, "2024-02-01") == [], "nothing is claimed from a version that cannot be read"
    assert [(c.kind, c.subject, c.fields) for c in changes_on(history, "2024-03-01")] == [
        (SENSOR_CHANGED, "A-1", (("name", "Meter", "Meter Noord"),))]  # fmt: skip
    assert len(history.notes) == 1 and "versie van 2024-02-01" in str(history.notes[0])
    assert REGISTER in str(history.notes[0])


def test_a_huge_past_version_is_not_read_and_left_out_with_a_note(repo, monkeypatch):
    monkeypatch.setattr(history_git, "MAX_VERSION_BYTES", 10_000)
    repo("2024-01-10", {REGISTER: register_text([["A-1", "Meter", "x", "active"]])})
    repo("2024-02-01", {REGISTER: register_text([["A-1", "Meter", "x" * 20_000, "active"]])})
    repo("2024-03-01", {REGISTER: register_text([["A-1", "Meter 2", "x", "active"]])})
    history = history_of(repo.project)
    assert [(c.date.isoformat(), c.fields) for c in history.changes if c.kind == SENSOR_CHANGED] == [
        ("2024-03-01", (("name", "Meter", "Meter 2"),))]  # fmt: skip
    assert len(history.notes) == 1 and "versie van 2024-02-01" in str(history.notes[0])
    assert "bytes" in str(history.notes[0])


def test_the_build_log_shows_the_note_and_the_build_does_not_fail(repo, capsys):
    from sensor_history import report_notes

    repo("2024-01-10", {DOCUMENT: PUBLIC.format(n=1)})
    repo("2024-02-01", {DOCUMENT: ALIAS_BOMB})
    report_notes(history_of(repo.project, [DOCUMENT]).notes)
    log = capsys.readouterr().err
    assert "versie van 2024-02-01" in log and DOCUMENT in log and "overgeslagen" in log


# --- file names git log must not misread ---


@pytest.mark.parametrize("name", [
    "data/sensors/a\x1eb\nc.csv", 'data/sensors/"q"\tt.csv', "data/sensors/x\x00y.csv".replace("\x00", "\x1f"),
    "data/sensors/:100644 100644 abc.csv", "data/sensors/\udcff.csv",
], ids=["record-separator-and-newline", "quote-and-tab", "unit-separator", "looks-like-raw-line",
        "not-utf-8"])  # fmt: skip
def test_a_register_file_name_holding_separators_is_read(repo, name):
    repo("2024-01-10", {name: register_text([["A-1", "Meter", "x", "active"]])})
    repo("2024-02-01", {name: register_text([["A-1", "Meter Zuid", "x", "active"]])})
    repo("2024-03-01", {name: None})
    history = history_of(repo.project)
    assert [(c.date.isoformat(), c.kind, c.subject) for c in history.changes] == [
        ("2024-01-10", SENSOR_ADDED, "A-1"), ("2024-02-01", SENSOR_CHANGED, "A-1"),
        ("2024-03-01", SENSOR_REMOVED, "A-1")]  # fmt: skip
    assert history.notes == []
    repository = history_git.open_repository(repo.project)
    commits = history_git.commits(repository, ["data/sensors"])
    assert [[version.path for version in commit.files] for commit in commits] == [[name]] * 3


def test_a_file_name_is_never_read_as_a_commit_or_a_diff_line():
    blob = "1" * 40
    output = (b"\0commit " + b"a" * 40 + b"\x002024-01-10T10:00:00+01:00\0\n"
              b":000000 100644 " + b"0" * 40 + b" " + blob.encode() + b" A\0commit " + b"b" * 40 + b"\0"
              b":000000 100644 " + b"0" * 40 + b" " + blob.encode() + b" A\0:100644 x\nz\0"
              b"\0commit " + b"c" * 40 + b"\x00not a date\0\n")  # fmt: skip
    commits = history_git.parse_log(output)
    assert [(c.sha[0], c.date, [f.path for f in c.files]) for c in commits] == [
        ("a", datetime.date(2024, 1, 10), ["commit " + "b" * 40, ":100644 x\nz"]), ("c", None, [])]  # fmt: skip


# --- class 4: never claim a change that did not happen ---

SEPARATORS = ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]


@pytest.mark.parametrize("separator", SEPARATORS, ids=[f"U+{ord(s):04X}" for s in SEPARATORS])
def test_a_line_separator_in_a_summary_changes_only_the_summary_and_hides_nothing(repo, separator):
    other = ["B-2", "Teller", "telt fietsen", "active"]
    repo("2024-01-10", {REGISTER: register_text([["A-1", "Meter", "meet fijnstof", "active"], other])})
    pasted = f"meet fijnstof{separator}en stikstof"
    repo("2024-02-01", {REGISTER: register_text([["A-1", "Meter", pasted, "active"], other])})
    repo("2024-03-01", {REGISTER: register_text([["A-1", "Meter Oost", pasted, "active"], other])})
    history = history_of(repo.project)
    assert [c.kind for c in history.changes if c.date > datetime.date(2024, 1, 10)] == [SENSOR_CHANGED] * 2
    (pasted_change,) = changes_on(history, "2024-02-01")
    ((field, old, new),) = pasted_change.fields
    assert (pasted_change.subject, field, old) == ("A-1", "summary", "meet fijnstof")
    assert new.startswith("meet fijnstof") and new.endswith("en stikstof") and len(new) == len(pasted)
    (next_change,) = changes_on(history, "2024-03-01")
    assert next_change.subject == "A-1" and next_change.fields == (("name", "Meter", "Meter Oost"),)
    assert all(new for change in history.changes for _field, _old, new in change.fields), "nothing emptied"


def test_a_control_character_in_a_past_value_is_shown_as_a_replacement_not_written_raw(repo):
    repo("2024-01-10", {REGISTER: register_text([["A-1", "Meter", "x", "active"]])})
    repo("2024-02-01", {REGISTER: register_text([["A-1", "Me\x01ter\u202e", "x", "active"]])})
    (change,) = changes_on(history_of(repo.project), "2024-02-01")
    assert change.fields == (("name", "Meter", "Me\ufffdter\ufffd"),)


def test_a_commit_dated_in_the_future_is_shown_when_it_was_visible_with_a_note(repo):
    repo("2024-01-10", {REGISTER: register_text([["A-1", "Meter", "x", "active"]])})
    repo("2031-05-05", {REGISTER: register_text([["A-1", "Meter 2", "x", "active"]])})  # a wrong clock
    repo("2024-03-01", {REGISTER: register_text([["A-1", "Meter 2", "x", "active"], ["B-2", "Teller", "y", "active"]])})
    repo("2032-01-01", {REGISTER: register_text([["B-2", "Teller", "y", "active"]])})
    history = history_of(repo.project)
    assert all(change.date <= TODAY for change in history.changes)
    (renamed,) = [c for c in history.changes if c.kind == SENSOR_CHANGED]
    assert renamed.date == datetime.date(2024, 3, 1), "visible at the latest with the next commit"
    (removed,) = [c for c in history.changes if c.kind == SENSOR_REMOVED]
    assert removed.date == TODAY, "the last commit: visible at the latest on the build date"
    assert len(history.notes) == 2 and "2031-05-05" in str(history.notes[0]) and "2032-01-01" in str(history.notes[1])
    assert history.since == datetime.date(2024, 1, 10)


# --- any bytes as a past version ---

def csv_bytes(rows):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([["sensor_id", "name"], *rows])
    return buffer.getvalue().encode("utf-8", "surrogatepass")


register_bytes = st.one_of(
    st.binary(max_size=300),
    st.lists(st.lists(st.text(max_size=8), min_size=1, max_size=3), max_size=5).map(csv_bytes),  # any text, quoted
    st.lists(st.tuples(st.sampled_from(["A-1", "B-2", "C-3", ""]), st.text(max_size=8)), max_size=4).map(csv_bytes),
)
document_bytes = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda text: ("---\n" + text + "\n---\nTekst.\n").encode("utf-8", "surrogatepass")),
    st.sampled_from([PUBLIC.format(n=1), ALIAS_BOMB, "---\nconfidential: ja\n---\n"]).map(str.encode),
)


class FakeCommits:
    """Commits and blobs without git: the history's readers fed straight from Hypothesis."""

    def __init__(self, path, versions):
        self.blobs = {f"{index:040x}": raw for index, raw in enumerate(versions)}
        self.commits = [history_git.Commit(f"{index:040x}", datetime.date(2024, 1, 1 + index),
                                           (history_git.FileVersion(path, blob),))
                        for index, blob in enumerate(self.blobs)]  # fmt: skip

    def feed(self, follower):
        for commit in self.commits:
            follower.apply(commit, self.blobs.get)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(register_bytes, min_size=1, max_size=4))
def test_any_bytes_as_past_register_versions_give_changes_or_notes(versions):
    history = History()
    FakeCommits(REGISTER, versions).feed(SensorHistory("data/sensors", ["name"], history))
    kinds = {SENSOR_ADDED, SENSOR_CHANGED, SENSOR_REMOVED}
    event(f"changes: {bool(history.changes)}, notes: {bool(history.notes)}")
    assert all(change.kind in kinds for change in history.changes)
    assert len(history.notes) <= len(versions)
    for note in history.notes:
        assert "versie van" in str(note) and str(note).isprintable()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(document_bytes, min_size=1, max_size=4))
def test_any_bytes_as_past_document_versions_give_changes_or_notes(versions):
    history = History()
    FakeCommits(DOCUMENT, versions).feed(DocumentHistory({DOCUMENT: DOCUMENT}, history))
    assert all(change.kind in (DOCUMENT_PUBLISHED, DOCUMENT_CHANGED) for change in history.changes)
    event(f"changes: {bool(history.changes)}, notes: {bool(history.notes)}")
    assert len(history.changes) + len(history.notes) <= len(versions)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(register=register_bytes, document=document_bytes)
def test_any_bytes_committed_to_git_give_changes_or_notes(tmp_path_factory, register, document):
    project = tmp_path_factory.mktemp("fuzz")
    git(project, "init", "-q", "-b", "main")
    write(project, REGISTER, register_text([["A-1", "Meter", "x", "active"]]))
    write(project, DOCUMENT, PUBLIC.format(n=1))
    commit_all(project, "start", "2024-01-10")
    write(project, REGISTER, register)
    write(project, DOCUMENT, document)
    git(project, "add", "-A", date="2024-02-01")
    git(project, "commit", "-q", "--allow-empty", "-m", "any bytes", date="2024-02-01")
    history = history_of(project, [DOCUMENT])
    assert all(change.date <= TODAY for change in history.changes)
    assert all("versie van 2024-02-01" in str(note) for note in history.notes)


# --- a whole build over such a history ---

ADVICE = "content/stadspanel/datagedreven-sturing/2026-08-20-advies.md"
SENSOR_FILE = "data/sensors/bewoners-en-scholen.csv"


def test_a_site_builds_over_bad_past_commits_and_tells_the_truth(project_copy_factory, tmp_path):
    from conftest import TEST_BUILD_EPOCH, run_build
    from site_language import format_date
    from test_sensor_history import rewrite, text_of

    build_day = format_date(datetime.datetime.fromtimestamp(int(TEST_BUILD_EPOCH), datetime.UTC).date(), "nl")

    project = project_copy_factory()
    git(project, "init", "-q", "-b", "main")
    commit_all(project, "Start", "2024-01-10")
    advice = (project / ADVICE).read_text(encoding="utf-8")
    (project / ADVICE).write_text(ALIAS_BOMB, encoding="utf-8")
    rewrite(project / SENSOR_FILE, lambda text: text.replace(
        "LUCHT-001,Fijnstofmeter Kerkelanden,\"Zelfgebouwde fijnstofmeter van",
        "LUCHT-001,Fijnstofmeter Kerkelanden,\"Zelfgebouwde fijnstofmeter\u2028van", 1))  # fmt: skip
    commit_all(project, "An alias bomb and a pasted line separator", "2024-02-01")
    (project / ADVICE).write_text(advice.replace("Gebruik de Handreiking", "Gebruik vooral de Handreiking"),
                                  encoding="utf-8")  # fmt: skip
    # Today's files refuse the separator (make check names it), so the fix takes it out again.
    rewrite(project / SENSOR_FILE, lambda text: text.replace("LUCHT-001,Fijnstofmeter Kerkelanden,",
                                                             "LUCHT-001,Fijnstofmeter Kerkelanden-Noord,", 1)
            .replace("fijnstofmeter\u2028van", "fijnstofmeter van", 1))  # fmt: skip
    commit_all(project, "Fixed, and a real change", "2024-03-01")
    rewrite(project / SENSOR_FILE, lambda text: text.replace("LUCHT-001,Fijnstofmeter Kerkelanden-Noord,",
                                                             "LUCHT-001,Fijnstofmeter Kerkelanden-Zuid,", 1))
    commit_all(project, "A clock far ahead", "2030-01-01")
    output = tmp_path / "output"
    result = run_build(project, output)
    assert "versie van 2024-02-01" in result.stderr and ADVICE in result.stderr, result.stderr
    assert "2030-01-01" in result.stderr
    page = text_of(output / "sensoren/LUCHT-001/index.html")
    history = page[page.index("Geschiedenis"):]
    # The next commit's real change, on its own day; the pasted separator's commit changed the summary only.
    assert re.search(r"1 maart 2024 : Sensor gewijzigd Naam: Fijnstofmeter Kerkelanden \S+ \S+ Fijnstofmeter "
                     r"Kerkelanden-Noord", history), history
    assert re.search(r"1 februari 2024 : Sensor gewijzigd Samenvatting: Zelfgebouwde fijnstofmeter van", history)
    assert "(leeg)" not in history, "no field was emptied"
    assert "2030" not in history and build_day in history, "shown on the build date, not in the future"
    dossier = text_of(output / "stadspanel/datagedreven-sturing/index.html")
    dossier_history = dossier[dossier.index("Geschiedenis van de stukken"):]
    assert "1 maart 2024" in dossier_history and "1 februari 2024" not in dossier_history


# --- linear: one git log and one cat-file process, one read per file version ---


def test_reading_the_history_costs_one_read_per_file_version_and_a_fixed_number_of_git_processes(repo, monkeypatch):
    calls = {"git": 0, "reads": 0}
    popen, read = subprocess.Popen, history_git.BlobReader.read

    class CountedPopen(popen):  # every process: subprocess.run starts its own through Popen too
        def __init__(self, *args, **kwargs):
            calls["git"] += 1
            super().__init__(*args, **kwargs)

    def counted_read(self, blob):
        calls["reads"] += 1
        return read(self, blob)

    found = {}
    for commits in (3, 12):
        for number in range(len(found.get("dates", [])), commits):
            day = (datetime.date(2024, 1, 1) + datetime.timedelta(days=number)).isoformat()
            repo(day, {REGISTER: register_text([["A-1", f"Meter {number}", "x", "active"]]),
                       DOCUMENT: PUBLIC.format(n=number)})  # fmt: skip
            found.setdefault("dates", []).append(day)
        calls.update(git=0, reads=0)
        with monkeypatch.context() as patch:
            patch.setattr(subprocess, "Popen", CountedPopen)
            patch.setattr(history_git.BlobReader, "read", counted_read)
            history = history_of(repo.project, [DOCUMENT])
        assert len(history.changes) == 2 * commits  # the sensor added or changed, the document published or changed
        assert calls["reads"] == 2 * commits, "each version read once"
        found[commits] = calls["git"]
    assert found[3] == found[12] <= 7, "as many git processes for 12 commits as for 3"
