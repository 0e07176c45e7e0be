# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""`make html` ends an editor's mistake found while building with its message, never a traceback."""

import contextlib
import io
import os
import traceback

from conftest import TEST_BUILD_EPOCH, captured_log, patched_environment


def site_build(project, *args):
    """`python -m site_build [args]` (what `make html` runs) in the project folder, in this process (no start-up,
    the libraries already loaded): its exit code and what it printed and logged; an exception it lets out is
    printed as its traceback with exit code 1, as its process would end."""
    from site_build.__main__ import main

    printed = io.StringIO()
    saved_cwd = os.getcwd()
    os.chdir(project)
    try:
        with patched_environment({"SOURCE_DATE_EPOCH": TEST_BUILD_EPOCH}), contextlib.redirect_stdout(printed), \
                contextlib.redirect_stderr(printed), captured_log(printed):  # fmt: skip
            try:
                code = main(list(args))
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
            except Exception:  # noqa: BLE001 - as its process would end: the traceback, exit code 1
                traceback.print_exc(file=printed)
                code = 1
    finally:
        os.chdir(saved_cwd)
    return code, printed.getvalue()


def test_a_page_linking_a_stadspanel_source_file_gets_a_message_not_a_traceback(project_copy_factory, tmp_path):
    project = project_copy_factory()
    source = sorted((project / "content/stadspanel/cameratoezicht").glob("*.md"))[0]
    (project / "content/pages/link.md").write_text(
        f"Title: Link\n\n[stuk]({{static}}/stadspanel/cameratoezicht/{source.name})\n", encoding="utf-8")
    code, output = site_build(project, "pelicanconf.py", "-o", str(tmp_path / "out"))
    assert code != 0, output
    assert "Traceback" not in output, output
    assert "content/" in output, output
