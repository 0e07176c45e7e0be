# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Stories: narrative pages (content/verhalen/*.md) with maps, key figures, charts and cards.

An editor puts an embed on a line of its own (syntax in `embeds` and the README). How it gets
into the page, safely:
1. Markdown: a preprocessor (`EmbedExtension`, added to the MARKDOWN settings) turns each
   embed line into a placeholder paragraph holding only [0-9a-z]; any sanitiser keeps it as text.
2. After every reader and the data features ran (`state`, in the build's context phase), every story
   file is checked against the data (problems: `path:line: field: message (hint)`, all at once,
   then ContentError), and each placeholder is replaced by HTML from our own templates. Editor
   HTML never reaches an embed, and no embed contains inline script of its own making.

Each story's embeds name the sensors, dossiers and layers it draws on; `site_records` links them
(`SiteRecords.stories_of(kind, id)`: the sensor, dossier and layer pages list them).
For the /verhalen/ overview every article gets `story_themes` (labels) and `story_preview`
(URL of an SVG thumbnail of its first chart or map, or ""). `story_has_map` tells the article
template to load the map styles.
"""

import math
import sys
from pathlib import Path

from editor_files.messages import msg
from editor_files.problems import ContentError, Problem, editor_path
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markupsafe import Markup
from measurements import Charts
from site_language import language_tag
from site_outputs import Build, Output, record_free, write_file
from site_records import StoryLink, loaded, records_for

from . import previews
from .checks import Sources, check_embed, check_story, markdown_files
from .embeds import CHART_KINDS, TOKEN_PARAGRAPH, id_matches, line_of_placeholder, mark_embeds, parse_embed

__all__ = ["validate_sources", "EmbedExtension", "mark_embeds"]

STORY_FOLDERS = ("verhalen", "pages")
PREVIEW_PATH = "verhalen/{slug}/voorbeeld.svg"  # a story's thumbnail on the overview


class EmbedPreprocessor(Preprocessor):
    def run(self, lines):
        return mark_embeds(lines)


class EmbedExtension(Extension):
    """Runs after fenced code is set aside (priority 25), so examples in code blocks stay text."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        md.preprocessors.register(EmbedPreprocessor(md), "open_hilversum_embeds", 20)


def markdown_extensions(settings):
    return [EmbedExtension()]


# --- what embeds may name ---


def sources_of(records, settings):
    """What embeds may name, from the build's records (None: they have problems of their own)."""
    if records is None:
        return Sources(bbox=settings["MUNICIPALITY_BBOX"])
    register = records.register
    lang = settings.get("DEFAULT_LANG")  # a story's themes in the page's language (an overview's "Theme: ...")
    themes = (dict(settings.get("STADSPANEL_THEMES", {})) | (settings.get("STADSPANEL_THEMES_IN") or {}).get(lang, {})
              | {t.code: t.label_in(lang) for t in register.vocabularies["themes"]})  # fmt: skip
    dossiers = {d.id: d.title for d in records.panel.dossiers}
    layers = {layer.id: layer.title for layer in records.layers}
    return Sources(register, records.measurements, dossiers, layers, settings["MUNICIPALITY_BBOX"], themes)


def story_files(settings):
    content = Path(settings["PATH"])
    return [path for folder in STORY_FOLDERS for path in markdown_files(content / folder)]


def check_stories(settings, sources):
    root = Path(settings["PATH"]).parent
    problems = []
    for path in story_files(settings):
        problems.extend(check_story(path, editor_path(path, root), sources))
    return problems


def validate_sources(settings):
    """For `make check`: every embed of every story and page, checked against the data.

    While the data have problems of their own (make check lists them), embeds are not compared.
    """
    records, problems = loaded(settings)
    return [] if problems else check_stories(settings, sources_of(records, settings))


# --- the build ---


def state(build):
    """Every story checked against the data and its embeds rendered, before anything is written."""
    return Stories(build)


class Stories(Build):
    def __init__(self, build):
        super().__init__(*build.parts())
        self.sources = None
        self.previews = {}  # output path -> SVG text
        context = self.context
        records = records_for(self.settings)
        self.records = records
        self.dossiers = {d.id: d for d in records.panel.dossiers}
        self.sources = sources_of(records, self.settings)
        self.charts = Charts(self, records.measurements, id_prefix="verhaal-grafiek")
        problems = check_stories(self.settings, self.sources)
        if problems:
            print("\n".join(str(p) for p in problems), file=sys.stderr, flush=True)
            raise ContentError(problems, msg("the stories"))
        for document in list(context.get("articles", [])) + list(context.get("pages", [])):
            self.render_embeds(document)
        for article in context.get("articles", []):
            self.describe_for_overview(article)
        records.link_stories([(StoryLink(a.title, a.url, Markup(a.summary).striptags()), a.story_named)
                              for a in context.get("articles", []) if a.story_named])  # fmt: skip

    # --- replacing placeholders ---

    def render_embeds(self, document):
        document.story_has_map = False
        document.story_first_embed = None
        document.story_named = {}
        content = getattr(document, "_content", None)
        if not content or "ohembed" not in content:
            return
        shown = editor_path(document.source_path, Path(self.settings["PATH"]).parent)

        def replace(match):
            line = line_of_placeholder(match.group(1))
            embed, found = parse_embed(line) if line else (None, [("embed", msg("cannot be read"), "")])
            if embed is not None:
                found = check_embed(embed, self.sources)
            if found:
                problems = [Problem(shown, 0, f, m, h) for f, m, h in found]
                print("\n".join(str(p) for p in problems), file=sys.stderr, flush=True)
                raise ContentError(problems, msg("the stories"))
            # The overview's thumbnail: the first chart, else the first map.
            first = document.story_first_embed
            if embed.kind == "grafiek" and (first is None or first.kind == "kaart") or (
                    embed.kind == "kaart" and first is None):
                document.story_first_embed = embed
            for kind, ids in self.named_records(embed).items():
                document.story_named.setdefault(kind, []).extend(ids)
            return str(self.render(embed, document))

        document._content = TOKEN_PARAGRAPH.sub(replace, content)
        cache = type(document).get_content.cache  # Pelican memoizes content; drop what was cached before us
        for key in [k for k in cache if k and k[0] is document]:
            del cache[key]

    def named_records(self, embed):
        """{"sensor"|"dossier"|"layer": [ids]} an embed draws on (a map of every sensor names none)."""
        options = embed.options
        sensors = list(embed.values("sensoren")) if embed.kind == "kaarten" else []
        if embed.kind == "kaart" and options.get("sensoren", "alle") != "alle":
            sensors = [s.sensor_id for s in self.select_sensors(options["sensoren"])]
        if embed.kind in ("grafiek", "kerncijfer"):
            sensors = list(self.sources.catalogue.datasets[options["dataset"]].sensors)
        if embed.kind == "kaarten":
            sensors += [s for d in embed.values("datasets") for s in self.sources.catalogue.datasets[d].sensors]
        return {"sensor": sensors, "dossier": list(embed.values("dossiers")), "layer": list(embed.values("lagen"))}

    def render(self, embed, document):
        render = {"kaart": self.render_map, "kerncijfer": self.render_key_figure, "grafiek": self.render_chart,
                  "kaarten": self.render_cards}  # fmt: skip
        html = render[embed.kind](embed, document)
        # A story is what editors wrote, in the site's first language: on a page in another language it sits in
        # a block marked as theirs, and an embed (the interface's words) in one marked as the page's.
        lang = self.settings.get("DEFAULT_LANG", "nl")
        if lang != (self.settings.get("LANGUAGES") or [lang])[0]:
            html = Markup('<div lang="{}">{}</div>').format(language_tag(lang), html)
        return html

    def render_map(self, embed, document):
        import maps

        sensors = self.select_sensors(embed.options.get("sensoren", ""))
        layers = embed.values("lagen")
        center = tuple(float(p) for p in embed.options["midden"].split(",")) if "midden" in embed.options else None
        zoom = int(embed.options["zoom"]) if "zoom" in embed.options else None
        title = embed.options.get("titel", "")
        embed_map = getattr(maps, "embed_map", None)
        map_html = None
        if embed_map is not None:
            document.story_has_map = True
            map_html = embed_map(self, layers=layers, sensors={"ids": [s.sensor_id for s in sensors]}, center=center,
                                 zoom=zoom, title=title)  # fmt: skip
        layer_names = self.sources.layers or {}
        return Markup(self.get_template("embed_map").render(
            self.context, title=title, map_html=map_html, sensors=sensors,
            layers=[(layer, layer_names.get(layer, layer)) for layer in layers],
        ))  # fmt: skip

    def select_sensors(self, selector):
        register = self.sources.register
        if not selector or register is None:
            return []
        if selector == "alle":
            return list(register.sensors)
        prefix, colon, code = selector.partition(":")
        if colon and prefix == "type":
            return [s for s in register.sensors if s.sensor_type == code]
        if colon:
            return [s for s in register.sensors if code in s.themes]
        wanted = [item.strip() for item in selector.split(",")]
        return [s for pattern in wanted for s in register.sensors if id_matches(pattern, s.sensor_id)]

    def render_key_figure(self, embed, _document):
        dataset = self.sources.catalogue.datasets[embed.options["dataset"]]
        column = embed.options["kolom"]
        operation = embed.options.get("bewerking", "gemiddelde")
        row_filter = _filter(embed)
        number, unit = self.charts.key_figure_text(dataset.id, column, operation, row_filter)
        ui = self.settings["UI"]
        written = embed.options.get("bijschrift")  # the editor's caption, in the site's first language
        caption = written or (
            f"{ui['measurements']['operations'][operation].capitalize()}: {dataset.columns[column].label}")
        return Markup(self.get_template("embed_key_figure").render(
            self.context, number=number, unit=unit, caption=caption, caption_written=bool(written), dataset=dataset,
            csv_url=f"open-data/{dataset.id}.csv",
        ))  # fmt: skip

    def render_chart(self, embed, _document):
        names = embed.values("kolommen") or None
        kind = CHART_KINDS.get(embed.options.get("soort", ""))
        return self.charts.chart(embed.options["dataset"], names, title=embed.options.get("titel"),
                                                 row_filter=_filter(embed), kind=kind)  # fmt: skip

    def render_cards(self, embed, _document):
        ui = self.settings["UI"]["stories"]
        cards = []
        by_id = {s.sensor_id: s for s in self.sources.register.sensors} if self.sources.register else {}
        for sensor_id in embed.values("sensoren"):
            sensor = by_id[sensor_id]
            cards.append({"kind": ui["card_kinds"]["sensor"], "title": sensor.name,
                          "url": sensor.url, "text": sensor.summary})  # fmt: skip
        for dossier_id in embed.values("dossiers"):
            dossier = self.dossiers[dossier_id]
            cards.append({"kind": ui["card_kinds"]["dossier"], "title": dossier.title, "url": dossier.url,
                          "text": ""})  # fmt: skip
        for layer in embed.values("lagen"):
            record = self.records.layer(layer)
            cards.append({"kind": ui["card_kinds"]["layer"], "title": record.title, "url": record.page_url,
                          "text": record.description})  # fmt: skip
        for dataset_id in embed.values("datasets"):
            dataset = self.sources.catalogue.datasets[dataset_id]
            cards.append({"kind": ui["card_kinds"]["dataset"], "title": dataset.title,
                          "url": f"open-data/{dataset.id}.csv", "text": dataset.description,
                          "example": dataset.example})  # fmt: skip
        return Markup(self.get_template("embed_cards").render(self.context, cards=cards))

    # --- the overview ---

    def describe_for_overview(self, article):
        labels = self.sources.themes or {}
        codes = [c.strip() for c in str(getattr(article, "themes", "") or "").split(",") if c.strip()]
        article.story_themes = [labels.get(code, code) for code in codes]
        article.story_preview = ""
        embed = getattr(article, "story_first_embed", None)
        if embed is None:
            return
        svg = self.preview_svg(embed)
        if svg:
            path = PREVIEW_PATH.format(slug=article.slug)
            self.previews[path] = svg
            article.story_preview = path

    def preview_svg(self, embed):
        colours = self.settings.get("THEME_COLOURS", {})  # from the design tokens (site_assets), in a build
        if embed.kind == "grafiek":
            dataset = self.sources.catalogue.datasets[embed.options["dataset"]]
            names = embed.values("kolommen") or tuple(c.name for c in dataset.numeric_columns)
            from measurements.figures import select_rows

            frame = select_rows(dataset, _filter(embed))
            series = [[v for v in frame[name].astype(float) if not math.isnan(v)] for name in names]
            return previews.sparkline_svg(series, colours)
        points = [(s.latitude, s.longitude) for s in self.select_sensors(embed.options.get("sensoren", ""))
                  if s.latitude is not None]  # fmt: skip
        if "midden" in embed.options:
            points.append(tuple(float(p) for p in embed.options["midden"].split(",")))
        return previews.points_svg(points, self.settings["MUNICIPALITY_BBOX"], colours)



def write(stories, writer):
    """The overview's thumbnails (declared as a pattern by `outputs`)."""
    for path, svg in sorted(stories.previews.items()):
        write_file(writer, stories.output_path, path, svg)


@record_free
def outputs(records, settings):
    """The overview's thumbnails: one beside each story that has a map, key figure or chart."""
    yield Output(PREVIEW_PATH.format(slug="*"), msg("the stories' thumbnails"))


def _filter(embed):
    value = embed.options.get("filter")
    return tuple(value.split(":", 1)) if value else None


