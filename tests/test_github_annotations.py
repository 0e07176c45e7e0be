# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Editors who work in GitHub's web editor see make check's problems at their line in the pull request."""


from conftest import TEST_BUILD_EPOCH, check_content
from content_check.__main__ import github_annotation
from editor_files.problems import Problem


def test_a_problem_becomes_an_error_annotation_at_its_file_and_line():
    problem = Problem("data/sensors/a,b.csv", 14, "latitude", "'52,2x' is not a number", "e.g. 52.2231")
    line = github_annotation(problem)
    assert line.startswith("::error file=data/sensors/a%2Cb.csv,line=14,title=latitude::")
    assert line.endswith(str(problem).replace("%", "%25"))  # the Dutch text, as make check prints it
    assert "\n" not in github_annotation(Problem("x.md", 1, "", "a\nb"))


def test_make_check_in_github_actions_prints_the_annotations(project_copy_factory):
    project = project_copy_factory()
    (project / "content/pages/kapot.md").write_text("Title: Kapot\nStatus: soms\n\nTekst.\n", encoding="utf-8")
    result = check_content(project, project / "pelicanconf.py",
                           env={"GITHUB_ACTIONS": "true", "SOURCE_DATE_EPOCH": TEST_BUILD_EPOCH})  # fmt: skip
    assert result.returncode == 1
    assert "::error file=content/pages/kapot.md,line=2,title=status::" in result.stdout, result.stdout
