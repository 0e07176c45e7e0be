# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The municipality's own look: one setting names an NL Design System token package, and the site follows it.

The demo uses the voorbeeld tokens; a copy of the project switched to the ma ("Mooi & Anders") tokens, both
EUPL-1.2, must build, look like itself and stay accessible (axe, colour contrast included) with no CSS edit.
Screenshots of both are left in /tmp/tokens-shots/ to look at.
"""

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, SETTINGS, axe_violations, guarded_page, html_pages, run_build, serve, without_search_index
from site_assets import design_tokens

VOORBEELD = {"package": "@nl-design-system-unstable/voorbeeld-design-tokens", "css": "dist/theme.css",
             "class": "voorbeeld-theme"}  # fmt: skip
MA = {"package": "@nl-design-system-community/ma-design-tokens", "css": "dist/theme.css", "class": "ma-theme"}
SHOTS = Path("/tmp/tokens-shots")
SENSOR = "sensoren/HLV-DRK-001/"  # a sensor page with badges, a chart and a location map
# A few pages of each shell and kind: home, register (buttons, badges), sensor, map, panel (bar charts),
# a dossier (timeline, badges), a story (key figure, thumbnail colours), a sign, a sheet of signs, the 404.
AXE_PAGES = ["", "sensoren/", SENSOR, "kaart/", "stadspanel/", "stadspanel/bodycams/", "verhalen/druktemeter/",
             "sensoren/HLV-DRK-001/bord/", "sensoren/borden/gemeente-hilversum/", "404.html"]  # fmt: skip


def token_css(tokens):
    return ROOT / "node_modules" / tokens["package"] / tokens["css"]


def token_value(tokens, name):
    """What a token resolves to in the package's own CSS (var() chains followed)."""
    properties = design_tokens.custom_properties(token_css(tokens).read_text(encoding="utf-8"))
    return design_tokens.resolve(properties, properties[name])


def rgb(hex_colour):
    h = hex_colour.strip().lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i : i + 2], 16) for i in (0, 2, 4)))


def with_tokens(pelicanconf, tokens):
    """pelicanconf.py's text with DESIGN_TOKENS set to `tokens` (the only change a municipality makes)."""
    setting = re.compile(r"^DESIGN_TOKENS = \{.*?^\}\n", re.S | re.M)
    assert len(setting.findall(pelicanconf)) == 1, "DESIGN_TOKENS is one block in pelicanconf.py"
    return setting.sub(lambda _: f"DESIGN_TOKENS = {tokens!r}\n", pelicanconf)


@pytest.fixture(scope="module")
def ma_site(project_copy_factory, tmp_path_factory):
    project = project_copy_factory()
    conf = project / "pelicanconf.py"
    conf.write_text(with_tokens(conf.read_text(encoding="utf-8"), MA), encoding="utf-8")
    output = tmp_path_factory.mktemp("ma") / "output"
    run_build(project, output, adjust=without_search_index)  # no test opens the search page or reads its index
    return output


@pytest.fixture(scope="module")
def ma_url(ma_site):
    with serve(ma_site) as url:
        yield url


def test_the_demo_names_the_voorbeeld_tokens_and_both_packages_are_pinned():
    assert SETTINGS["DESIGN_TOKENS"] == VOORBEELD
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for tokens in (VOORBEELD, MA):
        version = package["dependencies"][tokens["package"]]
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{tokens['package']} is pinned to one version"
        installed = lock["packages"][f"node_modules/{tokens['package']}"]
        assert installed["version"] == version
        assert installed["license"] == "EUPL-1.2", "only openly licensed token sets"
        assert f".{tokens['class']} {{" in token_css(tokens).read_text(encoding="utf-8")


