# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Every file the build writes, declared once.

A plugin's module-level `outputs(records, settings)` yields one `Output` per file it writes (or a
pattern for a folder a tool fills, such as `pagefind/*`). The same declarations drive:

- writing: `write_outputs` renders or copies each one, through Pelican's writer and its guard
  against writing a path twice (`make serve` may take a page over from the last build first);
- the check that nobody takes another's file (`collisions`): a second claim on a path is named at
  the editor's file and line that made it (a layer's or dataset's id, a document's folder or name,
  a page's Slug, URL or Save_as), with the owner that had it first;
- the sitemap's and search's view of the site, the open-data catalogue and the test that compares
  what is declared with what is on disk, both ways;
- what `make serve` may take over from its last good build, decided from what the output is made of,
  never from a key written by hand: an `Output` that declares its `inputs` is made by
  `make(build, *inputs)`, and is taken over before anything is made while they and the context values
  it `reads` are unchanged (the records among them are compared by their digest, made once while a
  record lives); a `Page` of an output that declares none is what its template receives, so its
  dependencies are its `variables` (view objects) and the context values it `reads` (`dependencies`);
  a `Derived` file is `function(*inputs)`, compared by those.

Nothing is made while declaring: `make` runs only when the file is written. No Pelican import here.
A `make` receives a `Build` (the settings, the shared context, the output folder, the templates) or a
feature's own state object made from it; `pelican_adapter` makes the one `Build` of a Pelican run.
"""

import importlib
import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from editor_files.memo import build_cache
from editor_files.messages import msg
from editor_files.problems import Problem

__all__ = ["Output", "Page", "Derived", "Claims", "Build", "feature_modules", "normalised", "record_free", "declared",
           "kept_output", "collisions", "claimant", "write_outputs", "write_file", "is_pattern"]


class Build:
    """What a feature makes its files with: the settings, the context every template receives (shared by
    the whole build), the output folder and `get_template(name)` (the theme's Jinja templates).

    `pelican_adapter` makes one per build; a feature's state object extends it (`super().__init__(*build.parts())`)
    and is what its `make`s and `write_outputs` receive. Plain Python: a test makes one with a Jinja environment.
    """

    def __init__(self, settings, context, output_path, get_template):
        self.settings, self.context, self.output_path, self.get_template = settings, context, output_path, get_template

    def parts(self):
        return self.settings, self.context, self.output_path, self.get_template


def feature_modules(settings):
    """The modules of FEATURES, in that order: what the build writes and describes (see `pelican_adapter`)."""
    return [importlib.import_module(name) for name in settings.get("FEATURES", [])]


@dataclass(frozen=True)
class Page:
    """A page rendered from a theme template with these variables (besides the site's context).

    `reads`: the names of context values made from records (not from settings or the theme) that
    the template reads besides `variables`, e.g. `sensor_history`: a change in one counts too.
    """

    template: str
    variables: dict
    reads: tuple = ()


class Derived:
    """A file that is not a page, `function(*inputs)`: `make serve` takes it over from its last good build
    while its inputs are unchanged (a feed of 10,000 sensors' feeds). The function receives only its
    inputs, so nothing it is made of can be left out of what is compared: give it plain functions or
    values, not a closure over the build."""

    __slots__ = ("function", "inputs")

    def __init__(self, function, *inputs):
        self.function, self.inputs = function, inputs

    def content(self):
        return self.function(*self.inputs)


@dataclass(slots=True)  # never changed once made; not frozen: a frozen one takes 4x as long to make (100,000 a save)
class Output:
    """One file of the build.

    `make(build, *inputs)` (a `Build`, or its owner's state object) gives a `Page`, a `Derived`, text,
    bytes or a `Path` to copy; `None` means another step writes it (Pelican's own pages, the search
    indexer, the sitemap at the end).

    `inputs`: what the file is made of besides what every build's settings, theme and other source files
    decide (records, and values made from them), or None. An output with inputs is taken over by `make
    serve` from its last good build before anything is made while its inputs and the context values it
    `reads` are unchanged: `make` must find every record it shows in them (a sensor page: the sensor,
    its dossiers, its stories), never in the build's records. One without is made first, and a `Page`
    of it is taken over when its `dependencies` (what its template receives) are unchanged.
    `source` is the editor's `file:line` that decided the path, if any.

    `overview`: the file shows every record of a kind, or many of them (a list of the whole register, an export,
    a map's data, an owner's sheet of signs, the Woo-index), so a save of any of them makes it again. `make
    serve` writes these last, after it has served the pass's other files: the open tab shows the page of the
    record saved meanwhile, and a request for an overview is answered from the last complete build until it is
    written (pelican_adapter's FIRST_PASS_DONE). A full build writes every file in declaration order.
    """

    path: str
    owner: str
    make: Callable | None = None
    source: str = ""
    exclusive: bool = True  # a pattern that other generated files may not fall in (False: only editors')
    inputs: tuple | None = None
    reads: tuple = ()  # with `inputs`: names of context values made from records that `make` reads
    overview: bool = False  # shows every record of a kind, or many (see below)

    @property
    def pattern(self):
        return is_pattern(self.path)


def is_pattern(path):
    return "*" in path


def kept_output(settings, owner, objects, rest, make, *arguments):
    """The `Output` that `make(*arguments)` gives, kept by `objects` (the records it is made of, by identity) and
    `rest` (hashable values: everything else its declaration uses): the same object while they are the same.

    `owner`: a name for the plugin's store. At 10,000 sensors a build declares ~30,000 outputs of one record each
    twice (the check, then the writing); a save changes a few records, the build cache keeps the other records'
    objects, so their outputs are found instead of made, and make serve compares one by its identity (see
    live_preview.reuse)."""
    kept = build_cache(settings).store(f"outputs of {owner}", RECORD_OUTPUTS_KEPT)
    return kept.for_objects(objects, rest, lambda: make(*arguments))


RECORD_OUTPUTS_KEPT = 100_000  # per plugin: one output per record, kept for a build and the one before


def record_free(outputs):
    """Marks an `outputs(records, settings)` that reads no records: `make check` uses it even while an
    editor's file keeps the records from being read, so that every address problem shows in one run."""
    outputs.record_free = True
    return outputs


def declared(records, settings, modules):
    """Every output of the build: each module's `outputs(records, settings)`, in module order."""
    found = []
    for module in modules:
        outputs = getattr(module, "outputs", None)
        if outputs:
            found.extend(outputs(records, settings))
    return found


class Claims:
    """Paths already taken, and by whom: files, the folders they sit in, and folders a tool fills ('pagefind/*').

    A path is taken when it is a file already claimed, a folder some claimed file sits in, lies under
    a file already claimed (a folder cannot be where a file is), or matches a pattern. With
    `inside=True` (an editor's page) a path inside a folder where the build itself writes is taken
    too: a section of the site (/sensoren/, /kaart/, /open-data/, the theme) is the site's own, and a
    page there would also bring its attachments into it. Paths compare without regard to case, as
    they do on the file systems of Windows and macOS, where editors preview the site.
    """

    def __init__(self):
        self.files, self.folders, self.own_folders, self.patterns = {}, {}, {}, {}

    def add(self, path, owner, generated=True):
        key = path.casefold()
        if is_pattern(path):
            self.patterns[key] = owner
            if key.endswith("/*"):  # a folder a tool fills: the folder itself is taken too
                self.folders.setdefault(key[:-2], owner)
                self.own_folders.setdefault(key[:-2], owner)
            return
        self.files[key] = owner
        for folder in parents(key):
            self.folders.setdefault(folder, owner)
            if generated:
                self.own_folders.setdefault(folder, owner)

    def owner(self, path, inside=False):
        """Whoever has `path` already, or None."""
        key = path.casefold()
        found = self.files.get(key) or self.folders.get(key.rstrip("/"))
        for folder in parents(key) if found is None else ():
            found = self.files.get(folder) or (self.own_folders.get(folder) if inside else None) or next(
                (owner for pattern, owner in self.patterns.items() if fnmatchcase(folder, pattern)), None)
            if found is not None:
                break
        if found is None:
            found = next((owner for pattern, owner in self.patterns.items() if fnmatchcase(key, pattern)), None)
        return found


def parents(path):
    """'a/b/c.html' -> ['a', 'a/b']."""
    parts = path.split("/")
    return ["/".join(parts[:end]) for end in range(1, len(parts))]


def normalised(path):
    """The file a page's path names once Pelican's writer has resolved it ('./a/../b' -> 'b'), or None
    when it lies outside the site ('../x')."""
    relative = path.replace("\\", "/").lstrip("/")
    if not relative:
        return ""
    normal = posixpath.normpath(relative)
    if normal == ".." or normal.startswith("../"):
        return None
    return "" if normal == "." else normal


def claimant(output):
    return f"{output.owner} ({output.source})" if output.source else output.owner


def collisions(outputs):
    """Problems for every path claimed twice: named at the later claim's editor file and line.

    Two claims that no editor made are the code's own mistake and raise: no editor can fix that.
    """
    patterns, claims, problems = {}, Claims(), []
    for output in outputs:
        first = patterns.get(output.path) if output.pattern else claims.owner(output.path)
        if first is None:
            if output.pattern:
                patterns[output.path] = output
            if output.exclusive:
                claims.add(output.path, output)
            continue
        editors = [o for o in (output, first) if o.source]
        if not editors:
            raise RuntimeError(f"{output.path} is declared by {output.owner} and by {first.owner}")
        taker, other = (output, first) if output.source else (first, output)
        path, line = split_source(taker.source)
        owner = claimant(other)
        problems.append(Problem(path, line, "id",
                                msg("the file /{path} is already taken by {owner}", path=output.path, owner=owner),
                                msg("choose another id or name; two files cannot share one address")))  # fmt: skip
    return problems


def split_source(source):
    """'data/layers/lagen.yml:12' -> ('data/layers/lagen.yml', 12)."""
    path, _, line = source.rpartition(":")
    return (path, int(line)) if path and line.isdigit() else (source, 0)


def write_outputs(generator, writer, outputs, pages=None):
    """Write every output that has something to make, each path once (Pelican's writer refuses twice).

    `pages`: a list that gets the path of every HTML page among them that is made (written, or taken over
    by make serve)."""
    note = pages.append if pages is not None else None
    reuse = generator.settings.get("PREVIEW_REUSE")  # make serve: pages whose inputs did not change are kept
    pages_only = bool(generator.settings.get("LANGUAGE_PASS"))  # another language's pass: the root has the rest
    context = generator.context
    read = {}  # names -> their values: one tuple per names (reuse digests them once per build)
    for output in outputs:
        if output.make is None:
            continue
        if pages_only or note is not None:
            page = output.path.endswith(".html")
            if not page and pages_only:
                continue
            if page and note is not None:
                note(output.path)
        inputs = output.inputs
        if inputs is None:
            made = output.make(generator)
            if isinstance(made, Page) and reuse is not None and reuse.kept(output.path, dependencies(made, generator)):
                continue
        else:  # decided before anything is made
            if reuse is not None:
                names = output.reads
                values = read.get(names) if names else ()
                if values is None:
                    values = read[names] = tuple(context.get(name) for name in names)
                if reuse.kept_inputs(output.path, inputs, values):
                    continue
            made = output.make(generator, *inputs)
        if isinstance(made, Derived):
            if inputs is None and reuse is not None and reuse.kept_inputs(output.path, made.inputs, ()):
                continue
            made = made.content()
        if isinstance(made, Page):
            writer.write_file(output.path, generator.get_template(made.template), generator.context,
                              **made.variables)  # fmt: skip
        else:
            write_file(writer, generator.output_path, output.path, made)


def dependencies(page, generator):
    """All a page's file follows from, besides the inputs the preview compares itself (settings, theme...):
    its template, the variables it receives, and each context value it `reads` (given as a value,
    so a caller can digest a value shared by many pages once)."""
    return page.template, page.variables, {name: generator.context.get(name) for name in page.reads}


def write_file(writer, output_folder, path, made):
    """A file that is not a template's page: text, bytes, or a copy of a source file.

    It joins the set of files Pelican's writer has written, so that either refuses a second write.
    """
    target = os.path.abspath(os.path.join(output_folder, path))  # as Pelican's writer names it
    written = writer._written_files if writer is not None else set()  # noqa: SLF001 - Pelican's own guard
    if target in written:
        raise RuntimeError(f"File {target} is to be overwritten")
    written.add(target)
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    if isinstance(made, Path):
        Path(target).write_bytes(made.read_bytes())
    elif isinstance(made, bytes):
        Path(target).write_bytes(made)
    else:
        Path(target).write_text(made, encoding="utf-8")
