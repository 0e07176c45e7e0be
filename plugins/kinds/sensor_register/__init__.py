# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Sensor register: every sensor in public space, from editors' CSV files to the site.

The register is read and validated with everything else by `site_records` (the build stops
listing every problem before anything is written). This plugin writes the register at
/sensoren/, a page per sensor at SENSOR_URL (/sensoren/<sensor_id>/) and the open data exports.
Other plugins get the register from `site_records.records_for(settings)`.
"""

import functools
from collections import Counter
from types import SimpleNamespace

from editor_files.memo import build_cache, store, text_digest
from editor_files.messages import msg
from measurements import Charts
from site_outputs import Build, Derived, Output, Page, kept_output
from site_records import records_for

from . import exports, listing
from .records import Sensor
from .register import SensorRegister, load_register
from .schema import SENSOR
from .views import SensorPages

__all__ = ["SensorRegister", "Sensor", "load_register"]

# What the register's text search looks in, besides the labels of a row's codes.
SEARCH_FIELDS = ("name", "sensor_id", "owner_organisation", "location_description", "purpose")

# The register's filters, in the order the page shows them: (column, short key in the index);
# each filters by its column's code list.
FACET_KEYS = (("sensor_type", "type"), ("themes", "themes"), ("owner_type", "owner"),
              ("processes_personal_data", "personal"), ("status", "status"), ("location_type", "location"))  # fmt: skip
FACETS = tuple((name, SENSOR[name].vocabulary, key) for name, key in FACET_KEYS)


EXPORTS = (("csv", "CSV", "text/csv"), ("json", "JSON", "application/json"),
           ("geojson", "GeoJSON", "application/geo+json"))  # fmt: skip


def outputs(records, settings):
    """Every file this plugin writes: the register's list pages and index, a page per sensor, the exports."""
    itself = msg("a page of the site itself (the sensor register)")
    pattern = records.settings.register_page_url
    figures = RegisterFigures(records.register.sensors)  # what every list page shows of the whole register
    for number, first, sensors in listing.split_pages(records.register.sensors, records.settings.register_page_size):
        yield Output(records.settings.save_as(listing.page_url(number, pattern)), itself,
                     make=SensorRegisterFiles.register_page,
                     inputs=(number, first, tuple(sensors), figures))  # fmt: skip
    yield Output(listing.INDEX_URL, itself, make=lambda g: g.register_index(), overview=True)
    for suffix, _kind, _media_type in EXPORTS:
        yield Output(f"open-data/sensoren.{suffix}", msg("open data of the sensor register"),
                     make=lambda g, name=f"sensoren.{suffix}": g.exports()[name], overview=True)  # fmt: skip
    first_charts = first_chart_numbers(records)
    for sensor in records.register.sensors:
        sensor_id = sensor.sensor_id
        dossiers, stories = tuple(records.dossiers_of(sensor)), tuple(records.stories_of("sensor", sensor_id))
        chart = first_charts.get(sensor_id)
        yield kept_output(settings, __name__, (sensor, *dossiers, *stories), (len(dossiers), chart), sensor_output,
                          sensor, dossiers, stories, chart)  # fmt: skip


def sensor_output(sensor, dossiers, stories, chart):
    """A sensor's page (`outputs`): made of the sensor, its dossiers, the stories about it and its first chart."""
    return Output(sensor.save_as, f"sensor {sensor.sensor_id}", source=f"{sensor.source_path}:{sensor.source_line}",
                  make=SensorRegisterFiles.sensor_page, inputs=(sensor, dossiers, stories, chart))  # fmt: skip


def first_chart_numbers(records):
    """{sensor id: how many charts the sensor pages before it draw} for the sensors with charts.

    Chart ids count up in page order (measurements.Charts); a page made on its own (make serve makes
    only those whose inputs changed) gets the ids a whole build gives it."""
    catalogue = getattr(records, "measurements", None)
    by_sensor = {}
    for dataset in catalogue.datasets.values() if catalogue is not None else ():
        units = len({column.unit for column in dataset.numeric_columns})  # one chart per unit (charts_for_sensor)
        for sensor_id in dataset.sensors:
            by_sensor[sensor_id] = by_sensor.get(sensor_id, 0) + units
    found, count = {}, 0
    for sensor in records.register.sensors if by_sensor else ():
        if sensor.sensor_id in by_sensor:
            found[sensor.sensor_id] = count
            count += by_sensor[sensor.sensor_id]
    return found


