# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The sensor register as a record kind (see site_records.kinds): read from data/sensors/*.csv."""

from dataclasses import replace

from editor_files.messages import msg
from editor_files.problems import Problem, did_you_mean
from site_records.kinds import Link, RecordKind
from site_records.settings import sign_url

from .register import load_register
from .schema import SENSOR_URL


def load(site, _before):
    register, problems = load_register(site.data_path, site.bbox, site.root, site.today, site.pages["sensor"])
    if register is not None:
        register = in_language(register, site)
        problems = problems + reserved_ids(register, site.reserved_sensor_ids)
    return register, problems


def in_language(register, site):
    """The register's labels in the pages' language (another language's pass shares the first's register)."""
    return replace(register, language=site.language)


def reserved_ids(register, reserved):
    """A sensor may not take the address of a page of its own (e.g. /sensoren/wijzigingen/)."""
    return [Problem(s.source_path, s.source_line, "sensor_id",
                    msg("'{sensor_id}' is the address of a page of the site", sensor_id=s.sensor_id),
                    msg("choose another id; these are taken: {ids}", ids=", ".join(sorted(reserved))))
            for s in register.sensors if s.sensor_id.lower() in reserved]  # fmt: skip


def related_advice(register):
    for sensor in register.sensors:
        if sensor.related_advice:
            yield sensor.sensor_id, sensor.source_path, sensor.source_line, sensor.related_advice


def unknown_dossier(path, line, dossier_id, known):
    return Problem(path, line, "related_advice",
                   msg("'{dossier_id}' is not a Stadspanel dossier", dossier_id=dossier_id),
                   did_you_mean(dossier_id, known))  # fmt: skip


def with_areas(register, by_kind):
    """An area sensor's neighbourhoods: the polygons of the layers that name an `area_code_field`."""
    return replace(register, areas=area_geometries(by_kind.get("layers") or ()))


def area_geometries(layers):
    """{area code: GeoJSON geometry} from every layer naming an `area_code_field` (first layer wins).

    The whole municipality ("municipality_wide") is every neighbourhood of the first such layer.
    """
    areas, whole = {}, None
    for layer in layers:
        if not layer.area_code_field:
            continue
        polygons = []
        for feature in layer.features:
            code = feature["properties"].get(layer.area_code_field)
            if code not in (None, ""):
                areas.setdefault(str(code), feature["geometry"])
                geometry = feature["geometry"]
                polygons += [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        if whole is None and polygons:
            whole = {"type": "MultiPolygon", "coordinates": polygons}
    if whole is not None:
        areas.setdefault("municipality_wide", whole)
    return areas


RECORD_KIND = RecordKind(
    name="sensor",
    attribute="register",
    load=load,
    ids=lambda register: (s.sensor_id for s in register.sensors),
    pages={"sensor": SENSOR_URL, "sign": lambda patterns: sign_url(patterns["sensor"].url)},
    links=(Link("panel", related_advice, unknown_dossier),),
    finish=with_areas,
    required=True,
    in_language=in_language,
)
