# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Settings for a development build of the portal.

Everything another municipality would change to reuse the portal is in the first block (README.md,
"Gebruik dit portaal voor uw gemeente"); nothing below it names a municipality.
`publishconf.py` imports this file and changes only what differs for the published site.
"""

import datetime
import os
from pathlib import Path
from urllib.parse import urlsplit

from site_language import jinja_filters, load_interface_texts, panel_names

ROOT = Path(__file__).resolve().parent

# --- Who runs this portal: change these to reuse it for another municipality. ---
# The portal's name: header, titles, feeds, signs and search.
SITENAME = "Open Hilversum"
# Who publishes it: the footer, the catalogue's and the Woo-index's publisher, every export.
MUNICIPALITY = "Gemeente Hilversum"
# The municipality's name alone, in the titles of datasets ("Sensorregister Hilversum").
MUNICIPALITY_SHORT = "Hilversum"
# The municipality's code in TOOI, the government's list of organisations: "gm" and its CBS code.
# It names the publisher of the open data catalogue (https://identifier.overheid.nl/tooi/id/gemeente/gm0402).
# Example data: Hilversum's real code, while this portal is a demonstration Hilversum does not publish.
MUNICIPALITY_TOOI_CODE = "gm0402"
# One or two sentences for search engines, link previews and the catalogue.
SITE_DESCRIPTION = (
    "Open Hilversum laat zien welke sensoren de gemeente en anderen in de openbare ruimte "
    "gebruiken, wat het Stadspanel data adviseert en wat de gemeente met die adviezen doet."
)
# The same sentences on the pages in a further language of LANGUAGES ({language: text}); a language
# without one shows SITE_DESCRIPTION (a meta description cannot say it is in another language).
SITE_DESCRIPTION_IN = {
    "en": (
        "Open Hilversum shows which sensors the municipality and others use in public space, what the "
        "Stadspanel data advises and what the municipality does with that advice."
    ),
}
# Where residents write to: the 404 page, the catalogue's contact point, the report route below.
CONTACT_EMAIL = "openhilversum@example.nl"
# /.well-known/security.txt (RFC 9116): where to report a security problem with the site (mailto:,
# https:// or tel:; a list for more than one). It expires this many days after the build (1-365):
# the daily build keeps it valid. Set SECURITY_CONTACT = None to leave the file out.
SECURITY_CONTACT = "mailto:security@example.nl"
# "Klopt er iets niet?" on every record page: where residents report a mistake. Either an e-mail
# address ({"email": ...}: a mail with the record's id, title and address filled in) or a web form
# or issue form ({"form": "https://...?onderwerp={id}&adres={url}"}: {kind}, {id}, {title}, {url}).
REPORT_ROUTE = {"email": CONTACT_EMAIL}
# How many days security.txt stays valid after the build (1-365; see SECURITY_CONTACT).
SECURITY_TXT_VALID_DAYS = 180
# The municipality's Functionaris Gegevensbescherming: named under "Uw rechten" on its own sensors that
# process personal data. EXAMPLE address; None leaves the line out.
DATA_PROTECTION_OFFICER = {"name": "Functionaris Gegevensbescherming van de gemeente", "email": "fg@example.nl"}
# The logo in the header and on the signs, a file in content/images/.
SITE_LOGO = "images/logo.svg"
# The municipality's own look: an NL Design System token package from npm (pinned in package.json), the
# CSS file it ships and the class that switches its tokens on. The theme's CSS reads only the tokens, so
# another package changes colours and fonts without a CSS edit (see "The municipality's own look" in the
# README). Use an openly licensed set or the municipality's own: never another municipality's tokens.
# Also tested: {"package": "@nl-design-system-community/ma-design-tokens", "css": "dist/theme.css",
# "class": "ma-theme"}.
DESIGN_TOKENS = {
    "package": "@nl-design-system-unstable/voorbeeld-design-tokens",
    "css": "dist/theme.css",
    "class": "voorbeeld-theme",
}
# Woo-index (DiWoo sitemaps of the Stadspanel's public documents): the publisher is the municipality's
# address in TOOI, from MUNICIPALITY_TOOI_CODE (one setting for the catalogue and the Woo-index). None
# leaves the Woo-index out. WOO_INDEX_CATEGORIES may move a kind of
# document to another Woo information category (infocat001-018), e.g. {"meeting_report": "infocat008"}
# when the panel is a council committee; see plugins/features/woo_index/diwoo.py for the default and why.
WOO_INDEX_PUBLISHER = f"https://identifier.overheid.nl/tooi/id/gemeente/{MUNICIPALITY_TOOI_CODE}"
# Kinds of document in another Woo information category than the default (see above); {}: none.
WOO_INDEX_CATEGORIES = {}
# Shown on every page while the register and dossiers are demonstration material.
EXAMPLE_DATA_NOTICE = True
# The accessibility statement (/toegankelijkheid/): its DigiToegankelijk status, A-E (A and B only with
# the date, "YYYY-MM-DD", of a full WCAG-EM audit of at most three years ago; the build refuses them
# without), who did that audit, and the statement's address in DigiToegankelijk's register (None: not there).
ACCESSIBILITY = {"status": "C", "last_audit": None, "audit_by": None, "register_url": None}

# Map tiles: the only third-party host a visitor's browser talks to (see the privacy page).
TILE_SERVER = {
    "url": "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/{z}/{x}/{y}.png",
    "attribution": 'Kaart: <a href="https://www.kadaster.nl/">Kadaster</a> (BRT-Achtergrondkaart, CC BY 4.0)',
    "name": "PDOK BRT-Achtergrondkaart (Kadaster)",
    "max_zoom": 19,
}
# The browser refuses every other host: only this site, and map tiles from the tile server.
# No inline script: each map's script is a file, its data a JSON block. Pagefind needs WebAssembly.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; "
    f"img-src 'self' data: {urlsplit(TILE_SERVER['url']).scheme}://{urlsplit(TILE_SERVER['url']).netloc}; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
# Bounding box of the municipality (WGS84): coordinates outside it are an editor's mistake.
MUNICIPALITY_BBOX = {"south": 52.17, "west": 5.10, "north": 52.27, "east": 5.24}
# Where maps open (latitude, longitude) when they show the whole municipality.
MAP_CENTER = (52.2240, 5.1760)
# A sensor whose last_verified date is older than this shows "te controleren".
VERIFY_AFTER_MONTHS = 12
# The citizens' panel that advises the municipality, as residents read it in every interface text
# ({panel} in theme/strings.*.yml): its name, a short form for the menu ({panel_short}), and its Dutch
# article, "de" or "het" ({the_panel}: "het Stadspanel data"). No braces in these texts.
PANEL_NAME = "Stadspanel data"
# The panel's short name: the menu, the cards of a story ("Advies Stadspanel").
PANEL_NAME_SHORT = "Stadspanel"
# The panel's Dutch article, "de" or "het" ("Adviezen van het Stadspanel data").
PANEL_ARTICLE = "het"
# Stadspanel data. The collaboration agreement sets no deadline for the municipality's response to
# an advice. A response target is the municipality's own: set it here with where it was decided
# (the site shows both), or leave RESPONSE_TARGET = None: response times are shown, nothing is late.
RESPONSE_TARGET = {
    "days": 56,
    "decided_in": "een werkafspraak van het college (voorbeeld)",
}
# Themes of advice dossiers (code: label): the agreement's two themes, each with the theme it includes
# (art. 2a: digital privacy includes data security, digital ethics includes inclusivity).
STADSPANEL_THEMES = {
    "privacy": "Digitale privacy",
    "security": "Dataveiligheid (digitale privacy)",
    "ethics": "Digitale ethiek",
    "inclusion": "Inclusiviteit (digitale ethiek)",
}
# The same themes' names on the pages in a further language of LANGUAGES ({language: {code: name}});
# a theme without one shows its name above.
STADSPANEL_THEMES_IN = {
    "en": {
        "privacy": "Digital privacy",
        "security": "Data security (digital privacy)",
        "ethics": "Digital ethics",
        "inclusion": "Inclusivity (digital ethics)",
    },
}
# Map colours per sensor type; each at least 3:1 against the grey base map (WCAG 1.4.11).
SENSOR_TYPE_COLOURS = {
    "optical_camera": "#c0392b",
    "sound": "#6a1b9a",
    "climate": "#00695c",
    "chemical": "#2e7d32",
    "electricity": "#8d6e00",
    "flow": "#0277bd",
    "position": "#37474f",
    "pressure": "#4e342e",
    "density": "#d84315",
    "temperature": "#ad1457",
    "presence": "#283593",
    "other": "#616161",
}

# The day the register was last checked against what hangs in the street, sensor by sensor (shown on
# /sensoren/volledigheid/). EXAMPLE date.
REGISTER_LAST_INVENTORY = "2026-09-15"
# The open data catalogue's contact page or form besides CONTACT_EMAIL, e.g. "https://www.hilversum.nl/contact".
OPEN_DATA_CONTACT_URL = None
# The municipality as the national vocabulary (OWMS) names it: the area of every dataset in the catalogue.
OPEN_DATA_SPATIAL = "http://standaarden.overheid.nl/owms/terms/Hilversum_(gemeente)"
# The licence of every open data file that names none (an SPDX identifier).
OPEN_DATA_LICENCE = "CC0-1.0"
# The languages residents read the site in: the first at the root, each other one under /<lang>/ (/en/),
# its pages only (open data, feeds and files stay at the root), texts from theme/strings.<lang>.yml
# (plugins/features/language_versions). ["nl"]: Dutch only.
LANGUAGES = ["nl", "en"]

# --- Pelican ---
AUTHOR = MUNICIPALITY
PATH = "content"
THEME = "theme"
DATA_PATH = str(ROOT / "data")
OUTPUT_PATH = "output"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = LANGUAGES[0]
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
SITEURL = ""
RELATIVE_URLS = False

# An earlier build's pages must never linger (e.g. a document made confidential since).
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = []

# The plugins are installed with the project (`pip install -e .`): Pelican imports them by name.
# One Pelican plugin, the adapter: the only code that talks to Pelican (see ARCHITECTURE.md).
PLUGINS = ["pelican_adapter"]
# What the site is made of: plain Python modules the adapter runs (their context, files and hooks).
# Features share records through site_records, never through each other's context keys. The order
# says what runs first (publication_safety, then content_check, before anything is read) and the
# order of the open data catalogue.
FEATURES = [
    "publication_safety",
    "content_check",
    "language_versions",  # at the end of the build, before the sitemap and the search index read every page
    "site_assets",
    "map_layers",
    "sensor_register",
    "stadspanel",
    "measurements",
    "maps",
    "stories",
    "sensor_history",
    "sensor_signs",
    "record_pages",
    "follow_items",
    "resident_reports",
    "privacy_overview",
    "register_completeness",
    "open_data",
    "sitemap",
    "woo_index",
    "site_search",
]
# Pelican skips a plugin that fails to load; the build checks this list ran (publication_safety). A
# feature that fails to import stops the build.
REQUIRED_PLUGINS = list(PLUGINS)

# The kinds of record the site reads (site_records.kinds): one line per kind, its package's RECORD_KIND.
# A kind is read after the kinds it names in `after`; otherwise in this order.
RECORD_KINDS = ["sensor_register.kind", "map_layers.kind", "measurements.kind", "stadspanel.kind",
                "resident_reports.kind"]

# Clean URLs: every page is <path>/index.html.
PAGE_PATHS = ["pages"]
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
ARTICLE_PATHS = ["verhalen"]
ARTICLE_URL = "verhalen/{slug}/"
ARTICLE_SAVE_AS = "verhalen/{slug}/index.html"
STATIC_PATHS = ["images"]

# Drafts are for a branch, never for the published site: nothing is written for them.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

# Only the pages we design; no author, tag, category or archive listings.
DIRECT_TEMPLATES = []
INDEX_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
ARTICLE_LANG_SAVE_AS = ""
PAGE_LANG_SAVE_AS = ""
TEMPLATE_PAGES = {"404.html": "404.html"}

# Feeds need an absolute address: only the published build has one (publishconf.py).
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

# All text of the interface lives in one catalogue per language (see DEFAULT_LANG).
# The panel's name (PANEL_NAME...) is filled into them here, once: {panel}, {the_panel}... in the catalogues.
# The names the texts hold as placeholders ({panel}, {the_panel}...), filled in for every language.
INTERFACE_NAMES = panel_names(PANEL_NAME, PANEL_NAME_SHORT, PANEL_ARTICLE)
UI = load_interface_texts(ROOT / "theme", DEFAULT_LANG, INTERFACE_NAMES)


def _build_date():
    """The build's date; SOURCE_DATE_EPOCH makes it reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


