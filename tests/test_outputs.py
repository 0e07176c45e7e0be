# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Every file the build writes is declared once (site_outputs), and no editor's choice takes another's file.

The declarations drive writing and the check: a test compares them with what a build leaves on disk,
both ways, and editors' ids, names and page addresses that would replace a generated file are named at
the editor's file and line, in Dutch, before anything is written.
"""

import re
from fnmatch import fnmatchcase

import pytest
from conftest import ROOT, SETTINGS, demo_records
from content_check import collect_problems, declared_outputs
from pelican.settings import read_settings


def test_every_file_on_disk_is_declared_and_every_declared_file_is_written(demo_site):
    outputs = declared_outputs(demo_records(), SETTINGS)
    exact = {o.path for o in outputs if not o.pattern}
    patterns = [o.path for o in outputs if o.pattern]
    on_disk = {p.relative_to(demo_site).as_posix() for p in demo_site.rglob("*") if p.is_file()}
    pages = editor_page_files(demo_site)

    undeclared = sorted(f for f in on_disk - exact - pages if not any(fnmatchcase(f, p) for p in patterns))
    assert not undeclared, f"written but declared by nobody: {undeclared[:20]}"
    missing = sorted(exact - on_disk)
    assert not missing, f"declared but not written: {missing[:20]}"
    for pattern in ("pagefind/*", "kaart/js/*", "sitemap-*.xml"):
        assert any(fnmatchcase(f, pattern) for f in on_disk), pattern


def editor_page_files(output):
    """The file each published page and story of the demo is written to (from its front matter)."""
    found = set()
    for folder, pattern in (("pages", "{slug}/index.html"), ("verhalen", "verhalen/{slug}/index.html")):
        for source in sorted((ROOT / "content" / folder).glob("*.md")):
            text = source.read_text(encoding="utf-8")
            if re.search(r"^status:\s*(draft|hidden)", text, re.I | re.M):
                continue
            save_as = re.search(r"^save_as:\s*(\S*)", text, re.I | re.M)
            slug = re.search(r"^slug:\s*(\S+)", text, re.I | re.M)
            if save_as:
                found.add(save_as.group(1).lstrip("/"))
            elif slug:
                found.add(pattern.format(slug=slug.group(1)))
    assert found, "the demo has pages"
    on_disk = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}
    assert found <= on_disk, sorted(found - on_disk)
    return found


def test_one_path_is_declared_at_most_once_in_the_demo():
    outputs = [o for o in declared_outputs(demo_records(), SETTINGS) if not o.pattern]
    paths = [o.path for o in outputs]
    assert len(paths) == len(set(paths))


# --- editors' choices that would take a generated file ---


def check(project):
    """The Dutch problems `make check` gives for a project copy, read in this process."""
    return [str(problem) for problem in collect_problems(read_settings(str(project / "pelicanconf.py")))]


def line_of(path, text):
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def rename_dataset(project, old, new):
    manifest = project / "data/metingen/datasets.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(f"{old}:", f"{new}:", 1), encoding="utf-8")
    for story in (project / "content").rglob("*.md"):  # keep the embeds that name it valid
        text = story.read_text(encoding="utf-8")
        if old in text:
            story.write_text(text.replace(old, new), encoding="utf-8")
    return manifest


def rename_layer(project, old, new):
    manifest = project / "data/layers/lagen.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(f"id: {old}\n", f"id: {new}\n", 1),
                        encoding="utf-8")  # fmt: skip
    for story in (project / "content").rglob("*.md"):
        text = story.read_text(encoding="utf-8")
        if old in text:
            story.write_text(re.sub(rf"\b{re.escape(old)}\b", new, text), encoding="utf-8")
    return manifest


def test_a_dataset_cannot_replace_the_registers_export(project_copy_factory):
    project = project_copy_factory()
    old = next(iter(demo_records().measurements.datasets))
    manifest = rename_dataset(project, old, "sensoren")
    problems = check(project)
    line = line_of(manifest, "sensoren:")
    expected = [p for p in problems if p.startswith(f"data/metingen/datasets.yml:{line}: id:")]
    assert any("/open-data/sensoren.csv is al in gebruik door open data van het sensorregister" in p for p in expected), \
        problems  # fmt: skip


@pytest.mark.parametrize("taken", ["persoonsgegevens", "adviezen", "dataset"])
def test_a_layer_cannot_take_another_files_name(project_copy_factory, taken):
    project = project_copy_factory()
    records = demo_records()
    if taken == "dataset":
        taken = next(iter(records.measurements.datasets))
    layer = records.layers[0].id
    manifest = rename_layer(project, layer, taken)
    problems = check(project)
    at = f"data/layers/lagen.yml:{line_of(manifest, f'id: {taken}')}"
    # Named at the layer's id, or, when the other claim is an editor's too, at that one naming the layer's line.
    named = [p for p in problems if f"het bestand /open-data/{taken}." in p and (p.startswith(at) or f"({at})" in p)]
    assert named, problems


# Every kind of generated file, as a page's Save_as would name it.
def generated_examples():
    records = demo_records()
    sensor = records.register.sensors[0]
    dossier = records.panel.dossiers[0]
    attachment = next(a for d in records.panel.dossiers for doc in d.documents for a in doc.attachments)
    return {
        "the signs overview": "sensoren/borden/index.html",
        "a sign": records.settings.save_as_of("sign", id=sensor.sensor_id),
        "the privacy overview": "sensoren/persoonsgegevens/index.html",
        "the changes page": "sensoren/wijzigingen/index.html",
        "a later changes page": "sensoren/wijzigingen/2/index.html",
        "the changes feed": "sensoren/wijzigingen.atom",
        "the panel's feed": "stadspanel/feed.atom",
        "a sensor page": sensor.save_as,
        "a removed sensor's page": records.settings.save_as_of("sensor", id="HLV-GEEN-999"),
        "a dossier": dossier.save_as,
        "an attachment": attachment.url,
        "the register's index": "sensoren/register.json",
        "a map script": "kaart/js/sensorkaart.js",
        "a story thumbnail": "verhalen/iets/voorbeeld.svg",
        "a section sitemap": "sitemap-sensoren.xml",
        "the catalogue": "open-data/catalogus.json",
        "the search index": "pagefind/pagefind.js",
        "a theme file": "theme/css/site.css",
        "a vendored file": "theme/vendor/leaflet/leaflet.js",
        "the 404 page": "404.html",
        "robots.txt": "robots.txt",
    }


@pytest.mark.parametrize("what", list(generated_examples()))
def test_no_page_can_take_a_generated_file(project_copy_factory, what):
    path = generated_examples()[what]
    project = project_copy_factory()
    page = project / "content/pages/kaper.md"
    page.write_text(f"Title: Kaper\nSave_as: {path}\n\nTekst.\n", encoding="utf-8")
    problems = check(project)
    assert any(p.startswith("content/pages/kaper.md:2: slug:") and "al in gebruik door" in p for p in problems), \
        (path, problems)  # fmt: skip


def test_a_story_cannot_take_a_generated_address(project_copy_factory):
    project = project_copy_factory()
    story = project / "content/verhalen/kaper.md"
    story.write_text("Title: Kaper\nDate: 2026-01-01\nURL: sensoren/borden/\n\nTekst.\n", encoding="utf-8")
    problems = check(project)
    assert any(p.startswith("content/verhalen/kaper.md:3: slug: het adres /sensoren/borden/ (URL) is al in gebruik")
               for p in problems), problems  # fmt: skip


def test_a_sensor_id_cannot_take_the_signs_overview(project_copy_factory):
    project = project_copy_factory()
    records = demo_records()
    sensor = records.register.sensors[0]
    csv_file = project / sensor.source_path
    text = csv_file.read_text(encoding="utf-8-sig")
    csv_file.write_text(text.replace(sensor.sensor_id, "borden", 1), encoding="utf-8")
    for path in [*project.rglob("*.md"), *project.rglob("*.yml")]:  # what links to the old id
        content = path.read_text(encoding="utf-8")
        if sensor.sensor_id in content:
            path.write_text(content.replace(sensor.sensor_id, "borden"), encoding="utf-8")
    problems = check(project)
    assert any(p.startswith(f"{sensor.source_path}:{sensor.source_line}:") and "'borden'" in p and "gebruik" in p
               for p in problems), problems  # fmt: skip


@pytest.mark.parametrize("save_as", ["stadspanel/feed.atom/index.html", "sensoren", "open-data/sensoren.csv/x.html"])
def test_a_page_cannot_make_a_folder_of_a_file_or_a_file_of_a_folder(project_copy_factory, save_as):
    """A file where the build writes a folder (or a folder where it writes a file) would break the build."""
    project = project_copy_factory()
    (project / "content/pages/kaper.md").write_text(f"Title: Kaper\nSave_as: {save_as}\n\nTekst.\n", encoding="utf-8")
    problems = check(project)
    assert any(p.startswith("content/pages/kaper.md:2: slug:") and "al in gebruik door" in p for p in problems), \
        (save_as, problems)  # fmt: skip


@pytest.mark.parametrize("line", [
    "Save_as: ./sensoren/index.html",  # Pelican's writer resolves ./ and ..: the register would be replaced
    "Save_as: open-data/../robots.txt",
    "Slug: ./kaart",
    "Save_as: Sensoren/index.html",  # one folder with /sensoren/ on Windows and macOS
    "Save_as: theme/vendor/leaflet/images/test.html",  # inside the theme: its {attach} files would land there
    "Save_as: sensoren/nieuws.html",  # inside a section of the site itself
    "Save_as: images",  # the folder of the pictures
    "Save_as: pagefind",
    "Save_as: verhalen/snelliuslaan/voorbeeld.svg/index.html",  # where a story's thumbnail is written
])  # fmt: skip
def test_a_page_cannot_take_a_generated_file_by_another_spelling(project_copy_factory, line):
    project = project_copy_factory()
    (project / "content/pages/kaper.md").write_text(f"Title: Kaper\n{line}\n\nTekst.\n", encoding="utf-8")
    problems = check(project)
    assert any(p.startswith("content/pages/kaper.md:2: slug:") and "al in gebruik door" in p for p in problems), \
        (line, problems)  # fmt: skip


@pytest.mark.parametrize("line", ["Save_as: ../ontsnapt.html", "Save_as: sensoren%2Findex.html", "URL: ../../x/"])
def test_a_page_address_outside_the_site_is_refused(project_copy_factory, line):
    project = project_copy_factory()
    (project / "content/pages/kaper.md").write_text(f"Title: Kaper\n{line}\n\nTekst.\n", encoding="utf-8")
    problems = check(project)
    assert any(p.startswith("content/pages/kaper.md:2:") and "is geen adres binnen de website" in p
               for p in problems), (line, problems)  # fmt: skip


def test_a_record_problem_does_not_hide_a_page_taking_a_generated_file(project_copy_factory):
    """All problems in one run: a broken register row and a page taking the theme's stylesheet, together."""
    project = project_copy_factory()
    sensor = demo_records().register.sensors[1]
    csv_file = project / sensor.source_path
    text = csv_file.read_text(encoding="utf-8-sig")
    other = demo_records().register.sensors[0].sensor_id
    csv_file.write_text(text.replace(f"{sensor.sensor_id}", other, 1), encoding="utf-8")  # a duplicate id
    (project / "content/pages/kaper.md").write_text("Title: Kaper\nSave_as: theme/css/site.css\n\nTekst.\n",
                                                    encoding="utf-8")  # fmt: skip
    (project / "content/pages/dubbel.md").write_text("Title: Dubbel\nSlug: kaper\n\nTekst.\n", encoding="utf-8")
    problems = check(project)
    assert any("sensor_id" in p for p in problems), problems
    assert any(p.startswith("content/pages/kaper.md:2: slug:") for p in problems), problems
    assert any("content/pages/dubbel.md:2" in p and "content/pages/kaper.md" in p for p in problems), problems


