# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""What a careless or hostile editor commits is refused, named at its file and line, and never published.

Every test changes a copy of the project and drives the real commands: the content check
(`python -m content_check`, what `make check` runs: its `main` in the test process, or in a process of
its own where a hang must be stopped by a timeout) and the Pelican build. Messages are matched
on `path:line: field:`; leaks are searched for with a canary text in every output file. A case that
must stop the build has a copy of its own; cases that cannot touch each other share one copy (a
module fixture: one check, one build), each test asserting its own case.
"""

import codecs
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import time

import conftest
import pytest
from conftest import TEST_BUILD_EPOCH, check_content, html_pages, serve, url_of

DOSSIER = "content/stadspanel/druktemeter"
REQUEST = f"{DOSSIER}/2020-09-01-adviesverzoek.md"
ADVICE = f"{DOSSIER}/2020-10-12-advies.md"
RESPONSE = f"{DOSSIER}/2020-11-20-reactie.md"
NOTE = f"{DOSSIER}/2020-10-20-gespreksnotitie.md"
ENV_CANARY = "KANARIE-OMGEVING-5521"


# --- helpers -------------------------------------------------------------------------------------


def run_build(project, output, **options):
    """`conftest.run_build` without the search index, which no test here looks at (~0.5 s of CPU a build);
    `search=True` for a site a browser opens (its pages load the search's script)."""
    search = options.pop("search", False)
    return conftest.run_build(project, output, adjust=None if search else without_search_index, **options)


def without_search_index(settings):
    settings["SEARCH_ENABLED"] = False


def content_check(project, own_process=False):
    """(exit code, everything printed, seconds) of `make check` on a project copy.

    In this process, unless `own_process`: then in a fresh one, whose timeout (60 s) stops a hang."""
    started = time.perf_counter()
    if own_process:
        env = dict(os.environ, SOURCE_DATE_EPOCH=TEST_BUILD_EPOCH)
        result = subprocess.run([sys.executable, "-m", "content_check"], cwd=project, env=env, capture_output=True,
                                text=True, timeout=60, check=False)  # fmt: skip
    else:
        result = check_content(project, env={"SOURCE_DATE_EPOCH": TEST_BUILD_EPOCH})
    return result.returncode, result.stdout + result.stderr, time.perf_counter() - started


def reported(output, path, line, field, message=""):
    """The lines of `output` that are `path:line: field: ...message...` (message a regular expression)."""
    pattern = re.compile(rf"^{re.escape(path)}:{line}: {re.escape(field)}: .*{message}", re.MULTILINE)
    return pattern.findall(output)


def assert_refused(project, path, line, field, message=""):
    code, output, _ = content_check(project)
    return assert_named(code, output, path, line, field, message)


def assert_named(code, output, path, line, field, message=""):
    """`make check` (its exit code and everything printed) refused, named `path:line: field: ...message...`."""
    assert "Traceback" not in output, output
    assert code == 1, output
    assert reported(output, path, line, field, message), f"no '{path}:{line}: {field}: {message}' in:\n{output}"
    return output


def assert_refused_by_check_and_build(project, output, path, line, field, message=""):
    """`make check` and a bare build (no `make check` first) both name the problem; no traceback, nothing built."""
    assert_refused(project, path, line, field, message)
    result = run_build(project, output, check=False)
    printed = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in printed, printed[-3000:]
    assert reported(printed, path, line, field, message), printed[-3000:]
    assert not output.exists() or not list(output.rglob("*.html")), "the build wrote pages"


def write(project, relative, text, encoding="utf-8"):
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def line_of(project, relative, prefix):
    """The number of the first line of a file that starts with `prefix`."""
    lines = (project / relative).read_text(encoding="utf-8-sig").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(prefix))


def replace_line(project, relative, prefix, new_line):
    path = project / relative
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(prefix))
    lines[index] = new_line
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def files_containing(output, canary):
    """Every output file that holds the canary text (bytes, so nothing is skipped)."""
    if not output.exists():
        return []
    return [p for p in output.rglob("*") if p.is_file() and canary.encode() in p.read_bytes()]


def build_fails_and_leaks_nothing(project, output, canary, problem):
    """The build stops, prints the problem (`path:line: field:`) without a traceback, and no file holds the canary."""
    result = run_build(project, output, check=False)
    assert result.returncode != 0, "the build went on:\n" + result.stdout + result.stderr
    assert problem in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert files_containing(output, canary) == []


def note(front_matter, body="", dossier_file=NOTE):
    """A dossier document (front matter lines, then the body); `---` is line 1."""
    return dossier_file, "---\n" + "\n".join(front_matter) + "\n---\n" + body


