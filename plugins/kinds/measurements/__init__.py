# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Measurements: datasets of sensor readings (data/metingen/), their charts and open data files.

The datasets (data/metingen/datasets.yml and the CSV files it describes) are read and validated
once per build by `site_records` (`records_for(settings).measurements`), sensor ids checked
against the register. Writes /open-data/<dataset>.csv and .json and lists them in the catalogue.

`Charts(build, catalogue).chart(dataset_id, columns=None, title=None, row_filter=None, kind=None)`
draws one chart (figure with inline SVG, the numbers as a table, source, licence and download
links) as Markup, with that build's templates (`site_outputs.Build`); the stories and sensor register each
have their own `Charts`.
- `Charts.charts_for_sensor(sensor_id)`: a list of {"dataset", "charts": [Markup], "csv_url", "json_url"},
  one entry per dataset that names the sensor, one chart per unit. Empty when there is none.
"""

import json
import math

from editor_files.messages import msg
from markupsafe import Markup
from site_language import format_date, format_number, language_tag
from site_outputs import Output
from site_outputs.csv_files import csv_text

from . import figures
from .charts import chart_svg, series_colours
from .datasets import Catalogue, format_axis, load_datasets, raw_value

__all__ = ["load_datasets", "Catalogue", "Charts"]

FOLDER = "metingen"


def open_data_urls(dataset_id):
    return f"open-data/{dataset_id}.csv", f"open-data/{dataset_id}.json"


class Charts:
    """Draws the charts and key figures of a build's datasets with a generator's templates.

    Each page-writing generator has its own (the chart ids count per drawer, so give each a prefix).
    """

    def __init__(self, generator, catalogue, id_prefix="grafiek"):
        self.generator = generator
        self.settings, self.context = generator.settings, generator.context
        self.catalogue = catalogue
        self.ui = self.settings["UI"]["measurements"]
        self.id_prefix = id_prefix
        self.chart_count = 0

    def get_template(self, name):
        return self.generator.get_template(name)

    def period_text(self, dataset):
        return period_text(dataset, self.settings)

    def chart(self, dataset_id, columns=None, title=None, row_filter=None, kind=None):
        """A chart of a dataset's number columns (all when `columns` is None) as a figure with its table."""
        dataset = self.catalogue.datasets[dataset_id]
        chosen = [dataset.columns[name] for name in columns] if columns else dataset.numeric_columns
        frame = figures.select_rows(dataset, row_filter)
        kind = kind or dataset.chart
        title = title or dataset.title
        self.chart_count += 1
        chart_id = f"{self.id_prefix}-{self.chart_count}"
        lang = self.settings["DEFAULT_LANG"]
        original = (self.settings.get("LANGUAGES") or [lang])[0]
        # The title is an editor's (the dataset's, or a story's `titel`), in the site's first language.
        title_lang = language_tag(original) if lang != original else None
        description = self.describe(dataset, chosen, frame, kind, row_filter)
        frame, sampled = figures.shown_rows(frame)  # the description above counted every row
        svg = chart_svg(chart_id, dataset, chosen, frame, kind=kind, title=title, description=description,
                        colours=series_colours(self.settings.get("THEME_COLOURS", {})),
                        lang=lang, title_lang=title_lang)  # fmt: skip
        rows = [(format_axis(row[dataset.axis], dataset.axis_column, lang),
                 [format_number(row[c.name], lang, c.decimals) for c in chosen]) for row in records(frame)]  # fmt: skip
        notes = [self.ui["filtered"].format(column=row_filter[0], value=row_filter[1])] if row_filter else []
        if sampled:
            total = len(figures.select_rows(dataset, row_filter))
            notes.append(self.ui["sampled"].format(shown=len(rows), total=total))
        csv_url, json_url = open_data_urls(dataset.id)
        return Markup(self.get_template("chart").render(
            self.context, chart_id=chart_id, title=title, title_lang=title_lang, svg=Markup(svg), dataset=dataset,
            columns=chosen, rows=rows, csv_url=csv_url, json_url=json_url, period=self.period_text(dataset),
            filter_note=" ".join(notes),
        ))  # fmt: skip

    def describe(self, dataset, columns, frame, kind, row_filter):
        """The chart's text alternative in one or two sentences: what is shown, and its range."""
        lang = self.settings["DEFAULT_LANG"]
        axis_values = list(frame[dataset.axis])
        parts = [self.ui["description"].format(
            kind=self.ui["kinds"][kind], columns=", ".join(c.label for c in columns),
            axis=dataset.axis_column.label.lower(),
            first=format_axis(axis_values[0], dataset.axis_column, lang) if axis_values else "",
            last=format_axis(axis_values[-1], dataset.axis_column, lang) if axis_values else "",
        )]  # fmt: skip
        for column in columns:
            values = frame[column.name].astype(float)
            if values.notna().any():
                unit = f" {column.unit}" if column.unit else ""
                parts.append(self.ui["range"].format(
                    column=column.label, min=format_number(values.min(), lang, column.decimals),
                    max=format_number(values.max(), lang, column.decimals), unit=unit))  # fmt: skip
        return " ".join(parts)

    def charts_for_sensor(self, sensor_id):
        """Every dataset that names this sensor, with one chart per unit of its number columns."""
        found = []
        for dataset in self.catalogue.for_sensor(sensor_id):
            by_unit = {}
            for column in dataset.numeric_columns:
                by_unit.setdefault(column.unit, []).append(column.name)
            charts = [self.chart(dataset.id, names, title=_title_for(dataset, names, len(by_unit)))
                      for names in by_unit.values()]  # fmt: skip
            csv_url, json_url = open_data_urls(dataset.id)
            found.append({"dataset": dataset, "charts": charts, "csv_url": csv_url, "json_url": json_url})
        return found

    def key_figure_text(self, dataset_id, column, operation, row_filter=None):
        """(number as text in the site's language, unit); '' when nothing was measured."""
        dataset = self.catalogue.datasets[dataset_id]
        value = figures.key_figure(dataset, column, operation, row_filter)
        spec = dataset.columns[column]
        decimals = 0 if operation == "som" and spec.type == "whole_number" else spec.decimals
        return ("" if math.isnan(value) else format_number(value, self.settings["DEFAULT_LANG"], decimals)), spec.unit


