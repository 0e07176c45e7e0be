# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Files for machines: the sitemap index and its sitemaps, robots.txt, security.txt, and the deploy workflow."""

import datetime
import re
import subprocess
import sys
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from conftest import ROOT, SETTINGS, TEST_BUILD_EPOCH, run_build, serve
from sitemap.sitemaps import MAX_URLS_PER_SITEMAP, TOP_LEVEL, sitemap_files

SITE_URL = "https://owner.github.io/open-hilversum"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BUILD_DATE = datetime.datetime.fromtimestamp(int(TEST_BUILD_EPOCH), datetime.UTC).date()
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


@pytest.fixture(scope="module")
def published(project_copy_factory, tmp_path_factory):
    """The published build of the demo project plus a page whose slug has a capital umlaut and a space."""
    project = project_copy_factory()
    (project / "content" / "pages" / "over-ons.md").write_text(
        "Title: Over ons\nSlug: Über Uns\n\nWie wij zijn.\n", encoding="utf-8"
    )
    output = tmp_path_factory.mktemp("published") / "output"
    run_build(project, output, settings="publishconf.py", siteurl=SITE_URL)
    return output


def written_pages(output):
    """Every page a visitor can open: index.html files, less the search index and theme files."""
    return {
        page.parent
        for page in output.rglob("index.html")
        if page.relative_to(output).parts[0] not in ("pagefind", "theme")
    }


def output_file(output, url):
    """The file a published address points to (the folder's index.html for a page)."""
    assert url.startswith(SITE_URL + "/"), url
    path = output / unquote(url[len(SITE_URL) + 1 :])
    return path / "index.html" if url.endswith("/") else path


def locs(xml_file, element):
    root = ElementTree.parse(xml_file).getroot()
    return [loc.text for loc in root.findall(f"sm:{element}/sm:loc", NS)], root.tag


def sitemap_locs(output):
    """{sitemap address: the page addresses it lists}, following the index."""
    index, tag = locs(output / "sitemap.xml", "sitemap")
    assert tag == f"{{{NS['sm']}}}sitemapindex"
    listed = {}
    for sitemap in index:
        pages, tag = locs(output_file(output, sitemap), "url")
        assert tag == f"{{{NS['sm']}}}urlset"
        listed[sitemap] = pages
    return listed


# --- security.txt ---


def security_fields(output):
    lines = (output / ".well-known" / "security.txt").read_text(encoding="utf-8").splitlines()
    return Counter(line.split(": ", 1)[0] for line in lines), dict(line.split(": ", 1) for line in lines)


