# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Another municipality adopts the portal by its settings: one block of pelicanconf.py, and its own
content/ and data/. No municipality's name in what residents read that does not come from there.

The second municipality (Wijdemeren) is tried as its developer would: a copy of the project in which
only the values in the settings block are changed and content/ and data/ are replaced by its own
files (tests/second_municipality/), built for publication. No file the build writes (Pagefind's index
and the copied third-party files aside) may name Hilversum or hold the demo's contacts, TOOI code,
area, tile server or map centre; Wijdemeren is named in the footer, the catalogue and the Woo-index.
"""

import ast
import io
import json
import re
import shutil
import tokenize
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, SETTINGS, demo_records, run_build
from lxml import etree

SECOND = Path(__file__).parent / "second_municipality"
SITE_URL = "https://open.wijdemeren.example.org"
BLOCK_START = "# --- Who runs this portal"
BLOCK_END = "# --- Pelican ---"
TOOI = "https://identifier.overheid.nl/tooi/id/gemeente/gm1696"

# The settings block of Wijdemeren: every value that is Hilversum's, as its developer would write it.
WIJDEMEREN = {
    "SITENAME": '"Open Wijdemeren"',
    "MUNICIPALITY": '"Gemeente Wijdemeren"',
    "MUNICIPALITY_SHORT": '"Wijdemeren"',
    "MUNICIPALITY_TOOI_CODE": '"gm1696"',
    "SITE_DESCRIPTION": '"Open Wijdemeren laat zien welke sensoren er in de openbare ruimte van Wijdemeren hangen."',
    "SITE_DESCRIPTION_IN": '{"en": "Open Wijdemeren shows which sensors hang in the public space of Wijdemeren."}',
    "CONTACT_EMAIL": '"open@wijdemeren.example.org"',
    "SECURITY_CONTACT": '"mailto:beveiliging@wijdemeren.example.org"',
    "DATA_PROTECTION_OFFICER": '{"name": "Functionaris Gegevensbescherming Wijdemeren", '
                               '"email": "privacy@wijdemeren.example.org"}',
    "DESIGN_TOKENS": '{"package": "@nl-design-system-community/ma-design-tokens", "css": "dist/theme.css", '
                     '"class": "ma-theme"}',
    "TILE_SERVER": '{"url": "https://tiles.wijdemeren.example.org/{z}/{x}/{y}.png", '
                   '"attribution": "Kaart: gemeente Wijdemeren", "name": "Kaart van Wijdemeren", "max_zoom": 18}',
    "MUNICIPALITY_BBOX": '{"south": 52.16, "west": 4.99, "north": 52.29, "east": 5.14}',
    "MAP_CENTER": "(52.2150, 5.0720)",
    "RESPONSE_TARGET": '{"days": 42, "decided_in": "het collegebesluit over het inwonerspanel"}',
    "REGISTER_LAST_INVENTORY": '"2026-06-30"',
    "OPEN_DATA_CONTACT_URL": '"https://www.wijdemeren.example.org/contact"',
    "OPEN_DATA_SPATIAL": '"http://standaarden.overheid.nl/owms/terms/Wijdemeren"',
    "OPEN_DATA_LICENCE": '"CC-BY-4.0"',
    "PANEL_NAME": '"Adviesraad Digitale Zaken"',
    "PANEL_NAME_SHORT": '"Adviesraad"',
    "PANEL_ARTICLE": '"de"',
    "ACCESSIBILITY": '{"status": "B", "last_audit": "2026-04-14", "audit_by": "Bureau Toegang (voorbeeld)", '
                     '"register_url": "https://www.toegankelijkheidsverklaring.nl/register/0"}',
}


def settings_block(source):
    """(start, end) line numbers (0-based, end exclusive) of the block another municipality changes."""
    lines = source.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(BLOCK_START))
    end = next(i for i, line in enumerate(lines) if line.startswith(BLOCK_END))
    return start, end


def with_settings(source, values):
    """pelicanconf.py with the named settings of its first block set to other values (Python source)."""
    lines = source.split("\n")
    start, end = settings_block(source)
    tree = ast.parse("\n".join(lines[start:end]))
    spans = {node.targets[0].id: (start + node.lineno - 1, start + node.end_lineno)
             for node in tree.body if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)}  # fmt: skip
    missing = sorted(set(values) - set(spans))
    assert not missing, f"not in the settings block of pelicanconf.py: {missing}"
    for name, (first, last) in sorted(spans.items(), key=lambda item: -item[1][0]):
        if name in values:
            lines[first:last] = [f"{name} = {values[name]}"]
    return "\n".join(lines)


def second_municipality(destination, values=WIJDEMEREN):
    """A copy of the project as Wijdemeren's developer makes it: the block, content/ and data/ are its own."""
    from conftest import copy_project

    project = copy_project(destination)
    settings = project / "pelicanconf.py"
    settings.write_text(with_settings(settings.read_text(encoding="utf-8"), values), encoding="utf-8")
    for part in ("content", "data"):
        shutil.rmtree(project / part)
        shutil.copytree(SECOND / part, project / part)
    return project


