"""Woo-besluit dossiers: the dossier stage of a DiWoo harvest over a ministry-size source.

    .venv/bin/python -m benchmarks.dossier_bench [--dossiers 100] [--rows 100] [--repeat 3]

Stores `--dossiers` Woo-besluiten in a SQLite store in a temporary directory, each a decision
letter, an XLSX inventory of `--rows` rows (written with openpyxl; half the rows link to their
file, half are found by the number in the file name) and the `--rows` documents it judged, all
with DiWoo metadata and downloaded originals. Then times `assemble_dossiers`: the first run
(every inventory parsed) and a second run over unchanged originals (the stored rows reused).
Baselines measured in the same run: reading the source's documents from the store (what any
stage that looks at every document pays) and parsing every inventory alone (`read_inventory`).
Prints the median of `--repeat` runs (after one warm-up run each), µs per document and the
ratios against the baselines.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import openpyxl

from normalize.inventory import read_inventory
from normalize.records import Document, Organization, Supplier
from normalize.woo_metadata import WooMetadata
from vindplaats.harvest.dossiers import assemble_dossiers
from vindplaats.sources import build_source
from vindplaats.store import BlobStore, SQLiteStore, Store

KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
SOURCE = "vws"
ORG = Organization.build(Supplier.DIWOO, SOURCE, SOURCE, name="VWS")
HEADER = ["ID", "Document", "Datum", "Beoordeling", "Beoordelingsgrond", "Publieke Link"]
JUDGEMENTS = ["Openbaar", "Deels Openbaar", "Niet Openbaar", "Reeds openbaar"]


def woo(**fields: object) -> WooMetadata:
    return WooMetadata.model_validate(
        {
            "publisher": {"uri": "https://identifier.overheid.nl/tooi/id/ministerie/mnre1025"},
            "informatiecategorieen": [{"uri": f"{KERN}c_3baef532"}],
            "documenthandelingen": [
                {
                    "soort_handeling": {"label": "vaststelling"},
                    "at_time": datetime(2025, 11, 3, 15, tzinfo=UTC),
                }
            ],
            **fields,
        }
    )


def doc(url: str, title: str, metadata: WooMetadata, name: str) -> Document:
    return Document.build(Supplier.DIWOO, SOURCE, url, title=title, original_url=url,
                          organization_id=ORG.id, woo=metadata, file_name=name)  # fmt: skip


def inventory(site: str, rows: int) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER)
    for n in range(1, rows + 1):
        link = f"{site}/documenten/{n}.pdf" if n % 2 else None
        sheet.append([n, f"Document {n}", "2/19/2021 8:46 AM UTC", JUDGEMENTS[n % 4],
                      "5.1.2e; 5.1.1c;" if n % 4 in (1, 2) else None, link])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def publish(store: Store, blobs: BlobStore, dossiers: int, rows: int) -> list[bytes]:
    store.upsert_source(build_source(key=SOURCE, name="VWS", supplier="diwoo"))
    store.upsert_record(ORG)
    lists = []
    for d in range(dossiers):
        site = f"https://open.example.nl/woo/{d:05d}"
        letter_url = f"{site}/besluit.pdf"
        part = woo(is_part_of={"resource": letter_url})
        files: list[tuple[Document, bytes]] = [
            (doc(letter_url, f"Besluit Woo-verzoek {d}", woo(
                officiele_titel=f"Besluit op het Woo-verzoek {d}",
                documentsoorten=[{"label": "beslissing op Wob-/Woo-verzoek"}],
            ), "besluit.pdf"), b"%PDF-1.7 besluit"),
        ]  # fmt: skip
        data = inventory(site, rows)
        lists.append(data)
        files.append((doc(f"{site}/inventarislijst.xlsx", "Inventarislijst", part,
                          "inventarislijst.xlsx"), data))  # fmt: skip
        for n in range(1, rows + 1):
            name = f"{n}.pdf" if n % 2 else f"{n}_bijlage.pdf"
            url = f"{site}/documenten/{name}"
            files.append((doc(url, f"Document {n}", part, name), f"%PDF-1.7 {n}".encode()))
        with store.transaction():
            for record, content in files:
                store.upsert_record(record)
                store.record_download(record.id, sha256=blobs.put(content), size=len(content),
                                      content_type="application/pdf")  # fmt: skip
    return lists


def timed(step: Callable[[], object], repeat: int) -> float:
    """The median seconds of `repeat` runs after one untimed warm-up run."""
    step()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=100)
    parser.add_argument("--rows", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "store.sqlite3")
        blobs = BlobStore(Path(tmp) / "originals")
        start = time.perf_counter()
        lists = publish(store, blobs, args.dossiers, args.rows)
        setup = time.perf_counter() - start
        documents = args.dossiers * (args.rows + 2)
        read_docs = timed(
            lambda: sum(1 for _ in store.iter_records("document", SOURCE)), args.repeat
        )
        parse = timed(lambda: [read_inventory(data) for data in lists], args.repeat)
        first = timed(lambda: _fresh_run(store, blobs), args.repeat)
        report = assemble_dossiers(store, blobs, SOURCE)
        again = timed(lambda: assemble_dossiers(store, blobs, SOURCE), args.repeat)
        store.close()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load}")
    print(f"{args.dossiers} dossiers x {args.rows} rows: {documents} documents stored in "
          f"{setup:.1f} s (not timed below)")  # fmt: skip
    counts = report.counts
    print(
        f"dossiers {counts['dossiers']}, rows joined {counts['dossier_rows_joined']} of "
        f"{counts['dossier_rows']}, changed on the last run {counts['dossiers_changed']}"
    )
    rows = [
        ("read the source's documents (baseline)", read_docs),
        ("parse every inventory alone (read_inventory)", parse),
        ("assemble_dossiers, first run (every inventory read)", first),
        ("assemble_dossiers, unchanged originals (rows reused)", again),
    ]
    print(f"{'step':<56} {'seconds':>8} {'µs/doc':>8} {'x baseline':>10}")
    for label, seconds in rows:
        print(f"{label:<56} {seconds:8.2f} {seconds / documents * 1e6:8.0f} "
              f"{seconds / read_docs:10.1f}")  # fmt: skip
    return 0


def _fresh_run(store: SQLiteStore, blobs: BlobStore) -> None:
    """A first run: no stored dossier to reuse rows from."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM dossier_documents")
        conn.execute("DELETE FROM records WHERE type='dossier'")
    assemble_dossiers(store, blobs, SOURCE)


if __name__ == "__main__":
    raise SystemExit(main())