def test_the_theme_css_reads_only_tokens():
    """No colour written in the theme's CSS but the data colours of map markers: the rest follows the tokens."""
    for name in ("site.css", "sign.css"):
        css = (ROOT / "theme/static/css" / name).read_text(encoding="utf-8")
        css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
        rules = [rule for rule in re.findall(r"[^{}]+\{[^{}]*\}", css) if re.search(r"#[0-9a-fA-F]{3,6}\b", rule)]
        assert all(re.search(r"marker|swatch", rule) for rule in rules), rules
        assert "system-ui" not in css and "voorbeeld" not in css


def test_switching_the_setting_switches_the_css_the_class_and_the_drawn_colours(ma_site):
    served = ma_site / "theme" / design_tokens.STYLESHEET
    assert served.read_bytes() == token_css(MA).read_bytes()
    pages = html_pages(ma_site)
    assert pages
    for file in pages:
        html = file.read_text(encoding="utf-8")
        root = re.search(r"<html[^>]*>", html).group(0)
        assert 'class="ma-theme"' in root, file
        assert "/theme/vendor/nlds/theme.css" in html, file
        assert "voorbeeld-theme" not in html, file
    # The story thumbnails and charts are drawn at build time, in the ma colours.
    primary = token_value(MA, design_tokens.BUILD_COLOURS["primary"])
    thumbnails = "".join(p.read_text(encoding="utf-8") for p in (ma_site / "verhalen").rglob("voorbeeld.svg"))
    assert primary in thumbnails
    assert token_value(VOORBEELD, design_tokens.BUILD_COLOURS["primary"]) not in thumbnails
    assert primary in (ma_site / SENSOR / "index.html").read_text(encoding="utf-8")


def look(page, url, name):
    """Open a page, save its screenshot, and return the colours that carry the municipality's look."""
    page.goto(url)
    page.wait_for_load_state("load")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)
    return page.evaluate("""() => {
        const style = (selector) => getComputedStyle(document.querySelector(selector));
        return {header: style('.site-header').backgroundColor, headerText: style('.site-header__brand').color,
                footer: style('.site-footer').backgroundColor, text: style('body').color,
                headingFont: style('main h1').fontFamily, bodyFont: style('body').fontFamily};
    }""")


def test_each_package_looks_like_itself(browser, demo_url, ma_url):
    seen = {}
    for label, tokens, base in (("voorbeeld", VOORBEELD, demo_url), ("ma", MA, ma_url)):
        with guarded_page(browser) as page:
            for slug, path in (("home", ""), ("sensor", SENSOR)):
                colours = look(page, f"{base}/{path}", f"{label}-{slug}")
                assert colours["header"] == rgb(token_value(tokens, "--basis-color-accent-1-inverse-bg-default"))
                assert colours["headerText"] == rgb(token_value(tokens, "--basis-color-accent-1-inverse-color-default"))
                assert colours["footer"] == rgb(token_value(tokens, "--utrecht-page-footer-background-color"))
                assert colours["text"] == rgb(token_value(tokens, "--basis-color-default-color-document"))
                assert colours["headingFont"] == token_value(tokens, "--utrecht-heading-1-font-family").replace("'", '"')
                seen[label, slug] = colours
    for slug in ("home", "sensor"):
        assert seen["voorbeeld", slug]["header"] != seen["ma", slug]["header"]
        assert seen["voorbeeld", slug]["headingFont"] != seen["ma", slug]["headingFont"]
        assert (SHOTS / f"voorbeeld-{slug}.png").read_bytes() != (SHOTS / f"ma-{slug}.png").read_bytes()


def test_the_ma_site_has_no_accessibility_violations(unpainted_browser, ma_site, ma_url):
    """Every page of AXE_PAGES, one after the other in one browser context (as test_pages checks the demo's): axe is
    compiled once and the shared styles and scripts come from the cache, not once a page."""
    violations = {}
    with guarded_page(unpainted_browser) as page:
        for path in AXE_PAGES:
            assert (ma_site / path / "index.html").exists() or (ma_site / path).is_file(), path
            page.goto(f"{ma_url}/{path}")
            page.wait_for_load_state("load")
            violations[path] = axe_violations(page)
    assert {path: found for path, found in violations.items() if found} == {}
