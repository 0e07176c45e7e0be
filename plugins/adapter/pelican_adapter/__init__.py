# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The one Pelican plugin: everything Pelican-specific the features need, and nothing of any feature.

Pelican runs this plugin (PLUGINS); it runs the features (FEATURES, in that order), each a module of
plain Python that may declare these module-level hooks (all optional):

- `before_reading(settings)`: at `initialized`, before anything is read; raise to stop the build.
- `markdown_extensions(settings)`: Markdown extensions added to the MARKDOWN setting at `initialized`.
- `page_html(html)`: what a page or story's HTML becomes once Markdown made it (every one, in order).
- `template_filters(settings)`, `template_globals(settings)`: {name: function} for every template.
- `documents_read(build, published, unpublished)`: once Pelican read the pages, once the stories;
  `unpublished` are its lists of drafts and hidden documents, which the hook may empty.
- `static_files_read(build, static_files)`: Pelican's list of static files to copy, which the hook may shorten.
- `context(records, settings)`: {name: value} for every template's context.
- `state(build)`: what the feature's `make`s receive (a `site_outputs.Build`; the build itself by default),
  made once every feature's context is in (the whole context phase: a raise stops the build before
  anything is written).
- `write(state, writer)`: files the feature writes itself before its declared outputs, each under a
  pattern it declares in `outputs` (writer: Pelican's, through `writer.write_file` and `site_outputs.write_file`).
- `outputs(records, settings)`: written by `site_outputs.write_outputs` (Pelican's writer and its guard
  against writing a path twice, and `make serve`'s reuse through PREVIEW_REUSE).
- `further_passes(settings, output_path, written)`: [(settings, finish)] of further passes of the whole build
  (another language's pages), each a Pelican run of its own once the first has returned (`run`), before any
  `finished`; `written`: the paths the first run's writer wrote (None in a bare run); `finish(written)` once
  a pass has written, with the paths its own writer wrote.
- `finished(settings, output_path)`: once, after every pass has written every file; a hook that also takes
  `pages` receives the build's pages (paths relative to the output folder: what every pass's writer wrote and
  every declared page it made or make serve took over), or is left to find them on disk in a bare run.

`run(settings)` is a whole build (site_build, so `make html` and `make serve`): the first Pelican run,
then each further pass once the first run's objects (its context, pages and generators) are released,
so that two passes' pages are never in memory at once. A callable in the setting FIRST_PASS_DONE (make
serve's) is called with the settings once the first run has written its pages but its overviews (an
`Output` that shows many records: the first run writes those last, once it has been called), and again once
those are written, before any further pass: the preview serves the first language's pages meanwhile. A full
build writes every file in declaration order. A bare `pelican` run has no such caller: its
`finalized` runs the further passes inside it, then the `finished` hooks.

Pelican's readers: pages and stories are `.md` files (any case of the suffix) read by Pelican's
Markdown reader and passed through every `page_html`; Pelican's other readers (raw HTML,
reStructuredText) are off, so nothing escapes those hooks. An editor's mistake (`ContentError`) is
logged without a traceback: its messages are printed already.
"""

import difflib
import inspect
import logging
import os
from contextvars import ContextVar
from itertools import product

from editor_files.memo import build_cache, digest
from editor_files.problems import ContentError
from pelican import Pelican, signals
from pelican.generators import Generator
from pelican.readers import MarkdownReader
from site_outputs import Build, feature_modules, write_outputs
from site_records import records_for, share

__all__ = ["FIRST_PASS_DONE", "FeaturesGenerator", "register", "run"]


def features(settings):
    return feature_modules(settings)


def hooks(settings, name):
    """Each feature's hook of that name, in FEATURES order."""
    return [hook for hook in (getattr(module, name, None) for module in features(settings)) if hook is not None]


# Every hook a feature may declare: the adapter's (above) and those other features read
# (content_check's `validate_sources`, open_data's `open_data_files`).
HOOKS = ("before_reading", "markdown_extensions", "page_html", "template_filters", "template_globals",
         "documents_read", "static_files_read", "context", "state", "write", "outputs", "further_passes", "finished",
         "validate_sources", "open_data_files")  # fmt: skip


