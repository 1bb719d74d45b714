"""The document files of the GemeenteOplossingen and Parlaeus sample towns.

Each paper is a PDF with a real text layer drawn by `files.pdf_bytes` (reportlab, invariant, so
the bytes never change). Its pages are composed like the NotuBiz documents' (`blueprints`):
the blueprint's own paragraphs (`pages`) and seeded filler from `texts`, filled with the town's
flavour (`places`).
Same paper in, same bytes out, on every run; files are built on first use and kept in memory.
"""

from __future__ import annotations

import random
import threading

from vindplaats.sandbox.blueprints import BLUEPRINTS, Page
from vindplaats.sandbox.concepts import Document
from vindplaats.sandbox.files import pdf_bytes
from vindplaats.sandbox.go_model import Town
from vindplaats.sandbox.pages import PAGES
from vindplaats.sandbox.texts import FILLER, SAMPLE_NOTICE


def compose(town: Town, paper: Document[int]) -> list[Page]:
    """The pages of text of one paper (page 1 opens with the town and the sample notice)."""
    bp = BLUEPRINTS[paper.blueprint]
    values = {**town.flavour, "jaar": "2026"}
    rng = random.Random(f"{town.key}:{paper.id}")
    fixed = PAGES[paper.blueprint]
    pool = [p.format(**values) for p in FILLER[bp.topic]]
    pages = []
    for number in range(1, bp.pages + 1):
        own = [p.format(**values) for p in fixed[number - 1]] if number <= len(fixed) else []
        extra = rng.sample(pool, k=min(len(pool), 1 if own else 3))
        heading = paper.title if number == 1 else f"{paper.title} (vervolg)"
        pages.append(Page(heading=heading, paragraphs=(*own, *extra)))
    opening = f"Gemeente {town.flavour['gemeente']}. {SAMPLE_NOTICE}"
    pages[0] = Page(heading=pages[0].heading, paragraphs=(opening, *pages[0].paragraphs))
    return pages


class PaperFiles:
    """Builds each paper's PDF once (thread-safe) and keeps it in memory."""

    def __init__(self) -> None:
        self._memory: dict[tuple[str, int], bytes] = {}
        self._lock = threading.Lock()

    def get(self, town: Town, paper: Document[int]) -> bytes:
        key = (town.key, paper.id)
        with self._lock:
            data = self._memory.get(key)
            if data is None:
                data = pdf_bytes(compose(town, paper), paper.title)
                self._memory[key] = data
            return data
