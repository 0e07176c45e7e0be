# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The output checker stops a site from being published when it would break a promise."""

from conftest import ROOT
from publication_safety.check_output import check_output

PAGE = """<!doctype html><html lang="nl"><head><title>t</title>{head}</head><body>{body}</body></html>"""


def make_site(tmp_path, pages):
    output = tmp_path / "output"
    for path, html in pages.items():
        file = output / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(html, encoding="utf-8")
    return output


def messages(problems):
    return [str(p) for p in problems]


def test_clean_site_passes(tmp_path):
    output = make_site(
        tmp_path,
        {
            "index.html": PAGE.format(
                head='<link rel="stylesheet" href="/theme/site.css">',
                body='<a href="/over/">Over</a> <a href="https://www.kadaster.nl/">Kadaster</a>',
            ),
            "over/index.html": PAGE.format(head="", body='<a href="../">Home</a> <a href="#x">x</a>'),
            "theme/site.css": "body { background: url(data:image/png;base64,AAAA); }",
        },
    )
    assert check_output(output) == []


def test_planted_cdn_script_style_and_font_fail_naming_the_file(tmp_path):
    output = make_site(
        tmp_path,
        {
            "index.html": PAGE.format(
                head='<script src="https://cdn.jsdelivr.net/npm/leaflet/dist/leaflet.js"></script>'
                '<link rel="stylesheet" href="//unpkg.com/leaflet/dist/leaflet.css">',
                body="",
            ),
            "theme/site.css": "@font-face { src: url(https://fonts.gstatic.com/s/x.woff2); }",
        },
    )
    found = messages(check_output(output))
    assert any("index.html" in m and "cdn.jsdelivr.net" in m and "script" in m for m in found)
    assert any("index.html" in m and "unpkg.com" in m for m in found)
    assert any("site.css" in m and "fonts.gstatic.com" in m for m in found)


def test_planted_broken_link_and_missing_asset_fail(tmp_path):
    output = make_site(
        tmp_path,
        {
            "index.html": PAGE.format(
                head='<link rel="stylesheet" href="/theme/missing.css">',
                body='<a href="/bestaat-niet/">weg</a> <img src="plaatje.png" alt="">',
            ),
        },
    )
    found = messages(check_output(output))
    assert any("index.html" in m and "/bestaat-niet/" in m for m in found)
    assert any("/theme/missing.css" in m for m in found)
    assert any("plaatje.png" in m for m in found)


def test_planted_drafts_folder_fails(tmp_path):
    output = make_site(
        tmp_path, {"index.html": PAGE.format(head="", body=""), "drafts/geheim.html": PAGE.format(head="", body="")}
    )
    assert any("drafts" in m for m in messages(check_output(output)))


def test_published_source_files_fail(tmp_path):
    source = tmp_path / "data" / "sensors"
    source.mkdir(parents=True)
    (source / "gemeente.csv").write_text("sensor_id,name\nHS-1,Teller\n", encoding="utf-8")
    output = make_site(
        tmp_path,
        {
            "index.html": PAGE.format(head="", body=""),
            "stukken/notitie.md": "# geheim",
            "downloads/kopie.csv": "sensor_id,name\nHS-1,Teller\n",
        },
    )
    found = messages(check_output(output, sources=[tmp_path / "data"]))
    assert any("notitie.md" in m for m in found)
    assert any("kopie.csv" in m and "gemeente.csv" in m for m in found)


def test_links_outside_a_sub_path_fail(tmp_path):
    output = make_site(
        tmp_path,
        {
            "index.html": PAGE.format(head="", body='<a href="/repo/over/">ok</a> <a href="/over/">buiten</a>'),
            "over/index.html": PAGE.format(head="", body=""),
        },
    )
    found = messages(check_output(output, site_url="https://owner.github.io/repo"))
    assert len(found) == 1 and "/over/" in found[0]


def test_demo_site_passes_the_check(demo_site):
    assert messages(check_output(demo_site, sources=[ROOT / "content", ROOT / "data"])) == []


def test_command_line_exits_non_zero_and_names_the_file(tmp_path):
    import subprocess
    import sys

    output = make_site(
        tmp_path, {"index.html": PAGE.format(head='<script src="https://cdn.example/x.js"></script>', body="")}
    )
    result = subprocess.run(
        [sys.executable, "-m", "publication_safety.check_output", str(output)],
        capture_output=True,
        text=True,
        cwd=ROOT / "plugins",
        check=False,
    )
    assert result.returncode == 1
    assert "index.html" in result.stderr and "cdn.example" in result.stderr


def test_problems_are_the_one_editor_problem_type(tmp_path):
    from editor_files.problems import Problem

    output = make_site(tmp_path, {"index.html": PAGE.format(head="", body='<a href="/weg/">weg</a>')})
    [problem] = check_output(output)
    assert isinstance(problem, Problem)
    assert str(problem) == f"{output / 'index.html'}: interne link wijst naar niets: /weg/"


def test_symbolic_link_to_a_file_fails_naming_the_link(tmp_path):
    secret = tmp_path / "environ"
    secret.write_text("API_TOKEN=geheim\n", encoding="utf-8")
    output = make_site(tmp_path, {"index.html": PAGE.format(head="", body='<img src="/images/foto.png" alt="">')})
    (output / "images").mkdir()
    (output / "images" / "foto.png").symlink_to(secret)
    found = messages(check_output(output))
    assert any("images/foto.png" in m and "snelkoppeling" in m for m in found)
    assert not any("geheim" in m for m in found)


