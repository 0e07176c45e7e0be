# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Sensor signs: a printable sign for every sensor, with a QR code to its page.

Writes `/sensoren/<id>/bord/` (one A4 sign: name, what it measures and why, owner, personal
data, contact, and a QR code leading to the sensor's page at SITEURL) and `/sensoren/borden/`:
an index with, per owner organisation, a page that prints all its signs, one per sheet.
The QR code is SVG made at build time by segno: no JavaScript, no image library.
For templates it puts `sensor_signs` (a `Signs`: `urls`, by sensor id) in the context.
"""

import re
import unicodedata
from itertools import groupby

import segno
from editor_files.memo import build_cache
from editor_files.messages import msg
from markupsafe import Markup, escape
from site_outputs import Build, Output, Page
from site_records import records_for

SIGNS_URL = "sensoren/borden/"
# A fixed mask skips segno's search over all eight (about 5 ms a code): still a valid code that
# phones read, and 10,000 signs cost seconds instead of a minute.
QR_MASK = 2


QR_KEPT = 50_000  # a preview session (`make serve`) draws each code once: 10,000 codes take seconds


def qr_svg(address, label):
    """The QR code of an address as inline SVG, black on white (what every scanner reads best)."""
    code = segno.make_qr(address, error="m", mask=QR_MASK)
    svg = code.svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True, title=label,
                          svgclass="sign__qr", lineclass=None)  # fmt: skip
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


def slug(text):
    """'Gemeente Hilversum' -> 'gemeente-hilversum' (ASCII, for an address)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "eigenaar"


def owner_slugs(owners):
    """{owner: unique slug}: two owners that spell alike get -2, -3..."""
    taken, found = set(), {}
    for owner in sorted(owners):
        base = candidate = slug(owner)
        number = 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        found[owner] = candidate
    return found


class Signs:
    """What templates read: `urls`, the sign's address of every sensor id."""

    def __init__(self, records):
        self.settings, self.site_url = records.settings, records.settings.site_url
        self.urls = {s.sensor_id: self.settings.url("sign", id=s.sensor_id) for s in records.register.sensors}

    def address_of(self, sensor):
        return f"{self.site_url}/{sensor.url}"


def context(records, settings):
    return {"sensor_signs": Signs(records)}


def state(build):
    return SensorSigns(build)


class SensorSigns(Build):
    """What the signs are made from (their `make`s receive it)."""

    def __init__(self, build):
        super().__init__(*build.parts())
        self.records = records_for(self.settings)
        self.signs = self.context["sensor_signs"]
        self.made = {}  # sensor id -> its sign (a sensor's sign page, then its owner's sheet)

    def sign(self, sensor):
        """What one sign shows, made once a build."""
        found = self.made.get(sensor.sensor_id)
        if found is None or found["sensor"] is not sensor:
            found = self.made[sensor.sensor_id] = self.make_sign(sensor)
        return found

    def make_sign(self, sensor):
        register = self.records.register
        address = self.signs.address_of(sensor)
        label = self.settings["UI"]["signs"]["qr_label"].replace("{name}", sensor.name)
        qr = build_cache(self.settings).store("qr", QR_KEPT).get((address, label), lambda: qr_svg(address, label))
        return {"sensor": sensor, "address": address, "qr": qr,
                "legal_basis": register.label("legal_basis", sensor.legal_basis) if sensor.legal_basis else "",
                "sensor_type": register.label("sensor_type", sensor.sensor_type)}  # fmt: skip

    def owner_signs(self, owner, sensors):
        """Each sign of an owner, for its sheet."""
        return [self.sign(sensor) for sensor in sensors]


def by_owner(register):
    """[(owner, slug, sensors)], by owner name; two owners that spell alike get different slugs."""
    ordered = sorted(register.sensors, key=lambda s: s.owner_organisation)
    slugs = owner_slugs({s.owner_organisation for s in ordered})
    grouped = groupby(ordered, key=lambda s: s.owner_organisation)
    return [(owner, slugs[owner], list(sensors)) for owner, sensors in grouped]


def outputs(records, settings):
    """A sign per sensor, a sheet per owner, and the overview of every owner's sheet."""
    save_as = records.settings.save_as
    owners = by_owner(records.register)
    a_sign, a_sheet = msg("a sensor's sign"), msg("the signs of an owner")  # once, not per sensor
    for owner, owner_slug, sensors in owners:
        for sensor in sensors:
            yield Output(records.settings.save_as_of("sign", id=sensor.sensor_id), a_sign, make=sign_page,
                         inputs=(sensor,))  # fmt: skip
        yield Output(save_as(f"{SIGNS_URL}{owner_slug}/"), a_sheet, make=sheet_page, inputs=(owner, tuple(sensors)))
    overview = [{"name": owner, "url": f"{SIGNS_URL}{owner_slug}/", "count": len(sensors)}
                for owner, owner_slug, sensors in owners]  # fmt: skip
    yield Output(save_as(SIGNS_URL), msg("the signs overview"),
                 make=lambda g: Page("signs_index", {"owners": overview, "active_section": "sensoren"}))  # fmt: skip


def sheet_page(signs, owner, sensors):
    """An owner's sheet: each of its sensors' signs (`signs`: a `SensorSigns`)."""
    return Page("signs_sheet", {"signs": signs.owner_signs(owner, sensors), "title": owner})


def sign_page(signs, sensor):
    """One sensor's sign (`signs`: a `SensorSigns`)."""
    return Page("sign", {"signs": [signs.sign(sensor)], "title": sensor.name})

