# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The Woo-index's DiWoo sitemaps: every public Stadspanel document once, nothing confidential or draft.

Expected documents come from the records of the built project, values from the TOOI value lists in
`woo_index.diwoo`. One test validates against the official `diwoo-metadata.xsd` 0.9.8 when the
environment variable DIWOO_XSD names a local copy of it (see the README); it is skipped otherwise.
"""

import datetime
import os
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

import pytest
from conftest import TEST_BUILD_EPOCH, run_build, without_search_index
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pelican.settings import read_settings
from site_records import load
from sitemap.sitemaps import MAX_URLS_PER_SITEMAP
from woo_index import planned, settings_problems
from woo_index.diwoo import CATEGORIES, DEFAULT_CATEGORIES, DUTCH, FORMATS, Concept, Entry, files, urlset

SITE_URL = "https://owner.github.io/open-hilversum"
PUBLISHER = "https://identifier.overheid.nl/tooi/id/gemeente/gm0402"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "d": "https://standaarden.overheid.nl/diwoo/metadata/"}
BUILD_DATE = datetime.datetime.fromtimestamp(int(TEST_BUILD_EPOCH), datetime.UTC).date()
CANARY = "kanarie-vertrouwelijk"
DRAFT_TITLE = "Kanarieconcept dat nooit verschijnt"


@pytest.fixture(scope="module")
def project(project_copy_factory):
    """The demo project with a confidential canary in a dossier and a draft meeting report."""
    project = project_copy_factory()
    (project / "content" / "stadspanel" / "bodycams" / f"2020-08-01-{CANARY}.md").write_text(
        "---\nkind: conversation_note\ndate: 2020-08-01\nconfidential: true\n"
        "reason: Er is over een lopend onderzoek gesproken.\nwoo_ground: 5.1.2c\nreview_on: 2027-08-01\n---\n",
        encoding="utf-8",
    )
    (project / "content" / "stadspanel" / "verslagen" / "2026-02-10-concept.md").write_text(
        f"---\ntitle: {DRAFT_TITLE}\nkind: meeting_report\ndate: 2026-02-10\nconfidential: false\n"
        "status: draft\n---\nNog niet klaar.\n",
        encoding="utf-8",
    )
    return project


@pytest.fixture(scope="module")
def published(project, tmp_path_factory):
    output = tmp_path_factory.mktemp("woo") / "output"
    run_build(project, output, settings="publishconf.py", siteurl=SITE_URL, adjust=without_search_index)
    return output


@pytest.fixture(scope="module")
def panel(project):
    records, problems = load(read_settings(str(project / "pelicanconf.py")))
    assert not problems, problems
    return records.panel


def public_documents(panel):
    """{identifier: document} of every public document, as the sitemaps name them."""
    found = {
        f"stadspanel/{d.id}/{doc.slug}": doc for d in panel.dossiers for doc in d.documents if not doc.confidential
    }
    found.update({f"stadspanel/verslagen/{r.slug}": r for r in panel.reports if not r.confidential})
    return found


def announced_indexes(output):
    lines = (output / "robots.txt").read_text(encoding="utf-8").splitlines()
    return [line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap: ") and "diwoo" in line]


def local(output, address):
    """The file an address of the published site points to (a page's index.html; no fragment)."""
    path = unquote(urlsplit(address).path)[len(urlsplit(SITE_URL).path) + 1 :]
    return output / path / "index.html" if path.endswith("/") or not path else output / path


def sitemaps(output):
    """{category file name: [parsed sitemaps]}, following robots.txt to the indexes and the indexes to sitemaps."""
    found = {}
    for index in announced_indexes(output):
        root = etree.parse(str(local(output, index))).getroot()
        assert root.tag == f"{{{NS['sm']}}}sitemapindex"
        found[Path(urlsplit(index).path).name] = [etree.parse(str(local(output, loc.text)))
                                                  for loc in root.findall("sm:sitemap/sm:loc", NS)]  # fmt: skip
    return found


def urls(output):
    """[(index file name, <url> element)] of every entry in every DiWoo sitemap."""
    return [(index, url) for index, trees in sitemaps(output).items() for tree in trees
            for url in tree.getroot().findall("sm:url", NS)]  # fmt: skip


def value(url, path):
    return url.find(path, NS)


def test_every_public_document_is_listed_exactly_once(published, panel):
    listed = Counter(value(url, "d:Document/d:DiWoo/d:identifiers/d:identifier").text for _, url in urls(published))
    expected = public_documents(panel)
    assert listed == Counter(expected.keys())
    assert len(expected) > 10  # the demo has requests, advice, responses, notes and reports


def test_confidential_and_draft_documents_leave_no_trace(published, panel):
    canary = next(doc for doc in panel.dossier("bodycams").documents if doc.slug.endswith(CANARY))
    assert canary.confidential
    texts = [path.read_text(encoding="utf-8") for path in published.glob("*diwoo*.xml")]
    assert texts and not [text for text in texts if CANARY in text or DRAFT_TITLE in text or "2020-08-01" in text]
    confidential = [doc for d in panel.dossiers for doc in d.documents if doc.confidential]
    confidential += [r for r in panel.reports if r.confidential]
    assert confidential and not [doc for doc in confidential if any(doc.slug in text for text in texts)]


def test_robots_txt_announces_one_index_per_category_named_as_the_woo_index_reads_them(published):
    indexes = announced_indexes(published)
    names = [Path(urlsplit(index).path).name for index in indexes]
    assert names and all(index.startswith(SITE_URL + "/") for index in indexes)
    assert names == sorted(set(names))
    assert {name[len("sitemapindex-diwoo-") : -len(".xml")] for name in names} <= CATEGORIES.keys()
    for index, url in urls(published):
        category = value(url, "d:Document/d:DiWoo/d:classificatiecollectie/d:informatiecategorieen/"
                              "d:informatiecategorie").get("resource")  # fmt: skip
        assert category == CATEGORIES[index[len("sitemapindex-diwoo-") : -len(".xml")]].uri


def test_each_document_has_its_category_publisher_title_language_and_iso_dates(published, panel):
    expected = public_documents(panel)
    category_uris = {c.uri: c.label for c in CATEGORIES.values()}
    for _, url in urls(published):
        diwoo = value(url, "d:Document/d:DiWoo")
        document = expected[value(diwoo, "d:identifiers/d:identifier").text]
        category = value(diwoo, "d:classificatiecollectie/d:informatiecategorieen/d:informatiecategorie")
        assert category.get("resource") == CATEGORIES[DEFAULT_CATEGORIES[document.kind]].uri
        assert category_uris[category.get("resource")] == category.text
        assert value(diwoo, "d:publisher").get("resource") == PUBLISHER
        assert value(diwoo, "d:titelcollectie/d:officieleTitel").text == document.title
        assert value(diwoo, "d:language").get("resource") == DUTCH.uri
        assert datetime.date.fromisoformat(value(diwoo, "d:creatiedatum").text) == document.date
        handling = value(diwoo, "d:documenthandelingen/d:documenthandeling/d:atTime").text
        assert datetime.datetime.fromisoformat(handling).date() == document.date
        assert datetime.date.fromisoformat(value(url, "sm:lastmod").text) == BUILD_DATE


def test_the_address_is_the_attachment_where_there_is_one_else_the_document_on_its_page(published, panel):
    expected = public_documents(panel)
    with_attachment = 0
    for _, url in urls(published):
        address = value(url, "sm:loc").text
        document = expected[value(url, "d:Document/d:DiWoo/d:identifiers/d:identifier").text]
        file_format = value(url, "d:Document/d:DiWoo/d:format").get("resource")
        assert address.startswith(SITE_URL + "/")
        if document.attachments:
            with_attachment += 1
            assert address == f"{SITE_URL}/{document.attachments[0].url}"
            assert file_format == FORMATS[document.attachments[0].format].uri
        else:
            page, _, anchor = address.partition("#")
            assert page == f"{SITE_URL}/{document.url}" and file_format == FORMATS["HTML"].uri
            if anchor:  # a dossier's page holds several documents: the fragment names this one
                assert f'id="{anchor}"' in local(published, page).read_text(encoding="utf-8")
        assert local(published, address.partition("#")[0]).is_file(), address
    assert with_attachment


def test_every_sitemap_is_well_formed_with_both_namespaces(published):
    for trees in sitemaps(published).values():
        for tree in trees:
            root = tree.getroot()
            assert root.tag == f"{{{NS['sm']}}}urlset" and root.nsmap.get("diwoo") == NS["d"]
            assert all(url.find("d:Document/d:DiWoo", NS) is not None for url in root.findall("sm:url", NS))


def entry(number):
    return Entry(f"https://example.org/{number}", "infocat010", None, FORMATS["HTML"], str(number))


@settings(max_examples=40, deadline=None)
@given(count=st.integers(0, 120), max_urls=st.integers(1, 25))
def test_sitemaps_split_at_the_limit_and_list_each_entry_once(count, max_urls):
    found = [entry(n) for n in range(count)]
    chunks = [chunk for sitemaps in files(found, max_urls).values() for chunk in sitemaps.values()]
    assert [e for chunk in chunks for e in chunk] == found
    assert all(0 < len(chunk) <= max_urls for chunk in chunks)


def test_one_more_than_the_protocol_allows_makes_a_second_sitemap():
    planned_files = files([entry(n) for n in range(MAX_URLS_PER_SITEMAP + 1)])
    sizes = {name: len(chunk) for name, chunk in planned_files["sitemapindex-diwoo-infocat010.xml"].items()}
    assert sizes == {"diwoo-infocat010-1.xml": MAX_URLS_PER_SITEMAP, "diwoo-infocat010-2.xml": 1}


def test_without_a_publisher_no_woo_index_is_written(panel):
    records = SimpleNamespace(panel=panel)
    assert planned(records, {"WOO_INDEX_PUBLISHER": PUBLISHER, "SITEURL": SITE_URL})
    assert planned(records, {"WOO_INDEX_PUBLISHER": None, "SITEURL": SITE_URL}) == {}


@pytest.mark.parametrize(
    ("setting", "value", "named"),
    [
        ("WOO_INDEX_PUBLISHER", "gm0402", "gm0402"),
        ("WOO_INDEX_PUBLISHER", "https://identifier.overheid.nl/tooi/id/", "tooi/id/"),
        ("WOO_INDEX_CATEGORIES", {"minutes": "infocat008"}, "minutes"),
        ("WOO_INDEX_CATEGORIES", {"meeting_report": "infocat019"}, "infocat019"),
    ],
)
def test_a_wrong_setting_is_named_before_anything_is_built(setting, value, named):
    problems = settings_problems({"WOO_INDEX_PUBLISHER": PUBLISHER, setting: value})
    assert [p.field for p in problems] == [setting] and named in str(problems[0])
    assert not settings_problems({"WOO_INDEX_PUBLISHER": PUBLISHER, "WOO_INDEX_CATEGORIES": {}})


def test_a_kind_can_be_moved_to_another_category(panel):
    moved = planned(SimpleNamespace(panel=panel), {"WOO_INDEX_PUBLISHER": PUBLISHER, "SITEURL": SITE_URL,
                                                   "WOO_INDEX_CATEGORIES": {"meeting_report": "infocat008"}})  # fmt: skip
    reports = [e for sitemaps in moved.values() for chunk in sitemaps.values() for e in chunk
               if e.document.kind == "meeting_report"]  # fmt: skip
    assert reports and {e.category for e in reports} == {"infocat008"}
    assert "sitemapindex-diwoo-infocat008.xml" in moved


MDTO = "https://www.nationaalarchief.nl/mdto"


class WithoutMdto(etree.Resolver):
    """The XSD imports the Nationaal Archief's MDTO schema from its website, an alternative to the DiWoo
    branch: offline, an element of that name stands in for it, so the DiWoo branch is checked in full."""

    def resolve(self, url, pubid, context):
        if url.startswith(MDTO):
            stub = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{MDTO}">' \
                   '<xs:element name="MDTO"/></xs:schema>'  # fmt: skip
            return self.resolve_string(stub, context)
        return None


@pytest.mark.skipif(not os.environ.get("DIWOO_XSD"), reason="DIWOO_XSD names no local diwoo-metadata.xsd 0.9.8")
def test_every_document_validates_against_the_official_diwoo_xsd(published):
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(WithoutMdto())
    schema = etree.XMLSchema(etree.parse(os.environ["DIWOO_XSD"], parser))
    documents = [value(url, "d:Document") for _, url in urls(published)]
    errors = [str(schema.error_log) for doc in documents if not schema.validate(etree.ElementTree(doc))]
    assert documents and not errors, errors[:3]


def test_a_response_points_to_the_advice_it_answers(published, panel):
    by_identifier = {
        value(url, "d:Document/d:DiWoo/d:identifiers/d:identifier").text: url for _, url in urls(published)
    }
    responses = 0
    for dossier in panel.dossiers:
        for document in dossier.responses:
            if dossier.advice is None:
                continue
            responses += 1
            url = by_identifier[f"stadspanel/{dossier.id}/{document.slug}"]
            advice_loc = value(by_identifier[f"stadspanel/{dossier.id}/{dossier.advice.slug}"], "sm:loc").text
            relations = url.findall("d:Document/d:DiWoo/d:documentrelaties/d:documentrelatie", NS)
            assert [(r.find("d:role", NS).text, r.find("d:relation", NS).get("resource")) for r in relations] == [
                ("is reactie op", advice_loc)
            ]
    assert responses


XML_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(title=XML_TEXT, summary=XML_TEXT, municipality=XML_TEXT)
def test_any_title_and_summary_stay_text_in_well_formed_xml(title, summary, municipality):
    document = SimpleNamespace(title=title, summary=summary, kind="advice", date=datetime.date(2025, 3, 12),
                               attachments=(), slug="advies", url="stadspanel/x/")  # fmt: skip
    item = Entry(f"{SITE_URL}/stadspanel/x/#stuk-1", "infocat010", document, FORMATS["HTML"], "stadspanel/x/advies")
    root = etree.fromstring(urlset([item], Concept(PUBLISHER, municipality), "2026-11-23").encode())
    diwoo = root.find("sm:url/d:Document/d:DiWoo", NS)
    assert value(diwoo, "d:titelcollectie/d:officieleTitel").text == title
    assert value(diwoo, "d:omschrijvingen/d:omschrijving").text == summary
    assert value(diwoo, "d:publisher").text == municipality
