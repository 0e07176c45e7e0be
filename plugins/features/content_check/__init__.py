# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Content check for editors: `make check` validates content and data without building the site.

It asks `site_records` for every problem of the register and the Stadspanel documents (read
once, shared with the build), checks the pages and stories Pelican reads itself, the whole
content tree (symbolic links, files nothing reads) and every address the build will write
(each feature in FEATURES declares its files with `outputs(records, settings)`, see
`site_outputs`: two claims on one path are named at the editor's file and line), then
asks every feature in FEATURES that offers `validate_sources(settings)` (this one checks the
accessibility statement's status, ACCESSIBILITY: see `accessibility`).

Also a feature (`before_reading`): a build runs the same check before it reads or writes anything,
so a bare `pelican` (without `make check`) names the same problems and never half-publishes a page.
"""

import sys
from pathlib import Path

import site_records
from editor_files.memo import build_cache
from editor_files.messages import msg
from editor_files.problems import ContentError
from site_outputs import Output, claimant, collisions, declared, feature_modules, record_free

from . import accessibility
from .pages import check_content_tree, read_pages, url_collisions


def plugin_modules(settings):
    return feature_modules(settings)


@record_free
def outputs(records, settings):
    """Files Pelican itself writes besides pages and stories: template pages and static folders."""
    for save_as in settings.get("TEMPLATE_PAGES", {}).values():
        yield Output(save_as, msg("a page of the site itself"))
    for folder in settings.get("STATIC_PATHS", []):
        yield Output(folder.strip("/") + "/*", msg("the files in content/{value}/", value=folder.strip('/')))
    theme_folder = settings.get("THEME_STATIC_DIR", "theme")
    for static in settings.get("THEME_STATIC_PATHS", ["static"]):
        root = Path(settings["THEME"]) / static
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            yield Output(f"{theme_folder}/{path.relative_to(root).as_posix()}", msg("the theme's own files"))


def declared_outputs(records, settings):
    """Every file the build writes but the editors' pages and stories (site_outputs), in plugin order."""
    return declared(records, settings, plugin_modules(settings))  # this module is one of them


def record_free_outputs(settings):
    """The outputs of the plugins whose `outputs` read no records (`site_outputs.record_free`)."""
    modules = [m for m in plugin_modules(settings) if getattr(getattr(m, "outputs", None), "record_free", False)]
    return declared(None, settings, modules)


def build_outputs(records, settings):
    """`declared_outputs` once per build: the check and make serve's clean-up (site_build) share them."""
    return build_cache(settings).of_build(settings, "declared_outputs", lambda: declared_outputs(records, settings))


def collect_problems(settings):
    root = Path(settings["PATH"]).absolute().parent
    problems = check_content_tree(settings, root)
    pages, page_problems = read_pages(settings, root)
    problems += page_problems
    records, record_problems = site_records.loaded(settings)
    problems += record_problems
    # While a record file has a problem, the files the records give are unknown; the pages are still
    # checked against each other and against every file that needs no records, so that every address
    # problem shows in this same run.
    generated = build_outputs(records, settings) if records is not None else record_free_outputs(settings)
    if records is not None:
        problems += kept_collisions(generated, settings)
    problems += kept_url_collisions(pages, generated, settings)
    for module in plugin_modules(settings):
        validate = getattr(module, "validate_sources", None)
        if validate:
            problems.extend(validate(settings))
    return problems


def validate_sources(settings):
    """The settings of the pages Pelican reads itself: the accessibility statement's status."""
    return accessibility.settings_problems(settings)


def kept_collisions(outputs, settings):
    """`collisions(outputs)`, kept by every claim (path, owner, editor's line): a preview save changes few."""
    shown = {}  # id(owner) -> its repr: 10,000 signs share one owner (the outputs hold it: its id stays its own)
    claims = []
    for output in outputs:
        owner = output.owner
        if type(owner) is str:
            owner = repr(owner)
        else:
            found = shown.get(id(owner))
            owner = shown[id(owner)] = repr(owner) if found is None else found
        claims.append((output.path, owner, output.source, output.exclusive))
    return build_cache(settings).store("collisions", 2).get(tuple(claims), lambda: collisions(outputs))


def kept_url_collisions(pages, outputs, settings):
    """`url_collisions` of the pages with every generated file, kept by the pages and every file's claimant: a
    preview save of a record file changes few (33,000 files at 10,000 sensors: a tenth of a second a save)."""
    named = tuple((output.path, claimant(output)) for output in reversed(outputs))
    kept = build_cache(settings).store("url collisions", 2)
    return kept.get((tuple(pages), named), lambda: url_collisions(pages, dict(named)))


def checked(settings):
    """`collect_problems` once per build: site_build checks before Pelican starts, and Pelican's start checks."""
    return build_cache(settings).of_build(settings, "content_check", lambda: collect_problems(settings))


def before_reading(settings):
    if settings.get("LANGUAGE_PASS"):  # another language's pass (language_versions): checked by the first
        return
    problems = checked(settings)
    if problems:
        print("\n".join(str(problem) for problem in problems), file=sys.stderr, flush=True)
        raise ContentError(problems, msg("The content"))

