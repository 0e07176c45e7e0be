"""Content check for editors: `make check` validates content and data without building the site.

It asks `site_records` for every problem of the register and the Stadspanel documents (read
once, shared with the build), checks the pages and stories Pelican reads itself, the whole
content tree (symbolic links, files nothing reads) and every address the build will write,
then asks every other plugin in REQUIRED_PLUGINS that offers `validate_sources(settings)`.
"""

import importlib
from pathlib import Path

import site_records

from .pages import check_content_tree, read_pages, url_collisions

# Addresses the plugins write besides records' own pages.
SECTION_URLS = ("sensoren", "kaart", "stadspanel", "stadspanel/verslagen", "open-data", "theme", "images",
                "pagefind")  # fmt: skip


def generated_urls(records):
    """{url without slashes: who writes it} for every page a plugin generates."""
    owners = {url: "a page of the site itself" for url in SECTION_URLS}
    for sensor in records.register.sensors:
        owners[sensor.url.strip("/")] = f"sensor {sensor.sensor_id} ({sensor.source_path}:{sensor.source_line})"
    for dossier in records.panel.dossiers:
        owners[dossier.url.strip("/")] = f"dossier {dossier.id}"
    return owners


def collect_problems(settings):
    root = Path(settings["PATH"]).absolute().parent
    problems = check_content_tree(settings, root)
    pages, page_problems = read_pages(settings, root)
    problems += page_problems
    records, record_problems = site_records.load(settings)
    problems += record_problems
    if records is not None:
        problems += url_collisions(pages, generated_urls(records))
    for name in settings.get("REQUIRED_PLUGINS", []):
        validate = getattr(importlib.import_module(name), "validate_sources", None)
        if validate:
            problems.extend(validate(settings))
    return problems
