"""Content check for editors: `make check` validates content and data without building the site.

It asks `site_records` for every problem of the register and the Stadspanel documents (read
once, shared with the build), checks the pages and stories Pelican reads itself, the whole
content tree (symbolic links, files nothing reads) and every address the build will write
(each plugin in REQUIRED_PLUGINS names its files with `output_paths(records, settings)`), then
asks every plugin in REQUIRED_PLUGINS that offers `validate_sources(settings)`.

Also a Pelican plugin: a build runs the same check before it reads or writes anything, so a
bare `pelican` (without `make check`) names the same problems and never half-publishes a page.
"""

import importlib
import sys
from pathlib import Path

import site_records
from editor_files.problems import ContentError
from pelican import signals

from .pages import check_content_tree, read_pages, url_collisions


def plugin_modules(settings):
    return [importlib.import_module(name) for name in settings.get("REQUIRED_PLUGINS", [])]


def pelican_paths(settings):
    """Files Pelican itself writes besides pages: template pages and static folders."""
    paths = {save_as: "a page of the site itself" for save_as in settings.get("TEMPLATE_PAGES", {}).values()}
    for folder in settings.get("STATIC_PATHS", []):
        paths[folder.strip("/") + "/*"] = f"the files in content/{folder.strip('/')}/"
    paths[settings.get("THEME_STATIC_DIR", "theme") + "/*"] = "the theme's own files"
    return paths


def generated_paths(records, settings):
    """{output path (a * matches any text): who writes it} for everything but pages and stories."""
    owners = pelican_paths(settings)
    for module in plugin_modules(settings):
        output_paths = getattr(module, "output_paths", None)
        if output_paths:
            owners.update(output_paths(records, settings))
    return owners


def collect_problems(settings):
    root = Path(settings["PATH"]).absolute().parent
    problems = check_content_tree(settings, root)
    pages, page_problems = read_pages(settings, root)
    problems += page_problems
    records, record_problems = site_records.loaded(settings)
    problems += record_problems
    if records is not None:
        problems += url_collisions(pages, generated_paths(records, settings))
    for module in plugin_modules(settings):
        validate = getattr(module, "validate_sources", None)
        if validate:
            problems.extend(validate(settings))
    return problems


def check_before_building(pelican):
    problems = collect_problems(pelican.settings)
    if problems:
        print("\n".join(str(problem) for problem in problems), file=sys.stderr, flush=True)
        raise ContentError(problems, "The content")


def register():
    signals.initialized.connect(check_before_building)
