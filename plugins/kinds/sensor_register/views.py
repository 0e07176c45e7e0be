# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""What the sensor page shows, worked out before the template runs: the template reads attributes only."""

import datetime
from dataclasses import dataclass

from editor_files.memo import store, text_digest
from site_language import format_date

from .schema import PAGE_GROUPS, PERSONAL_DATA_FIELDS, SENSOR


@dataclass(frozen=True)
class FieldRow:
    """One fact on a sensor page: its label key, and its text (and link) or why it is empty."""

    name: str
    text: str | None  # None: not filled in
    href: str | None = None
    not_applicable: bool = False
    written: bool = False  # text as the editor wrote it (the site's first language), not a label or date


@dataclass(frozen=True)
class FieldGroups:
    """A sensor page's facts: [(group key, (FieldRow, ...))], in page order; iterated by the template.

    Made once per sensor while the sensor, its code lists and the texts stay the same (`SensorPages.groups`)
    and never changed: `make serve` digests it once while it lives (`digested_once`, live_preview.reuse).
    """

    groups: tuple
    digested_once = True  # a class attribute, not a field

    def __iter__(self):
        return iter(self.groups)


GROUPS_KEPT = 50_000  # sensors' facts kept by the preview (more than one register's worth)


@dataclass(frozen=True)
class SensorPage:
    sensor: object
    badges: list  # [(text, kind)]: text carries the meaning, kind only the colour
    groups: FieldGroups
    geometry: dict | None
    dossiers: list
    stories: list  # site_records.StoryLink: the stories that draw on this sensor
    measurements: list  # [{"dataset", "charts", "csv_url", "json_url"}]: its datasets with their charts


@dataclass(frozen=True)
class RegisterRow:
    """One row of the register list (/sensoren/ and its further pages)."""

    sensor: object
    type_label: str
    theme_labels: tuple
    badges: list  # [(text, kind)], as on the sensor page


class SensorPages:
    """Builds the view of each sensor page from the register, the records' links and the interface texts."""

    def __init__(self, records, ui, charts):
        self.records, self.register, self.ui, self.charts = records, records.register, ui, charts
        self.today = records.settings.today
        # What a sensor's facts depend on besides the sensor and its code lists (see `groups`).
        self.texts_key = text_digest(ui["yes"], ui["no"], ui["sensor"], records.settings.language,
                                     self.register.language)  # fmt: skip

    def page(self, sensor, measurements=None, dossiers=None, stories=None):
        """`measurements`: the sensor's charts when already drawn (`charts_for_sensor`); `dossiers`, `stories`:
        those linked to it, when given."""
        if measurements is None:
            measurements = self.charts.charts_for_sensor(sensor.sensor_id)
        if dossiers is None:
            dossiers = self.records.dossiers_of(sensor)
        if stories is None:
            stories = self.records.stories_of("sensor", sensor.sensor_id)
        return SensorPage(sensor, self.badges(sensor), self.groups(sensor), self.register.geometry(sensor),
                          dossiers, stories, measurements)  # fmt: skip

    def register_row(self, sensor):
        label = self.register.label
        return RegisterRow(sensor, label("sensor_type", sensor.sensor_type),
                           tuple(label("themes", code) for code in sensor.themes), self.badges(sensor))  # fmt: skip

    def badges(self, sensor):
        return [(text, kind) for _key, text, kind in self.badge_items(sensor)]

    def badge_items(self, sensor):
        """[(key, text, kind)]: the key names a badge in every language (the register's index, sensoren.html)."""
        ui = self.ui["sensor"]
        badges = [(f"status:{sensor.status}", self.register.label("status", sensor.status),
                   ui["status_kinds"][sensor.status])]  # fmt: skip
        if sensor.registration_expired(self.today):
            badges.append(("expired", ui["badge_expired"], ui["status_kinds"]["expired"]))
        if sensor.needs_verification(self.today, self.records.settings.verify_after_months):
            badges.append(("to_verify", ui["badge_verify"], ui["status_kinds"]["to_verify"]))
        return badges

    def groups(self, sensor):
        """The sensor's facts, kept in the build cache while the sensor (its row), its code lists and the
        interface texts stay the same: a preview rebuild makes them again only for a changed row."""
        vocabularies = self.register.vocabularies
        kept = store("sensor facts", GROUPS_KEPT)
        return kept.for_objects((sensor, vocabularies), (self.texts_key,), lambda: self.make_groups(sensor))

    def make_groups(self, sensor):
        groups = []
        for group, fields in PAGE_GROUPS.items():
            rows = [self.row(sensor, name) for name in fields]
            shown = tuple(r for r in rows if r.text is not None or SENSOR[r.name].shown != "when_filled")
            if shown:  # a heading with nothing under it says nothing
                groups.append((group, shown))
        return FieldGroups(tuple(groups))

    def row(self, sensor, field):
        value = getattr(sensor, field)
        if value in (None, "", ()):
            return FieldRow(field, None, not_applicable=not_applicable(sensor, field))
        text, href = self.text(field, value)
        spec = SENSOR[field]
        written = spec.kind == "text" and not spec.vocabulary and field != "contact_email"
        return FieldRow(field, text, href, written=written)

    def text(self, field, value):
        """(text, link or None) of a filled-in field."""
        ui = self.ui
        spec = SENSOR[field]
        list_name = spec.vocabulary if spec.kind in ("code", "codes") else ""
        if isinstance(value, bool):
            return (ui["yes"] if value else ui["no"]), None
        if list_name and isinstance(value, tuple):
            return ", ".join(self.register.label(list_name, code) for code in value), None
        if list_name:
            return self.register.label(list_name, value), None
        if isinstance(value, datetime.date):
            return format_date(value, self.records.settings.language), None
        if isinstance(value, tuple):
            return ", ".join(value), None
        if field == "retention_days":
            return ui["sensor"]["day" if value == 1 else "days"].replace("{n}", str(value)), None
        if field == "contact_email":
            return value, f"mailto:{value}"
        if field.endswith("_url"):
            return ui["sensor"]["link_texts"].get(field, value), value
        return str(value), None


def not_applicable(sensor, field):
    """An empty field that does not apply to this sensor (e.g. retention when no personal data)."""
    if field == "area":
        return sensor.location_type == "fixed"
    return not sensor.processes_personal_data and field in PERSONAL_DATA_FIELDS
