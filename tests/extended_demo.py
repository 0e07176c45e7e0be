# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Copies of the demo project carrying the changes of several tests at once, each built once per test session.

Each change is one test's own (its function lives in that test's file), and none touches what another of these
tests looks at. Each test asserts its own case on the shared build, instead of building a copy of its own.

- extended_demo: a newcomer's optional register column (test_sensor_register_site) and optional yes/no column
  (test_field_kinds), an optional answer field of the Stadspanel (test_stadspanel_site), a new record kind
  (test_record_kind) and a web form for residents' reports (test_resident_reports): one build with the copy's own
  plugins instead of five (~10 s of CPU).
- payload_demo: attacks in every field residents see, each test's own: the register replaced by sensors carrying one
  (test_sensor_register_site), the layers by one carrying one (test_map_layers), a dataset and its story carrying
  one (test_measurements); and the Stadspanel's dossiers replaced by a fixture whose figures are worked out by hand
  (test_stadspanel_site). With every step (the output check reads every page, and the search page's files must
  be there): one build instead of four.
- published_demo: the Stadspanel's canaries (a draft, a hidden report, a draft dossier, a confidential stub:
  test_stadspanel_site) and the pictures and attachments of test_published_files, built with every step (search
  index and English included): one build instead of two.
"""

import pytest
from conftest import built_once, copy_project, run_build, without_search_index


def extension_changes():
    from test_field_kinds import add_yes_no_column
    from test_record_kind import add_algorithms
    from test_resident_reports import add_web_form_route
    from test_sensor_register_site import add_mounting_height
    from test_stadspanel_site import add_budget_to_answers

    return [add_yes_no_column, add_mounting_height, add_budget_to_answers, add_algorithms, add_web_form_route]


def published_changes():
    from test_published_files import add_attachments, add_pictures
    from test_stadspanel_site import add_canaries

    return [add_canaries, add_pictures, add_attachments]


def payload_changes():
    from test_map_layers import add_layer_payload
    from test_measurements import add_dataset_payload
    from test_sensor_register_site import add_register_payload
    from test_stadspanel_site import add_fixture_dossiers

    return [add_register_payload, add_layer_payload, add_dataset_payload, add_fixture_dossiers]


def shared_site(name, changes, adjust=None):
    """A session fixture: (a copy of the demo with the tests' `changes()` made in order, its built site), built once.

    The changes are imported when the site is built: they live in the test files that import this one. Nothing may
    change either folder."""

    def build(folder):
        project = copy_project(folder / "project")
        for change in changes():
            change(project)
        run_build(project, folder / "output", adjust=adjust)

    @pytest.fixture(scope="session")
    def site(tmp_path_factory):
        folder = built_once(tmp_path_factory, name, build)
        return folder / "project", folder / "output"

    return site


extended_demo = shared_site("extended-demo", extension_changes, adjust=without_search_index)  # no test reads the index
published_demo = shared_site("published-demo", published_changes)
payload_demo = shared_site("payload-demo", payload_changes)