def demo_traces():
    """What names the demo municipality: its name, its contacts, publisher, area, tile server and map centre,
    its citizens' panel ("Stadspanel data") and its sensors' ids."""
    dpo = SETTINGS.get("DATA_PROTECTION_OFFICER") or {}
    security = SETTINGS.get("SECURITY_CONTACT") or ""
    traces = [
        "hilversum",
        SETTINGS["MUNICIPALITY_TOOI_CODE"],
        SETTINGS["CONTACT_EMAIL"],
        *(security if isinstance(security, list) else [security]),
        dpo.get("email", ""),
        SETTINGS["TILE_SERVER"]["url"].split("{")[0],
        urlsplit(SETTINGS["TILE_SERVER"]["url"]).hostname.split(".")[-2],  # the tile server's domain: "pdok"
        SETTINGS["OPEN_DATA_SPATIAL"],
        SETTINGS["PANEL_NAME"],
        *(f"{value:.4f}".rstrip("0") for value in SETTINGS["MAP_CENTER"]),
    ]
    sensors = [sensor.sensor_id for sensor in demo_records().register.sensors]  # the demo's data, e.g. HLV-SNE-001
    return sorted({trace.removeprefix("mailto:").lower() for trace in [*traces, *sensors] if trace})


def built_files(output):
    """Every file the build wrote, except Pagefind's index and the copied third-party files."""
    skipped = {"pagefind", "vendor"}
    return sorted(p for p in Path(output).rglob("*") if p.is_file() and not skipped & set(p.relative_to(output).parts))


# The licence header of the theme's own styles and scripts names the software's authors (the EUPL asks
# that it stays), not the municipality that runs the site.
LICENCE_HEADER = re.compile(r"^.*SPDX-FileCopyrightText:.*$", re.MULTILINE | re.IGNORECASE)


def traces_in(output, traces):
    found = []
    for path in built_files(output):
        text = LICENCE_HEADER.sub("", path.read_bytes().decode("utf-8", errors="replace")).lower()
        found += [f"{path.relative_to(output)}: {trace}" for trace in traces if trace in text]
    return found


def test_no_municipality_name_in_templates_or_interface_texts():
    name = SETTINGS["MUNICIPALITY_SHORT"]
    assert name, "the demo names its municipality in the settings"
    files = [*(ROOT / "theme/templates").glob("*.html"), *(ROOT / "theme").glob("strings.*.yml")]
    found = [f"{path.relative_to(ROOT)}:{number}" for path in files
             for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
             if name in line and "SPDX-" not in line]  # the licence header names the software's authors  # fmt: skip
    assert not found, found


def test_the_municipality_reaches_the_pages_through_the_settings(demo_site):
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    assert SETTINGS["SITENAME"] in home


def test_only_the_settings_block_of_the_settings_names_the_municipality():
    """Outside its first block, pelicanconf.py (and publishconf.py) hold nothing of one municipality."""
    source = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    start, end = settings_block(source)
    lines = source.split("\n")
    outside = [*lines[:start], *lines[end:], *(ROOT / "publishconf.py").read_text(encoding="utf-8").split("\n")]
    found = [line for line in outside if any(trace in line.lower() for trace in demo_traces()) and "SPDX-" not in line]
    assert not found, found
    code = without_comments(with_settings(source, WIJDEMEREN)).lower()
    assert not [trace for trace in demo_traces() if trace in code], "Wijdemeren's settings still hold the demo's"


