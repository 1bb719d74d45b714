"""A generated organisation of N documents, straight into a real SQLite store, for the export.

`generate(settings, n)` registers `gemeente Alkmaar` (key `alkmaar`, TOOI gm0361) and writes `n`
documents in transactions of 1,000, each with its state and a stored original (every document
shares one small PDF: originals are content-addressed). The mix repeats every 20 documents:

- council documents of 3.3.2c (raadsvoorstellen, moties, agenda's) and 3.3.2a (ingekomen
  stukken), PDF, DOCX and ODT, with long Dutch titles and descriptions;
- a Woo publication (`Document.woo`: category 3.3.2f convenanten, its own handeling, themes);
- four that cannot be exported, one per reason: no date, not downloaded, a JPEG, withdrawn.

`EXPECTED_SKIPS` says how many of each kind `n` documents hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from normalize.records import Document, Organization, Supplier
from normalize.woo_metadata import Coded, Documenthandeling, WooMetadata
from vindplaats.settings import Settings
from vindplaats.sources import build_source
from vindplaats.store import open_blobs, open_store

KEY = "alkmaar"
TOOI = "https://identifier.overheid.nl/tooi/id/gemeente/gm0361"
PDF = b"%PDF-1.4\n% generated original for the Woo-index export tests\n%%EOF\n"
CYCLE = 20
BATCH = 1000
_START = datetime(2019, 1, 7, 19, 30, tzinfo=UTC)
_KINDS = (
    ("Raadsvoorstel", "Raadsvoorstellen", "application/pdf", "pdf"),
    ("Motie", "Moties", "application/pdf", "pdf"),
    ("Ingekomen stuk", "Ingekomen stukken", "application/pdf", "pdf"),
    ("Agenda", "Agenda", "application/vnd.oasis.opendocument.text", "odt"),
    (
        "Raadsinformatiebrief",
        "Raadsinformatiebrieven",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
)


@dataclass(frozen=True)
class Generated:
    documents: int
    exportable: int
    skips: dict[str, int]


def _skip_counts(n: int) -> dict[str, int]:
    counts = {"no_date": 0, "not_downloaded": 0, "format_not_accepted": 0, "withdrawn": 0}
    for i in range(n):
        kind = _special(i)
        if kind in counts:
            counts[kind] += 1
    return counts


def _special(i: int) -> str | None:
    return {15: "woo", 16: "no_date", 17: "not_downloaded", 18: "format_not_accepted",
            19: "withdrawn"}.get(i % CYCLE)  # fmt: skip


def _woo(i: int, when: datetime) -> WooMetadata:
    return WooMetadata(
        publisher=Coded.of("organisaties", label="gemeente Alkmaar", uri=TOOI),
        officiele_titel=f"Convenant samenwerking jeugdzorg regio Noord-Holland Noord {i}",
        informatiecategorieen=[Coded.of("informatiecategorieen", label="convenanten")],
        themas=[Coded.of("themas", label="zorg en gezondheid")],
        trefwoorden=["jeugdzorg", "samenwerking"],
        documenthandelingen=[
            Documenthandeling(
                soort_handeling=Coded.of("documenthandelingen", label="ondertekening"),
                at_time=when,
            )
        ],
        language=Coded.of("talen", label="Nederlands"),
    )


def _document(i: int) -> tuple[Document, str, bool]:
    """The i-th document, its content type and whether it is withdrawn."""
    special = _special(i)
    label, register, content_type, ext = _KINDS[i % len(_KINDS)]
    when = _START + timedelta(hours=7 * i)
    native = f"{600000 + i}"
    fields: dict[str, object] = {
        "title": f"{label} {i}: besluitvorming over de herinrichting van het Stationsplein, "
        "fase 2, met de zienswijzen van omwonenden en ondernemers",
        "original_url": f"https://api.notubiz.nl/document/{native}/1",
        "file_name": f"{label} {i} Stationsplein.{ext}",
        "content_type": content_type,
        "document_type": register,
        "description": "Voorstel aan de gemeenteraad met bijlagen en de reactie van het college.",
        "date": when,
        "organization_id": f"organization:notubiz:{KEY}:1",
    }
    if special == "woo":
        fields["woo"] = _woo(i, when)
    elif special == "no_date":
        fields["date"] = None
    elif special == "format_not_accepted":
        content_type = "image/jpeg"
        fields["file_name"] = f"Situatiefoto {i}.jpg"
        fields["content_type"] = content_type
    doc = Document.build(Supplier.NOTUBIZ, KEY, native, **fields)
    return doc, content_type, special == "withdrawn"


def generate(settings: Settings, n: int) -> Generated:
    store = open_store(settings)
    blobs = open_blobs(settings)
    try:
        store.upsert_source(
            build_source(
                key=KEY,
                name="Alkmaar",
                supplier="notubiz",
                notubiz_organisation_id="987",
                cbs_code="GM0361",
                tooi_uri=TOOI,
            )
        )
        store.upsert_record(
            Organization.build(Supplier.NOTUBIZ, KEY, 1, name="gemeente Alkmaar", tooi_uri=TOOI)
        )
        sha = blobs.put(PDF)
        withdrawn: list[str] = []
        for start in range(0, n, BATCH):
            with store.transaction():
                for i in range(start, min(n, start + BATCH)):
                    doc, content_type, gone = _document(i)
                    store.upsert_record(doc)
                    if _special(i) != "not_downloaded":
                        store.record_download(
                            doc.id, sha256=sha, size=len(PDF), content_type=content_type
                        )
                    if gone:
                        withdrawn.append(doc.id)
            if withdrawn:
                store.mark_withdrawn(withdrawn)
                withdrawn = []
    finally:
        store.close()
    skips = _skip_counts(n)
    return Generated(documents=n, exportable=n - sum(skips.values()), skips=skips)


__all__ = ["KEY", "TOOI", "Generated", "generate"]
