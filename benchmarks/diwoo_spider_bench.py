"""The DiWoo spider's work per `<url>`: a sitemap read into Document records.

    .venv/bin/python -m benchmarks.diwoo_spider_bench [--urls 26000] [--repeat 3]

Writes one sitemap of `--urls` full DiWoo documents (`benchmarks.diwoo_bench.sitemap`; 26,000
is about where such a sitemap reaches the Woo-index's 50 MB), gzips it, and measures what the
spider does with it besides the network: decompress (`diwoo_parse.unpack`), read the listing
(`read_listing`), and per `<url>` the id from its URL, the fields and a validated `Document`
(`Document.build`, the vocabulary included). Baseline in the same run: `read_entries` alone (the
DiWoo reader). Prints medians of `--repeat` runs, µs per URL, the ratio to the baseline and the
peak memory the records add (tracemalloc).
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tracemalloc
from collections.abc import Callable

from benchmarks.diwoo_bench import median_seconds, sitemap
from benchmarks.machine import run_facts
from crawlers import diwoo_parse as parse
from normalize.diwoo_reader import read_entries
from normalize.records import Document, Supplier

SITE = "https://open.example.nl"
ORG = "organization:diwoo:bench:bench"


def records(data: bytes) -> list[Document]:
    listing = parse.read_listing(parse.unpack(data, cap=1 << 31))
    out = []
    for entry in listing.entries:
        assert entry.loc is not None
        native = parse.url_native(entry.loc, SITE)
        fields = parse.document_fields(entry, entry.loc)
        out.append(Document.build(Supplier.DIWOO, "bench", native, **fields, organization_id=ORG))
    return out


def peak_mib(work: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=26_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(run_facts())
    data = sitemap(args.urls)
    packed = gzip.compress(data)
    assert len(records(packed)) == args.urls
    base = median_seconds(lambda: read_entries(data), args.repeat)
    spider = median_seconds(lambda: records(packed), args.repeat)
    base_mem = peak_mib(lambda: read_entries(data))
    spider_mem = peak_mib(lambda: records(packed))
    per_url = 1e6 / args.urls
    print(f"sitemap: {args.urls} URLs, {len(data) / 1e6:.1f} MB, gzip {len(packed) / 1e6:.1f} MB")
    print(
        f"baseline, read_entries: {base:.2f} s, {base * per_url:.0f} µs/URL, "
        f"peak {base_mem:.0f} MiB"
    )
    print(
        f"spider (gunzip, read_listing, ids, fields, Document.build): {spider:.2f} s, "
        f"{spider * per_url:.0f} µs/URL, {spider / base:.2f}x the baseline; "
        f"peak {spider_mem:.0f} MiB, {spider_mem / base_mem:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
