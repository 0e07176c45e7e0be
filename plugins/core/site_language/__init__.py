# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The interface language: one setting (DEFAULT_LANG) decides what residents read.

- Interface texts come from one catalogue per language, theme/strings.<lang>.yml. Dutch
  (strings.nl.yml) is complete and is the fallback: a catalogue may hold only some keys, and every
  key it lacks is read from the Dutch one (for "en_GB": strings.en_GB.yml, then strings.en.yml,
  then Dutch).
- Dates and numbers are written the way the language writes them, with Babel's CLDR data
  ("12 maart 2025", "1.234,5" in Dutch; "March 12, 2025", "1,234.5" in English).
- Pages, feeds, the open data catalogue and the search index name the language from the same setting.

Not a Pelican plugin: pelicanconf.py loads the texts and registers the filters, plugins call the
functions with the language from their settings.
"""

import datetime
import decimal
import math
import numbers
from functools import partial
from pathlib import Path

import yaml
from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.numbers import format_decimal
from jinja2 import pass_context
from markupsafe import Markup, escape

FALLBACK = "nl"  # the complete catalogue

# The EU's language vocabulary (publications.europa.eu/resource/authority/language) for the open
# data catalogue. Its codes are ISO 639-3, which Babel does not carry: the languages a Dutch
# municipality may publish in. Add a line to publish in another.
EU_LANGUAGE_CODES = {"nl": "NLD", "fy": "FRY", "en": "ENG", "de": "DEU", "fr": "FRA", "pap": "PAP", "tr": "TUR",
                     "ar": "ARA", "pl": "POL", "uk": "UKR", "es": "SPA", "pt": "POR", "it": "ITA"}  # fmt: skip


def _locale(lang):
    """Babel's locale of a language setting: "nl", "en_GB" and "en-GB" all work."""
    return Locale.parse(lang.replace("-", "_"))


def language_tag(lang):
    """The BCP 47 tag for HTML's lang attribute and the feeds' xml:lang: "en_GB" -> "en-GB"."""
    return lang.replace("_", "-")


def eu_language_code(lang):
    """"nl" -> "NLD": the language's code in the EU vocabulary the open data catalogue uses."""
    base = _locale(lang).language
    if base not in EU_LANGUAGE_CODES:
        raise ValueError(f"DEFAULT_LANG {lang!r}: add its ISO 639-3 code to EU_LANGUAGE_CODES in "
                         "plugins/site_language/__init__.py")  # fmt: skip
    return EU_LANGUAGE_CODES[base]


def language_name(lang):
    """A language's name in that language itself, for the language switch: "Nederlands", "English"."""
    locale = _locale(lang)
    name = locale.get_language_name(locale) or lang
    return name[:1].upper() + name[1:]


def page_address(output_file, lang, languages):
    """The address (under SITEURL, no leading slash) of a page's version in `lang`: the first of `languages`
    is at the root, every other one in its own folder. `output_file` is the page's file in its language's
    folder, as Pelican's writer names it: "sensoren/X/index.html" -> "en/sensoren/X/" for "en"."""
    path = str(output_file or "").replace("\\", "/").lstrip("/")
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path if not languages or lang == languages[0] else f"{lang}/{path}"


# --- interface texts ---


def catalogue_files(theme, lang):
    """The catalogues read for a language, the fallback first: each later one overrides keys."""
    locale = _locale(lang)
    names = [FALLBACK, locale.language, str(locale)]
    paths = []
    for name in dict.fromkeys(names):  # in order, each once
        path = Path(theme) / f"strings.{name}.yml"
        if name == FALLBACK or path.is_file():
            paths.append(path)
    return paths


