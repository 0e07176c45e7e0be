# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""`make html` ends an editor's mistake found while building with its message, never a traceback."""

from conftest import TEST_BUILD_EPOCH, main_in_process


def site_build(project, *args):
    """`python -m site_build [args]` (what `make html` runs) in the project folder, in this process (no start-up,
    the libraries already loaded): its exit code and what it printed and logged (see conftest.main_in_process)."""
    from site_build.__main__ import main

    code, out, err = main_in_process(project, lambda: main(list(args)), ["site_build", *args],
                                     {"SOURCE_DATE_EPOCH": TEST_BUILD_EPOCH})  # fmt: skip
    return code, out + err


def test_a_page_linking_a_stadspanel_source_file_gets_a_message_not_a_traceback(project_copy_factory, tmp_path):
    project = project_copy_factory()
    source = sorted((project / "content/stadspanel/cameratoezicht").glob("*.md"))[0]
    (project / "content/pages/link.md").write_text(
        f"Title: Link\n\n[stuk]({{static}}/stadspanel/cameratoezicht/{source.name})\n", encoding="utf-8")
    code, output = site_build(project, "pelicanconf.py", "-o", str(tmp_path / "out"))
    assert code != 0, output
    assert "Traceback" not in output, output
    assert "content/" in output, output
