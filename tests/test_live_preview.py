# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""`make serve`: the open tab follows the editor's saves, and shows their mistakes on top of the last good page."""

import json
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from conftest import TEST_BUILD_EPOCH, package_roots, run_build
from playwright.sync_api import expect

DOSSIER = "content/stadspanel/bodycams/2020-02-03-adviesverzoek.md"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def running_preview(project_copy_factory):
    """One preview of a copy for the module's tests (each start is a build in a process of its own; the
    module's tests run on one test worker: conftest.pytest_xdist_make_scheduler), with the copy's editor files
    and the site it first served."""
    running = started_preview(project_copy_factory())
    project, url = next(running)
    first = current_state(url, -1)
    yield project, url, editor_files(project), site_files(served_folder(project, first))
    running.close()


@pytest.fixture
def preview(running_preview):
    """(project, address) of the running preview. After the test, the files it changed are put back and the
    preview serves the site it first served again (every page compared) before the next test starts."""
    project, url, files, site = running_preview
    yield project, url
    if not put_back(project, files):
        return
    version = -1
    for _ in range(12):
        found = current_state(url, version)
        version = found["version"]
        if not found["problems"] and not found["pending"] and site_files(served_folder(project, found)) == site:
            return
    raise AssertionError("the preview did not serve its first site again after the files were put back")


def editor_files(project):
    """{path: bytes} of what editors change (content, data, theme and the settings)."""
    files = {project / "pelicanconf.py": (project / "pelicanconf.py").read_bytes()}
    for folder in ("content", "data", "theme"):
        files.update((p, p.read_bytes()) for p in (project / folder).rglob("*") if p.is_file())
    return files


def put_back(project, files):
    """Every editor file as in `files` (changed ones rewritten, new ones removed); True when any was not."""
    now = editor_files(project)
    changed = [p for p, data in files.items() if now.get(p) != data]
    added = [p for p in now if p not in files]
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[path])
    for path in added:
        path.unlink()
    return bool(changed or added)


def served_folder(project, found):
    return project / ".output-preview" / found["site"].rsplit("-", 1)[1]


