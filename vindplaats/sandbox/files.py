"""The files of the NotuBiz sample documents, generated deterministically and cached on disk
(`files.pdf_bytes` also draws the GO, Parlaeus and iBabs papers).

PDFs are drawn with reportlab (`invariant=1`, so the bytes never change), DOCX files with
python-docx (fixed core properties and zip timestamps), the scanned letter is a Pillow image
embedded as the only content of a PDF page, and the corrupt and empty files are what they say.
Same document and version in, same bytes out, on every run.
"""

from __future__ import annotations

import hashlib
import io
import random
import threading
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document as new_docx
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from vindplaats.sandbox import places, texts
from vindplaats.sandbox.blueprints import BLUEPRINTS, Page, compose_pages, scanned_letter_lines
from vindplaats.sandbox.concepts import Document, FileKind
from vindplaats.sandbox.pages import PAGES
from vindplaats.sandbox.texts import SAMPLE_NOTICE

GENERATOR_VERSION = "1"  # bump when the rendering changes, so cached files are rebuilt
# Cached files are also rebuilt whenever any sample text or blueprint changes.
_TEXTS_DIGEST = hashlib.sha256(
    repr(
        (
            places.FLAVOURS,
            texts.FILLER,
            PAGES,
            texts.SCANNED_LETTER,
            texts.UNIQUE_WORD_PARAGRAPH,
            sorted(BLUEPRINTS.items()),
        )
    ).encode()
).hexdigest()
FIXED_TIME = datetime(2025, 1, 1, 12, 0, 0)
ZIP_TIME = (2025, 1, 1, 12, 0, 0)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SCAN_DPI = 200
AUTHOR = "Vindplaats sandbox (voorbeeldgegevens)"


def render(document: Document[int], version: int) -> bytes | None:
    """The bytes of one version of a document's file; None when its URL answers 404."""
    kind = document.kind
    if kind is FileKind.MISSING:
        return None
    if kind is FileKind.EMPTY:
        return b""
    if kind is FileKind.CORRUPT:
        rng = random.Random(f"corrupt:{document.id}:{version}")
        return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + rng.randbytes(3000)
    if kind is FileKind.SCANNED:
        return scanned_pdf(scanned_letter_lines(document.source_key), document.title)
    pages = compose_pages(
        document_id=document.id,
        blueprint=document.blueprint,
        source_key=document.source_key,
        title=document.title,
        pages=document.pages,
        version=version,
        unique_word_page=document.unique_word_page,
    )
    if kind is FileKind.DOCX:
        return docx_bytes(pages, document.title)
    return pdf_bytes(pages, document.title)


def pdf_bytes(pages: list[Page], title: str) -> bytes:
    """A PDF with one physical page per text page (a real, extractable text layer)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor(AUTHOR)
    canvas.setSubject(SAMPLE_NOTICE)
    width, height = A4
    margin = 72.0
    text_width = width - 2 * margin
    for number, page in enumerate(pages, start=1):
        y = height - margin
        for line in simpleSplit(page.heading, "Helvetica-Bold", 14, text_width):
            canvas.setFont("Helvetica-Bold", 14)
            canvas.drawString(margin, y, line)
            y -= 20
        y -= 8
        for paragraph in page.paragraphs:
            for line in simpleSplit(paragraph, "Helvetica", 11, text_width):
                if y < margin + 30:
                    raise ValueError(f"text of page {number} of {title!r} does not fit one page")
                canvas.setFont("Helvetica", 11)
                canvas.drawString(margin, y, line)
                y -= 15
            y -= 9
        canvas.setFont("Helvetica", 8)
        canvas.drawString(margin, margin / 2, f"{SAMPLE_NOTICE} Pagina {number} van {len(pages)}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def docx_bytes(pages: list[Page], title: str) -> bytes:
    """A Word document with stable bytes (fixed core properties and zip member times)."""
    document = new_docx()
    props = document.core_properties
    props.title = title
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.comments = SAMPLE_NOTICE
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1
    for number, page in enumerate(pages, start=1):
        document.add_heading(page.heading, level=1)
        for paragraph in page.paragraphs:
            document.add_paragraph(paragraph)
        if number < len(pages):
            document.add_page_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if DEJAVU.exists():
        return ImageFont.truetype(str(DEJAVU), size)
    return ImageFont.load_default(size=size)


def scanned_pdf(lines: list[str], title: str) -> bytes:
    """A one-page PDF whose only content is a 200 dpi image of the letter (no text layer)."""
    width_px, height_px = round(8.27 * SCAN_DPI), round(11.69 * SCAN_DPI)
    image = Image.new("L", (width_px, height_px), color=255)
    draw = ImageDraw.Draw(image)
    font = _font(34)  # about 12 pt at 200 dpi
    y = 220
    for line in lines:
        draw.text((190, y), line, fill=0, font=font)
        y += 58
    image = image.convert("1", dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor(AUTHOR)
    width, height = A4
    canvas.drawImage(ImageReader(image), 0, 0, width=width, height=height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class FileCache:
    """Builds each document version's file once and keeps it in memory and in `directory`."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._memory: dict[str, bytes | None] = {}
        self._lock = threading.Lock()

    def get(self, document: Document[int], version: int) -> bytes | None:
        key = _cache_key(document, version)
        with self._lock:
            if key in self._memory:
                return self._memory[key]
            data = self._load_or_build(key, document, version)
            self._memory[key] = data
            return data

    def _load_or_build(self, key: str, document: Document[int], version: int) -> bytes | None:
        if document.kind is FileKind.MISSING:
            return None
        path = self.directory / key
        if path.exists():
            return path.read_bytes()
        data = render(document, version)
        if data is not None:
            self.directory.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(".part")
            partial.write_bytes(data)
            partial.replace(path)
        return data


def _cache_key(document: Document[int], version: int) -> str:
    recipe = "|".join(
        str(part)
        for part in (
            GENERATOR_VERSION,
            _TEXTS_DIGEST,
            document.id,
            version,
            document.source_key,
            document.blueprint,
            document.title,
            document.kind,
            document.pages,
            document.unique_word_page,
        )
    )
    digest = hashlib.sha256(recipe.encode()).hexdigest()[:16]
    return f"{document.id}-v{version}-{digest}.{document.extension}"
