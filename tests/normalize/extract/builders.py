"""Test documents, generated on the fly (reportlab, python-docx, pillow, pypdf): no binary fixtures.

Every builder writes one file into the given directory and returns its path. The XFA builders
put an external entity pointing at a canary file into the XFA packet: if Tika ever parsed it,
the canary's text would show up in the extracted text.
"""

from __future__ import annotations

import base64
import io
import zipfile
import zlib
from pathlib import Path

import docx
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

CANARY = "KANARIE-GEHEIM-7731"


def text_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF with a real text layer: one list of lines per page."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    for lines in pages:
        for row, line in enumerate(lines):
            pdf.drawString(72, 780 - 16 * row, line)
        pdf.showPage()
    pdf.save()
    return path


def text_image(lines: list[str], size: tuple[int, int] = (1654, 2339)) -> Image.Image:
    """A white page (A4 at 200 dpi by default) with black text, as a scanner would make it."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=44)
    for row, line in enumerate(lines):
        draw.text((150, 200 + 80 * row), line, fill=0, font=font)
    return image


def scanned_pdf(path: Path, pages: list[list[str] | None]) -> Path:
    """A PDF whose pages are either images of text (a list of lines: no text layer) or a text
    layer (None entries get one line of real text, `Tekstlaag pagina N`)."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    for number, lines in enumerate(pages, start=1):
        if lines is None:
            pdf.drawString(72, 780, f"Tekstlaag pagina {number} over de begroting.")
        else:
            pdf.drawImage(ImageReader(text_image(lines)), 0, 0, *A4)
        pdf.showPage()
    pdf.save()
    return path


def png(path: Path, lines: list[str]) -> Path:
    text_image(lines, size=(1654, 200 + 80 * len(lines) + 100)).save(path)
    return path


def word(path: Path, paragraphs: list[str], image: Image.Image | None = None) -> Path:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if image is not None:
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        buffer.seek(0)
        document.add_picture(buffer)
    document.save(str(path))
    return path


def xfa_packet(canary_file: Path) -> bytes:
    return (
        b'<?xml version="1.0"?>\n'
        b'<!DOCTYPE xdp [<!ENTITY lek SYSTEM "' + canary_file.as_uri().encode() + b'">]>\n'
        b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/">'
        b'<datasets xmlns="http://www.xfa.org/schema/xfa-data/1.0/"><data><naam>&lek;</naam>'
        b"</data></datasets>"
        b'<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform name="f">'
        b'<field name="naam"/></subform></template></xdp:xdp>'
    )


def canary(directory: Path) -> Path:
    path = directory / "canary.txt"
    path.write_text(CANARY + "\n")
    return path


def xfa_pdf(path: Path, source: Path, canary_file: Path) -> Path:
    """`source` with an AcroForm whose /XFA stream carries an external entity."""
    writer = PdfWriter(clone_from=str(source))
    stream = StreamObject()
    stream.set_data(xfa_packet(canary_file))
    form = DictionaryObject(
        {NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): writer._add_object(stream)}
    )
    writer._root_object[NameObject("/AcroForm")] = writer._add_object(form)
    writer.write(str(path))
    return path


def with_attachment(path: Path, source: Path, name: str, content: bytes) -> Path:
    writer = PdfWriter(clone_from=str(source))
    writer.add_attachment(name, content)
    writer.write(str(path))
    return path


def encrypted_pdf(path: Path, source: Path, password: str) -> Path:
    writer = PdfWriter(clone_from=str(source))
    writer.encrypt(user_password=password, owner_password=password + "-eigenaar")
    writer.write(str(path))
    return path