def without_comments(source):
    """Python source without its comments (a developer rewrites those too, but a build never reads them)."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return tokenize.untokenize((token.type, token.string) for token in tokens if token.type != tokenize.COMMENT)


@pytest.fixture(scope="module")
def wijdemeren(tmp_path_factory):
    project = second_municipality(tmp_path_factory.mktemp("wijdemeren"))
    output = tmp_path_factory.mktemp("wijdemeren-site") / "output"
    run_build(project, output, settings="publishconf.py", siteurl=SITE_URL)
    return output


def test_a_second_municipality_builds_without_a_trace_of_the_first(wijdemeren):
    written = {p.relative_to(wijdemeren).as_posix() for p in built_files(wijdemeren)}
    # The build wrote what the test is about: pages, feeds, exports, catalogue, sitemaps, signs.
    for expected in ("index.html", "sensoren/WDM-LNT-001/index.html", "sensoren/WDM-LNT-001/bord/index.html",
                     "stadspanel/slimme-lantaarnpalen/index.html", "open-data/catalogus.json", "kaart/jachthavens/index.html",
                     "sitemap.xml", "robots.txt", ".well-known/security.txt", "feeds/verhalen.atom.xml"):  # fmt: skip
        assert expected in written, f"{expected} not written"
    assert any(name.endswith(".csv") for name in written) and any(name.endswith(".geojson") for name in written)
    found = traces_in(wijdemeren, demo_traces())
    assert not found, "\n".join(found)


def test_the_second_municipality_is_named_where_it_must_be(wijdemeren):
    home = (wijdemeren / "index.html").read_text(encoding="utf-8")
    assert "Open Wijdemeren is een website van Gemeente Wijdemeren." in re.sub(r"\s+", " ", home)
    catalogue = json.loads((wijdemeren / "open-data" / "catalogus.json").read_text(encoding="utf-8"))
    publishers = {json.dumps(dataset["dct:publisher"]) for dataset in catalogue["dcat:dataset"]}
    assert publishers and all(TOOI in publisher for publisher in publishers), publishers
    assert TOOI in json.dumps(catalogue["dct:publisher"])
    open_data = re.sub(r"\s+", " ", (wijdemeren / "open-data" / "index.html").read_text(encoding="utf-8"))
    assert "(CC-BY-4.0, tenzij" in open_data and "{licence}" not in open_data
    security = (wijdemeren / ".well-known" / "security.txt").read_text(encoding="utf-8")
    assert "Contact: mailto:beveiliging@wijdemeren.example.org" in security
    publishers = set()
    for sitemap in wijdemeren.glob("diwoo-*.xml"):
        tree = etree.parse(str(sitemap))
        publishers |= {node.get("resource") for node in tree.iter("{*}publisher")}
    assert publishers == {TOOI}, publishers
    assert "Gemeente Wijdemeren" in "".join(p.read_text(encoding="utf-8") for p in wijdemeren.glob("diwoo-*.xml"))


def test_the_second_municipality_names_its_own_panel(wijdemeren):
    """PANEL_NAME, its short form and its article reach the interface texts: menu, pages, feed, open data."""
    home = re.sub(r"\s+", " ", (wijdemeren / "index.html").read_text(encoding="utf-8"))
    assert ">Adviesraad</a>" in home and "Adviesraad Digitale Zaken" in home
    feed = (wijdemeren / "stadspanel" / "feed.atom").read_text(encoding="utf-8")
    assert "Open Wijdemeren: adviezen van de Adviesraad Digitale Zaken" in feed
    advice = (wijdemeren / "open-data" / "adviezen.json").read_text(encoding="utf-8")
    assert "Adviezen van de Adviesraad Digitale Zaken en reacties van de gemeente" in advice
    texts = "".join(p.read_text(encoding="utf-8") for p in wijdemeren.rglob("*.html"))
    assert not re.search(r"\{(the_|The_)?panel(_short)?\}", texts), "a panel placeholder was left unfilled"


def test_the_accessibility_statement_shows_the_status_and_audit_of_the_settings(wijdemeren):
    page = re.sub(r"\s+", " ", (wijdemeren / "toegankelijkheid" / "index.html").read_text(encoding="utf-8"))
    assert "Deze verklaring heeft status B: voldoet gedeeltelijk." in page
    assert "Laatste volledige onderzoek volgens WCAG-EM: 14 april 2026, door Bureau Toegang (voorbeeld)." in page
    assert 'href="https://www.toegankelijkheidsverklaring.nl/register/0"' in page


def test_a_status_a_without_an_audit_date_is_refused_by_make_check(tmp_path):
    """DigiToegankelijk's status A and B rest on a WCAG-EM audit: without its date, `make check` names the setting."""
    from conftest import TEST_BUILD_EPOCH, check_content

    unaudited = '{"status": "A", "last_audit": None, "audit_by": None, "register_url": None}'
    project = second_municipality(tmp_path / "project", {**WIJDEMEREN, "ACCESSIBILITY": unaudited})
    result = check_content(project, env={"SOURCE_DATE_EPOCH": TEST_BUILD_EPOCH})
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    assert "pelicanconf.py: ACCESSIBILITY: 'last_audit' is None: status A en B vragen de datum (JJJJ-MM-DD)" in output