def register_rows(project, name):
    """(header line, data lines) of a register file as text."""
    lines = (project / "data" / "sensors" / name).read_bytes().decode("utf-8-sig").splitlines()
    return lines[0], [line for line in lines[1:] if line.strip()]


def sensor_ids(project, name):
    header, rows = register_rows(project, name)
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return [row["sensor_id"] for row in csv.DictReader(io.StringIO("\n".join([header, *rows])), delimiter=delimiter)]


def extra_register_file(project, name, new_id, notes="", encoding="utf-8"):
    """A register file with one sensor: a demo sensor under a new id (and other notes)."""
    header, rows = register_rows(project, "bewoners-en-scholen.csv")
    reader = csv.DictReader(io.StringIO("\n".join([header, rows[0]])))
    row = next(reader)
    row["sensor_id"] = new_id
    if notes:
        row["notes"] = notes
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=reader.fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    return write(project, f"data/sensors/{name}", text.getvalue(), encoding)


# --- Accepted as written: every case in one copy, one `make check`, one build ---------------------

# The cases of files a build reads correctly (sections 5, 6, 10 and the last): none is refused and none touches
# another's files (each its own file, canary and picture), so one project copy holds them all. `make check`
# passes on it (one run) and one build publishes it; each test asserts its own case on that build.
UPPER_CASE_REGISTER = ("extra.CSV", "HOOFDLETTER-001")
UPPER_CASE_DOCUMENT = (f"{DOSSIER}/notitie.MD", "KANARIE-HOOFDLETTERS-8120")
UPPER_CASE_PAGES = {folder: (f"content/{folder}/hoofdletters.MD", f"KANARIE-MD-{folder.upper()}-3391")
                    for folder in ("pages", "verhalen")}  # fmt: skip
CP1252_REGISTER = "bewoners-en-scholen.csv"
UTF16_REGISTERS = {"utf-16": "andere-eigenaren.csv", "utf-16-be": "gemeente-hilversum.csv"}
BOM_FILES = (REQUEST, "content/pages/over.md", "content/stadspanel/index.md")
FORMULAS = {"name": '@SUM(1+1)*cmd|" /C calc"!A0', "notes": '=HYPERLINK("http://evil.example","klik")'}
FORMULA_REGISTER = "bewoners-en-scholen.csv"  # its second sensor (the first is the Windows-1252 case's)
CAPITAL_DRAFTS = ("content/pages/hoofd.md", NOTE, "KANARIE-HOOFD-4471")
# (page, its metadata, the picture only it uses)
UNPUBLISHED_PICTURES = [
    ("content/pages/concept.md", "Title: Concept\nSlug: concept\nStatus: draft\n", "alleen-concept-pagina.svg"),
    ("content/pages/verborgen.md", "Title: Verborgen\nSlug: verborgen\nStatus: hidden\n", "alleen-verborgen.svg"),
    ("content/verhalen/concept.md", "Title: Concept\nSlug: concept\nDate: 2024-01-01\nStatus: draft\n",
     "alleen-concept-verhaal.svg"),
]  # fmt: skip


def write_accepted_cases(project):
    """Every accepted case into one project copy; returns what the tests compare with (sensor ids, formula row)."""
    extra_register_file(project, *UPPER_CASE_REGISTER)
    document, canary = UPPER_CASE_DOCUMENT
    write(project, *note(["title: Gespreksnotitie", "kind: conversation_note", "date: 2020-10-20",
                          "confidential: false"], canary + "\n", dossier_file=document))  # fmt: skip
    for relative, canary in UPPER_CASE_PAGES.values():
        write(project, relative, f"Title: Hoofdletters\nSlug: hoofdletters\nDate: 2024-01-01\n\n{canary}\n")
    # The spreadsheet formulas, before the file becomes Windows-1252 (both are plain ASCII there).
    path = project / "data/sensors" / FORMULA_REGISTER
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    for column, formula in FORMULAS.items():
        rows[2][rows[0].index(column)] = formula
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    path.write_text(text.getvalue(), encoding="utf-8")
    path = project / "data/sensors" / CP1252_REGISTER
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    utf16_ids = {}
    for encoding, name in UTF16_REGISTERS.items():
        path = project / "data/sensors" / name
        utf16_ids[encoding] = sensor_ids(project, name)
        text = path.read_bytes().decode("utf-8-sig")
        path.write_bytes((codecs.BOM_UTF16_BE if encoding.endswith("be") else b"") + text.encode(encoding))
    for relative in BOM_FILES:
        path = project / relative
        path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    page, document, canary = CAPITAL_DRAFTS
    write(project, page, f"Title: Hoofd\nSlug: hoofd\nStatus: Draft\n\n{canary}\n")
    write(project, *note(["title: Notitie", "kind: conversation_note", "date: 2020-10-20", "confidential: false",
                          "status: Draft"], canary + "\n", dossier_file=document))  # fmt: skip
    for relative, metadata, picture in UNPUBLISHED_PICTURES:
        write(project, f"content/images/{picture}", "<svg xmlns='http://www.w3.org/2000/svg'/>")
        write(project, relative, metadata + f"\n![plan]({{static}}/images/{picture})\n")
    return {"utf16 ids": utf16_ids, "formula sensor": rows[2][0]}


