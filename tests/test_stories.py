# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Stories: the embed syntax, its checks against the data, and every embed kind in Chromium."""

import csv
import re
import statistics
from pathlib import Path

import pytest
from conftest import ROOT, SETTINGS, axe_violations, demo_records, guarded_page, run_build
from editor_files.messages import Message
from hypothesis import given, settings
from hypothesis import strategies as st
from stories import sources_of
from stories.checks import Sources, check_story
from stories.embeds import KINDS, find_embed_lines, line_of_placeholder, mark_embeds, parse_embed, placeholder

METINGEN = ROOT / "data" / "metingen"


def problems_of(line):
    embed, problems = parse_embed(line)
    assert embed is None
    return [f"{field}: {message} ({hint})" for field, message, hint in problems]


# --- the syntax: one test per rule ---

SYNTAX_CASES = [
    ("[[taart dataset=x]]", "embed: 'taart' is geen soort invoeging"),
    ("[[kaartt sensoren=alle]]", "bedoelt u 'kaart'?"),
    ("[[kaart sensoren=alle", "embed: wordt niet afgesloten met ]]"),
    ("[[]]", "embed: noemt geen soort"),
    ("[[kaart kleur=rood]]", "kleur: is geen optie van kaart"),
    ("[[kaart sensoren=alle sensoren=alle]]", "sensoren: staat er twee keer"),
    ("[[grafiek titel=x]]", "dataset: ontbreekt"),
    ("[[kerncijfer dataset=x]]", "kolom: ontbreekt"),
    ("[[kaart titel=Leeg]]", "embed: kaart toont niets"),
    ("[[kaarten]]", "embed: kaarten toont niets"),
    ("[[kaart sensoren=alle zoom=25]]", "zoom: '25' is geen zoomniveau van 1 tot en met 19"),
    ("[[kaart sensoren=alle midden=52.2]]", "midden: '52.2' is geen latitude,longitude"),
    ("[[kerncijfer dataset=x kolom=y bewerking=gemidelde]]", "bedoelt u 'gemiddelde'?"),
    ("[[kerncijfer dataset=x kolom=y filter=periode]]", "filter: 'periode' is geen filter"),
    ("[[grafiek dataset=x soort=taart]]", "soort: 'taart' is geen soort grafiek"),
    ("[[kaart sensoren=soort:climate]]", "sensoren: 'soort:climate' is geen keuze van sensoren"),
    ('[[kaart sensoren=alle titel=""]]', "titel: is leeg"),
    ('[[kaart sensoren=alle titel="Bomen]]', 'titel: een aanhalingsteken (") wordt niet gesloten'),
    ("[[kaart sensoren=alle bomen]]", "bomen: 'bomen' is geen optie (schrijf naam=waarde)"),
    ("[[kaarten sensoren=a,,b]]", "sensoren: '' is geen id"),
    ("[[kaart sensoren=alle titel=" + "x" * 1000 + "]]", "tekens lang (hoogstens 1000)"),
]


@pytest.mark.parametrize(("line", "expected"), SYNTAX_CASES)
def test_syntax_rules(line, expected):
    assert any(expected in p for p in problems_of(line)), problems_of(line)


def test_valid_embeds_are_read():
    embed, problems = parse_embed(
        '[[kaart lagen=beschermde-bomen sensoren=alle midden=52.2249,5.1731 zoom=15 titel="Bomen in het centrum"]]', 7)
    assert problems == []
    assert embed.kind == "kaart" and embed.line == 7
    assert embed.options["titel"] == "Bomen in het centrum" and embed.values("lagen") == ("beschermde-bomen",)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_any_line_gives_an_embed_or_problems(text):
    for line in (text, "[[" + text, "[[" + text + "]]", "[[kaart " + text + "]]", "[[grafiek dataset=" + text + "]]"):
        embed, problems = parse_embed(line)
        assert (embed is None) != (problems == [])
        assert all(len(p) == 3 and all(isinstance(part, (str, Message)) for part in p) for p in problems)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=10))
def test_placeholders_survive_and_carry_the_line(lines):
    marked = mark_embeds(lines)
    for line in marked:
        if line.startswith("ohembed"):
            assert re.fullmatch(r"ohembed[0-9a-f]+", line)
            assert line_of_placeholder(line[len("ohembed"):]).startswith("[[")
    assert line_of_placeholder(placeholder("[[kaart sensoren=alle]]")[len("ohembed"):]) == "[[kaart sensoren=alle]]"


def test_embeds_in_fenced_code_stay_text():
    lines = ["```", "[[kaart sensoren=alle]]", "```", "[[kaart sensoren=alle]]"]
    marked = mark_embeds(lines)
    assert marked[1] == "[[kaart sensoren=alle]]" and marked[4].startswith("ohembed")


