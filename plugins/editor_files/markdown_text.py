"""Every editor text (pages, stories, dossiers) through one Markdown pipeline and one HTML allow-list.

Python-Markdown passes raw HTML through (`<script>`, `onerror=`, `javascript:` links); nh3
(Ammonia) removes everything not on the list below. Heading ids are kept for in-page links.
"""

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "a", "ul", "ol", "li", "strong", "em", "h2", "h3", "h4", "blockquote", "code", "pre", "table",
    "thead", "tbody", "tr", "th", "td", "br", "hr", "abbr", "dl", "dt", "dd", "img", "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"}, "abbr": {"title"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"},
    "img": {"src", "alt", "title", "width", "height"}, "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto"}


def sanitise(html):
    """Editor HTML cut down to the allow-list: no script, no event handlers, no javascript: URLs."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer")  # fmt: skip


_converter = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")


def render_markdown(text):
    """Editor Markdown as safe HTML (one converter, reset per text: building one costs more than a page)."""
    return sanitise(_converter.reset().convert(text))