@pytest.fixture(scope="module")
def accepted_site(tmp_path_factory):
    """(`make check`'s (exit code, everything printed), the build's result, its output folder, what
    `write_accepted_cases` returned) of one copy holding every accepted case."""
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("accepted"))
    expected = write_accepted_cases(project)
    code, printed, _ = content_check(project)
    output = tmp_path_factory.mktemp("accepted-out") / "output"
    result = run_build(project, output, check=False)
    return (code, printed), result, output, expected


def accepted_output(accepted_site):
    """The accepted site's output folder, once its build is known to have succeeded."""
    _check, result, output, _expected = accepted_site
    assert result.returncode == 0, f"the build of the accepted cases failed:\n{result.stdout}\n{result.stderr}"
    return output


# --- 1. YAML that costs time or runs code ---------------------------------------------------------

DRAFT_HEAD = ["title: Concept", "kind: conversation_note", "date: 2020-10-01", "confidential: false",
              "status: draft"]  # fmt: skip  # lines 2-6; the hostile YAML starts on line 7
ALIAS_BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] + [
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
]


def hostile_yaml_cases(tmp_marker):
    return {
        "alias bomb": (ALIAS_BOMB, 7, r"gebruikt een (anker|verwijzing)"),
        "merge key": (["<<: {title: Samengevoegd}"], 7, r"gebruikt een samenvoegsleutel"),
        "python tag": ([f'payload: !!python/object/apply:os.system ["touch {tmp_marker}"]'], 7, r"gebruikt een YAML-tag"),
        "deep nesting": (["deep: " + "[" * 3000 + "]" * 3000], 7, r"meer dan \d+ niveaus diep genest"),
        "64 KB": (['long: "' + "x" * 70_000 + '"'], 2, r"langer dan 64 kB"),
    }


@pytest.fixture(scope="module")
def hostile_drafts_checked(tmp_path_factory):
    """One `make check`, in a fresh process whose timeout (60 s) stops a hang, of a copy with each case of
    `hostile_yaml_cases` in a draft of its own (make check names every problem of every file in one run):
    (exit code, everything printed, the file of each case, the marker the YAML tag would touch)."""
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("hostile-yaml"))
    marker = tmp_path_factory.mktemp("hostile-yaml-marker") / "the-tag-ran"
    files = {}
    for number, (case, (lines, _line, _message)) in enumerate(hostile_yaml_cases(marker).items(), start=1):
        files[case], text = note(DRAFT_HEAD + lines, "Conceptnotitie.\n", f"{DOSSIER}/2020-10-0{number}-concept.md")
        write(project, files[case], text)
    code, output, seconds = content_check(project, own_process=True)
    print(f"content check of {len(files)} hostile drafts took {seconds:.1f} s")
    return code, output, files, marker


@pytest.mark.parametrize("case", ["alias bomb", "merge key", "python tag", "deep nesting", "64 KB"])
def test_hostile_yaml_in_a_draft_is_refused_quickly(case, hostile_drafts_checked, project_copy_factory, tmp_path):
    code, output, files, marker = hostile_drafts_checked
    lines, line, message = hostile_yaml_cases(marker)[case]
    assert len("\n".join(ALIAS_BOMB)) < 700
    assert "Traceback" not in output, output
    assert code == 1, output
    assert reported(output, files[case], line, "front matter", message), output
    assert not marker.exists(), "a YAML tag ran a command"
    if case == "deep nesting":  # as a published document too, in a bare build
        project = project_copy_factory()
        write(project, *note(DRAFT_HEAD[:-1] + lines, "Notitie.\n"))
        assert_refused_by_check_and_build(project, tmp_path / "output", NOTE, line - 1, "front matter", message)


# --- 2. Duplicate keys: PyYAML and Pelican would keep one silently -------------------------------


