# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""DiWoo sitemaps for the Woo-index: which public Stadspanel documents, in which files, as what XML.

Plain functions of the records and a few settings (no Pelican), so the XML can be tested without a build.

The Woo-index (KOOP's Woo-harvester) reads `robots.txt`, follows the sitemap indexes named there, and
indexes the address in each `<url><loc>`. It reads only indexes named `sitemapindex-diwoo-infocatNNN.xml`,
one per Woo information category (001-017 for the categories of art. 3.3 Woo, 018 for what is published
under the general duty of art. 3.1). Each `<url>` carries a `diwoo:Document` with the metadata of DiWoo
0.9.8 (`diwoo-metadata.xsd`), its values from the TOOI value lists that schema includes.
"""

import datetime
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from sitemap.sitemaps import MAX_URLS_PER_SITEMAP, NAMESPACE, loc, split

DIWOO_NAMESPACE = "https://standaarden.overheid.nl/diwoo/metadata/"
TOOI_KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
PUBLISHER_PREFIX = "https://identifier.overheid.nl/tooi/id/"


@dataclass(frozen=True)
class Concept:
    """A value of a TOOI value list: its URI and its label there."""

    uri: str
    label: str


def kern(code, label):
    return Concept(TOOI_KERN + code, label)


# TOOI list scw_woo_informatiecategorieen (version 4), keyed by the number the Woo-harvester's file names use.
CATEGORIES = {
    "infocat001": kern("c_139c6280", "wetten en algemeen verbindende voorschriften"),
    "infocat002": kern("c_aab6bfc7", "overige besluiten van algemene strekking"),
    "infocat003": kern("c_759721e2", "ontwerpen van wet- en regelgeving met adviesaanvraag"),
    "infocat004": kern("c_40a05794", "organisatie en werkwijze"),
    "infocat005": kern("c_89ee6784", "bereikbaarheidsgegevens"),
    "infocat006": kern("c_8c840238", "bij vertegenwoordigende organen ingekomen stukken"),
    "infocat007": kern("c_c76862ab", "vergaderstukken Staten-Generaal"),
    "infocat008": kern("c_db4862c3", "vergaderstukken decentrale overheden"),
    "infocat009": kern("c_3a248e3a", "agenda’s en besluitenlijsten bestuurscolleges"),
    "infocat010": kern("c_99a836c7", "adviezen"),
    "infocat011": kern("c_8fc2335c", "convenanten"),
    "infocat012": kern("c_c6cd1213", "jaarplannen en jaarverslagen"),
    "infocat013": kern("c_cf268088", "subsidieverplichtingen anders dan met beschikking"),
    "infocat014": kern("c_3baef532", "Woo-verzoeken en -besluiten"),
    "infocat015": kern("c_fdaee95e", "onderzoeksrapporten"),
    "infocat016": kern("c_46a81018", "beschikkingen"),
    "infocat017": kern("c_a870c43d", "klachtoordelen"),
    "infocat018": kern("c_816e508d", "inspanningsverplichting art 3.1 Woo"),
}

# Which category each kind of Stadspanel document belongs to (setting WOO_INDEX_CATEGORIES may change it).
# Art. 3.3 lid 2 e Woo names advice of advisory bodies "and the request for that advice": the request,
# the advice and the panel's decision not to advise are "adviezen". The municipality's response, the
# conversation notes and the panel's own meeting reports fall under no category of art. 3.3 (the
# category "vergaderstukken decentrale overheden" is the council's and its committees'), so they are
# published under the general duty of art. 3.1. A panel that is a council committee maps
# meeting_report to infocat008.
DEFAULT_CATEGORIES = {
    "request": "infocat010",
    "advice": "infocat010",
    "no_advice": "infocat010",
    "response": "infocat018",
    "conversation_note": "infocat018",
    "meeting_report": "infocat018",
}

# TOOI list ccw_plooi_documentsoorten (version 7).
DOCUMENT_TYPES = {
    "request": kern("c_a40458df", "adviesaanvraag"),
    "advice": kern("c_d506b718", "advies"),
    "no_advice": kern("c_7652d853", "brief"),
    "response": kern("c_7652d853", "brief"),
    "conversation_note": kern("c_42e406dd", "vergaderverslag"),
    "meeting_report": kern("c_42e406dd", "vergaderverslag"),
}
# TOOI list ccw_plooi_documenthandelingen (version 2): a document is adopted on its date.
ADOPTION = kern("c_641ecd76", "vaststelling")
# TOOI list scw_talen: the documents are written in Dutch (the interface's language does not change that).
DUTCH = Concept("http://publications.europa.eu/resource/authority/language/NLD", "Nederlands")
# TOOI list ccw_plooi_filetypes (version 4): the formats a document can have here.
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
FORMATS = {"PDF": Concept(FILE_TYPE + "PDF", "PDF"), "ODT": Concept(FILE_TYPE + "ODT", "ODT"),
           "HTML": Concept(FILE_TYPE + "HTML", "HTML")}  # fmt: skip
# TOOI list scw_documentrelatie (version 1).
HAS_ATTACHMENT = kern("c_05f4a5f3", "heeft bijlage")
RESPONDS_TO = kern("c_07748060", "is reactie op")

INDEX_NAME = "sitemapindex-diwoo-{category}.xml"  # the Woo-harvester's naming convention
SITEMAP_NAME = "diwoo-{category}-{number}.xml"


@dataclass(frozen=True)
class Entry:
    """One public document in the Woo-index: its address and what the sitemap says of it."""

    loc: str
    category: str  # infocatNNN
    document: object
    format: Concept
    identifier: str
    aggregate: str = ""  # the dossier's id
    attachments: tuple = ()  # further attachments: (address, title)
    responds_to: str = ""  # address of the advice a response answers


def document_address(site_url, document, anchor):
    """(address, format): its first attachment where it has one, else its place on its page."""
    if document.attachments:
        first = document.attachments[0]
        return loc(site_url, first.url), FORMATS[first.format]
    return loc(site_url, document.url) + anchor, FORMATS["HTML"]


def entries(panel, site_url, categories):
    """Every public document of the panel, once, in the order of the site (dossiers, then reports)."""
    found = []
    for dossier in panel.dossiers:
        advice = dossier.advice
        advice_loc = document_address(site_url, advice, anchor_of(dossier, advice))[0] if advice else ""
        for position, document in enumerate(dossier.documents, start=1):
            if not document.confidential:
                responds_to = advice_loc if document.kind == "response" else ""
                found.append(entry(site_url, document, f"#stuk-{position}", categories, dossier.id, responds_to))
    for report in panel.reports:
        if not report.confidential:
            found.append(entry(site_url, report, "", categories))
    return found


def anchor_of(dossier, document):
    """The fragment of a document on its dossier's page (the page numbers its documents stuk-1, stuk-2...)."""
    return f"#stuk-{dossier.documents.index(document) + 1}"


def entry(site_url, document, anchor, categories, dossier_id="", responds_to=""):
    address, file_format = document_address(site_url, document, anchor)
    extra = tuple((loc(site_url, a.url), a.title) for a in document.attachments[1:])
    identifier = "/".join(part for part in ("stadspanel", dossier_id or "verslagen", document.slug) if part)
    return Entry(address, categories[document.kind], document, file_format, identifier, dossier_id, extra,
                 responds_to)  # fmt: skip


def files(found, max_urls=MAX_URLS_PER_SITEMAP):
    """{index file: {sitemap file: its entries}}, one index per category, each sitemap at most `max_urls`."""
    by_category = {}
    for item in found:
        by_category.setdefault(item.category, []).append(item)
    return {
        INDEX_NAME.format(category=category): {
            SITEMAP_NAME.format(category=category, number=number): chunk
            for number, chunk in enumerate(split(by_category[category], max_urls), start=1)
        }
        for category in sorted(by_category)
    }


def sitemap_index(site_url, sitemaps, lastmod):
    rows = "".join(f"  <sitemap><loc>{loc(site_url, name)}</loc><lastmod>{lastmod}</lastmod></sitemap>\n"
                   for name in sitemaps)  # fmt: skip
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NAMESPACE}">\n{rows}</sitemapindex>\n'


