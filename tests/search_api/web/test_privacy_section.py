"""The dashboard's privacy section: an organisation's flagged documents (waiting ones first,
pages and counts, never the numbers) with their actions, and its takedowns with a restore."""

from __future__ import annotations

from pathlib import Path

from normalize.records import Document, Supplier
from search_api.services import Services
from search_api.web.privacy_section import privacy_section
from vindplaats.settings import load_settings
from vindplaats.sources import build_source


def _doc(source_key: str, native: int, title: str) -> Document:
    return Document.build(
        Supplier.NOTUBIZ,
        source_key,
        native,
        title=title,
        original_url=f"https://example.org/{native}.pdf",
        organization_id=f"organization:notubiz:{source_key}:1",
    )


def test_the_section_lists_flags_and_takedowns_of_the_organisation(tmp_path: Path) -> None:
    svc = Services.open(load_settings(data_dir=tmp_path))
    try:
        store = svc.store
        for key in ("alkmaar", "bergen"):
            store.upsert_source(
                build_source(key=key, name=key, supplier="notubiz", notubiz_organisation_id="1")
            )
        memo, brief, other = (
            _doc("alkmaar", 1, "Memo jeugdzorg"),
            _doc("alkmaar", 2, "Brief"),
            _doc("bergen", 3, "Elders"),
        )
        for doc in (memo, brief, other):
            store.upsert_record(doc)
            store.flag_document(doc.id, doc.source_key, "bsn", {"count": 2, "pages": [1, 3]})
        store.review_flag(memo.id, "editor@alkmaar.nl")
        store.take_down(brief.id, "alkmaar", "Bevat een BSN", "editor@alkmaar.nl")
        section = privacy_section(svc, "alkmaar")
    finally:
        svc.close()
    flags = section["privacy_flags"]
    assert [f.title for f in flags] == ["Brief", "Memo jeugdzorg"]  # not reviewed first
    assert flags[0].taken_down and flags[1].reviewed and section["privacy_open"] == 0
    assert (flags[1].pages, flags[1].count) == ("1, 3", 2)
    assert flags[1].reviewed_text.endswith("door editor@alkmaar.nl")
    assert flags[1].review_action == f"/beheer/documenten/{memo.id}/beoordeeld"
    assert flags[1].takedown_action == f"/beheer/documenten/{memo.id}/offline"
    assert flags[1].url == f"/documenten/{memo.id}"
    [down] = section["privacy_takedowns"]
    assert (down.title, down.reason) == ("Brief", "Bevat een BSN")
    assert down.restore_action == f"/beheer/documenten/{brief.id}/terugzetten"
    assert section["privacy_back"] == "/beheer/organisaties/alkmaar#privacy"
