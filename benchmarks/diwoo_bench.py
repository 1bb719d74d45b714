"""DiWoo metadata: writing and reading a full Woo-index sitemap (50,000 `<url>`, the limit).

    .venv/bin/python -m benchmarks.diwoo_bench [--urls 50000] [--repeat 3]

Builds `--urls` documents' Woo metadata (a Woo decision with every common part), writes them as
one sitemap (`normalize.diwoo_writer`, one `diwoo:Document` per `<url>`), and reads it back with
`normalize.diwoo_reader.read_entries`. Baseline measured in the same run: lxml parsing the same
bytes alone (what any reader pays). Prints the median of `--repeat` runs, µs per URL and the
ratio against the baseline, and the sitemap's size against the 50 MB limit.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime

from lxml import etree

from benchmarks.machine import run_facts
from normalize.diwoo_reader import parse_diwoo_xml, read_entries
from normalize.diwoo_writer import diwoo_document
from normalize.woo_metadata import WooMetadata

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"


def metadata(n: int) -> WooMetadata:
    return WooMetadata.model_validate(
        {
            "identifiers": [f"WOO-2025-{n:06d}"],
            "publisher": {"uri": "https://identifier.overheid.nl/tooi/id/ministerie/mnre1025"},
            "officiele_titel": f"Besluit op het Woo-verzoek nummer {n}",
            "omschrijvingen": ["Besluit op een verzoek om informatie; deels openbaar."],
            "informatiecategorieen": [{"uri": f"{KERN}c_3baef532"}],
            "documentsoorten": [{"uri": f"{KERN}c_4f50ca9c"}],
            "trefwoorden": ["vaccinatie", "campagne"],
            "creatiedatum": date(2025, 11, 3),
            "language": {"label": "Nederlands"},
            "format": {"label": "PDF"},
            "documenthandelingen": [
                {
                    "soort_handeling": {"label": "vaststelling"},
                    "at_time": datetime(2025, 11, 3, 15, tzinfo=UTC),
                }
            ],
        }
    )


def sitemap(urls: int) -> bytes:
    root = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP})  # type: ignore[dict-item]
    for n in range(urls):
        url = etree.SubElement(root, f"{{{SITEMAP}}}url")
        etree.SubElement(url, f"{{{SITEMAP}}}loc").text = f"https://open.example.nl/f/{n}.pdf"
        etree.SubElement(url, f"{{{SITEMAP}}}lastmod").text = "2025-11-12"
        url.append(diwoo_document(metadata(n)))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(run_facts())
    start = time.perf_counter()
    data = sitemap(args.urls)
    built = time.perf_counter() - start
    parse = median_seconds(lambda: parse_diwoo_xml(data), args.repeat)
    read = median_seconds(lambda: read_entries(data), args.repeat)
    entries = read_entries(data)
    assert len(entries) == args.urls and all(e.metadata is not None for e in entries)
    per_url = 1e6 / args.urls
    print(f"sitemap: {args.urls} URLs, {len(data) / 1e6:.1f} MB ({len(data) / 50e6:.0%} of 50 MB)")
    print(f"write (models + writer, once): {built:.2f} s, {built * per_url:.0f} µs/URL")
    print(f"baseline, lxml parse only: {parse:.2f} s, {parse * per_url:.0f} µs/URL")
    print(f"read_entries: {read:.2f} s, {read * per_url:.0f} µs/URL, {read / parse:.1f}x the parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