@pytest.mark.parametrize(
    ("key", "first", "last"),
    [("confidential", "true", "false"), ("status", "draft", "published")],
)
def test_a_key_written_twice_in_a_dossier_document_stops_the_build(key, first, last, project_copy_factory, tmp_path):
    project = project_copy_factory()
    canary = f"KANARIE-DUBBEL-{key.upper()}-3817"
    lines = ["title: Gespreksnotitie", "kind: conversation_note", "date: 2020-10-20", "summary: Intern overleg."]
    if key == "status":
        lines.append("confidential: false")
    lines[1:1] = [f"{key}: {first}"]  # line 3
    lines.append(f"{key}: {last}")  # line 8 or 7
    write(project, *note(lines, f"{canary} wat de wethouder intern zei.\n"))
    second = len(lines) + 1
    assert_refused(project, NOTE, second, key, rf"staat er twee keer \(regel 3 en {second}\)")
    build_fails_and_leaks_nothing(project, tmp_path / "output", canary, f"{NOTE}:{second}: {key}: staat er twee keer")


def test_a_page_title_written_twice_is_named(project_copy_factory, tmp_path):
    project = project_copy_factory()
    write(project, "content/pages/dubbel.md", "Title: Eerste titel\nSlug: dubbel\nTitle: Tweede titel\n\nTekst.\n")
    assert_refused_by_check_and_build(project, tmp_path / "output", "content/pages/dubbel.md", 3, "title",
                                      r"staat er twee keer \(regel 1 en 3\)")  # fmt: skip


def test_a_page_status_written_twice_publishes_nothing(project_copy_factory, tmp_path):
    project = project_copy_factory()
    canary = "KANARIE-PAGINA-STATUS-6610"
    write(
        project, "content/pages/half.md", f"Title: Half af\nSlug: half\nStatus: draft\nStatus: published\n\n{canary}\n"
    )
    assert_refused(project, "content/pages/half.md", 4, "status", r"staat er twee keer \(regel 3 en 4\)")
    run_build(project, tmp_path / "output", check=False)
    assert files_containing(tmp_path / "output", canary) == []


def test_a_register_column_written_twice_is_named(project_copy_factory):
    project = project_copy_factory()
    path = project / "data" / "sensors" / "bewoners-en-scholen.csv"
    text = path.read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    columns = header.split(",")
    columns[-1] = "name"  # 'notes' renamed: 'name' is now there twice
    path.write_text(",".join(columns) + "\n" + rest, encoding="utf-8")
    first, second = columns.index("name") + 1, len(columns)
    assert_refused(project, "data/sensors/bewoners-en-scholen.csv", 1, "name",
                   rf"staat er twee keer \(kolom {first} en {second}\)")  # fmt: skip


# --- 3. Symbolic links: never followed, never published ------------------------------------------


def make_link(project, case, outside):
    """Make the link of a case; returns (its path in the project, a canary text behind it)."""
    if case == "picture to environ":
        (project / "content/images/env.txt").symlink_to("/proc/self/environ")
        return "content/images/env.txt", ENV_CANARY
    if case == "theme file to environ":
        (project / "theme/static/css/env.css").symlink_to("/proc/self/environ")
        return "theme/static/css/env.css", ENV_CANARY
    if case == "register file outside":
        extra_register_file(project, "tmp.csv", "EXTERN-001", notes="KANARIE-EXTERN-CSV-1204")
        (project / "data/sensors/tmp.csv").rename(outside / "extern.csv")
        (project / "data/sensors/extern.csv").symlink_to(outside / "extern.csv")
        return "data/sensors/extern.csv", "KANARIE-EXTERN-CSV-1204"
    if case == "dossier folder outside":
        dossier = outside / "extern"
        dossier.mkdir()
        for source in (project / DOSSIER).iterdir():
            text = source.read_text(encoding="utf-8")
            (dossier / source.name).write_text(text.replace("---\n*Voorbeeldinhoud.*", "---\nKANARIE-EXTERN-DOSSIER"),
                                               encoding="utf-8")  # fmt: skip
        (project / "content/stadspanel/extern").symlink_to(dossier)
        return "content/stadspanel/extern", "KANARIE-EXTERN-DOSSIER"
    if case == "page outside":
        (outside / "extern.md").write_text(
            "Title: Extern\nSlug: extern\n\nKANARIE-EXTERN-PAGINA-7702\n", encoding="utf-8"
        )
        (project / "content/pages/extern.md").symlink_to(outside / "extern.md")
        return "content/pages/extern.md", "KANARIE-EXTERN-PAGINA-7702"
    if case == "pictures folder outside":
        pictures = outside / "plaatjes"
        shutil.copytree(project / "content/images", pictures)
        (pictures / "geheim.txt").write_text("KANARIE-EXTERNE-MAP-3308", encoding="utf-8")
        shutil.rmtree(project / "content/images")
        (project / "content/images").symlink_to(pictures)
        return "content/images", "KANARIE-EXTERNE-MAP-3308"
    raise AssertionError(case)