@pytest.mark.parametrize(("header", "line"), [
    ("Title: Kaper\n1e: x\nSave_as: sensoren/index.html", 3),  # a key may start with a digit
    ("Title: Kaper\n Save_as: kaart/index.html", 2),  # up to three spaces before a key
    ("---\nTitle: Kaper\nSave_as: kaart/index.html", 3),  # an opening --- is skipped
])  # fmt: skip
def test_the_check_reads_a_pages_settings_as_pelican_does(project_copy_factory, header, line):
    project = project_copy_factory()
    (project / "content/pages/kaper.md").write_text(f"{header}\n\nTekst.\n", encoding="utf-8")
    problems = check(project)
    assert any(p.startswith(f"content/pages/kaper.md:{line}: slug:") and "al in gebruik door" in p
               for p in problems), problems  # fmt: skip


def test_a_setting_continued_on_an_indented_line_is_named(project_copy_factory):
    project = project_copy_factory()
    (project / "content/pages/kaper.md").write_text("Title: Kaper\nSave_as:\n    elders/index.html\n\nTekst.\n",
                                                    encoding="utf-8")  # fmt: skip
    problems = check(project)
    assert any(p.startswith("content/pages/kaper.md:3: save_as: loopt door op een ingesprongen regel") for p in problems), \
        problems  # fmt: skip


