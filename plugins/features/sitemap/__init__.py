# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Machine-readable files about the site: the sitemap, robots.txt and /.well-known/security.txt.

- `/sitemap.xml` is a sitemap index. It lists one sitemap per section (`/sitemap-sensoren.xml`,
  `/sitemap-stadspanel.xml`...; a section is a first folder with pages below it), and one file,
  `/sitemap-paginas.xml`, for the top-level pages (home, /over/, /privacy/...). A section with more
  than 50,000 pages is split (`sitemap-sensoren-1.xml`, `-2.xml`...), the protocol's limit.
  The files sit beside the index, at the site's root: the protocol lets a sitemap list only
  addresses in its own folder and below, so `/sitemaps/sensoren.xml` could not list /sensoren/.
  Every address is percent-encoded, then escaped for XML.
- It is built from the pages actually written, after the build: what was never written (drafts,
  hidden documents, confidential texts) cannot appear in it. The 404 page, the search index and
  the theme's files are left out.
- `/robots.txt` allows everything and, when SITEURL is absolute, points to the sitemap index.
- `/.well-known/security.txt` (RFC 9116): `Contact:` from SECURITY_CONTACT, `Expires:` the build
  date plus SECURITY_TXT_VALID_DAYS (so the daily build keeps it valid), `Preferred-Languages`,
  and `Canonical:` when SITEURL is an https address. Without SECURITY_CONTACT it is not written.
  Bad settings stop the build before anything is written.
"""

from pathlib import Path

from editor_files.memo import build_cache
from editor_files.messages import msg
from site_outputs import Output, record_free

from sitemap.security_txt import security_txt, settings_problems, validate_sources
from sitemap.sitemaps import language_versions, page_paths, paths_of_pages, sitemap_files, sitemap_index, urlset

# Section sitemaps are `sitemap-<section>.xml` at the site's root (see above).
SITEMAP_PREFIX = "sitemap-"


__all__ = ["validate_sources"]


class SettingsError(Exception):
    """Stops the build; Pelican exits with `exitcode`."""

    exitcode = 1


def before_reading(settings):
    """Bad settings stop the build before anything is read or written."""
    problems = settings_problems(settings)
    if problems:
        raise SettingsError("\n" + "\n".join(str(problem) for problem in problems))


# Section sitemaps kept for the preview session, by everything they list (see `write_sitemaps`).
SITEMAPS_KEPT = 32


def write_sitemaps(output, site_url, lastmod, languages=(), cache=None, pages=None):
    """`cache`: the build cache, which keeps each section's file by its pages, their language versions, the
    site's address and the date: a save that changes no page of a section writes the text it had; and every
    file by the build's pages, so a save that adds, removes or renames no page writes the texts it had without
    looking at its 50,000 addresses again (make serve). `pages`: every file of the build's pages (relative to
    `output`), as the build accounts for them; None: the pages are found by a walk of `output`."""
    languages = tuple(languages)
    if cache is not None and pages is not None:
        key = (site_url, lastmod, languages, tuple(pages))
        texts = cache.store("sitemap files", 2).get(key, lambda: sitemap_texts(site_url, lastmod, languages, cache,
                                                                                 paths_of_pages(pages)))  # fmt: skip
    else:
        texts = sitemap_texts(site_url, lastmod, languages, cache, page_paths(output) if pages is None else
                              paths_of_pages(pages))  # fmt: skip
    for name, text in texts:
        (output / name).write_text(text, encoding="utf-8")


def sitemap_texts(site_url, lastmod, languages, cache, paths):
    """[(file name, text)] of every sitemap file, the index last, for the pages at these URL paths."""
    alternates = language_versions(paths, list(languages))
    files = {SITEMAP_PREFIX + name: paths for name, paths in sitemap_files(paths).items()}
    kept = cache.store("sitemaps", SITEMAPS_KEPT) if cache is not None else None
    texts = []
    for name, paths in files.items():
        if kept is None:
            text = urlset(site_url, paths, lastmod, alternates)
        else:
            key = (site_url, lastmod, tuple(paths), tuple(tuple(alternates.get(path, ())) for path in paths))
            text = kept.get(key, lambda paths=paths: urlset(site_url, paths, lastmod, alternates))
        texts.append((name, text))
    texts.append(("sitemap.xml", sitemap_index(site_url, list(files), lastmod)))
    return tuple(texts)


def write_robots(output, site_url):
    robots = "User-agent: *\nAllow: /\n"
    if site_url.startswith("http"):
        robots += f"Sitemap: {site_url}/sitemap.xml\n"
        robots += "".join(f"Sitemap: {site_url}/{p.name}\n" for p in sorted(output.glob("sitemapindex-diwoo-*.xml")))
    (output / "robots.txt").write_text(robots, encoding="utf-8")


def write_security_txt(output, settings):
    text = security_txt(settings)
    if text is not None:
        (output / ".well-known").mkdir(exist_ok=True)
        (output / ".well-known" / "security.txt").write_text(text, encoding="utf-8")


def finished(settings, output_path, pages=None):
    """The machine files, from the pages written once every one is (`pages`: the build's account of them, see
    pelican_adapter; without it, those on disk)."""
    output = Path(output_path)
    site_url = settings.get("SITEURL", "")
    write_sitemaps(output, site_url, settings["BUILD_DATE"].isoformat(), settings.get("LANGUAGES") or (),
                   build_cache(settings), pages)  # fmt: skip
    write_robots(output, site_url)
    write_security_txt(output, settings)


@record_free
def outputs(records, settings):
    """The files written here at the end of the build, from the pages then on disk."""
    itself = msg("a file of the site itself (sitemap, robots.txt, security.txt)")
    yield Output("sitemap.xml", itself)
    yield Output(SITEMAP_PREFIX + "*.xml", itself)
    yield Output("robots.txt", itself)
    if settings.get("SECURITY_CONTACT"):
        yield Output(".well-known/security.txt", itself)

