# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Static SVG charts, drawn at build time with matplotlib: no JavaScript, text stays text.

Every build gives byte-identical SVG: a fixed hash salt, no date in the metadata, ids that
depend only on the chart. The SVG is made fit to sit inline in a page: no XML prologue, no
metadata, no global style, ids prefixed with the chart's own id (several charts share a page),
a <title> and <desc> named by aria-labelledby. Each data series is a group `data-reeks="<column>"`.
"""

import dataclasses
import hashlib
import io
import json
import math
import re
from functools import partial
from html import escape

import matplotlib
from editor_files.memo import store
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from site_language import format_day_short, format_month_short, format_number

from .datasets import format_axis

RC = {
    "svg.hashsalt": "open-hilversum",
    "svg.fonttype": "none",  # text stays <text>: readable, searchable, scales with the page
    "text.parse_math": False,  # a '$' in a label is just a dollar sign
    "text.usetex": False,
    "font.family": "DejaVu Sans",
    "font.size": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#4d4d4d",
    "axes.labelcolor": "#1a1a1a",
    "xtick.color": "#4d4d4d",
    "ytick.color": "#4d4d4d",
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#d0d3d4",
    "grid.linewidth": 0.8,
    "legend.frameon": False,
}
# Series differ by colour, marker, line style and bar hatch: colour is never the only cue (WCAG 1.4.1).
MARKERS = ("o", "s", "^", "D")
LINE_STYLES = ("-", "--", ":", "-.")
HATCHES = ("", "//", "..", "xx")
SERIES_GID = "oh-reeks-"
MAX_TICKS = 8


def series_colours(theme_colours):
    """The series' colours: the design tokens' (THEME_COLOURS, set by site_assets in a build), then grey."""
    colours = [theme_colours.get(key) for key in ("primary", "accent", "primary_dark")]
    return [c for c in colours if c] + ["#4d4d4d"]


def chart_svg(chart_id, dataset, columns, frame, *, kind, title, description, colours, lang, title_lang=None):
    """Inline SVG (text) of one chart; `frame` holds the rows to draw, sorted on the axis.

    `lang`: the language of the ticks' dates and numbers (DEFAULT_LANG). `title_lang`: the language tag of
    the title when it is not the page's (an editor's title on a page in another language).
    """
    key = _drawing_key(dataset, columns, frame, kind, colours, lang)
    svg = store("drawings", DRAWINGS_KEPT).get(key, partial(_draw, dataset, columns, frame, kind, colours, lang))
    return inline_svg(svg, chart_id, title, description, title_lang)


# matplotlib takes ~0.1 s a chart: a long-lived process (`make serve`) keeps the drawings, keyed by
# everything a drawing depends on. The chart's id, title and text come after, in `inline_svg`.
DRAWINGS_KEPT = 1024  # drawing key -> SVG document from matplotlib


def _drawing_key(dataset, columns, frame, kind, colours, lang):
    """A digest of the drawing's inputs: the rows drawn, their columns, the chart's kind and style."""
    names = list(dict.fromkeys([dataset.axis] + [c.name for c in columns]))
    rows = frame[names].to_json(orient="values", date_format="iso", double_precision=15)
    inputs = [kind, list(colours), lang, dataclasses.asdict(dataset.axis_column),
              [dataclasses.asdict(c) for c in columns], rows]  # fmt: skip
    return hashlib.sha256(json.dumps(inputs, default=str).encode()).hexdigest()


def _draw(dataset, columns, frame, kind, colours, lang):
    """matplotlib's SVG document of one chart."""
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(6.4, 3.4), dpi=72, layout="constrained")
        axes = figure.add_subplot()
        positions = _positions(dataset, frame)
        draw = _draw_lines if kind == "line" else _draw_bars
        draw(axes, positions, columns, frame, colours)
        _label_axes(axes, dataset, columns, frame, positions, lang)
        if len(columns) > 1:
            axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=len(columns))
        buffer = io.StringIO()
        FigureCanvasSVG(figure).print_svg(buffer, metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _positions(dataset, frame):
    """x positions: days since the first date for a date axis (gaps stay visible), else 0, 1, 2..."""
    values = list(frame[dataset.axis])
    if dataset.axis_column.type == "date" and values:
        return [(day - values[0]).days for day in values]
    return list(range(len(values)))


def _draw_lines(axes, positions, columns, frame, colours):
    for index, column in enumerate(columns):
        xs, ys = _break_at_gaps(positions, list(frame[column.name]))
        (line,) = axes.plot(xs, ys, label=column.label,
                            color=colours[index % len(colours)], marker=MARKERS[index % len(MARKERS)],
                            markersize=4, linestyle=LINE_STYLES[index % len(LINE_STYLES)], linewidth=1.8)  # fmt: skip
        line.set_gid(SERIES_GID + column.name)
    axes.set_ylim(bottom=0)


def _break_at_gaps(positions, values):
    """A missing point between rows more than a step apart: a line never bridges days without data."""
    xs, ys = [], []
    for index, (x, y) in enumerate(zip(positions, values, strict=True)):
        if index and x - positions[index - 1] > 1:
            xs.append((x + positions[index - 1]) / 2)
            ys.append(math.nan)
        xs.append(x)
        ys.append(y)
    return xs, ys


def _draw_bars(axes, positions, columns, frame, colours):
    width = 0.8 / len(columns)
    for index, column in enumerate(columns):
        offset = (index - (len(columns) - 1) / 2) * width
        values = [0 if math.isnan(v) else v for v in frame[column.name]]
        bars = axes.bar([p + offset for p in positions], values, width=width, label=column.label,
                        color=colours[index % len(colours)], hatch=HATCHES[index % len(HATCHES)],
                        edgecolor="#ffffff", linewidth=0.5)  # fmt: skip
        for bar in bars:
            bar.set_gid(SERIES_GID + column.name)


def _label_axes(axes, dataset, columns, frame, positions, lang):
    values = list(frame[dataset.axis])
    chosen = _tick_rows(positions)
    axes.set_xticks([positions[i] for i in chosen], [_tick_label(values[i], dataset, lang) for i in chosen])
    units = sorted({c.unit for c in columns if c.unit})
    if units:
        axes.set_ylabel(", ".join(units))
    axes.yaxis.set_major_formatter(lambda value, _pos: format_number(value, lang, 0 if value == int(value) else 1))
    axes.tick_params(axis="x", labelsize=9)


def _tick_rows(positions):
    """Rows that get a label: at most MAX_TICKS, spread over the axis' range (not its row count)."""
    if not positions:
        return []
    gap = (positions[-1] - positions[0]) / MAX_TICKS
    chosen = [0]
    for index, position in enumerate(positions):
        if position - positions[chosen[-1]] > gap:
            chosen.append(index)
    return chosen


def _tick_label(value, dataset, lang):
    column = dataset.axis_column
    if column.type == "date":
        return format_day_short(value, lang)
    if column.type == "month":
        return format_month_short(value, lang)
    return format_axis(value, column)


ID_ATTRIBUTE = re.compile(r' id="([^"]+)"')


def inline_svg(svg, chart_id, title, description, title_lang=None):
    """matplotlib's SVG document -> an accessible element for inside an HTML page (its <title> marked as
    `title_lang` when given)."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"\s*<style[^>]*>.*?</style>", "", svg, flags=re.S)  # a global '*' rule would leak into the page
    referenced = set(re.findall(r'(?:href="#|url\(#)([^")]+)', svg))

    def rename(match):
        name = match.group(1)
        if name.startswith(SERIES_GID):
            return f' data-reeks="{name[len(SERIES_GID):]}"'
        return f' id="{chart_id}-{name}"' if name in referenced else ""

    svg = ID_ATTRIBUTE.sub(rename, svg)
    svg = re.sub(r'(href="#|url\(#)([^")]+)', lambda m: f"{m.group(1)}{chart_id}-{m.group(2)}", svg)
    svg = svg.replace("xlink:href=", "href=").replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "")
    svg = re.sub(r' width="[^"]*pt" height="[^"]*pt"', "", svg, count=1)
    opening = (f'<svg class="chart__svg" role="img" aria-labelledby="{chart_id}-titel {chart_id}-beschrijving" '
               f'focusable="false"')  # fmt: skip
    svg = svg.replace("<svg", opening, 1)
    head_end = svg.index(">") + 1
    marked = f' lang="{title_lang}"' if title_lang else ""
    labels = (f'\n <title id="{chart_id}-titel"{marked}>{escape(title)}</title>'
              f'\n <desc id="{chart_id}-beschrijving">{escape(description)}</desc>')  # fmt: skip
    svg = svg[:head_end] + labels + svg[head_end:]
    return "\n".join(line.rstrip() for line in svg.strip().splitlines()) + "\n"