@pytest.mark.parametrize("name", ["...md", "..md", "x#y?.md", "a%2e%2e b.md", "Verslag.md"])
def test_a_report_file_name_that_is_no_address_is_named(project_copy_factory, name):
    project = project_copy_factory()
    folder = project / "content/stadspanel/verslagen"
    source = sorted(folder.glob("*.md"))[0]
    (folder / name).write_text(source.read_text(encoding="utf-8").replace("date: 20", "date: 19", 1), encoding="utf-8")
    problems = check(project)
    assert any(p.startswith(f"content/stadspanel/verslagen/{name}:1: file:") and "kan geen naam van een verslag zijn" in p
               for p in problems), problems  # fmt: skip


def test_two_pages_with_one_slug_are_named_whatever_their_save_as(project_copy_factory):
    project = project_copy_factory()
    (project / "content/pages/een.md").write_text("Title: Een\nSlug: dubbel\nSave_as: een/index.html\n\nA.\n",
                                                  encoding="utf-8")  # fmt: skip
    (project / "content/pages/twee.md").write_text("Title: Twee\nSlug: dubbel\nSave_as: twee/index.html\n\nB.\n",
                                                   encoding="utf-8")  # fmt: skip
    problems = check(project)
    assert any(p.startswith("content/pages/twee.md:2: slug: 'dubbel' is ook de slug van content/pages/een.md:2")
               for p in problems), problems  # fmt: skip


def test_a_save_as_that_names_a_folder_is_named(project_copy_factory):
    project = project_copy_factory()
    (project / "content/pages/map.md").write_text("Title: Map\nSave_as: nieuw/\n\nTekst.\n", encoding="utf-8")
    problems = check(project)
    assert any(p.startswith("content/pages/map.md:2: save_as: noemt een map") for p in problems), problems