def period_text(dataset, settings):
    """A dataset's period as text (worded by the strings file, dates in the site's language)."""
    lang = settings["DEFAULT_LANG"]
    return settings["UI"]["measurements"]["period_text"].format(start=format_date(dataset.period_start, lang),
                                                                end=format_date(dataset.period_end, lang))  # fmt: skip


def open_data_files(records, settings):
    """Each dataset's CSV and JSON file, described for /open-data/ and the catalogue (collected by open_data)."""
    ui = settings["UI"]["measurements"]
    files = []
    for dataset in records.measurements.datasets.values():
        description = ui["open_data_description"].format(
            description=dataset.description, period=period_text(dataset, settings), source=dataset.source,
            licence=dataset.licence_label) + (ui["open_data_example"] if dataset.example else "")  # fmt: skip
        csv_url, json_url = open_data_urls(dataset.id)
        common = {"description": description, "licence": dataset.licence_url, "source": dataset.source,
                  "dataset": dataset.id}  # fmt: skip
        # For /open-data/: the interface's sentence and the editor's texts apart (`shown`), so a page in
        # another language marks the title, description and source as the editor's language.
        shown_description = {"text": ui["open_data_description"] + (ui["open_data_example"] if dataset.example
                                                                     else ""), "parts": [
            {"name": "description", "record": dataset, "field": "description"},
            {"name": "period", "text": period_text(dataset, settings)},
            {"name": "source", "record": dataset, "field": "source"},
            {"name": "licence", "text": dataset.licence_label}]}  # fmt: skip
        for url, format_, key in ((csv_url, "CSV", "open_data_csv"), (json_url, "JSON", "open_data_json")):
            shown_title = {"text": ui[key], "parts": [{"name": "title", "record": dataset, "field": "title"}]}
            files.append({"url": url, "title": ui[key].format(title=dataset.title), "format": format_,
                          "media_type": "text/csv" if format_ == "CSV" else "application/json", **common,
                          "shown": {"title": shown_title, "description": shown_description}})  # fmt: skip
    return files


def dataset_rows(dataset):
    """(column names, rows of raw text values) of a dataset, as its open data has them."""
    names = list(dataset.columns)
    return names, [[raw_value(row[name], dataset.columns[name]) for name in names] for row in records(dataset.frame)]


def dataset_csv(dataset):
    return csv_text(*dataset_rows(dataset))


def dataset_json_text(dataset):
    return json.dumps(dataset_json(dataset, *dataset_rows(dataset)), ensure_ascii=False, indent=1, allow_nan=False)


def records(frame):
    """Rows as dicts with each column's own Python values (iterrows would turn whole hours into floats)."""
    return frame.to_dict("records")


def dataset_json(dataset, names, rows):
    columns = [{"name": c.name, "label": c.label, "type": c.type, "unit": c.unit} for c in dataset.columns.values()]
    return {
        "id": dataset.id, "title": dataset.title, "description": dataset.description,
        "period": {"start": dataset.period_start.isoformat(), "end": dataset.period_end.isoformat()},
        "source": dataset.source, "license": dataset.licence_url, "sensors": list(dataset.sensors),
        "example_data": dataset.example, "axis": dataset.axis, "columns": columns,
        "rows": [{name: _json_value(value, dataset.columns[name]) for name, value in zip(names, row, strict=True)}
                 for row in rows],
    }  # fmt: skip


def _json_value(text, column):
    if column.numeric:
        return None if text == "" else (int(text) if column.type == "whole_number" else float(text))
    return text


def _title_for(dataset, names, unit_count):
    if unit_count == 1:
        return dataset.title
    return f"{dataset.title}: " + ", ".join(dataset.columns[n].label for n in names)


def outputs(records, settings):
    """Every dataset's open data, as CSV and JSON."""
    for dataset in records.measurements.datasets.values():
        csv_url, json_url = open_data_urls(dataset.id)
        owner, source = msg("open data of dataset {id}", id=dataset.id), dataset.declared_at
        yield Output(csv_url, owner, source=source, make=lambda g, d=dataset: dataset_csv(d))
        yield Output(json_url, owner, source=source, make=lambda g, d=dataset: dataset_json_text(d))

