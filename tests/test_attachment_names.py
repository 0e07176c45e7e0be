# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Attachments publish no names beyond what a reader sees (issue 18, class 9).

Names and dates of officials ride along in a PDF's annotations, embedded files and producers' own fields,
and in an ODT's comments, tracked changes, printer settings and zip entries. Each is either gone from the
published bytes (read back here, compressed parts unpacked) or names the file at `make check` in Dutch.
"""

import io
import zipfile

import pikepdf
import pytest
from conftest import check_content, copy_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from site_outputs.attachments import UnreadableAttachment, published_bytes

REVIEWER = "Piet Recensent"
INSIDER = "Klaas Intern"
NAMES = (REVIEWER, INSIDER)
PAGE_TEXT = b"BT /F1 12 Tf 20 100 Td (Camera overzicht) Tj ET"
PDF_REVIEW_HINT = "verwijder de opmerkingen en andere revisiemarkeringen voordat u publiceert, of druk het document opnieuw af als PDF"
REVIEW_HINT = "accepteer of verwijder de opmerkingen en bijgehouden wijzigingen voordat u publiceert"
PDF_FOLDER = "content/stadspanel/cameratoezicht"
ODT_FOLDER = "content/stadspanel/digitale-ethiek"


# --- PDF ---


def make_pdf(*changes):
    """A one-page PDF with text, changed by each `change(pdf, page)`, as bytes."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0]
    page.Contents = pdf.make_stream(PAGE_TEXT)
    for change in changes:
        change(pdf, page)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def annotate(subtype, **fields):
    """A change adding an annotation of `subtype` to the page; returns the change."""

    def change(pdf, page):
        annotation = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name(subtype),
                                                          Rect=[10, 10, 60, 30], **fields))  # fmt: skip
        page.obj.Annots = pikepdf.Array([*page.obj.get("/Annots", []), annotation])
        return annotation

    return change


def comment_with_popup(pdf, page):
    note = annotate("/Text", T=REVIEWER, Contents="Klopt dit wel?", M="D:20260101120000")(pdf, page)
    popup = annotate("/Popup", Parent=note)(pdf, page)
    note.Popup = popup


def embedded_file(pdf, _page):
    pdf.attachments["notitie.txt"] = pikepdf.AttachedFileSpec(pdf, f"Intern: {INSIDER}".encode(),
                                                              description=INSIDER, filename="notitie.txt")  # fmt: skip


def associated_file_on_page(pdf, page):
    spec = pikepdf.AttachedFileSpec(pdf, INSIDER.encode(), filename="bron.txt")
    page.obj.AF = pikepdf.Array([spec.obj])


def signature(pdf, page):
    signed = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Sig, Name=REVIEWER, ByteRange=[0, 0, 0, 0],
                                                  Contents=pikepdf.String(b"\x00" * 8)))  # fmt: skip
    field = annotate("/Widget", FT=pikepdf.Name.Sig, T="handtekening", V=signed)(pdf, page)
    add_field(pdf, field)


def add_field(pdf, field):
    if "/AcroForm" not in pdf.Root:
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array())
    pdf.Root.AcroForm.Fields.append(field)


def producers_own_fields(pdf, page):
    """Fields a producer adds where the standard defines none, piece info, and a thread's information."""
    pdf.Root.Stadspanel_Opsteller = pikepdf.String(REVIEWER)
    page.obj.Afdeling_Eigenaar = pikepdf.String(INSIDER)
    page.obj.PieceInfo = pikepdf.Dictionary(Tekstverwerker=pikepdf.Dictionary(Private=INSIDER, LastModified="D:2026"))
    page.obj.LastModified = pikepdf.String("D:20260101120000")
    pdf.Root.Threads = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(I=pikepdf.Dictionary(Author=REVIEWER)))])
    pdf.trailer.Opsteller = pikepdf.String(REVIEWER)
    logo = pdf.make_stream(b"0 0 1 1 re f", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 1, 1],
                           PieceInfo=pikepdf.Dictionary(Tekenprogramma=pikepdf.Dictionary(Private=REVIEWER)),
                           Metadata=pdf.make_stream(f"<x:xmpmeta><dc:creator>{INSIDER}</dc:creator></x:xmpmeta>"
                                                    .encode()))  # fmt: skip
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Logo=logo))
    pdf.Root.OCProperties = pikepdf.Dictionary(OCGs=[], D=pikepdf.Dictionary(Name="Standaard", Creator=INSIDER))