def zip_with(path: Path, members: dict[str, bytes], base: Path | None = None) -> Path:
    """A ZIP (or, given `base`, a copy of that ZIP-based document) with extra members."""
    if base is not None:
        path.write_bytes(base.read_bytes())
    with zipfile.ZipFile(path, "a" if base is not None else "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


def email_with_pdf(path: Path, pdf: bytes, body: str) -> Path:
    """An RFC 822 message with the PDF as a base64 attachment."""
    encoded = base64.encodebytes(pdf).decode("ascii")
    path.write_text(
        "From: griffie@example.nl\nTo: raad@example.nl\nSubject: Stukken\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="GRENS"\n\n--GRENS\n'
        f"Content-Type: text/plain; charset=utf-8\n\n{body}\n--GRENS\n"
        'Content-Type: application/pdf; name="bijlage.pdf"\n'
        "Content-Transfer-Encoding: base64\n"
        'Content-Disposition: attachment; filename="bijlage.pdf"\n\n'
        f"{encoded}--GRENS--\n"
    )
    return path


def ole_like(path: Path, embedded: bytes) -> Path:
    """An OLE2 (old Office) header with a raw PDF inside, as Word stores embedded objects."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2040
    path.write_bytes(header + embedded + b"\x00" * 512)
    return path


def object_stream_xfa_pdf(path: Path, canary_file: Path, line: str) -> Path:
    """A PDF 1.5 whose catalog, pages and AcroForm sit in a compressed object stream and whose
    XFA packet is a compressed stream: the bytes /XFA appear nowhere in the file itself."""
    content = f"BT /F1 12 Tf 72 780 Td ({line}) Tj ET".encode()
    in_stream = {
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm 4 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
        b"/Resources << /Font << /F1 7 0 R >> >> >>",
        4: b"<< /Fields [] /XFA 8 0 R >>",
        7: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    header, body = b"", b""
    for number, obj in in_stream.items():
        header += b"%d %d " % (number, len(body))
        body += obj + b"\n"
    packed = zlib.compress(header + body)
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}

    def add(number: int, dictionary: bytes, data: bytes) -> None:
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n%s\nstream\n" % (number, dictionary))
        out.extend(data + b"\nendstream\nendobj\n")

    add(5, b"<< /Length %d >>" % len(content), content)
    first = len(header)
    add(
        6,
        b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>"
        % (len(in_stream), first, len(packed)),
        packed,
    )
    xfa = zlib.compress(xfa_packet(canary_file))
    add(8, b"<< /Filter /FlateDecode /Length %d >>" % len(xfa), xfa)
    offsets[9] = len(out)
    rows = [b"\x00" + (0).to_bytes(4, "big") + b"\xff\xff"]
    for number in range(1, 10):
        if number in in_stream:
            index = list(in_stream).index(number)
            rows.append(b"\x02" + (6).to_bytes(4, "big") + index.to_bytes(2, "big"))
        else:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
    table = b"".join(rows)
    add(
        9,
        b"<< /Type /XRef /Size 10 /W [1 4 2] /Root 1 0 R /Length %d >>" % len(table),
        table,
    )
    out.extend(b"startxref\n%d\n%%%%EOF\n" % offsets[9])
    path.write_bytes(bytes(out))
    return path


def text_bomb_docx(path: Path, characters: int) -> Path:
    """A valid DOCX whose body holds about `characters` characters of text in paragraphs of
    1,020 characters, written in a stream: the file is a few hundred times smaller than its text
    (a 150 MB text makes a DOCX of about 0.6 MB)."""
    blank = io.BytesIO()
    docx.Document().save(blank)
    paragraph = "<w:p><w:r><w:t>" + "De raad besluit. " * 60 + "</w:t></w:r></w:p>"
    block = (paragraph * 1000).encode("utf-8")
    blocks = max(1, characters // (17 * 60 * 1000))
    with zipfile.ZipFile(blank) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "word/document.xml":
                out.writestr(info, data)
                continue
            head, _, tail = data.decode("utf-8").partition("<w:body>")
            with out.open("word/document.xml", "w", force_zip64=True) as member:
                member.write((head + "<w:body>").encode("utf-8"))
                for _ in range(blocks):
                    member.write(block)
                member.write(tail.encode("utf-8"))
    return path
