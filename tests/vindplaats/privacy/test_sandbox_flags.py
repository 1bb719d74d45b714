"""A real harvest of a sandbox town: the sample memo holding two fictional BSNs is flagged
(its pages and the count, never the numbers), the annual accounts with nine-digit numbers that
fail the elfproef are not, and nothing else is."""

from __future__ import annotations

from pathlib import Path

from normalize.records import Document
from vindplaats.harvest.run import harvest
from vindplaats.sandbox import Sandbox
from vindplaats.settings import load_settings
from vindplaats.store import open_store

KEY = "voorbeeldstad"


def test_a_harvest_flags_the_memo_with_bsns_and_nothing_else(tmp_path: Path) -> None:
    with Sandbox(files_dir=tmp_path / "files") as sandbox:
        settings = load_settings(
            data_dir=tmp_path / "data",
            allow_private_networks=True,
            download_delay=0,
            autothrottle=False,
            ocr=False,
        )
        store = open_store(settings)
        for source in sandbox.sources(supplier="notubiz"):
            store.upsert_source(source)
        w = sandbox.world
        harvest(settings, KEY, since=w.date_from, until=w.date_until)
    try:
        flags = store.document_flags([KEY])
        titles = {}
        for flag in flags:
            record = store.get_record(flag.document_id)
            assert isinstance(record, Document)
            titles[record.title] = flag
        assert set(titles) == {"Memo afdoening toezegging evaluatie jeugdzorg"}
        [flag] = titles.values()
        assert flag.reason == "bsn" and flag.detail["count"] == 2
        assert flag.detail["pages"] and flag.reviewed_at is None
        assert "111222333" not in repr(flag) and "1234.56.782" not in repr(flag)
        accounts = [r for r in store.iter_records("document", KEY) if r.title == "Jaarstukken 2025"]
        assert accounts and all(store.get_flag(r.id) is None for r in accounts)
    finally:
        store.close()
