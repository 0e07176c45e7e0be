"""Attachments are published without what their software wrote into them unasked.

A PDF's document information (author, organisation, software, dates) and XMP metadata, and an
ODT's `meta.xml` (creator, editing history, generator, user-defined fields), say who wrote and
edited a document: the municipality's own Woo platform strips them before publishing, so does
the site. The content is not touched: a PDF is rewritten by qpdf (`pikepdf`) with the same pages,
an ODT is the same zip with a `meta.xml` that keeps only title, subject, description, keywords,
language and statistics.

`published_bytes` is kept by the file's bytes, so `make check` (which names a file that cannot be
read) and the copy in the build do the work once.
"""

import hashlib
import io
import os
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pikepdf
from editor_files.memo import store
from editor_files.problems import ContentError, Problem, editor_path
from lxml import etree

META_NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}
# What an ODT's meta.xml keeps: what the document is, never who made or edited it, nor with what.
KEPT_META = {
    f"{{{META_NAMESPACES['dc']}}}title",
    f"{{{META_NAMESPACES['dc']}}}subject",
    f"{{{META_NAMESPACES['dc']}}}description",
    f"{{{META_NAMESPACES['dc']}}}language",
    f"{{{META_NAMESPACES['meta']}}}keyword",
    f"{{{META_NAMESPACES['meta']}}}document-statistic",
}
# A zip whose parts unpack to more than this is refused (a zip bomb would fill memory and disk).
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
# What a damaged zip raises while it is read (a bad header, a bad compressed stream, a method zipfile lacks,
# a part marked as encrypted).
UNREADABLE_ZIP = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, EOFError, NotImplementedError,
                  OSError, ValueError, RuntimeError)  # fmt: skip
META_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


UNREADABLE_HINT = "open it and save it again as PDF or ODT (a password-protected or damaged file cannot be published)"


class UnreadableAttachment(Exception):
    """An attachment whose metadata cannot be removed: it is not published. Carries the editor's `Problem`."""

    def __init__(self, problem):
        super().__init__(str(problem))
        self.problem = problem


def unreadable(shown, message):
    return UnreadableAttachment(Problem(shown, 1, "file", message, UNREADABLE_HINT))


def published_bytes(path, shown):
    """The attachment at `path` as published (metadata removed); raises UnreadableAttachment naming `shown`."""
    data = Path(path).read_bytes()
    key = (Path(path).suffix.lower(), hashlib.sha256(data).hexdigest(), shown)
    kept = store("attachments", PUBLISHED_KEPT).get(key, lambda: _without_metadata(key[0], data, shown))
    if isinstance(kept, UnreadableAttachment):
        raise kept
    return kept


def _without_metadata(suffix, data, shown):
    try:
        return STRIPPERS[suffix](data, shown)
    except UnreadableAttachment as error:
        return error  # kept too: a file that cannot be read is not tried again until it changes


def pdf_without_metadata(data, shown):
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            # XMP sits on the catalogue, and may sit on pages, pictures and fonts too.
            for holder in [pdf.Root, *pdf.objects]:
                if isinstance(holder, (pikepdf.Dictionary, pikepdf.Stream)):
                    for key in ("/Metadata", "/PieceInfo"):
                        if key in holder:
                            del holder[key]
            out = io.BytesIO()
            pdf.save(out, deterministic_id=True)  # the same file gives the same bytes, build after build
            repairs = pdf.get_warnings()
    except pikepdf.PasswordError as error:
        raise unreadable(shown, "the PDF is protected with a password") from error
    except (pikepdf.PdfError, ValueError, RuntimeError) as error:
        raise unreadable(shown, f"the PDF cannot be read ({_short(error)})") from error
    if repairs:
        # A damaged file is guessed at by qpdf: its metadata may end up where it cannot be told from content.
        raise unreadable(shown, f"the PDF is damaged ({_short(repairs[0])})")
    return out.getvalue()


def odt_without_metadata(data, shown):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            parts = source.infolist()
            if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
                raise unreadable(shown, "the ODT unpacks to more than 512 MB")
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as published:
                for part in parts:  # same order, same compression: `mimetype` stays first and stored
                    content = source.read(part)
                    if part.filename == "meta.xml":
                        content = meta_without_people(content, shown)
                    published.writestr(part, content)
            return out.getvalue()
    except UNREADABLE_ZIP as error:
        raise unreadable(shown, f"the ODT cannot be read ({_short(error)})") from error


def meta_without_people(content, shown):
    """meta.xml with only the fields that describe the document (KEPT_META)."""
    try:
        root = etree.fromstring(content, META_PARSER)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise unreadable(shown, f"the ODT's meta.xml cannot be read ({_short(error)})") from error
    for meta in root.iter(f"{{{META_NAMESPACES['office']}}}meta"):
        for child in list(meta):
            if child.tag not in KEPT_META:
                meta.remove(child)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _short(error, length=80):
    # qpdf names the in-memory stream it read ("stream <_io.BytesIO object at 0x...>: "): not the editor's file.
    text = re.sub(r"^stream <[^>]*>\s*(?:\([^)]*\))?:\s*", "", " ".join(str(error).split())) or type(error).__name__
    return text if len(text) <= length else text[: length - 3] + "..."


STRIPPERS = {".pdf": pdf_without_metadata, ".odt": odt_without_metadata}
# Kept by content: a preview rebuild copies unchanged attachments without rewriting them.
PUBLISHED_KEPT = 200


def attachment_problems(settings):
    """For `make check`: every PDF or ODT under content/ that cannot be published without its metadata."""
    content = Path(settings["PATH"])
    root = content.absolute().parent
    problems = []
    for directory, folders, names in os.walk(content):  # links are not followed (named elsewhere)
        folders.sort()
        for name in sorted(names):
            path = Path(directory) / name
            if path.suffix.lower() in STRIPPERS and path.is_file() and not path.is_symlink():
                try:
                    published_bytes(path, editor_path(path, root))
                except UnreadableAttachment as error:
                    problems.append(error.problem)
    return problems


def publish_bytes(source, root):
    """The attachment at `source` without its metadata (ContentError when it cannot be read)."""
    try:
        return published_bytes(source, editor_path(source, root))
    except UnreadableAttachment as error:
        raise ContentError([error.problem], "The attachments") from None


def publish(source, target, root):
    """Write the attachment at `source` to `target` without its metadata (ContentError when it cannot be read)."""
    data = publish_bytes(source, root)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