class HookNameError(Exception):
    """A feature's function is named almost like a hook: a misspelled hook would never run."""

    exitcode = 1


def misspelled_hooks(module):
    """[(function name, the hook it resembles)] of a feature module: like pluggy, a typo fails loudly."""
    found = []
    for name, value in vars(module).items():
        if name in HOOKS or name.startswith("_") or not inspect.isfunction(value):
            continue
        if value.__module__ == module.__name__ and (close := difflib.get_close_matches(name, HOOKS, n=1, cutoff=0.85)):
            found.append((name, close[0]))
    return found


def check_hook_names(settings):
    wrong = [f"{module.__name__}.{name} (did you mean {hook}?)"
             for module in features(settings) for name, hook in misspelled_hooks(module)]  # fmt: skip
    if wrong:
        raise HookNameError("A feature's function is named almost like a hook, so it would never run: "
                            + ", ".join(wrong) + ". Rename it (see pelican_adapter's list of hooks).")


def build_of(generator):
    return Build(generator.settings, generator.context, generator.output_path, generator.get_template)


# --- initialized, readers, templates ---


def initialized(pelican):
    settings = pelican.settings
    check_hook_names(settings)
    for check in hooks(settings, "before_reading"):
        check(settings)
    extensions = settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
    for extend in hooks(settings, "markdown_extensions"):
        for extension in extend(settings):
            if not any(type(e) is type(extension) for e in extensions):
                extensions.append(extension)


# Pages and stories read in one build, kept for its further passes (see FeaturesMarkdownReader).
READ_KEPT = 2_000


class FeaturesMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, its HTML passed through every feature's `page_html`.

    Each further language's pass reads the same files with the same Markdown settings (the one `MARKDOWN`
    object of the build, which no pass changes), and no hook depends on the language: what the first pass
    read is kept in the build cache by the file's place and bytes and that object (kept with the entry, so
    its id stands for it), and the pass reads nothing again."""

    def read(self, source_path):
        markdown = self.settings["MARKDOWN"]
        key = (os.path.abspath(source_path), digest(source_path), id(markdown))
        kept = build_cache(self.settings).store("pages read", READ_KEPT)
        _markdown, content, metadata = kept.get(key, lambda: (markdown, *self.read_again(source_path)))
        return content, dict(metadata)  # Pelican adds to what a reader gives

    def read_again(self, source_path):
        content, metadata = super().read(source_path)
        for hook in hooks(self.settings, "page_html"):
            content = hook(content)
        return content, metadata


def case_variants(extension):
    """'md' -> md, mD, Md, MD: Pelican matches suffixes by case, editors' files do not."""
    return {"".join(letters) for letters in product(*((c.lower(), c.upper()) for c in extension))}


def readers_init(readers):
    """Pages are `.md` files in any case, read through the features' `page_html`; no other reader runs."""
    for extension in readers.reader_classes:
        if extension != "static":  # Pelican's reader of pictures and other static files
            readers.reader_classes[extension] = None
    for variant in case_variants("md"):
        readers.reader_classes[variant] = FeaturesMarkdownReader


def generator_init(generator):
    if hasattr(generator, "env"):
        for filters in hooks(generator.settings, "template_filters"):
            generator.env.filters.update(filters(generator.settings))
        for names in hooks(generator.settings, "template_globals"):
            generator.env.globals.update(names(generator.settings))


# --- what Pelican read ---

UNPUBLISHED_LISTS = {
    "articles": ("drafts", "drafts_translations", "hidden_articles", "hidden_translations"),
    "pages": ("draft_pages", "draft_translations", "hidden_pages", "hidden_translations"),
}


def documents_read(generator):
    kind = "pages" if hasattr(generator, "draft_pages") else "articles"
    unpublished = [getattr(generator, name, []) for name in UNPUBLISHED_LISTS[kind]]
    for hook in hooks(generator.settings, "documents_read"):
        hook(build_of(generator), getattr(generator, kind), unpublished)


