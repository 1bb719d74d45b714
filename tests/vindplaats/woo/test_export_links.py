"""References between the documents of a Woo-index export name the export's own `<loc>`s.

A Woo publication harvested from another site names its parts and its main document by that
site's file URLs (in the sandbox: http on loopback); the export republishes them, so its
references must lead to the republished documents (and be https: WOO-REF-HTTPS).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from normalize.records import Document, Organization, Supplier
from normalize.woo_metadata import Coded, DocumentRef, Documentrelatie, WooMetadata
from tests.vindplaats.woo.generated import PDF
from vindplaats.settings import Settings
from vindplaats.sources import build_source
from vindplaats.store import open_blobs, open_store
from vindplaats.woo.export import write_export
from vindplaats.woo.export_links import relink
from vindplaats.woo.validate import validate

KEY = "ienw"
TOOI = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1130"
ROOT = "https://vindplaats.example.nl/woo/ienw"
SUPPLIER = "http://woo.example.org/woo/2026-0117/"
OUTSIDE = "https://elders.example.org/besluit-2025.pdf"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _woo(**refs: object) -> WooMetadata:
    return WooMetadata(
        publisher=Coded.of("organisaties", label="Ministerie van IenW", uri=TOOI),
        officiele_titel="Woo-besluit Kreekbrug",
        informatiecategorieen=[Coded.of("informatiecategorieen", label="Woo-verzoeken")],
        **refs,  # type: ignore[arg-type]
    )


def test_relink_rewrites_only_references_to_exported_documents() -> None:
    relinks = {SUPPLIER + "besluit.pdf": ROOT + "/documenten/1/besluit.pdf"}
    metadata = _woo(
        is_part_of=DocumentRef(label="Besluit", resource=SUPPLIER + "besluit.pdf"),
        has_parts=[DocumentRef(label="Elders", resource=OUTSIDE), DocumentRef(label="Leeg")],
        documentrelaties=[
            Documentrelatie(
                role=Coded.of("documentrelaties", label="bijlage"),
                relation=DocumentRef(label="Besluit", resource=SUPPLIER + "besluit.pdf"),
            )
        ],
    )
    out = relink(metadata, relinks)
    assert out.is_part_of == DocumentRef(
        label="Besluit", resource=ROOT + "/documenten/1/besluit.pdf"
    )
    assert [p.resource for p in out.has_parts] == [OUTSIDE, None]
    assert out.documentrelaties[0].relation.resource == ROOT + "/documenten/1/besluit.pdf"
    assert relink(metadata, {}) is metadata


def _store_publication(settings: Settings) -> None:
    store = open_store(settings)
    blobs = open_blobs(settings)
    try:
        source = build_source(
            key=KEY,
            name="IenW",
            supplier="diwoo",
            base_url="https://woo.example.org/",
            tooi_uri=TOOI,
        )
        store.upsert_source(source)
        store.upsert_record(
            Organization.build(Supplier.DIWOO, KEY, KEY, name="IenW", tooi_uri=TOOI)
        )
        sha = blobs.put(PDF)
        parts = {
            "besluit": _woo(
                has_parts=[DocumentRef(label="Bijlage", resource=SUPPLIER + "bijlage.pdf")]
            ),
            "bijlage": _woo(
                is_part_of=DocumentRef(label="Besluit", resource=SUPPLIER + "besluit.pdf")
            ),
        }
        for native, woo in parts.items():
            doc = Document.build(
                Supplier.DIWOO, KEY, native, title=f"Kreekbrug: {native}",
                original_url=f"{SUPPLIER}{native}.pdf", file_name=f"{native}.pdf",
                content_type="application/pdf", woo=woo,
                date=datetime(2026, 10, 14, 10, tzinfo=UTC),
                organization_id=f"organization:diwoo:{KEY}:{KEY}",
            )  # fmt: skip
            store.upsert_record(doc)
            store.record_download(doc.id, sha256=sha, size=len(PDF), content_type="application/pdf")
    finally:
        store.close()


def test_an_export_refers_to_its_own_documents_by_their_loc(
    settings: Settings, tmp_path: Path
) -> None:
    _store_publication(settings)
    store = open_store(settings)
    try:
        report = write_export(store, open_blobs(settings), KEY, ROOT, tmp_path / "out", files=False)
    finally:
        store.close()
    assert report.exported == 2, report.as_json()
    (sitemap,) = (tmp_path / "out" / "sitemaps").glob("*.xml")
    root = etree.parse(str(sitemap)).getroot()
    locs = {u.findtext(f"{SM}loc").rsplit("/", 1)[-1]: u.findtext(f"{SM}loc") for u in root}
    resources = sorted(el.get("resource") for el in root.iter("{*}hasPart", "{*}isPartOf"))
    assert resources == sorted([locs["besluit.pdf"], locs["bijlage.pdf"]])
    assert all(r.startswith(ROOT + "/documenten/") for r in resources)
    assert validate(str(tmp_path / "out"), settings).findings == []
