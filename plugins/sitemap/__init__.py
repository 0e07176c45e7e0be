"""Sitemap: /sitemap.xml and /robots.txt, so reusers and search engines find every public page.

Built from the pages actually written, after the build: what was never written (drafts,
hidden documents, confidential texts) cannot appear in it. The 404 page is left out.
"""

from pathlib import Path
from xml.sax.saxutils import escape

from pelican import signals

LEFT_OUT = {"404.html"}


def page_urls(output, site_url):
    urls = []
    for page in sorted(Path(output).rglob("index.html")):
        relative = page.relative_to(output).as_posix()
        if relative.split("/")[0] in ("pagefind", "theme") or relative in LEFT_OUT:
            continue
        urls.append(f"{site_url}/{relative[: -len('index.html')]}")
    return urls


def write_sitemap(pelican):
    settings = pelican.settings
    site_url = settings.get("SITEURL", "")
    lastmod = settings["BUILD_DATE"].isoformat()
    entries = "".join(
        f"  <url><loc>{escape(url)}</loc><lastmod>{lastmod}</lastmod></url>\n"
        for url in page_urls(pelican.output_path, site_url)
    )
    xml = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</urlset>\n'
    output = Path(pelican.output_path)
    (output / "sitemap.xml").write_text(xml, encoding="utf-8")
    robots = "User-agent: *\nAllow: /\n"
    if site_url.startswith("http"):
        robots += f"Sitemap: {site_url}/sitemap.xml\n"
    (output / "robots.txt").write_text(robots, encoding="utf-8")


def register():
    signals.finalized.connect(write_sitemap)
