"""Sensor signs: a printable sign for every sensor, with a QR code to its page.

Writes `/sensoren/<id>/bord/` (one A4 sign: name, what it measures and why, owner, personal
data, contact, and a QR code leading to the sensor's page at SITEURL) and `/sensoren/borden/`:
an index with, per owner organisation, a page that prints all its signs, one per sheet.
The QR code is SVG made at build time by segno: no JavaScript, no image library.
For templates it puts `sensor_signs` (a `Signs`: `urls`, by sensor id) in the context.
"""

import functools
import re
import unicodedata
from itertools import groupby

import segno
from markupsafe import Markup, escape
from pelican import signals
from pelican.generators import Generator
from site_records import records_for

SIGNS_URL = "sensoren/borden/"
# A fixed mask skips segno's search over all eight (about 5 ms a code): still a valid code that
# phones read, and 10,000 signs cost seconds instead of a minute.
QR_MASK = 2


# A long-lived process (`make serve`) draws each code once: 10,000 codes take seconds.
@functools.lru_cache(maxsize=50_000)
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


class SensorSignsGenerator(Generator):
    def generate_context(self):
        self.records = records_for(self.settings)
        self.signs = Signs(self.records)
        self.context["sensor_signs"] = self.signs

    def sign(self, sensor):
        """What one sign shows."""
        register = self.records.register
        address = self.signs.address_of(sensor)
        label = self.settings["UI"]["signs"]["qr_label"].replace("{name}", sensor.name)
        return {"sensor": sensor, "address": address, "qr": qr_svg(address, label),
                "legal_basis": register.label("legal_basis", sensor.legal_basis) if sensor.legal_basis else "",
                "sensor_type": register.label("sensor_type", sensor.sensor_type)}  # fmt: skip

    def generate_output(self, writer):
        sign_template, sheet_template = self.get_template("sign"), self.get_template("signs_sheet")
        save_as = self.records.settings.save_as
        by_owner = sorted(self.records.register.sensors, key=lambda s: s.owner_organisation)
        slugs = owner_slugs({s.owner_organisation for s in by_owner})
        reuse = self.settings.get("PREVIEW_REUSE")  # make serve: pages whose inputs did not change are kept
        owners = []
        for owner, sensors in groupby(by_owner, key=lambda s: s.owner_organisation):
            signs = [self.sign(sensor) for sensor in sensors]
            for sign in signs:
                path = self.records.settings.save_as_of("sign", id=sign["sensor"].sensor_id)
                if reuse is None or not reuse.kept(path, sign):  # the sign's address holds the sensor's URL
                    writer.write_file(path, sign_template, self.context, signs=[sign], title=sign["sensor"].name)
            url = f"{SIGNS_URL}{slugs[owner]}/"
            if reuse is None or not reuse.kept(save_as(url), (signs, owner)):
                writer.write_file(save_as(url), sheet_template, self.context, signs=signs, title=owner)
            owners.append({"name": owner, "url": url, "count": len(signs)})
        writer.write_file(save_as(SIGNS_URL), self.get_template("signs_index"), self.context, owners=owners,
                          active_section="sensoren")  # fmt: skip


def get_generators(pelican):
    return SensorSignsGenerator


def register():
    signals.get_generators.connect(get_generators)
