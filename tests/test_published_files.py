# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Files published as editors gave them: pictures only from content/images/, attachments without metadata,
and no file in a finished site that runs script when a browser opens it.
"""

import io
import re
import zipfile

import pikepdf
import pytest
from conftest import check_content, copy_project, run_build
from extended_demo import published_demo  # noqa: F401 (a fixture)
from PIL import Image
from publication_safety.check_output import check_output

AUTHOR = "Jantje Geheim"
ORGANISATION = "Afdeling Verborgen Zaken"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'
PDF_FOLDER = "content/stadspanel/cameratoezicht"
PDF_DOCUMENT = f"{PDF_FOLDER}/2025-10-28-advies.md"
ODT_FOLDER = "content/stadspanel/digitale-ethiek"
ODT_DOCUMENT = f"{ODT_FOLDER}/2021-11-16-gespreksnotitie.md"


def picture(kind):
    """A real 2x2 picture of a kind, made with Pillow."""
    out = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(out, kind)
    return out.getvalue()


# name -> (bytes, what the Dutch message says). Each would run script, or is not what it claims to be.
REFUSED = {
    "script.svg": (SVG.format("<script>alert(1)</script>").encode(), "bevat <script> (regel 1)"),
    "onload.svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg"\n onload="alert(1)"/>',
        "bevat een scriptattribuut onload= (regel 2)",
    ),  # fmt: skip
    "link.svg": (
        SVG.format('\n<a href=" java&#9;script:alert(1)"><text>x</text></a>').encode(),
        "bevat een scriptlink",
    ),  # fmt: skip
    "foreign.svg": (SVG.format("\n\n<foreignObject><p>x</p></foreignObject>").encode(), "<foreignObject> (regel 3)"),
    "set.svg": (
        SVG.format('<a><set attributeName="href" to="javascript:alert(1)"/></a>').encode(),
        "een animatie van href=",
    ),  # fmt: skip
    "html.svg": (b"<html><body><script>alert(1)</script></body></html>", "is geen "),
    "entities.svg": (
        b'<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
        "declareert eigen entiteiten",
    ),  # fmt: skip
    "pagina.xhtml": (
        b'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
        "is geen afbeelding",
    ),
    "data.xml": (b'<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>', "is geen afbeelding"),
    "pagina.htm": (b"<script>alert(1)</script>", "is geen afbeelding"),
    "pagina.html": (b"<script>alert(1)</script>", "is geen afbeelding"),
    "pagina.shtml": (b"<script>alert(1)</script>", "is geen afbeelding"),
    "geen-achtervoegsel": (b"<script>alert(1)</script>", "is geen afbeelding"),
    ".verborgen.svg": (SVG.format("<script>alert(1)</script>").encode(), "bevat <script>"),  # Pelican copies it too
    "map/diep.html": (b"<script>alert(1)</script>", "is geen afbeelding"),
    "nep.png": (b"<html><script>alert(1)</script></html>", "is geen echte PNG-afbeelding"),
    "nep.jpg": (picture("PNG"), "is geen echte JPEG-afbeelding"),
    "nep.gif": (b"GIF8<script>alert(1)</script>", "is geen echte GIF-afbeelding"),
    "nep.webp": (b"RIFF\x00\x00\x00\x00WAVEfmt ", "is geen echte WebP-afbeelding"),
}
ACCEPTED = {
    "foto.png": picture("PNG"),
    "foto.JPG": picture("JPEG"),
    "foto.jpeg": picture("JPEG"),
    "foto.gif": picture("GIF"),
    "foto.webp": picture("WEBP"),
    "tekening.svg": SVG.format(
        '<rect width="4" height="4" fill="#00577d"/><image href="data:image/png;base64,AAAA"/>'
    ).encode(),  # fmt: skip
    # Nothing that runs script, but a link to another host: the filter removes it on publication.
    "met-link.svg": SVG.format('<a href="https://elders.example/"><rect width="4" height="4"/></a>').encode(),
}


def make_check(project):
    return check_content(project)


@pytest.fixture(scope="module")
def project_with_bad_pictures(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("pictures"))
    images = project / "content" / "images"
    for name, (data, _said) in REFUSED.items():
        (images / name).parent.mkdir(exist_ok=True)
        (images / name).write_bytes(data)
    return project


def test_make_check_names_every_file_that_is_not_a_picture_in_one_run(project_with_bad_pictures):
    result = make_check(project_with_bad_pictures)
    assert result.returncode != 0
    printed = result.stdout + result.stderr
    assert "Traceback" not in printed
    for name, (_data, said) in REFUSED.items():
        lines = [line for line in printed.splitlines() if line.startswith(f"content/images/{name}:1: file: ")]
        assert lines, f"{name} is not named:\n{printed}"
        assert said in lines[0], lines[0]
        assert "(" in lines[0]  # a hint follows the message
    assert "content/images/logo.svg" not in printed


def test_a_build_with_such_a_file_publishes_nothing(project_with_bad_pictures, tmp_path):
    output = tmp_path / "output"
    result = run_build(project_with_bad_pictures, output, check=False)
    assert result.returncode != 0
    assert "content/images/script.svg:1: file:" in result.stdout + result.stderr
    assert not output.exists() or not any(output.rglob("*.html"))


def add_pictures(project):
    images = project / "content" / "images"
    for name, data in ACCEPTED.items():
        (images / name).write_bytes(data)


def test_pictures_are_published_and_svg_only_as_filtered(published_site):
    """`add_pictures` (the copy also has the attachments of `add_attachments`)."""
    project, output = published_site
    images = project / "content" / "images"
    result = make_check(project)
    assert result.returncode == 0, result.stdout + result.stderr
    for name, data in ACCEPTED.items():
        published = (output / "images" / name).read_bytes()
        if name.endswith(".svg"):
            assert b"<svg" in published
        else:
            assert published == data
    assert b"elders.example" not in (output / "images" / "met-link.svg").read_bytes()
    assert b"data:image/png" in (output / "images" / "tekening.svg").read_bytes()
    assert b"<rect" in (output / "images" / "met-link.svg").read_bytes()  # the drawing itself stays
    assert (images / "met-link.svg").read_bytes() == ACCEPTED["met-link.svg"]  # the editor's file is untouched
    assert check_output(output) == []


# --- attachments ---


def pdf_with_metadata():
    """A one-page PDF carrying an author in its document information and in XMP, made with pikepdf."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0]
    page.Contents = pdf.make_stream(b"BT /F1 12 Tf 20 100 Td (Camera overzicht) Tj ET")
    pdf.docinfo["/Author"] = AUTHOR
    pdf.docinfo["/Creator"] = ORGANISATION
    pdf.docinfo["/Producer"] = "Tekstverwerker 9.1"
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = [AUTHOR]
        meta["xmp:CreatorTool"] = ORGANISATION
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


