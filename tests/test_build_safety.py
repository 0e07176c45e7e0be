# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Publication safety of the build itself: stale pages, drafts, hidden pages, broken plugins."""

import sys
import types

import pytest
import yaml
from conftest import run_build, without_search_index
from pelican_adapter import HookNameError, check_hook_names, misspelled_hooks
from publication_safety.check_output import check_output


def test_output_is_emptied_before_every_build(project_copy_factory, tmp_path):
    project = project_copy_factory()
    output = tmp_path / "output"
    (output / "oud-verslag").mkdir(parents=True)
    (output / "oud-verslag" / "index.html").write_text("vertrouwelijk", encoding="utf-8")
    run_build(project, output, adjust=without_search_index)
    assert not (output / "oud-verslag").exists()
    assert (output / "index.html").is_file()


def test_drafts_and_hidden_pages_leave_no_trace(project_copy_factory, tmp_path):
    project = project_copy_factory()
    pages = project / "content" / "pages"
    # An attachment only the draft uses: {attach} would copy it (upstream issue 3371).
    (project / "content" / "images" / "concept-bijlage.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (pages / "concept.md").write_text(
        "Title: Conceptpagina\nSlug: concept\nStatus: draft\n\n"
        "KANARIE-CONCEPT-7731 ![x]({attach}/images/concept-bijlage.svg)\n",
        encoding="utf-8",
    )
    (pages / "verborgen.md").write_text(
        "Title: Verborgen pagina\nSlug: verborgen\nStatus: hidden\n\nKANARIE-VERBORGEN-4410\n", encoding="utf-8"
    )
    (project / "content" / "verhalen" / "concept-verhaal.md").write_text(
        "Title: Conceptverhaal\nDate: 2024-01-01\nStatus: draft\n\nKANARIE-VERHAAL-2290\n", encoding="utf-8"
    )
    output = tmp_path / "output"
    run_build(project, output)

    assert not (output / "drafts").exists()
    assert not (output / "concept").exists() and not (output / "verborgen").exists()
    for file in output.rglob("*"):
        if file.is_file() and "pagefind" not in file.parts:
            text = file.read_text(encoding="utf-8", errors="replace")
            for canary in ("KANARIE", "Conceptpagina", "Verborgen pagina", "Conceptverhaal"):
                assert canary not in text, f"{canary} leaked into {file}"
    assert not list(output.rglob("concept-bijlage.svg")), "a draft's attachment was copied"
    assert check_output(output) == []


def test_an_attachment_beside_the_pages_stops_the_build(project_copy_factory, tmp_path):
    """Outside the static folders only {attach} would copy a file: the build names it instead."""
    project = project_copy_factory()
    (project / "content" / "pages" / "bijlage.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (project / "content" / "pages" / "met-bijlage.md").write_text(
        "Title: Met bijlage\nSlug: met-bijlage\n\n![x]({attach}bijlage.svg)\n", encoding="utf-8"
    )
    result = run_build(project, tmp_path / "output", check=False)
    assert result.returncode != 0
    assert "content/pages/bijlage.svg:1: file: is geen Markdown-pagina en wordt niet gepubliceerd" in result.stderr
    assert not list(tmp_path.rglob("output/**/bijlage.svg"))


def test_a_plugin_that_fails_to_load_fails_the_build(project_copy_factory, tmp_path):
    project = project_copy_factory()
    broken = project / "plugins" / "features" / "broken_feature"
    broken.mkdir()
    (broken / "__init__.py").write_text("def register():\n    raise RuntimeError('kapot')\n", encoding="utf-8")
    conf = project / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nPLUGINS = ["broken_feature", *PLUGINS]\n', encoding="utf-8")
    result = run_build(project, tmp_path / "output", check=False)
    assert result.returncode != 0
    assert "broken_feature" in result.stdout + result.stderr