def open_data_files(records, settings):
    """The register's exports, described for /open-data/ and the catalogue (collected by open_data)."""
    texts = settings["UI"]["register"]["open_data"]
    return [{"url": f"open-data/sensoren.{suffix}", "title": texts["title"].format(format=kind), "format": kind,
             "media_type": media_type, "description": texts["description"] + texts["per_format"][kind]}
            for suffix, kind, media_type in EXPORTS]  # fmt: skip


class RegisterFigures:
    """What each list page of the register shows of the whole register besides its own rows: the number of
    sensors, and of sensors with each code of each filter (the filters' counts and the summary come from
    these and the code lists). Counted only when make serve compares a page's inputs (`__reduce__`), once:
    a changed name on one page leaves the other pages as they are."""

    def __init__(self, sensors):
        self.sensors, self.counted = sensors, None

    def counts(self):
        if self.counted is None:
            counts = code_counts(self.sensors)
            self.counted = (len(self.sensors), tuple((f, tuple(sorted(counts[f].items(), key=repr))) for f in counts))
        return self.counted

    def __reduce__(self):
        return RegisterFigures, (self.counts(),)


COUNTS_KEPT = 2


def code_counts(sensors):
    """{field: Counter of its codes} of every filter's field over `sensors`, in FACETS order; counted once while the
    list is the same object (the build cache keeps an unchanged register, and every language's pass shares its
    list): the list pages' filters and summary and their figures for make serve read the same Counters, which
    nobody changes."""
    return store("register code counts", COUNTS_KEPT).for_objects((sensors,), (), lambda: count(sensors))


def count(sensors):
    return {field: Counter(c for s in sensors for c in facet_value(s, field)) for field, _list, _key in FACETS}


def facet_value(sensor, field):
    value = getattr(sensor, field)
    if isinstance(value, bool):
        return ("yes",) if value else ("no",)
    return value if isinstance(value, tuple) else (value,)


def state(build):
    return SensorRegisterFiles(build)


