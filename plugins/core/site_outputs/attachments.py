# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Attachments are published without what their software wrote into them unasked.

A PDF's document information (author, organisation, software, dates) and XMP metadata, and an
ODT's `meta.xml` (creator, editing history, generator, user-defined fields), say who wrote and
edited a document: the municipality's own Woo platform strips them before publishing, so does
the site. The Woo also forbids publishing officials' names beyond what is needed, so names and
dates that ride along elsewhere in the file go too, or stop the file at `make check`:

Removed (what the reader sees is unchanged):
- PDF: the document information, XMP (`/Metadata`) and `/PieceInfo` of every object, `/LastModified`,
  entries in the catalogue, on pages and in the trailer that the PDF standard does not define (a
  producer's own fields), a thread's information dictionary (`/I`: title, author), the `/Creator` of
  optional-content settings, and the author (`/T`) and dates (`/M`, `/CreationDate`) of links and other
  annotations that are not review marks (a form field's `/T` is its name and stays). qpdf (`pikepdf`)
  writes one revision: earlier saves (edit history) and objects nothing refers to are not written.
- ODT: in `meta.xml` everything outside title, subject, description, keywords, language and statistics,
  and anything beside `<office:meta>`; in `settings.xml` the printer (`PrinterName`, `PrinterSetup`, which
  holds the printer's and often the user's name) and the database the document was merged with; XML
  comments; in the zip, each part's date, comment and extra fields (the time and owner of the save).
  `Thumbnails/thumbnail.png` (a picture of page 1) and `Configurations2/` (toolbars and menus, nobody's
  name) stay: they are content and layout.

Refused at `make check`, naming the file in Dutch (never published with a name in it):
- review marks: a PDF comment or other markup annotation (Text, FreeText, Popup, Highlight, Ink,
  Stamp, Redact...), an ODT comment (`<office:annotation>`) or tracked change (`<text:changed-region>`).
  Each names its author and date, and its text is a remark (or, in a tracked deletion, text) the
  editor did not mean to publish; removing only the name would still publish the remark, removing the
  mark changes what the reader sees (and an unapplied PDF redaction still hides the text under it).
  Only the editor can accept or remove them, so the file is refused with that hint.
- files embedded in a PDF (`/EmbeddedFiles`, `/AF`, file attachment annotations, portfolios): unknown
  content with metadata of its own, published unseen.
- a digitally signed PDF or ODT: the signature names its signer and does not survive the rewrite.

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
from collections import Counter
from pathlib import Path, PurePosixPath

import pikepdf
from editor_files.memo import store
from editor_files.messages import msg
from editor_files.problems import ContentError, Problem, editor_path
from lxml import etree

NAMESPACES = {
    "config": "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def _tag(qualified):
    prefix, name = qualified.split(":")
    return f"{{{NAMESPACES[prefix]}}}{name}"


# What an ODT's meta.xml keeps: what the document is, never who made or edited it, nor with what.
KEPT_META = {_tag(name) for name in ("dc:title", "dc:subject", "dc:description", "dc:language", "meta:keyword",
                                     "meta:document-statistic")}  # fmt: skip
# settings.xml items that name a printer (and often its user's queue) or the database a letter was merged with.
# (Layout settings such as PrinterIndependentLayout stay: they change how the pages look.)
PERSONAL_SETTINGS = {"PrinterName", "PrinterSetup", "PrintFaxName", "CurrentDatabaseDataSource",
                     "CurrentDatabaseCommand", "CurrentDatabaseCommandType", "RedlineProtectionKey"}  # fmt: skip
# A zip whose parts unpack to more than this is refused (a zip bomb would fill memory and disk).
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
# What a damaged zip raises while it is read (a bad header, a bad compressed stream, a method zipfile lacks,
# a part marked as encrypted).
UNREADABLE_ZIP = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, EOFError, NotImplementedError,
                  OSError, ValueError, RuntimeError)  # fmt: skip
META_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
# Where an ODT keeps its signatures (the signer's certificate: name, often e-mail).
SIGNATURES = {"META-INF/documentsignatures.xml", "META-INF/macrosignatures.xml"}
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # every part gets the same date: the zip does not tell when it was saved

# The keys the PDF standard (ISO 32000-2) defines for the catalogue, a page and the trailer; any other is a
# producer's own field, which nobody reads but may carry a name.
CATALOGUE_KEYS = {"/Type", "/Version", "/Extensions", "/Pages", "/PageLabels", "/Names", "/Dests", "/ViewerPreferences",
                  "/PageLayout", "/PageMode", "/Outlines", "/Threads", "/OpenAction", "/AA", "/URI", "/AcroForm",
                  "/StructTreeRoot", "/MarkInfo", "/Lang", "/OutputIntents", "/OCProperties", "/Perms", "/Legal",
                  "/Requirements", "/Collection", "/NeedsRendering", "/DSS", "/AF", "/DPartRoot"}  # fmt: skip
PAGE_KEYS = {"/Type", "/Parent", "/Resources", "/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox",
             "/BoxColorInfo", "/Contents", "/Rotate", "/Group", "/Thumb", "/B", "/Dur", "/Trans", "/Annots", "/AA",
             "/StructParents", "/ID", "/PZ", "/SeparationInfo", "/Tabs", "/TemplateInstantiated", "/PresSteps",
             "/UserUnit", "/VP", "/AF", "/OutputIntents", "/DPart"}  # fmt: skip
TRAILER_KEYS = {"/Root", "/Size", "/ID", "/Encrypt"}
# Markup annotations (ISO 32000-2, 12.5.6.2) carry an author, dates and a remark: review marks, not content.
REVIEW_MARKS = {"/Text", "/FreeText", "/Popup", "/Line", "/Square", "/Circle", "/Polygon", "/PolyLine", "/Highlight",
                "/Underline", "/Squiggly", "/StrikeOut", "/Caret", "/Ink", "/Stamp", "/Sound", "/Redact",
                "/Projection"}  # fmt: skip
# Fields of any other annotation that say who made it and when.
ANNOTATION_PEOPLE = ("/T", "/M", "/CreationDate")
EVERYWHERE = ("/Metadata", "/PieceInfo", "/LastModified")


UNREADABLE_HINT = msg("open it and save it again as PDF or ODT (a password-protected or damaged file cannot be "
                      "published)")
REVIEW_HINT = msg("accept or remove the comments and tracked changes before publishing")
PDF_REVIEW_HINT = msg("remove the comments and other review marks before publishing, or print the document to PDF "
                      "again")
EMBEDDED_HINT = msg("publish each embedded file as an attachment of its own, and save the PDF again without them")
SIGNED_HINT = msg("publish an unsigned copy (a signature names its signer and no longer holds once metadata is "
                  "removed)")


class UnreadableAttachment(Exception):
    """An attachment that cannot be published without what it carries: it is not published.

    Carries the editor's `Problem`s (`problem` is the first).
    """

    def __init__(self, problems):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.problem = self.problems[0]
        super().__init__("\n".join(str(problem) for problem in self.problems))


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


# --- PDF ---


def pdf_without_metadata(data, shown):
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            _strip_pdf(pdf)
            out = io.BytesIO()
            pdf.save(out, deterministic_id=True)  # the same file gives the same bytes, build after build
            repairs = pdf.get_warnings()
        if repairs:
            # A damaged file is guessed at by qpdf: its metadata may end up where it cannot be told from content.
            raise unreadable(shown, msg("the PDF is damaged ({repairs})", repairs=_short(repairs[0])))
        # What is written is what is judged: only objects the published file still refers to.
        with pikepdf.open(io.BytesIO(out.getvalue())) as written:
            refused = _refused_in_pdf(written)
    except pikepdf.PasswordError as error:
        raise unreadable(shown, msg("the PDF is protected with a password")) from error
    except (pikepdf.PdfError, ValueError, RuntimeError, RecursionError) as error:
        raise unreadable(shown, msg("the PDF cannot be read ({error})", error=_short(error))) from error
    if refused:
        raise UnreadableAttachment([Problem(shown, 1, "file", message, hint) for message, hint in refused])
    return out.getvalue()


def _strip_pdf(pdf):
    for key in set(pdf.trailer.keys()) - TRAILER_KEYS:
        del pdf.trailer[key]
    _keep_only(pdf.Root, CATALOGUE_KEYS)
    for page in pdf.pages:
        _keep_only(page.obj, PAGE_KEYS)
    for holder in [pdf.Root, *pdf.objects]:  # XMP sits on the catalogue, and may sit on pages, pictures and fonts
        if not _is_dictionary(holder):
            continue
        for key in EVERYWHERE:
            if key in holder:
                del holder[key]
        if _is_annotation(holder) and holder.get("/Subtype") not in REVIEW_MARKS:
            for key in ANNOTATION_PEOPLE:
                if key in holder and not (key == "/T" and holder.get("/Subtype") == "/Widget"):  # a field's name
                    del holder[key]
    for thread in _array(pdf.Root.get("/Threads")):
        if _is_dictionary(thread) and "/I" in thread:
            del thread["/I"]  # a thread's title, author, dates
    optional_content = pdf.Root.get("/OCProperties")
    if _is_dictionary(optional_content):
        for configuration in [optional_content.get("/D"), *_array(optional_content.get("/Configs"))]:
            if _is_dictionary(configuration) and "/Creator" in configuration:
                del configuration["/Creator"]


def _refused_in_pdf(pdf):
    """(message, hint) for each kind of content that cannot be published: review marks, embedded files, signatures."""
    pages = {annotation.objgen: number for number, page in enumerate(pdf.pages, start=1)
             for annotation in _array(page.obj.get("/Annots")) if annotation.is_indirect}  # fmt: skip
    marks, first_page, embedded, signed = Counter(), None, 0, False
    names = pdf.Root.get("/Names")
    embedded_tree = _is_dictionary(names) and "/EmbeddedFiles" in names
    for thing in [pdf.Root, *pdf.objects]:
        if not _is_dictionary(thing):
            continue
        subtype = thing.get("/Subtype")
        if thing.get("/Type") == "/EmbeddedFile" or "/EF" in thing or "/AF" in thing or subtype == "/FileAttachment":
            embedded += thing.get("/Type") == "/EmbeddedFile"
            embedded_tree = True
        elif _is_annotation(thing) and subtype in REVIEW_MARKS:
            marks[str(subtype)[1:]] += 1
            page = pages.get(thing.objgen) if thing.is_indirect else None
            first_page = min(filter(None, (first_page, page)), default=None)
        if thing.get("/Type") == "/Sig" or ("/ByteRange" in thing and "/Contents" in thing):
            signed = True
    refused = []
    if marks:
        count, kinds = sum(marks.values()), ", ".join(sorted(marks))
        if first_page:
            message = (msg("the PDF holds {count} comment(s) or other review mark(s) ({kinds}) from page {first_page} "
                           "on, which name their author", count=count, kinds=kinds, first_page=first_page))  # fmt: skip
        else:  # only reachable from elsewhere (the structure tree): not shown, but published all the same
            message = msg("the PDF holds {count} comment(s) or other review mark(s) ({kinds}), which name their "
                          "author", count=count, kinds=kinds)
        refused.append((message, PDF_REVIEW_HINT))
    if embedded_tree or pdf.Root.get("/Collection") is not None:
        refused.append((msg("the PDF holds embedded files ({embedded} found), with content and metadata of their own",
                            embedded=embedded),
                        EMBEDDED_HINT))  # fmt: skip
    if signed:
        refused.append((msg("the PDF is digitally signed"), SIGNED_HINT))
    return refused


def _is_dictionary(thing):
    return isinstance(thing, (pikepdf.Dictionary, pikepdf.Stream))


def _is_annotation(thing):
    return thing.get("/Type") == "/Annot" or ("/Subtype" in thing and "/Rect" in thing and not _is_stream(thing))


def _is_stream(thing):
    return isinstance(thing, pikepdf.Stream)


def _array(thing):
    return list(thing) if isinstance(thing, pikepdf.Array) else []


def _keep_only(dictionary, keys):
    for key in set(dictionary.keys()) - keys:
        del dictionary[key]


# --- ODT ---


def odt_without_metadata(data, shown):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            parts = source.infolist()
            if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
                raise unreadable(shown, msg("the ODT unpacks to more than 512 MB"))
            out, problems = io.BytesIO(), []
            with zipfile.ZipFile(out, "w") as published:
                for part in parts:  # same order, same compression: `mimetype` stays first and stored
                    content, found = odt_part_without_people(part.filename, source.read(part), shown)
                    problems += found
                    published.writestr(_bare(part), content)
                if any(part.filename in SIGNATURES for part in parts):
                    problems.append(Problem(shown, 1, "file", msg("the ODT is digitally signed"), SIGNED_HINT))
    except UNREADABLE_ZIP as error:
        raise unreadable(shown, msg("the ODT cannot be read ({error})", error=_short(error))) from error
    if problems:
        raise UnreadableAttachment(problems)
    return out.getvalue()


def _bare(part):
    """The part's name and compression only: no date, comment or extra fields (time and owner of the save)."""
    bare = zipfile.ZipInfo(part.filename, ZIP_EPOCH)
    bare.compress_type = part.compress_type
    bare.external_attr = 0o644 << 16 if not part.is_dir() else (0o755 << 16) | 0x10
    return bare


def odt_part_without_people(name, content, shown):
    """(the part as published, [Problem]) for one part of an ODT; embedded objects (`Object 1/`) alike."""
    base = PurePosixPath(name).name
    if base not in ("meta.xml", "content.xml", "styles.xml", "settings.xml"):
        return content, []
    try:
        root = etree.fromstring(content, META_PARSER)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise unreadable(shown,
                         msg("the ODT's {name} cannot be read ({error})", name=name, error=_short(error))) from error
    changed = _drop_comments(root)
    if base == "meta.xml":
        return meta_without_people(root), []
    if base == "settings.xml":
        changed |= _drop_personal_settings(root)
        return (_serialised(root) if changed else content), []
    problems = review_marks(root, name, shown)
    return (_serialised(root) if changed else content), problems


def review_marks(root, name, shown):
    """Comments and tracked changes in content.xml or styles.xml: named, never published."""
    comments = sum(1 for _ in root.iter(_tag("office:annotation")))
    changes = sum(1 for _ in root.iter(_tag("text:changed-region")))
    problems = []
    if comments:
        problems.append(Problem(shown, 1, "file",
                                msg("the ODT's {name} holds {comments} comment(s), which name their author and date",
                                    name=name, comments=comments), REVIEW_HINT))  # fmt: skip
    if changes:
        problems.append(Problem(shown, 1, "file",
                                msg("the ODT's {name} holds {changes} tracked change(s), which name their author and "
                                    "date and keep deleted text", name=name, changes=changes),
                                REVIEW_HINT))  # fmt: skip
    return problems


def meta_without_people(root):
    """meta.xml with only the fields that describe the document (KEPT_META), and nothing beside them."""
    for child in list(root):
        if child.tag != _tag("office:meta"):
            root.remove(child)
    for meta in root.iter(_tag("office:meta")):
        for child in list(meta):
            if child.tag not in KEPT_META:
                meta.remove(child)
    return _serialised(root)


def _drop_personal_settings(root):
    items = [item for item in root.iter(_tag("config:config-item"))
             if item.get(_tag("config:name")) in PERSONAL_SETTINGS]  # fmt: skip
    for item in items:
        item.getparent().remove(item)
    return bool(items)


def _drop_comments(root):
    """XML comments and processing instructions: nobody reads them, anybody may have written a name in them."""
    found = [node for node in root.iter(etree.Comment, etree.ProcessingInstruction)]
    for node in found:
        node.getparent().remove(node)
    return bool(found)


def _serialised(root):
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _short(error, length=80):
    # qpdf names the in-memory stream it read ("stream <_io.BytesIO object at 0x...>: "): not the editor's file.
    text = re.sub(r"^stream <[^>]*>\s*(?:\([^)]*\))?:\s*", "", " ".join(str(error).split())) or type(error).__name__
    return text if len(text) <= length else text[: length - 3] + "..."


STRIPPERS = {".pdf": pdf_without_metadata, ".odt": odt_without_metadata}
# Kept by content: a preview rebuild copies unchanged attachments without rewriting them.
PUBLISHED_KEPT = 200


def attachment_problems(settings):
    """For `make check`: every PDF or ODT under content/ that cannot be published without what it carries."""
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
                    problems.extend(error.problems)
    return problems


def publish_bytes(source, root):
    """The attachment at `source` without its metadata (ContentError when it cannot be published)."""
    try:
        return published_bytes(source, editor_path(source, root))
    except UnreadableAttachment as error:
        raise ContentError(error.problems, msg("The attachments")) from None


def publish(source, target, root):
    """Write the attachment at `source` to `target` without its metadata (ContentError when it cannot be read)."""
    data = publish_bytes(source, root)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
