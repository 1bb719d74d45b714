"""Which PDF pages get OCR, at what resolution, and how OCR text joins the text layer.

A page is OCR'd when its text layer has fewer than 10 non-space characters, or fewer than 50
while the page shows an image (a scan with a stamped page number or a Woo redaction code).
The OCR text replaces the text layer when it is longer; the page is then marked `ocr`.
"""

from __future__ import annotations

from pypdf import PageObject, PdfReader
from pypdf.generic import DictionaryObject, StreamObject

MIN_CHARS = 10
MIN_CHARS_WITH_IMAGE = 50
DPI = 300
MAX_SIDE_PX = 7016  # the long side of A2 at 300 dpi; larger pages get a lower resolution
MIN_DPI = 72


def solid_chars(text: str) -> int:
    return sum(1 for char in text if not char.isspace())


def plan(texts: list[str], reader: PdfReader | None) -> list[tuple[int, int]]:
    """(page number, dpi) of every page in `texts` that needs OCR."""
    wanted: list[tuple[int, int]] = []
    for number, text in enumerate(texts, start=1):
        chars = solid_chars(text)
        if chars >= MIN_CHARS_WITH_IMAGE:
            continue
        page = _page(reader, number)
        if chars < MIN_CHARS or (page is not None and page_has_image(page)):
            wanted.append((number, render_dpi(page)))
    return wanted


def merge(layer: str, ocr: str) -> tuple[str, bool]:
    """The page text after OCR, and whether it is the OCR text."""
    if solid_chars(ocr) > solid_chars(layer):
        return ocr, True
    return layer, False


def render_dpi(page: PageObject | None) -> int:
    """300 dpi, lowered so the long side stays within `MAX_SIDE_PX` pixels."""
    if page is None:
        return DPI
    try:
        box = page.cropbox
        long_side = max(abs(float(box.width)), abs(float(box.height)))
    except Exception:
        return DPI
    if long_side <= 0:
        return DPI
    return max(MIN_DPI, min(DPI, int(MAX_SIDE_PX * 72 / long_side)))


def page_has_image(page: PageObject, depth: int = 0) -> bool:
    """Whether the page's resources hold an image XObject (also inside form XObjects)."""
    try:
        return _resources_have_image(page.get("/Resources"), depth)
    except Exception:
        return False


def _resources_have_image(resources: object, depth: int) -> bool:
    resources = _resolve(resources)
    if not isinstance(resources, DictionaryObject) or depth > 3:
        return False
    xobjects = _resolve(resources.get("/XObject"))
    if not isinstance(xobjects, DictionaryObject):
        return False
    for ref in xobjects.values():
        xobject = _resolve(ref)
        if not isinstance(xobject, StreamObject):
            continue
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            return True
        if subtype == "/Form" and _resources_have_image(xobject.get("/Resources"), depth + 1):
            return True
    return False


def _resolve(value: object) -> object:
    get_object = getattr(value, "get_object", None)
    return get_object() if callable(get_object) else value


def _page(reader: PdfReader | None, number: int) -> PageObject | None:
    if reader is None:
        return None
    try:
        return reader.pages[number - 1]
    except Exception:
        return None