def load_interface_texts(theme, lang, names=None):
    """The interface texts of a language: its catalogue over the Dutch one (see the module's docstring),
    with the `names` ({placeholder: text}, e.g. `panel_names(...)`) filled in once, here, in every text."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ten times faster
    texts = None
    for path in catalogue_files(theme, lang):
        found = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        texts = found if texts is None else _overlay(texts, found, path, "")
    return fill_names(texts, names) if names else texts


def panel_names(name, short, article):
    """The placeholders of the citizens' panel's name (PANEL_NAME, PANEL_NAME_SHORT, PANEL_ARTICLE):
    {panel} "Stadspanel data", {panel_short} "Stadspanel", and with the Dutch article {the_panel}
    "het Stadspanel data", {The_panel} "Het Stadspanel data" (a sentence's start), {the_panel_short}
    "het Stadspanel". A catalogue of another language writes its own article: "the {panel}"."""
    article = f"{article} " if article else ""
    return {"panel": name, "panel_short": short, "the_panel": f"{article}{name}",
            "The_panel": f"{article[:1].upper()}{article[1:]}{name}" if article else name,
            "the_panel_short": f"{article}{short}"}  # fmt: skip


def fill_names(texts, names):
    """`texts` with every `{placeholder}` of `names` replaced; any other ({title}, {n}) stays for the page."""
    if isinstance(texts, dict):
        return {key: fill_names(value, names) for key, value in texts.items()}
    if isinstance(texts, list):
        return [fill_names(value, names) for value in texts]
    if isinstance(texts, str):
        for placeholder, value in names.items():
            texts = texts.replace("{" + placeholder + "}", value)
    return texts


def _overlay(base, translated, path, where):
    """`base` with the keys of `translated` put over it; a mapping merges key by key."""
    if not isinstance(translated, dict):
        raise ValueError(f"{path}: {where or 'the file'} must be a mapping of texts, as in strings.{FALLBACK}.yml")
    merged = dict(base)
    for key, value in translated.items():
        inner = f"{where}.{key}" if where else str(key)
        if key not in base:
            raise ValueError(f"{path}: '{inner}' is not a text of strings.{FALLBACK}.yml (a typo?)")
        if isinstance(base[key], dict):
            merged[key] = _overlay(base[key], value, path, inner)
        elif isinstance(value, dict) or type(value) is not type(base[key]):
            raise ValueError(f"{path}: '{inner}' must be a {type(base[key]).__name__}, as in strings.{FALLBACK}.yml")
        else:
            merged[key] = value
    return merged


# --- dates and numbers ---


def format_date(day, lang):
    """A date in words: "12 maart 2025" (nl), "March 12, 2025" (en). A datetime counts by its date; a setting's
    ISO text ("2025-03-12") by the date it names."""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    return babel_format_date(day, "long", locale=_locale(lang))


def format_month(day, lang):
    """A month in words: "maart 2025" (nl), "March 2025" (en)."""
    return format_skeleton("yMMMM", day, locale=_locale(lang))


def format_day_short(day, lang):
    """A day with the short month, for a chart's ticks: "12 mrt" (nl), "Mar 12" (en)."""
    return format_skeleton("dMMM", day, locale=_locale(lang))


def format_month_short(day, lang):
    """A month with a two-digit year, for a chart's ticks: "mrt 25" (nl), "Mar 25" (en)."""
    return babel_format_date(day, "MMM yy", locale=_locale(lang))


def format_number(value, lang, decimals=1):
    """A number with the language's separators: "1.234,5" (nl), "1,234.5" (en); missing (None, NaN) is ""."""
    if value is None:
        return ""
    if isinstance(value, numbers.Integral):
        exact = decimal.Decimal(int(value))
    else:
        number = float(value)
        if math.isnan(number):
            return ""
        # The float's exact value, not its shortest repr: rounding as Python's own formatting does (0.35 -> 0.3).
        exact = decimal.Decimal(number)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(exact, pattern, locale=_locale(lang))


# --- what editors wrote, in another language ---


def field_in(record, field, lang):
    """A record's field in `lang`: its optional `<field>_<lang>` (`title_en`), or None when it has none."""
    name = f"{field}_{lang}"
    value = record.get(name) if isinstance(record, dict) else getattr(record, name, None)
    return value if isinstance(value, str) and value.strip() else None


def translated(record, field, lang, original):
    """What a page in `lang` shows of a record's field: the translation when the record has one, else the
    field as the editor wrote it (in `original`, the site's first language)."""
    found = field_in(record, field, lang) if lang != original else None
    if found is not None:
        return found
    return record.get(field) if isinstance(record, dict) else getattr(record, field, None)


def original_lang(record, field, lang, original):
    """' lang="nl"' for an element showing a record's field that has no translation into `lang`, "" otherwise.
    Without a record (None): the element holds text that is never translated (a page's body)."""
    if lang == original or (record is not None and field and field_in(record, field, lang) is not None):
        return Markup("")
    return Markup(f' lang="{language_tag(original)}"')


def localised(record, field, lang, original):
    """A record's field as HTML for a page in `lang`: its translation, or the original in a `<span lang>`."""
    value = translated(record, field, lang, original)
    attribute = original_lang(record, field, lang, original)
    return Markup("<span{}>{}</span>").format(attribute, value) if attribute else Markup("{}").format(value)


def in_original(value, lang, original, inline=False):
    """What editors wrote in `original` (HTML as Markup, or text, escaped), as a page in `lang` shows it: in
    a `<div lang>` (`inline`: a `<span lang>`) when the languages differ, else as it is (a page in the
    site's first language gets no extra element)."""
    content = escape(value)  # Markup stays as it is
    if lang == original:
        return content
    tag = "span" if inline else "div"
    return Markup('<{0} lang="{1}">{2}</{0}>').format(Markup(tag), language_tag(original), content)


def jinja_filters(lang, original=None):
    """Template filters: `{{ day|local_date }}`, `{{ x|local_number(1) }}`, `{{ DEFAULT_LANG|language_tag }}`,
    `{{ lang|language_name }}`, `{{ output_file|page_address(lang, LANGUAGES) }}`, and for what editors
    wrote in `original` (the site's first language; None: `lang` itself): `{{ page|translated("title") }}`
    with `<h1{{ page|original_lang("title") }}>`, `{{ sensor|localised("name") }}` (the translation, or the
    original in a `<span lang>`), `<p{{ none|original_lang }}>` for a text never translated and
    `{{ page.content|in_original }}` for editors' HTML (in a `<div lang>` on another language's page)."""
    original = original or lang
    return {
        "local_date": partial(format_date, lang=lang),
        "local_number": lambda value, decimals=1: format_number(value, lang, decimals),
        "language_tag": language_tag,
        "language_name": language_name,
        "page_address": page_address,
        "translated": lambda record, field: translated(record, field, lang, original),
        # pass_context: never folded into a constant when the template is compiled (`none|original_lang`),
        # as make serve shares compiled templates between the languages' passes.
        "original_lang": pass_context(lambda _context, record, field=None: original_lang(record, field, lang,
                                                                                          original)),
        "localised": lambda record, field: localised(record, field, lang, original),
        "in_original": lambda value, inline=False: in_original(value, lang, original, inline),
    }