# --- the checks against the data ---


@pytest.fixture(scope="module")
def sources():
    records = demo_records()
    assert "druktemeter" in {d.id for d in records.panel.dossiers}
    return sources_of(records, SETTINGS)


def story_problems(tmp_path, sources, body, header="Title: T\nDate: 2024-01-01\n"):
    path = tmp_path / "verhaal.md"
    path.write_text(header + "\n" + body + "\n", encoding="utf-8")
    return [str(p) for p in check_story(path, "content/verhalen/verhaal.md", sources)]


DATA_CASES = [
    ("[[grafiek dataset=snelheden]]", "dataset: 'snelheden' is geen dataset"),
    ("[[grafiek dataset=luchtkwaliteit-maand kolommen=no3]]", "kolommen: 'no3' is geen kolom van luchtkwaliteit-maand (bedoelt u 'no2'?)"),
    ("[[kerncijfer dataset=snelliuslaan-snelheden kolom=periode]]", "kolom: 'periode' bevat geen getallen"),
    ("[[kerncijfer dataset=snelliuslaan-snelheden kolom=v85 filter=datum:2021-03-01]]", "filter: 'datum' is geen tekstkolom"),
    ("[[kerncijfer dataset=snelliuslaan-snelheden kolom=v85 filter=periode:tijdens]]", "filter: geen enkele regel van snelliuslaan-snelheden heeft periode 'tijdens'"),
    ("[[grafiek dataset=snelliuslaan-snelheden kolommen=v85,boven_30]]", "kolommen: mengt eenheden (%, km/u)"),
    ("[[grafiek dataset=snelliuslaan-snelheden]]", "kolommen: mengt eenheden"),
    ("[[grafiek dataset=luchtkwaliteit-maand kolommen=no2,no2]]", "kolommen: noemt een kolom twee keer"),
    ("[[kaart sensoren=HLV-SNE-001,HLV-SNE-009]]", "sensoren: 'HLV-SNE-009' is geen sensor in het register"),
    ("[[kaart sensoren=HLV-XYZ-*]]", "sensoren: 'HLV-XYZ-*' is geen sensor in het register"),
    ("[[kaart sensoren=type:klimaat]]", "sensoren: 'klimaat' is geen soort sensor"),
    ("[[kaart sensoren=thema:lucht]]", "sensoren: 'lucht' is geen thema"),
    ("[[kaart lagen=beschermde-boomen]]", "lagen: 'beschermde-boomen' is geen kaartlaag (bedoelt u 'beschermde-bomen'?)"),
    ("[[kaart sensoren=alle midden=51.92,5.17]]", "midden: 51.92, 5.17 ligt buiten de gemeente"),
    ("[[kaarten dossiers=druktemeters]]", "dossiers: 'druktemeters' is geen dossier van het Stadspanel (bedoelt u 'druktemeter'?)"),
    ("[[kaarten datasets=lucht]]", "datasets: 'lucht' is geen dataset"),
    ("[[kaarten sensoren=HLV-SNE-003]]", "sensoren: 'HLV-SNE-003' is geen sensor"),
    ("[[kaarten lagen=bomen]]", "lagen: 'bomen' is geen kaartlaag"),
    ("Zie [[kaart sensoren=alle]] hier.", "embed: staat niet op een eigen regel"),
]


@pytest.mark.parametrize(("body", "expected"), DATA_CASES)
def test_embed_checks_against_the_data(tmp_path, sources, body, expected):
    found = story_problems(tmp_path, sources, "Tekst.\n\n" + body)
    assert any(p.startswith("content/verhalen/verhaal.md:6: ") and expected in p for p in found), found


def test_unknown_theme_of_a_story(tmp_path, sources):
    found = story_problems(tmp_path, sources, "Tekst.", header="Title: T\nDate: 2024-01-01\nThemes: air, luht\n")
    assert len(found) == 1 and found[0].startswith("content/verhalen/verhaal.md:3: themes: 'luht' is geen thema")


def test_every_demo_embed_is_valid(sources):
    for path in sorted((ROOT / "content" / "verhalen").glob("*.md")):
        assert check_story(path, path.name, sources) == [], path


def test_layers_are_not_checked_while_unknown(tmp_path, sources):
    unknown_layers = Sources(sources.register, sources.catalogue, sources.dossiers, None, sources.bbox, sources.themes)
    path = tmp_path / "v.md"
    path.write_text("Title: T\n\n[[kaart lagen=nog-niet-bekend]]\n", encoding="utf-8")
    assert check_story(path, "v.md", unknown_layers) == []