LINK_CASES = ["picture to environ", "theme file to environ", "register file outside", "dossier folder outside",
              "page outside", "pictures folder outside"]  # fmt: skip


@pytest.fixture(scope="module")
def links_checked(tmp_path_factory):
    """`make check` of the LINK_CASES in two copies (make check names every link in one run): the link in place of
    content/images/ alone (the first case's link sits in that folder), every other case together.
    {case: (its link, exit code, everything printed)}."""
    from conftest import copy_project

    found = {}
    for group in ([case for case in LINK_CASES if case != "pictures folder outside"], ["pictures folder outside"]):
        project = copy_project(tmp_path_factory.mktemp("links"))
        outside = tmp_path_factory.mktemp("links-outside")
        links = {case: make_link(project, case, outside)[0] for case in group}
        code, output, _ = content_check(project)
        found.update({case: (link, code, output) for case, link in links.items()})
    return found


@pytest.mark.parametrize("case", LINK_CASES)
def test_a_symbolic_link_is_named(case, links_checked):
    link, code, output = links_checked[case]
    assert_named(code, output, link, 1, "file", "is een snelkoppeling")


@pytest.mark.parametrize("case", LINK_CASES)
def test_what_a_symbolic_link_points_at_is_never_published(case, project_copy_factory, tmp_path, monkeypatch):
    project = project_copy_factory()
    monkeypatch.setenv("HARDENING_CANARY", ENV_CANARY)  # in the build's /proc/self/environ
    _link, canary = make_link(project, case, tmp_path)
    output = tmp_path / "output"
    run_build(project, output, check=False)
    leaked = files_containing(output, canary)
    assert leaked == [], f"published through a link: {leaked}"


# --- 4. Raw HTML in editor text ------------------------------------------------------------------

PAYLOAD = """<script>alert(1)</script>

<img src=x onerror=alert(2)>

[klik](javascript:alert(3)) en <a href="JaVaScRiPt:alert(4)">hier</a>

<svg onload=alert(5)></svg><iframe src="javascript:alert(6)"></iframe>
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A site whose page, story (summary included) and dossier document carry script."""
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("hostile"))
    write(project, "content/pages/proef.md", f"Title: Proefpagina\nSlug: proef\n\nPagina. {PAYLOAD}")
    write(project, "content/verhalen/proef.md", "Title: Proefverhaal <script>alert(7)</script>\nSlug: proefverhaal\n"
          "Date: 2024-01-01\nSummary: Kort <img src=x onerror=alert(8)> [x](javascript:alert(9))\n\n"
          f"Verhaal. {PAYLOAD}")  # fmt: skip
    write(project, *note(["title: Notitie met script", "kind: conversation_note", "date: 2020-10-20",
                          "confidential: false"], f"Notitie. {PAYLOAD}"))  # fmt: skip
    output = tmp_path_factory.mktemp("hostile-out") / "output"
    run_build(project, output, search=True)  # a browser opens it
    return output


HOSTILE_PAGES = ["proef/index.html", "verhalen/proefverhaal/index.html", "verhalen/index.html", "index.html",
                 "stadspanel/druktemeter/index.html"]  # fmt: skip


def test_raw_html_is_removed_from_every_built_page(hostile_site):
    for relative in HOSTILE_PAGES:
        assert (hostile_site / relative).is_file(), relative
    for page in html_pages(hostile_site):
        html = page.read_text(encoding="utf-8")
        for forbidden in ("<script>alert", "onerror", "onload=", "javascript:", "<iframe"):
            assert forbidden not in html.lower(), f"{forbidden} in {page.relative_to(hostile_site)}"
    assert "Pagina." in (hostile_site / "proef/index.html").read_text(encoding="utf-8")


def test_raw_html_opens_no_dialog_in_a_browser(hostile_site, page):
    with serve(hostile_site) as base_url:
        for relative in HOSTILE_PAGES:
            page.goto(url_of(base_url, hostile_site, hostile_site / relative), wait_until="load")
            page.wait_for_function("() => [...document.images].every((image) => image.complete)")  # errors ran
    assert page.guard.dialogs == []
    # `<img src=x>` keeps its (harmless) address once onerror is gone: its 404 is expected here.
    page.guard.problems[:] = [p for p in page.guard.problems if not re.search(r"status of 404 .*/x'", p)]


# --- 5. Nothing is dropped silently --------------------------------------------------------------


def test_a_register_file_with_an_upper_case_suffix_is_read(accepted_site):
    _name, sensor_id = UPPER_CASE_REGISTER
    assert (accepted_output(accepted_site) / f"sensoren/{sensor_id}/index.html").is_file()


