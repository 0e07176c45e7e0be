"""The open data catalogue: DCAT-AP-NL in JSON-LD that rdflib loads, with every required property
of every dataset and distribution, built from whatever files the plugins describe."""

import datetime
import json
from pathlib import Path

import pytest
from conftest import SETTINGS
from open_data import dcat
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS

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