BUILD_DATE = _build_date()

# Front-end files copied from pinned npm packages into the site (site_assets plugin; the token CSS of
# DESIGN_TOKENS is added to these as vendor/nlds/theme.css).
NODE_MODULES = str(ROOT / "node_modules")
VENDOR_ASSETS = {
    "vendor/nlds/html.css": "@utrecht/component-library-css/dist/html.css",
    "vendor/leaflet/leaflet.js": "leaflet/dist/leaflet.js",
    "vendor/leaflet/leaflet.css": "leaflet/dist/leaflet.css",
    "vendor/leaflet/images/layers.png": "leaflet/dist/images/layers.png",
    "vendor/leaflet/images/layers-2x.png": "leaflet/dist/images/layers-2x.png",
    "vendor/leaflet/images/marker-icon.png": "leaflet/dist/images/marker-icon.png",
    "vendor/leaflet/images/marker-icon-2x.png": "leaflet/dist/images/marker-icon-2x.png",
    "vendor/leaflet/images/marker-shadow.png": "leaflet/dist/images/marker-shadow.png",
    "vendor/leaflet/leaflet.markercluster.js": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "vendor/leaflet/MarkerCluster.css": "leaflet.markercluster/dist/MarkerCluster.css",
    "vendor/leaflet/MarkerCluster.Default.css": "leaflet.markercluster/dist/MarkerCluster.Default.css",
}