def test_a_dossier_document_with_an_upper_case_suffix_is_read(accepted_site):
    _document, canary = UPPER_CASE_DOCUMENT
    output = accepted_output(accepted_site)
    assert canary in (output / "stadspanel/druktemeter/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("folder", ["pages", "verhalen"])
def test_a_page_with_an_upper_case_suffix_is_published_or_named(folder, accepted_site):
    (_code, output), _result, site, _expected = accepted_site
    relative, canary = UPPER_CASE_PAGES[folder]
    named = reported(output, relative, r"\d+", "file")
    published = files_containing(site, canary)
    assert named or published, f"{relative} is neither published nor named:\n{output}"


@pytest.mark.parametrize(
    ("relative", "field", "message"),
    [
        ("data/sensors/lees-mij.txt", "file", "is geen .csv-bestand en wordt niet gelezen"),
        (f"{DOSSIER}/bijlage.md/", "folder", "kunnen geen mappen staan"),
        ("content/notities.md", "file", "wordt niet gelezen"),
        ("content/stadspanel/los-document.md", "file", "staat niet in een dossiermap"),
    ],
)
def test_a_file_nothing_reads_is_named(relative, field, message, project_copy_factory, tmp_path):
    project = project_copy_factory()
    if relative.endswith("/"):
        (project / relative).mkdir()
        write(project, relative + "advies.md", "---\ntitle: x\n---\n")
    else:
        write(project, relative, "Title: Vergeten bestand\n\nTekst.\n")
    assert_refused_by_check_and_build(project, tmp_path / "output", relative.rstrip("/"), 1, field, message)


# --- 6. Encodings --------------------------------------------------------------------------------


def test_one_windows_1252_line_in_a_utf8_register_file_is_named(project_copy_factory):
    project = project_copy_factory()
    path = project / "data/sensors/bewoners-en-scholen.csv"
    lines = path.read_bytes().split(b"\n")
    assert "µ".encode() in path.read_bytes()  # the file is UTF-8 with multi-byte characters
    assert lines[2].startswith(b"LUCHT-002,Fijnstofmeter ")
    lines[2] = lines[2].replace(b"Fijnstofmeter ", "Fijnstofmeter caf\xe9 ".encode("cp1252"), 1)  # line 3
    path.write_bytes(b"\n".join(lines))
    assert_refused(project, "data/sensors/bewoners-en-scholen.csv", 3, "file", "mengt UTF-8 met een andere tekenset; het eerste verkeerde teken staat op deze regel")


def exported_units(output):
    text = (output / "open-data/sensoren.csv").read_text(encoding="utf-8-sig")
    return {row["sensor_id"]: row["unit"] for row in csv.DictReader(io.StringIO(text))}


def test_a_windows_1252_register_file_is_read_correctly(accepted_site):
    units = exported_units(accepted_output(accepted_site))
    assert units["LUCHT-001"] == "µg/m³"  # the first sensor of CP1252_REGISTER


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_register_file_with_bom_is_read(encoding, accepted_site):
    ids = accepted_site[3]["utf16 ids"][encoding]  # the sensors of UTF16_REGISTERS[encoding]
    units = exported_units(accepted_output(accepted_site))
    assert ids and all(sensor_id in units for sensor_id in ids)


def test_a_bom_before_front_matter_and_before_title_is_accepted(accepted_site):
    (code, output), _result, _site, _expected = accepted_site
    assert code == 0, output  # BOM_FILES, with every other accepted case
    site = accepted_output(accepted_site)
    page = (site / "over/index.html").read_text(encoding="utf-8")
    assert "<title>Over dit portaal" in page and "Open Hilversum is een website" in page
    dossier = (site / "stadspanel/druktemeter/index.html").read_text(encoding="utf-8")
    assert "wifi-ontvangers" in dossier  # the request's body


@pytest.mark.parametrize("relative", ["content/pages/cafe.md", "content/stadspanel/index.md",
                                      "content/verhalen/cafe.md", REQUEST])  # fmt: skip
def test_windows_1252_text_in_a_page_is_named_at_its_line(relative, project_copy_factory, tmp_path):
    project = project_copy_factory()
    path = project / relative
    text = path.read_text(encoding="utf-8") if path.exists() else "Title: Café\nSlug: cafe\nDate: 2024-01-01\n\n"
    text = text.rstrip("\n") + "\n\nHet panel vergaderde in café De Jonge Haan.\n"
    path.write_bytes(text.encode("cp1252"))
    line = text.split("\n").index("Het panel vergaderde in café De Jonge Haan.") + 1
    first_bad = next(i for i, row in enumerate(text.split("\n"), start=1) if not row.isascii())
    assert first_bad <= line
    assert_refused_by_check_and_build(project, tmp_path / "output", relative, first_bad, "file", "geen UTF-8")


# --- 7. Dates ------------------------------------------------------------------------------------


DATE_CASES = {
    "response before advice": (RESPONSE, "date:", "date: 2020-10-01", "date", r"ligt vóór het advies"),
    "advice before request": (ADVICE, "date:", "date: 2020-08-20", "date", r"ligt vóór het adviesverzoek"),
    "advice due before request": (REQUEST, "advice_due:", "advice_due: 2020-08-15", "advice_due", "ligt niet na"),
    "document after the build date": (REQUEST, "date:", "date: 2026-11-24", "date", "ligt in de toekomst"),
}


@pytest.mark.parametrize("case", list(DATE_CASES))
def test_dates_out_of_order_are_named_at_their_line(case, project_copy_factory):
    project = project_copy_factory()
    relative, prefix, new_line, field, message = DATE_CASES[case]
    line = replace_line(project, relative, prefix, new_line)
    assert_refused(project, relative, line, field, message)


def test_a_future_verification_date_is_named(project_copy_factory):
    project = project_copy_factory()
    path = project / "data/sensors/gemeente-hilversum.csv"
    lines = path.read_bytes().split(b"\r\n")
    header = lines[0].decode("utf-8-sig").split(";")
    fields = lines[1].decode("utf-8").split(";")
    fields[header.index("last_verified")] = "24-11-2026"  # the day after the build date
    lines[1] = ";".join(fields).encode("utf-8")
    path.write_bytes(b"\r\n".join(lines))
    assert_refused(project, "data/sensors/gemeente-hilversum.csv", 2, "last_verified", "2026-11-24 ligt in de toekomst")


# --- 8. Addresses: a page may not take another page's place --------------------------------------

# case: (page's lines after `Title:` on line 1, owner named, line of the page that takes the address)
SLUG_CASES = {
    "register": (["Slug: sensoren"], "een pagina van de website zelf", 2),
    "map": (["Slug: kaart"], "een pagina van de website zelf", 2),
    "dossier by slug": (["Slug: stadspanel/druktemeter"], "dossier druktemeter", 2),
    "dossier by URL and Save_as": (
        ["URL: stadspanel/druktemeter/", "Save_as: stadspanel/druktemeter/index.html"], "dossier druktemeter", 3,
    ),  # fmt: skip
    "dossier by Save_as": (["Slug: eigen", "Save_as: stadspanel/druktemeter/index.html"], "dossier druktemeter", 3),
    "dossier by URL": (["Slug: eigen", "URL: stadspanel/druktemeter/"], "dossier druktemeter", 3),
    "sensor": (["Slug: sensoren/HLV-SNE-001"], "sensor HLV-SNE-001", 2),
    "open data file": (["Slug: eigen", "Save_as: open-data/sensoren.csv"], "een pagina van de website zelf|open data", 3),
    "search index": (["Slug: pagefind/zoek"], "de zoekindex", 2),
    "sitemap": (["Slug: eigen", "Save_as: sitemap-extra.xml"], "een bestand van de website zelf", 3),
    "picture folder": (["Slug: images/logo.svg", "Save_as: images/logo.svg"], "de bestanden in content/images", 3),
}


@pytest.mark.parametrize("case", list(SLUG_CASES))
def test_a_page_taking_a_generated_address_is_named(case, project_copy_factory, tmp_path):
    project = project_copy_factory()
    lines, owner, line = SLUG_CASES[case]
    write(project, "content/pages/botsing.md", "Title: Botsing\n" + "\n".join(lines) + "\n\nKANARIE-BOTSING\n")
    output = assert_refused(project, "content/pages/botsing.md", line, "slug", f"al in gebruik door ({owner})")
    problem = next(row for row in output.splitlines() if row.startswith(f"content/pages/botsing.md:{line}: slug:"))
    build_fails_and_leaks_nothing(project, tmp_path / "output", "KANARIE-BOTSING", problem)


def test_a_page_cannot_overwrite_a_dossier_page_in_the_build(project_copy_factory, tmp_path):
    project = project_copy_factory()
    write(project, "content/pages/botsing.md",
          "Title: Botsing\nSlug: eigen\nSave_as: stadspanel/druktemeter/index.html\n\nKANARIE-OVERSCHREVEN\n")  # fmt: skip
    result = run_build(project, tmp_path / "output", check=False)
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr, result.stderr
    assert "content/pages/botsing.md:3: slug: het bestand stadspanel/druktemeter/index.html" in result.stderr
    assert files_containing(tmp_path / "output", "KANARIE-OVERSCHREVEN") == []


def test_two_pages_with_one_slug_are_both_named(project_copy_factory, tmp_path):
    project = project_copy_factory()
    write(project, "content/pages/a-eerste.md", "Title: Eerste\nSlug: dubbel\n\nTekst.\n")
    write(project, "content/pages/b-tweede.md", "Title: Tweede\nSlug: dubbel\n\nTekst.\n")
    assert_refused_by_check_and_build(project, tmp_path / "output", "content/pages/b-tweede.md", 2, "slug",
                                      "het adres /dubbel/ is al in gebruik door content/pages/a-eerste.md:2")  # fmt: skip


def test_a_slug_collision_points_at_the_slug_line(project_copy_factory):
    project = project_copy_factory()
    write(project, "content/pages/botsing.md", "Title: Botsing\nSlug: kaart\n\nTekst.\n")
    assert_refused(project, "content/pages/botsing.md", 2, "slug", "al in gebruik")


# --- 9. Confidential stubs -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comment", "line"),
    [("# intern: de wethouder wil dit niet openbaar", 5), ("reason: Lopend onderzoek.  # naam: J. Jansen", 5)],
)
def test_a_comment_in_a_confidential_stub_is_refused(comment, line, project_copy_factory, tmp_path):
    project = project_copy_factory()
    lines = ["kind: conversation_note", "date: 2020-10-20", "confidential: true", comment, "review_on: 2027-01-01"]
    if not comment.startswith("reason"):
        lines.append("reason: Lopend onderzoek.")
    write(project, *note(lines))
    assert_refused(project, NOTE, line, "front matter", "een vertrouwelijk document heeft een opmerking")
    canary = "wethouder wil dit" if comment.startswith("#") else "J. Jansen"
    build_fails_and_leaks_nothing(project, tmp_path / "output", canary, f"{NOTE}:{line}: front matter: een vertrouwelijk")