class SensorRegisterFiles(Build):
    """What the register's files are made from (its `make`s receive it): the validated register."""

    def __init__(self, build):
        super().__init__(*build.parts())
        self.records = records_for(self.settings)
        self.register = self.records.register
        self.today = self.records.settings.today

    # --- what templates read ---

    def count_codes(self, field):
        """{code: number of sensors with it} for one (multi-valued) field."""
        return code_counts(self.register.sensors)[field]

    def facets(self):
        facets = []
        for field, list_name, key in FACETS:
            counts = self.count_codes(field)
            options = [(code, self.register.label(list_name, code), counts[code])
                       for code in self.register.vocabularies[list_name].terms if code in counts]  # fmt: skip
            facets.append({"field": field, "key": key, "options": options})
        return facets

    def summary(self):
        def ranked(field):
            counts = self.count_codes(field)
            labelled = ((self.register.label(field, code), count) for code, count in counts.items())
            return sorted(labelled, key=lambda item: (-item[1], item[0]))

        sensors = self.register.sensors
        return {
            "total": len(sensors),
            "personal": sum(s.processes_personal_data for s in sensors),
            "active": sum(s.status == "active" for s in sensors),
            "by_owner_type": ranked("owner_type"),
            "by_theme": ranked("themes"),
        }

    def register_index(self):
        """The compact JSON the register page fetches to filter every sensor in the browser.

        Made only when `make serve` cannot take the last one over (site_outputs.Derived): it shows the register
        (its sensors, their codes' labels) and their badges, which the site's settings (the date, the checks'
        periods) and the interface texts decide; the names in further languages are the sensors'."""
        further = tuple(self.settings.get("LANGUAGES", [])[1:])
        return Derived(self.compact_index, self.register, self.records.settings, self.settings["UI"]["sensor"], further)

    def compact_index(self, register, site, texts, further):
        """Each sensor's part of the index is kept in the build cache while the sensor (and its code lists) stay
        the same objects and the rest of what a part shows (its badges: the date, the checks' periods, the
        texts; the labels' language) is the same: a saved register file makes again only its changed rows."""
        badges = lambda sensor: [(text, kind, key) for key, text, kind in self.pages.badge_items(sensor)]  # noqa: E731
        kept = build_cache(self.settings).store("register index rows", listing.ROWS_KEPT)
        vocabularies = register.vocabularies
        shows = text_digest(site, texts, register.language, further)

        def row_part(sensor, make):
            return kept.for_objects((sensor, vocabularies), (shows,), make)

        return listing.compact_index(register.sensors, FACETS, facet_value, register.label, badges, SEARCH_FIELDS,
                                     site.urls["sensor"], list(further), row_part=row_part)  # fmt: skip

    # --- output ---

    @functools.cached_property
    def pages(self):
        """The views of sensor pages and register rows (made when the first page is written)."""
        return SensorPages(self.records, self.settings["UI"], Charts(self, self.records.measurements))

    @functools.cached_property
    def list_texts(self):
        return self.facets(), self.summary()

    def sensor_page(self, sensor, dossiers, stories, first_chart):
        """A sensor's page from its inputs (see `outputs`): the sensor, its dossiers and stories, and the number
        of charts drawn before its own (None: it has none)."""
        measurements = []
        if first_chart is not None:
            charts = self.pages.charts
            charts.chart_count = first_chart  # its charts' ids, as in page order
            measurements = charts.charts_for_sensor(sensor.sensor_id)
        view = self.pages.page(sensor, measurements, list(dossiers), list(stories))
        return Page("sensor", {"view": view, "sensor": sensor, "active_section": "sensoren",
                               **self.context_parts(sensor)})  # fmt: skip

    def context_parts(self, sensor):
        """What sensor.html reads of other plugins' context values, narrowed to this sensor (same names).

        A page receives only its own part, so `make serve` re-renders it only when that part changes
        (see site_outputs.Page): not after every change to the history or to another sensor's sign.
        """
        parts = {}
        history = self.context.get("sensor_history")
        if history is not None:
            parts["sensor_history"] = history.part(sensor_ids=[sensor.sensor_id])
        signs = self.context.get("sensor_signs")
        if signs is not None:
            parts["sensor_signs"] = SimpleNamespace(urls={sensor.sensor_id: signs.urls[sensor.sensor_id]})
        return parts

    def register_page(self, number, first, sensors, figures):
        """/sensoren/ or one of its further pages (REGISTER_PAGE_SIZE rows each): its `sensors`, and the filters
        and summary of the whole register (`figures`, a RegisterFigures of the build's register).

        Each row is a view (`views.RegisterRow`): the template reads attributes only."""
        facets, summary = self.list_texts
        pattern = self.records.settings.register_page_url
        count = len(listing.split_pages(figures.sensors, self.records.settings.register_page_size))
        return Page("sensoren", {
            "facets": facets, "summary": summary, "rows": [self.pages.register_row(s) for s in sensors],
            "first_row": first + 1, "pagination": listing.pagination(number, count, pattern),
            "index_url": listing.INDEX_URL, "active_section": "sensoren"})  # fmt: skip

    @functools.cache  # noqa: B019 - one state a build
    def exports(self):
        title = self.settings["UI"]["register"]["open_data"]["dataset_title"].format(
            municipality=self.settings.get("MUNICIPALITY_SHORT", "")).strip()
        metadata = {**self.records.settings.export_metadata(title), "labels": self.register.vocabularies.labels()}
        kept = build_cache(self.settings).store("export parts", exports.PARTS_KEPT)
        return exports.exports(self.register, metadata, kept, text_digest(self.register.areas))