def started_preview(project, own_plugins=False):
    """(project, address) of a running preview; `own_plugins`: the copy's plugins, not this project's.

    The copy's settings turn the search off: no test here reads the index, which the preview would make with
    Pagefind after every build (~0.7 s of CPU each). Its pages are the same: the preview builds them without
    the search in any case (see `without_search_index`)."""
    import os

    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text(encoding="utf-8") + "\nSEARCH_ENABLED = False\n", encoding="utf-8")
    port = free_port()
    env = dict(os.environ, SOURCE_DATE_EPOCH=TEST_BUILD_EPOCH)
    if own_plugins:
        env["PYTHONPATH"] = package_roots(project)  # ahead of the installed project, as its own install would be
    process = subprocess.Popen([sys.executable, "-m", "live_preview", "--port", str(port), "--project", str(project)],
                               cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # fmt: skip
    for line in process.stdout:
        if "Voorbeeld van de website" in line:
            break
    else:
        raise AssertionError("the preview did not start")
    try:
        yield project, f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_open_tab_reloads_after_a_save_and_shows_mistakes_above_the_last_good_page(preview, page):
    project, url = preview
    source = project / DOSSIER
    text = source.read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", text, re.MULTILINE).group(1)
    page.goto(url + "/stadspanel/bodycams/")
    assert page.locator("script[src='/__live_preview__/reload.js']").count() == 1
    source.write_text(text.replace(f"title: {title}", "title: Bodycams, bijgewerkt"), encoding="utf-8")
    expect(page.get_by_text("Bodycams, bijgewerkt").first).to_be_visible(timeout=30_000)
    source.write_text(text.replace("kind: request", "kind: verzoekje"), encoding="utf-8")
    problems = page.locator("#live-preview-problems")
    expect(problems).to_contain_text(f"{DOSSIER}:3: kind: 'verzoekje'", timeout=30_000)
    assert page.get_by_text("Bodycams, bijgewerkt").first.is_visible()  # the last good version stays
    source.write_text(text, encoding="utf-8")
    expect(problems).to_have_count(0, timeout=30_000)
    expect(page.get_by_text(title).first).to_be_visible()


def test_a_save_shows_in_a_dutch_tab_before_the_english_pages_are_written(preview, page):
    """The site's first language is served as soon as its pass is done: a Dutch tab shows a save then, while
    English pages still come from the last complete build (never half-written); an English tab shows it once
    its pages are written."""
    project, url = preview
    source = project / DOSSIER
    text = source.read_text(encoding="utf-8")
    before = state(url, -1)
    english = page.context.new_page()
    english.goto(url + "/en/stadspanel/bodycams/")
    page.goto(url + "/stadspanel/bodycams/")
    source.write_text(text.replace("title: ", "title: Eerst Nederlands ", 1), encoding="utf-8")
    first = current_state(url, before["version"])
    assert first["pending"][0] == "en" and first["problems"] == []
    assert all(pending.startswith("/") for pending in first["pending"][1:])  # overviews (the next test)
    assert "Eerst Nederlands" in fetch(url + "/stadspanel/bodycams/")
    early = fetch(url + "/en/stadspanel/bodycams/")
    if current_state(url, -1)["pending"]:  # fetched while the English pages were being written
        assert "Eerst Nederlands" not in early and f'data-site="{before["site"]}"' in early
    expect(page.get_by_text("Eerst Nederlands").first).to_be_visible(timeout=30_000)
    whole = state(url, first["version"])
    assert whole["site"] == first["site"]
    assert "Eerst Nederlands" in fetch(url + "/en/stadspanel/bodycams/")
    expect(english.get_by_text("Eerst Nederlands").first).to_be_visible(timeout=30_000)
    english.close()


def test_a_save_shows_on_its_page_before_the_overviews_that_show_every_record(preview, page):
    """Overviews (site_outputs.Output.overview: the Stadspanel's dashboard, the exports, the Woo-index...) are
    written after the rest of the first language: the saved dossier's page shows first, each overview comes
    from the last complete build until it is written, and a tab on one shows the save once it is."""
    project, url = preview
    source = project / "content/stadspanel/bodycams/2020-03-30-advies.md"  # its title is the dossier's
    text = source.read_text(encoding="utf-8")
    before = state(url, -1)
    page.goto(url + "/stadspanel/")
    source.write_text(text.replace("title: ", "title: Overzicht later ", 1), encoding="utf-8")
    first = current_state(url, before["version"])
    assert {"/stadspanel/", "/open-data/adviezen.csv", "/open-data/catalogus.json"} <= set(first["pending"])
    assert "/stadspanel/bodycams/" not in first["pending"]
    assert "Overzicht later" in fetch(url + "/stadspanel/bodycams/")
    early = fetch(url + "/stadspanel/index.html")
    if "/stadspanel/" in current_state(url, -1)["pending"]:  # fetched while the overviews were being written
        assert "Overzicht later" not in early and f'data-site="{before["site"]}"' in early
    expect(page.get_by_text("Overzicht later").first).to_be_visible(timeout=30_000)
    whole = state(url, first["version"])
    assert whole["site"] == first["site"]
    assert "Overzicht later" in fetch(url + "/open-data/adviezen.csv")
    source.write_text(text, encoding="utf-8")
    state(url, whole["version"])


def test_the_built_site_carries_no_preview_script(demo_site):
    assert not any("__live_preview__" in p.read_text(encoding="utf-8") for p in demo_site.rglob("*.html"))


def test_a_saved_register_file_updates_the_pages_that_show_it(preview):
    """Records are kept between builds by their files' bytes: a changed CSV row must still reach its pages."""
    project, url = preview
    register = project / "data" / "sensors" / "gemeente-hilversum.csv"
    raw = register.read_bytes()
    assert "Snelheidsmeter Snelliuslaan 1" in fetch(url + "/sensoren/HLV-SNE-001/")
    version = state(url, -1)["version"]
    register.write_bytes(raw.replace(b"Snelheidsmeter Snelliuslaan 1;", b"Snelheidsmeter, hernoemd;", 1))
    version = state(url, version)["version"]
    assert "Snelheidsmeter, hernoemd" in fetch(url + "/sensoren/HLV-SNE-001/")
    assert "Snelheidsmeter, hernoemd" in fetch(url + "/sensoren/")
    register.write_bytes(raw)
    state(url, version)
    assert "Snelheidsmeter, hernoemd" not in fetch(url + "/sensoren/HLV-SNE-001/")


def test_after_saves_the_preview_serves_what_a_full_build_makes(preview, tmp_path):
    """Pages taken over from the last build (live_preview.reuse) must be the pages a build would make, in
    every language: the English pages under /en/ are taken over too, their links pointed as a build does.

    A save may change a file in more than one place: each is one rebuild and one full build to compare
    with (~2 s of CPU together), so changes of one file that pages follow apart are saved together (not
    the register's: a removed row changes every list page, whatever else their keys miss)."""
    project, url = preview
    version = state(url, -1)["version"]
    dossier = project / DOSSIER
    advice = dossier.with_name("2020-03-30-advies.md")
    register = project / "data" / "sensors" / "gemeente-hilversum.csv"
    original = register.read_bytes()
    last_row = original.rstrip(b"\r\n").rsplit(b"\n", 1)[1]  # a sensor no page links to (before the first save)
    removed = last_row.split(b";", 1)[0].decode()
    link = b"*Voorbeeldinhoud.* [Een sensor](/sensoren/" + removed.encode() + b"/) "
    # What the build cache keeps for the session (a sensor page's facts, each sensor's part of the
    # exports, each dossier's calendar events) must follow the code lists and the interface texts too.
    texts, codes = project / "theme" / "strings.nl.yml", project / "data" / "vocabularies.yml"
    story = project / "content" / "verhalen" / "beschermde-bomen.md"  # read once a build, for every language
    art = project / "content" / "verhalen" / "kunst-in-de-openbare-ruimte.md"  # a story no page links to
    saves = [(dossier, [(b"title: ", b"title: Gewijzigd "),  # only dossier pages change
                        (b"*Voorbeeldinhoud.* ", link)]),  # a link to a sensor's page, in English to its English page
             (register, [(b"Snelheidsmeter Snelliuslaan 1;", b"Snelheidsmeter, hernoemd;")]),  # as many sensors
             (register, [(last_row, b"")]),  # its pages go, none left over from an earlier build; the dossier's page,
             # itself unchanged, links as a link to a sensor that is not there does: to the root's address
             (register, original),  # there again: the dossier's page, itself unchanged, links its English one
             (texts, [(b'\n"yes": Ja\n', b'\n"yes": Jazeker\n'),  # every "yes" fact of every sensor page
                      (b"kicker: Hier meet een sensor", b"kicker: Hier meet een sensor iets")]),  # every kept sign
             (codes, [(b"{label: Camera, label_en", b"{label: Cameratoestel, label_en")]),  # a sensor type's label
             (story, [(b"Hilversum is een groene gemeente", b"Hilversum is een heel groene gemeente")]),
             (art, [(b"Slug: kunst-in-de-openbare-ruimte", b"Slug: kunst-buiten")]),  # its old pages go, /en/ too
             (dossier, [(b"title: Gewijzigd ", b"title: ")]),  # only its title, back as the first build had it
             (advice, [(b"title: Bodycams voor", b"title: Andere bodycams voor")])]  # the dossier's title  # fmt: skip
    for number, (source, change) in enumerate(saves):
        source.write_bytes(change if isinstance(change, bytes) else replaced(source.read_bytes(), change))
        found = state(url, version)
        version = found["version"]
        served = project / ".output-preview" / found["site"].rsplit("-", 1)[1]
        if number == 0:
            english = fetch(url + "/en/stadspanel/bodycams/")
            assert "Gewijzigd Bodycams" in english
            assert f'href="/en/sensoren/{removed}/"' in english
        if number == 1:
            for page in ("/sensoren/HLV-SNE-001/", "/en/sensoren/HLV-SNE-001/", "/en/sensoren/"):
                assert "Snelheidsmeter, hernoemd" in fetch(url + page)
            assert 'href="/en/sensoren/HLV-SNE-001/"' in fetch(url + "/en/sensoren/")
        if number == 2:
            assert not (served / "en" / "sensoren" / removed).exists()
            assert fetch_status(url + f"/en/sensoren/{removed}/") == 404
            assert f'href="/sensoren/{removed}/"' in fetch(url + "/en/stadspanel/bodycams/")
        if number == 3:
            assert f'href="/en/sensoren/{removed}/"' in fetch(url + "/en/stadspanel/bodycams/")
        if source == art:
            assert fetch_status(url + "/en/verhalen/kunst-in-de-openbare-ruimte/") == 404
        if source == advice:  # a page that shows another record follows it: a sensor's page lists its dossiers' titles
            assert "Andere bodycams voor handhavers" in fetch(url + "/sensoren/HLV-BCM-001/")
        run_build(project, tmp_path / f"full-{number}", adjust=without_search_index)
        assert site_files(served) == site_files(tmp_path / f"full-{number}")


def replaced(data, changes):
    """`data` with each (old, new) of `changes` made once; each old must be there."""
    for old, new in changes:
        assert old in data
        data = data.replace(old, new, 1)
    return data


REGISTER = "data/sensors/gemeente-hilversum.csv"
NEW_FIELD = "mounting"  # a field no sensor page has: added to the schema and the strings of a copy


@pytest.fixture
def preview_with_new_field(project_copy_factory):
    """A preview of a copy whose sensor schema has one more optional field, shown on the sensor page.

    Two files change, as the schema's docstring promises: the schema and the Dutch strings. Nothing
    else names the field: if the preview's reuse of pages depended on a hand-written key, it would
    not know it."""
    project = project_copy_factory()
    schema = project / "plugins" / "kinds" / "sensor_register" / "schema.py"
    text = schema.read_text(encoding="utf-8")
    text = text.replace('    F("technology", "codes",', f'    F("{NEW_FIELD}"),\n    F("technology", "codes",', 1)
    text = text.replace('"unit", "technology")', f'"unit", "{NEW_FIELD}", "technology")', 1)
    schema.write_text(text, encoding="utf-8")
    strings = project / "theme" / "strings.nl.yml"
    text = strings.read_text(encoding="utf-8")
    strings.write_text(text.replace("    technology: Techniek\n", f"    technology: Techniek\n    {NEW_FIELD}: Bevestiging\n", 1),
                       encoding="utf-8")  # fmt: skip
    register = project / REGISTER
    lines = register.read_text(encoding="utf-8-sig").splitlines()
    delimiter = ";" if ";" in lines[0] else ","
    register.write_text("\n".join([lines[0] + delimiter + NEW_FIELD] + [line + delimiter for line in lines[1:]]) + "\n",
                        encoding="utf-8")  # the column, empty everywhere  # fmt: skip
    yield from started_preview(project, own_plugins=True)


def test_a_field_added_to_the_sensor_page_shows_in_the_preview_after_a_save(preview_with_new_field, tmp_path):
    """The reuse of pages follows from what a page receives: a new field's value reaches its page, as in a build."""
    project, url = preview_with_new_field
    register = project / REGISTER
    lines = register.read_text(encoding="utf-8").splitlines()
    row = next(number for number, line in enumerate(lines) if line.startswith("HLV-SNE-001;"))
    page = fetch(url + "/sensoren/HLV-SNE-001/")
    assert "Bevestiging" in page and "Aan een lantaarnpaal" not in page  # shown, not filled in
    version = state(url, -1)["version"]
    lines[row] += "Aan een lantaarnpaal"
    register.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = state(url, version)
    assert "Aan een lantaarnpaal" in fetch(url + "/sensoren/HLV-SNE-001/")
    assert "Aan een lantaarnpaal" not in fetch(url + "/sensoren/HLV-CAM-001/")
    served = project / ".output-preview" / found["site"].rsplit("-", 1)[1]
    run_build(project, tmp_path / "full", adjust=without_search_index)
    assert site_files(served) == site_files(tmp_path / "full")


def without_search_index(settings):
    """A full build to compare with the preview's site: `site_files` leaves the search index out."""
    settings["SEARCH_ENABLED"] = False


def site_files(folder):
    """{path: bytes} of a built site, without the search index (the preview makes it after serving).

    A feed without entries is dated at build time: that date is left out.
    """
    return {str(p.relative_to(folder)): re.sub(rb"<updated>[^<]*</updated>", b"", p.read_bytes())
            for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] != "pagefind"}  # fmt: skip


def current_state(url, since):
    """The preview's state, as soon as a build newer than `since` is done (a request is held up to 20 s)."""
    with urllib.request.urlopen(f"{url}/__live_preview__/state?since={since}", timeout=60) as response:
        return json.load(response)


def state(url, since):
    """The preview's state once a build newer than `since` is done, every language of it (nothing pending: its
    first language is served before the others are written); each request is held up to 20 s."""
    newer = since
    for _ in range(6):
        found = current_state(url, newer)
        if found["version"] > newer:
            assert found["problems"] == []
            if not found["pending"]:
                return found
            newer = found["version"]
    raise AssertionError("no new build after two minutes")


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8")


def fetch_status(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