def link_and_form_field(pdf, page):
    annotate("/Link", T=REVIEWER, M="D:20260101120000", CreationDate="D:20260101",
             A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI="https://www.hilversum.nl/"))(pdf, page)  # fmt: skip
    add_field(pdf, annotate("/Widget", FT=pikepdf.Name.Tx, T="kenmerk", V="2026-17")(pdf, page))


def everything_in_pdf(data):
    """The PDF with every stream unpacked and no object streams: a name anywhere in it shows in these bytes."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(out, qdf=True, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 stream_decode_level=pikepdf.StreamDecodeLevel.generalized)  # fmt: skip
    return out.getvalue()


def publish(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return published_bytes(path, f"{PDF_FOLDER}/{name}")


def refusal(tmp_path, name, data):
    """The Dutch lines naming the file, for a file that is not published."""
    with pytest.raises(UnreadableAttachment) as refused:
        publish(tmp_path, name, data)
    return [str(problem) for problem in refused.value.problems]


def test_names_in_producers_fields_threads_and_piece_info_are_not_published(tmp_path):
    original = make_pdf(producers_own_fields)
    assert all(name.encode() in everything_in_pdf(original) for name in NAMES)  # the test's PDF does carry them
    published = publish(tmp_path, "bijlage.pdf", original)
    assert not [name for name in NAMES if name.encode() in everything_in_pdf(published) + published]
    with pikepdf.open(io.BytesIO(published)) as pdf:
        page = pdf.pages[0]
        assert page.Contents.read_bytes() == PAGE_TEXT and list(page.MediaBox) == [0, 0, 200, 200]
        assert "/LastModified" not in page.obj and "/PieceInfo" not in page.obj
        assert len(pdf.Root.Threads) == 1  # the thread stays, without who wrote it
        assert pdf.Root.OCProperties.D.Name == "Standaard"  # the layer settings stay, without who made them
        logo = page.Resources.XObject.Logo
        assert logo.read_bytes() == b"0 0 1 1 re f" and "/Metadata" not in logo and "/PieceInfo" not in logo


def test_links_lose_their_author_and_dates_and_form_fields_keep_their_names(tmp_path):
    published = publish(tmp_path, "bijlage.pdf", make_pdf(link_and_form_field))
    assert REVIEWER.encode() not in everything_in_pdf(published) + published
    with pikepdf.open(io.BytesIO(published)) as pdf:
        link, field = pdf.pages[0].Annots
        assert link.A.URI == "https://www.hilversum.nl/" and list(link.Rect) == [10, 10, 60, 30]
        assert not {"/T", "/M", "/CreationDate"} & set(link.keys())
        assert field.T == "kenmerk" and field.V == "2026-17"  # a form field's /T is its name, not an author


@pytest.mark.parametrize("changes,said", [
    ((comment_with_popup,), "de PDF bevat 2 opmerking(en) of andere revisiemarkering(en) (Popup, Text) vanaf pagina 1"),
    ((annotate("/FreeText", T=REVIEWER, RC=f"<body><p>{REVIEWER}</p></body>", DA="/Helv 9 Tf"),),
     "de PDF bevat 1 opmerking(en) of andere revisiemarkering(en) (FreeText) vanaf pagina 1"),
    ((annotate("/Highlight", T=REVIEWER, QuadPoints=[10, 30, 60, 30, 10, 10, 60, 10]),),
     "(Highlight) vanaf pagina 1"),
    ((annotate("/Redact", T=REVIEWER, OverlayText="5.1.2e"),), "(Redact) vanaf pagina 1"),
])  # fmt: skip
def test_a_pdf_with_comments_is_refused_in_dutch_with_the_hint(tmp_path, changes, said):
    lines = refusal(tmp_path, "bijlage.pdf", make_pdf(*changes))
    assert len(lines) == 1
    assert lines[0].startswith(f"{PDF_FOLDER}/bijlage.pdf:1: file: ") and said in lines[0]
    assert lines[0].endswith(f"({PDF_REVIEW_HINT})")
    assert REVIEWER not in lines[0]


def test_a_comment_reachable_only_from_outside_the_pages_is_refused_too(tmp_path):
    def in_the_structure_tree_only(pdf, _page):
        note = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text,
                                                    Rect=[0, 0, 1, 1], T=REVIEWER))  # fmt: skip
        pdf.Root.StructTreeRoot = pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Dictionary(Obj=note))

    lines = refusal(tmp_path, "bijlage.pdf", make_pdf(in_the_structure_tree_only))
    assert any("de PDF bevat 1 opmerking(en) of andere revisiemarkering(en) (Text), met de naam" in line
               for line in lines)  # fmt: skip


@pytest.mark.parametrize("change", [embedded_file, associated_file_on_page,
                                    annotate("/FileAttachment", T=REVIEWER, FS=pikepdf.Dictionary(F="x.txt"))])
def test_a_pdf_with_embedded_files_is_refused_in_dutch(tmp_path, change):
    lines = refusal(tmp_path, "bijlage.pdf", make_pdf(change))
    assert [line for line in lines if "de PDF bevat ingesloten bestanden" in line
            and "publiceer elk ingesloten bestand als eigen bijlage" in line]  # fmt: skip


def test_a_pdf_with_comments_and_an_embedded_file_is_named_for_both_at_once(tmp_path):
    lines = refusal(tmp_path, "bijlage.pdf", make_pdf(comment_with_popup, embedded_file))
    assert len(lines) == 2
    assert "opmerking(en)" in lines[0] and "ingesloten bestanden (1 gevonden)" in lines[1]


def test_a_signed_pdf_is_refused(tmp_path):
    lines = refusal(tmp_path, "bijlage.pdf", make_pdf(signature))
    assert lines == [f"{PDF_FOLDER}/bijlage.pdf:1: file: de PDF is digitaal ondertekend (publiceer een "
                     "niet-ondertekende kopie (een handtekening noemt de ondertekenaar en klopt niet meer zodra de "
                     "metadata is verwijderd))"]  # fmt: skip


# --- ODT ---

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3"')  # fmt: skip
CONFIG = "urn:oasis:names:tc:opendocument:xmlns:config:1.0"
PARAGRAPH = "<text:p>Vragen uit de verkenning</text:p>"
COMMENT = (f"<text:p>Vragen<office:annotation><dc:creator>{REVIEWER}</dc:creator><dc:date>2026-01-01T12:00:00"
           f"</dc:date><text:p>Mag dit naar buiten?</text:p></office:annotation> uit de verkenning</text:p>")  # fmt: skip
TRACKED = (f'<text:tracked-changes><text:changed-region xml:id="ct1" text:id="ct1"><text:deletion><office:change-info>'
           f"<dc:creator>{REVIEWER}</dc:creator><dc:date>2026-01-01T12:00:00</dc:date></office:change-info>"
           f"<text:p>Geschrapt: advies van {INSIDER}</text:p></text:deletion></text:changed-region>"
           f'</text:tracked-changes><text:p>Vragen<text:change text:change-id="ct1"/> uit de verkenning</text:p>')
SETTINGS = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-settings {NS}><office:settings>'
            '<config:config-item-set config:name="ooo:configuration-settings">'
            f'<config:config-item config:name="PrinterName" config:type="string">Kamer 3.14 {REVIEWER}</config:config-item>'
            '<config:config-item config:name="PrinterSetup" config:type="base64Binary">'
            'UGlldCBSZWNlbnNlbnQ=</config:config-item>'  # base64 of the reviewer's name, as a driver may write it
            '<config:config-item config:name="PrinterIndependentLayout" config:type="string">high-resolution'
            "</config:config-item></config:config-item-set></office:settings></office:document-settings>")
META = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {NS}><!-- opgesteld door {INSIDER} -->'
        f"<office:meta><dc:creator>{REVIEWER}</dc:creator><dc:title>Verkenning</dc:title></office:meta>"
        f'<extra:eigenaar xmlns:extra="urn:voorbeeld">{INSIDER}</extra:eigenaar></office:document-meta>')
THUMBNAIL = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40  # published as it is: its bytes are compared, not decoded


def document(body, root="office:document-content"):
    return f'<?xml version="1.0" encoding="UTF-8"?><{root} {NS}><office:body><office:text>{body}</office:text>' \
           f"</office:body></{root}>"


def make_odt(content=PARAGRAPH, styles=PARAGRAPH, extra=()):
    """An ODT made with zipfile: `mimetype` first and stored, the XML parts compressed (names hidden from a
    byte search of the zip), each part with a save date and a comment as office software leaves them."""
    parts = [("content.xml", document(content)), ("styles.xml", document(styles, "office:document-styles")),
             ("meta.xml", META), ("settings.xml", SETTINGS), ("Thumbnails/thumbnail.png", THUMBNAIL),
             ("Configurations2/accelerator/current.xml", ""), *extra]  # fmt: skip
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as odt:
        odt.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        for name, data in parts:
            info = zipfile.ZipInfo(name, (2026, 3, 4, 15, 16, 18))
            info.compress_type, info.comment = zipfile.ZIP_DEFLATED, f"opgeslagen door {INSIDER}".encode()
            odt.writestr(info, data)
    return out.getvalue()


def unpacked(data):
    """Every part of a zip, uncompressed, with its name, date and comment."""
    with zipfile.ZipFile(io.BytesIO(data)) as odt:
        return {part.filename: (odt.read(part), part.date_time, part.comment) for part in odt.infolist()}


def test_a_published_odt_holds_no_printer_no_names_beside_the_meta_and_no_save_dates(tmp_path):
    original = make_odt(extra=[("Object 1/meta.xml", META), ("Object 1/content.xml", document(PARAGRAPH))])
    assert any(REVIEWER.encode() in data for data, _date, _comment in unpacked(original).values())
    published = publish(tmp_path, "bijlage.odt", original)
    parts = unpacked(published)
    for name, (data, date, comment) in parts.items():
        assert not [person for person in NAMES if person.encode() in data + comment], name
        assert date == (1980, 1, 1, 0, 0, 0), name
    assert list(parts) == list(unpacked(original))  # every part, in the same order
    with zipfile.ZipFile(io.BytesIO(published)) as odt:
        first = odt.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert odt.testzip() is None
        settings = etree.fromstring(odt.read("settings.xml"))
        assert odt.read("content.xml") == document(PARAGRAPH).encode()  # the text is untouched, byte for byte
        assert odt.read("Thumbnails/thumbnail.png") == THUMBNAIL  # the picture of page 1 is content
    kept = settings.xpath("//config:config-item/@config:name", namespaces={"config": CONFIG})
    assert kept == ["PrinterIndependentLayout"]  # layout stays, the printer goes
    meta = parts["meta.xml"][0].decode()
    assert "<dc:title>Verkenning</dc:title>" in meta and "eigenaar" not in meta


@pytest.mark.parametrize("part,body,said", [
    ("content.xml", COMMENT, "content.xml in het ODT-bestand bevat 1 opmerking(en), met naam van de auteur en datum"),
    ("styles.xml", COMMENT, "styles.xml in het ODT-bestand bevat 1 opmerking(en)"),
    ("content.xml", TRACKED, "content.xml in het ODT-bestand bevat 1 bijgehouden wijziging(en), met naam van de auteur"
                             " en datum, en ook verwijderde tekst"),
])  # fmt: skip
def test_an_odt_with_comments_or_tracked_changes_is_refused_in_dutch_with_the_hint(tmp_path, part, body, said):
    data = make_odt(**{part.removesuffix(".xml"): body})
    lines = refusal(tmp_path, "bijlage.odt", data)
    assert len(lines) == 1
    assert lines[0].startswith(f"{PDF_FOLDER}/bijlage.odt:1: file: ") and said in lines[0]
    assert lines[0].endswith(f"({REVIEW_HINT})")


def test_a_signed_odt_is_refused(tmp_path):
    signatures = ("META-INF/documentsignatures.xml", f"<document-signatures><X509SubjectName>CN={REVIEWER}"
                  "</X509SubjectName></document-signatures>")  # fmt: skip
    lines = refusal(tmp_path, "bijlage.odt", make_odt(extra=[signatures]))
    assert lines == [f"{PDF_FOLDER}/bijlage.odt:1: file: het ODT-bestand is digitaal ondertekend (publiceer een "
                     "niet-ondertekende kopie (een handtekening noemt de ondertekenaar en klopt niet meer zodra de "
                     "metadata is verwijderd))"]  # fmt: skip


def test_an_odt_whose_content_cannot_be_parsed_is_named(tmp_path):
    lines = refusal(tmp_path, "bijlage.odt", make_odt(content="<text:p>open"))
    assert len(lines) == 1 and "content.xml in het ODT-bestand is niet te lezen" in lines[0]


# --- any mix: refused with the hint, or published without a name ---

QUICK = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
PDF_CHANGES = [producers_own_fields, link_and_form_field, comment_with_popup, embedded_file, signature,
               annotate("/Ink", T=REVIEWER, InkList=[[10, 10, 20, 20]]), annotate("/Link", T=REVIEWER)]  # fmt: skip
ODT_BODIES = [PARAGRAPH, COMMENT, TRACKED, f"<text:p>{{}}<!-- {REVIEWER} --></text:p>".replace("{}", "Tekst")]


def no_name_or_refused(tmp_path, name, data, published_text):
    try:
        published = publish(tmp_path, name, data)
    except UnreadableAttachment as error:
        lines = [str(problem) for problem in error.problems]
        assert lines and all(line.startswith(f"{PDF_FOLDER}/{name}:1: file: ") for line in lines)
        assert not [line for line in lines if REVIEWER in line or INSIDER in line]
        return None
    assert not [person for person in NAMES if person.encode() in published_text(published)]
    return published


@QUICK
@given(st.lists(st.sampled_from(PDF_CHANGES), max_size=4, unique=True))
def test_any_mix_of_pdf_annotations_and_fields_is_refused_or_published_without_a_name(tmp_path_factory, changes):
    tmp_path = tmp_path_factory.mktemp("pdf")
    published = no_name_or_refused(tmp_path, "bijlage.pdf", make_pdf(*changes), lambda data: everything_in_pdf(data)
                                   + data)  # fmt: skip
    if published is not None:
        with pikepdf.open(io.BytesIO(published)) as pdf:
            assert pdf.pages[0].Contents.read_bytes() == PAGE_TEXT


@QUICK
@given(st.lists(st.sampled_from(ODT_BODIES), min_size=1, max_size=4), st.sampled_from(ODT_BODIES))
def test_any_mix_of_odt_comments_and_changes_is_refused_or_published_without_a_name(tmp_path_factory, bodies, style):
    tmp_path = tmp_path_factory.mktemp("odt")
    data = make_odt(content="".join(bodies), styles=style)
    published = no_name_or_refused(tmp_path, "bijlage.odt", data, lambda zipped: b"".join(
        part + comment for part, _date, comment in unpacked(zipped).values()))  # fmt: skip
    if published is not None:
        with zipfile.ZipFile(io.BytesIO(published)) as odt:
            etree.fromstring(odt.read("content.xml"))  # still parses
            assert odt.read("content.xml").count(b"<text:p>") == "".join(bodies).count("<text:p>")


# --- make check ---


def test_make_check_names_every_attachment_with_review_marks_or_embedded_files_in_one_run(tmp_path):
    project = copy_project(tmp_path / "project")
    pdf = f"{PDF_FOLDER}/camera-overzicht.pdf"
    odt = f"{ODT_FOLDER}/verkenning-digitale-ethiek.odt"
    (project / pdf).write_bytes(make_pdf(comment_with_popup, embedded_file))
    (project / odt).write_bytes(make_odt(content=COMMENT + TRACKED))
    result = check_content(project)
    printed = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in printed
    named = [line for line in printed.splitlines() if line.startswith((f"{pdf}:1: file: ", f"{odt}:1: file: "))]
    assert [line.split(": file: ")[0] for line in named] == [f"{pdf}:1"] * 2 + [f"{odt}:1"] * 2, printed
    assert "ingesloten bestanden" in named[1] and "bijgehouden wijziging(en)" in named[3]
    assert PDF_REVIEW_HINT in named[0] and all(REVIEW_HINT in line for line in named[2:])
    assert not [name for name in NAMES if name in printed]