def fewer_charts(project):
    """Each measurement dataset charted on the page of its first sensor only (not of eighteen): for a bare `pelican`
    run whose test does not depend on the demo's size (~2 s of CPU less: its charts are drawn again for every page,
    none kept from the test process's builds). Every page, dataset and chart of a story stays."""
    manifest = project / "data" / "metingen" / "datasets.yml"
    datasets = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    for dataset in datasets.values():
        dataset["sensors"] = dataset.get("sensors", [])[:1]
    manifest.write_text(yaml.safe_dump(datasets, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_plugin_that_is_missing_fails_the_build_even_without_fatal_logging(project_copy_factory, tmp_path):
    import subprocess
    import sys

    project = project_copy_factory()
    fewer_charts(project)
    conf = project / "pelicanconf.py"
    # The check runs when the build has finished: one language and no search index (~3 s of CPU less) reach it.
    conf.write_text(
        conf.read_text(encoding="utf-8") + '\nREQUIRED_PLUGINS = REQUIRED_PLUGINS + ["no_such_plugin"]\n'
        '\nLANGUAGES = ["nl"]\nSEARCH_ENABLED = False\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(tmp_path / "output")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "no_such_plugin" in result.stdout + result.stderr


def test_site_built_for_a_sub_path_has_working_links(project_copy_factory, tmp_path):
    project = project_copy_factory()
    output = tmp_path / "output"
    run_build(project, output, settings="publishconf.py", siteurl="https://owner.github.io/open-hilversum")
    assert check_output(output, site_url="https://owner.github.io/open-hilversum") == []
    home = (output / "index.html").read_text(encoding="utf-8")
    assert 'href="https://owner.github.io/open-hilversum/sensoren/"' in home
    assert (output / "feeds" / "verhalen.atom.xml").is_file()


def test_pelican_run_directly_builds_the_site(project_copy_factory, tmp_path):
    import os
    import subprocess
    import sys

    project = project_copy_factory()
    fewer_charts(project)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # nothing but the installed project
    result = subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o",
                             str(tmp_path / "output"), "--fatal", "warnings"], cwd=project, env=env,
                            capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "output" / "sensoren" / "index.html").is_file()


def test_records_are_written_where_the_url_and_save_as_settings_say(project_copy_factory, tmp_path):
    """Like Pelican's ARTICLE_URL/ARTICLE_SAVE_AS: SENSOR_, DOSSIER_ and REPORT_ addresses are settings."""
    from conftest import demo_records
    from publication_safety.check_output import check_output

    project = project_copy_factory()
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text(encoding="utf-8") + '\nSENSOR_URL = SENSOR_SAVE_AS = "sensor/{id}.html"\n'
                        'DOSSIER_URL = DOSSIER_SAVE_AS = "advies/{id}.html"\n', encoding="utf-8")  # fmt: skip
    output = tmp_path / "output"
    run_build(project, output)
    records = demo_records()
    sensor, dossier = records.register.sensors[0], records.panel.dossiers[0]
    assert (output / "sensor" / f"{sensor.sensor_id}.html").is_file()
    assert not (output / "sensoren" / sensor.sensor_id / "index.html").exists()
    assert (output / "advies" / f"{dossier.id}.html").is_file()
    assert f'href="/sensor/{sensor.sensor_id}.html"' in (output / "sensoren" / "index.html").read_text(encoding="utf-8")
    assert (output / "sensor" / sensor.sensor_id / "bord" / "index.html").is_file()
    assert '"sensorUrl":"/sensor/{id}.html"' in (output / "kaart" / "index.html").read_text(encoding="utf-8")
    assert check_output(output) == []


def test_a_misspelled_hook_of_a_feature_stops_the_build_by_name():
    """A feature's `output(...)` would never run; like pluggy, the adapter refuses it instead of ignoring it."""
    feature = types.ModuleType("a_feature")
    exec("def output(records, settings):\n    return []\n\ndef open_data_urls(records):\n    return []\n"
         "def before_readng(settings):\n    pass\n", feature.__dict__)  # fmt: skip
    assert misspelled_hooks(feature) == [("output", "outputs"), ("before_readng", "before_reading")]
    sys.modules["a_feature"] = feature
    try:
        with pytest.raises(HookNameError, match=r"a_feature\.output \(did you mean outputs\?\)"):
            check_hook_names({"FEATURES": ["a_feature"]})
    finally:
        del sys.modules["a_feature"]