def static_files_read(generator):
    for hook in hooks(generator.settings, "static_files_read"):
        hook(build_of(generator), generator.staticfiles)


# --- the features' context and files ---


class FeaturesGenerator(Generator):
    """Every feature's context (in FEATURES order), then every feature's files."""

    def generate_context(self):
        self.records = records_for(self.settings)
        build = build_of(self)
        self.states = []
        for feature in features(self.settings):
            context = getattr(feature, "context", None)
            if context:
                self.context.update(context(self.records, self.settings))
            state = getattr(feature, "state", None)
            self.states.append((feature, state(build) if state else build))

    def generate_output(self, writer):
        later = _overviews.get()
        for feature, state in self.states:
            write = getattr(feature, "write", None)
            if write:
                write(state, writer)
            outputs = getattr(feature, "outputs", None)
            if outputs:
                outputs = outputs(self.records, self.settings)
                if later is not None:  # make serve's first pass: its overviews once the rest is served (`run`)
                    outputs = list(outputs)
                    later.append((state, writer, [o for o in outputs if o.overview], self.output_path))
                    outputs = [o for o in outputs if not o.overview]
                written_noted(state, writer, outputs, self.output_path)


def written_noted(state, writer, outputs, output_path):
    """`write_outputs` of `outputs`, each page among them that is made noted as a page of the pass under way
    (see `_pages`): written, or taken over by make serve from its last good build. Noted as `write_outputs`
    gives them, relative to `output_path` (54,000 pages at 10,000 sensors: no path is joined or resolved)."""
    pages = _pages.get()
    if pages is None:
        write_outputs(state, writer, outputs)
        return
    made = []
    pages.append((output_path, made))
    write_outputs(state, writer, outputs, pages=made)


def get_generators(pelican):
    return FeaturesGenerator


# Set while `run` (or a bare run's `finalized`) drives the passes: a Pelican run then leaves the further
# passes and the `finished` hooks to it. `written`: the paths the current pass's writer wrote. `pages`: the
# declared pages the current pass made (`written_noted`), written or taken over by make serve; with the HTML its
# writer wrote, they are the pass's pages (a `finished` hook taking `pages` receives them: the sitemap).
_driven = ContextVar("passes_driven", default=False)
_written = ContextVar("pass_written", default=None)
_pages = ContextVar("pass_pages", default=None)

# Set by `run` for a first pass whose FIRST_PASS_DONE is waiting: [(state, writer, outputs, output folder)] of the
# overview outputs (site_outputs.Output.overview) each feature leaves for after the pass's other files are served.
_overviews = ContextVar("overviews_later", default=None)

# A setting: a callable that `run` calls as `done(settings, later)` once the first run has written its pages, `later`
# being the paths of the overview files it writes next, and again as `done(settings, [])` once those are written
# (when there were any): make serve serves the first language's pages meanwhile.
FIRST_PASS_DONE = "FIRST_PASS_DONE"


def run(settings):
    """A whole build: the first Pelican run, then each further pass in a run of its own, then every `finished`.

    The first run has returned before the next starts: nothing of it but what the build cache keeps
    (records read from files, shared by every pass: `site_records.share`) stays in memory."""
    first_pass_done = settings.get(FIRST_PASS_DONE)
    token, written, made = _driven.set(True), _written.set([]), _pages.set([])
    overviews = _overviews.set(None if first_pass_done is None else [])
    try:
        Pelican(settings).run()
        if first_pass_done is not None:
            write_overviews(settings, first_pass_done)
        first, first_pages = _written.get(), _pages.get()
    finally:
        _overviews.reset(overviews)
        _pages.reset(made)
        _written.reset(written)
        _driven.reset(token)
    further_passes_and_finished(settings, settings["OUTPUT_PATH"], first, first_pages)