CONTENT_XML = (b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
               b"<office:body><office:text><text:p>Vragen uit de verkenning</text:p></office:text></office:body>"
               b"</office:document-content>")  # fmt: skip
META_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3"><office:meta>
<meta:initial-creator>{AUTHOR}</meta:initial-creator><dc:creator>{AUTHOR}</dc:creator>
<meta:generator>LibreOffice/7.6 {ORGANISATION}</meta:generator><meta:editing-cycles>14</meta:editing-cycles>
<meta:editing-duration>PT3H</meta:editing-duration><meta:printed-by>{AUTHOR}</meta:printed-by>
<meta:user-defined meta:name="Afdeling">{ORGANISATION}</meta:user-defined>
<dc:title>Vragen uit de verkenning</dc:title><dc:language>nl-NL</dc:language>
</office:meta></office:document-meta>""".encode()


def odt_with_metadata():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as odt:
        odt.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")  # first, stored
        odt.writestr("content.xml", CONTENT_XML, zipfile.ZIP_DEFLATED)
        odt.writestr("meta.xml", META_XML, zipfile.ZIP_DEFLATED)
        odt.writestr("META-INF/manifest.xml", b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                     b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                     b'<manifest:file-entry manifest:full-path="/" '
                     b'manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>',
                     zipfile.ZIP_DEFLATED)  # fmt: skip
    return out.getvalue()


def add_attachments(project):
    (project / PDF_FOLDER / "camera-overzicht.pdf").write_bytes(pdf_with_metadata())
    (project / ODT_FOLDER / "verkenning-digitale-ethiek.odt").write_bytes(odt_with_metadata())
    # Pelican copies a file a page links with {static} as it is: the same rule must hold for that copy.
    (project / "content" / "pages" / "bijlage.md").write_text(
        "Title: Bijlage\nSlug: bijlage\nSummary: Een bijlage.\n\n"
        f"[Overzicht]({{static}}/{PDF_FOLDER.removeprefix('content/')}/camera-overzicht.pdf)\n",
        encoding="utf-8",
    )


@pytest.fixture
def published_site(published_demo):  # noqa: F811
    """(project, site): the demo with `add_pictures` and `add_attachments` (and test_stadspanel_site's canaries),
    built with every step; neither change touches what the other's tests read."""
    return published_demo


def published(output, name):
    found = [p for p in output.rglob(name) if p.is_file()]
    assert len(found) == 1, found
    return found[0]


def test_every_published_copy_of_an_attachment_is_without_metadata(published_site):
    _project, output = published_site
    assert "camera-overzicht.pdf" in (output / "bijlage" / "index.html").read_text(encoding="utf-8")
    copies = [p for p in output.rglob("*.pdf") if p.is_file()]
    assert copies
    assert not [p for p in copies if AUTHOR.encode() in p.read_bytes()]


def test_a_published_pdf_carries_no_author_and_the_same_pages(published_site):
    project, output = published_site
    data = published(output, "camera-overzicht.pdf").read_bytes()
    original = (project / PDF_FOLDER / "camera-overzicht.pdf").read_bytes()
    assert AUTHOR.encode() in original and ORGANISATION.encode() in original  # the test's PDF does carry them
    assert AUTHOR.encode() not in data and ORGANISATION.encode() not in data
    with pikepdf.open(io.BytesIO(data)) as pdf, pikepdf.open(io.BytesIO(original)) as before:
        assert "/Info" not in pdf.trailer or len(pdf.docinfo) == 0
        assert "/Metadata" not in pdf.Root
        assert len(pdf.pages) == len(before.pages)
        assert pdf.pages[0].Contents.read_bytes() == before.pages[0].Contents.read_bytes()
        assert pdf.pages[0].MediaBox == before.pages[0].MediaBox


def test_a_published_odt_carries_no_author_and_stays_a_valid_odt(published_site):
    project, output = published_site
    data = published(output, "verkenning-digitale-ethiek.odt").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as odt:
        first = odt.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert odt.testzip() is None
        meta = odt.read("meta.xml").decode()
        assert odt.read("content.xml") == CONTENT_XML
    assert AUTHOR not in meta and ORGANISATION not in meta
    for gone in ("initial-creator", "dc:creator", "generator", "editing-cycles", "editing-duration", "user-defined"):
        assert gone not in meta
    assert "<dc:title>Vragen uit de verkenning</dc:title>" in meta  # what the document is stays
    assert data[30:38] == b"mimetype" and b"application/vnd.oasis.opendocument.text" in data[:100]
    assert AUTHOR.encode() not in data  # nowhere in the zip, compressed parts included (meta.xml is the only one)


@pytest.mark.parametrize("name,data,said", [
    ("camera-overzicht.pdf", b"%PDF-1.4\n" + b"kapot " * 60, "de PDF is niet te lezen"),
    ("verkenning-digitale-ethiek.odt",
     b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.text" + b"kapot" * 40,
     "het ODT-bestand is niet te lezen"),
])  # fmt: skip
def test_an_attachment_that_cannot_be_read_is_named_by_make_check(tmp_path, name, data, said):
    project = copy_project(tmp_path / "project")
    folder = PDF_FOLDER if name.endswith(".pdf") else ODT_FOLDER
    (project / folder / name).write_bytes(data)
    result = make_check(project)
    printed = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in printed
    line = next(line for line in printed.splitlines() if line.startswith(f"{folder}/{name}:1: file: "))
    assert said in line
    assert "0x" not in line  # no memory addresses from the PDF library


def test_a_password_protected_pdf_is_named(tmp_path):
    project = copy_project(tmp_path / "project")
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="eigenaar", user="geheim"))
    (project / PDF_FOLDER / "camera-overzicht.pdf").write_bytes(out.getvalue())
    result = make_check(project)
    assert result.returncode != 0
    assert (
        f"{PDF_FOLDER}/camera-overzicht.pdf:1: file: de PDF is beveiligd met een wachtwoord"
        in result.stdout + result.stderr
    )


