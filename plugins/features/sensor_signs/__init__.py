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
from editor_files.memo import build_cache, text_digest
from editor_files.messages import msg
from jinja2 import meta, nodes, pass_context
from markupsafe import Markup, escape
from site_outputs import Build, Output, Page, kept_output
from site_records import records_for

SIGNS_URL = "sensoren/borden/"
# A fixed mask skips segno's search over all eight (about 5 ms a code): still a valid code that
# phones read, and 10,000 signs cost seconds instead of a minute.
QR_MASK = 2


QR_KEPT = 50_000  # a preview session (`make serve`) draws each code once: 10,000 codes take seconds
# A preview session renders each sign of an owner's sheet once a language (10,000 signs: seconds a pass); a
# kept sign is its text around its QR code (kept once, in "qr"), so both languages' cost ~30 MB, not ~100.
CARDS_KEPT = 50_000
UNKEYED = ("sensor", "qr")  # in a kept sign's key by identity, or not kept
QR_MARK = "\x00qr\x00"  # where a kept sign's QR code goes (no template writes a NUL)


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

    def __init__(self, records, build_settings=None):
        self.settings, self.site_url = records.settings, records.settings.site_url
        self.build_settings = build_settings
        self.urls = {s.sensor_id: self.settings.url("sign", id=s.sensor_id) for s in records.register.sensors}

    def address_of(self, sensor):
        return f"{self.site_url}/{sensor.url}"

    @pass_context
    def cards(self, context, macro, template, **options):
        """`macro(sign, **options)` (a sign's card, of `template`) for each sign of an owner's sheet, kept
        in the build cache: a preview save renders only the signs of the sensors it changed.

        A card is kept by its sign (the sensor record by identity: the build cache hands out the same object
        while its row is unchanged, and the kept card holds it; and the sign's other values), `options`, the
        language and the site's first one (the filters'), the sources of `template` and of the templates it
        takes in, and every context value the macro reads (found in its source: a value added to it counts by
        being there; a macro of another template that it calls counts by that template's source only)."""
        if self.build_settings is None:  # no build cache (a test's own context): as the macro renders
            return lambda sign: macro(sign, **options)
        cache = build_cache(self.build_settings)
        environment = context.environment
        sources = template_sources(environment, template, cache.store("sign card templates", 8))
        own = dict(sources)[template]
        reads = cache.store("sign card reads", 4).get((own, macro.name),
                                                      lambda: macro_reads(environment, own, macro.name))  # fmt: skip
        shared = text_digest(sources, macro.name, sorted(options.items()), context.get("DEFAULT_LANG"),
                             context.get("LANGUAGES"), [(name, context.get(name)) for name in reads],
                             jinja_options(self.build_settings))  # fmt: skip
        kept = cache.store("sign cards", CARDS_KEPT)

        def card(sign):
            sensor = sign["sensor"]
            rest = (shared, *(value for name, value in sign.items() if name not in UNKEYED))
            text = kept.for_objects((sensor,), rest, lambda: render(sign))
            return Markup(str.join(sign["qr"], text))  # str.join: Markup.join would escape the text

        def render(sign):
            return str(macro({**sign, "qr": Markup(QR_MARK)}, **options)).split(QR_MARK)

        return card


def jinja_options(settings):
    """How the settings make Jinja render (trim_blocks, extensions...): a change in pelicanconf.py during a
    preview session renders every card again. The bytecode cache is the session's, no option."""
    options = settings.get("JINJA_ENVIRONMENT") or {}
    return sorted((name, repr(value)) for name, value in options.items() if name != "bytecode_cache")


def template_sources(environment, name, taken_in):
    """((name, source), ...) of a template and of every template it takes in (imports, includes), by name.
    `taken_in`: a memo of the names a source takes in."""
    found, names = {}, [name]
    while names:
        current = names.pop()
        if current in found:
            continue
        source = found[current] = environment.loader.get_source(environment, current)[0]
        names += taken_in.get(source, lambda s=source: [n for n in meta.find_referenced_templates(environment.parse(s))
                                                          if n is not None])  # fmt: skip
    return tuple(sorted(found.items()))


def macro_reads(environment, source, macro_name):
    """The context names a template's macro reads (the whole template's when it has no such macro)."""
    tree = environment.parse(source)
    macros = [m for m in tree.find_all(nodes.Macro) if m.name == macro_name] or tree.body
    return tuple(sorted(meta.find_undeclared_variables(nodes.Template(list(macros)).set_environment(environment))))


def context(records, settings):
    return {"sensor_signs": Signs(records, settings)}


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
    pattern = records.settings.pages["sign"]
    for owner, owner_slug, sensors in owners:
        for sensor in sensors:
            yield kept_output(settings, __name__, (sensor,), (pattern, a_sign), sign_output, sensor, pattern, a_sign)
        yield Output(save_as(f"{SIGNS_URL}{owner_slug}/"), a_sheet, make=sheet_page, inputs=(owner, tuple(sensors)),
                     overview=True)  # fmt: skip
    overview = [{"name": owner, "url": f"{SIGNS_URL}{owner_slug}/", "count": len(sensors)}
                for owner, owner_slug, sensors in owners]  # fmt: skip
    yield Output(save_as(SIGNS_URL), msg("the signs overview"), overview=True,
                 make=lambda g: Page("signs_index", {"owners": overview, "active_section": "sensoren"}))  # fmt: skip


def sign_output(sensor, pattern, owner):
    return Output(pattern.save_as_of(id=sensor.sensor_id), owner, make=sign_page, inputs=(sensor,))


def sheet_page(signs, owner, sensors):
    """An owner's sheet: each of its sensors' signs (`signs`: a `SensorSigns`)."""
    return Page("signs_sheet", {"signs": signs.owner_signs(owner, sensors), "title": owner})


def sign_page(signs, sensor):
    """One sensor's sign (`signs`: a `SensorSigns`)."""
    return Page("sign", {"signs": [signs.sign(sensor)], "title": sensor.name})