def write_overviews(settings, first_pass_done):
    """Tell `first_pass_done` the pass is written but for its overviews, write them (each feature's in FEATURES
    order, so that one reading another's file, as the catalogue reads the exports' sizes, finds it written), and
    tell it again once they are."""
    later = _overviews.get()
    paths = [output.path for *_, outputs, _folder in later for output in outputs
             if output.make is not None and not output.pattern]  # fmt: skip
    first_pass_done(settings, paths)
    if not paths:
        return
    for state, writer, outputs, output_path in later:
        written_noted(state, writer, outputs, output_path)
    later.clear()  # the first run's states go before the further passes start
    first_pass_done(settings, [])


def finalized(pelican):
    if not _driven.get():  # a bare `pelican` run: the further passes run inside it
        further_passes_and_finished(pelican.settings, pelican.output_path)


def further_passes_and_finished(settings, output_path, first_written=None, first_pages=None):
    """Every further pass, then every `finished` hook. `first_written`, `first_pages`: the first run's (see
    `_pages`); without them (a bare `pelican` run) the pages are not known, and a hook finds them itself."""
    pages = None if first_written is None else pages_below(output_path, first_written, first_pages or ())
    token = _driven.set(True)  # the passes' own runs leave `finished` to this
    try:
        for passes in hooks(settings, "further_passes"):
            for pass_settings, finish in passes(settings, output_path, first_written):
                share(settings, pass_settings)  # its records are the first's, in its language: nothing is read again
                written, made = _written.set([]), _pages.set([])
                try:
                    Pelican(pass_settings).run()
                    finish(_written.get())
                    if pages is not None:
                        pages |= pages_below(output_path, _written.get(), _pages.get())
                finally:
                    _pages.reset(made)
                    _written.reset(written)
                del pass_settings, finish
    finally:
        _driven.reset(token)
    for finished in hooks(settings, "finished"):
        if pages is not None and "pages" in inspect.signature(finished).parameters:
            finished(settings, output_path, pages=sorted(pages))
        else:
            finished(settings, output_path)


def pages_below(output_path, paths, made=()):
    """{path relative to `output_path` ('sensoren/x/index.html')} of the HTML files among `paths` (as Pelican's
    writer names them) in that folder, and among `made` ([(a pass's output folder, [paths relative to it])], see
    `written_noted`)."""
    prefix = os.path.join(os.path.abspath(output_path), "")
    found = {path[len(prefix):].replace(os.sep, "/") for path in map(os.path.abspath, paths)
             if path.startswith(prefix) and path.endswith(".html")}  # fmt: skip
    for folder, relative in made:
        folder = os.path.join(os.path.abspath(folder), "")
        if not folder.startswith(prefix):
            continue
        lead = folder[len(prefix):].replace(os.sep, "/")
        plain = [path for path in relative if _plain(path)]
        found.update(lead + path for path in plain if path.endswith(".html"))
        if len(plain) < len(relative):  # a path to resolve as the writer does: rare
            found |= pages_below(output_path, [folder + path for path in relative if not _plain(path)])
    return found


def _plain(path):
    """Whether a relative path names its file as it is ('a/b.html', not './a//../b.html')."""
    return "//" not in path and "/." not in path and not path.startswith((".", "/"))


def content_written(path, context=None):
    """Pelican's writer wrote `path`: kept for the pass under way (see further_passes_and_finished)."""
    written = _written.get()
    if written is not None:
        written.append(path)


class NoTracebackForEditors(logging.Filter):
    """Pelican logs a failed build with its traceback; an editor's mistake is listed above it already."""

    def filter(self, record):
        if record.exc_info and isinstance(record.exc_info[1], ContentError):
            record.exc_info = None
        return True


_no_traceback_for_editors = NoTracebackForEditors()


def register():
    logging.getLogger("pelican").addFilter(_no_traceback_for_editors)  # once, however often registered
    signals.initialized.connect(initialized)
    signals.readers_init.connect(readers_init)
    signals.generator_init.connect(generator_init)
    signals.article_generator_finalized.connect(documents_read)
    signals.page_generator_finalized.connect(documents_read)
    signals.static_generator_finalized.connect(static_files_read)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(finalized)
    signals.content_written.connect(content_written)
