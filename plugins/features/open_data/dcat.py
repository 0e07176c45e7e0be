# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The open data catalogue in DCAT-AP-NL, as JSON-LD that data.overheid.nl can harvest.

Built generically from the `open_data_files` entries other plugins describe. An entry is
{url, title, format, media_type, description} and may add:
- `dataset`: the id of the dataset it belongs to (files without it group by their name without
  extension: sensoren.csv, sensoren.json and sensoren.geojson are one dataset);
- `dataset_title`: the dataset's title (otherwise the file's title without " (CSV)");
- `licence`: a licence URL or SPDX id (otherwise the site's OPEN_DATA_LICENCE);
- `source`: where the data comes from (a dct:provenance statement, or dct:source for a URL);
- `sources`: the files in the repository it is made from, for the dates.
The shapes of DCAT-AP 3 and DCAT-AP-NL 3 check the class of every resource a property points to
(`sh:class`), so each one carries its `@type` here (a licence is a dct:LicenseDocument, a theme a
skos:Concept with a label, ...). The publisher and creator is the municipality by its TOOI URI.
Issued and modified come from git: the first and the last commit that touched the dataset's
sources (from `sources`, OPEN_DATA_SOURCES, or files under data/ named like the dataset).
"""

import datetime
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from editor_files.messages import msg
from editor_files.problems import ContentError, Problem, did_you_mean
from sensor_history import git
from site_language import FALLBACK, eu_language_code, language_tag

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority/"
# The national identifiers of government organisations (TOOI); a municipality's is gm + its CBS code.
TOOI_MUNICIPALITY = "https://identifier.overheid.nl/tooi/id/gemeente/"
# DCAT-AP-NL 3 requires a theme from the EU data theme vocabulary; its labels are interface texts.
DATA_THEME = EU + "data-theme/"
FILE_TYPES = {"CSV": "CSV", "JSON": "JSON", "GEOJSON": "GEOJSON", "XML": "XML", "ATOM": "ATOM"}
LICENCES = {
    "cc0": "http://creativecommons.org/publicdomain/zero/1.0/",
    "cc0-1.0": "http://creativecommons.org/publicdomain/zero/1.0/",
    "cc-by-4.0": "http://creativecommons.org/licenses/by/4.0/",
    "cc by 4.0": "http://creativecommons.org/licenses/by/4.0/",
    "cc-by-sa-4.0": "http://creativecommons.org/licenses/by-sa/4.0/",
    "cc by-sa 4.0": "http://creativecommons.org/licenses/by-sa/4.0/",
    "odbl-1.0": "http://opendatacommons.org/licenses/odbl/1.0/",
}


def licence_uri(value, default):
    if not value:
        return default
    text = str(value).strip()
    return text if re.match(r"^https?://", text) else LICENCES.get(text.lower(), default)


def dataset_key(entry):
    return entry.get("dataset") or Path(entry["url"]).stem


def dataset_title(entry):
    if entry.get("dataset_title"):
        return entry["dataset_title"]
    return re.sub(rf"\s*\({re.escape(entry['format'])}\)\s*$", "", entry["title"], flags=re.I)


def typed(value, kind):
    return {"@value": value, "@type": f"xsd:{kind}"}


def text_in(lang):
    """Texts tagged with the site's language: text_in("nl")("Sensoren") is "Sensoren"@nl."""
    tag = language_tag(lang)
    return lambda text: {"@value": text, "@language": tag}


class Dates:
    """First and last commit dates of repository paths; the build date where there is no history."""

    def __init__(self, root, fallback):
        self.repository = git.open_repository(root)
        self.root, self.fallback = Path(root), fallback
        tracked = git.run_git(self.repository.top, "ls-files", "-z") if self.repository else None
        self.tracked = [p for p in (tracked or b"").decode("utf-8", "replace").split("\0") if p]

    def paths_named(self, key):
        """Files under data/ named like the dataset (data/layers/laadpalen.csv for 'laadpalen')."""
        return [p for p in self.tracked if "/data/" in f"/{p}" and Path(p).stem == key]

    def of(self, paths):
        if self.repository is None or not paths:
            return self.fallback, self.fallback
        relative = [self.repository.relative(self.root / p) for p in paths]
        output = git.run_git(self.repository.top, "log", "--format=%cI", "--", *[p for p in relative if p])
        # A date git cannot give as a day (a year past 9999: a wrong clock) says nothing about the file.
        days = [day for day in map(git.day_of, (output or b"").split()) if day]
        if not days:
            return self.fallback, self.fallback
        return days[-1], days[0]


def tooi_municipality(code):
    """The TOOI URI of a municipality from its code ("gm0402", "GM0402" or the CBS code "0402"), or None."""
    found = re.fullmatch(r"(?:gm)?([0-9]{4})", str(code).strip().lower())
    return f"{TOOI_MUNICIPALITY}gm{found.group(1)}" if found else None


def settings_problem(field, message, hint=""):
    problem = Problem("pelicanconf.py", 1, field, message, hint)
    print(problem, file=sys.stderr, flush=True)
    return ContentError([problem], msg("The settings"))


@dataclass(frozen=True)
class CatalogueSettings:
    """What the catalogue takes from the settings, read and checked once."""

    site: str
    lang: str
    title: str
    description: str
    municipality: str
    publisher: str  # the municipality's URI: its TOOI identifier
    contact_email: str
    contact_url: str
    theme: str
    theme_label: str
    spatial: str
    licence: str
    sources: dict
    build_date: datetime.date

    @classmethod
    def from_pelican(cls, settings):
        site, ui = settings.get("SITEURL", ""), settings["UI"]["open_data"]
        theme = str(settings.get("OPEN_DATA_THEME") or DATA_THEME + "GOVE")
        labels = ui.get("data_themes", {})
        code = theme.removeprefix(DATA_THEME)
        if not theme.startswith(DATA_THEME) or code not in labels:
            raise settings_problem("OPEN_DATA_THEME", msg("is not a theme of the EU data theme vocabulary"),
                                   did_you_mean(theme, [DATA_THEME + c for c in labels]))  # fmt: skip
        contact_email, contact_url = settings.get("CONTACT_EMAIL") or "", settings.get("OPEN_DATA_CONTACT_URL") or ""
        if not contact_email and not contact_url:
            raise settings_problem("CONTACT_EMAIL", msg("the open data catalogue needs a contact point"),
                                   msg("set CONTACT_EMAIL or OPEN_DATA_CONTACT_URL"))  # fmt: skip
        return cls(
            site=site,
            lang=settings.get("DEFAULT_LANG") or FALLBACK,
            title=ui["catalogue_title"].replace("{site}", settings["SITENAME"]),
            description=settings.get("SITE_DESCRIPTION", ""),
            municipality=settings.get("MUNICIPALITY", ""),
            publisher=publisher_uri(settings, site),
            contact_email=contact_email,
            contact_url=contact_url,
            theme=theme,
            theme_label=labels[code],
            spatial=settings.get("OPEN_DATA_SPATIAL") or "",
            licence=licence_uri(settings.get("OPEN_DATA_LICENCE"), LICENCES["cc0"]),
            sources=settings.get("OPEN_DATA_SOURCES", {}),
            build_date=settings["BUILD_DATE"],
        )


def publisher_uri(settings, site):
    """MUNICIPALITY_TOOI_CODE as its TOOI URI; OPEN_DATA_PUBLISHER_URI for a publisher that is no municipality."""
    if settings.get("OPEN_DATA_PUBLISHER_URI"):
        return settings["OPEN_DATA_PUBLISHER_URI"]
    code = settings.get("MUNICIPALITY_TOOI_CODE")
    if code is None:
        return f"{site}/"
    uri = tooi_municipality(code)
    if uri is None:
        raise settings_problem("MUNICIPALITY_TOOI_CODE", msg("'{code}' is not a municipality's code", code=code),
                               msg("gm and the four digits of its CBS code, e.g. gm0402"))  # fmt: skip
    return uri


def resource(uri, kind, **fields):
    """A reference with its class: the shapes check the class of every resource a property points to."""
    return {"@id": uri, "@type": kind, **fields}


class Vocabulary:
    """The typed resources every dataset and file shares (publisher, contact, licence, language, ...)."""

    def __init__(self, config):
        self.text = text_in(config.lang)
        self.language = resource(f"{EU}language/{eu_language_code(config.lang)}", "dct:LinguisticSystem")
        self.publisher = resource(config.publisher, "foaf:Agent", **{"foaf:name": config.municipality})
        contact = {"@type": ["vcard:Organization", "vcard:Kind"], "vcard:fn": config.municipality}
        if config.contact_email:
            contact["vcard:hasEmail"] = {"@id": f"mailto:{config.contact_email}"}
        if config.contact_url:
            contact["vcard:hasURL"] = {"@id": config.contact_url}
        self.contact = contact
        self.theme = resource(config.theme, "skos:Concept", **{"skos:prefLabel": self.text(config.theme_label)})
        self.spatial = resource(config.spatial, "dct:Location") if config.spatial else None
        self.landing_page = resource(f"{config.site}/open-data/", "foaf:Document")

    @staticmethod
    def licence(uri):
        return resource(uri, "dct:LicenseDocument")


def catalogue(entries, settings, output_path, root):
    """The whole catalogue as a JSON-LD document (a dict)."""
    config = CatalogueSettings.from_pelican(settings)
    words, text = Vocabulary(config), text_in(config.lang)
    dates = Dates(root, config.build_date)
    groups = {}
    for entry in entries:
        groups.setdefault(dataset_key(entry), []).append(entry)
    datasets = [dataset(key, files, config, words, dates, output_path) for key, files in groups.items()]
    first = min((d["dct:issued"]["@value"] for d in datasets), default=config.build_date.isoformat())
    return {
        "@context": CONTEXT, "@id": f"{config.site}/open-data/catalogus.json", "@type": "dcat:Catalog",
        "dct:title": text(config.title), "dct:description": text(config.description),
        "dct:publisher": words.publisher, "dct:creator": words.publisher, "dcat:contactPoint": words.contact,
        "dct:language": words.language, "dct:license": words.licence(config.licence),
        "foaf:homepage": resource(f"{config.site}/", "foaf:Document"),
        "dct:issued": typed(first, "date"), "dct:modified": typed(config.build_date.isoformat(), "date"),
        "dcat:dataset": datasets,
    }  # fmt: skip


def dataset(key, files, config, words, dates, output_path):
    sources = files[0].get("sources") or config.sources.get(key) or dates.paths_named(key)
    issued, modified = dates.of(sources)
    licence = licence_uri(files[0].get("licence"), config.licence)
    common = {"dct:license": words.licence(licence), "dct:issued": typed(issued.isoformat(), "date"),
              "dct:modified": typed(modified.isoformat(), "date")}  # fmt: skip
    address = f"{config.site}/open-data/#{key}"
    found = {
        "@id": address, "@type": "dcat:Dataset", "dct:identifier": address,
        "dct:title": words.text(dataset_title(files[0])), "dct:description": words.text(files[0]["description"]),
        "dct:publisher": words.publisher, "dct:creator": words.publisher, "dcat:contactPoint": words.contact,
        "dcat:landingPage": words.landing_page, "dct:language": words.language, "dcat:theme": words.theme,
        "dct:accessRights": resource(EU + "access-right/PUBLIC", "dct:RightsStatement"),
        **common,
        "dcat:distribution": [distribution(f, config.site, output_path, common, words) for f in files],
    }  # fmt: skip
    if words.spatial:
        found["dct:spatial"] = words.spatial
    source = files[0].get("source")
    if source:
        found["dct:provenance"] = {"@type": "dct:ProvenanceStatement", "rdfs:label": words.text(str(source))}
    if source and re.match(r"^https?://", str(source)):
        # dct:source would claim the page is a dcat:Dataset described here; it is a related resource.
        found["dct:relation"] = resource(source, "rdfs:Resource")
    return found


def distribution(entry, site, output_path, common, words):
    address = f"{site}/{entry['url']}"
    file_type = FILE_TYPES.get(entry["format"].upper().replace("-", ""), entry["format"].upper())
    found = {
        "@id": address, "@type": "dcat:Distribution", "dct:title": words.text(entry["title"]),
        "dct:description": words.text(entry["description"]),
        "dcat:accessURL": resource(address, "rdfs:Resource"), "dcat:downloadURL": resource(address, "rdfs:Resource"),
        "dct:format": resource(f"{EU}file-type/{file_type}", "dct:MediaTypeOrExtent"),
        "dcat:mediaType": resource(f"https://www.iana.org/assignments/media-types/{entry['media_type']}",
                                   "dct:MediaType"),
        "dct:language": words.language,
        **common,
    }  # fmt: skip
    path = Path(output_path) / entry["url"]
    if path.is_file():
        found["dcat:byteSize"] = typed(str(path.stat().st_size), "nonNegativeInteger")
    return found
