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

# The page size and the later pages' URL pattern are settings (site_records.SiteSettings).
FIRST_PAGE_URL = "sensoren/"
INDEX_URL = "sensoren/register.json"
# Page links around the current one in the page navigation (plus first and last).
NEARBY_PAGES = 2


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
                  translated_search=("summary",)):
    """The register as one small JSON text for the browser, shared by every language.

    facets: [(field, vocabulary, key)]: each becomes a list of codes (and their labels); a row
    holds indexes into it. badges(sensor): [(text, kind, key)]: each distinct badge is stored once; its
    key ("status:active", "expired") names it for a page in another language, which has its own words
    for the labels and badges (sensoren.html). languages: the further languages (LANGUAGES[1:]): a
    sensor's name in one of them (`name_en`) is stored only when the editor gave one, and so are the further
    texts a page in that language searches (`translated_search`: `summary_en`), under "search_texts".
    """
    codes = {key: [] for _field, _list, key in facets}
    positions = {key: {} for _field, _list, key in facets}
    badge_list, badge_positions = [], {}

    def position(table, order, value):
        if value not in table:
            table[value] = len(order)
            order.append(value)
        return table[value]

    rows = []
    for sensor in sensors:
        facet_cells = [
            [position(positions[key], codes[key], code) for code in facet_value(sensor, field)]
            for field, _list, key in facets
        ]
        badge_cells = [position(badge_positions, badge_list, tuple(badge)) for badge in badges(sensor)]
        search = " ".join(str(getattr(sensor, name) or "") for name in search_fields)
        rows.append([sensor.sensor_id, sensor.name, sensor.owner_organisation, search, facet_cells, badge_cells])
    index = {
        "sensor_url": sensor_url,
        "facets": [key for _field, _list, key in facets],
        "codes": codes,
        "labels": {key: [label(list_name, code) for code in codes[key]] for _field, list_name, key in facets},
        "badges": [list(badge) for badge in badge_list],
        "sensors": rows,
        "names": {lang: {sensor.sensor_id: getattr(sensor, f"name_{lang}") for sensor in sensors
                         if getattr(sensor, f"name_{lang}", None)} for lang in languages},
    }
    # Only what editors filled in: at 10,000 sensors an empty entry each would cost ~200 KB.
    search_texts = {lang: {sensor.sensor_id: text for sensor in sensors if (text := " ".join(
        value for field in translated_search if (value := getattr(sensor, f"{field}_{lang}", None))))}
             for lang in languages}  # fmt: skip
    if any(search_texts.values()):
        index["search_texts"] = search_texts
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
