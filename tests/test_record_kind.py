# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""A new record kind is a new folder and one line of settings: no existing Python file changes.

The test adds "algoritmes" (like the national Algoritmeregister) to a project copy: a CSV file, a
package with its kind and its pages, a template, and one line in pelicanconf.py. The build then
writes a page per algorithm linking the sensors it names, `make check` names a sensor that does not
exist at the file's line, and a page cannot take an algorithm's address.
"""

import filecmp

from conftest import ROOT, TEST_BUILD_EPOCH, check_content, demo_records
from extended_demo import extended_demo  # noqa: F401 (a fixture)

KIND = '''"""Algorithms the municipality uses: data/algoritmes.csv, one page each, linked to sensors."""

import csv
import io

from editor_files.messages import msg
from editor_files.problems import Problem, did_you_mean
from editor_files.sources import read_text
from site_outputs import Output, Page
from site_records.kinds import Link, RecordKind


def load(site, before):
    path = site.data_path / "algoritmes.csv"
    text, problems = read_text(path, "data/algoritmes.csv")
    if text is None:
        return None, problems
    rows = [(line, row) for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2)]
    return tuple({**row, "line": line, "sensors": tuple(filter(None, row["sensors"].split("|")))}
                 for line, row in rows), []


def named_sensors(algorithms):
    for algorithm in algorithms:
        yield algorithm["id"], "data/algoritmes.csv", algorithm["line"], algorithm["sensors"]


def unknown_sensor(path, line, sensor_id, known):
    return Problem(path, line, "sensors", msg("'{sensor_id}' is not in the sensor register", sensor_id=sensor_id),
                   did_you_mean(sensor_id, known))


def outputs(records, settings):
    for algorithm in records.algorithms:
        sensor_ids = records.links.of("algorithms", algorithm["id"], "register")
        sensors = [s for s in records.register.sensors if s.sensor_id in sensor_ids]
        yield Output(records.settings.save_as_of("algorithm", id=algorithm["id"]), f"algorithm {algorithm['id']}",
                     source=f"data/algoritmes.csv:{algorithm['line']}",
                     make=lambda g, a=algorithm, s=sensors: Page("algoritme", {"algorithm": a, "sensors": s}))


RECORD_KIND = RecordKind(name="algorithm", attribute="algorithms", load=load,
                         ids=lambda algorithms: (a["id"] for a in algorithms),
                         pages={"algorithm": "algoritmes/{id}/"},
                         links=(Link("register", named_sensors, unknown_sensor),))
'''

TEMPLATE = """{% extends "base.html" %}
{% block title %}{{ algorithm.name }}{% endblock %}
{% block content %}
<h1>{{ algorithm.name }}</h1>
<ul class="algorithm-sensors">{% for sensor in sensors %}<li><a href="{{ SITEURL }}/{{ sensor.url }}">{{ sensor.name }}</a></li>{% endfor %}</ul>
{% endblock %}
"""


def add_kind(project, sensor_ids):
    (project / "data/algoritmes.csv").write_text(
        "id,name,sensors\n"
        f"ALG-1,Kentekenherkenning parkeren,{'|'.join(sensor_ids)}\n"
        "ALG-2,Drukte voorspellen,\n", encoding="utf-8")  # fmt: skip
    package = project / "plugins/kinds/algoritmes"
    package.mkdir()
    (package / "__init__.py").write_text('"""Algorithms (an example record kind)."""\n', encoding="utf-8")
    (package / "kind.py").write_text(KIND, encoding="utf-8")
    (project / "theme/templates/algoritme.html").write_text(TEMPLATE, encoding="utf-8")
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text(encoding="utf-8") + '\nRECORD_KINDS = [*RECORD_KINDS, "algoritmes.kind"]\n',
                        encoding="utf-8")  # fmt: skip


def existing_python_unchanged(project):
    changed = []
    for source in (ROOT / "plugins").rglob("*.py"):
        copy = project / source.relative_to(ROOT)
        if "__pycache__" not in source.parts and not filecmp.cmp(source, copy, shallow=False):
            changed.append(str(source.relative_to(ROOT)))
    return changed


def add_algorithms(project):
    """The kind, with ALG-1 naming the first two demo sensors."""
    add_kind(project, [s.sensor_id for s in demo_records().register.sensors[:2]])


def test_a_new_record_kind_is_a_folder_and_one_line_of_settings(project_copy_factory, extended_demo):  # noqa: F811
    """`add_algorithms` changes no existing Python file; the copy built with it (and other tests' changes,
    extended_demo) writes a page per algorithm linking its sensors."""
    project = project_copy_factory()
    add_algorithms(project)
    assert existing_python_unchanged(project) == []

    sensors = demo_records().register.sensors[:2]
    _project, output = extended_demo
    page = (output / "algoritmes/ALG-1/index.html").read_text(encoding="utf-8")
    assert "Kentekenherkenning parkeren" in page
    for sensor in sensors:
        assert f'/{sensor.url}">{sensor.name}</a>' in page.replace("&#39;", "'")
    assert (output / "algoritmes/ALG-2/index.html").is_file()


def content_check(project):
    """`make check` of the copy, with its own plugins (the new kind's package among them)."""
    check = check_content(project, project / "pelicanconf.py", env={"SOURCE_DATE_EPOCH": TEST_BUILD_EPOCH})
    return check.returncode, check.stdout + check.stderr


def test_a_new_kinds_links_are_checked(project_copy_factory):
    project = project_copy_factory()
    add_kind(project, ["HLV-BESTAAT-NIET"])
    code, output = content_check(project)
    assert code != 0
    assert "data/algoritmes.csv:2: sensors: 'HLV-BESTAAT-NIET' staat niet in het sensorregister" in output


def test_no_page_can_take_a_new_kinds_address(project_copy_factory):
    project = project_copy_factory()
    add_kind(project, [demo_records().register.sensors[0].sensor_id])
    (project / "content/pages/kaper.md").write_text("Title: Kaper\nSlug: algoritmes/ALG-2\n\nTekst.\n",
                                                    encoding="utf-8")  # fmt: skip
    code, output = content_check(project)
    assert code != 0
    assert "content/pages/kaper.md:2: slug: het adres /algoritmes/ALG-2/ is al in gebruik door algorithm ALG-2 " \
        "(data/algoritmes.csv:3)" in output, output  # fmt: skip