# Addresses under /sensoren/ that are pages of their own, never a (removed) sensor's page.
SENSOR_RESERVED_IDS = ["wijzigingen", "borden", "persoonsgegevens", "pagina", "volledigheid"]

# The open data catalogue (DCAT-AP-NL, open_data plugin): the publisher is MUNICIPALITY_TOOI_CODE
# (OPEN_DATA_PUBLISHER_URI overrides it for a publisher that is no municipality), its contact point
# CONTACT_EMAIL and OPEN_DATA_CONTACT_URL, its area OPEN_DATA_SPATIAL (all in the first block); the
# theme from the EU data theme vocabulary (DCAT-AP-NL requires one; its label is in
# theme/strings.nl.yml); and the repository files each
# dataset is made from (for its issued and modified dates; datasets named like a file under
# data/, such as map layers and measurements, find theirs without a line here).
OPEN_DATA_THEME = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
OPEN_DATA_SOURCES = {
    "sensoren": ["data/sensors", "data/vocabularies.yml"],
    "adviezen": ["content/stadspanel"],
    "feed": ["content/stadspanel"],
}

# Static search (site_search plugin): run Pagefind over the finished site.
SEARCH_ENABLED = True

# local_date ("12 maart 2025"), local_number ("1.234,5") and language_tag, in DEFAULT_LANG.
JINJA_FILTERS = jinja_filters(DEFAULT_LANG)