# --- 10. Pictures of unpublished documents -------------------------------------------------------


@pytest.mark.parametrize("case", UNPUBLISHED_PICTURES, ids=lambda case: case[0])
def test_a_picture_only_an_unpublished_page_uses_is_not_published(case, accepted_site):
    _relative, _metadata, picture = case
    output = accepted_output(accepted_site)
    assert (output / "images/logo.svg").is_file()
    assert not list(output.rglob(picture))


# --- More that editors write: numbers YAML reads as huge integers, formulas, capitals -------------



@pytest.mark.parametrize("value", ["1" * 5000, ":".join(["1"] * 3000)], ids=["digits", "sexagesimal"])
def test_a_huge_number_in_front_matter_is_a_message(value, project_copy_factory, tmp_path):
    project = project_copy_factory()
    lines = ["title: Notitie", "kind: conversation_note", "date: 2020-10-20", "confidential: false"]
    write(project, *note([*lines, f"summary: {value}"], "Tekst.\n"))
    assert_refused_by_check_and_build(project, tmp_path / "output", NOTE, 6, "summary", "is een getal van")


def test_a_spreadsheet_formula_in_the_register_is_exported_as_text(accepted_site):
    exported = (accepted_output(accepted_site) / "open-data/sensoren.csv").read_text(encoding="utf-8-sig")
    sensor_id = accepted_site[3]["formula sensor"]
    row = next(r for r in csv.DictReader(io.StringIO(exported)) if r["sensor_id"] == sensor_id)
    for column, formula in FORMULAS.items():
        assert row[column].lstrip("'") == formula and not row[column].startswith(("=", "@", "+", "-")), row[column]


def test_a_draft_written_with_a_capital_is_not_published(accepted_site):
    _page, _document, canary = CAPITAL_DRAFTS
    assert files_containing(accepted_output(accepted_site), canary) == []


RESERVED_IDS = ["wijzigingen", "Borden", "pagina"]


@pytest.fixture(scope="module")
def reserved_ids_checked(tmp_path_factory):
    """One `make check` of a copy with a register file of one sensor for each of RESERVED_IDS: (exit code, printed)."""
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("reserved"))
    for reserved in RESERVED_IDS:
        extra_register_file(project, f"extra-{reserved.lower()}.csv", reserved)
    code, output, _ = content_check(project)
    return code, output


@pytest.mark.parametrize("reserved", RESERVED_IDS)
def test_a_sensor_cannot_take_the_address_of_a_register_page(reserved, reserved_ids_checked):
    code, output = reserved_ids_checked
    assert_named(code, output, f"data/sensors/extra-{reserved.lower()}.csv", 2, "sensor_id", "het adres van een pagina")
