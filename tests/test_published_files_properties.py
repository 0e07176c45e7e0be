# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Property tests of the files published as editors gave them: whatever bytes a picture or an attachment
holds, the check answers with a message or lets it through, never with an exception; what it lets
through is published without script or metadata.
"""

import io
import os
import zipfile

import pikepdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from publication_safety.pictures import sanitised_svg, script_in, svg_problem
from site_outputs.attachments import (
    UnreadableAttachment,
    odt_without_metadata,
    pdf_without_metadata,
)

QUICK = settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", 150)), deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
SVG_OPEN = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
# Pieces of SVG a hostile or careless editor writes: script in every form, and harmless drawing.
PIECES = [b"<script>alert(1)</script>", b'<rect width="3" height="3"/>', b'<g onclick="x()">', b"</g>",
          b'<a href="javascript:x()">', b'<a xlink:href="data:text/html,x">', b"</a>", b"<foreignObject/>",
          b'<set attributeName="onload" to="x()"/>', b"<![CDATA[<script>]]>", b"<!-- <script> -->", b"&lt;script&gt;",
          b'<image href="data:image/png;base64,AAAA"/>', b"<style>rect{fill:red}</style>", b"\x00", b"\xff", b"<",
          b'<?xml-stylesheet href="x.xsl"?>', b'<h:p xmlns:h="http://www.w3.org/1999/xhtml">x</h:p>', b"&x;"]  # fmt: skip
SVG_BODIES = st.lists(st.sampled_from(PIECES), max_size=8).map(lambda parts: SVG_OPEN + b"".join(parts) + b"</svg>")


@QUICK
@given(st.one_of(SVG_BODIES, st.binary(max_size=300)))
def test_an_svg_is_refused_with_a_message_or_passes_and_is_published_without_script(data):
    found = svg_problem(data)
    if found is not None:
        message, hint = found
        assert message and hint
        return
    published = sanitised_svg(data)
    tree = etree.fromstring(published, etree.XMLParser(resolve_entities=False, no_network=True))
    assert script_in(tree) is None


def pdf_bytes(author):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = author
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@QUICK
@given(st.integers(min_value=0, max_value=400), st.binary(min_size=1, max_size=40))
def test_a_damaged_pdf_is_named_or_published_without_its_author(cut, garbage):
    data = pdf_bytes("Auteur Onbekend")
    damaged = data[:cut] + garbage + data[cut + len(garbage) :]
    try:
        published = pdf_without_metadata(damaged, "bijlage.pdf")
    except UnreadableAttachment as error:
        assert str(error.problem).startswith("bijlage.pdf:1: file: ")
        return
    assert b"Auteur Onbekend" not in published


def odt_bytes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as odt:
        odt.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        odt.writestr("meta.xml", '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
                     ' xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:creator>Auteur Onbekend'
                     "</dc:creator></office:meta></office:document-meta>", zipfile.ZIP_DEFLATED)  # fmt: skip
    return out.getvalue()


@QUICK
@given(st.integers(min_value=0, max_value=300), st.binary(min_size=1, max_size=40))
def test_a_damaged_odt_is_named_or_published_without_its_author(cut, garbage):
    data = odt_bytes()
    damaged = data[:cut] + garbage + data[cut + len(garbage) :]
    try:
        published = odt_without_metadata(damaged, "bijlage.odt")
    except UnreadableAttachment as error:
        assert str(error.problem).startswith("bijlage.odt:1: file: ")
        return
    with zipfile.ZipFile(io.BytesIO(published)) as odt:
        assert all(b"Auteur Onbekend" not in odt.read(part) for part in odt.namelist() if part == "meta.xml")