@pytest.mark.parametrize(("status", "last_audit", "refused"), [
    ("C", None, False),
    ("E", None, False),
    ("B", "2026-04-14", False),
    ("A", "2023-11-23", False),  # three years before the build, to the day
    ("A", "2023-11-22", True),  # older than three years: no longer a basis for A
    ("B", "2026-12-01", True),  # after the build: not done yet
    ("B", None, True),
    ("C", "vorig jaar", True),  # a date that is none, whatever the status
    ("F", None, True),
    (None, None, True),
])  # fmt: skip
def test_the_accessibility_status_follows_digitoegankelijks_rules(status, last_audit, refused):
    import datetime

    from content_check.accessibility import settings_problems

    settings = {"ACCESSIBILITY": {"status": status, "last_audit": last_audit}, "BUILD_DATE": datetime.date(2026, 11, 23)}
    problems = settings_problems(settings)
    assert bool(problems) == refused, problems
    assert all(p.path == "pelicanconf.py" and p.field == "ACCESSIBILITY" for p in problems)


def test_the_check_finds_a_trace_of_the_first(tmp_path):
    """The search above finds a leak: a page of Wijdemeren's that names Hilversum is reported."""
    (tmp_path / "verhalen").mkdir()
    (tmp_path / "verhalen" / "index.html").write_text("<p>Zoals in HILVERSUM</p>", encoding="utf-8")
    (tmp_path / "kaart.json").write_text(json.dumps({"center": list(SETTINGS["MAP_CENTER"])}), encoding="utf-8")
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "x.js").write_text("hilversum", encoding="utf-8")
    found = traces_in(tmp_path, demo_traces())
    assert "verhalen/index.html: hilversum" in found
    assert any(line.startswith("kaart.json") for line in found), found
    assert not any(line.startswith("vendor") for line in found)


def block_settings():
    """{name: the line above it} of every setting in the block."""
    source = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    lines = source.split("\n")
    start, end = settings_block(source)
    tree = ast.parse("\n".join(lines[start:end]))
    return {node.targets[0].id: lines[start + node.lineno - 2] for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)}  # fmt: skip


def test_every_setting_of_the_block_says_what_it_is():
    """A developer reads the block alone: a comment right above each setting."""
    bare = [name for name, above in block_settings().items() if not above.startswith("#")]
    assert not bare, f"settings without a comment line above them: {bare}"


def test_the_readme_names_every_setting_of_the_block():
    """The table in "Gebruik dit portaal voor uw gemeente" lists each setting of the block, and no other."""
    settings = set(block_settings())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Gebruik dit portaal voor uw gemeente") :]
    table = section[section.index("| instelling | wat het is | voorbeeld |") :].split("\n\n")[0]
    documented = {name for line in table.splitlines()[2:] for name in re.findall(r"`([A-Z][A-Z_]+)`", line.split("|")[1])}
    assert documented == settings, {"not in the README": sorted(settings - documented),
                                    "not in the block": sorted(documented - settings)}
