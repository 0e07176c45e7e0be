# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Files editors put in content/images/ are published as they are, in the site's own origin: pictures only.

A `<meta>` Content-Security-Policy protects only the HTML page that carries it. An SVG with `<script>`
or `onload=`, or an `.xhtml`, `.xml`, `.htm` or `.shtml` file, runs script when opened directly; a
"PNG" that is really a web page may be shown as one. So:

- a picture is a `.png`, `.jpg`/`.jpeg`, `.gif` or `.webp` file whose first bytes say it is one;
- an `.svg` must be a well-formed SVG without script (named at `make check`), and is published only
  after Cloudflare's svg-hush (`py_svg_hush`, an allow-list of elements, attributes and same-origin
  URLs) has filtered it: what the check does not name is still removed;
- any other file is named, so nothing is published.
"""

import os
import re
from pathlib import Path

from editor_files.messages import msg
from editor_files.problems import Problem, editor_path
from lxml import etree
from py_svg_hush import filter_svg

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
# Suffix -> (name editors know, the first bytes a real one starts with).
PICTURE_SIGNATURES = {
    ".png": ("PNG", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("JPEG", (b"\xff\xd8\xff",)),
    ".jpeg": ("JPEG", (b"\xff\xd8\xff",)),
    ".gif": ("GIF", (b"GIF87a", b"GIF89a")),
    ".webp": ("WebP", (b"RIFF",)),  # and "WEBP" at byte 8, checked below
}
# data: pictures an SVG may carry inside it; every other data: URL is dropped by the filter.
SVG_DATA_PICTURES = {"image": ["png", "jpeg", "gif", "webp"]}
# A link that runs script or opens a document of its own; data: pictures stay (the filter keeps them).
# (A URL parser drops tabs and newlines anywhere in it, and leading spaces and control characters.)
SCRIPT_URL = re.compile(r"^[\x00-\x20]*(?:(?:javascript|vbscript):|data:(?!image/(?:png|jpeg|gif|webp)[;,]))",
                        re.IGNORECASE)  # fmt: skip
ACTIVE_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object"}
ANIMATIONS = {"set", "animate", "animateTransform", "animateMotion"}
# An SVG is read once, capped: lxml refuses deeper trees and larger text nodes than this by itself.
SVG_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def picture_folders(settings):
    """The folders under content/ whose files Pelican publishes as they are (STATIC_PATHS)."""
    content = Path(settings["PATH"])
    return [content / folder.strip("/") for folder in settings.get("STATIC_PATHS", [])]


def published_files(folder):
    """Every file Pelican would copy from a static folder (hidden names too); links are not followed."""
    for directory, folders, names in os.walk(folder):
        folders.sort()
        for name in sorted(names):
            path = Path(directory) / name
            if not path.is_symlink():  # links: named by refuse_symbolic_links
                yield path


def picture_problems(settings):
    """For `make check`: every file of content/images/ (and any other static folder) that is not a picture."""
    root = Path(settings["PATH"]).absolute().parent
    problems = []
    for folder in picture_folders(settings):
        for path in published_files(folder) if folder.is_dir() else ():
            found = picture_problem(path)
            if found:
                message, hint = found
                problems.append(Problem(editor_path(path, root), 1, "file", message, hint))
    return problems


def picture_problem(path):
    """(message, hint) when a file may not be published as a picture, else None."""
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return svg_problem(path.read_bytes())
    if suffix not in PICTURE_SIGNATURES:
        return (msg("'{name}' is not a picture: only .png, .jpg, .jpeg, .gif, .webp, .svg files are published from "
                    "this folder", name=path.name),
                msg("a web page, XML or other file here could run script on the site; remove it, or save the picture "
                    "as PNG or JPEG"))  # fmt: skip
    kind, starts = PICTURE_SIGNATURES[suffix]
    with path.open("rb") as handle:
        head = handle.read(16)
    is_real = head.startswith(starts) and (suffix != ".webp" or head[8:12] == b"WEBP")
    if not is_real:
        return (msg("is not a real {kind} picture (the file's first bytes say it is something else)", kind=kind),
                msg("save it again as {kind}; a renamed file of another type is refused", kind=kind))  # fmt: skip
    return None


def svg_problem(data):
    """(message, hint) when an SVG is not well-formed or holds script, else None."""
    try:
        tree = etree.fromstring(data, SVG_PARSER)
        filter_svg(data, SVG_DATA_PICTURES)
    except (etree.XMLSyntaxError, ValueError) as error:
        return (msg("is not a readable SVG picture ({error})", error=error),
                msg("export it again from the drawing program as plain SVG, or save it as PNG"))  # fmt: skip
    if tree.tag != f"{{{SVG_NAMESPACE}}}svg":
        return (msg("is not an SVG picture (it starts with <{localname}>)", localname=etree.QName(tree).localname),
                msg("an .svg file must be an SVG drawing; save it as PNG otherwise"))  # fmt: skip
    if tree.getroottree().docinfo.internalDTD is not None:
        return (msg("declares its own entities (<!DOCTYPE ... [ ]>), which the site refuses"),
                msg("export it again as plain SVG: a picture needs no DOCTYPE"))  # fmt: skip
    found = script_in(tree)
    if found:
        what, line = found
        return (msg("the SVG picture holds {what} (line {line}), which could run script on the site", what=what,
                    line=line),
                msg("remove it, or export the picture again as plain SVG or as PNG"))  # fmt: skip
    return None


def script_in(tree):
    """(what, line) of the first thing in an SVG that can run script, or None."""
    root = tree.getroottree().getroot()
    around = [*root.itersiblings(preceding=True), *root.itersiblings()]  # instructions before and after it
    for node in [*around, *root.iter()]:
        if isinstance(node, etree._ProcessingInstruction):
            if node.target == "xml-stylesheet":
                return msg("a style sheet instruction (<?xml-stylesheet?>)"), node.sourceline
            continue
        if not isinstance(node.tag, str):  # comments
            continue
        name = etree.QName(node)
        if name.localname in ACTIVE_ELEMENTS or name.namespace == XHTML_NAMESPACE and not _language_link(node):
            return f"<{name.localname}>", node.sourceline
        for attribute, value in node.attrib.items():
            local = etree.QName(attribute).localname
            if local.lower().startswith("on"):
                return msg("an event attribute {local}=", local=local), node.sourceline
            if local == "href" and SCRIPT_URL.match(re.sub(r"[\t\n\r]", "", value)):
                return msg("a script link ({words})", words=_first_words(value)), node.sourceline
        if name.localname in ANIMATIONS and re.search(r"href|^on", node.get("attributeName", ""), re.IGNORECASE):
            return msg("an animation of {name}=", name=node.get("attributeName")), node.sourceline
    return None


def _language_link(node):
    """A sitemap's `<xhtml:link rel="alternate" hreflang=... href=...>` (Google's language versions): it loads
    nothing and runs nothing (its href is checked below as every href is)."""
    return (etree.QName(node).localname == "link" and node.get("rel") == "alternate" and len(node) == 0
            and {etree.QName(name).localname for name in node.attrib} <= {"rel", "hreflang", "href"})  # fmt: skip


def _first_words(value, length=40):
    value = " ".join(value.split())
    return value if len(value) <= length else value[: length - 3] + "..."


def sanitised_svg(data):
    """The SVG as it is published: filtered by svg-hush (scripts, event attributes, other hosts' URLs removed)."""
    return filter_svg(data, SVG_DATA_PICTURES)
