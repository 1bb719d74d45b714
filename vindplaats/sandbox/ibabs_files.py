"""The files behind the iBabs sample documents: PDFs with Dutch text, drawn by the sandbox's
deterministic PDF writer (`files.pdf_bytes`; same document in, same bytes out, on every run) and
kept in memory.
"""

from __future__ import annotations

import threading

from vindplaats.sandbox.blueprints import Page
from vindplaats.sandbox.concepts import Document
from vindplaats.sandbox.files import pdf_bytes
from vindplaats.sandbox.ibabs_texts import NOTICE, PARAGRAPHS
from vindplaats.sandbox.places import IBABS_FLAVOURS

PER_PAGE = 4  # paragraphs per page
PLACES = ("gemeente", "burgemeester", "griffier", "locatie", "wijk", "project")  # of a Flavour


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def compose(doc: Document[str]) -> list[Page]:
    """The pages of text of a document: its kind's paragraphs, filled for its municipality."""
    flavour = IBABS_FLAVOURS[doc.source_key]
    values = _Blank({name: getattr(flavour, name) for name in PLACES})
    values.update(doc.fill)
    paragraphs = [p.format_map(values) for p in PARAGRAPHS[doc.blueprint]]
    paragraphs.insert(0, f"Gemeente {flavour.gemeente}. {NOTICE}")
    chunks = [paragraphs[i : i + PER_PAGE] for i in range(0, len(paragraphs), PER_PAGE)]
    return [
        Page(heading=doc.title if number == 0 else f"{doc.title} (vervolg)", paragraphs=tuple(c))
        for number, c in enumerate(chunks)
    ]


class IbabsFiles:
    """Builds each document's PDF once and keeps it in memory (a few hundred small files)."""

    def __init__(self) -> None:
        self._memory: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, doc: Document[str]) -> bytes:
        with self._lock:
            data = self._memory.get(doc.id)
            if data is None:
                data = pdf_bytes(compose(doc), doc.title)
                self._memory[doc.id] = data
            return data