def test_a_bad_embed_stops_the_build_and_make_check(project_copy_factory, tmp_path):
    from conftest import check_content

    project = project_copy_factory()
    story = project / "content" / "verhalen" / "luchtkwaliteit.md"
    lines = story.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("[[grafiek"))
    lines[number - 1] = "[[grafiek dataset=luchtkwaliteit kolommen=no2]]"
    story.write_text("\n".join(lines), encoding="utf-8")
    expected = f"content/verhalen/luchtkwaliteit.md:{number}: dataset: 'luchtkwaliteit' is geen dataset"
    result = run_build(project, tmp_path / "out", check=False)
    assert result.returncode != 0 and expected in result.stderr
    check = check_content(project, project / "pelicanconf.py")
    assert check.returncode == 1 and expected in check.stdout


# --- in the browser ---


def dutch(value, decimals=1):
    return f"{value:,.{decimals}f}".replace(",", "\0").replace(".", ",").replace("\0", ".")


def source_rows(name):
    with (METINGEN / f"{name}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def marker_points(page, svg, column):
    """(x, y) of every marker of one series in the chart's SVG."""
    return page.evaluate(
        """([svg, column]) => [...svg.querySelectorAll(`[data-reeks="${column}"] use`)]
            .map(u => [parseFloat(u.getAttribute('x')), parseFloat(u.getAttribute('y'))])""",
        [svg.element_handle(), column],
    )


def assert_plotted(values, points):
    """Each y is the same straight-line function of its value: the chart draws exactly these numbers."""
    assert len(points) == len(values)
    pairs = list(zip(values, [p[1] for p in points], strict=True))
    (v0, y0), (v1, y1) = min(pairs), max(pairs)
    scale = (y1 - y0) / (v1 - v0)
    assert scale < 0  # higher values are drawn higher up
    for value, (_x, y) in zip(values, points, strict=True):
        assert y == pytest.approx(y0 + (value - v0) * scale, abs=0.01)


def test_story_chart_table_and_key_figures_agree_with_the_data(demo_url, page):
    rows = sorted(source_rows("snelliuslaan-snelheden"), key=lambda r: r["datum"])
    page.goto(f"{demo_url}/verhalen/snelliuslaan/")
    chart = page.locator("figure.chart").first
    svg = chart.locator("svg.chart__svg")
    assert svg.get_attribute("role") == "img"
    labelled = svg.get_attribute("aria-labelledby").split()
    assert all(page.locator(f"#{name}").count() == 1 for name in labelled)
    table_rows = chart.locator("tbody tr")
    assert table_rows.count() == len(rows)
    headers = chart.locator("thead th").all_text_contents()
    assert headers[1:] == ["V85-snelheid (km/u)", "Gemiddelde snelheid (km/u)"]
    cells = chart.locator("tbody td").all_text_contents()
    assert cells[0::2] == [dutch(float(r["v85"])) for r in rows]
    assert cells[1::2] == [dutch(float(r["gemiddelde"])) for r in rows]
    for column in ("v85", "gemiddelde"):
        assert_plotted([float(r[column]) for r in rows], marker_points(page, svg, column))
    figures = page.locator(".key-figure__number").all_text_contents()
    for period, shown in zip(("voor", "na"), figures, strict=True):
        assert shown == dutch(statistics.mean(float(r["v85"]) for r in rows if r["periode"] == period))
    assert axe_violations(page) == []


def test_bar_chart_draws_the_numbers(demo_url, page):
    rows = source_rows("druktemeter-uur")
    page.goto(f"{demo_url}/verhalen/druktemeter/")
    svg = page.locator("svg.chart__svg")
    for column in ("kerkstraat", "groest"):
        heights = page.evaluate(
            """([svg, column]) => [...svg.querySelectorAll(`[data-reeks="${column}"] path`)]
                .map(p => p.getBBox().height)""", [svg.element_handle(), column])
        values = [int(r[column]) for r in rows]
        assert len(heights) == len(values)
        ratio = heights[0] / values[0]
        assert all(h == pytest.approx(v * ratio, rel=0.01) for h, v in zip(heights, values, strict=True))
    assert page.locator(".key-figure__number").inner_text() == dutch(max(int(r["kerkstraat"]) for r in rows), 0)


def test_map_and_card_embeds_link_what_the_story_draws_on(demo_url, demo_site, page):
    page.goto(f"{demo_url}/verhalen/druktemeter/")
    story_map = page.locator("figure.story-map")
    assert "De druktemeters in het winkelgebied" in story_map.locator("figcaption").inner_text()
    register = {s.sensor_id for s in demo_records().register.sensors}
    expected = sorted(s for s in register if s.startswith("HLV-DRK-"))
    if story_map.locator(".story-map__list").count():  # the text list (without the layers' map helper)
        links = story_map.locator(".story-map__list a").evaluate_all("as => as.map(a => a.pathname)")
        assert sorted(link.split("/")[2] for link in links) == expected
    card_links = page.locator(".story-cards a").evaluate_all("as => as.map(a => a.pathname)")
    assert "/stadspanel/druktemeter/" in card_links and "/open-data/druktemeter-uur.csv" in card_links
    for link in card_links:
        target = demo_site / link.lstrip("/")
        assert target.exists() or (target / "index.html").exists(), link
    assert axe_violations(page) == []


def test_overview_lists_every_story_newest_first(demo_url, page):
    stories = {}
    for path in (ROOT / "content" / "verhalen").glob("*.md"):
        header = dict(re.findall(r"^(\w+): (.*)$", path.read_text(encoding="utf-8").split("\n\n")[0], re.M))
        stories[header["Title"]] = header["Date"]
    page.goto(f"{demo_url}/verhalen/")
    titles = page.locator(".story-card h3").all_inner_texts()
    assert titles == sorted(stories, key=lambda title: stories[title], reverse=True)
    dates = page.locator(".story-card time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert dates == sorted(stories.values(), reverse=True)
    previews = page.locator(".story-card__preview")
    assert previews.count() >= 5
    assert all(width > 0 for width in previews.evaluate_all("imgs => imgs.map(i => i.naturalWidth)"))
    assert "Thema: Lucht" in page.locator(".story-card", has_text="Luchtkwaliteit").inner_text()
    assert axe_violations(page) == []


def test_story_works_on_a_phone(demo_url, browser):
    with guarded_page(browser, viewport={"width": 320, "height": 700}) as phone:
        phone.goto(f"{demo_url}/verhalen/luchtkwaliteit/")
        overflow = phone.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_kinds_are_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for kind, options in KINDS.items():
        assert f"[[{kind} " in readme, kind
        for option in options:
            assert f"`{option}`" in readme, option


def test_no_placeholder_is_left(demo_site):
    for page_file in Path(demo_site).rglob("*.html"):
        assert "ohembed" not in page_file.read_text(encoding="utf-8"), page_file


def _story_cards(path):
    """{"sensor"|"dossier"|"layer": ids} the cards of one story name (read from the story file)."""
    text = path.read_text(encoding="utf-8")
    named = {"sensor": set(), "dossier": set(), "layer": set()}
    for number, line in find_embed_lines(text)[0]:
        embed, _found = parse_embed(line, number)
        if embed.kind == "kaarten":
            for kind, option in (("sensor", "sensoren"), ("dossier", "dossiers"), ("layer", "lagen")):
                named[kind].update(embed.values(option))
    return named


def _story_slug(path):
    return re.search(r"^Slug:\s*(\S+)", path.read_text(encoding="utf-8"), re.MULTILINE).group(1)


def test_sensor_dossier_and_layer_pages_list_the_stories_that_draw_on_them(demo_site):
    records = demo_records()
    pages = {"sensor": lambda i: f"sensoren/{i}/index.html", "dossier": lambda i: f"stadspanel/{i}/index.html",
             "layer": lambda i: f"kaart/{i}/index.html"}  # fmt: skip
    checked = 0
    for story in sorted((ROOT / "content" / "verhalen").glob("*.md")):
        link = f'href="/verhalen/{_story_slug(story)}/"'
        for kind, ids in _story_cards(story).items():
            for record_id in ids:
                html = (demo_site / pages[kind](record_id)).read_text(encoding="utf-8")
                section = html.split('class="related-stories"', 1)
                assert len(section) == 2 and link in section[1], (story.name, kind, record_id)
                checked += 1
    assert checked >= 5
    unnamed = [s for s in records.register.sensors if not records.stories_of("sensor", s.sensor_id)]
    assert unnamed, "a map of every sensor must not link every sensor to its story"
    html = (demo_site / pages["sensor"](unnamed[0].sensor_id)).read_text(encoding="utf-8")
    assert 'class="related-stories"' not in html


def test_a_sensor_with_measurements_shows_their_chart_and_downloads(demo_site):
    records = demo_records()
    for dataset in records.measurements.datasets.values():
        html = (demo_site / f"sensoren/{dataset.sensors[0]}/index.html").read_text(encoding="utf-8")
        section = html.split('class="sensor-measurements"', 1)[1]
        assert "<svg" in section and "<table" in section and f"/open-data/{dataset.id}.csv" in section
    measured = {s for d in records.measurements.datasets.values() for s in d.sensors}
    other = next(s for s in records.register.sensors if s.sensor_id not in measured)
    assert "sensor-measurements" not in (demo_site / f"sensoren/{other.sensor_id}/index.html").read_text("utf-8")