def test_security_txt_names_the_contact_and_expires_after_the_build(published):
    counts, fields = security_fields(published)
    assert counts["Expires"] == 1 and counts["Contact"] >= 1
    assert fields["Contact"] == SETTINGS["SECURITY_CONTACT"]
    assert fields["Preferred-Languages"] == "nl, en"
    assert fields["Canonical"] == f"{SITE_URL}/.well-known/security.txt"
    expires = datetime.datetime.fromisoformat(fields["Expires"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", fields["Expires"])  # RFC 3339, UTC
    assert expires.date() == BUILD_DATE + datetime.timedelta(days=SETTINGS["SECURITY_TXT_VALID_DAYS"])
    assert BUILD_DATE < expires.date() <= BUILD_DATE + datetime.timedelta(days=365)


def test_development_build_has_security_txt_without_canonical_address(demo_site):
    counts, fields = security_fields(demo_site)
    assert fields["Contact"] == SETTINGS["SECURITY_CONTACT"]
    assert "Canonical" not in counts


def test_bad_security_settings_stop_the_build_before_anything_is_written(project_copy_factory, tmp_path):
    project = project_copy_factory()
    settings = project / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        re.sub(r"^SECURITY_CONTACT = .*$", 'SECURITY_CONTACT = "security@example.nl"', text, flags=re.M),
        encoding="utf-8",
    )
    result = run_build(project, tmp_path / "output", check=False)
    assert result.returncode != 0
    log = " ".join((result.stdout + result.stderr).split())  # the log may wrap long lines
    assert "pelicanconf.py: SECURITY_CONTACT: 'security@example.nl' is geen contactadres" in log
    assert not (tmp_path / "output" / "index.html").exists()


# --- sitemap ---


def test_sitemaps_list_every_written_page_exactly_once(published):
    listed = sitemap_locs(published)
    addresses = [url for pages in listed.values() for url in pages]
    assert [url for url, times in Counter(addresses).items() if times > 1] == []
    assert {output_file(published, url).parent for url in addresses} == written_pages(published)
    assert f"{SITE_URL}/sensoren/HLV-SNE-001/" in addresses
    assert f"{SITE_URL}/stadspanel/cameratoezicht/" in addresses
    assert not [url for url in addresses if "404" in url or "/pagefind/" in url or "/theme/" in url]


def test_one_sitemap_per_section_and_one_for_top_level_pages(published):
    listed = sitemap_locs(published)
    sections = {url: {urlsplit(page).path.split("/")[2] for page in pages} for url, pages in listed.items()}
    assert sections[f"{SITE_URL}/sitemap-sensoren.xml"] == {"sensoren"}
    assert sections[f"{SITE_URL}/sitemap-stadspanel.xml"] == {"stadspanel"}
    assert {"", "privacy", "Über Uns"} <= {unquote(s) for s in sections[f"{SITE_URL}/sitemap-{TOP_LEVEL}.xml"]}


def test_every_sitemap_may_list_its_pages(published):
    """The protocol lets a sitemap list only addresses in its own folder or below it."""
    for sitemap, pages in sitemap_locs(published).items():
        folder = sitemap.rsplit("/", 1)[0] + "/"
        assert folder == SITE_URL + "/"
        assert all(page.startswith(folder) for page in pages)
        assert len(pages) <= MAX_URLS_PER_SITEMAP


def test_robots_txt_points_to_the_sitemap_index(published):
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in (published / "robots.txt").read_text(encoding="utf-8")


def test_address_with_umlaut_and_space_is_percent_encoded_and_opens_the_page(published):
    addresses = [url for pages in sitemap_locs(published).values() for url in pages]
    assert f"{SITE_URL}/%C3%9Cber%20Uns/" in addresses
    assert not [url for url in addresses if re.search(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]", url)]
    assert (published / "Über Uns" / "index.html").is_file()
    with serve(published, base_path=urlsplit(SITE_URL).path) as local:
        for url in addresses:
            with urllib.request.urlopen(local + url[len(SITE_URL) :]) as response:
                assert response.status == 200, url


def test_a_section_over_the_limit_is_split_without_losing_a_page():
    pages = ["", "privacy/", "sensoren/"] + [f"sensoren/S-{n:05d}/" for n in range(MAX_URLS_PER_SITEMAP)]
    files = sitemap_files(pages)
    assert {name: len(listed) for name, listed in files.items()} == {
        f"{TOP_LEVEL}.xml": 2,
        "sensoren-1.xml": MAX_URLS_PER_SITEMAP,
        "sensoren-2.xml": 1,
    }
    assert [page for listed in files.values() for page in listed] == pages


def test_section_file_names_are_plain_and_never_collide():
    pages = ["Über/", "Über/a/", "uber/", "uber/b/", "paginas/", "paginas/c/", "over/"]
    files = sitemap_files(pages)
    assert all(re.fullmatch(r"[a-z0-9-]+\.xml", name) for name in files)
    assert sorted(page for listed in files.values() for page in listed) == sorted(pages)
    assert len(files) == 4


# --- the deploy workflow ---


@pytest.fixture(scope="module")
def workflow():
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow):
    return [(name, step) for name, job in workflow["jobs"].items() for step in job["steps"]]


def test_every_action_is_pinned_to_a_commit_with_its_version_named():
    uses = [line.strip() for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert uses
    for line in uses:
        assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


def test_no_checkout_keeps_the_token_and_the_build_has_the_history(workflow):
    checkouts = [(job, step) for job, step in steps(workflow) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    assert all(step["with"]["persist-credentials"] is False for _, step in checkouts)
    assert [step["with"].get("fetch-depth") for job, step in checkouts if job == "build"] == [0]


def test_the_site_is_rebuilt_daily_and_deployed_from_main_only(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["schedule"] and all(entry["cron"] for entry in triggers["schedule"])
    assert "pull_request" in triggers
    deploy = workflow["jobs"]["deploy"]["if"]
    assert "refs/heads/main" in deploy and "'push'" not in deploy


def test_only_the_deploy_job_may_write_and_only_to_pages(workflow):
    assert workflow["permissions"] == {}
    writes = {
        (name, scope)
        for name, job in workflow["jobs"].items()
        for scope, level in job["permissions"].items()
        if level != "read"
    }
    assert writes == {("deploy", "pages"), ("deploy", "id-token")}


def test_zizmor_finds_nothing():
    zizmor = Path(sys.executable).parent / "zizmor"
    result = subprocess.run([str(zizmor), "--offline", str(WORKFLOW.parent)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
