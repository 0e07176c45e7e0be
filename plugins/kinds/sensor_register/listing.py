# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The register as residents browse it: pages of rows at stable URLs, and a compact index for filtering.

/sensoren/ shows the first REGISTER_PAGE_SIZE sensors, /sensoren/pagina/2/ the next, and so on: each
page stays small at any register size and works without JavaScript. With JavaScript the page
fetches `sensoren/register.json` on first use and filters every sensor in the browser. The
index holds per sensor only what a row shows and what the filters and text search need, with
codes as small numbers into per-facet code lists.
"""

import json
from functools import partial

# The page size and the later pages' URL pattern are settings (site_records.SiteSettings).
FIRST_PAGE_URL = "sensoren/"
INDEX_URL = "sensoren/register.json"
# Page links around the current one in the page navigation (plus first and last).
NEARBY_PAGES = 2
# Sensors' parts of the compact index kept by the preview (more than one register's worth): see compact_index.
ROWS_KEPT = 50_000


def page_url(number, pattern):
    return FIRST_PAGE_URL if number == 1 else pattern.format(number=number)


def split_pages(sensors, size):
    """[(number, first index, sensors on that page)], at least one page (an empty register has one)."""
    size = max(1, int(size))
    chunks = [sensors[start : start + size] for start in range(0, len(sensors), size)] or [[]]
    return [(number, (number - 1) * size, chunk) for number, chunk in enumerate(chunks, 1)]


def pagination(number, count, pattern):
    """What the page navigation shows: previous/next and a window of page numbers with gaps."""
    shown = sorted({1, count} | set(range(max(1, number - NEARBY_PAGES), min(count, number + NEARBY_PAGES) + 1)))
    items, previous = [], 0
    for page in shown:
        if page - previous > 1:
            items.append({"gap": True})
        items.append({"number": page, "url": page_url(page, pattern), "current": page == number})
        previous = page
    return {
        "number": number,
        "count": count,
        "items": items,
        "previous": page_url(number - 1, pattern) if number > 1 else None,
        "next": page_url(number + 1, pattern) if number < count else None,
    }


def compact_index(sensors, facets, facet_value, label, badges, search_fields, sensor_url, languages=(),
                  translated_search=("summary",), row_part=None):
    """The register as one small JSON text for the browser, shared by every language.

    facets: [(field, vocabulary, key)]: each becomes a list of codes (and their labels); a row
    holds indexes into it. badges(sensor): [(text, kind, key)]: each distinct badge is stored once; its
    key ("status:active", "expired") names it for a page in another language, which has its own words
    for the labels and badges (sensoren.html). languages: the further languages (LANGUAGES[1:]): a
    sensor's name in one of them (`name_en`) is stored only when the editor gave one, and so are the further
    texts a page in that language searches (`translated_search`: `summary_en`), under "search_texts".
    row_part(sensor, make): a sensor's `RowPart` (make() makes it), e.g. kept by the preview while the
    sensor stays the same object; by default each is made.
    """
    languages = tuple(languages)

    def make(sensor):
        return RowPart.of(sensor, facets, facet_value, badges, search_fields, languages, translated_search)

    parts = [row_part(sensor, partial(make, sensor)) if row_part else make(sensor) for sensor in sensors]
    codes = {key: [] for _field, _list, key in facets}
    positions = [{} for _facet in facets]
    orders = [codes[key] for _field, _list, key in facets]
    badge_list, badge_positions = [], {}
    rows = []
    for part in parts:
        facet_cells = []
        for table, order, values in zip(positions, orders, part.facet_codes, strict=True):
            cells = []
            for code in values:
                if code not in table:
                    table[code] = len(order)
                    order.append(code)
                cells.append(table[code])
            facet_cells.append(cells)
        badge_cells = []
        for badge in part.badges:
            if badge not in badge_positions:
                badge_positions[badge] = len(badge_list)
                badge_list.append(badge)
            badge_cells.append(badge_positions[badge])
        rows.append(part.row(facet_cells, badge_cells))
    head = _compact({
        "sensor_url": sensor_url,
        "facets": [key for _field, _list, key in facets],
        "codes": codes,
        "labels": {key: [label(list_name, code) for code in codes[key]] for _field, list_name, key in facets},
        "badges": [list(badge) for badge in badge_list],
    })  # fmt: skip
    tail = {"names": {lang: {part.sensor_id: part.names[lang] for part in parts if lang in part.names}
                      for lang in languages}}  # fmt: skip
    # Only what editors filled in: at 10,000 sensors an empty entry each would cost ~200 KB.
    search_texts = {lang: {part.sensor_id: part.search_texts[lang] for part in parts if lang in part.search_texts}
                    for lang in languages}  # fmt: skip
    if any(search_texts.values()):
        tail["search_texts"] = search_texts
    # One json.dumps of the whole index writes this, byte for byte: its rows are joined as their parts wrote them.
    return head[:-1] + ',"sensors":[' + ",".join(rows) + "]," + _compact(tail)[1:]


def _compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class RowPart:
    """What the index holds of one sensor before its codes become positions in the index's code lists, and
    its row's text for the positions it last had (they change only when a code comes or goes before it)."""

    __slots__ = ("sensor_id", "head", "facet_codes", "badges", "names", "search_texts", "_row")

    def __init__(self, sensor_id, head, facet_codes, badges, names, search_texts):
        self.sensor_id, self.head, self.facet_codes, self.badges = sensor_id, head, facet_codes, badges
        self.names, self.search_texts, self._row = names, search_texts, (None, None)

    @classmethod
    def of(cls, sensor, facets, facet_value, badges, search_fields, languages, translated_search):
        search = " ".join(str(getattr(sensor, name) or "") for name in search_fields)
        names = {lang: name for lang in languages if (name := getattr(sensor, f"name_{lang}", None))}
        texts = {lang: text for lang in languages if (text := " ".join(
            value for field in translated_search if (value := getattr(sensor, f"{field}_{lang}", None))))}  # fmt: skip
        return cls(sensor.sensor_id, [sensor.sensor_id, sensor.name, sensor.owner_organisation, search],
                   tuple(tuple(facet_value(sensor, field)) for field, _list, _key in facets),
                   tuple(tuple(badge) for badge in badges(sensor)), names, texts)  # fmt: skip

    def row(self, facet_cells, badge_cells):
        """The row's JSON text with these positions."""
        cells = (facet_cells, badge_cells)
        if self._row[0] != cells:
            self._row = (cells, _compact([*self.head, facet_cells, badge_cells]))
        return self._row[1]
