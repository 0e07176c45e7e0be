# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Numbers drawn from a dataset with pandas: the rows a filter selects, and key figures."""

import math

# Dutch operation names as editors write them -> how pandas computes them.
OPERATIONS = {
    "gemiddelde": lambda series: series.mean(),
    "mediaan": lambda series: series.median(),
    "max": lambda series: series.max(),
    "min": lambda series: series.min(),
    "som": lambda series: series.sum(min_count=1),
    "laatste": lambda series: series.dropna().iloc[-1] if series.notna().any() else math.nan,
}


def select_rows(dataset, row_filter=None):
    """The dataset's rows (sorted on the axis), only those where a text column has a value when filtered."""
    frame = dataset.frame
    if row_filter:
        column, value = row_filter
        frame = frame[frame[column] == value]
    return frame


def key_figure(dataset, column, operation, row_filter=None):
    """One number computed from a column; NaN when no measurement is selected."""
    series = select_rows(dataset, row_filter)[column].astype(float)
    value = OPERATIONS[operation](series)
    return float(value) if value is not None else math.nan


def filter_values(dataset, column):
    """The values a filter on a text column can take, in order of first appearance."""
    return list(dict.fromkeys(dataset.frame[column]))


# A page shows at most this many rows of a dataset (chart and table): a 100,000-row file would make a
# page of tens of megabytes. The full data stay in the CSV and JSON downloads the figure links.
MAX_SHOWN_ROWS = 400


def shown_rows(frame, limit=MAX_SHOWN_ROWS):
    """(rows to draw and list, whether some were left out): all rows, or `limit` evenly spread over the
    axis with the first and the last, in order."""
    count = len(frame)
    if count <= limit:
        return frame, False
    positions = sorted({round(index * (count - 1) / (limit - 1)) for index in range(limit)})
    return frame.iloc[positions], True
