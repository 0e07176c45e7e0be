# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""`make serve` reads again only what changed: a changed file always counts, an unchanged one is not read.

Each load gets new settings, as every preview build has, carrying the one build cache of the
session (`editor_files.memo.BuildCache`), as `make serve` passes it."""

import collections
from pathlib import Path

import pytest
from conftest import copy_project
from editor_files.memo import BuildCache, build_cache
from pelican.settings import read_settings
from sensor_register import validation
from site_records import load
from stadspanel import reader

DOSSIER = "content/stadspanel/bodycams/2020-02-03-adviesverzoek.md"
REGISTER = "data/sensors/gemeente-hilversum.csv"
SENSOR_ID = "HLV-SNE-001"


@pytest.fixture
def session_cache():
    return BuildCache()


@pytest.fixture
def counted(monkeypatch):
    """{"document:<name>" or "row:<sensor id>": times read and validated}, counted from the next load on."""
    counts = collections.Counter()
    read_document, validate_row = reader.DocumentReader.read, validation.RowValidator.validate

    def counting_read(self):
        counts["document:" + self.path.name] += 1
        return read_document(self)

    def counting_validate(self):
        counts["row:" + self.text("sensor_id")] += 1
        return validate_row(self)

    monkeypatch.setattr(reader.DocumentReader, "read", counting_read)
    monkeypatch.setattr(validation.RowValidator, "validate", counting_validate)
    return counts


def load_project(project, cache):
    """A build's reading: new settings each time, as every preview build has, with the session's cache."""
    return load(read_settings(str(project / "pelicanconf.py"), override={"BUILD_CACHE": cache}))


def dossier_title(records):
    return records.panel.dossier("bodycams").documents[0].title


def sensor_name(records):
    return next(s.name for s in records.register.sensors if s.sensor_id == SENSOR_ID)


def test_unchanged_files_are_not_read_again_and_a_changed_file_changes_its_record(tmp_path, counted, session_cache):
    project = copy_project(tmp_path / "project")
    records, problems = load_project(project, session_cache)
    assert problems == []
    assert session_cache.made("rows") == len(records.register.sensors), "every row validated once"
    counted.clear()
    again, problems = load_project(project, session_cache)
    assert problems == [] and not counted, "nothing changed: nothing is read or validated again"
    assert dossier_title(again) == dossier_title(records)

    source = project / DOSSIER
    text = source.read_text(encoding="utf-8")
    title = dossier_title(records)
    source.write_text(text.replace(f"title: {title}", "title: Bodycams, bijgewerkt", 1), encoding="utf-8")
    changed, problems = load_project(project, session_cache)
    assert problems == []
    assert dossier_title(changed) == "Bodycams, bijgewerkt"
    assert set(counted) == {"document:" + source.name} and counted["document:" + source.name] == 1

    counted.clear()
    register = project / REGISTER
    name = sensor_name(records)
    register.write_bytes(register.read_bytes().replace(name.encode(), b"Snelheidsmeter, hernoemd", 1))
    changed, problems = load_project(project, session_cache)
    assert problems == []
    assert sensor_name(changed) == "Snelheidsmeter, hernoemd"
    assert dict(counted) == {f"row:{SENSOR_ID}": 1}, "only the changed row is validated again"
    assert session_cache.made("rows") == len(records.register.sensors) + 1


def test_a_build_without_the_preview_gets_a_fresh_cache_of_its_own(tmp_path, counted):
    """A one-off build (make html, a bare pelican run) keeps nothing for the next: each reads every file."""
    project = copy_project(tmp_path / "project")
    settings = read_settings(str(project / "pelicanconf.py"))
    records, problems = load(settings)
    assert problems == [] and counted["document:" + Path(DOSSIER).name] == 1
    load(read_settings(str(project / "pelicanconf.py")))
    assert counted["document:" + Path(DOSSIER).name] == 2, "another build's cache is not this one's"
    assert build_cache(settings).made("rows") == len(records.register.sensors)


def test_a_mistake_is_reported_on_every_build_until_it_is_fixed(tmp_path, counted, session_cache):
    project = copy_project(tmp_path / "project")
    source = project / DOSSIER
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("kind: request", "kind: verzoekje"), encoding="utf-8")
    first = [str(p) for p in load_project(project, session_cache)[1]]
    assert any(f"{DOSSIER}:3: kind: 'verzoekje'" in p for p in first)
    counted.clear()
    assert [str(p) for p in load_project(project, session_cache)[1]] == first, "a kept result keeps its problems"
    assert not counted
    source.write_text(text, encoding="utf-8")
    records, problems = load_project(project, session_cache)
    assert problems == [] and records is not None


def test_layers_and_datasets_are_read_again_only_when_a_file_of_their_folder_changes(tmp_path, monkeypatch, session_cache):
    from map_layers import reader as layer_reader
    from measurements import datasets

    counts = collections.Counter()
    for module, name in ((layer_reader, "_load_layers"), (datasets, "_load_datasets")):
        original = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *args, original=original, name=name: counts.update([name])
                            or original(*args))  # fmt: skip
    project = copy_project(tmp_path / "project")
    load_project(project, session_cache)
    load_project(project, session_cache)
    assert counts == {"_load_layers": 1, "_load_datasets": 1}
    manifest = project / "data" / "metingen" / "datasets.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load_project(project, session_cache)
    assert counts == {"_load_layers": 1, "_load_datasets": 2}


def test_a_saved_register_leaves_the_panel_as_read_but_any_file_added_to_a_dossier_folder_counts(tmp_path,
                                                                                                 session_cache):
    """The panel is kept whole by what reading sees of its folder: a file added beside the documents (which no
    document changed for) is named on the next build, and gone again when it is removed."""
    project = copy_project(tmp_path / "project")
    records, problems = load_project(project, session_cache)
    assert problems == []
    register = project / REGISTER
    register.write_bytes(register.read_bytes().replace(sensor_name(records).encode(), b"Hernoemd", 1))
    changed, problems = load_project(project, session_cache)
    assert problems == [] and changed.panel is records.panel, "the panel's files did not change"
    folder = project / DOSSIER
    for name, expected in (("notities.txt", "is not a Markdown document or an attachment"),
                           ("bijlage.pdf", "is not listed by any document")):  # fmt: skip
        added = folder.parent / name
        added.write_bytes(b"%PDF-1.4\n")
        _records, problems = load_project(project, session_cache)
        assert [p for p in problems if p.path.endswith(f"bodycams/{name}") and expected in p.in_english()], problems
        added.unlink()
        assert load_project(project, session_cache)[1] == []
    register_file = project / REGISTER
    (register_file.parent / "oud.txt").write_text("x", encoding="utf-8")
    assert any(p.path.endswith("oud.txt") for p in load_project(project, session_cache)[1]), "its folder counts"


def test_another_languages_pass_reads_nothing_again_and_has_its_labels(tmp_path, counted, session_cache):
    """A further language's pass (language_versions) shares the first pass's records (site_records.share)."""
    from language_versions import language_settings
    from site_records import loaded, share

    project = copy_project(tmp_path / "project")
    settings = read_settings(str(project / "pelicanconf.py"), override={"BUILD_CACHE": session_cache})
    first, problems = loaded(settings)
    assert problems == [] and first.register.language == "nl"
    counted.clear()
    english = language_settings(settings, "en")
    share(settings, english)
    records, problems = loaded(english)
    assert problems == [] and not counted, "nothing is read again"
    assert records.settings.language == "en" and records.register.language == "en"
    assert records.panel is first.panel and records.register.sensors is first.register.sensors
    assert first.register.language == "nl", "the first pass's records stay in its language"
    sensor = next(s for s in records.register.sensors if s.sensor_id == SENSOR_ID)
    assert records.register.label("sensor_type", sensor.sensor_type) != first.register.label("sensor_type",
                                                                                             sensor.sensor_type)