def test_symbolic_link_to_a_folder_fails_and_is_not_followed(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # Were the link followed, this page would be checked and its CDN script reported.
    (elsewhere / "page.html").write_text(PAGE.format(head='<script src="https://cdn.example/x.js"></script>', body=""))
    output = make_site(tmp_path, {"index.html": PAGE.format(head="", body="")})
    (output / "etc").symlink_to(elsewhere, target_is_directory=True)
    found = messages(check_output(output))
    assert len(found) == 1
    assert f"{output / 'etc'}:" in found[0] and "snelkoppeling" in found[0]


INLINE_PAGES = {
    "script.html": PAGE.format(head="<script>document.title = 'x';</script>", body=""),
    "module.html": PAGE.format(head='<script type="module">import "/x.js";</script>', body=""),
    "onerror.html": PAGE.format(head="", body='<img src="/logo.svg" alt="" onerror="alert(1)">'),
    "javascript.html": PAGE.format(head="", body='<a href=" JaVa\tScript:alert(1)">x</a>'),
    "form.html": PAGE.format(head="", body='<form action="javascript:steal()"><button>ok</button></form>'),
    "template.html": PAGE.format(head="", body='<template id="t"><p onclick="go()">x</p></template>'),
}


def inline_site(tmp_path):
    return make_site(tmp_path, {**INLINE_PAGES, "logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})


def test_inline_script_is_refused_when_asked(tmp_path):
    found = messages(check_output(inline_site(tmp_path), inline_script_allowed=False))
    assert any("script.html" in m and "<script>-element in de pagina" in m and "document.title" in m for m in found)
    assert any("module.html" in m and "<script>-element in de pagina" in m for m in found)


def test_event_handler_attribute_is_refused(tmp_path):
    found = messages(check_output(inline_site(tmp_path), inline_script_allowed=False))
    assert any("onerror.html" in m and "onerror=" in m and "<img>" in m for m in found)
    assert any("template.html" in m and "onclick=" in m for m in found)


def test_javascript_url_is_refused(tmp_path):
    found = messages(check_output(inline_site(tmp_path), inline_script_allowed=False))
    assert any("javascript.html" in m and "javascript:-adres in href=" in m for m in found)
    assert any("form.html" in m and "javascript:-adres in action=" in m for m in found)


def test_every_planted_inline_script_page_is_named_once(tmp_path):
    found = messages(check_output(inline_site(tmp_path), inline_script_allowed=False))
    assert sorted(m.split(":")[0].rsplit("/", 1)[-1] for m in found) == sorted(INLINE_PAGES)


def test_inline_script_is_refused_by_default(tmp_path):
    found = messages(check_output(inline_site(tmp_path)))
    assert sorted(m.split(":")[0].rsplit("/", 1)[-1] for m in found) == sorted(INLINE_PAGES)


def test_json_data_scripts_and_script_files_are_allowed(tmp_path):
    body = "".join(
        f'<script type="{kind}">{{"a": 1}}</script>'
        for kind in ("application/json", "application/ld+json", "Application/GEO+JSON")
    )
    output = make_site(
        tmp_path,
        {"index.html": PAGE.format(head='<script src="/app.js"></script>', body=body), "app.js": "let a = 1;\n"},
    )
    assert check_output(output, inline_script_allowed=False) == []


def test_command_line_refuses_inline_script_unless_told_otherwise(tmp_path):
    import subprocess
    import sys

    output = make_site(tmp_path, {"index.html": PAGE.format(head="", body='<img src="x.png" onerror="go()">')})
    (output / "x.png").write_bytes(b"\x89PNG")

    def run(*flags):
        command = [sys.executable, "-m", "publication_safety.check_output", str(output), "--sources", *flags]
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT / "plugins", check=False)

    assert run("--no-refuse-inline-script").returncode == 0
    refused = run()
    assert refused.returncode == 1 and "index.html" in refused.stderr and "onerror=" in refused.stderr


def test_source_of_the_same_size_but_other_content_is_not_a_copy(tmp_path):
    source = tmp_path / "data"
    source.mkdir()
    (source / "a.csv").write_text("id\nA1\n", encoding="utf-8")
    output = make_site(
        tmp_path, {"index.html": PAGE.format(head="", body=""), "b.csv": "id\nB2\n", "c.csv": "id\nA1\n"}
    )
    found = messages(check_output(output, sources=[source]))
    assert len(found) == 1 and "c.csv" in found[0] and "a.csv" in found[0]


def test_many_pages_checked_in_parallel_give_the_same_problems_in_the_same_order(tmp_path, monkeypatch):
    from publication_safety import check_output as module

    # Every third page links to a page that does not exist: problems in every chunk.
    pages = {
        f"p{n:03d}/index.html": PAGE.format(head="", body=f'<a href="/{"weg" if n % 3 == 0 else "p"}{n:03d}/">x</a>')
        for n in range(60)
    }
    output = make_site(tmp_path, pages)
    monkeypatch.setattr(module, "PARALLEL_FROM_PAGES", 10**9)
    serial = messages(check_output(output))
    monkeypatch.setattr(module, "PARALLEL_FROM_PAGES", 10)
    monkeypatch.setattr(module, "PAGES_PER_CHUNK", 7)
    monkeypatch.setattr(module, "_usable_cores", lambda: 2)
    assert messages(check_output(output)) == serial
    expected = [
        f"{output / f'p{n:03d}' / 'index.html'}: interne link wijst naar niets: /weg{n:03d}/" for n in range(0, 60, 3)
    ]
    assert serial == expected