# --- the output check ---


def finished_site(folder, files):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text("<!doctype html><title>x</title><p>x</p>", encoding="utf-8")
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


SITE_OWN = {
    "sitemap.xml": b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                   b"<url><loc>/</loc></url></urlset>",
    "feed.atom": b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">'
                 b"&lt;script&gt;alert(1)&lt;/script&gt;</content></entry></feed>",
    "grafiek.svg": b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                   b'<defs><style>.a{fill:red}</style><path id="p" d="M0 0"/></defs>'
                   b'<use xlink:href="#p"/></svg>',
}  # fmt: skip


def test_the_output_check_allows_the_sites_own_xml_and_svg(tmp_path):
    assert check_output(finished_site(tmp_path / "site", SITE_OWN)) == []


@pytest.mark.parametrize("name,data", [
    ("images/script.svg", SVG.format("<script>alert(1)</script>").encode()),
    ("images/onload.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("kaart/data.xml", b'<a><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></a>'),
    ("feed.atom", b'<feed xmlns="http://www.w3.org/2005/Atom"><div xmlns="http://www.w3.org/1999/xhtml">x</div></feed>'),
    ("stijl.xml", b'<?xml-stylesheet type="text/xsl" href="s.xsl"?><a/>'),
    ("pagina.xhtml", b'<html xmlns="http://www.w3.org/1999/xhtml"><body>x</body></html>'),
    ("pagina.htm", b"<p>x</p>"),
    ("pagina.SHTML", b"<p>x</p>"),
    ("omzetten.xsl", b"<x/>"),
    ("kapot.svg", b"<svg><script>alert(1)</scr"),
])  # fmt: skip
def test_the_output_check_refuses_files_that_run_script(tmp_path, name, data):
    site = finished_site(tmp_path / "site", {**SITE_OWN, name: data})
    problems = check_output(site)
    assert [p.path for p in problems] == [str(site / name)]
    assert re.search(r"er is een \.\w+-bestand gepubliceerd", str(problems[0])), str(problems[0])
