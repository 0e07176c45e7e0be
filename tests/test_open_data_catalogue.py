# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The open data catalogue: DCAT-AP-NL in JSON-LD that rdflib loads, with every required property
of every dataset and distribution, built from whatever files the plugins describe.

The official shapes (DCAT-AP 3 and DCAT-AP-NL 3) are third-party files we do not commit: the tests
below check, with rdflib, what those shapes require of our catalogue; with DCAT_SHAPES naming a
folder of the shapes' .ttl files, pyshacl also validates the catalogue against them (see README).
"""

import datetime
import json
import os
import re
from pathlib import Path

import pytest
from conftest import SETTINGS, demo_records
from editor_files.problems import ContentError
from hypothesis import given, settings
from hypothesis import strategies as st
from open_data import dcat, published_files
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS

BASE = "https://example.org/"
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DATASET_REQUIRED = [DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.contactPoint, DCTERMS.issued,
                    DCTERMS.modified, DCTERMS.license, DCTERMS.identifier, DCTERMS.language, DCAT.distribution]  # fmt: skip
DISTRIBUTION_REQUIRED = [DCAT.accessURL, DCAT.downloadURL, DCTERMS.format, DCAT.mediaType, DCAT.byteSize,
                         DCTERMS.license, DCTERMS.title]  # fmt: skip


def graph_of(path_or_text):
    graph = Graph()
    if isinstance(path_or_text, Path):
        graph.parse(path_or_text, format="json-ld", publicID=BASE)
    else:
        graph.parse(data=path_or_text, format="json-ld", publicID=BASE)
    return graph


@pytest.fixture(scope="module")
def catalogue(demo_site):
    return graph_of(demo_site / "open-data/catalogus.json")


def test_every_dataset_and_distribution_has_the_required_properties(catalogue):
    catalogs = list(catalogue.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 1
    datasets = list(catalogue.subjects(RDF.type, DCAT.Dataset))
    assert set(datasets) == set(catalogue.objects(catalogs[0], DCAT.dataset))
    for dataset in datasets:
        for prop in DATASET_REQUIRED:
            assert catalogue.value(dataset, prop) is not None, (dataset, prop)
        assert catalogue.value(dataset, DCTERMS.title).language == "nl"
        contact = catalogue.value(dataset, DCAT.contactPoint)
        assert str(catalogue.value(contact, VCARD.hasEmail)).startswith("mailto:")
        for distribution in catalogue.objects(dataset, DCAT.distribution):
            for prop in DISTRIBUTION_REQUIRED:
                assert catalogue.value(distribution, prop) is not None, (distribution, prop)


def test_every_download_is_a_distribution_with_its_real_size(catalogue, demo_site):
    page = (demo_site / "open-data/index.html").read_text(encoding="utf-8")
    assert 'href="/open-data/catalogus.json"' in page
    distributions = {str(d): d for d in catalogue.subjects(RDF.type, DCAT.Distribution)}
    for path in [*demo_site.glob("open-data/*.csv"), *demo_site.glob("open-data/*.json"),
                 *demo_site.glob("open-data/*.geojson")]:  # fmt: skip
        if path.name == "catalogus.json":
            continue
        address = BASE + path.relative_to(demo_site).as_posix()
        assert address in distributions, address
        assert catalogue.value(distributions[address], DCAT.byteSize).toPython() == path.stat().st_size


def test_fields_of_other_plugins_entries_flow_through(tmp_path):
    """Entries as the map layers and measurements plugins describe them join the catalogue as they are."""
    (tmp_path / "open-data").mkdir()
    (tmp_path / "open-data/laadpalen.csv").write_text("a\r\n1\r\n", encoding="utf-8")
    entries = [
        {"url": "open-data/laadpalen.geojson", "title": "Kaartlaag Laadpalen (GeoJSON)", "format": "GeoJSON",
         "media_type": "application/geo+json", "description": "Laadpalen. Bron: RVO."},
        {"url": "open-data/laadpalen.csv", "title": "Kaartlaag Laadpalen (CSV)", "format": "CSV",
         "media_type": "text/csv", "description": "Laadpalen. Bron: RVO."},
        {"url": "open-data/lucht-maand.csv", "title": "Luchtkwaliteit per maand (CSV)", "format": "CSV",
         "media_type": "text/csv", "description": "Fijnstof per maand.", "dataset": "luchtkwaliteit",
         "licence": "https://creativecommons.org/licenses/by/4.0/", "source": "Meetnet Schone Lucht"},
        {"url": "open-data/lucht-maand.json", "title": "Luchtkwaliteit per maand (JSON)", "format": "JSON",
         "media_type": "application/json", "description": "Fijnstof per maand.", "dataset": "luchtkwaliteit",
         "licence": "https://creativecommons.org/licenses/by/4.0/", "source": "Meetnet Schone Lucht"},
    ]  # fmt: skip
    settings = {"SITEURL": "https://open.example.nl", "SITENAME": "Open Test", "MUNICIPALITY": "Gemeente Test",
                "CONTACT_EMAIL": "open@example.nl", "BUILD_DATE": datetime.date(2026, 1, 2),
                "UI": SETTINGS["UI"]}  # fmt: skip
    graph = graph_of(json.dumps(dcat.catalogue(entries, settings, tmp_path, tmp_path)))
    layer = URIRef("https://open.example.nl/open-data/#laadpalen")
    assert graph.value(layer, DCTERMS.title) == Literal("Kaartlaag Laadpalen", lang="nl")
    assert len(list(graph.objects(layer, DCAT.distribution))) == 2
    air = URIRef("https://open.example.nl/open-data/#luchtkwaliteit")
    assert str(graph.value(air, DCTERMS.license)) == "https://creativecommons.org/licenses/by/4.0/"
    assert "Meetnet Schone Lucht" in graph.serialize(format="nt")
    csv_file = URIRef("https://open.example.nl/open-data/laadpalen.csv")
    assert graph.value(csv_file, DCAT.byteSize).toPython() == (tmp_path / "open-data/laadpalen.csv").stat().st_size
    # Without a repository the dates are the build's.
    assert graph.value(air, DCTERMS.issued).toPython() == datetime.date(2026, 1, 2)


def test_dates_come_from_git(demo_site):
    document = json.loads((demo_site / "open-data/catalogus.json").read_text(encoding="utf-8"))
    register = next(d for d in document["dcat:dataset"] if d["@id"].endswith("#sensoren"))
    import subprocess

    root = Path(__file__).resolve().parents[1]
    stamps = subprocess.run(["git", "-C", str(root), "log", "--format=%cs", "--", "data/sensors", "data/vocabularies.yml"],
                            capture_output=True, text=True, check=True).stdout.split()  # fmt: skip
    assert register["dct:issued"]["@value"] == stamps[-1] and register["dct:modified"]["@value"] == stamps[0]


TOOI = "https://identifier.overheid.nl/tooi/id/gemeente/"
# The class DCAT-AP 3 and DCAT-AP-NL 3 require of what each property points to (their sh:class).
RANGES = {
    DCAT.Catalog: {DCTERMS.publisher: FOAF.Agent, DCTERMS.creator: FOAF.Agent, DCAT.contactPoint: VCARD.Kind,
                   DCTERMS.license: DCTERMS.LicenseDocument, DCTERMS.language: DCTERMS.LinguisticSystem,
                   FOAF.homepage: FOAF.Document, DCAT.dataset: DCAT.Dataset},
    DCAT.Dataset: {DCTERMS.publisher: FOAF.Agent, DCTERMS.creator: FOAF.Agent, DCAT.contactPoint: VCARD.Kind,
                   DCTERMS.language: DCTERMS.LinguisticSystem, DCAT.theme: SKOS.Concept,
                   DCTERMS.accessRights: DCTERMS.RightsStatement, DCTERMS.spatial: DCTERMS.Location,
                   DCAT.landingPage: FOAF.Document, DCTERMS.provenance: DCTERMS.ProvenanceStatement,
                   DCAT.distribution: DCAT.Distribution},
    DCAT.Distribution: {DCTERMS.license: DCTERMS.LicenseDocument, DCAT.mediaType: DCTERMS.MediaType,
                        DCTERMS.format: DCTERMS.MediaTypeOrExtent, DCTERMS.language: DCTERMS.LinguisticSystem,
                        DCAT.accessURL: RDFS.Resource, DCAT.downloadURL: RDFS.Resource},
}  # fmt: skip
# What DCAT-AP-NL 3 requires at least once (sh:minCount 1) beyond DATASET_REQUIRED.
DATASET_REQUIRED_NL = [DCTERMS.creator, DCAT.theme, DCTERMS.accessRights]


def the_municipality():
    return URIRef(TOOI + SETTINGS["MUNICIPALITY_TOOI_CODE"].lower())


def test_the_municipality_publishes_and_creates_every_dataset_by_its_tooi_uri(catalogue):
    municipality = the_municipality()
    assert re.fullmatch(re.escape(TOOI) + r"gm\d{4}", str(municipality))
    subjects = [*catalogue.subjects(RDF.type, DCAT.Catalog), *catalogue.subjects(RDF.type, DCAT.Dataset)]
    assert len(subjects) > 1
    for subject in subjects:
        assert list(catalogue.objects(subject, DCTERMS.publisher)) == [municipality], subject
        assert list(catalogue.objects(subject, DCTERMS.creator)) == [municipality], subject
    assert catalogue.value(municipality, FOAF.name) == Literal(SETTINGS["MUNICIPALITY"])


def test_the_catalogue_and_every_dataset_have_one_contact_point(catalogue):
    subjects = [*catalogue.subjects(RDF.type, DCAT.Catalog), *catalogue.subjects(RDF.type, DCAT.Dataset)]
    for subject in subjects:
        contacts = list(catalogue.objects(subject, DCAT.contactPoint))
        assert len(contacts) == 1, subject
        assert catalogue.value(contacts[0], VCARD.hasEmail) == URIRef(f"mailto:{SETTINGS['CONTACT_EMAIL']}")
        assert catalogue.value(contacts[0], VCARD.fn) == Literal(SETTINGS["MUNICIPALITY"])


def test_every_dataset_has_what_dcat_ap_nl_requires(catalogue):
    datasets = list(catalogue.subjects(RDF.type, DCAT.Dataset))
    for dataset in datasets:
        for prop in DATASET_REQUIRED_NL:
            assert catalogue.value(dataset, prop) is not None, (dataset, prop)
        assert catalogue.value(dataset, DCAT.theme) == URIRef(SETTINGS["OPEN_DATA_THEME"])
        assert catalogue.value(dataset, DCTERMS.spatial) == URIRef(SETTINGS["OPEN_DATA_SPATIAL"])


def test_every_referenced_resource_has_the_class_the_shapes_require(catalogue):
    checked = 0
    for owner_class, ranges in RANGES.items():
        owners = list(catalogue.subjects(RDF.type, owner_class))
        assert owners, owner_class
        for owner in owners:
            for prop, required in ranges.items():
                for target in catalogue.objects(owner, prop):
                    assert (target, RDF.type, required) in catalogue, (owner, prop, target, required)
                    checked += 1
    assert checked > sum(len(r) for r in RANGES.values())
    for concept in catalogue.subjects(RDF.type, SKOS.Concept):  # a concept needs its label (DCAT-AP)
        assert catalogue.value(concept, SKOS.prefLabel).language == "nl"


def entries_and_settings(**changes):
    settings = {"SITEURL": "https://open.example.nl", "SITENAME": "Open Test", "MUNICIPALITY": "Gemeente Test",
                "CONTACT_EMAIL": "open@example.nl", "BUILD_DATE": datetime.date(2026, 1, 2), "UI": SETTINGS["UI"],
                **changes}  # fmt: skip
    entry = {"url": "open-data/a.csv", "title": "A (CSV)", "format": "CSV", "media_type": "text/csv",
             "description": "A.", "source": "https://example.org/bron"}  # fmt: skip
    return [entry], settings


@pytest.mark.parametrize("code", ["gm0402", "GM0402", "0402", " gm0402 "])
def test_a_tooi_code_names_the_publisher(tmp_path, code):
    entries, settings = entries_and_settings(MUNICIPALITY_TOOI_CODE=code)
    graph = graph_of(json.dumps(dcat.catalogue(entries, settings, tmp_path, tmp_path)))
    dataset = URIRef("https://open.example.nl/open-data/#a")
    assert graph.value(dataset, DCTERMS.publisher) == URIRef(TOOI + "gm0402")
    # A web page as source is a related resource, not a dataset of this catalogue.
    assert graph.value(dataset, DCTERMS.source) is None
    assert (URIRef("https://example.org/bron"), RDF.type, RDFS.Resource) in graph


@settings(max_examples=40, deadline=None)
@given(st.from_regex(r"[0-9]{4}", fullmatch=True), st.sampled_from(["", "gm", "GM", "Gm"]), st.sampled_from(["", " "]))
def test_gm_and_four_digits_name_a_municipality(digits, prefix, space):
    assert dcat.tooi_municipality(f"{space}{prefix}{digits}{space}") == TOOI + "gm" + digits


@pytest.mark.parametrize("code", ["Hilversum", "gm402", "gm04020", "0402a", "", "gm 0402", "pv27", "gm\u0660\u0664\u0660\u0662"])
def test_anything_else_is_no_municipality_code(code):
    assert dcat.tooi_municipality(code) is None


@pytest.mark.parametrize(("changes", "field"), [
    ({"MUNICIPALITY_TOOI_CODE": "Hilversum"}, "MUNICIPALITY_TOOI_CODE"),
    ({"OPEN_DATA_THEME": "http://standaarden.overheid.nl/owms/terms/Bestuur"}, "OPEN_DATA_THEME"),
    ({"CONTACT_EMAIL": ""}, "CONTACT_EMAIL"),
])  # fmt: skip
def test_settings_the_catalogue_cannot_use_stop_the_build_naming_the_setting(tmp_path, capsys, changes, field):
    entries, settings = entries_and_settings(**changes)
    with pytest.raises(ContentError) as error:
        dcat.catalogue(entries, settings, tmp_path, tmp_path)
    assert [p.field for p in error.value.problems] == [field]
    assert field in capsys.readouterr().err


def test_a_contact_page_alone_is_a_contact_point(tmp_path):
    entries, settings = entries_and_settings(CONTACT_EMAIL="", OPEN_DATA_CONTACT_URL="https://open.example.nl/contact/")
    graph = graph_of(json.dumps(dcat.catalogue(entries, settings, tmp_path, tmp_path)))
    contact = graph.value(URIRef("https://open.example.nl/open-data/catalogus.json"), DCAT.contactPoint)
    assert graph.value(contact, VCARD.hasURL) == URIRef("https://open.example.nl/contact/")
    assert graph.value(contact, VCARD.hasEmail) is None


SHAPES = os.environ.get("DCAT_SHAPES")


@pytest.mark.skipif(not SHAPES, reason="DCAT_SHAPES names no folder of DCAT-AP and DCAT-AP-NL shapes (.ttl)")
@pytest.mark.parametrize("site_url", ["", "https://example.org"])
def test_the_official_shapes_find_no_violation(demo_site, site_url):
    """The demo catalogue (`make html`), and one with an absolute SITEURL as `make publish` builds it."""
    from pyshacl import validate

    shapes = Graph()
    files = sorted(Path(SHAPES).glob("*.ttl"))
    assert files, f"no .ttl files in {SHAPES}"
    for path in files:
        shapes.parse(path)
    if site_url:
        settings = {**SETTINGS, "SITEURL": site_url, "BUILD_DATE": datetime.date(2026, 11, 23)}
        document = dcat.catalogue(published_files(demo_records(), settings), settings, demo_site, demo_site.parent)
        data = graph_of(json.dumps(document))
    else:
        data = graph_of(demo_site / "open-data/catalogus.json")
    conforms, report, text = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    assert conforms, text
