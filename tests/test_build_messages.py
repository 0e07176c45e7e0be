# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""`make html` ends an editor's mistake found while building with its message, never a traceback."""

import os
import subprocess
import sys

from conftest import TEST_BUILD_EPOCH


def test_a_page_linking_a_stadspanel_source_file_gets_a_message_not_a_traceback(project_copy_factory, tmp_path):
    project = project_copy_factory()
    source = sorted((project / "content/stadspanel/cameratoezicht").glob("*.md"))[0]
    (project / "content/pages/link.md").write_text(
        f"Title: Link\n\n[stuk]({{static}}/stadspanel/cameratoezicht/{source.name})\n", encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH=TEST_BUILD_EPOCH)
    result = subprocess.run([sys.executable, "-m", "site_build", "pelicanconf.py", "-o", str(tmp_path / "out")],
                            cwd=project, env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert "content/" in output, output
