"""The open data catalogue in DCAT-AP-NL, as JSON-LD that data.overheid.nl can harvest.

Built generically from the `open_data_files` entries other plugins describe. An entry is
{url, title, format, media_type, description} and may add:
- `dataset`: the id of the dataset it belongs to (files without it group by their name without
  extension: sensoren.csv, sensoren.json and sensoren.geojson are one dataset);
- `dataset_title`: the dataset's title (otherwise the file's title without " (CSV)");
- `licence`: a licence URL or SPDX id (otherwise the site's OPEN_DATA_LICENCE);
- `source`: where the data comes from (a dct:provenance statement, or dct:source for a URL);
- `sources`: the files in the repository it is made from, for the dates.
Issued and modified come from git: the first and the last commit that touched the dataset's
sources (from `sources`, OPEN_DATA_SOURCES, or files under data/ named like the dataset).
"""

import re
from pathlib import Path

from sensor_history import git
from site_language import FALLBACK, eu_language_code, language_tag

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority/"
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


def catalogue(entries, settings, output_path, root):
    """The whole catalogue as a JSON-LD document (a dict)."""
    site = settings.get("SITEURL", "")
    default_licence = licence_uri(settings.get("OPEN_DATA_LICENCE"), LICENCES["cc0"])
    dates = Dates(root, settings["BUILD_DATE"])
    lang = settings.get("DEFAULT_LANG") or FALLBACK
    text, language = text_in(lang), {"@id": f"{EU}language/{eu_language_code(lang)}"}
    publisher = {"@id": settings.get("OPEN_DATA_PUBLISHER_URI") or f"{site}/", "@type": "foaf:Agent",
                 "foaf:name": settings.get("MUNICIPALITY", "")}  # fmt: skip
    contact = {"@type": "vcard:Organization", "vcard:fn": settings.get("MUNICIPALITY", ""),
               "vcard:hasEmail": {"@id": f"mailto:{settings.get('CONTACT_EMAIL', '')}"}}  # fmt: skip
    groups = {}
    for entry in entries:
        groups.setdefault(dataset_key(entry), []).append(entry)
    known_sources = settings.get("OPEN_DATA_SOURCES", {})
    datasets = []
    for key, files in groups.items():
        sources = files[0].get("sources") or known_sources.get(key) or dates.paths_named(key)
        issued, modified = dates.of(sources)
        licence = licence_uri(files[0].get("licence"), default_licence)
        common = {"dct:license": {"@id": licence}, "dct:issued": typed(issued.isoformat(), "date"),
                  "dct:modified": typed(modified.isoformat(), "date")}  # fmt: skip
        dataset = {
            "@id": f"{site}/open-data/#{key}", "@type": "dcat:Dataset", "dct:identifier": f"{site}/open-data/#{key}",
            "dct:title": text(dataset_title(files[0])), "dct:description": text(files[0]["description"]),
            "dct:publisher": publisher, "dcat:contactPoint": contact, "dcat:landingPage": {"@id": f"{site}/open-data/"},
            "dct:language": language, "dct:accessRights": {"@id": EU + "access-right/PUBLIC"},
            **common,
            "dcat:distribution": [distribution(f, site, output_path, common, text) for f in files],
        }  # fmt: skip
        if settings.get("OPEN_DATA_THEME"):
            dataset["dcat:theme"] = {"@id": settings["OPEN_DATA_THEME"]}
        if settings.get("OPEN_DATA_SPATIAL"):
            dataset["dct:spatial"] = {"@id": settings["OPEN_DATA_SPATIAL"]}
        source = files[0].get("source")
        if source and re.match(r"^https?://", str(source)):
            dataset["dct:source"] = {"@id": source}
        elif source:
            dataset["dct:provenance"] = {"@type": "dct:ProvenanceStatement", "rdfs:label": text(str(source))}
        datasets.append(dataset)
    first = min((d["dct:issued"]["@value"] for d in datasets), default=settings["BUILD_DATE"].isoformat())
    return {
        "@context": CONTEXT, "@id": f"{site}/open-data/catalogus.json", "@type": "dcat:Catalog",
        "dct:title": text(settings["UI"]["open_data"]["catalogue_title"].replace("{site}", settings["SITENAME"])),
        "dct:description": text(settings.get("SITE_DESCRIPTION", "")),
        "dct:publisher": publisher, "dct:language": language,
        "dct:license": {"@id": default_licence}, "foaf:homepage": {"@id": f"{site}/"},
        "dct:issued": typed(first, "date"), "dct:modified": typed(settings["BUILD_DATE"].isoformat(), "date"),
        "dcat:dataset": datasets,
    }  # fmt: skip


def distribution(entry, site, output_path, common, text):
    address = f"{site}/{entry['url']}"
    file_type = FILE_TYPES.get(entry["format"].upper().replace("-", ""), entry["format"].upper())
    found = {
        "@id": address, "@type": "dcat:Distribution", "dct:title": text(entry["title"]),
        "dct:description": text(entry["description"]), "dcat:accessURL": {"@id": address},
        "dcat:downloadURL": {"@id": address}, "dct:format": {"@id": f"{EU}file-type/{file_type}"},
        "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{entry['media_type']}"},
        **common,
    }  # fmt: skip
    path = Path(output_path) / entry["url"]
    if path.is_file():
        found["dcat:byteSize"] = typed(str(path.stat().st_size), "nonNegativeInteger")
    return found
