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
