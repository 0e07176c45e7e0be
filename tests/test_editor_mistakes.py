# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Mistakes that used to give a traceback, a silent drop or a slow build: each is a message at file:line:field."""

import pytest
from conftest import SETTINGS
from content_check.pages import folder_rules, read_page
from editor_files.problems import ContentError


def page_problems(tmp_path, text, folder="pages"):
    path = tmp_path / "pagina.md"
    path.write_text(text, encoding="utf-8")
    required, patterns = folder_rules(folder, SETTINGS)
    _page, problems = read_page(path, f"content/{folder}/pagina.md", required, patterns, SETTINGS)
    return [str(p) for p in problems]


@pytest.mark.parametrize(("line", "expected"), [
    ("Template: bestaat-niet", "content/pages/pagina.md:2: template: 'bestaat-niet' is geen sjabloon van het thema"),
    ("Template: ../base", "content/pages/pagina.md:2: template: '../base' is geen sjabloon van het thema"),
    ("Lang: en", "content/pages/pagina.md:2: lang: 'en' is niet de taal van de website"),
    ("Translation: true", "content/pages/pagina.md:2: translation: is geen instelling die een pagina mag hebben"),
    ("Slug: over?x=1", "content/pages/pagina.md:2: slug: 'over?x=1' kan geen deel van een webadres zijn"),
    ("Slug: over#top", "content/pages/pagina.md:2: slug: 'over#top' kan geen deel van een webadres zijn"),
    ("Slug: ../index", "content/pages/pagina.md:2: slug: '../index' kan geen deel van een webadres zijn"),
    ("Save_as: a/../../b.html", "content/pages/pagina.md:2: save_as: 'a/../../b.html' kan geen deel van een webadres"),
    ("Summary: stil\x1bteken", "content/pages/pagina.md:2: summary: bevat het onzichtbare stuurteken U+001B"),
])  # fmt: skip
def test_a_page_setting_that_would_break_the_site_is_named(tmp_path, line, expected):
    found = page_problems(tmp_path, f"Title: Een pagina\n{line}\n\nTekst.\n")
    assert any(p.startswith(expected) for p in found), found


def test_the_demo_templates_are_allowed(tmp_path):
    assert page_problems(tmp_path, "Title: Thuis\nTemplate: home\nLang: nl\n\nTekst.\n") == []


def test_a_title_with_a_control_character_is_named_not_published(tmp_path):
    found = page_problems(tmp_path, "Title: Stil\x07teken\nDate: 2025-01-01\n\nTekst.\n", folder="verhalen")
    assert any(p.startswith("content/verhalen/pagina.md:1: title: bevat het onzichtbare stuurteken U+0007")
               for p in found), found  # fmt: skip


@pytest.mark.parametrize("image", ["![kaart](https://tracker.example.org/pixel.png)", "![x](//cdn.example.org/a.png)",
                                   '<img src="http://example.org/a.png" alt="">'])
def test_a_picture_from_another_host_is_named_at_its_line(tmp_path, image):
    found = page_problems(tmp_path, f"Title: Plaatjes\n\nEerste alinea.\n\n{image}\n")
    assert any(p.startswith("content/pages/pagina.md:5: image:") and "afbeelding van een andere website" in p
               for p in found), found  # fmt: skip


def test_a_local_picture_is_fine(tmp_path):
    assert page_problems(tmp_path, "Title: Plaatjes\n\n![kaart]({static}/images/kaart.png)\n") == []


def test_a_page_of_brackets_is_named_at_its_paragraph(tmp_path):
    found = page_problems(tmp_path, "Title: Haken\n\nTekst.\n\n" + "[" * 40_000 + "\n")
    assert any(p.startswith("content/pages/pagina.md:5: text: heeft meer dan") for p in found), found


@pytest.mark.parametrize("pattern", ["sensoren/{slug}/", "sensoren/", "sensoren/{id", "{0}/"])
def test_a_page_pattern_with_an_unknown_placeholder_is_named(pattern):
    from site_records.kinds import registered
    from site_records.settings import SiteSettings

    settings = {**SETTINGS, "SENSOR_URL": pattern}
    with pytest.raises(ContentError) as raised:
        SiteSettings.from_pelican(settings, registered(settings))
    assert str(raised.value.problems[0]).startswith("pelicanconf.py:1: SENSOR_URL:")


def test_security_txt_settings_are_checked_by_make_check():
    import sitemap

    problems = sitemap.validate_sources({"SECURITY_CONTACT": "mailto:a@b.nl", "SECURITY_TXT_VALID_DAYS": 0})
    assert [p.field for p in problems] == ["SECURITY_TXT_VALID_DAYS"]


def test_a_story_named_in_upper_case_is_checked(tmp_path):
    from stories import story_files

    folder = tmp_path / "content" / "verhalen"
    folder.mkdir(parents=True)
    (folder / "GROOT.MD").write_text("Title: x\n", encoding="utf-8")
    (folder / "klein.md").write_text("Title: y\n", encoding="utf-8")
    assert sorted(p.name for p in story_files({"PATH": str(tmp_path / "content")})) == ["GROOT.MD", "klein.md"]


def test_a_month_of_year_zero_is_not_a_month():
    from measurements.datasets import Column, convert_cell

    value, message = convert_cell("0000-01", Column("maand", "Maand", "month"))
    assert value is None and message


def test_a_stadspanel_body_with_an_override_character_is_named(tmp_path):
    from stadspanel import load_panel

    folder = tmp_path / "stadspanel" / "casus"
    folder.mkdir(parents=True)
    (folder / "1.md").write_text("---\ntitle: Verzoek\nkind: request\ndate: 2025-01-06\nconfidential: false\n---\n"
                                 "Eerste regel.\n\nGeheim \u202eesrever\u202c.\n", encoding="utf-8")  # fmt: skip
    _panel, problems = load_panel(tmp_path / "stadspanel", tmp_path, {"privacy": "Privacy"})
    assert any(str(p).startswith("stadspanel/casus/1.md:9: text: bevat het onzichtbare richtingteken U+202E")
               for p in problems), [str(p) for p in problems]  # fmt: skip


def test_a_long_dataset_shows_a_spread_of_its_rows_and_keeps_the_rest_for_the_download():
    import pandas as pd
    from measurements.figures import MAX_SHOWN_ROWS, shown_rows

    frame = pd.DataFrame({"uur": range(100_000), "waarde": [i % 7 for i in range(100_000)]})
    shown, sampled = shown_rows(frame)
    assert sampled and len(shown) == MAX_SHOWN_ROWS
    assert list(shown["uur"])[0] == 0 and list(shown["uur"])[-1] == 99_999
    assert list(shown["uur"]) == sorted(shown["uur"])
    small = frame.head(MAX_SHOWN_ROWS)
    shown, sampled = shown_rows(small)
    assert shown is small and not sampled


def test_the_stadspanel_code_lists_are_read_from_the_projects_vocabularies(tmp_path):
    from conftest import ROOT
    from stadspanel import load_panel

    (tmp_path / "data").mkdir()
    text = (ROOT / "data" / "vocabularies.yml").read_text(encoding="utf-8")
    (tmp_path / "data" / "vocabularies.yml").write_text(text.replace("  under_consideration: {}\n", ""), encoding="utf-8")
    (tmp_path / "stadspanel").mkdir()
    panel, problems = load_panel(tmp_path / "stadspanel", tmp_path, {"privacy": "Privacy"})
    assert panel is None
    assert [(p.path, p.field) for p in problems] == [("data/vocabularies.yml", "decision")]