def urlset(found, publisher, lastmod):
    """A sitemap of DiWoo documents. `lastmod` is the build's day: a corrected text is fetched again."""
    rows = "".join(url(item, publisher, lastmod) for item in found)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NAMESPACE}" '
            f'xmlns:diwoo="{DIWOO_NAMESPACE}">\n{rows}</urlset>\n')  # fmt: skip


def url(item, publisher, lastmod):
    return (f"  <url>\n    <loc>{item.loc}</loc>\n    <lastmod>{lastmod}</lastmod>\n"
            f"    <diwoo:Document>\n      <diwoo:DiWoo>\n{metadata(item, publisher)}"
            f"      </diwoo:DiWoo>\n    </diwoo:Document>\n  </url>\n")  # fmt: skip


def concept(tag, value, indent=8):
    return f"{' ' * indent}<diwoo:{tag} resource={quoteattr(value.uri)}>{escape(value.label)}</diwoo:{tag}>\n"


def text(tag, value, indent=8):
    return f"{' ' * indent}<diwoo:{tag}>{escape(str(value))}</diwoo:{tag}>\n"


def metadata(item, publisher):
    """The DiWooType's fields (an xs:all: any order), for one document."""
    document, day = item.document, item.document.date
    parts = [
        f"        <diwoo:identifiers>\n{text('identifier', item.identifier, 10)}        </diwoo:identifiers>\n",
        concept("publisher", publisher),
        f"        <diwoo:titelcollectie>\n{text('officieleTitel', document.title, 10)}"
        "        </diwoo:titelcollectie>\n",
    ]
    if document.summary:
        parts.append(f"        <diwoo:omschrijvingen>\n{text('omschrijving', document.summary, 10)}"
                     "        </diwoo:omschrijvingen>\n")  # fmt: skip
    parts += [
        "        <diwoo:classificatiecollectie>\n"
        f"          <diwoo:informatiecategorieen>\n{concept('informatiecategorie', CATEGORIES[item.category], 12)}"
        "          </diwoo:informatiecategorieen>\n"
        f"          <diwoo:documentsoorten>\n{concept('documentsoort', DOCUMENT_TYPES[document.kind], 12)}"
        "          </diwoo:documentsoorten>\n        </diwoo:classificatiecollectie>\n",
        text("creatiedatum", day.isoformat()),
        concept("language", DUTCH),
        concept("format", item.format),
    ]
    if item.aggregate:
        parts.append(text("aggregatiekenmerk", item.aggregate))
    parts.append(
        "        <diwoo:documenthandelingen>\n          <diwoo:documenthandeling>\n"
        f"{concept('soortHandeling', ADOPTION, 12)}{text('atTime', at_midnight(day), 12)}"
        "          </diwoo:documenthandeling>\n        </diwoo:documenthandelingen>\n"
    )
    parts.append(relations(item))
    return "".join(parts)


def relations(item):
    found = [(HAS_ATTACHMENT, address, title) for address, title in item.attachments]
    if item.responds_to:
        found.append((RESPONDS_TO, item.responds_to, ""))
    if not found:
        return ""
    rows = "".join(
        f"          <diwoo:documentrelatie>\n{concept('role', role, 12)}"
        f'            <diwoo:relation resource="{address}">{escape(title)}</diwoo:relation>\n'
        "          </diwoo:documentrelatie>\n"
        for role, address, title in found
    )
    return f"        <diwoo:documentrelaties>\n{rows}        </diwoo:documentrelaties>\n"


def at_midnight(day):
    """xs:dateTime of a day: the records know the day a document was adopted, not the hour."""
    return datetime.datetime.combine(day, datetime.time()).isoformat()
